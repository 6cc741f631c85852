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
an event's modality, ``occurred`` when none), ``confidence``; for the lists of claims and events
by actor (``claims --speaker/--target``, ``events --actor``), which filter and sort by the
record's own date: ``roles`` (how the actor takes part: speaker, intermediary, target; source,
target, place), ``own_date`` and ``own_rank`` (the record's own date value and its rank),
``cue`` (a claim's cue offset) and ``type`` (an event's type).

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
    confidence DOUBLE,
    roles VARCHAR[],
    own_date VARCHAR,
    own_rank BIGINT,
    cue INTEGER,
    type VARCHAR
)"""
VERSION = 2  # meta.entity_records: 2 since the columns from ``roles`` on

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

# (kind, table, the doc-level ids taking part with their role, position, status, cue, type)
_PARTS = (
    (
        "claim",
        "claims",
        "list_concat([{'e': speaker, 'r': 'speaker'}, {'e': intermediary, 'r': 'intermediary'}], "
        f"list_transform({_IDS.format(col='targets')}, t -> {{'e': t, 'r': 'target'}}))",
        "least(x.speaker_start, x.cue_start, x.content_start)",
        "x.status",
        "x.cue_start",
        "NULL",
    ),
    (
        "event",
        "events",
        "list_concat([{'e': place, 'r': 'place'}], "
        f"list_transform({_IDS.format(col='source')}, t -> {{'e': t, 'r': 'source'}}), "
        f"list_transform({_IDS.format(col='target')}, t -> {{'e': t, 'r': 'target'}}))",
        "coalesce(x.sentence_start, x.trigger_start)",
        "coalesce(x.modality, 'occurred')",
        "NULL",
        "x.type",
    ),
)


def rebuild(
    con: duckdb.DuckDBPyConnection,
    ids: Collection[str] | None = None,
    docs: Collection[str] | None = None,
) -> None:
    """Rewrite ``entity_records`` from ``entity_links``, ``claims`` and ``events``, and
    ``entity_mentions`` from ``mentions``, for the actors ``ids`` (None: every actor), then the
    dossier's summary tables (:mod:`newsgraph.store.entity_summary`). One ``INSERT … SELECT``
    per table, never row by row; call inside the transaction that writes the links.

    ``docs`` (with ``ids``): the articles whose links changed. A row of either table depends
    only on its article's records and links, so only those articles' rows are recomputed (not
    every row of a changed actor, which grows with the store), and only the rows that differ are
    written (:func:`newsgraph.store.sync.sync`)."""
    from newsgraph.store import entity_summary
    from newsgraph.store.sync import sync

    if ids is not None and _version(con) < VERSION:
        ids = None  # rows of other actors missing or of an older shape: rewrite them all
    some = "IN (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))"
    if ids is None:
        which, params = "true", []
        drop = ""
    elif docs is not None:
        which, params = f"l.doc_id {some}", [json.dumps(sorted(docs))]
        drop = f" WHERE doc_id {some}"
    else:
        which, params = f"l.canonical_id {some}", [json.dumps(sorted(ids))]
        drop = f" WHERE canonical_id {some}"
    if ids is None:  # rewritten whole: the table may have the columns of an older version
        con.execute("DROP TABLE IF EXISTS entity_records")
    con.execute(DDL)
    con.execute(MENTIONS_DDL)
    # The articles' records only (not every record of the store, unnested and then dropped).
    scope = f"doc_id {some}" if docs is not None and ids is not None else "true"
    scoped = params if scope != "true" else []
    parts = []
    for kind, table, involved, pos, status, cue, type_ in _PARTS:
        parts.append(
            f"""SELECT l.canonical_id, '{kind}' AS kind, x.doc_id, x.id,
                   {_ITEM_DATE} AS item_date, {date_rank_sql(_PLACED)} AS date_rank,
                   {date_rank_sql("d.date")} AS doc_rank, {pos} AS pos, {status} AS status,
                   x.confidence, list(DISTINCT i.p.r ORDER BY i.p.r) AS roles,
                   x.date->>'value' AS own_date, {date_rank_sql("x.date->>'value'")} AS own_rank,
                   {cue} AS cue, {type_} AS type
            FROM (SELECT doc_id, id, unnest({involved}) AS p FROM {table} WHERE {scope}) i
            JOIN entity_links l ON l.doc_id = i.doc_id AND l.entity_id = i.p.e
            JOIN {table} x ON x.doc_id = i.doc_id AND x.id = i.id
            JOIN documents d ON d.id = x.doc_id
            LEFT JOIN timexes t ON t.doc_id = x.doc_id AND t.id = x.timex
            WHERE {which} GROUP BY ALL"""
        )
    records = "SELECT * FROM (" + " UNION ALL ".join(parts) + ")"
    records_order = "canonical_id, date_rank, doc_rank, doc_id, pos, kind, id"
    mentions = (
        "SELECT l.canonical_id, m.doc_id, m.text, coalesce(m.kind, 'name'), count(*) "
        "FROM mentions m JOIN entity_links l ON l.doc_id = m.doc_id AND l.entity_id = m.entity "
        f"WHERE {which} GROUP BY ALL"
    )
    if docs is not None and ids is not None:
        sync(
            con,
            "entity_records",
            records,
            drop.removeprefix(" WHERE "),
            params,
            new_params=(scoped + params) * len(parts),
            order=records_order,
            distinct=True,  # one row per actor and record (GROUP BY ALL)
        )
        sync(
            con,
            "entity_mentions",
            mentions,
            drop.removeprefix(" WHERE "),
            params,
            new_params=params,
            order="ALL",
            distinct=True,
        )
    else:
        con.execute(f"DELETE FROM entity_records{drop}", params)
        con.execute(
            f"INSERT INTO entity_records {records} ORDER BY {records_order}",
            params * len(parts),
        )
        con.execute(f"DELETE FROM entity_mentions{drop}", params)
        con.execute(f"INSERT INTO entity_mentions {mentions} ORDER BY ALL", params)
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [META_KEY, str(VERSION)],
    )
    entity_summary.rebuild(con, ids, docs)


def _version(con: duckdb.DuckDBPyConnection) -> int:
    """The version of the table resolution last wrote whole (0: never)."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()
    except duckdb.InterruptException:
        raise  # Ctrl-C is no missing table
    except duckdb.Error:
        return 0
    value = str(row[0]) if row and row[0] is not None else ""
    return int(value) if value.isdigit() else 0


def resolved_mark(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """The ``meta`` value ``key`` a table written at resolution stamps, or None when no ingest
    has left resolution pending since (or the store has no ``meta`` yet): what both the
    per-actor tables here and the dossier summaries read before trusting themselves."""
    try:
        rows = dict(
            con.execute(
                "SELECT key, value FROM meta WHERE key IN (?, 'resolve_pending')", [key]
            ).fetchall()
        )
    except duckdb.InterruptException:
        raise  # Ctrl-C is no missing table
    except duckdb.Error:
        return None
    if rows.get("resolve_pending") == "1":
        return None
    value = rows.get(key)
    return None if value is None else str(value)


def _written(con: duckdb.DuckDBPyConnection) -> int:
    """The version of the table resolution wrote (0: none, or an ingest since left resolution
    pending)."""
    written = resolved_mark(con, META_KEY) or ""
    return int(written) if written.isdigit() else 0


def usable(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``entity_records`` holds what the current links and records say: written by
    resolution, and no ingest since has left resolution pending."""
    return _written(con) >= 1


def lists_usable(con: duckdb.DuckDBPyConnection) -> bool:
    """:func:`usable`, and written with the columns the lists of claims and events by actor
    read (``roles`` and after: a store resolved by an older version lacks them)."""
    return usable(con) and _written(con) >= VERSION
