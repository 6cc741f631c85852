"""Handlers for calendar names: dates, months, years, decades, quarters, seasons, named days."""

from __future__ import annotations

import re

from newsgraph.pipeline.stages.times.lexicon import Lexicon
from newsgraph.pipeline.stages.times.normalisation import (
    _AMBIGUOUS_MONTHS,
    Groups,
    _month_ok,
    _weekday,
    _year,
    handler,
)
from newsgraph.pipeline.stages.times.sem import Sem


@handler("date_iso")
def _date_iso(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    y, m, d = int(g["year"] or 0), int(g["mon"] or 0), int(g["day"] or 0)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return Sem("DATE", "day", year=y, month=m, day=d, explicit_year=True)


@handler("date_slash")
def _date_slash(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    m, d = int(g["mon"] or 0), int(g["day"] or 0)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return Sem("DATE", "day", year=_year(g["year"]), month=m, day=d, explicit_year=True)


@handler("date_mdy")
@handler("date_dmy")
def _date_md(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    month = lx.month(g["mon"] or "")
    day = int(g["day"] or 0)
    if month is None or not 1 <= day <= 31:
        return None
    if not (g["mon"] or "")[:1].isupper():
        return None
    year = _year(g["year"])
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    force = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(
        rel
    )
    return Sem(
        "DATE",
        "day",
        year=year,
        month=month,
        day=day,
        weekday=_weekday(g, lx),
        explicit_year=year is not None,
        rel=None if year else "tense",
        force_tense=force,
    )


@handler("week_of")
def _week_of(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    """ "the week of March 6": the calendar week containing that day."""
    sem = _date_md(g, text, lx)
    if sem is not None:
        sem.granularity = "week"
    return sem


@handler("month_year")
def _month_year(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    month = lx.month(g["mon"] or "")
    if month is None or not (g["mon"] or "")[:1].isupper():
        return None
    year = _year(g["year"]) or _spoken_year(g.get("yw"))
    if year is None:
        return None
    return Sem("DATE", "month", year=year, month=month, explicit_year=True)


@handler("month")
def _month(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = g["mon"] or ""
    month = lx.month(word)
    if month is None or not (
        _month_ok(word, text) or (word[:1].isupper() and (g.get("rel") or g.get("yrel")))
    ):
        return None
    if (
        len(word.rstrip(".")) <= 4
        and not word.endswith(".")
        and word.lower() not in ("may", "june", "july")
    ):
        return None
    if word.lower() in _AMBIGUOUS_MONTHS and not g.get("rel") and not g.get("mod"):
        return None
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    yrel = (g.get("yrel") or "").lower()
    if yrel:  # "June last year"
        return Sem(
            "DATE",
            "month",
            month=month,
            rel="year",
            shift={"last": -1, "next": 1}.get(yrel, 0),
            shift_unit="year",
        )
    force = {
        "last": "past",
        "past": "past",
        "this past": "past",
        "previous": "past",
        "next": "future",
        "coming": "future",
        "following": "future",
    }.get(rel)
    # "last June": the June before the reference month, strictly
    return Sem(
        "DATE",
        "month",
        month=month,
        rel="tense",
        force_tense=force,
        shift=-1 if force == "past" else (1 if force else 0),
        shift_unit="strict" if force else None,
    )


@handler("year_period")
@handler("year")
def _year_h(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    y = int(g["year"] or 0)
    if not 1000 <= y <= 2099:
        return None
    if re.search(r"period$", text, re.IGNORECASE):
        # "the 1988 period": the period under discussion (a quarter, a half), in 1988
        return Sem("DATE", "year", year=y, explicit_year=True, rel="period_year")
    return Sem("DATE", "year", year=y, explicit_year=True)


@handler("decade")
def _decade(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    if g["dec"]:
        dec = int(g["dec"])
    elif g["dec2"]:
        dec = 190 + int(g["dec2"]) if int(g["dec2"]) >= 2 else 200 + int(g["dec2"])
    else:
        return None
    return Sem("DATE", "decade", value=f"{dec:03d}")


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


@handler("decade_words")
def _decade_words(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    """ "the nineties", "the late eighties": a decade of the 1900s, as the digits "the 1990s"."""
    tens = _DECADE_WORDS.get((g["dw"] or "").lower())
    return Sem("DATE", "decade", value=f"19{tens}") if tens else None


@handler("century")
def _century(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = (g["ord"] or "").lower()
    n = lx.ordinals.get(word)
    if n is None:
        digits = re.match(r"\d+", word)
        n = int(digits.group()) if digits else None
    if not n or n < 1:
        return None
    return Sem("DATE", "century", value=f"{n - 1:02d}")


_ORD_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@handler("quarter")
def _quarter(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    rels = (g["rels"] or "").lower().split()
    ordw = (g["ord"] or "").lower()
    half = (g["qh"] or "").lower() == "half"
    # "the latest period": the last reported quarter, as "the latest quarter"; other periods
    # ("the 1988 period", "the year-ago period") have their own readers
    named = ordw or g["yrpos"] or g["thisyr"] or g["ofyear"] or g["ofrel"]
    if (g["qh"] or "").lower() == "period" and (named or rels[-1:] not in (["latest"], ["recent"])):
        return None
    if not ordw and rels and rels[-1] in ("last", "final") and (g["ofyear"] or g["ofrel"]):
        ordw = rels.pop()  # "the last half of 1989" is its second half, not the one before
    if not (g["the"] or g["thisyr"] or g["yrpos"] or rels or ordw):
        return None  # "a quarter of the vote"
    if half and not ordw:
        return None
    n = _ORD_Q.get(ordw) if ordw not in ("final", "last") else (2 if half else 4)
    if half and n not in (1, 2):
        return None
    year = _year(g["yrpos"] or g["ofyear"])
    sem = Sem("DATE", "half" if half else "quarter", year=year, explicit_year=year is not None)
    if half:
        sem.half = n
    else:
        sem.quarter = n
    # "last year's third quarter" is the third quarter of the year named before it, as is
    # "the third quarter of last year"
    ofrel = (g["ofrel"] or "").lower() or (g["thisyr"] or "").lower()[:4].strip()
    # "the quarter a year ago": the quarter under discussion, a year before (as "year-ago")
    ago = bool(g["ago"]) or "year-earlier" in rels or "year-ago" in rels
    if ofrel == "last" or ago:
        sem.shift, sem.shift_unit = -1, "year"
    elif ofrel == "next":
        sem.shift, sem.shift_unit = 1, "year"
    if year is not None and n is None and not half and not rels:
        sem.rel = "period_year"  # "the 1988 quarter": the quarter under discussion, in 1988
    if year is None:
        if n is None:
            # "the quarter", "the latest quarter": the last completed one; "this quarter": current.
            step = {"this": 0, "current": 0, "next": 1}.get(rels[0] if rels else "", -1)
            sem.rel, sem.unit, sem.shift, sem.shift_unit = "dct", "quarter", step, "quarter"
            if ago or ofrel == "last":
                sem.shift, sem.period_shift = -5, -1
        else:
            sem.rel = "discourse" if sem.shift_unit == "year" and not ofrel else "year"
            if sem.rel == "year" and not ofrel and not half:
                sem.rel = "quarter_year"  # "the fourth quarter": reported or current (anchoring)
    return sem


@handler("two_quarters")
def _two_quarters(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    """ "the first two quarters of 1990": its first half (``1990-H1``)."""
    year = _year(g["ofyear"])
    half = 1 if (g["which"] or "").lower() == "first" else 2
    return Sem("DATE", "half", half=half, year=year, explicit_year=True)


@handler("qcode")
def _qcode(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    q = int((g["q"] or "Q0")[1])
    year = _year(g["year"])
    return Sem(
        "DATE",
        "quarter",
        quarter=q,
        year=year,
        explicit_year=year is not None,
        rel=None if year else "year",
    )


_TENS = {
    "ten": 1,
    "twenty": 2,
    "thirty": 3,
    "forty": 4,
    "fifty": 5,
    "sixty": 6,
    "seventy": 7,
    "eighty": 8,
    "ninety": 9,
    "oh": 0,
}
_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}


@handler("year_words")
def _year_words(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    century = 19 if (g["c"] or "").lower() == "nineteen" else 20
    tens = _TENS.get((g["t"] or "").lower())
    if tens is None:
        return None
    year = century * 100 + tens * 10 + _UNITS.get((g["u"] or "").lower(), 0)
    return Sem("DATE", "year", year=year, explicit_year=True)


def _spoken_year(words: str | None) -> int | None:
    """ "nineteen ninety-four" -> 1994 (the ``{YRW}`` piece of a pattern)."""
    parts = re.split(r"[-\s]+", (words or "").lower())
    parts = [p for p in parts if p not in ("hundred", "and")]
    if len(parts) < 2 or parts[1] not in _TENS:
        return None
    century = 19 if parts[0] == "nineteen" else 20
    unit = _UNITS.get(parts[2], 0) if len(parts) > 2 else 0
    return century * 100 + _TENS[parts[1]] * 10 + unit


@handler("holiday")
def _holiday(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    name = g["hol"] or ""
    rule = lx.holidays.get(re.sub(r"\s+", " ", name.lower()).replace("\u2019", "'"))
    if rule is None or not name[:1].isupper():
        return None
    rel = (g["rel"] or "").lower()
    force = {"last": "past", "next": "future"}.get(rel)
    gran = "week" if g.get("week") else "day"  # "Easter week", "Christmas week"
    return Sem("DATE", gran, holiday=rule, rel="tense", force_tense=force)


@handler("year_named")
def _year_named(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    if g["year"]:
        year = int(g["year"])
    else:
        year = 2000 + (
            _UNITS.get((g["u"] or "").lower(), 0) if (g["u"] or "").lower() != "ten" else 10
        )
    return Sem("DATE", "year", year=year, explicit_year=True)


@handler("year_end")
def _year_end(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    if g["yr"]:
        return Sem("DATE", "year", year=int(g["yr"]), explicit_year=True)
    return Sem("DATE", "year", rel="dct", unit="year")


@handler("season")
def _season(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = g["season"] or ""
    season = lx.seasons.get(word.lower())
    rel = (g["rel"] or "").lower()
    year = _year(g["year"]) or _spoken_year(g.get("yw"))
    if season is None or (not rel and not year and not word[:1].isupper()):
        return None
    if word.lower() == "fall" and not (
        year or rel in ("this", "last", "next", "early", "late", "that")
    ):
        return None
    if year:
        return Sem("DATE", "season", season=season, year=year, explicit_year=True)
    shift = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    mode = (
        "discourse"
        if rel == "that"
        else ("dct" if rel in ("this", "last", "next", "past", "coming") else "tense")
    )
    return Sem(
        "DATE", "season", season=season, rel=mode, shift=shift, shift_unit="year", unit="year"
    )
