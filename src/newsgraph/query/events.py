"""Events in the store: filter by actor, PLOVER type and date, with the names of their actors,
the sentence that reports them and the cross-article cluster they belong to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.query.common import Record, confident, in_range, loads
from newsgraph.query.dates import date_shown
from newsgraph.query.entities import find_entity, members
from newsgraph.query.wrong import not_wrong
from newsgraph.store import Store


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


def _names(
    store: Store, doc_id: str, ids: list[str], args: list[dict[str, Any]], role: str
) -> list[str]:
    """Names of an event's actors: the entity's name, else the text the article uses."""
    out: list[str] = []
    names = (
        dict(
            store.con.execute("SELECT id, name FROM entities WHERE doc_id = ?", [doc_id]).fetchall()
        )
        if ids
        else {}
    )
    for i in ids:
        if i in names and names[i] not in out:
            out.append(str(names[i]))
    for a in args:
        if a.get("role") == role and not a.get("entity") and a.get("text") not in out:
            out.append(str(a.get("text")))
    return out


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
    """Events sorted by date; ``actor`` is a name or id resolved with :func:`find_entity`
    (NotFoundError / AmbiguousNameError propagate); events less sure than ``min_confidence``
    are left out."""
    where, params = [not_wrong("event", "e")], []
    if type:
        where.append("upper(e.type) = ?")
        params.append(type.upper())
    sql = (
        "SELECT e.doc_id, e.id, e.type, e.mode, e.cameo, e.modality, e.date, e.source, e.target, "
        "e.timex, e.contexts, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, "
        "e.claim, "
        "d.text, l.cluster_id, e.arguments, e.confidence, d.date, e.reciprocal "
        "FROM events e JOIN documents d ON d.id = e.doc_id "
        "LEFT JOIN event_links l ON l.doc_id = e.doc_id AND l.event_id = e.id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = store.con.execute(sql, params).fetchall()
    wanted = {f"{d}/{e}" for d, e in members(store, find_entity(store, actor))} if actor else None
    sizes: dict[str, int] = {}
    for cid, n in store.con.execute(
        "SELECT cluster_id, count(DISTINCT doc_id) FROM event_links GROUP BY cluster_id"
    ).fetchall():
        sizes[cid] = n
    out: list[EventRow] = []
    for (
        doc_id,
        eid,
        etype,
        mode,
        cameo,
        modality,
        date,
        src,
        tgt,
        timex,
        contexts,
        ts,
        te,
        ss,
        se,
        claim,
        text,
        cid,
        args,
        conf,
        doc_date,
        reciprocal,
    ) in rows:
        if not confident(conf, min_confidence):
            continue
        src_ids, tgt_ids = loads(src, []) or [], loads(tgt, []) or []
        if wanted is not None and not any(f"{doc_id}/{x}" in wanted for x in src_ids + tgt_ids):
            continue
        dref = loads(date, {}) or {}
        if not in_range(dref.get("value"), date_from, date_to):
            continue
        arguments = loads(args, []) or []
        out.append(
            EventRow(
                doc_id=doc_id,
                id=eid,
                type=etype,
                mode=mode,
                cameo=cameo,
                modality=modality or "occurred",
                date=dref.get("value"),
                date_granularity=dref.get("granularity"),
                date_from_article=timex is None,
                sources=_names(store, doc_id, src_ids, arguments, "source"),
                targets=_names(store, doc_id, tgt_ids, arguments, "target"),
                contexts=list(loads(contexts, []) or []),
                trigger=text[ts:te] if text and ts is not None else "",
                sentence=" ".join(text[ss:se].split()) if text and ss is not None else "",
                claim=claim,
                cluster=cid,
                reports=sizes.get(cid, 1) if cid else 1,
                confidence=conf,
                date_shown=date_shown(dref.get("value"), doc_date, timex is None),
                reciprocal=bool(reciprocal),
            )
        )
    from newsgraph.query.common import date_key

    out.sort(key=lambda r: (date_key(r.date), r.doc_id, r.id))
    return out if limit is None else out[: max(limit, 0)]
