"""``entity_records``: each resolved actor's events and claims, written in bulk at resolution.

A frequent actor stands for ~23,000 doc-level entities in a store of 100,000 articles; following
it through ``entity_links`` to its records joins them all and re-parses the JSON id lists of every
claim and event of those articles on each request. Resolution instead writes, once, one row per
(actor, record) it takes part in — claims as speaker, intermediary or target; events as source,
target or place — with what a timeline sorts and filters by, sorted by actor so that reading one
actor's rows skips the rest of the table (DuckDB's row-group min/max).

Columns: ``canonical_id, kind ('claim'|'event'), doc_id, id`` (the doc-local record id),
``item_date`` (the record's own date, else its time expression's, else the article's),
``date_rank`` (sortable integer of the date the item is placed at, see :func:`date_rank_sql`),
``doc_rank`` (the article date's), ``pos`` (offset in the article), ``status`` (a claim's status,
an event's modality, ``occurred`` when none), ``confidence``.

Records a person marks wrong keep their rows: readers leave them out with the same anti-join on
``decisions`` as every other read (:mod:`newsgraph.query.wrong`), so a mark or its undoing is
seen at once without rewriting this table. Merges and splits take effect at the next resolution,
which rewrites the table with the links. The table is only trusted when ``meta.entity_records``
says resolution wrote it and no ingest since left resolution pending (:func:`usable`); otherwise
readers follow ``entity_links`` as before.
"""

from __future__ import annotations

import json
from collections.abc import Collection

import duckdb

DDL = """CREATE TABLE IF NOT EXISTS entity_records (
    canonical_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    item_date VARCHAR,
    date_rank BIGINT,
    doc_rank BIGINT,
    pos INTEGER,
    status VARCHAR,
    confidence DOUBLE
)"""

# Beside it, how often each actor is named how in each article (the dossier's names and
# per-article mention counts), aggregated from ``mentions`` at the same time.
MENTIONS_DDL = """CREATE TABLE IF NOT EXISTS entity_mentions (
    canonical_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    text VARCHAR,
    kind VARCHAR,
    n INTEGER
)"""

META_KEY = "entity_records"


def date_rank_sql(expr: str) -> str:
    """An integer ordering like ``query.common.date_key`` of the value ``expr``: year, month,
    day (missing parts 0), values that are not dates after every date."""
    p = f"regexp_extract(coalesce({expr}, ''), '^\\d{{4}}(-\\d{{2}})?(-\\d{{2}})?')"
    return (
        f"(CAST({p} = '' AS BIGINT) * 100000000 "
        f"+ coalesce(TRY_CAST(substr({p}, 1, 4) AS BIGINT), 9999) * 10000 "
        f"+ coalesce(TRY_CAST(substr({p}, 6, 2) AS BIGINT), CASE WHEN {p} = '' THEN 99 ELSE 0 END)"
        " * 100 "
        f"+ coalesce(TRY_CAST(substr({p}, 9, 2) AS BIGINT), CASE WHEN {p} = '' THEN 99 ELSE 0 END))"
    )


_IDS = "from_json(coalesce({col}, '[]'), '[\"VARCHAR\"]')"
_ITEM_DATE = "coalesce(x.date->>'value', t.value, d.date)"
_PLACED = f"CASE WHEN regexp_matches({_ITEM_DATE}, '^\\d{{4}}') THEN {_ITEM_DATE} ELSE d.date END"

# (kind, table, the doc-level ids taking part, position, status)
_PARTS = (
    (
        "claim",
        "claims",
        f"list_concat([speaker, intermediary], {_IDS.format(col='targets')})",
        "least(x.speaker_start, x.cue_start, x.content_start)",
        "x.status",
    ),
    (
        "event",
        "events",
        f"list_concat([place], {_IDS.format(col='source')}, {_IDS.format(col='target')})",
        "coalesce(x.sentence_start, x.trigger_start)",
        "coalesce(x.modality, 'occurred')",
    ),
)


def rebuild(con: duckdb.DuckDBPyConnection, ids: Collection[str] | None = None) -> None:
    """Rewrite ``entity_records`` from ``entity_links``, ``claims`` and ``events``, and
    ``entity_mentions`` from ``mentions``, for the actors ``ids`` (None: every actor), then the
    dossier's summary tables (:mod:`newsgraph.store.entity_summary`). One ``INSERT … SELECT``
    per table, never row by row; call inside the transaction that writes the links."""
    from newsgraph.store import entity_summary

    if ids is None:
        which, params = "true", []
        drop = ""
    else:
        some = "IN (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))"
        which, params = f"l.canonical_id {some}", [json.dumps(sorted(ids))]
        drop = f" WHERE canonical_id {some}"
    con.execute(DDL)
    con.execute(f"DELETE FROM entity_records{drop}", params)
    parts = []
    for kind, table, involved, pos, status in _PARTS:
        parts.append(
            f"""SELECT DISTINCT l.canonical_id, '{kind}' AS kind, x.doc_id, x.id,
                   {_ITEM_DATE} AS item_date, {date_rank_sql(_PLACED)} AS date_rank,
                   {date_rank_sql("d.date")} AS doc_rank, {pos} AS pos, {status} AS status,
                   x.confidence
            FROM (SELECT doc_id, id, unnest(list_distinct({involved})) AS e FROM {table}) i
            JOIN entity_links l ON l.doc_id = i.doc_id AND l.entity_id = i.e
            JOIN {table} x ON x.doc_id = i.doc_id AND x.id = i.id
            JOIN documents d ON d.id = x.doc_id
            LEFT JOIN timexes t ON t.doc_id = x.doc_id AND t.id = x.timex
            WHERE {which}"""
        )
    con.execute(
        "INSERT INTO entity_records SELECT * FROM ("
        + " UNION ALL ".join(parts)
        + ") ORDER BY canonical_id, date_rank, doc_rank, doc_id, pos, kind, id",
        params * len(parts),
    )
    con.execute(MENTIONS_DDL)
    con.execute(f"DELETE FROM entity_mentions{drop}", params)
    con.execute(
        "INSERT INTO entity_mentions SELECT l.canonical_id, m.doc_id, m.text, "
        "coalesce(m.kind, 'name'), count(*) FROM mentions m JOIN entity_links l "
        f"ON l.doc_id = m.doc_id AND l.entity_id = m.entity WHERE {which} "
        "GROUP BY ALL ORDER BY ALL",
        params,
    )
    con.execute(
        "INSERT INTO meta VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
        [META_KEY],
    )
    entity_summary.rebuild(con, ids)


def usable(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``entity_records`` holds what the current links and records say: written by
    resolution, and no ingest since has left resolution pending."""
    try:
        rows = dict(
            con.execute(
                "SELECT key, value FROM meta WHERE key IN (?, 'resolve_pending')", [META_KEY]
            ).fetchall()
        )
    except duckdb.Error:
        return False
    return rows.get(META_KEY) == "1" and rows.get("resolve_pending") != "1"
