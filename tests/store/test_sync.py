"""store.sync: a slice of a table made equal to recomputed rows, writing only the difference."""

from __future__ import annotations

import duckdb

from newsgraph.store.sync import sync


def _table() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (actor VARCHAR, roles VARCHAR[], attrs JSON, n INTEGER)")
    con.execute(
        "INSERT INTO t VALUES ('Ostland', ['source'], '{\"a\": 1}', 1), "
        "('Ostland', ['source'], '{\"a\": 1}', 1), ('Ostland', NULL, NULL, NULL), "
        "('Ostland', ['target'], '[]', 2), ('Lagonia', ['place'], '[]', 9)"
    )
    return con


def _rows(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT actor, roles, CAST(attrs AS VARCHAR), n FROM t ORDER BY ALL"
    ).fetchall()


def test_only_the_difference_is_written_and_the_slice_equals_the_new_rows() -> None:
    con = _table()
    con.execute("CREATE TABLE fresh AS SELECT * FROM t WHERE roles = ['source'] LIMIT 1")
    con.execute(
        "INSERT INTO fresh VALUES ('Ostland', NULL, NULL, NULL), ('Ostland', ['x'], '[]', 3)"
    )
    con.execute("BEGIN")
    # One copy of the duplicated row and the 'target' row go; the NULL row (NULLs equal) and one
    # copy stay; only the new row is inserted. Lagonia is outside the slice.
    assert sync(con, "t", "SELECT * FROM fresh", "actor = ?", ["Ostland"]) == (2, 1)
    con.execute("COMMIT")
    assert _rows(con) == [
        ("Lagonia", ["place"], "[]", 9),
        ("Ostland", ["source"], '{"a": 1}', 1),
        ("Ostland", ["x"], "[]", 3),
        ("Ostland", None, None, None),
    ]


def test_unchanged_rows_are_not_rewritten() -> None:
    con = _table()
    before = con.execute("SELECT rowid FROM t ORDER BY rowid").fetchall()
    assert sync(con, "t", "SELECT * FROM t WHERE actor = 'Ostland'", "actor = 'Ostland'") == (0, 0)
    assert con.execute("SELECT rowid FROM t ORDER BY rowid").fetchall() == before
    assert not con.execute(
        "SELECT * FROM duckdb_tables() WHERE table_name LIKE '_ng_sync%'"
    ).fetchall()
