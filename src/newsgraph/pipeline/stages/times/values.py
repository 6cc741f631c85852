"""TIMEX3 values and the reference points they are counted from: calendar arithmetic and
formatting shared by :mod:`anchoring` and the flag checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsgraph.pipeline.stages.times.sem import Sem

COARSER = [
    "second",
    "minute",
    "hour",
    "part",
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
]


@dataclass(frozen=True)
class Ref:
    """A reference point: a date and how precisely it is known."""

    date: dt.date
    granularity: str  # year | month | day | quarter | week | ...
    id: str  # "doc" or the anchoring timex id
    pos: int = 0  # character offset of the anchoring expression in the text
    sem: Sem | None = None  # its meaning (to keep a quarter's number when shifting it)


@dataclass
class Resolved:
    value: str
    granularity: str
    anchor: str | None
    date: dt.date | None = None  # first day of the value, for flags and later anchoring
    inferred_year: bool = False  # the year came from a reference, not the text


def parse_doc_date(value: str) -> tuple[dt.date, str]:
    """``2024-09-17`` / ``2024-09`` / ``2024`` -> (date, precision)."""
    parts = [int(p) for p in value[:10].split("-") if p]
    if len(parts) >= 3:
        return dt.date(parts[0], parts[1], parts[2]), "day"
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), "month"
    return dt.date(parts[0], 1, 1), "year"


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    return dt.date(y, m, 28)


def shift_date(d: dt.date, n: int, unit: str | None) -> dt.date:
    if not n or not unit:
        return d
    if unit in ("day",):
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit == "century":
        return add_months(d, 1200 * n)
    return d


def fmt(d: dt.date, gran: str, sem: Sem | None = None) -> str:
    """TIMEX3 value of date ``d`` at granularity ``gran``."""
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        q = sem.quarter if sem and sem.quarter else (d.month - 1) // 3 + 1
        return f"{d.year:04d}-Q{q}"
    if gran == "half":
        h = sem.half if sem and sem.half else (d.month - 1) // 6 + 1
        return f"{d.year:04d}-H{h}"
    if gran == "season":
        return f"{d.year:04d}-{sem.season if sem and sem.season else 'XX'}"
    if gran in ("week", "weekend"):
        iso = d.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if gran == "weekend" else "")
    day = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if gran == "part" and sem and sem.part:
        return f"{day}T{sem.part}"
    if gran in ("minute", "hour") and sem and sem.hour is not None:
        return f"{day}T{sem.hour:02d}:{sem.minute or 0:02d}"
    return day


def coarser(a: str, b: str) -> str:
    ia = COARSER.index(a) if a in COARSER else 4
    ib = COARSER.index(b) if b in COARSER else 4
    return a if ia >= ib else b


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None
