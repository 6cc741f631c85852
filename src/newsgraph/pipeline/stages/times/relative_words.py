"""Handlers for deictic and anaphoric expressions: weekdays, "yesterday", parts of the day,
"last week", "the following month", "two years ago", clock times."""

from __future__ import annotations

import re

from newsgraph.pipeline.stages.times.lexicon import Lexicon, lexicon
from newsgraph.pipeline.stages.times.normalisation import (
    Groups,
    _pod,
    duration_value,
    handler,
    number,
)
from newsgraph.pipeline.stages.times.sem import Sem


@handler("weekday")
def _weekday_h(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = g["wd"] or ""
    wd = lx.weekday(word)
    if wd is None or not word[:1].isupper():
        return None
    if len(word.rstrip(".")) <= 4 and not word.endswith("."):
        return None  # "Sun", "Wed" without a dot are names more often than days
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    shift = {
        "last": -1,
        "next": 1,
        "this past": -1,
        "this coming": 1,
        "the previous": -1,
        "the following": 1,
    }.get(rel, 0)
    pod = _pod(g["pod"], lx)
    if pod and g.get("plural"):
        return Sem("SET", "set", value=f"XXXX-WXX-{wd}T{pod}")  # "Tuesday nights": every one
    return Sem(
        "TIME" if pod else "DATE",
        "part" if pod else "day",
        weekday=wd,
        part=pod,
        # "the previous Friday" counts back from the day the story is telling, as "the previous
        # day" does; "last Friday" from the article date
        rel="weekday_discourse" if rel in ("the previous", "the following") else "weekday",
        shift=shift,
    )


@handler("dayword")
@handler("pod_day")
def _dayword(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = (g["dw"] or "").lower()
    pod = _pod(g["pod"], lx)
    if word == "tonight":
        pod = "NI"
    if word in lx.day_words:
        sem = Sem(
            "TIME" if pod else "DATE",
            "part" if pod else "day",
            rel="dct",
            shift=lx.day_words[word],
            shift_unit="day",
            part=pod,
        )
        return sem
    wd = lx.weekday(g["dw"] or "")
    if wd is None:
        return None
    return Sem(
        "TIME" if pod else "DATE", "part" if pod else "day", weekday=wd, part=pod, rel="weekday"
    )


@handler("pod_rel")
def _pod_rel(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    pod = _pod(g["pod"], lx)
    if pod is None:
        return None
    if rel == "the" and not g["pre"]:
        if g.get("in") is not None or g.get("in2") is not None:
            # "placed orders in the morning": that part of the day the story is telling
            return Sem("TIME", "part", rel="clock", part=pod)
        return None  # "the night" alone is rarely a date
    if rel in ("this", "last"):
        shift = -1 if rel == "last" and pod == "NI" else 0
        return Sem("TIME", "part", rel="dct", shift=shift, shift_unit="day", part=pod)
    shift = {"the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
    return Sem("TIME", "part", rel="discourse", shift=shift, shift_unit="day", part=pod)


@handler("pod_bare")
def _pod_bare(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    pod = _pod(re.sub(r"[-\s]+", "-", g["pod"] or ""), lx)
    return Sem("TIME", "part", rel="dct", part=pod) if pod else None


@handler("overnight")
def _overnight(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    # the night before the day the story tells (see the "clock" mode in anchoring)
    return Sem("TIME", "part", rel="clock", shift=-1, shift_unit="day", part="NI")


_REL_SHIFT = {
    "this past": -1,
    "this": 0,
    "current": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "same": 0,
    "the same": 0,
    "that same": 0,
    "that": 0,
    "latest": 0,
    "recent": -1,
}
_ANAPHORIC = {
    "following",
    "previous",
    "preceding",
    "prior",
    "same",
    "the same",
    "that same",
    "that",
}


@handler("rel_unit")
def _rel_unit(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    unit = (g["unit"] or "").lower()
    if rel == "recent" or (rel == "latest" and unit != "quarter"):
        return None
    if rel in ("past", "last") and unit in ("decade", "century"):
        return Sem("DURATION", "duration", value=duration_value(1, unit, lx))
    shift = _REL_SHIFT.get(rel, 0)
    # "the next day" counts from the story's last date, "next week" from the article date
    rel_mode = "discourse" if rel in _ANAPHORIC or (g["the"] and rel == "next") else "dct"
    if unit in lx.seasons and rel in ("last", "past", "this past", "previous", "next", "coming"):
        # "last spring": the spring before the current season, "next fall" the one after
        return Sem(
            "DATE",
            "season",
            season=lx.seasons[unit],
            rel="tense",
            shift=1 if shift > 0 else -1,
            shift_unit="strict",
            force_tense="future" if shift > 0 else "past",
        )
    if unit in lx.seasons or unit == "season":
        return Sem(
            "DATE",
            "season",
            season=lx.seasons.get(unit),
            rel=rel_mode,
            shift=shift,
            shift_unit="year",
            unit="year",
        )
    if unit == "weekend":
        return Sem("DATE", "weekend", rel=rel_mode, shift=shift, shift_unit="week", unit="weekend")
    gran = {"decade": "decade", "century": "century"}.get(unit, unit)
    return Sem("DATE", gran, rel=rel_mode, shift=shift, shift_unit=unit, unit=unit)


def _unit_name(word: str) -> str:
    return lexicon().unit_forms.get(word.lower(), word.lower())


@handler("the_unit")
def _the_unit(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = (g["unit"] or "").lower()
    det = (g["the"] or "").lower()
    adj = (g["adj"] or "").strip()
    if unit == "weekend":
        return Sem("DATE", "weekend", rel="weekend", unit="weekend")
    if det == "the" and not adj:
        if unit == "day":
            return None  # "the day" is rarely a date by itself
        if unit == "year":
            return Sem("DURATION", "duration", value="P1Y")  # "for the year"
    return Sem("DATE", unit, rel="dct", unit=unit)


@handler("unit_rel")
def _unit_rel(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = (g["unit"] or "").lower()
    step = -1 if (g["dir"] or "").lower() in ("before", "earlier") else 1
    return Sem("DATE", unit, rel="discourse", shift=step, shift_unit=unit, unit=unit)


@handler("shift")
def _shift(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = lx.unit(g["unit"] or "")
    if unit is None or unit.name == "weekend":
        return None
    n = number(g["num"], lx)
    direction = re.sub(r"\s+", " ", (g["dir"] or "").lower())
    if direction in ("before", "after", "since", "later"):
        # "two years after the war", "three days later": TimeML tags the amount of time only and
        # leaves the signal word out (in TimeBank and AQUAINT every tagged "N units later" is so)
        return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))
    sign = -1 if direction in ("ago", "earlier", "previously", "back") else 1
    gran = unit.granularity
    mode = "dct" if direction in ("ago", "from now", "hence", "back") else "discourse"
    if n is None:
        if mode == "discourse":
            # "a few days later": counted from a story time, so no value; TimeML tags the amount
            return Sem("DURATION", "duration", value=duration_value(None, unit.name, lx))
        return Sem("DATE", "ref", value="PAST_REF" if sign < 0 else "FUTURE_REF")
    if n != int(n):
        return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))
    if unit.time:
        return Sem("TIME", gran, rel=mode, shift=int(sign * n), shift_unit=unit.name)
    return Sem(
        "DATE",
        gran,
        rel=mode,
        shift=int(sign * n),
        shift_unit=unit.name,
        unit=unit.name if mode == "dct" else None,
        period_shift=int(sign * n) if unit.name == "year" else 0,
    )


@handler("shift_adj")
def _shift_adj(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = (g["unit"] or "").lower()
    noun = re.sub(r"\s+", " ", (g["noun"] or "").lower())
    if noun.endswith(" months"):
        # "the year-earlier nine months": an amount of time (a year before the current one)
        n = number(noun.split()[0], lx)
        return Sem("DURATION", "duration", value=duration_value(n, "month", lx))
    if noun in ("quarter", "period") and unit == "year":
        # "the year-ago quarter": the last completed quarter, a year back
        return Sem(
            "DATE",
            "quarter",
            rel="dct",
            unit="quarter",
            shift=-5,
            shift_unit="quarter",
            period_shift=-1,
        )
    # "year-ago" counts from the article date, as "ago" always does; "year-earlier" from the
    # story's last date.
    ago = (g["dir"] or "").lower() == "ago"
    return Sem(
        "DATE",
        unit,
        rel="dct" if ago else "discourse",
        shift=-1,
        shift_unit=unit,
        unit=unit if ago else None,
        period_shift=-1 if unit == "year" else 0,
    )


@handler("time")
@handler("time24")
@handler("time_mil")
def _time(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    h = int(g["h"] or 0)
    mi = int(g["mi"] or 0)
    ampm = (g.get("ampm") or "").lower()
    if h > 24 or (ampm and not 1 <= h <= 12):
        return None
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    return Sem("TIME", "minute", hour=h, minute=mi, rel="clock")


@handler("clock_pod")
def _clock_pod(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    """ "4 in the morning" (04:00), "8 in the evening" (20:00), "11 at night" (23:00)."""
    h = int(g["h"] or 0)
    pod = (g["pod"] or g["night"] or "").lower()
    if pod in ("afternoon", "evening") or (pod == "night" and h >= 6):
        h = h + 12 if h < 12 else h
    elif h == 12 and pod in ("morning", "night"):
        h = 0
    return Sem("TIME", "minute", hour=h, minute=int(g["mi"] or 0), rel="clock")


@handler("noon")
def _noon(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = (g["word"] or "").lower()
    return Sem("TIME", "minute", hour=24 if word == "midnight" else 12, minute=0, rel="clock")
