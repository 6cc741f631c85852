"""Events in the store: filter by actor, PLOVER type, modality, date and confidence, with the
names of their actors, the sentence that reports them and the cross-article cluster they belong
to. Filters, order and the page are computed in SQL; only the page's articles are read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.query import actor_records
from newsgraph.query.common import Record, loads
from newsgraph.query.dates import date_shown
from newsgraph.query.entities import EntitySummary, canonical_names, find_entity
from newsgraph.query.page import (
    Page,
    date_order_sql,
    date_range_sql,
    ids_json,
    keys_page,
    members_sql,
)
from newsgraph.query.wrong import not_wrong
from newsgraph.store import Store

MODALITIES = ("occurred", "alleged", "scheduled", "hypothetical", "negated")

_ACTORS = (
    "list_concat(from_json(coalesce(e.source, '[]'), '[\"VARCHAR\"]'), "
    "from_json(coalesce(e.target, '[]'), '[\"VARCHAR\"]'))"
)


@dataclass
class EventRow(Record):
    doc_id: str
    id: str
    type: str
    mode: str | None
    cameo: str | None
    modality: str
    date: str | None  # the raw TIMEX3 value (may be underspecified: XXXX-WXX-4)
    date_granularity: str | None
    date_from_article: bool
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    trigger: str = ""
    sentence: str = ""
    claim: str | None = None
    cluster: str | None = None
    reports: int = 1  # articles in the cluster that report this event
    confidence: float | None = None
    # The date as a person reads it: the resolved date or range, else the article date marked
    # "(article date)"; never an underspecified value (see query.dates).
    date_shown: str = ""
    # Every source acts on every other one ("Ostland, Lagonia <-> each other"); targets empty.
    reciprocal: bool = False
    # Canonical (cross-document) ids of the source and target actors that are entities.
    source_entity_ids: list[str] = field(default_factory=list)
    target_entity_ids: list[str] = field(default_factory=list)
    # Offsets into the article text of the trigger and of the sentence.
    trigger_start: int | None = None
    trigger_end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None


def find_events(
    store: Store,
    *,
    actor: str | None = None,
    type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
    min_confidence: float | None = None,
) -> list[EventRow]:
    """Events sorted by date (see :func:`events_page`), without a page."""
    return events_page(
        store,
        actor=actor,
        type=type,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        min_confidence=min_confidence,
    ).items


def events_page(
    store: Store,
    *,
    actor: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page[EventRow]:
    """Events sorted by date, article and id; ``actor`` is a name or id resolved with
    :func:`find_entity` (NotFoundError / AmbiguousNameError propagate) and matches a source or
    target; ``date_from``/``date_to`` are inclusive ISO prefixes compared with the event's own
    date; events less sure than ``min_confidence`` are left out (those with none stay)."""
    found = find_entity(store, actor) if actor else None
    if found is not None and actor_records.usable(store, [found]):
        return _by_records(
            store, found, type, modality, date_from, date_to, min_confidence, limit, offset
        )
    join = ""
    where: list[str] = [not_wrong("event", "e")]
    params: list[Any] = []
    join_params: list[Any] = []
    if found is not None:
        rel, join_params = members_sql(store, found)
        join = f"JOIN {rel} a ON a.d = e.doc_id AND list_has_any(a.es, {_ACTORS})"
    if type:
        where.append("upper(e.type) = ?")
        params.append(type.upper())
    if modality:
        where.append("coalesce(e.modality, 'occurred') = ?")
        params.append(modality.lower())
    if min_confidence is not None:
        where.append("(e.confidence IS NULL OR e.confidence >= ?)")
        params.append(min_confidence)
    cond, p = date_range_sql("e.date->>'value'", date_from, date_to)
    where.append(cond)
    params += p
    base = f"FROM events e {join} WHERE {' AND '.join(where) or 'true'}"
    order = date_order_sql("e.date->>'value'") + ", e.doc_id, e.id"
    rows, total = keys_page(
        store, "e.doc_id, e.id", base, order, join_params + params, limit, offset
    )
    keys = [(str(r[0]), str(r[1])) for r in rows]
    return Page(_hydrate(store, keys), total, limit, max(offset, 0))


def _by_records(
    store: Store,
    actor: EntitySummary,
    type: str | None,
    modality: str | None,
    date_from: str | None,
    date_to: str | None,
    min_confidence: float | None,
    limit: int | None,
    offset: int,
) -> Page[EventRow]:
    """:func:`events_page` over the actor's rows of ``entity_records`` (see
    :mod:`newsgraph.query.actor_records`): the same filters, order and page."""
    rel, params = actor_records.relation("event", [(actor, ("source", "target"))])
    where: list[str] = []
    if type:
        where.append("upper(er0.type) = ?")
        params.append(type.upper())
    if modality:
        where.append("er0.status = ?")
        params.append(modality.lower())
    keys, total = actor_records.page_keys(
        store,
        rel,
        params,
        where,
        date_from=date_from,
        date_to=date_to,
        min_confidence=min_confidence,
        order="er0.own_rank, er0.doc_id, er0.id",
        limit=limit,
        offset=offset,
    )
    return Page(_hydrate(store, keys), total, limit, max(offset, 0))


_COLUMNS = (
    "e.doc_id, e.id, e.type, e.mode, e.cameo, e.modality, e.date, e.source, e.target, "
    "e.timex, e.contexts, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, "
    "e.claim, d.text, l.cluster_id, e.arguments, e.confidence, d.date, e.reciprocal"
)


_PAGE = "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))"


def _hydrate(store: Store, keys: list[tuple[str, str]]) -> list[EventRow]:
    """The :class:`EventRow` of each ``(doc_id, event id)``, in the given order."""
    if not keys:
        return []
    doc_ids = sorted({d for d, _ in keys})
    rows = {
        (r[0], r[1]): r
        for r in store.con.execute(
            # Each table cut to the page's articles first: joined whole, DuckDB builds a hash
            # table of every article's text (~280 ms of CPU at 100,000 articles).
            f"SELECT {_COLUMNS} FROM (SELECT * FROM events WHERE doc_id IN {_PAGE}) e "
            f"JOIN (SELECT id, text, date FROM documents WHERE id IN {_PAGE}) d "
            "ON d.id = e.doc_id "
            f"LEFT JOIN (SELECT * FROM event_links WHERE doc_id IN {_PAGE}) l "
            "ON l.doc_id = e.doc_id AND l.event_id = e.id",
            [ids_json(doc_ids)] * 3,
        ).fetchall()
    }
    clusters = sorted({r[17] for k in keys if (r := rows.get(k)) is not None and r[17]})
    sizes: dict[str, int] = {}
    if clusters:
        sizes = dict(
            store.con.execute(
                "SELECT cluster_id, count(DISTINCT doc_id) FROM event_links WHERE cluster_id IN "
                "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]'))) GROUP BY cluster_id",
                [ids_json(clusters)],
            ).fetchall()
        )
    local = {
        (r[0], r[1]): str(r[2])
        for r in store.con.execute(
            "SELECT doc_id, id, name FROM entities WHERE doc_id IN "
            "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
            [ids_json(doc_ids)],
        ).fetchall()
    }
    names = canonical_names(store, doc_ids)
    return [_row(r, local, names, sizes) for k in keys if (r := rows.get(k)) is not None]


def _names(
    local: dict[tuple[str, str], str],
    doc_id: str,
    ids: list[str],
    args: list[dict[str, Any]],
    role: str,
) -> list[str]:
    """Names of an event's actors: the entity's name, else the text the article uses."""
    out: list[str] = []
    for i in ids:
        name = local.get((doc_id, i))
        if name is not None and name not in out:
            out.append(name)
    for a in args:
        if a.get("role") == role and not a.get("entity") and a.get("text") not in out:
            out.append(str(a.get("text")))
    return out


def _row(
    r: tuple[Any, ...],
    local: dict[tuple[str, str], str],
    names: dict[tuple[str, str], tuple[str, str]],
    sizes: dict[str, int],
) -> EventRow:
    (doc_id, eid, etype, mode, cameo, modality, date, src, tgt, timex, contexts) = r[:11]
    (ts, te, ss, se, claim, text, cid, args, conf, doc_date, reciprocal) = r[11:]
    src_ids = [str(x) for x in loads(src, []) or []]
    tgt_ids = [str(x) for x in loads(tgt, []) or []]
    dref = loads(date, {}) or {}
    arguments = loads(args, []) or []
    return EventRow(
        doc_id=doc_id,
        id=eid,
        type=etype,
        mode=mode,
        cameo=cameo,
        modality=modality or "occurred",
        date=dref.get("value"),
        date_granularity=dref.get("granularity"),
        date_from_article=timex is None,
        sources=_names(local, doc_id, src_ids, arguments, "source"),
        targets=_names(local, doc_id, tgt_ids, arguments, "target"),
        contexts=list(loads(contexts, []) or []),
        trigger=text[ts:te] if text and ts is not None else "",
        sentence=" ".join(text[ss:se].split()) if text and ss is not None else "",
        claim=claim,
        cluster=cid,
        reports=sizes.get(cid, 1) if cid else 1,
        confidence=conf,
        date_shown=date_shown(dref.get("value"), doc_date, timex is None),
        reciprocal=bool(reciprocal),
        source_entity_ids=[names[(doc_id, x)][0] for x in src_ids if (doc_id, x) in names],
        target_entity_ids=[names[(doc_id, x)][0] for x in tgt_ids if (doc_id, x) in names],
        trigger_start=ts,
        trigger_end=te,
        sentence_start=ss,
        sentence_end=se,
    )
