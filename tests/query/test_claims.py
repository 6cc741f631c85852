"""``find_claims`` and ``newsgraph claims`` over a store of hand-made results (no spaCy)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.query.claims import find_claims
from newsgraph.store import Store
from tests.store.builders import corpus


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "claims.duckdb"
    with Store(path) as store:
        store.write_batch(corpus(), [])
    yield str(path)


def test_find_claims_filters_and_highlight_offsets(db: str) -> None:
    with Store(db, read_only=True) as store:
        rows = find_claims(store)
        assert len(rows) == 2
        alleged = find_claims(store, status="alleged")
        assert len(alleged) == 2
        assert find_claims(store, status="denied") == []
        by_gl = find_claims(store, speaker="García Luna")
        assert [r.doc_id for r in by_gl] == ["aaa111"]
        about_amlo = find_claims(store, target="López Obrador")
        assert [r.doc_id for r in about_amlo] == ["aaa111"]
    r = by_gl[0]
    assert r.speaker == "Genaro García Luna"
    assert r.channel == "letter"
    assert r.sentence[slice(*r.content_span)] == r.content
    assert r.content == "López Obrador has ties to drug trafficking leaders"
    assert r.sentence[slice(*r.cue_span)] == "alleges"
    assert r.targets == ["López Obrador"]


def test_claims_command_text_and_json(db: str) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["claims", "--db", db, "--speaker", "García Luna"])
    assert res.exit_code == 0, res.output
    assert "alleged" in res.output and "via letter" in res.output
    assert "[López Obrador has ties to drug trafficking leaders]" in res.output
    res = runner.invoke(cli, ["claims", "--db", db, "--status", "alleged", "--json"])
    rows = [json.loads(x) for x in res.output.splitlines()]
    assert res.exit_code == 0 and len(rows) == 2
    assert {r["status"] for r in rows} == {"alleged"}
    res = runner.invoke(cli, ["claims", "--db", db, "--status", "denied"])
    assert res.exit_code == 0 and "no claims" in res.output
