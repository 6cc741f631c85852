"""Handlers for amounts of time: durations ("58 months", "for years"), sets ("every winter",
"daily") and the PRESENT_REF/PAST_REF/FUTURE_REF references."""

from __future__ import annotations

import re

from newsgraph.pipeline.stages.times.lexicon import Lexicon
from newsgraph.pipeline.stages.times.normalisation import (
    Groups,
    _pod,
    duration_value,
    handler,
    number,
)
from newsgraph.pipeline.stages.times.sem import Sem


@handler("long_adj")
def _long_adj(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = lx.unit(g["unit"] or "")
    if unit is None:
        return None
    n = number(g["num"], lx) if g["num"] else (None if (g["unit"] or "").endswith("s") else 1.0)
    return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))


@handler("duration")
def _duration(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = lx.unit(g["unit"] or "")
    if unit is None:
        return None
    n = number(g["num"], lx)
    if g["num2"] is not None:
        n = None  # "12 to 18 months": a range, vague in TIMEX3
    elif n is not None and g["half"]:
        n += 0.5
    numtext = (g["num"] or "").lower()
    if n is None and numtext in ("some", "many") and not g["rel"]:
        return None
    if re.fullmatch(r"\d+", numtext) and int(numtext) > 1000 and unit.name == "year":
        return None
    if unit.name == "quarter" and not (g["the"] or g["rel"]) and numtext in ("a", "an", "one"):
        return None  # "a quarter" is a fraction more often than three months
    return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))


@handler("vague")
def _vague(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    if not (g["rel"] or g["q"]):
        return None  # a bare plural is tagged only with a preposition (checked in recognition)
    unit = lx.unit(g["unit"] or "")
    if unit is None:
        return None
    # "the next couple of years": a couple is two, not a vague amount
    n = 2 if re.sub(r"\s+", " ", (g["q"] or "").lower()) == "couple of" else None
    return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))


@handler("vague_span")
def _vague_span(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    """ "for some time", "for a while": a duration whose length and unit are both unknown."""
    return Sem("DURATION", "duration", value="PXX")


@handler("ref")
def _ref(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    key = re.sub(r"\s+", " ", (g["ref"] or "").lower())
    value = lx.refs.get(key)
    return Sem("DATE", "ref", value=value) if value else None


@handler("set")
def _set(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    what = g["what"] or ""
    every = 2 if (g["ord"] or "").lower() == "other" else 1
    unit = lx.unit(what)
    if unit is not None:
        if unit.name in ("quarter", "decade", "century"):
            return Sem("SET", "set", value=f"P{every}{unit.letter}")
        return Sem("SET", "set", value=duration_value(every, unit.name, lx))
    wd = lx.weekday(what)
    if wd is not None:
        return Sem("SET", "set", value=f"XXXX-WXX-{wd}")
    month = lx.month(what)
    if month is not None:
        return Sem("SET", "set", value=f"XXXX-{month:02d}")
    season = lx.seasons.get(what.lower())
    if season:
        return Sem("SET", "set", value=f"XXXX-{season}")
    pod = _pod(what, lx)
    return Sem("SET", "set", value=f"XXXX-XX-XXT{pod}") if pod else None


@handler("set_adv")
def _set_adv(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    value = lx.sets.get((g["adv"] or "").lower())
    return Sem("SET", "set", value=value) if value else None


@handler("set_per")
def _set_per(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = lx.unit(g["unit"] or "")
    return Sem("SET", "set", value=duration_value(1, unit.name, lx)) if unit else None


@handler("weekday_plural")
def _weekday_plural(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    wd = lx.weekday(g["wd"] or "")
    return Sem("SET", "set", value=f"XXXX-WXX-{wd}") if wd else None
