"""Dating a span: which time expression dates a claim's cue or an event's trigger.

Claims and events call :func:`date_for`; the times stage fills ``ctx.result.timexes`` first.
When nothing in the sentence dates the span, the article date is used and said so
(``anchor="doc"``, granularity of the article date).
"""

from __future__ import annotations

from newsgraph.model.records import DateRef
from newsgraph.pipeline.context import StageContext

_PRECISION_GRANULARITY = {"year": "year", "month": "month", "day": "day"}


def doc_date(ctx: StageContext) -> DateRef:
    d = ctx.document
    return DateRef(
        value=d.date, granularity=_PRECISION_GRANULARITY.get(d.date_precision, "day"), anchor="doc"
    )


def date_for(ctx: StageContext, start: int, end: int) -> tuple[str | None, DateRef]:
    """``(timex id, date)`` for the span ``[start, end)``: a DATE/TIME timex in its sentence
    (the nearest one), else the article date."""
    s_start, s_end = ctx.sentence_span(start)
    best = None
    best_dist = None
    for t in ctx.result.timexes:
        if t.type not in ("DATE", "TIME") or t.start < s_start or t.end > s_end:
            continue
        dist = min(abs(t.start - end), abs(start - t.end))
        if best_dist is None or dist < best_dist:
            best, best_dist = t, dist
    if best is None:
        return None, doc_date(ctx)
    return best.id, DateRef(value=best.value, granularity=best.granularity, anchor=best.anchor)
