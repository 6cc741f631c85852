"""Ctrl-C inside a query is never taken for a missing table or extension: the store's readers
that fall back to a default on a database error let DuckDB's interrupt through."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from newsgraph.store import entity_records, fts


class _Interrupted:
    """A connection whose every query is interrupted (what DuckDB raises on SIGINT)."""

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")


class _Broken:
    """A connection whose every query fails as on a store without the table."""

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        raise duckdb.CatalogException("Table with name meta does not exist!")


def test_readers_with_a_default_let_an_interrupt_through() -> None:
    con: Any = _Interrupted()
    with pytest.raises(duckdb.InterruptException):
        entity_records._version(con)
    with pytest.raises(duckdb.InterruptException):
        entity_records.resolved_mark(con, "entity_records")
    with pytest.raises(duckdb.InterruptException):
        fts.load(con)


def test_the_same_readers_still_fall_back_on_a_missing_table() -> None:
    con: Any = _Broken()
    assert entity_records._version(con) == 0
    assert entity_records.resolved_mark(con, "entity_records") is None
