"""Dating a span: which time expression dates a claim's cue or an event's trigger.

Claims and events call :func:`date_for`; the times stage fills ``ctx.result.timexes`` first.
The choice follows the parse, as a reader does:

1. a DATE/TIME expression attached to the trigger itself ("sentencing scheduled for October 9",
   "was found guilty in February 2023") — the trigger dominates it through modifiers only;
2. else one in the same clause as the trigger;
3. else the nearest one in the sentence — but never one inside a clause the trigger governs
   ("alleges that he was offered a deal in 2019": 2019 dates the offer, not the allegation);
4. else the article date, said so (``anchor="doc"``, granularity of the article date).

Durations, sets, PRESENT_REF-style references and values with no calendar year ("Thursday" in
an article dated only by its month is ``XXXX-WXX-4``) never date anything: such a value cannot be
placed on a timeline, so the article date stands in and says so.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.model.records import DATE_PRECISIONS, DateRef, Timex
from newsgraph.pipeline.context import StageContext

# Dependencies that open a clause of its own: what lies below them is another event's business.
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "parataxis", "csubj", "conj"})
_MAX_DEPTH = 12
# A value placeable on a calendar starts with its year (or decade / century digits: "198", "19").
_PLACED = re.compile(r"\d{2}")


def doc_date(ctx: StageContext) -> DateRef:
    d = ctx.document
    return DateRef(
        value=d.date,
        granularity=d.date_precision if d.date_precision in DATE_PRECISIONS else "day",
        anchor="doc",
    )


def _datable(t: Timex) -> bool:
    return (
        t.type in ("DATE", "TIME")
        and not t.value.endswith("_REF")
        and _PLACED.match(t.value) is not None
    )


def _root(ctx: StageContext, start: int, end: int) -> Any:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _path_up(tok: Any, target: Any) -> list[Any] | None:
    """Tokens from ``tok`` up to (not including) ``target`` if ``target`` dominates ``tok``."""
    path: list[Any] = []
    for _ in range(_MAX_DEPTH):
        if tok.i == target.i:
            return path
        if tok.head.i == tok.i:
            return None
        path.append(tok)
        tok = tok.head
    return None


def _clause_head(tok: Any) -> Any:
    for _ in range(_MAX_DEPTH):
        if tok.head.i == tok.i or (tok.pos_ in ("VERB", "AUX") and tok.dep_ in _CLAUSE_DEPS):
            return tok
        tok = tok.head
    return tok


def attachment(ctx: StageContext, trigger: Any, t: Timex) -> int | None:
    """0: attached to the trigger; 1: same clause; 2: elsewhere in the sentence; None: inside a
    clause the trigger governs (dates something else)."""
    troot = _root(ctx, t.start, t.end)
    if trigger is None or troot is None:
        return 2
    path = _path_up(troot, trigger)
    if path is not None:
        embedded = any(tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX") for tok in path)
        return None if embedded else 0
    return 1 if _clause_head(troot).i == _clause_head(trigger).i else 2


def date_for(ctx: StageContext, start: int, end: int) -> tuple[str | None, DateRef]:
    """``(timex id, date)`` for the span ``[start, end)`` (a claim cue or an event trigger)."""
    s_start, s_end = ctx.sentence_span(start)
    trigger = _root(ctx, start, end)
    best: tuple[int, int] | None = None
    chosen: Timex | None = None
    for t in ctx.result.timexes:
        if not _datable(t) or t.start < s_start or t.end > s_end:
            continue
        rank = attachment(ctx, trigger, t)
        if rank is None:
            continue
        key = (rank, min(abs(t.start - end), abs(start - t.end)))
        if best is None or key < best:
            best, chosen = key, t
    if chosen is None:
        return None, doc_date(ctx)
    return chosen.id, DateRef(
        value=chosen.value, granularity=chosen.granularity, anchor=chosen.anchor
    )
