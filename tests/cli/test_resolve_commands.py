"""``newsgraph resolve / mentions / merge / split`` against a small hand-built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.store import Store

TEXT = {
    "d1": "General Motors named Mary Barra. GM said so.",
    "d2": "GM and Ford. Barra spoke.",
    "d3": "El Chapo was seen. Joaquín Guzmán denied it.",
}


def _add(store: Store, doc: str, eid: str, name: str, etype: str, texts: list[str]) -> None:
    text = TEXT[doc]
    store.con.execute(
        "INSERT INTO entities VALUES (?, ?, ?, ?, '[]', '[]', '{}')", [doc, eid, name, etype]
    )
    for t in texts:
        start = text.index(t)
        n = store.con.execute("SELECT count(*) FROM mentions WHERE doc_id = ?", [doc]).fetchone()
        store.con.execute(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, 'name')",
            [doc, f"m{(n[0] if n else 0) + 1}", start, start + len(t), t, etype, eid],
        )


def _batch(store: Store, docs: list[str]) -> None:
    rows = {
        "d1": [
            ("e1", "General Motors", "ORG", ["General Motors", "GM"]),
            ("e2", "Mary Barra", "PERSON", ["Mary Barra"]),
        ],
        "d2": [
            ("e1", "GM", "ORG", ["GM"]),
            ("e2", "Ford", "ORG", ["Ford"]),
            ("e3", "Barra", "PERSON", ["Barra"]),
        ],
        "d3": [
            ("e1", "El Chapo", "PERSON", ["El Chapo"]),
            ("e2", "Joaquín Guzmán", "PERSON", ["Joaquín Guzmán"]),
        ],
    }
    for doc in docs:
        store.con.execute(
            "INSERT INTO documents (id, date, date_precision, text, result, ingested_at) "
            "VALUES (?, '2024-01-01', 'day', ?, '{}', now())",
            [doc, TEXT[doc]],
        )
        for eid, name, etype, texts in rows[doc]:
            _add(store, doc, eid, name, etype, texts)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.duckdb")
    with Store(path, refresh_index_on_close=False) as store:
        _batch(store, ["d1", "d2"])
    return path


def _mentions(db: str, *extra: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in run("mentions", "--db", db, "--json", *extra).splitlines()]


def test_mentions_json_format(db: str) -> None:
    stats = json.loads(run("resolve", "--db", db, "--json"))
    assert stats["entities"] == 5 and stats["canonical"] == 3
    rows = _mentions(db)
    assert len(rows) == 6
    for row in rows:
        assert set(row) == {"doc_id", "start", "end", "text", "type", "entity_id"}
        assert TEXT[str(row["doc_id"])][int(row["start"]) : int(row["end"])] == row["text"]  # type: ignore[call-overload]
    gm = {r["entity_id"] for r in rows if r["text"] in ("GM", "General Motors")}
    assert len(gm) == 1 and str(next(iter(gm))).startswith("ce_")
    barra = {r["entity_id"] for r in rows if "Barra" in str(r["text"])}
    assert len(barra) == 1 and barra != gm
    assert {r["text"] for r in _mentions(db, "--entity", "General Motors")} == {
        "General Motors",
        "GM",
    }
    assert {r["doc_id"] for r in _mentions(db, "--doc", "d2")} == {"d2"}
    table = run("mentions", "--db", db)
    assert "General Motors" in table and "start" in table.splitlines()[0]


def test_merge_and_split_survive_new_batches(db: str) -> None:
    run("resolve", "--db", db)
    out = json.loads(run("merge", "Ford", "General Motors", "--db", db, "--json"))
    assert out["kind"] == "merge"
    ford = {r["entity_id"] for r in _mentions(db) if r["text"] in ("Ford", "GM")}
    assert len(ford) == 1
    # A new batch arrives and resolution runs again from scratch.
    with Store(db, refresh_index_on_close=False) as store:
        _batch(store, ["d3"])
    run("resolve", "--db", db)
    rows = _mentions(db)
    assert len({r["entity_id"] for r in rows if r["text"] in ("Ford", "GM", "General Motors")}) == 1
    chapo = {r["entity_id"] for r in rows if r["doc_id"] == "d3"}
    assert len(chapo) == 2
    run("merge", "El Chapo", "Joaquín Guzmán", "--db", db)
    assert len({r["entity_id"] for r in _mentions(db, "--doc", "d3")}) == 1
    run("split", "General Motors", "Ford", "--db", db)
    run("resolve", "--db", db)
    rows = _mentions(db)
    assert len({r["entity_id"] for r in rows if r["text"] in ("Ford", "GM")}) == 2
    assert len({r["entity_id"] for r in rows if r["doc_id"] == "d3"}) == 1  # the merge still holds
    with Store(db, read_only=True) as store:
        kinds = [
            r[0]
            for r in store.con.execute("SELECT kind FROM decisions ORDER BY created_at").fetchall()
        ]
    assert kinds == ["merge", "merge", "split"]


def test_unknown_entity_is_an_error(db: str) -> None:
    run("resolve", "--db", db)
    result = CliRunner().invoke(cli, ["merge", "Nobody Known", "GM", "--db", db])
    assert result.exit_code != 0
