"""A temporary store filled with hand-built doc-level entities and mentions (no spaCy)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsgraph.store import schema

# The tables resolution writes, as queries whose sorted rows two stores must share when the
# incremental path and a full rebuild are compared. The first three are rewritten per changed
# component; the others are written from the same components only where rows differ
# (``store.sync``): each must still equal what a full rebuild writes.
RESOLVED_TABLES = {
    "canonical_entities": "SELECT id, name, type, CAST(aliases AS VARCHAR), n_mentions, n_docs, "
    "CAST(attributes AS VARCHAR) FROM canonical_entities",
    "entity_links": "SELECT doc_id, entity_id, canonical_id, rule, evidence FROM entity_links",
    "entity_records": "SELECT * FROM entity_records",
} | {
    t: f"SELECT coalesce(CAST(COLUMNS(*) AS VARCHAR), '-') FROM {t}"
    for t in (
        "resolve_keys",
        "resolve_texts",
        "entity_mentions",
        "entity_docs",
        "entity_names",
        "entity_roles",
        "entity_attributes",
        "doc_actors",
        "event_links",
    )
}


def resolved_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of :data:`RESOLVED_TABLES`, rows sorted."""
    return {t: sorted(con.execute(q).fetchall()) for t, q in RESOLVED_TABLES.items()}


@dataclass
class TmpStore:
    """The part of ``newsgraph.store.Store`` that resolution uses: a connection with the schema."""

    con: duckdb.DuckDBPyConnection
    path: Path

    def add(
        self,
        doc: str,
        eid: str,
        name: str,
        etype: str = "PERSON",
        mentions: Sequence[str] | None = None,
        aliases: Sequence[str] = (),
        attributes: dict[str, Any] | None = None,
        kind: str = "name",
    ) -> None:
        """One doc-level entity and one mention per text in ``mentions`` (default: its name)."""
        self.con.execute(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, '[]', ?)",
            [doc, eid, name, etype, json.dumps(list(aliases)), json.dumps(attributes or {})],
        )
        have = self.con.execute("SELECT count(*) FROM mentions WHERE doc_id = ?", [doc]).fetchone()
        n = have[0] if have else 0
        for k, text in enumerate(mentions if mentions is not None else [name]):
            self.con.execute(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [doc, f"m{n + k + 1}", 0, len(text), text, etype, eid, kind],
            )

    def canonical_of(self, doc: str, eid: str) -> str:
        row = self.con.execute(
            "SELECT canonical_id FROM entity_links WHERE doc_id = ? AND entity_id = ?", [doc, eid]
        ).fetchone()
        assert row is not None, f"no link for {doc}/{eid}"
        return str(row[0])

    def link(self, doc: str, eid: str) -> tuple[str, str]:
        row = self.con.execute(
            "SELECT rule, evidence FROM entity_links WHERE doc_id = ? AND entity_id = ?",
            [doc, eid],
        ).fetchone()
        assert row is not None
        return str(row[0]), str(row[1])


@pytest.fixture
def tmp_store(tmp_path: Path) -> Iterator[TmpStore]:
    path = tmp_path / "resolve.duckdb"
    con = duckdb.connect(str(path))
    schema.create(con)
    yield TmpStore(con, path)
    con.close()
