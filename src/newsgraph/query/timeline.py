"""Dated items — events and claims — with the sentence of the article that supports each.

An item's date is what the pipeline dated it by (the expression in the text, with its
granularity), else the article's date with ``date_anchor = "doc"``, so a reader can tell a dated
fact from one that only carries its report's date. Claims and events are read from the store when
the pipeline produced them; before those stages exist a timeline is simply empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsgraph.query.common import (
    UNNEST_STRINGS,
    DocInfo,
    Record,
    confident,
    date_key,
    dict_rows,
    in_range,
    json_param,
    load_docs,
    loads,
)
from newsgraph.query.dates import date_shown, placed
from newsgraph.query.entities import EntitySummary, canonical_names, find_entity, members
from newsgraph.query.page import Page
from newsgraph.query.timeline_records import (
    KINDS,
    TimelineFilter,
    by_records,
    records_counts,
    records_keys,
)
from newsgraph.query.timeline_union import union_counts, union_keys
from newsgraph.query.wrong import not_wrong
from newsgraph.store import Store


@dataclass
class TimelineItem(Record):
    kind: str  # event | claim
    doc_id: str
    record_id: str  # doc-local id of the event or claim ("v1", "c2")
    date: str | None
    granularity: str | None
    date_anchor: str | None  # the DateRef's anchor ("doc": relative to, or else, the article date)
    doc_date: str
    doc_title: str | None
    label: str  # events: TYPE/mode; claims: the cue
    status: str  # events: modality; claims: status
    text: str  # events: the trigger; claims: the content
    sentence: str
    sentence_start: int
    sentence_end: int
    source: list[str] = field(default_factory=list)  # actor names (events: source; claims: speaker)
    target: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # how the dossier's actor takes part
    channel: str | None = None
    claim: str | None = None  # for an event reported inside a claim: that claim's id
    extra: dict[str, Any] = field(default_factory=dict)
    # "text" when an expression in the article dates it; "article" when the article's own date
    # stands in because the text gives none.
    dated_by: str = "text"
    confidence: float | None = None
    # ``date`` as a person reads it: the resolved date or range, else the article date marked
    # "(article date)"; never an underspecified value such as XXXX-WXX-4 (see query.dates).
    date_shown: str = ""
    # Canonical (cross-document) ids of the actors in ``source`` and ``target`` that are
    # entities (claims: the speaker and the targets).
    source_entity_ids: list[str] = field(default_factory=list)
    target_entity_ids: list[str] = field(default_factory=list)

    def sort_key(self) -> tuple[Any, ...]:
        return (
            date_key(placed(self.date, self.doc_date)),
            date_key(self.doc_date),
            self.doc_id,
            self.sentence_start,
            self.kind,
            self.record_id,
        )


def timeline(
    store: Store,
    entity_id: str | None = None,
    start: str | None = None,
    end: str | None = None,
    *,
    kinds: Iterable[str] = ("event", "claim"),
    limit: int | None = None,
    min_confidence: Mapping[str, float] | None = None,
) -> list[TimelineItem]:
    """Events and claims sorted by date; of one actor (as source, target, speaker, place …) when
    ``entity_id`` is given; ``start``/``end`` are inclusive ISO prefixes (any precision);
    ``min_confidence`` maps a kind ("event", "claim") to the least confidence shown."""
    pairs: list[tuple[str, str]] | None = None
    if entity_id is not None:
        pairs = members(store, find_entity(store, entity_id))
        if not pairs:
            return []
    items = collect(store, pairs, set(kinds), min_confidence)
    items = [i for i in items if in_range(i.date, start, end)]
    items.sort(key=TimelineItem.sort_key)
    return items if limit is None else items[:limit]


def collect(
    store: Store,
    pairs: list[tuple[str, str]] | None,
    kinds: set[str],
    min_confidence: Mapping[str, float] | None = None,
) -> list[TimelineItem]:
    """Items involving any of the ``(doc_id, entity_id)`` pairs (all items when None), less
    those below ``min_confidence[kind]``."""
    where, params = "", []
    if pairs is not None:
        where = f"AND doc_id IN {UNNEST_STRINGS}"
        params = [json_param({d for d, _ in pairs})]
    claim_rows, event_rows = (
        dict_rows(store, f"SELECT * FROM {table} WHERE {not_wrong(kind)} {where}", params)
        if kind in kinds
        else []
        for table, kind in (("claims", "claim"), ("events", "event"))
    )
    doc_ids = sorted({r["doc_id"] for r in claim_rows} | {r["doc_id"] for r in event_rows})
    mine: dict[str, set[str]] | None = None
    if pairs is not None:
        mine = {}
        for d, e in pairs:
            mine.setdefault(d, set()).add(e)
    ctx = _Context(
        load_docs(store, doc_ids), canonical_names(store, doc_ids), _timexes(store, doc_ids), mine
    )
    out = [item for r in claim_rows if (item := _claim_item(ctx, r)) is not None]
    out += [item for r in event_rows if (item := _event_item(ctx, r)) is not None]
    if min_confidence:
        out = [i for i in out if confident(i.confidence, min_confidence.get(i.kind))]
    return out


@dataclass
class _Context:
    """What building an item needs besides its row: documents, names, timexes and, for a
    dossier, the actor's doc-level entity ids per document (None: every item qualifies)."""

    docs: dict[str, DocInfo]
    names: dict[tuple[str, str], tuple[str, str]]
    timexes: dict[tuple[str, str], tuple[str, str]]
    mine: dict[str, set[str]] | None

    def name(self, doc_id: str, eid: Any) -> str:
        return self.names.get((doc_id, str(eid)), ("", str(eid)))[1]

    def names_of(self, doc_id: str, ids: list[Any]) -> list[str]:
        return [self.name(doc_id, x) for x in ids]

    def ids_of(self, doc_id: str, ids: list[Any]) -> list[str]:
        """Canonical ids of the doc-level entities ``ids`` (those that are entities)."""
        return [self.names[(doc_id, str(x))][0] for x in ids if (doc_id, str(x)) in self.names]

    def roles(self, doc_id: str, involved: dict[str, list[Any]]) -> list[str] | None:
        return _roles(involved, None if self.mine is None else self.mine.get(doc_id, set()))


def _item(
    ctx: _Context,
    kind: str,
    r: dict[str, Any],
    doc: DocInfo,
    span: tuple[int, int],
    roles: list[str],
    **fields: Any,
) -> TimelineItem:
    """The fields claims and events share (ids, date, supporting sentence) plus ``fields``."""
    date, gran, anchor, dated_by = _date(r, doc, ctx.timexes)
    s_start, s_end = span
    return TimelineItem(
        kind=kind,
        doc_id=doc.id,
        record_id=r["id"],
        date=date,
        granularity=gran,
        date_anchor=anchor,
        doc_date=doc.date,
        doc_title=doc.title,
        sentence=" ".join(doc.text[s_start:s_end].split()),
        sentence_start=s_start,
        sentence_end=s_end,
        roles=roles,
        dated_by=dated_by,
        confidence=r.get("confidence"),
        date_shown=date_shown(date, doc.date, dated_by == "article"),
        **fields,
    )


def _claim_item(ctx: _Context, r: dict[str, Any]) -> TimelineItem | None:
    doc = ctx.docs.get(r["doc_id"])
    if doc is None:
        return None
    involved = {
        "speaker": [r["speaker"]] if r["speaker"] else [],
        "target": list(loads(r["targets"], []) or []),
        "intermediary": [r["intermediary"]] if r.get("intermediary") else [],
    }
    roles = ctx.roles(doc.id, involved)
    if roles is None:
        return None
    starts = [r["speaker_start"], r["cue_start"], r["content_start"]]
    ends = [r["speaker_end"], r["cue_end"], r["content_end"]]
    lo = min(x for x in starts if x is not None)
    hi = max(x for x in ends if x is not None)
    speaker = ctx.names_of(doc.id, involved["speaker"])
    if not speaker and r["speaker_start"] is not None:
        speaker = [doc.span(r["speaker_start"], r["speaker_end"])]
    return _item(
        ctx,
        "claim",
        r,
        doc,
        doc.sentence_span(lo, hi),
        roles,
        label=r["cue"] or "",
        status=r["status"] or "",
        text=" ".join(doc.span(r["content_start"], r["content_end"]).split()),
        source=speaker,
        target=ctx.names_of(doc.id, involved["target"]),
        source_entity_ids=ctx.ids_of(doc.id, involved["speaker"]),
        target_entity_ids=ctx.ids_of(doc.id, involved["target"]),
        channel=r.get("channel"),
        extra={
            "kind": r.get("kind"),
            "parent": r.get("parent"),
            "intermediary": ctx.names_of(doc.id, involved["intermediary"]),
        },
    )


def _event_item(ctx: _Context, r: dict[str, Any]) -> TimelineItem | None:
    doc = ctx.docs.get(r["doc_id"])
    if doc is None:
        return None
    involved = {
        "source": list(loads(r["source"], []) or []),
        "target": list(loads(r["target"], []) or []),
        "place": [r["place"]] if r.get("place") else [],
    }
    roles = ctx.roles(doc.id, involved)
    if roles is None:
        return None
    span = (r["sentence_start"], r["sentence_end"])
    if span[0] is None or span[1] is None:
        span = doc.sentence_span(r["trigger_start"] or 0, r["trigger_end"])
    label = r["type"] or ""
    if r.get("mode"):
        label += f"/{r['mode']}"
    return _item(
        ctx,
        "event",
        r,
        doc,
        span,
        roles,
        label=label,
        status=r.get("modality") or "",
        text=doc.span(r["trigger_start"], r["trigger_end"]),
        source=ctx.names_of(doc.id, involved["source"]),
        target=ctx.names_of(doc.id, involved["target"]),
        source_entity_ids=ctx.ids_of(doc.id, involved["source"]),
        target_entity_ids=ctx.ids_of(doc.id, involved["target"]),
        claim=r.get("claim"),
        extra={
            "cameo": r.get("cameo"),
            "contexts": loads(r.get("contexts"), []),
            "place": ctx.names_of(doc.id, involved["place"]),
            "reciprocal": bool(r.get("reciprocal")),
        },
    )


def _roles(involved: dict[str, list[Any]], mine: set[str] | None) -> list[str] | None:
    """How the actor takes part (None: not at all); every item qualifies without an actor."""
    if mine is None:
        return []
    roles = [role for role, ids in involved.items() if any(str(i) in mine for i in ids)]
    return roles or None


def _date(
    row: dict[str, Any], doc: DocInfo, timexes: dict[tuple[str, str], tuple[str, str]]
) -> tuple[str | None, str | None, str | None, str]:
    """``(value, granularity, anchor, dated_by)`` of a claim or event row."""
    tid = row.get("timex")
    ref = loads(row.get("date"))
    if isinstance(ref, dict) and ref.get("value"):
        article = not tid and ref.get("anchor") == "doc"
        return (
            str(ref["value"]),
            ref.get("granularity"),
            ref.get("anchor"),
            "article" if article else "text",
        )
    if tid and (doc.id, tid) in timexes:
        value, gran = timexes[(doc.id, tid)]
        return value, gran, None, "text"
    precision = {4: "year", 7: "month", 10: "day"}.get(len(doc.date))
    return doc.date, precision, "doc", "article"


def _timexes(store: Store, doc_ids: list[str]) -> dict[tuple[str, str], tuple[str, str]]:
    if not doc_ids:
        return {}
    rows = store.con.execute(
        f"SELECT doc_id, id, value, granularity FROM timexes WHERE doc_id IN {UNNEST_STRINGS}",
        [json_param(doc_ids)],
    ).fetchall()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def timeline_page(
    store: Store,
    entity: EntitySummary,
    start: str | None = None,
    end: str | None = None,
    *,
    kinds: Iterable[str] = KINDS,
    modality: str | None = None,
    min_confidence: Mapping[str, float] | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Page[TimelineItem]:
    """One page of the actor's events and claims by date, filtered in SQL: ``start``/``end``
    are inclusive ISO prefixes compared with each item's date (its own, else its time
    expression's, else the article's), ``modality`` keeps events of that modality and claims of
    that status, ``min_confidence`` maps a kind to the least confidence shown. Items in one
    article on one date follow the text; :func:`timeline` (used by the dossier) sorts the same
    items by the sentence that reports them. Read from ``entity_records`` when it can serve the
    actor (:mod:`~newsgraph.query.timeline_records`), else from the raw rows
    (:mod:`~newsgraph.query.timeline_union`)."""
    offset = max(offset, 0)
    read = records_keys if by_records(store, entity) else union_keys
    f = TimelineFilter(start, end, frozenset(kinds), modality, min_confidence or {})
    keys, total = read(store, entity, f, limit, offset)
    return Page(_hydrate(store, entity, keys), total, limit, offset)


def timeline_counts(
    store: Store,
    entity: EntitySummary,
    start: str | None = None,
    end: str | None = None,
    *,
    kinds: Iterable[str] = KINDS,
    modality: str | None = None,
    min_confidence: Mapping[str, float] | None = None,
) -> dict[str, int]:
    """How many items of each kind :func:`timeline_page` would list (one query)."""
    count = records_counts if by_records(store, entity) else union_counts
    f = TimelineFilter(start, end, frozenset(kinds), modality, min_confidence or {})
    found = count(store, entity, f)
    return {kind: found.get(kind, 0) for kind in kinds}


def _hydrate(
    store: Store, entity: EntitySummary, keys: list[tuple[str, str, str]]
) -> list[TimelineItem]:
    """The :class:`TimelineItem` of each ``(kind, doc_id, record id)``, in the given order."""
    if not keys:
        return []
    doc_ids = sorted({d for _k, d, _i in keys})
    mine: dict[str, set[str]] = {}
    for d, e in _page_members(store, entity, doc_ids):
        mine.setdefault(d, set()).add(e)
    ctx = _Context(
        load_docs(store, doc_ids), canonical_names(store, doc_ids), _timexes(store, doc_ids), mine
    )
    built: dict[tuple[str, str, str], TimelineItem] = {}
    for kind, table in (("claim", "claims"), ("event", "events")):
        ids = {(d, i) for k, d, i in keys if k == kind}
        if not ids:
            continue
        for r in dict_rows(
            store,
            f"SELECT * FROM {table} WHERE doc_id IN {UNNEST_STRINGS}",
            [json_param(sorted({d for d, _ in ids}))],
        ):
            if (r["doc_id"], r["id"]) in ids:
                make = _claim_item if kind == "claim" else _event_item
                item = make(ctx, r)
                if item is not None:
                    built[(kind, r["doc_id"], r["id"])] = item
    return [built[k] for k in keys if k in built]


def _page_members(store: Store, entity: EntitySummary, doc_ids: list[str]) -> list[tuple[str, str]]:
    """The actor's ``(doc_id, entity_id)`` in these documents only (a page's)."""
    if not entity.resolved:
        wanted = set(doc_ids)
        return [(d, e) for d, e in members(store, entity) if d in wanted]
    rows = store.con.execute(
        "SELECT doc_id, entity_id FROM entity_links WHERE canonical_id = ? "
        f"AND doc_id IN {UNNEST_STRINGS}",
        [entity.id, json_param(doc_ids)],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]
