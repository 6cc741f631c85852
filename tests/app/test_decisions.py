"""Corrections as use cases: merge, split, mark wrong, undo, list; kept across re-ingest and
re-resolution; records marked wrong are left out of reads and flagged in the document view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.app import resolve
from newsgraph.app.access import read_store
from newsgraph.app.decisions import list_decisions, mark_wrong, merge, split, undo
from newsgraph.cli.main import cli
from newsgraph.errors import NotFoundError
from newsgraph.query import dossier, get_document, timeline
from newsgraph.query.claims import find_claims
from newsgraph.query.events import find_events
from newsgraph.store import Store
from tests.store.builders import corpus


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "dec.duckdb")
    with Store(path) as store:
        store.write_batch(corpus(), [])
    resolve(path)
    return path


def _tables(db: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with read_store(db) as store:
        canon = store.con.execute(
            "SELECT id, name, CAST(aliases AS VARCHAR), n_docs FROM canonical_entities ORDER BY id"
        ).fetchall()
        links = store.con.execute(
            "SELECT doc_id, entity_id, canonical_id, rule FROM entity_links ORDER BY ALL"
        ).fetchall()
    return canon, links


def test_undo_of_a_merge_returns_the_store_to_its_state_before(db: str) -> None:
    before = _tables(db)
    out = merge(db, "Maria Lopez", "Felipe Calderón", note="test")
    assert out["kind"] == "merge"
    with read_store(db) as store:
        ids = {
            r[0]
            for r in store.con.execute(
                "SELECT canonical_id FROM entity_links WHERE (doc_id, entity_id) IN "
                "(('ccc333', 'e1'), ('aaa111', 'e2'))"
            ).fetchall()
        }
        page = list_decisions(store)
    assert len(ids) == 1
    assert page.total == 1 and page.items[0].applied
    assert page.items[0].text == "merge 'Maria Lopez' with 'Felipe Calderón'"
    assert _tables(db) != before
    undone = undo(db, out["decision"])
    assert undone["kind"] == "merge" and undone["text"].startswith("undone: merge")
    assert _tables(db) == before
    with read_store(db) as store:
        assert list_decisions(store).total == 0


def test_split_is_listed_and_undone(db: str) -> None:
    merge(db, "Maria Lopez", "Felipe Calderón")
    merged = _tables(db)
    out = split(db, "Maria Lopez", "Felipe Calderón")
    with read_store(db) as store:
        view = list_decisions(store).items[0]
    assert view.kind == "split" and view.refers["alias"] == "Felipe Calderón"
    assert view.applied and view.text.startswith("split 'Felipe Calderón' from ")
    assert _tables(db) != merged
    undo(db, out["decision"])
    assert _tables(db) == merged


def test_a_claim_marked_wrong_is_hidden_from_reads_and_flagged_in_its_document(db: str) -> None:
    with read_store(db) as store:
        assert {(c.doc_id, c.id) for c in find_claims(store)} == {
            ("aaa111", "c1"),
            ("bbb222", "c1"),
        }
        shown = [i for i in timeline(store) if i.kind == "claim"]
    assert len(shown) == 2
    out = mark_wrong(db, "claim", "aaa1", "c1", note="the letter says otherwise")
    assert out["doc_id"] == "aaa111" and out["kind"] == "wrong_claim"
    assert "alleges" in out["text"]
    with read_store(db) as store:
        assert {(c.doc_id, c.id) for c in find_claims(store)} == {("bbb222", "c1")}
        assert [(i.doc_id, i.record_id) for i in timeline(store) if i.kind == "claim"] == [
            ("bbb222", "c1")
        ]
        d = dossier(store, "García Luna")
        assert ("aaa111", "c1") not in {
            (i.doc_id, i.record_id) for i in d.timeline if i.kind == "claim"
        }
        doc = get_document(store, "aaa111")
        assert doc.to_dict()["wrong"] == {"claims": {"c1": out["decision"]}, "events": {}}
        assert [c["id"] for c in doc.result["claims"]] == ["c1"]  # still in the document view
        view = list_decisions(store).items[0]
    assert view.kind == "wrong_claim" and view.applied
    assert view.refers["doc_id"] == "aaa111" and view.note == "the letter says otherwise"
    undo(db, out["decision"])
    with read_store(db) as store:
        assert len(find_claims(store)) == 2
        assert get_document(store, "aaa111").wrong == {"claims": {}, "events": {}}


def test_an_event_marked_wrong_stays_hidden_after_reingest_and_reresolution(db: str) -> None:
    with read_store(db) as store:
        before = {(e.doc_id, e.id) for e in find_events(store)}
    assert ("aaa111", "v1") in before
    out = mark_wrong(db, "event", "aaa111", "v1")
    with read_store(db) as store:  # it reports nothing: not linked with other reports either
        linked = store.con.execute("SELECT doc_id || '/' || event_id FROM event_links").fetchall()
    assert ("aaa111/v1",) not in linked and ("aaa111/v2",) in linked
    with Store(db) as store:  # the same articles again: nothing changes
        store.write_batch(corpus(), [])
    resolve(db)
    with read_store(db) as store:
        after = {(e.doc_id, e.id) for e in find_events(store)}
        assert after == before - {("aaa111", "v1")}
        items = timeline(store, "García Luna")
        assert ("aaa111", "v1") not in {(i.doc_id, i.record_id) for i in items}
    # The document's records renumbered (read again by another pipeline version): the decision
    # follows the record's span to its new id at the next resolution.
    with Store(db) as store:
        store.con.execute("UPDATE events SET id = 'v9' WHERE doc_id = 'aaa111' AND id = 'v1'")
    resolve(db)
    with read_store(db) as store:
        assert ("aaa111", "v9") not in {(e.doc_id, e.id) for e in find_events(store)}
        assert list_decisions(store).items[0].refers["record_id"] == "v9"
        assert list_decisions(store).items[0].id == out["decision"]


def test_marking_a_record_that_does_not_exist_is_not_found(db: str) -> None:
    with pytest.raises(NotFoundError, match="no claim 'c7'"):
        mark_wrong(db, "claim", "aaa111", "c7")
    with pytest.raises(NotFoundError, match="no document"):
        mark_wrong(db, "event", "zzz", "v1")
    with pytest.raises(NotFoundError, match="no decision"):
        undo(db, "d_000000000000")


def test_list_is_paginated_newest_first(db: str) -> None:
    ids = [mark_wrong(db, "event", "aaa111", v)["decision"] for v in ("v1", "v2", "v3")]
    with read_store(db) as store:
        first = list_decisions(store, limit=2)
        rest = list_decisions(store, limit=2, offset=2)
        only = list_decisions(store, kind="merge")
    assert first.total == 3 and len(first.items) == 2 and len(rest.items) == 1
    assert [d.id for d in first.items + rest.items] == ids[::-1]
    assert only.total == 0 and only.items == []


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_wrong_decisions_undo(db: str) -> None:
    out = json.loads(_run("wrong", "claim", "bbb222", "c1", "--db", db, "--json"))
    assert out["kind"] == "wrong_claim"
    claims = [json.loads(x) for x in _run("claims", "--db", db, "--json").splitlines()]
    assert ("bbb222", "c1") not in {(c["doc_id"], c["id"]) for c in claims}
    listed = json.loads(_run("decisions", "--db", db, "--json"))
    assert listed["total"] == 1 and listed["items"][0]["id"] == out["decision"]
    text = _run("decisions", "--db", db)
    assert out["decision"] in text and "Prosecutors said" in text
    assert f"[marked wrong: {out['decision']}]" in _run("doc", "bbb222", "--db", db)
    assert "undone" in _run("undo", out["decision"], "--db", db)
    assert json.loads(_run("decisions", "--db", db, "--json"))["total"] == 0
