"""Dates as a person reads them: what the read layer shows for a claim's or an event's date.

The store keeps the raw TIMEX3 value (``2024-09-13``, ``1987-W11``, ``1987-03-18TMO``,
``XXXX-WXX-4``, ``PRESENT_REF``); that value stays in every record's ``date``. What is shown is
``date_shown``: the resolved date or range in plain words ("1987-03-09 to 1987-03-15",
"1987-03-18 morning", "1987 Q1"), and where the text gives no calendar date (an underspecified
value, a reference such as "now", or no expression at all) the article date with a marker:
"1987-03-18 (article date)". An underspecified value is never shown as if it were a date.
"""

from __future__ import annotations

import datetime as dt
import re

ARTICLE_MARK = " (article date)"

_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_HALVES = {"1": "first half", "2": "second half"}
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T(.+))?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)(?:-XX)?$")
_YEAR = re.compile(r"^(\d{4})(?:-XX(?:-XX)?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(?:-(WE|[1-7]))?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_CLOCK = re.compile(r"^(\d\d):(\d\d)")


def human_date(value: str | None) -> str | None:
    """The resolved date or range of a TIMEX3 ``value`` in plain words; None when the value does
    not name a calendar date (``XXXX-WXX-4``, ``PRESENT_REF``, durations, sets)."""
    v = (value or "").strip()
    if m := _DAY.match(v):
        day = f"{m[1]}-{m[2]}-{m[3]}"
        if _valid(day) is None:
            return None
        rest = m[4]
        if not rest:
            return day
        if c := _CLOCK.match(rest):
            return f"{day} {c[1]}:{c[2]}"
        return f"{day} {_PARTS[rest]}" if rest in _PARTS else day
    if m := _MONTH.match(v):
        return f"{m[1]}-{m[2]}" if 1 <= int(m[2]) <= 12 else None
    if m := _YEAR.match(v):
        return m[1]
    if m := _WEEK.match(v):
        return _week(int(m[1]), int(m[2]), m[3])
    if m := _QUARTER.match(v):
        return f"{m[1]} Q{m[2]}"
    if m := _HALF.match(v):
        return f"{_HALVES[m[2]]} of {m[1]}"
    if m := _SEASON.match(v):
        return f"{_SEASONS[m[2]]} {m[1]}"
    if re.fullmatch(r"\d{3}", v):
        return f"{v}0s"
    if re.fullmatch(r"\d{2}", v):
        return f"{v}00s"
    return None


def date_shown(value: str | None, doc_date: str | None, from_article: bool) -> str:
    """What a person is shown for a record dated ``value``: the human date, or the article date
    with a marker when the article date stands in or the value names no calendar date."""
    shown = None if from_article else human_date(value)
    if shown is not None:
        return shown
    if doc_date:
        return f"{human_date(doc_date) or doc_date}{ARTICLE_MARK}"
    return "undated"


def placed(value: str | None, doc_date: str | None) -> str | None:
    """``value`` when it names a calendar date, else the article date: what a record sorts by."""
    return value if human_date(value) is not None else doc_date


def _valid(day: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        return None


def _week(year: int, week: int, day: str | None) -> str | None:
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    if day == "WE":
        return f"{monday + dt.timedelta(days=5)} to {monday + dt.timedelta(days=6)}"
    if day:
        return str(monday + dt.timedelta(days=int(day) - 1))
    return f"{monday} to {monday + dt.timedelta(days=6)}"
