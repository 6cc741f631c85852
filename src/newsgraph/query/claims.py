"""Claims in the store: who said what about whom, filtered by speaker, target, status, date and
confidence, with the source sentence and the offsets of speaker, cue and content inside it (for
highlighting). Filters, order and the page are computed in SQL; only the page's articles are
read."""

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

STATUSES = ("asserted", "alleged", "denied", "hedged", "established")

_LIST = "from_json(coalesce(c.targets, '[]'), '[\"VARCHAR\"]')"


@dataclass
class ClaimRow(Record):
    doc_id: str
    id: str
    speaker: str  # the entity's name, else the speaker's words in the article
    speaker_id: str | None  # the document-local entity id ("e3")
    cue: str
    content: str
    kind: str
    status: str
    channel: str | None
    intermediary: str | None
    targets: list[str] = field(default_factory=list)
    date: str | None = None  # the raw TIMEX3 value (may be underspecified: XXXX-WXX-4)
    date_from_article: bool = True
    parent: str | None = None
    sentence: str = ""  # the source sentence(s), as in the article
    sentence_start: int = 0  # offset of ``sentence`` in the article text
    # Offsets into ``sentence`` (end exclusive) of speaker, cue and content, for highlighting.
    speaker_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] = (0, 0)
    content_span: tuple[int, int] = (0, 0)
    confidence: float | None = None
    # The date as a person reads it: the resolved date or range, else the article date marked
    # "(article date)"; never an underspecified value (see query.dates).
    date_shown: str = ""
    # Canonical (cross-document) ids of the speaker, of the targets that are entities and of the
    # intermediary: the ids every other record and route use for these actors.
    speaker_entity_id: str | None = None
    target_entity_ids: list[str] = field(default_factory=list)
    intermediary_entity_id: str | None = None


def find_claims(
    store: Store,
    *,
    speaker: str | None = None,
    target: str | None = None,
    status: str | None = None,
    limit: int | None = None,
    min_confidence: float | None = None,
) -> list[ClaimRow]:
    """Claims sorted by date then article (see :func:`claims_page`), without a page."""
    return claims_page(
        store,
        speaker=speaker,
        target=target,
        status=status,
        limit=limit,
        min_confidence=min_confidence,
    ).items


def claims_page(
    store: Store,
    *,
    speaker: str | None = None,
    target: str | None = None,
    status: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Page[ClaimRow]:
    """Claims sorted by date, article and position; ``speaker``/``target`` are names or ids
    resolved with :func:`find_entity` (NotFoundError / AmbiguousNameError propagate);
    ``date_from``/``date_to`` are inclusive ISO prefixes compared with the claim's own date;
    claims less sure than ``min_confidence`` are left out (those with no confidence stay)."""
    sp = find_entity(store, speaker) if speaker else None
    tg = find_entity(store, target) if target else None
    if actor_records.usable(store, [sp, tg]):
        return _by_records(store, sp, tg, status, date_from, date_to, min_confidence, limit, offset)
    joins: list[str] = []
    where: list[str] = [not_wrong("claim", "c")]
    params: list[Any] = []
    join_params: list[Any] = []
    if sp is not None:
        rel, p = members_sql(store, sp)
        joins.append(f"JOIN {rel} sp ON sp.d = c.doc_id AND list_contains(sp.es, c.speaker)")
        join_params += p
    if tg is not None:
        rel, p = members_sql(store, tg)
        joins.append(f"JOIN {rel} tg ON tg.d = c.doc_id AND list_has_any(tg.es, {_LIST})")
        join_params += p
    if status:
        where.append("lower(c.status) = ?")
        params.append(status.lower())
    if min_confidence is not None:
        where.append("(c.confidence IS NULL OR c.confidence >= ?)")
        params.append(min_confidence)
    cond, p = date_range_sql("c.date->>'value'", date_from, date_to)
    where.append(cond)
    params += p
    base = f"FROM claims c {' '.join(joins)} WHERE {' AND '.join(where) or 'true'}"
    order = date_order_sql("c.date->>'value'") + ", c.doc_id, c.cue_start, c.id"
    rows, total = keys_page(
        store, "c.doc_id, c.id", base, order, join_params + params, limit, offset
    )
    keys = [(str(r[0]), str(r[1])) for r in rows]
    return Page(_hydrate(store, keys), total, limit, max(offset, 0))


def _by_records(
    store: Store,
    speaker: EntitySummary | None,
    target: EntitySummary | None,
    status: str | None,
    date_from: str | None,
    date_to: str | None,
    min_confidence: float | None,
    limit: int | None,
    offset: int,
) -> Page[ClaimRow]:
    """:func:`claims_page` over the actors' rows of ``entity_records`` (see
    :mod:`newsgraph.query.actor_records`): the same filters, order and page."""
    actors = [(speaker, ("speaker",)), (target, ("target",))]
    rel, params = actor_records.relation("claim", [(a, r) for a, r in actors if a is not None])
    where: list[str] = []
    if status:
        where.append("lower(er0.status) = ?")
        params.append(status.lower())
    keys, total = actor_records.page_keys(
        store,
        rel,
        params,
        where,
        date_from=date_from,
        date_to=date_to,
        min_confidence=min_confidence,
        order="er0.own_rank, er0.doc_id, er0.cue, er0.id",
        limit=limit,
        offset=offset,
    )
    return Page(_hydrate(store, keys), total, limit, max(offset, 0))


_COLUMNS = (
    "doc_id, id, speaker, speaker_start, speaker_end, cue, cue_start, cue_end, "
    "content_start, content_end, kind, channel, status, targets, timex, date, parent, "
    "intermediary, confidence"
)


def _hydrate(store: Store, keys: list[tuple[str, str]]) -> list[ClaimRow]:
    """The :class:`ClaimRow` of each ``(doc_id, claim id)``, in the given order."""
    from newsgraph.query.common import load_docs

    if not keys:
        return []
    doc_ids = sorted({d for d, _ in keys})
    rows = {
        (r[0], r[1]): r
        for r in store.con.execute(
            f"SELECT {_COLUMNS} FROM claims WHERE doc_id IN "
            "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
            [ids_json(doc_ids)],
        ).fetchall()
    }
    docs = load_docs(store, doc_ids)
    names = canonical_names(store, doc_ids)
    local = _doc_names(store, doc_ids)
    out: list[ClaimRow] = []
    for key in keys:
        r = rows.get(key)
        if r is not None:
            out.append(_row(r, docs.get(key[0]), local, names))
    return out


def _doc_names(store: Store, doc_ids: list[str]) -> dict[tuple[str, str], str]:
    rows = store.con.execute(
        "SELECT doc_id, id, name FROM entities WHERE doc_id IN "
        "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
        [ids_json(doc_ids)],
    ).fetchall()
    return {(r[0], r[1]): str(r[2]) for r in rows}


def _row(
    r: tuple[Any, ...],
    info: Any,
    local: dict[tuple[str, str], str],
    names: dict[tuple[str, str], tuple[str, str]],
) -> ClaimRow:
    (doc_id, cid, spk, ss, se, cue, cs, ce, ks, ke, kind, channel, st, tgts, timex, date) = r[:16]
    parent, inter, conf = r[16:19]
    text = info.text if info else ""
    lo = min(x for x in (ss, cs, ks) if x is not None)
    hi = max(x for x in (se, ce, ke) if x is not None)
    s0, s1 = info.sentence_span(lo, hi) if info else (lo, hi)
    s0, s1 = min(s0, lo), max(s1, hi)
    dref = loads(date, {}) or {}
    target_ids = [str(t) for t in loads(tgts, []) or []]

    def canonical(eid: str | None) -> str | None:
        return names[(doc_id, eid)][0] if eid and (doc_id, eid) in names else None

    return ClaimRow(
        doc_id=doc_id,
        id=cid,
        speaker=local.get((doc_id, spk), "") if spk else text[ss:se] if ss is not None else "",
        speaker_id=spk,
        cue=cue or "",
        content=text[ks:ke],
        kind=kind,
        status=st,
        channel=channel,
        intermediary=local.get((doc_id, inter), inter) if inter else None,
        targets=[local.get((doc_id, t), t) for t in target_ids],
        date=dref.get("value"),
        date_from_article=timex is None,
        parent=parent,
        sentence=text[s0:s1],
        sentence_start=s0,
        speaker_span=(ss - s0, se - s0) if ss is not None and se is not None else None,
        cue_span=(cs - s0, ce - s0),
        content_span=(ks - s0, ke - s0),
        confidence=conf,
        date_shown=date_shown(dref.get("value"), info.date if info else None, timex is None),
        speaker_entity_id=canonical(spk),
        target_entity_ids=[c for t in target_ids if (c := canonical(t)) is not None],
        intermediary_entity_id=canonical(inter),
    )
