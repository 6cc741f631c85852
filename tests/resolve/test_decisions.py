"""Merge/split decisions survive re-resolution and new batches; canonical ids are stable."""

from __future__ import annotations

from typing import Any

from newsgraph.resolve import resolve_store
from newsgraph.resolve.decisions import add_decision, load_decisions
from newsgraph.resolve.lookup import anchor
from tests.resolve.conftest import TmpStore


def test_ids_stable_across_runs_and_insert_order(tmp_store: TmpStore, tmp_path: object) -> None:
    rows: list[tuple[Any, ...]] = [
        ("d1", "e1", "General Motors", "ORG", None, ["GM"]),
        ("d2", "e1", "GM", "ORG"),
        ("d3", "e1", "Mary Barra", "PERSON"),
        ("d3", "e2", "Barra", "PERSON"),
    ]
    for r in rows:
        tmp_store.add(*r)
    resolve_store(tmp_store)
    first = dict(tmp_store.con.execute("SELECT name, id FROM canonical_entities").fetchall())
    resolve_store(tmp_store)
    again = dict(tmp_store.con.execute("SELECT name, id FROM canonical_entities").fetchall())
    assert first == again
    # The same articles stored in another order give the same ids.
    tmp_store.con.execute("DELETE FROM entities; DELETE FROM mentions")
    for r in reversed(rows):
        tmp_store.add(*r)
    resolve_store(tmp_store)
    other = dict(tmp_store.con.execute("SELECT name, id FROM canonical_entities").fetchall())
    assert other == first
    assert set(first) == {"General Motors", "Mary Barra"}
    assert all(i.startswith("ce_") for i in first.values())


def test_merge_survives_new_batches(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Joaquín Guzmán")
    tmp_store.add("d2", "e1", "El Chapo")
    resolve_store(tmp_store)
    a, b = tmp_store.canonical_of("d1", "e1"), tmp_store.canonical_of("d2", "e1")
    assert a != b
    add_decision(tmp_store.con, "merge", anchor(tmp_store.con, a), anchor(tmp_store.con, b))
    resolve_store(tmp_store)
    assert tmp_store.canonical_of("d1", "e1") == tmp_store.canonical_of("d2", "e1")
    assert "user-merge" in {tmp_store.link("d1", "e1")[0], tmp_store.link("d2", "e1")[0]}
    # Another batch arrives; resolution runs again from scratch: still one actor.
    tmp_store.add("d3", "e1", "El Chapo")
    tmp_store.add("d4", "e1", "Joaquin Guzman")
    stats = resolve_store(tmp_store)
    ids = {tmp_store.canonical_of(d, "e1") for d in ("d1", "d2", "d3", "d4")}
    assert len(ids) == 1
    assert stats.decisions == 1
    assert len(load_decisions(tmp_store.con)) == 1


def test_split_survives_new_batches(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Genaro García Luna")
    tmp_store.add("d2", "e1", "García Luna")  # linked by surname: the user says it is someone else
    tmp_store.add("d3", "e1", "Genaro Garcia Luna")
    resolve_store(tmp_store)
    whole = tmp_store.canonical_of("d1", "e1")
    assert tmp_store.canonical_of("d2", "e1") == whole
    add_decision(
        tmp_store.con, "split", anchor(tmp_store.con, whole, not_alias="García Luna"), "García Luna"
    )
    resolve_store(tmp_store)
    assert tmp_store.canonical_of("d1", "e1") == whole  # the kept side keeps its id
    assert tmp_store.canonical_of("d3", "e1") == whole
    assert tmp_store.canonical_of("d2", "e1") != whole
    assert tmp_store.link("d2", "e1")[0] == "user-split"
    tmp_store.add("d4", "e1", "Garcia Luna")
    resolve_store(tmp_store)
    assert tmp_store.canonical_of("d1", "e1") == whole
    assert tmp_store.canonical_of("d4", "e1") == tmp_store.canonical_of("d2", "e1") != whole


def test_later_decision_wins(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Ismael Zambada")
    tmp_store.add("d2", "e1", "El Mayo")
    resolve_store(tmp_store)
    a, b = anchor(tmp_store.con, tmp_store.canonical_of("d1", "e1")), "d2/e1"
    add_decision(tmp_store.con, "merge", a, b)
    resolve_store(tmp_store)
    assert tmp_store.canonical_of("d1", "e1") == tmp_store.canonical_of("d2", "e1")
    add_decision(tmp_store.con, "split", a, "El Mayo")
    resolve_store(tmp_store)
    assert tmp_store.canonical_of("d1", "e1") != tmp_store.canonical_of("d2", "e1")
