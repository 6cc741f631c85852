"""Anchoring: from a partly specified meaning (:class:`Sem`) to a TIMEX3 value.

Three references, as a reader uses them: the article date for deictic expressions ("yesterday",
"last week", "Friday"), the last date mentioned in the discourse for anaphoric ones ("the following
month", "that year", "a year earlier"), and the tense of the governing verb to choose between the
past and the future occurrence of an underspecified date ("sentencing scheduled for October 9" in a
September story is the coming October 9; "released on September 13" the past one).
"""

from __future__ import annotations

import datetime as dt

from newsgraph.pipeline.stages.times.holidays import holiday_date
from newsgraph.pipeline.stages.times.sem import Sem
from newsgraph.pipeline.stages.times.values import (
    COARSER,
    Ref,
    Resolved,
    add_months,
    coarser,
    fmt,
    parse_doc_date,
    safe_date,
    shift_date,
)

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# How far back (characters) a compared period ("a year earlier" after "the third quarter") is taken.
_PERIOD_WINDOW = 500
# Days added to the distance of a future date under a past-tense verb. An additive cost, not a
# factor: a date a few weeks ahead beats one eleven months back (past-tense parses err: "was set
# for", "was due on", reported speech), while a date more than (365 - 200) / 2 = 82 days ahead
# still loses to the one 283 days back.
_PAST_AGAINST_FUTURE_DAYS = 200
# A future tense ("will be held") is explicit in the verb group: a past date under it costs this
# many times its distance, so only a date a few days back can win.
_FUTURE_AGAINST_PAST = 20.0
# A quarter named without a year ("the fourth quarter") that would start more than this many days
# after the article date is the previous year's: news reports a quarter after it ends.
_QUARTER_AHEAD_DAYS = 183
# How far (days) from the article date the last day named may be for a bare clock time to take it.
_CLOCK_DAY_WINDOW = 7


def _pick(candidates: list[dt.date], ref: dt.date, tense: str) -> dt.date:
    """The candidate the tense points to: the latest on/before ``ref`` (past), the earliest
    on/after it (future), or the nearest (no tense)."""

    # Tense is a preference, not a rule: a past-tense verb next to "Nov. 16" in a late-October
    # story is more often a parse or reporting artefact than an event eleven months back, and
    # "sentencing was set for October 9" in a September story is the coming October 9.
    def cost(c: dt.date) -> float:
        days = abs((c - ref).days)
        if tense == "past" and c > ref:
            return days + _PAST_AGAINST_FUTURE_DAYS
        if tense == "future" and c < ref:
            return days * _FUTURE_AGAINST_PAST
        return days * (1.5 if c > ref and tense not in ("future",) else 1.0)

    return min(candidates, key=lambda c: (cost(c), c > ref))


def resolve(
    sem: Sem,
    doc: Ref,
    discourse: Ref | None,
    tense: str,
    at: int = 0,
    period: Ref | None = None,
) -> Resolved | None:
    """TIMEX3 value of ``sem`` at character ``at``; ``discourse`` is the last date mentioned
    before it (if any), ``period`` the last quarter or half mentioned (default: ``discourse``)."""
    if sem.value is not None:
        return Resolved(sem.value, sem.granularity, None)
    if sem.explicit_year and sem.rel is None:
        return _absolute(sem)
    tense = sem.force_tense or tense
    mode = sem.rel
    period = _reported(period if period is not None else discourse, doc, at)
    if mode == "period_year":
        return _period_of_year(sem, period, doc)
    if sem.period_shift and period is not None:
        # "a year ago" after "the third quarter": the same quarter a year before
        d = shift_date(period.date, sem.period_shift, "year")
        return Resolved(
            fmt(d, period.granularity, period.sem),
            period.granularity,
            period.id,
            d,
            True,
        )
    ref = (discourse or doc) if mode == "discourse" else doc
    if (
        mode == "clock"
        and discourse is not None
        and discourse.granularity == "day"
        and abs((discourse.date - doc.date).days) <= _CLOCK_DAY_WINDOW
    ):
        # "at 10 p.m." with no day of its own: the day of the news the story is telling (the last
        # day it named, within days of the article date), as a reader takes it
        ref = discourse
    anchor = ref.id
    if mode in ("tense",):
        return _by_tense(sem, ref, tense)
    if mode == "weekday":
        return _weekday(sem, ref, tense)
    if mode == "weekday_discourse":
        return _weekday(sem, discourse or doc, tense)
    if mode == "weekend":
        return _weekend(sem, ref, tense)
    if mode in ("year", "quarter_year"):
        base = shift_date(dt.date(ref.date.year, 1, 1), sem.shift, sem.shift_unit)
        if sem.explicit_year and sem.year:
            base = shift_date(dt.date(sem.year, 1, 1), sem.shift, sem.shift_unit)
        if sem.quarter:
            base = base.replace(month=3 * sem.quarter - 2)
            if mode == "quarter_year" and (base - ref.date).days > _QUARTER_AHEAD_DAYS:
                # "the fourth quarter" in a January story is the one just ended, not one that
                # starts nine months on: a quarter named without a year is last year's when this
                # year's would begin more than half a year after the article
                base = base.replace(year=base.year - 1)
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
            if COARSER.index(ref.granularity) < COARSER.index(_unit_gran(sem))
            else _unit_gran(sem)
        )
    elif mode == "discourse" and sem.shift_unit in ("year", "month", "day", "week"):
        gran = sem.granularity
    if sem.season and gran == "season":
        d = d.replace(month=_SEASON_MONTH[sem.season])
    if sem.granularity == "quarter" and sem.quarter is None and sem.unit == "quarter":
        sem = Sem(**{**sem.__dict__, "quarter": (d.month - 1) // 3 + 1})
    out_gran = (
        coarser(gran, doc.granularity) if ref.id == "doc" and doc.granularity != "day" else gran
    )
    if mode == "discourse" and gran == "day" and ref.granularity in ("month", "year"):
        # "that same day" after "in October 1998": a day of that month, which one unknown
        value = f"{d.year:04d}-" + (f"{d.month:02d}-XX" if ref.granularity == "month" else "XX-XX")
        return Resolved(value, ref.granularity, anchor, d, True)
    return Resolved(fmt(d, out_gran, sem), out_gran, anchor, d, True)


def _reported(period: Ref | None, doc: Ref, at: int) -> Ref | None:
    """``period`` if it is a quarter or half still under discussion at ``at`` and a reported one:
    over by the article date, within the last year (compared periods are reported results)."""
    if (
        period is not None
        and at - period.pos <= _PERIOD_WINDOW
        and period.granularity in ("quarter", "half")
        and doc.date - dt.timedelta(days=366) < period.date
        and add_months(period.date, 3 if period.granularity == "quarter" else 6) <= doc.date
    ):
        return period
    return None


def _period_of_year(sem: Sem, period: Ref | None, doc: Ref) -> Resolved:
    """ "the 1988 period", "the 1988 quarter": the period under discussion, in that year; with
    none, the quarter last reported (a quarter) or the year itself (a period)."""
    year = sem.year or doc.date.year
    if period is not None:
        d = period.date.replace(year=year)
        return Resolved(fmt(d, period.granularity, period.sem), period.granularity, period.id, d)
    if sem.granularity == "quarter":
        last = add_months(doc.date, -3)
        d = dt.date(year, 3 * ((last.month - 1) // 3) + 1, 1)
        return Resolved(fmt(d, "quarter"), "quarter", "doc", d)
    d = dt.date(year, 1, 1)
    return Resolved(fmt(d, "year"), "year", None, d)


def _unit_gran(sem: Sem) -> str:
    return sem.shift_unit if sem.shift_unit in COARSER else sem.granularity


def _absolute(sem: Sem) -> Resolved | None:
    y = sem.year or 1
    if sem.month and sem.day:
        d = safe_date(y, sem.month, sem.day)
        if d is None:
            return None
        gran = "minute" if sem.hour is not None else _day_or_week(sem)
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


def _day_or_week(sem: Sem) -> str:
    """A month-and-day expression names its day, or its week ("the week of March 6")."""
    return "week" if sem.granularity == "week" else "day"


def _by_tense(sem: Sem, ref: Ref, tense: str) -> Resolved | None:
    y0 = ref.date.year
    years = (y0 - 1, y0, y0 + 1)
    if sem.holiday:
        hcands = [c for y in years if (c := holiday_date(sem.holiday, y))]
        if not hcands:
            return None
        d = _pick(hcands, ref.date, tense)
        gran = _day_or_week(sem)  # "Easter week": the week of the named day
        return Resolved(fmt(d, gran), gran, ref.id, d, True)
    if sem.month and sem.day:
        cands = [c for y in years if (c := safe_date(y, sem.month, sem.day))]
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
                safe_date(ref.date.year, sem.month, sem.day),
                True,
            )
        gran = "minute" if sem.hour is not None else _day_or_week(sem)
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


__all__ = [
    "Ref",
    "Resolved",
    "add_months",
    "fmt",
    "holiday_date",
    "parse_doc_date",
    "resolve",
    "shift_date",
]
