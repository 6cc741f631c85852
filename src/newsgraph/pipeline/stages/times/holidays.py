"""Named days by rule: fixed dates, the n-th (or last) weekday of a month, and Easter offsets.

The rules are data (``[holidays]`` in the lexicon: ``"11-W4-4"`` is the fourth Thursday of
November, ``"easter-2"`` Good Friday); this module turns a rule and a year into the date.
"""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.pipeline.stages.times.values import add_months, safe_date


def holiday_date(rule: str, year: int) -> dt.date | None:
    """The date of a named day by its rule (see ``[holidays]`` in the lexicon) in ``year``."""
    m = re.fullmatch(r"easter([+-]\d+)?", rule)
    if m:
        return _easter(year) + dt.timedelta(days=int(m[1] or 0))
    m = re.fullmatch(r"(\d\d)-(\d\d)", rule)
    if m:
        return safe_date(year, int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d\d)-W(-?\d)-(\d)(?:\+(\d+))?", rule)
    if not m:
        return None
    month, nth, wd, plus = int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0)
    if nth > 0:
        first = dt.date(year, month, 1)
        d = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        d = last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
    return d + dt.timedelta(days=plus)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)
