"""``keys_page``: one window of keys in order and the total of matching rows, whatever the
window (full, short, empty, past the end, no limit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.query.page import keys_page
from newsgraph.store import Store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "p.duckdb", refresh_index_on_close=False)
    s.con.execute("CREATE TEMP TABLE t AS SELECT range AS k, range % 3 AS g FROM range(10)")
    return s


@pytest.mark.parametrize(
    ("limit", "offset", "keys", "total"),
    [
        (5, 0, [0, 3, 6, 9], 4),  # the whole match fits: short page
        (2, 0, [0, 3], 4),  # full page: counted
        (2, 2, [6, 9], 4),  # full last page: counted
        (3, 2, [6, 9], 4),  # short last page
        (2, 4, [], 4),  # past the end
        (0, 0, [], 4),  # no rows asked for
        (None, 0, [0, 3, 6, 9], 4),
        (None, 1, [3, 6, 9], 4),
        (None, 9, [], 4),
    ],
)
def test_window_and_total(
    store: Store, limit: int | None, offset: int, keys: list[int], total: int
) -> None:
    rows, n = keys_page(store, "k", "FROM t WHERE g = ?", "k", [0], limit, offset)
    assert [r[0] for r in rows] == keys
    assert n == total
    store.close()


def test_nothing_matches(store: Store) -> None:
    assert keys_page(store, "k, g", "FROM t WHERE g = ?", "k", [7], 5, 0) == ([], 0)
    store.close()
