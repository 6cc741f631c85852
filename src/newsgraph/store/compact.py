"""Rewriting a store into a new file with the current block size (``newsgraph compact``).

DuckDB fixes a file's block size when it creates the file. Stores made before newsgraph chose a
smaller one (:data:`~newsgraph.store.core.BLOCK_SIZE`) keep DuckDB's default of 256 kB, and each
incremental ingest into them leaves mostly empty blocks behind (see docs/engineering/store.md).
:func:`compact` copies every table (with its constraints and indexes) into a new file next to the
old one, checks the copy, and only then swaps it in:

* the original is opened writable for the whole job, so DuckDB's lock refuses the job while any
  other process (a reader too) has the file open, and keeps every other process out until the
  new file has replaced it; a refused job touches nothing;
* the copy is checked before the swap: the same tables, columns, indexes and constraints, and in
  every table the same number of rows and the same checksum of their values (an order-independent
  sum of row hashes); then it must open as a newsgraph store;
* the swap is one ``rename`` over the old name, so a reader sees the old file or the new one,
  never a mix; a job that fails or is killed before it leaves the original as it was (a killed
  job leaves ``FILE.compacting``, which the next job deletes).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsgraph import faults
from newsgraph.errors import NotFoundError, StoreError
from newsgraph.store import damage, schema
from newsgraph.store.core import BLOCK_SIZE, CONNECT_CONFIG, Store

SUFFIX = ".compacting"
_ALIAS = "newsgraph_compacted"  # the new file's name while attached to the old one's connection


@dataclass(frozen=True)
class CompactStats:
    """What :func:`compact` did: sizes in bytes before and after (``used``: DuckDB's used blocks,
    without the free ones a file keeps), block sizes, and the tables and rows copied."""

    path: str
    bytes_before: int
    bytes_after: int
    used_before: int
    used_after: int
    block_size_before: int
    block_size_after: int
    tables: int
    rows: int


def file_bytes(path: Path) -> int:
    """Size of a database file with its write-ahead log."""
    return sum(p.stat().st_size for p in (path, wal_path(path)) if p.exists())


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def compact(path: str | Path, block_size: int = BLOCK_SIZE) -> CompactStats:
    """Rewrite the store at ``path`` into a new file with blocks of ``block_size`` bytes and swap
    it in. Raises :class:`StoreBusyError` when another process has the file open,
    :class:`StoreError` when the copy does not match (the original is then left as it was)."""
    src = Path(path)
    if not src.is_file():
        raise NotFoundError(f"no database at {src}", hint="pass the store's file with --db")
    tmp = src.with_name(src.name + SUFFIX)
    try:
        con = duckdb.connect(str(src), config={**CONNECT_CONFIG})
    except duckdb.Error as err:
        raise damage.as_store_error(err, str(src)) from err
    attached = False
    try:
        schema.check_version(con)
        con.execute("CHECKPOINT")  # the log's changes into the file: the copy reads them all
        bytes_before = file_bytes(src)
        used_before, size_before = _used(con, None)
        _remove(tmp)  # left by a killed job (this one holds the lock: no other job runs)
        name = _one(con, "SELECT current_database()")
        con.execute(f"ATTACH '{_quote(str(tmp))}' AS {_ALIAS} (BLOCK_SIZE {int(block_size)})")
        attached = True
        con.execute(f'COPY FROM DATABASE "{name}" TO {_ALIAS}')
        con.execute(f"CHECKPOINT {_ALIAS}")
        faults.point("compact-copied")
        tables, rows = _check_copy(con, name, _ALIAS)
        used_after, size_after = _used(con, _ALIAS)
        con.execute(f"DETACH {_ALIAS}")
        attached = False
        with Store(tmp, read_only=True):  # it opens as a store of this schema version
            pass
        if wal_path(tmp).exists():
            raise StoreError(f"the copy of {src} kept a write-ahead log; nothing was changed")
        _fsync(tmp)
        os.replace(tmp, src)  # under the old file's lock: nobody opened either meanwhile
        _fsync(src.parent)
    except BaseException:
        if attached:
            with contextlib.suppress(duckdb.Error):
                con.execute(f"DETACH {_ALIAS}")
        con.close()
        _remove(tmp)
        raise
    con.close()  # the old file, now unnamed: it has nothing left to write
    return CompactStats(
        path=str(src),
        bytes_before=bytes_before,
        bytes_after=file_bytes(src),
        used_before=used_before,
        used_after=used_after,
        block_size_before=size_before,
        block_size_after=size_after,
        tables=tables,
        rows=rows,
    )


def _check_copy(con: duckdb.DuckDBPyConnection, old: str, new: str) -> tuple[int, int]:
    """Raise :class:`StoreError` unless database ``new`` holds what ``old`` holds; the number
    of tables and rows compared."""
    for what, sql in _CATALOG.items():
        listed = [con.execute(sql, [db]).fetchall() for db in (old, new)]
        if listed[0] != listed[1]:
            raise StoreError(f"the copy differs from the original in its {what}; nothing changed")
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY 1", [old]
        ).fetchall()
    ]
    rows = 0
    for table in tables:
        a, b = (_checksum(con, db, table) for db in (old, new))
        if a != b:
            raise StoreError(
                f"the copy of table {table} differs from the original; nothing changed"
            )
        rows += a[0]
    return len(tables), rows


def _checksum(con: duckdb.DuckDBPyConnection, db: str, table: str) -> tuple[int, int]:
    """Rows of a table and the sum of their hashes (the same whatever the rows' order)."""
    row = con.execute(
        f'SELECT count(*), coalesce(sum(hash(t)), 0) FROM "{db}".main."{table}" AS t'
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


# What must be the same in the copy's catalog (each query takes the database name).
_CATALOG = {
    "tables and columns": "SELECT table_name, column_index, column_name, data_type, is_nullable "
    "FROM duckdb_columns() WHERE database_name = ? ORDER BY 1, 2",
    "indexes": "SELECT table_name, index_name, is_unique, expressions "
    "FROM duckdb_indexes() WHERE database_name = ? ORDER BY 1, 2",
    "constraints": "SELECT table_name, constraint_type, constraint_column_names "
    "FROM duckdb_constraints() WHERE database_name = ? ORDER BY ALL",
    "views": "SELECT view_name, sql FROM duckdb_views() "
    "WHERE database_name = ? AND NOT internal ORDER BY 1",
}


def _used(con: duckdb.DuckDBPyConnection, db: str | None) -> tuple[int, int]:
    """Used bytes (used blocks times block size) and block size of database ``db`` (None: the
    connection's own)."""
    if db is None:
        db = _one(con, "SELECT current_database()")
    row = con.execute(
        "SELECT used_blocks, block_size FROM pragma_database_size() WHERE database_name = ?", [db]
    ).fetchone()
    if row is None:
        return 0, 0
    return int(row[0]) * int(row[1]), int(row[1])


def used_bytes(path: str | Path) -> tuple[int, int]:
    """Used bytes and block size of the database file at ``path``, opened read-only: its size
    without the free blocks DuckDB keeps for reuse (a file never shrinks when rows are deleted,
    and new rows fill freed blocks first)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return _used(con, None)
    finally:
        con.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    row = con.execute(sql).fetchone()
    return str(row[0]) if row else ""


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _remove(path: Path) -> None:
    for p in (path, wal_path(path)):
        p.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
