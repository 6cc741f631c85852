"""Replace a slice of a table by writing only the rows that differ.

Resolution and event linking recompute whole groups of rows (the links of a blocking component,
an actor's summary rows, a cluster of events) of which an update changes few. Deleting and
re-inserting them all costs the writes and grows the file: DuckDB keeps a deleted row's space
until its whole row group is gone, so a daily update of a large store left ~8× a bulk ingest's
used blocks per new article. :func:`sync` compares the recomputed rows with the stored ones (as
multisets: every column, NULLs equal) and deletes and inserts only the difference. The table ends
exactly as a delete-and-insert would leave it, up to row order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The table's column names, in order."""
    con.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in con.description or ()]


def sync(
    con: duckdb.DuckDBPyConnection,
    table: str,
    new: str,
    scope: str = "true",
    params: Sequence[Any] = (),
    *,
    new_params: Sequence[Any] = (),
    order: str | None = None,
    distinct: bool = False,
) -> tuple[int, int]:
    """Make the rows of ``table`` matching ``scope`` (a condition on its columns, with
    ``params``) equal, as a multiset, to the rows of the query ``new`` (the table's columns, in
    order): delete the stored rows no new row matches, insert the new rows no stored row
    matches (``order``: an ``ORDER BY`` list for the inserted rows). Every new row must fall in
    ``scope``. ``distinct``: the caller knows no row repeats (in the table or in ``new``), which
    spares numbering the copies. Returns (deleted, inserted). Call inside the caller's
    transaction."""
    cols = columns(con, table)
    listed = ", ".join(f'"{c}"' for c in cols)
    picked = ", ".join(f'n."{c}"' for c in cols)
    same = " AND ".join(f'o."{c}" IS NOT DISTINCT FROM n."{c}"' for c in cols)
    # Numbering equal rows lets two copies of a row match two copies, not one.
    rank = "1" if distinct else f"row_number() OVER (PARTITION BY {listed})"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _ng_sync_new AS SELECT *, {rank} AS _ng_n "
        f"FROM ({new}) AS _ng_q({listed})",
        list(new_params),
    )
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _ng_sync_old AS SELECT rowid AS _ng_rid, {listed}, "
            f"{rank} AS _ng_n FROM {table} WHERE {scope}",
            list(params),
        )
        gone = con.execute(
            f"DELETE FROM {table} WHERE rowid IN (SELECT o._ng_rid FROM _ng_sync_old o "
            f"ANTI JOIN _ng_sync_new n ON {same} AND o._ng_n = n._ng_n)"
        ).fetchone()
        added = con.execute(
            f"INSERT INTO {table} SELECT * FROM (SELECT {picked} FROM _ng_sync_new n "
            f"ANTI JOIN _ng_sync_old o ON {same} AND o._ng_n = n._ng_n)"
            + (f" ORDER BY {order}" if order else "")
        ).fetchone()
    finally:
        con.execute("DROP TABLE IF EXISTS _ng_sync_new")
        con.execute("DROP TABLE IF EXISTS _ng_sync_old")
    return (int(gone[0]) if gone else 0, int(added[0]) if added else 0)


def sync_keyed(
    con: duckdb.DuckDBPyConnection,
    table: str,
    new: str,
    keys: Sequence[str],
    scope: str = "true",
    params: Sequence[Any] = (),
    *,
    new_params: Sequence[Any] = (),
    order: str | None = None,
) -> tuple[int, int, int]:
    """:func:`sync` for a slice whose rows are identified by the columns ``keys`` (unique among
    the stored rows of ``scope`` and among the new rows; NULLs equal): a stored row whose key
    has a new row with other values is updated in place instead of deleted and inserted again.

    Why: DuckDB keeps a deleted row's bytes until its whole row group goes, so a row rewritten
    because one column changed (an entity's component label after a merge) left its old copy
    in the file at every update; an ``UPDATE`` rewrites the changed column's segments at the
    next checkpoint and frees the old ones. The table ends as :func:`sync` would leave it, up to
    row order. Returns (deleted, updated, inserted). Call inside the caller's transaction."""
    cols = columns(con, table)
    listed = ", ".join(f'"{c}"' for c in cols)
    picked = ", ".join(f'n."{c}"' for c in cols)
    rest = [c for c in cols if c not in keys]
    on = " AND ".join(f'o."{k}" IS NOT DISTINCT FROM n."{k}"' for k in keys)
    differs = " OR ".join(f'o."{c}" IS DISTINCT FROM n."{c}"' for c in rest) or "false"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _ng_sync_new AS SELECT * FROM ({new}) AS _ng_q({listed})",
        list(new_params),
    )
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _ng_sync_old AS SELECT rowid AS _ng_rid, {listed} "
            f"FROM {table} WHERE {scope}",
            list(params),
        )
        gone = con.execute(
            f"DELETE FROM {table} WHERE rowid IN (SELECT o._ng_rid FROM _ng_sync_old o "
            f"ANTI JOIN _ng_sync_new n ON {on})"
        ).fetchone()
        changed = None
        if rest:
            assign = ", ".join(f'"{c}" = _ng_x."{c}"' for c in rest)
            values = ", ".join(f'n."{c}"' for c in rest)
            changed = con.execute(
                f"UPDATE {table} SET {assign} FROM (SELECT o._ng_rid, {values} "
                f"FROM _ng_sync_old o JOIN _ng_sync_new n ON {on} WHERE {differs}) AS _ng_x "
                f"WHERE {table}.rowid = _ng_x._ng_rid"
            ).fetchone()
        added = con.execute(
            f"INSERT INTO {table} SELECT * FROM (SELECT {picked} FROM _ng_sync_new n "
            f"ANTI JOIN _ng_sync_old o ON {on})" + (f" ORDER BY {order}" if order else "")
        ).fetchone()
    finally:
        con.execute("DROP TABLE IF EXISTS _ng_sync_new")
        con.execute("DROP TABLE IF EXISTS _ng_sync_old")
    return (_count(gone), _count(changed), _count(added))


def _count(row: tuple[Any, ...] | None) -> int:
    """The row count a DuckDB ``DELETE``/``UPDATE``/``INSERT`` returns (0 when none ran)."""
    return int(row[0]) if row else 0
