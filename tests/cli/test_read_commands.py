"""Read commands through click's CliRunner: text for people, --json for programs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.errors import Failure
from newsgraph.store import Store
from tests.store.builders import corpus


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "read.duckdb"
    with Store(path) as store:  # closing refreshes the search index for the read-only readers
        store.write_batch(corpus(), [Failure("feed.jsonl", 12, "NG104", "impossible date")])
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_entities_text_and_json(db: str) -> None:
    code, out = run("entities", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["MENTIONS", "DOCS", "TYPE", "ID", "NAME"]
    assert "Genaro" in lines[1] and lines[1].split()[0] == "6"
    code, out = run("entities", "--db", db, "--type", "ORG", "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [r["name"] for r in rows] == ["Sinaloa cartel"]


def test_show_text(db: str) -> None:
    code, out = run("show", "garcia", "luna", "--db", db)
    assert code == 0, out
    for section in ("Roles", "Attributes", "Timeline", "Articles"):
        assert section in out
    assert "2023-02" in out and "[EVENT occurred] SANCTION/convict" in out
    assert "[CLAIM alleged]" in out
    assert "“García Luna was found guilty in February 2023.”" in out
    # dated lines come in date order
    dates = [
        ln.split()[0].rstrip("*")
        for ln in out.split("Timeline")[1].split("Articles")[0].splitlines()
        if ln.startswith("  2")
    ]
    assert dates == sorted(dates) and len(dates) == 6


def test_show_json(db: str) -> None:
    code, out = run("show", "Genaro García Luna", "--db", db, "--json")
    data = json.loads(out)
    assert code == 0 and data["n_docs"] == 2
    assert {i["kind"] for i in data["timeline"]} == {"event", "claim"}


def test_show_unknown_name_exits_1_with_a_message(db: str) -> None:
    code, out = run("show", "Nobody Atall", "--db", db)
    assert code == 1 and "NG401" in out and "Traceback" not in out


def test_search_text_and_json(db: str) -> None:
    code, out = run("search", "guilty", "--db", db)
    assert code == 0 and "aaa111" in out and "found guilty" in out
    code, out = run("search", "bribes", "--db", db, "--json")
    data = json.loads(out)
    assert data["method"] == "bm25" and [h["id"] for h in data["hits"]] == ["bbb222"]


def test_doc_text_and_json(db: str) -> None:
    code, out = run("doc", "bbb", "--db", db)
    assert code == 0
    assert "Ex-official arrested" in out and "Claims" in out and "COERCE/arrest" in out
    code, out = run("doc", "aaa111", "--db", db, "--json")
    data = json.loads(out)
    assert data["doc"]["date"] == "2024-09-17" and data["timexes"][0]["value"] == "2023-02"


def test_failures_text_and_json(db: str) -> None:
    code, out = run("failures", "--db", db)
    assert code == 0 and "NG104" in out and "feed.jsonl:12" in out
    code, out = run("failures", "--db", db, "--json")
    assert [json.loads(x)["code"] for x in out.splitlines()] == ["NG104"]


def test_missing_database_is_a_clean_error(tmp_path: Path) -> None:
    code, out = run("entities", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "no database" in out
