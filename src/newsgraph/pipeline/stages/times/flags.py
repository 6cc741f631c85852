"""Time inconsistencies raised as data, never silently corrected.

* ``weekday-mismatch``: a stated weekday contradicts its date ("Tuesday, September 13" in 2024).
* ``far-date``: a date without an explicit year resolved implausibly far from the article date.
* ``future-date-past-event``: a date after the article date on a past-tense event.
* ``duration-conflict``: a duration that cannot fit the dates it is stated with.
* ``unresolved``: an expression whose value falls outside the calendar (years 1-9999) when counted
  from its reference ("302,000 week ago", "last week" in an article dated 0001-01-01); its value
  is left underspecified (``XXXX-XX-XX``) and the document is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsgraph.model.records import Flag, Timex
from newsgraph.pipeline.stages.times.lexicon import lexicon
from newsgraph.pipeline.stages.times.values import add_months

_UNTIL = re.compile(r"\b(?:until|till|through|by|to|before|from|effective|payable)\s+$", re.I)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYS_PER = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0, "Q": 91.3, "DE": 3652.5}


@dataclass
class Dated:
    """A resolved timex with what the flag rules need to know about how it was resolved."""

    timex: Timex
    date: dt.date | None
    inferred: bool  # the year (or the date) came from a reference, not from the text
    by_tense: bool  # an underspecified date placed by tense/nearness to the article date
    weekday: int | None  # weekday stated in the text
    tense: str
    timex_before: str = ""  # the few characters before the expression


def _flag(t: Timex, kind: str, message: str) -> Flag:
    if kind not in t.flags:
        t.flags.append(kind)
    return Flag(kind=kind, start=t.start, end=t.end, message=message)


def unresolved(t: Timex, reason: str) -> Flag:
    return _flag(
        t,
        "unresolved",
        f'"{t.text}": no calendar date ({reason}); value left underspecified',
    )


def weekday_mismatch(d: Dated, dct: dt.date) -> Flag | None:
    if d.weekday is None or d.date is None or d.timex.granularity not in ("day", "part", "minute"):
        return None
    if not re.search(r"\d", d.timex.text):
        return None  # a weekday alone is placed on its own weekday; nothing to contradict
    actual = d.date.isoweekday()
    if actual == d.weekday:
        return None
    before = d.date - dt.timedelta(days=(actual - d.weekday) % 7)
    after = d.date + dt.timedelta(days=(d.weekday - actual) % 7)
    stated = WEEKDAY_NAMES[d.weekday - 1]
    return _flag(
        d.timex,
        "weekday-mismatch",
        f'"{d.timex.text}": {d.date.isoformat()} was a {WEEKDAY_NAMES[actual - 1]}, not a '
        f"{stated}; the nearest {stated}s are {before.isoformat()} and {after.isoformat()} "
        f"(article dated {dct.isoformat()})",
    )


def far_date(d: Dated, dct: dt.date) -> Flag | None:
    if not d.by_tense or d.date is None:
        return None
    days = abs((d.date - dct).days)
    if days <= lexicon().far_days:
        return None
    return _flag(
        d.timex,
        "far-date",
        f'"{d.timex.text}" has no year and resolves to {d.timex.value}, {days} days from the '
        f"article date {dct.isoformat()}",
    )


def period_end(t: Timex, start: dt.date) -> dt.date:
    """The day after the period a DATE value covers (its start is ``start``)."""
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120}
    if t.granularity in months:
        return add_months(start.replace(day=1), months[t.granularity])
    if t.granularity in ("week", "weekend"):
        return start + dt.timedelta(days=7)
    return start + dt.timedelta(days=1)


def future_date_past_event(d: Dated, dct: dt.date, dct_precision: str) -> Flag | None:
    if d.date is None or d.tense != "past" or d.timex.type not in ("DATE", "TIME"):
        return None
    if dct_precision != "day" or d.date <= dct or d.by_tense:
        return None
    if _UNTIL.search(d.timex_before):
        return None  # "extended until Nov. 9": the date bounds a state, it is not the event's
    return _flag(
        d.timex,
        "future-date-past-event",
        f'"{d.timex.text}" ({d.timex.value}) is after the article date {dct.isoformat()} but '
        f"dates an event told in the past tense",
    )


def duration_days(value: str) -> float | None:
    m = re.fullmatch(r"P(\d+(?:\.\d+)?)(DE|[YMWDQ])", value)
    return float(m[1]) * _DAYS_PER[m[2]] if m else None


def duration_conflicts(sentence: list[Dated], text: str, dct: dt.date) -> list[Flag]:
    """A duration longer than the stretch its sentence's dates allow ("since 2022 ... for five
    years", "from March to May ... six months")."""
    flags: list[Flag] = []
    durations = [d for d in sentence if d.timex.type == "DURATION"]
    dates = [d for d in sentence if d.timex.type in ("DATE", "TIME") and d.date is not None]
    tol = lexicon().duration_tolerance
    for dur in durations:
        length = duration_days(dur.timex.value)
        if length is None:
            continue
        for i, d in enumerate(dates):
            assert d.date is not None
            cue = text[max(0, d.timex.start - 9) : d.timex.start].lower()
            span_days: float | None = None
            if re.search(r"\bsince\s+$", cue):
                span_days = (dct - d.date).days
                what = f"since {d.timex.value} (to the article date {dct.isoformat()})"
            elif re.search(r"\b(?:from|between)\s+$", cue) and i + 1 < len(dates):
                nxt = dates[i + 1]
                assert nxt.date is not None
                span_days = (period_end(nxt.timex, nxt.date) - d.date).days
                what = f"from {d.timex.value} to {nxt.timex.value}"
            if span_days is None or span_days < 0:
                continue
            if length > span_days * (1 + tol) + 1:
                flags.append(
                    _flag(
                        dur.timex,
                        "duration-conflict",
                        f'"{dur.timex.text}" ({dur.timex.value}, about {length:.0f} days) does '
                        f"not fit {what}, about {span_days:.0f} days",
                    )
                )
                break
    return flags
