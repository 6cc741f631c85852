"""Publication dates: an ISO prefix (``2024``, ``2024-09``, ``2024-09-17``) and its precision.

Seed-style files take only the ISO prefix forms. JSONL, CSV and HTML metadata also accept forms
feeds commonly carry, when they can be read only one way:

* ISO date-times ``2024-09-17T10:00:00Z``, ``2024-09-17 10:00``, with or without offset; the date
  is taken *as written* (no time-zone conversion, which would move a late-evening story);
* ``2024/09/17`` (year first);
* month names in English: ``17 Sep 2024``, ``17 September 2024``, ``Sep 17, 2024``,
  ``Sept. 17, 2024``, ``September 2024`` (month precision), optionally after a weekday, and RFC 2822
  (``Tue, 17 Sep 2024 10:00:00 +0000``). A weekday that does not match the date is rejected.

Forms that can be read two ways (``09/10/2024``) are rejected with :class:`BadDateError`, as are
dates that do not exist (``2024-02-30``). A missing date is :class:`MissingDateError`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newsgraph.errors import BadDateError, MissingDateError

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ISO_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?",
    re.IGNORECASE,
)
_YMD_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_AMBIGUOUS = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_TIME_TAIL = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[+-]\d{4}|Z|UTC|GMT|[A-Z]{3}))?)?"
_WEEKDAY = r"(?:(?P<wd>[A-Za-z]+)\.?,?\s+)?"
_DAY_MONTH_YEAR = re.compile(
    _WEEKDAY + r"(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})" + _TIME_TAIL
)
_MONTH_DAY_YEAR = re.compile(
    _WEEKDAY + r"(?P<m>[A-Za-z]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})" + _TIME_TAIL
)
_MONTH_YEAR = re.compile(r"(?P<m>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})")


def _month_number(name: str) -> int | None:
    name = name.lower()
    if name == "sept":
        return 9
    for i in range(1, 13):
        if name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower()):
            return i
    return None


def _weekday_number(name: str) -> int | None:
    name = name.lower()
    for i in range(7):
        full = calendar.day_name[i].lower()
        if name == full or (len(name) >= 3 and full.startswith(name)):
            return i
    return None


def _checked(value: str, year: str, month: str | None, day: str | None) -> tuple[str, str]:
    y = int(year)
    if month is None:
        if y < 1:
            raise BadDateError(f"year {year} does not exist")
        return f"{y:04d}", "year"
    m = int(month)
    if not 1 <= m <= 12 or y < 1:
        raise BadDateError(f"date {value!r} does not exist")
    if day is None:
        return f"{y:04d}-{m:02d}", "month"
    try:
        date = dt.date(y, m, int(day))
    except ValueError as err:
        raise BadDateError(f"date {value!r} does not exist ({err})") from err
    return date.isoformat(), "day"


def parse_date(value: object, *, strict: bool = True) -> tuple[str, str]:
    """``(iso_prefix, precision)`` for a publication date; ``strict`` allows only ISO prefixes."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise MissingDateError("no publication date")
    if not isinstance(value, str):
        raise BadDateError(f"date must be a string, not {type(value).__name__} {value!r}")
    text = value.strip()
    m = _ISO.fullmatch(text)
    if m:
        return _checked(text, m.group(1), m.group(2), m.group(3))
    if strict:
        raise BadDateError(f"{text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    m = _ISO_TIME.fullmatch(text) or _YMD_SLASH.fullmatch(text)
    if m:
        return _checked(text, m.group(1), m.group(2), m.group(3))
    if _AMBIGUOUS.fullmatch(text):
        raise BadDateError(f"{text!r} can be read as day/month or month/day; use YYYY-MM-DD")
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        m = pattern.fullmatch(text)
        if m and (month := _month_number(m.group("m"))) is not None:
            iso, precision = _checked(text, m.group("y"), str(month), m.group("d"))
            _check_weekday(text, m.group("wd"), iso)
            return iso, precision
    m = _MONTH_YEAR.fullmatch(text)
    if m and (month := _month_number(m.group("m"))) is not None:
        return _checked(text, m.group("y"), str(month), None)
    raise BadDateError(f"cannot read {text!r} as a date; use YYYY, YYYY-MM or YYYY-MM-DD")


def _check_weekday(text: str, weekday: str | None, iso: str) -> None:
    if weekday is None:
        return
    number = _weekday_number(weekday)
    if number is None:
        raise BadDateError(f"cannot read {weekday!r} in {text!r} as a weekday")
    if dt.date.fromisoformat(iso).weekday() != number:
        actual = calendar.day_name[dt.date.fromisoformat(iso).weekday()]
        raise BadDateError(f"{text!r}: {iso} was a {actual}, not a {weekday}")
