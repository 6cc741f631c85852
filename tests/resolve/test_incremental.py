"""Incremental resolution gives the store a full rebuild gives, and copies of articles change no
canonical entity (hand-built entities of fictional articles; no spaCy)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsgraph.resolve import incremental, resolve_store
from newsgraph.resolve.decisions import add_decision, delete_decision
from tests.resolve.conftest import TmpStore, resolved_rows

# doc -> (entity id, name, type, mention texts or None, aliases)
ARTICLES: list[tuple[str, list[tuple[Any, ...]]]] = [
    (
        "a01",
        [
            ("e1", "Mara Vell", "PERSON", None, []),
            ("e2", "Ostland Fisheries Board", "ORG", ["Ostland Fisheries Board", "OFB"], ["OFB"]),
            ("e3", "Ostland", "GPE", None, []),
        ],
    ),
    (
        "a02",
        [
            ("e1", "Vell", "PERSON", None, []),
            ("e2", "OFB", "ORG", None, []),
            ("e3", "Lagonia", "GPE", None, []),
        ],
    ),
    (
        "a03",
        [
            ("e1", "Tomas Vell", "PERSON", None, []),
            ("e2", "Carpathia Rail Company", "ORG", None, []),
            ("e3", "Lagonia", "GPE", None, []),
        ],
    ),
    (
        "a04",
        [
            ("e1", "Vell", "PERSON", None, []),
            ("e2", "Carpathia Rail", "ORG", None, []),
            ("e3", "Lagonia", "GPE", None, []),
        ],
    ),
    (
        "a05",
        [
            ("e1", "Exchange Commission", "ORG", None, []),
            ("e2", "Freedonia Securities and Exchange Commission", "ORG", None, []),
            ("e3", "Ivo Brandt", "PERSON", None, []),
        ],
    ),
    ("a06", [("e1", "Madonna", "PERSON", None, []), ("e2", "Ivo Brandt", "ORG", None, [])]),
    (
        "a07",
        [
            ("e1", "Madonna", "PERSON", None, []),
            ("e2", "Ivo Brandt", "PERSON", None, []),
            ("e3", "Brandt", "PERSON", None, []),
        ],
    ),
    (
        "a08",
        [
            ("e1", "Mara Vell", "PERSON", None, []),
            ("e2", "Vell", "PERSON", None, []),
            ("e3", "Ostland", "GPE", None, []),
        ],
    ),
]


def _add(store: TmpStore, doc: str, rows: list[tuple[Any, ...]], copy_of: str = "") -> None:
    text = f"The article {copy_of or doc}."
    store.con.execute(
        "INSERT INTO documents (id, date, date_precision, text, result, ingested_at) "
        "VALUES (?, '2024-01-01', 'day', ?, '{}', now())",
        [doc, text],
    )
    for eid, name, etype, mentions, aliases in rows:
        store.add(doc, eid, name, etype, mentions=mentions, aliases=aliases)


def dump(store: TmpStore) -> dict[str, list[tuple[Any, ...]]]:
    return resolved_rows(store.con)


def test_one_article_at_a_time_equals_full_rebuild(tmp_store: TmpStore) -> None:
    modes = []
    for doc, rows in ARTICLES:
        _add(tmp_store, doc, rows)
        stats = resolve_store(tmp_store)
        modes.append(stats.mode)
        assert stats.new == len(rows)
    assert modes[0] == "full" and set(modes[1:]) == {"incremental"}
    step = dump(tmp_store)
    assert step["entity_links"] and len(step["entity_links"]) == sum(len(r) for _, r in ARTICLES)
    resolve_store(tmp_store, full=True)
    assert dump(tmp_store) == step
    # The rules did link across articles (else the comparison proves little).
    rules = {r[3] for r in step["entity_links"]}
    assert {"same-name", "surname", "acronym", "single-name", "type-vote"} <= rules, rules


def test_unrelated_article_reclusters_only_its_components(tmp_store: TmpStore) -> None:
    for doc, rows in ARTICLES:
        _add(tmp_store, doc, rows)
    resolve_store(tmp_store)
    _add(tmp_store, "a09", [("e1", "Ilse Quorn", "PERSON", None, [])])
    stats = resolve_store(tmp_store)
    assert stats.mode == "incremental" and stats.new == 1 and stats.entities == 1
    assert len(stats.changed) == 1
    _add(tmp_store, "a10", [("e1", "Mara Vell", "PERSON", None, [])])
    stats = resolve_store(tmp_store)
    vell = tmp_store.canonical_of("a01", "e1")
    assert vell in stats.changed and tmp_store.canonical_of("a10", "e1") == vell
    # Only the Vell component (Mara, Tomas, the bare "Vell"s) was loaded, not the rest.
    assert 1 < stats.entities < 10


def test_decisions_replay_incrementally_like_a_full_rebuild(tmp_store: TmpStore) -> None:
    for doc, rows in ARTICLES[:4]:
        _add(tmp_store, doc, rows)
    resolve_store(tmp_store)
    merge = add_decision(tmp_store.con, "merge", "a03/e2", "a01/e2")  # rail + fisheries board
    split = add_decision(tmp_store.con, "split", "a01/e1", "Vell")
    stats = resolve_store(tmp_store)
    assert stats.mode == "incremental" and stats.decisions == 1  # nothing is known as "Vell" yet
    assert tmp_store.canonical_of("a03", "e2") == tmp_store.canonical_of("a01", "e2")
    for doc, rows in ARTICLES[4:]:
        _add(tmp_store, doc, rows)
        resolve_store(tmp_store)
    with_decisions = dump(tmp_store)
    # The split applies once the articles calling Mara Vell "Vell" (a08) have arrived.
    assert tmp_store.canonical_of("a08", "e2") != tmp_store.canonical_of("a01", "e1")
    resolve_store(tmp_store, full=True)
    assert dump(tmp_store) == with_decisions
    # Undo both: the components they joined are recomputed, as a full rebuild would.
    delete_decision(tmp_store.con, merge.id)
    delete_decision(tmp_store.con, split.id)
    stats = resolve_store(tmp_store)
    assert stats.mode == "incremental" and stats.decisions == 0
    assert tmp_store.canonical_of("a03", "e2") != tmp_store.canonical_of("a01", "e2")
    undone = dump(tmp_store)
    resolve_store(tmp_store, full=True)
    assert dump(tmp_store) == undone


def _canonical_view(store: TmpStore) -> list[tuple[Any, ...]]:
    return sorted(
        store.con.execute(
            "SELECT id, name, type, CAST(aliases AS VARCHAR) FROM canonical_entities"
        ).fetchall()
    )


def test_articles_stored_twice_give_the_same_canonical_entities(tmp_store: TmpStore) -> None:
    for doc, rows in ARTICLES:
        _add(tmp_store, doc, rows)
    resolve_store(tmp_store)
    once = _canonical_view(tmp_store)
    for doc, rows in ARTICLES:
        _add(tmp_store, f"copy-{doc}", rows, copy_of=doc)
    stats = resolve_store(tmp_store)
    # Entities no name rule links (a bare "Vell" of two Vells) join their copies by this rule.
    assert stats.rules.get("same-article", 0) >= 2
    twice = [
        (i, n, t, json.dumps([{**a, "count": a["count"] // 2} for a in json.loads(al)]))
        for i, n, t, al in _canonical_view(tmp_store)
    ]
    assert [r[:3] for r in twice] == [r[:3] for r in once]
    assert [json.loads(r[3]) for r in twice] == [json.loads(r[3]) for r in once]
    # Every copy sits with its original, including the entities no rule links ("Vell" twice).
    for doc, rows in ARTICLES:
        for eid, *_ in rows:
            assert tmp_store.canonical_of(f"copy-{doc}", eid) == tmp_store.canonical_of(doc, eid)
    resolve_store(tmp_store, full=True)
    assert [r[:3] for r in _canonical_view(tmp_store)] == [r[:3] for r in once]


def test_one_duplicated_article_adds_no_canonical_entity(tmp_store: TmpStore) -> None:
    for doc, rows in ARTICLES:
        _add(tmp_store, doc, rows)
    resolve_store(tmp_store)
    before = {r[0] for r in _canonical_view(tmp_store)}
    doc, rows = ARTICLES[1]  # "Vell", "OFB", "Lagonia"
    _add(tmp_store, "a02-again", rows, copy_of=doc)
    resolve_store(tmp_store)
    assert {r[0] for r in _canonical_view(tmp_store)} == before


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recluster one unit per chunk, so units wrongly split would cluster apart."""
    monkeypatch.setattr(incremental, "CHUNK", 1)


def test_one_article_at_a_time_in_small_chunks_equals_full_rebuild(
    tmp_store: TmpStore, small_chunks: None
) -> None:
    for doc, rows in ARTICLES:
        _add(tmp_store, doc, rows)
        resolve_store(tmp_store)
    step = dump(tmp_store)
    resolve_store(tmp_store, full=True)
    assert dump(tmp_store) == step


def test_a_new_entity_bridging_two_components_reclusters_them_together(
    tmp_store: TmpStore, small_chunks: None
) -> None:
    _add(tmp_store, "b01", [("e1", "Carpathian Grain Council", "ORG", None, [])])
    _add(tmp_store, "b02", [("e1", "Grain Council of Carpathia", "ORG", None, [])])
    resolve_store(tmp_store, full=True)
    assert tmp_store.canonical_of("b01", "e1") != tmp_store.canonical_of("b02", "e1")
    # One batch: an article naming the council both ways (it bridges the two components), an
    # unrelated one, and two new articles that only link to each other ("Quorn" alone is a
    # surname of "Ilse Quorn").
    council = ["Carpathian Grain Council", "Grain Council of Carpathia"]
    for doc, rows in (
        (
            "b03",
            [
                ("e1", council[0], "ORG", council, council[1:]),
                ("e2", "Lagonia", "GPE", None, []),
            ],
        ),
        ("b04", [("e1", "Freedonia", "GPE", None, [])]),
        ("b05", [("e1", "Ilse Quorn", "PERSON", None, [])]),
        ("b06", [("e1", "Quorn", "PERSON", None, [])]),
    ):
        _add(tmp_store, doc, rows)
    stats = resolve_store(tmp_store)
    assert stats.mode == "incremental" and stats.new == 5
    joined = tmp_store.canonical_of("b01", "e1")
    assert tmp_store.canonical_of("b02", "e1") == joined == tmp_store.canonical_of("b03", "e1")
    assert tmp_store.canonical_of("b05", "e1") == tmp_store.canonical_of("b06", "e1")
    step = dump(tmp_store)
    resolve_store(tmp_store, full=True)
    assert dump(tmp_store) == step


def test_a_renamed_actor_is_renamed_in_the_articles_the_update_did_not_touch(
    tmp_store: TmpStore,
) -> None:
    _add(tmp_store, "c01", [("e1", "Ostland Grain Board", "ORG", ["Ostland Grain Board"], [])])
    resolve_store(tmp_store, full=True)
    board = tmp_store.canonical_of("c01", "e1")
    # The same name, said more often in another spelling: same id, another name to show.
    loud = ["OSTLAND GRAIN BOARD"] * 3
    _add(tmp_store, "c02", [("e1", "OSTLAND GRAIN BOARD", "ORG", loud, [])])
    assert resolve_store(tmp_store).mode == "incremental"
    assert tmp_store.canonical_of("c02", "e1") == board
    names = tmp_store.con.execute(
        "SELECT DISTINCT name FROM doc_actors WHERE canonical_id = ?", [board]
    ).fetchall()
    assert (
        names
        == tmp_store.con.execute(
            "SELECT name FROM canonical_entities WHERE id = ?", [board]
        ).fetchall()
    )
    step = dump(tmp_store)
    resolve_store(tmp_store, full=True)
    assert dump(tmp_store) == step


def test_components_of_units_are_the_components_of_the_keys(
    tmp_store: TmpStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no decision changed, an update takes each unit as one component instead of
    recomputing components from every key; they must be the same, also when a new entity joins
    two stored components and when its anchor sorts first (the stored members' label moves)."""
    from newsgraph.resolve.components import components

    keys_of: list[list[dict[int, bool]]] = []
    checked: list[int] = []
    real_load, real_units = incremental._load_chunk, incremental.unit_components

    def load(*args: Any, with_keys: bool = True) -> Any:
        out = real_load(*args, with_keys=True)  # keys too, to compare with
        keys_of.append(out[1])
        return out

    def units(anchors: Any, stored: Any, chunk: Any, fresh: Any) -> list[int]:
        comp = real_units(anchors, stored, chunk, fresh)
        assert comp == components(len(anchors), keys_of[-1])
        checked.append(len(set(comp)))
        return comp

    monkeypatch.setattr(incremental, "_load_chunk", load)
    monkeypatch.setattr(incremental, "unit_components", units)
    _add(tmp_store, "k05", [("e1", "Carpathian Grain Council", "ORG", None, [])])
    _add(tmp_store, "k06", [("e1", "Grain Council of Carpathia", "ORG", None, [])])
    _add(tmp_store, "k07", [("e1", "Ilse Quorn", "PERSON", None, [])])
    resolve_store(tmp_store, full=True)
    council = ["Carpathian Grain Council", "Grain Council of Carpathia"]
    _add(tmp_store, "k01", [("e1", council[0], "ORG", council, council[1:])])  # sorts first
    _add(tmp_store, "k08", [("e1", "Quorn", "PERSON", None, [])])  # joins Ilse Quorn's
    _add(tmp_store, "k09", [("e1", "Lagonia", "GPE", None, [])])  # alone
    stats = resolve_store(tmp_store)
    assert stats.mode == "incremental" and checked == [3]
    assert tmp_store.canonical_of("k01", "e1") == tmp_store.canonical_of("k06", "e1")
    labels = dict(
        tmp_store.con.execute(
            "SELECT doc_id, component FROM resolve_keys WHERE key IS NULL"
        ).fetchall()
    )
    assert labels["k05"] == labels["k06"] == "k01/e1"
    step = dump(tmp_store)
    resolve_store(tmp_store, full=True)
    assert dump(tmp_store) == step


def test_resolution_pauses_the_cycle_collector_and_restores_it(
    tmp_store: TmpStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from newsgraph.resolve import cluster

    seen: list[bool] = []
    run = cluster.Clusterer.run

    def spy(self: cluster.Clusterer) -> Any:
        seen.append(gc.isenabled())
        return run(self)

    monkeypatch.setattr(cluster.Clusterer, "run", spy)
    for doc, rows in ARTICLES[:2]:
        _add(tmp_store, doc, rows)
        resolve_store(tmp_store)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()  # a caller that paused it itself gets it back paused
    try:
        resolve_store(tmp_store, full=True)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert seen == [False, False, False]
