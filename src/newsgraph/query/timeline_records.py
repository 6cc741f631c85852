"""An actor's timeline from ``entity_records`` (:mod:`newsgraph.store.entity_records`), the
rows resolution writes per (actor, record), for resolved actors while the table is current:
filtered, ordered, counted and cut in SQL over the actor's rows only. Only the keys of one page
are selected here; :mod:`newsgraph.query.timeline` builds the items."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newsgraph.query.entities import EntitySummary
from newsgraph.query.page import date_range_sql, keys_page, year_bounds_sql
from newsgraph.query.wrong import WRONG_KIND
from newsgraph.store import Store, entity_records

KINDS = ("event", "claim")
Key = tuple[str, str, str]  # (kind, doc_id, record id)


@dataclass(frozen=True)
class TimelineFilter:
    """Which of an actor's items a timeline lists: inclusive ISO-prefix date bounds, the kinds
    wanted, one modality (events) or status (claims), and the least confidence per kind."""

    start: str | None = None
    end: str | None = None
    wanted: frozenset[str] = frozenset(KINDS)
    modality: str | None = None
    min_confidence: Mapping[str, float] = field(default_factory=dict)


def by_records(store: Store, entity: EntitySummary) -> bool:
    """Whether the actor's items can be read from ``entity_records`` (a resolved actor, the
    table current: see :mod:`newsgraph.store.entity_records`)."""
    return entity.resolved and entity_records.usable(store.con)


# The actor tables' rows less the records marked wrong: one anti-join on ``decisions`` (a
# correlated ``NOT EXISTS`` per kind, as ``query.wrong.not_wrong`` writes, costs 3 times more
# over a frequent actor's 40,000 rows).
RECORDS = (
    "entity_records er ANTI JOIN (SELECT a, kind FROM decisions WHERE kind IN "
    f"({', '.join(repr(k) for k in WRONG_KIND.values())})) wrong "
    "ON wrong.a = er.doc_id || '/' || er.id AND wrong.kind = 'wrong_' || er.kind"
)


def records_where(entity: EntitySummary, f: TimelineFilter) -> tuple[str, list[Any]]:
    """The ``WHERE`` of the actor's rows of ``entity_records er`` (the same filters as
    :func:`newsgraph.query.timeline_union.union_sql`) and its parameters."""
    kinds = [k for k in KINDS if k in f.wanted]
    where = ["er.canonical_id = ?", f"er.kind IN ({', '.join('?' for _ in kinds) or 'NULL'})"]
    params: list[Any] = [entity.id, *kinds]
    cond, date_params = date_range_sql("er.item_date", f.start, f.end)
    years, year_params = year_bounds_sql("er.date_rank", f.start, f.end)  # item_date's rank
    where += years
    params += year_params
    where.append(cond)
    params += date_params
    if f.modality:
        where.append("er.status = ?")
        params.append(f.modality)
    for kind in kinds:
        least = f.min_confidence.get(kind)
        if least is not None:
            where.append(f"(er.kind <> '{kind}' OR er.confidence IS NULL OR er.confidence >= ?)")
            params.append(least)
    return " AND ".join(where), params


def records_keys(
    store: Store, entity: EntitySummary, f: TimelineFilter, limit: int | None, offset: int
) -> tuple[list[Key], int]:
    """The keys of one page of the actor's items by date, and how many there are: the actor's
    rows only, already dated and ranked at resolution, ordered and cut in SQL."""
    where, params = records_where(entity, f)
    rows, total = keys_page(
        store,
        "kind, doc_id, id",
        f"FROM {RECORDS} WHERE {where}",
        "date_rank, doc_rank, doc_id, pos, kind, id",
        params,
        limit,
        offset,
    )
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows], total


def records_counts(store: Store, entity: EntitySummary, f: TimelineFilter) -> dict[str, int]:
    """How many items of each wanted kind (one query)."""
    where, params = records_where(entity, f)
    counts: dict[str, int] = {}
    for kind, n in store.con.execute(
        f"SELECT kind, count(*) FROM {RECORDS} WHERE {where} GROUP BY kind", params
    ).fetchall():
        counts[str(kind)] = int(n)
    return counts
