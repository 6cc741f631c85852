"""Times: TIMEX3 recognition, normalisation and anchoring, and the time flags (``times.rules.v1``).

The cascade, in order: find expressions (:mod:`recognition`: our TimeML grammar in :mod:`patterns`
read by :mod:`normalisation`, unioned with spaCy DATE/TIME entities read by Recognizers-Text),
then anchor each one in document order (:mod:`anchoring`: article date, last date mentioned, tense
of the governing verb from :mod:`tense`), then check them (:mod:`flags`).

Calendar arithmetic can leave the calendar ("302,000 week ago"; article dates in year 1 or 9999):
such an expression is kept with an underspecified value and an ``unresolved`` flag, and a check
that cannot be computed is skipped, so the document is never lost to the times stage.
"""

from __future__ import annotations

from typing import Any

from newsgraph.model.records import Timex
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage
from newsgraph.pipeline.stages.times import flags as time_flags
from newsgraph.pipeline.stages.times import periods
from newsgraph.pipeline.stages.times.anchoring import Ref, Resolved, parse_doc_date, resolve
from newsgraph.pipeline.stages.times.recognition import Candidate, find
from newsgraph.pipeline.stages.times.sem import Sem
from newsgraph.pipeline.stages.times.tense import tense_of

# Granularities a later anaphoric expression can be counted from ("that year", "a day later").
_ANCHORABLE = {
    "year",
    "half",
    "quarter",
    "season",
    "month",
    "week",
    "weekend",
    "day",
    "part",
    "minute",
    "hour",
}


@stage("times.rules.v1", requires=["sentences", "doc.date"], assigns=["timexes", "flags.time"])
def times(ctx: StageContext) -> None:
    """Find, normalise and anchor temporal expressions (TIMEX3); flag inconsistent ones."""
    text = ctx.document.text
    dct, precision = parse_doc_date(ctx.document.date)
    doc_ref = Ref(dct, precision, "doc")
    discourse: Ref | None = None
    period: Ref | None = None  # the last quarter or half mentioned, for "a year ago" comparisons
    dated: list[time_flags.Dated] = []
    fiscal: tuple[int, int, int] | None = None  # the last fiscal quarter named: number, year, at
    for cand in find(text, ctx.doc):
        # "the quarter ended July 31" is the quarter those months fall in (periods.py), unless
        # it names again the fiscal quarter just reported
        closed = periods.quarter_ended(cand.sem, text[cand.end : cand.end + 40])
        again = periods.fiscal_quarter(cand.sem, closed is not None, fiscal, cand.start)
        sem = again or closed or cand.sem
        span = ctx.doc.char_span(cand.start, cand.end, alignment_mode="expand")
        tense = tense_of(span) if span is not None and len(span) else "none"
        overflow: str | None = None
        try:
            res = resolve(sem, doc_ref, discourse, tense, cand.start, period)
        except (OverflowError, ValueError) as exc:  # counted past year 1 or 9999
            res, overflow = _unresolved(sem), str(exc)
        if res is None:
            continue
        if cand.silent:
            # not a timex, but the period it names is the one under discussion
            if res.date is not None and res.granularity in ("quarter", "half"):
                period = Ref(res.date, res.granularity, "doc", cand.start, sem)
            continue
        tid = f"t{len(ctx.result.timexes) + 1}"
        timex = Timex(
            id=tid,
            start=cand.start,
            end=cand.end,
            text=text[cand.start : cand.end],
            type=sem.type,
            value=res.value,
            granularity=res.granularity,
            anchor=res.anchor,
        )
        ctx.result.timexes.append(timex)
        if res.date is not None and (
            again is not None or periods.is_fiscal_quarter(timex.text, res.granularity)
        ):
            fiscal = ((res.date.month - 1) // 3 + 1, res.date.year, cand.start)
        if overflow is not None:
            ctx.result.flags.append(time_flags.unresolved(timex, overflow))
            continue
        dated.append(
            time_flags.Dated(
                timex,
                res.date,
                res.inferred_year,
                sem.rel in ("tense", "weekday") and res.anchor == "doc",
                sem.weekday,
                tense,
                text[max(0, cand.start - 12) : cand.start],
            )
        )
        # Anaphoric expressions do not become anchors themselves, so "a year earlier" twice in a
        # row does not walk back a year each time; nor do compared periods ("a year ago", "the
        # year-ago quarter"): "down from a year ago ... compared with a year earlier" is one year.
        if periods.year_span(sem, timex.text) and period is not None:
            # "for the nine months ... a year earlier": the year before, no longer the quarter
            # (only in a story about a quarter: elsewhere "for the year" leaves the anchor alone)
            year = periods.span_year(period.date)
            discourse = Ref(year, "year", tid, cand.start)
            period = None
        elif (
            res.date is not None
            and timex.type in ("DATE", "TIME")
            and res.granularity in _ANCHORABLE
            and sem.rel not in ("discourse", "weekday_discourse")
            and not sem.period_shift
        ):
            discourse = Ref(res.date, _ref_granularity(res.granularity), tid, cand.start, sem)
            if discourse.granularity in ("quarter", "half"):
                period = discourse
    ctx.result.flags.extend(_check(ctx, dated, dct, precision))
    ctx.extras["times.dated"] = dated


# Underspecified TIMEX3 values by granularity, for an expression that cannot be placed.
_UNKNOWN = {
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "season": "XXXX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
}


def _unresolved(sem: Sem) -> Resolved:
    """The value of an expression that calendar arithmetic cannot place: unknown digits."""
    if sem.type == "TIME":
        value = "XXXX-XX-XXTXX:XX"
    else:
        value = _UNKNOWN.get(sem.granularity, "XXXX-XX-XX")
    return Resolved(value, sem.granularity, None)


def _ref_granularity(gran: str) -> str:
    return {"part": "day", "minute": "day", "hour": "day", "weekend": "week"}.get(gran, gran)


def _check(ctx: StageContext, dated: list[time_flags.Dated], dct: Any, precision: str) -> list[Any]:
    out = []
    for d in dated:
        for check in (time_flags.weekday_mismatch, time_flags.far_date):
            out.extend(_safely(check, d, dct))
        out.extend(_safely(time_flags.future_date_past_event, d, dct, precision))
    by_sentence: dict[tuple[int, int], list[time_flags.Dated]] = {}
    for d in dated:
        by_sentence.setdefault(ctx.sentence_span(d.timex.start), []).append(d)
    for group in by_sentence.values():
        out.extend(_safely(time_flags.duration_conflicts, group, ctx.document.text, dct))
    return out


def _safely(check: Any, *args: Any) -> list[Any]:
    """The flags of one check; none where its arithmetic leaves the calendar (years 1-9999)."""
    try:
        found = check(*args)
    except (OverflowError, ValueError):
        return []
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


__all__ = ["Candidate", "times"]
