"""An actor's timeline from the raw rows (claims and events of the articles its doc-level
entities are in), for actors ``entity_records`` cannot serve: before resolution, or while an
ingest has left it pending (:mod:`newsgraph.query.timeline_records` serves the others). Only the
keys of one page are selected here; :mod:`newsgraph.query.timeline` builds the items."""

from __future__ import annotations

from typing import Any

from newsgraph.query.entities import EntitySummary
from newsgraph.query.page import date_order_sql, date_range_sql, keys_page, members_sql
from newsgraph.query.timeline_records import Key, TimelineFilter
from newsgraph.query.wrong import not_wrong
from newsgraph.store import Store

# The date a timeline item is placed at: its own value, else its timex's, else the article's.
ITEM_DATE = "coalesce(x.date->>'value', t.value, d.date)"


def union_keys(
    store: Store, entity: EntitySummary, f: TimelineFilter, limit: int | None, offset: int
) -> tuple[list[Key], int]:
    """The keys of one page of the actor's items by date, and how many there are."""
    union, params = union_sql(store, entity, f)
    if union is None or limit == 0:
        counts = union_counts(store, entity, f) if union is not None else {}
        return [], sum(counts.values())
    placed_date = "CASE WHEN regexp_matches(item_date, '^\\d{4}') THEN item_date ELSE doc_date END"
    rows, total = keys_page(
        store,
        "kind, doc_id, id",
        f"FROM ({union})",
        f"{date_order_sql(placed_date)}, {date_order_sql('doc_date')}, doc_id, pos, kind, id",
        params,
        limit,
        offset,
    )
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows], total


def union_counts(store: Store, entity: EntitySummary, f: TimelineFilter) -> dict[str, int]:
    """How many items of each wanted kind (one query; the items are dated only when bounded)."""
    union, params = union_sql(store, entity, f, dated=bool(f.start or f.end))
    counts: dict[str, int] = {}
    if union is not None:
        for kind, n in store.con.execute(
            f"SELECT kind, count(*) FROM ({union}) GROUP BY kind", params
        ).fetchall():
            counts[str(kind)] = int(n)
    return counts


def union_sql(
    store: Store, entity: EntitySummary, f: TimelineFilter, *, dated: bool = True
) -> tuple[str | None, list[Any]]:
    """The actor's items as one SQL relation ``(kind, doc_id, id, item_date, doc_date, pos)``
    with its parameters (None when no kind is wanted); without ``dated`` (a count with no date
    bounds) the relation is ``(kind, doc_id, id)`` and skips the joins that date the items."""
    rel, rel_params = members_sql(store, entity)
    parts: list[str] = []
    params: list[Any] = list(rel_params)
    cond, date_params = date_range_sql(ITEM_DATE, f.start, f.end)
    for kind, table, involved, offset_sql, status in _PARTS:
        if kind not in f.wanted:
            continue
        where = [f"({involved})", not_wrong(kind, "x"), cond]
        part_params: list[Any] = list(date_params)
        if f.modality:
            where.append(f"{status} = ?")
            part_params.append(f.modality)
        least = f.min_confidence.get(kind)
        if least is not None:
            where.append("(x.confidence IS NULL OR x.confidence >= ?)")
            part_params.append(least)
        if dated:
            parts.append(
                f"SELECT '{kind}' AS kind, x.doc_id, x.id, {ITEM_DATE} AS item_date, "
                f"d.date AS doc_date, {offset_sql} AS pos FROM {table} x "
                "JOIN m ON m.d = x.doc_id JOIN documents d ON d.id = x.doc_id "
                "LEFT JOIN timexes t ON t.doc_id = x.doc_id AND t.id = x.timex "
                f"WHERE {' AND '.join(where)}"
            )
        else:
            parts.append(
                f"SELECT '{kind}' AS kind, x.doc_id, x.id FROM {table} x "
                f"JOIN m ON m.d = x.doc_id WHERE {' AND '.join(where)}"
            )
        params += part_params
    if not parts:
        return None, []
    # The actor's members once for both kinds (each part would otherwise scan the links again).
    return f"WITH m AS MATERIALIZED {rel} " + " UNION ALL ".join(parts), params


# (kind, table, how the actor takes part, position in the article, modality or status)
_PARTS = (
    (
        "claim",
        "claims",
        "list_contains(m.es, x.speaker) OR list_contains(m.es, x.intermediary) OR "
        "list_has_any(m.es, from_json(coalesce(x.targets, '[]'), '[\"VARCHAR\"]'))",
        "least(x.speaker_start, x.cue_start, x.content_start)",
        "x.status",
    ),
    (
        "event",
        "events",
        "list_contains(m.es, x.place) OR list_has_any(m.es, list_concat("
        "from_json(coalesce(x.source, '[]'), '[\"VARCHAR\"]'), "
        "from_json(coalesce(x.target, '[]'), '[\"VARCHAR\"]')))",
        "coalesce(x.sentence_start, x.trigger_start)",
        "coalesce(x.modality, 'occurred')",
    ),
)
