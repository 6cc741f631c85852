"""store.sync: a slice of a table made equal to recomputed rows, writing only the difference."""

from __future__ import annotations

import duckdb

from newsgraph.store.sync import sync, sync_keyed


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


def test_keyed_rows_that_changed_are_updated_in_place_and_the_slice_equals_the_new_rows() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE k (doc VARCHAR, ent VARCHAR, key BIGINT, label VARCHAR)")
    con.execute(
        "INSERT INTO k VALUES ('d1', 'e1', NULL, 'd1/e1'), ('d1', 'e1', 7, 'd1/e1'), "
        "('d2', 'e1', NULL, 'd2/e1'), ('d2', 'e1', 9, 'd2/e1'), ('d3', 'e1', NULL, 'd3/e1')"
    )
    kept = dict(con.execute("SELECT key, rowid FROM k WHERE doc = 'd2'").fetchall())
    # d2's entity joins d1's component (its label changes), loses key 9 and gains key 4; d3 is
    # outside the slice. The NULL key matches the stored NULL key.
    con.execute(
        "CREATE TABLE fresh AS SELECT * FROM (VALUES ('d1', 'e1', NULL, 'd1/e1'), "
        "('d1', 'e1', 7, 'd1/e1'), ('d2', 'e1', NULL, 'd1/e1'), ('d2', 'e1', 4, 'd1/e1')) "
        "AS v(doc, ent, key, label)"
    )
    con.execute("BEGIN")
    counts = sync_keyed(
        con, "k", "SELECT * FROM fresh", ("doc", "ent", "key"), "doc IN (?, ?)", ["d1", "d2"]
    )
    con.execute("COMMIT")
    assert counts == (1, 1, 1)
    assert con.execute("SELECT * FROM k ORDER BY ALL").fetchall() == [
        ("d1", "e1", 7, "d1/e1"),
        ("d1", "e1", None, "d1/e1"),
        ("d2", "e1", 4, "d1/e1"),
        ("d2", "e1", None, "d1/e1"),
        ("d3", "e1", None, "d3/e1"),
    ]
    # The relabelled row is the stored one, updated: no deleted copy is left in the table.
    assert con.execute("SELECT rowid FROM k WHERE doc = 'd2' AND key IS NULL").fetchone() == (
        kept[None],
    )
    assert not con.execute(
        "SELECT * FROM duckdb_tables() WHERE table_name LIKE '_ng_sync%'"
    ).fetchall()
