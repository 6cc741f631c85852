"""Anchoring: from a partly specified meaning (:class:`Sem`) to a TIMEX3 value.

Three references, as a reader uses them: the article date for deictic expressions ("yesterday",
"last week", "Friday"), the last date mentioned in the discourse for anaphoric ones ("the following
month", "that year", "a year earlier"), and the tense of the governing verb to choose between the
past and the future occurrence of an underspecified date ("sentencing scheduled for October 9" in a
September story is the coming October 9; "released on September 13" the past one).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsgraph.pipeline.stages.times.sem import Sem

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# How far back (characters) a compared period ("a year earlier" after "the third quarter") is taken.
_PERIOD_WINDOW = 500
# How much less likely a date is when it lies on the other side of the article date from its tense.
_AGAINST_TENSE = 20.0
_COARSER = [
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


def _coarser(a: str, b: str) -> str:
    ia = _COARSER.index(a) if a in _COARSER else 4
    ib = _COARSER.index(b) if b in _COARSER else 4
    return a if ia >= ib else b


def _pick(candidates: list[dt.date], ref: dt.date, tense: str) -> dt.date:
    """The candidate the tense points to: the latest on/before ``ref`` (past), the earliest
    on/after it (future), or the nearest (no tense)."""

    # Tense is a preference, not a rule: a past-tense verb next to "Nov. 16" in a late-October
    # story is more often a parse or reporting artefact than an event eleven months back.
    def cost(c: dt.date) -> float:
        days = abs((c - ref).days)
        if (tense == "past" and c > ref) or (tense == "future" and c < ref):
            return days * _AGAINST_TENSE
        return days * (1.5 if c > ref and tense not in ("future",) else 1.0)

    return min(candidates, key=lambda c: (cost(c), c > ref))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve(sem: Sem, doc: Ref, discourse: Ref | None, tense: str, at: int = 0) -> Resolved | None:
    """TIMEX3 value of ``sem`` at character ``at``; ``discourse`` is the last date mentioned
    before it (if any)."""
    if sem.value is not None:
        return Resolved(sem.value, sem.granularity, None)
    if sem.explicit_year and sem.rel is None:
        return _absolute(sem)
    tense = sem.force_tense or tense
    mode = sem.rel
    if (
        sem.period_shift
        and discourse is not None
        and at - discourse.pos <= _PERIOD_WINDOW
        and discourse.granularity in ("quarter", "half")
    ):
        # "a year ago" after "the third quarter": the same quarter a year before
        d = shift_date(discourse.date, sem.period_shift, "year")
        return Resolved(
            fmt(d, discourse.granularity, discourse.sem),
            discourse.granularity,
            discourse.id,
            d,
            True,
        )
    ref = (discourse or doc) if mode == "discourse" else doc
    anchor = ref.id
    if mode in ("tense",):
        return _by_tense(sem, ref, tense)
    if mode == "weekday":
        return _weekday(sem, ref, tense)
    if mode == "weekend":
        return _weekend(sem, ref, tense)
    if mode == "year":
        base = shift_date(dt.date(ref.date.year, 1, 1), sem.shift, sem.shift_unit)
        if sem.explicit_year and sem.year:
            base = shift_date(dt.date(sem.year, 1, 1), sem.shift, sem.shift_unit)
        if sem.quarter:
            base = base.replace(month=3 * sem.quarter - 2)
        if sem.half:
            base = base.replace(month=6 * sem.half - 5)
        if sem.month:
            base = base.replace(month=sem.month)
        return Resolved(fmt(base, sem.granularity, sem), sem.granularity, anchor, base, True)
    # dct / discourse: shift the reference by whole units and print at the right granularity
    d = shift_date(ref.date, sem.shift, sem.shift_unit)
    gran = sem.granularity
    if sem.hour is not None:
        gran = "minute"
    elif sem.part:
        gran = "part"
    elif mode == "discourse" and sem.unit is None and sem.shift_unit:
        # "a year earlier" keeps the precision of what it is earlier than
        gran = (
            ref.granularity
            if _COARSER.index(ref.granularity) < _COARSER.index(_unit_gran(sem))
            else _unit_gran(sem)
        )
    elif mode == "discourse" and sem.shift_unit in ("year", "month", "day", "week"):
        gran = sem.granularity
    if sem.season and gran == "season":
        d = d.replace(month=_SEASON_MONTH[sem.season])
    if sem.granularity == "quarter" and sem.quarter is None and sem.unit == "quarter":
        sem = Sem(**{**sem.__dict__, "quarter": (d.month - 1) // 3 + 1})
    out_gran = (
        _coarser(gran, doc.granularity) if ref.id == "doc" and doc.granularity != "day" else gran
    )
    return Resolved(fmt(d, out_gran, sem), out_gran, anchor, d, True)


def _unit_gran(sem: Sem) -> str:
    return sem.shift_unit if sem.shift_unit in _COARSER else sem.granularity


def _absolute(sem: Sem) -> Resolved | None:
    y = sem.year or 1
    if sem.month and sem.day:
        d = _safe_date(y, sem.month, sem.day)
        if d is None:
            return None
        gran = "minute" if sem.hour is not None else "day"
        return Resolved(fmt(d, gran, sem), gran, None, d)
    if sem.granularity == "month" and sem.month:
        d = dt.date(y, sem.month, 1)
        return Resolved(fmt(d, "month"), "month", None, d)
    if sem.granularity == "season" and sem.season:
        d = dt.date(y, _SEASON_MONTH[sem.season], 1)
        return Resolved(fmt(d, "season", sem), "season", None, d)
    if sem.granularity in ("quarter", "half"):
        q = sem.quarter or 1
        month = 3 * q - 2 if sem.granularity == "quarter" else 6 * (sem.half or 1) - 5
        d = shift_date(dt.date(y, month, 1), sem.shift, sem.shift_unit)
        return Resolved(fmt(d, sem.granularity, sem), sem.granularity, None, d)
    d = dt.date(y, 1, 1)
    return Resolved(fmt(d, "year"), "year", None, d)


def _by_tense(sem: Sem, ref: Ref, tense: str) -> Resolved | None:
    y0 = ref.date.year
    years = (y0 - 1, y0, y0 + 1)
    if sem.holiday:
        hcands = [c for y in years if (c := holiday_date(sem.holiday, y))]
        if not hcands:
            return None
        d = _pick(hcands, ref.date, tense)
        return Resolved(fmt(d, "day"), "day", ref.id, d, True)
    if sem.month and sem.day:
        cands = [c for y in years if (c := _safe_date(y, sem.month, sem.day))]
        if not cands:
            return None
        d = _pick(cands, ref.date, tense)
        if sem.weekday is not None and d.isoweekday() != sem.weekday:
            # A stated weekday picks the year when one of the two nearest occurrences has it
            near = [
                max([c for c in cands if c <= ref.date], default=None),
                min([c for c in cands if c > ref.date], default=None),
            ]
            fits = [c for c in near if c is not None and c.isoweekday() == sem.weekday]
            # ... but only within half a year: a date a year away from the article is less
            # likely than a wrong weekday, which the weekday-mismatch flag then reports.
            if len(fits) == 1 and abs((fits[0] - ref.date).days) <= 183:
                d = fits[0]
        if ref.granularity == "year":
            return Resolved(
                f"{ref.date.year:04d}-{sem.month:02d}-{sem.day:02d}",
                "day",
                ref.id,
                _safe_date(ref.date.year, sem.month, sem.day),
                True,
            )
        gran = "minute" if sem.hour is not None else "day"
        return Resolved(fmt(d, gran, sem), gran, ref.id, d, True)
    if sem.granularity in ("month", "season"):
        month = sem.month or _SEASON_MONTH.get(sem.season or "", 1)
        if sem.shift_unit == "strict":
            # "last June": the June before the reference month, "next June" the one after
            ref_m = (ref.date.year, ref.date.month)
            y = (
                ref.date.year
                if (sem.shift < 0 and (ref.date.year, month) < ref_m)
                or (sem.shift > 0 and (ref.date.year, month) > ref_m)
                else ref.date.year + sem.shift
            )
            d = dt.date(y, month, 1)
        else:
            ref_first = ref.date.replace(day=1)
            cands = [
                dt.date(y, month, 1) for y in (ref.date.year - 1, ref.date.year, ref.date.year + 1)
            ]
            d = _pick(cands, ref_first, tense)
        return Resolved(fmt(d, sem.granularity, sem), sem.granularity, ref.id, d, True)
    return None


def holiday_date(rule: str, year: int) -> dt.date | None:
    """The date of a named day by its rule (see ``[holidays]`` in the lexicon) in ``year``."""
    m = re.fullmatch(r"easter([+-]\d+)?", rule)
    if m:
        return _easter(year) + dt.timedelta(days=int(m[1] or 0))
    m = re.fullmatch(r"(\d\d)-(\d\d)", rule)
    if m:
        return _safe_date(year, int(m[1]), int(m[2]))
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


def _weekday(sem: Sem, ref: Ref, tense: str) -> Resolved | None:
    if sem.weekday is None:
        return None
    base = ref.date
    delta = (sem.weekday - base.isoweekday()) % 7
    after = base + dt.timedelta(days=delta)  # on/after the reference
    before = after - dt.timedelta(days=7) if delta else after  # on/before
    if sem.shift < 0:
        d = before if delta else base - dt.timedelta(days=7)
    elif sem.shift > 0:
        d = after if delta else base + dt.timedelta(days=7)
    elif delta == 1 and ref.id == "doc":
        # The day after the article date is "tomorrow", whatever the tense: stories are dated the
        # day they are filed, and a reporter names tomorrow's weekday, rarely the one six days
        # back (which would be "last Tuesday" or a date). Tense parses of "headed Tuesday" err.
        d = after
    elif tense == "future":
        d = after
    elif tense == "present":  # "meet Monday" announces; "hurt ... on Friday" may be a misparse
        d = min((before, after), key=lambda c: (abs((c - base).days), c > base))
    else:
        d = before  # past or no tense: news tells what happened more than what will
    gran = "minute" if sem.hour is not None else ("part" if sem.part else "day")
    out = fmt(d, gran, sem)
    if ref.granularity != "day":
        out = f"XXXX-WXX-{sem.weekday}" + (f"T{sem.part}" if sem.part else "")
    return Resolved(out, gran, ref.id, d, True)


def _weekend(sem: Sem, ref: Ref, tense: str) -> Resolved:
    """ "The weekend": the last one before the reference (past) or the next one (future)."""
    base = ref.date
    saturday = base + dt.timedelta(days=(6 - base.isoweekday()) % 7)
    if tense != "future" and saturday > base:
        saturday -= dt.timedelta(days=7)
    if ref.granularity != "day":
        return Resolved(fmt(base, ref.granularity), ref.granularity, ref.id, None, True)
    return Resolved(fmt(saturday, "weekend"), "weekend", ref.id, saturday, True)
