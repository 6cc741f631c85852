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
