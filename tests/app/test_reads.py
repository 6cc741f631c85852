"""The read helpers surfaces share: confidence defaults, filter vocabularies, dossier + mentions."""

from __future__ import annotations

from pathlib import Path

from newsgraph.app import resolve
from newsgraph.app.reads import actor_dossier, event_types, min_confidence_for
from newsgraph.config import load_config
from newsgraph.store import Store
from tests.cli.test_resolve_commands import TEXT, _batch


def test_min_confidence_defaults_to_the_config() -> None:
    q = load_config().query
    assert min_confidence_for(None) == {
        "event": q.min_event_confidence,
        "claim": q.min_claim_confidence,
    }
    assert min_confidence_for(0.0) == {"event": 0.0, "claim": 0.0}


def test_event_types_are_plover() -> None:
    types = event_types()
    assert "ACCUSE" in types and types == sorted(types) and len(set(types)) == len(types)


def test_dossier_with_mentions(tmp_path: Path) -> None:
    db = str(tmp_path / "reads.duckdb")
    with Store(db, refresh_index_on_close=False) as store:
        _batch(store, ["d1", "d2"])
    resolve(db)
    with Store(db, read_only=True) as store:
        d, mentions = actor_dossier(store, "general motors", with_mentions=True)
        assert d.entity.name == "General Motors"
        assert {m["text"] for m in mentions} == {"General Motors", "GM"}
        for m in mentions:
            assert m["entity_id"] == d.entity.id
            assert TEXT[m["doc_id"]][m["start"] : m["end"]] == m["text"]
        _, none = actor_dossier(store, "gm")
        assert none == []
