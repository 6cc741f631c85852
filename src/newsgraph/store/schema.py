"""The DuckDB schema of a newsgraph store, its version, and additive migrations.

One table per contract record type, keyed ``(doc_id, id)`` with doc-local ids as in the contract
("e1", "m3"); lists and objects are JSON columns; column names are the contract's field names (so
``"end"`` needs quoting in SQL). ``documents.result`` keeps the whole contract object, so nothing a
stage produces is lost even before the store gains a column for it. The record tables' DDL is
generated from the dataclasses in :mod:`newsgraph.model.records`, so the contract is written once.

Tables written by later layers (``canonical_entities``, ``entity_links``, ``decisions``,
``event_links``) are declared here too, so that one file says what a store holds:

* ``canonical_entities(id PK, name, type, aliases JSON, n_mentions, n_docs, attributes JSON)``
* ``entity_links(doc_id, entity_id, canonical_id, rule, evidence)`` — one row per doc-level entity
* ``decisions(id PK, kind 'merge'|'split'|'wrong_claim'|'wrong_event', a, b, note, created_at)``
  — user judgements (:mod:`newsgraph.resolve.decisions`); never
  deleted by re-ingest or re-resolve
* ``event_links(doc_id, event_id, cluster_id, rule)`` — cross-article event linking
* ``search_docs``, ``search_terms``, ``search_postings`` — the full-text index (:mod:`.fts`)

Record tables may gain columns when a field is added to :mod:`newsgraph.model.records` (fields are
only ever added): :func:`migrate` adds the missing ones as nullable columns, which is the only kind
of migration the contract allows, so it does not bump :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Union

import duckdb

from newsgraph import faults
from newsgraph.errors import SchemaVersionError
from newsgraph.model import records
from newsgraph.store import fts

# Bump when a table changes in a way an additive migration cannot express.
SCHEMA_VERSION = 1

DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS documents (
        id VARCHAR PRIMARY KEY,
        date VARCHAR NOT NULL,
        date_precision VARCHAR NOT NULL,
        title VARCHAR,
        url VARCHAR,
        source VARCHAR,
        text VARCHAR NOT NULL,
        repairs JSON,
        result JSON NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )""",
    # Unique on (input, line, code); ``line`` may be NULL, so uniqueness is kept by the writer
    # (IS NOT DISTINCT FROM), not by a constraint that would treat NULLs as distinct.
    """CREATE TABLE IF NOT EXISTS failures (
        input VARCHAR NOT NULL,
        line INTEGER,
        code VARCHAR NOT NULL,
        message VARCHAR,
        first_seen TIMESTAMP NOT NULL,
        last_seen TIMESTAMP
    )""",
    # Sentence spans of each document (from DocResult.sentences), so a query can find the
    # sentence that supports any offset without parsing again.
    """CREATE TABLE IF NOT EXISTS sentences (
        doc_id VARCHAR NOT NULL,
        ord INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    )""",
    # --- cross-document layers (written by newsgraph.resolve and the events linker) -----------
    """CREATE TABLE IF NOT EXISTS canonical_entities (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        type VARCHAR,
        aliases JSON,
        n_mentions INTEGER,
        n_docs INTEGER,
        attributes JSON
    )""",
    """CREATE TABLE IF NOT EXISTS entity_links (
        doc_id VARCHAR NOT NULL,
        entity_id VARCHAR NOT NULL,
        canonical_id VARCHAR NOT NULL,
        rule VARCHAR,
        evidence VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS decisions (
        id VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        note VARCHAR,
        created_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS event_links (
        doc_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        cluster_id VARCHAR NOT NULL,
        rule VARCHAR
    )""",
    # --- the full-text search index (newsgraph.store.fts) --------------------------------------
    """CREATE TABLE IF NOT EXISTS search_docs (
        doc_id VARCHAR NOT NULL,
        len INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS search_terms (
        term VARCHAR NOT NULL,
        df INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS search_postings (
        term VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        tf INTEGER NOT NULL,
        len INTEGER NOT NULL
    )""",
)

# Record tables: table name -> (record class, leading key columns not in the record). Their DDL
# is generated from the record dataclasses (:func:`record_ddl`), so a field added to
# :mod:`newsgraph.model.records` is a column of a new store without editing this file.
RECORD_TABLES: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "mentions": (records.Mention, ("doc_id",)),
    "entities": (records.Entity, ("doc_id",)),
    "timexes": (records.Timex, ("doc_id",)),
    "claims": (records.Claim, ("doc_id",)),
    "events": (records.Event, ("doc_id",)),
    # Flags have no id in the contract: ``ord`` is their position in ``DocResult.flags``.
    "flags": (records.Flag, ("doc_id", "ord")),
}

# SQL types of the key columns that are not record fields.
_KEY_TYPES = {"doc_id": "VARCHAR", "ord": "INTEGER"}

# Tables holding one document's rows (deleted together if a document is ever removed).
DOC_TABLES = ("sentences", *RECORD_TABLES)


def _sql_type(annotation: Any) -> str:
    """DuckDB type for a record field: scalars map to SQL scalars, everything else to JSON."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if annotation is bool:
        return "BOOLEAN"
    if annotation is int:
        return "INTEGER"
    if annotation is float:
        return "DOUBLE"
    if annotation is str:
        return "VARCHAR"
    return "JSON"


_COLUMNS: dict[type[Any], tuple[tuple[str, str, bool], ...]] = {}


def record_columns(cls: type[Any]) -> tuple[tuple[str, str, bool], ...]:
    """``(name, sql type, is_json)`` for each field of a record class, in declaration order."""
    cols = _COLUMNS.get(cls)
    if cols is None:
        hints = typing.get_type_hints(cls, vars(records))
        cols = tuple(
            (f.name, sql, sql == "JSON")
            for f in dataclasses.fields(cls)
            for sql in (_sql_type(hints[f.name]),)
        )
        _COLUMNS[cls] = cols
    return cols


def record_ddl(table: str) -> str:
    """``CREATE TABLE`` for a record table: its key columns, then one column per record field
    (keys and a record's ``id`` are NOT NULL; every other field may be null)."""
    cls, keys = RECORD_TABLES[table]
    cols = [f'"{k}" {_KEY_TYPES[k]} NOT NULL' for k in keys]
    cols += [
        f'"{name}" {sql}' + (" NOT NULL" if name == "id" else "")
        for name, sql, _json in record_columns(cls)
    ]
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    " + ",\n    ".join(cols) + "\n)"


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table in an empty database and stamp the schema version, in one transaction
    (with the migrations): a process killed meanwhile leaves an empty file, which the next open
    creates again, never tables without their version stamp (refused as a foreign schema)."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(";\n".join((*DDL, *(record_ddl(t) for t in RECORD_TABLES))))
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
            [str(SCHEMA_VERSION)],
        )
        migrate(con)
        faults.point("schema-written")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def check_version(con: duckdb.DuckDBPyConnection) -> None:
    """Raise :class:`SchemaVersionError` unless the database has this version's schema."""
    rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    tables = {r[0] for r in rows}
    if "meta" not in tables:
        found = "no newsgraph schema" if tables else "an empty database"
        raise SchemaVersionError(f"expected schema version {SCHEMA_VERSION}, found {found}")
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or row[0] != str(SCHEMA_VERSION):
        found = row[0] if row else "none"
        raise SchemaVersionError(f"expected schema version {SCHEMA_VERSION}, found {found}")


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """``(table, column, sql type)`` for record fields the tables do not have yet."""
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        f"WHERE table_name IN ({', '.join('?' for _ in RECORD_TABLES)})",
        list(RECORD_TABLES),
    ).fetchall()
    have = {(t, c) for t, c in rows}
    out = []
    for table, (cls, _keys) in RECORD_TABLES.items():
        out += [(table, n, t) for n, t, _ in record_columns(cls) if (table, n) not in have]
    return out


# Indexes for the reads that look rows up by document or actor (a dossier, a document page, a
# filtered list): ``CREATE INDEX IF NOT EXISTS`` so that opening an older store writable adds them
# (an additive migration: readers of an older file without them are only slower).
INDEXES: tuple[tuple[str, str, str], ...] = (*((f"{t}_doc", t, "doc_id") for t in DOC_TABLES),)


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Add columns for record fields added since the tables were created (never drops any),
    and the lookup indexes (:data:`INDEXES`) a store made before them lacks. A store made
    before our own search index loses DuckDB ``fts``'s (its schema and its staleness mark):
    the new tables start empty and the next index update fills them. An index built under
    another analysis (stop list) is emptied likewise (:func:`fts.stamp_analysis`)."""
    fts.drop_old_index(con)
    con.execute("DELETE FROM meta WHERE key = 'fts_stale'")
    fts.stamp_analysis(con)
    for table, column, sql in missing_columns(con):
        con.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {sql}')
    for name, table, column in INDEXES:
        con.execute(f'CREATE INDEX IF NOT EXISTS idx_{name} ON {table} ("{column}")')
