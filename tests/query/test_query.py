"""Queries over a store built from hand-made results: actors, dossier, timeline, documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.errors import AmbiguousNameError, Failure, NotFoundError
from newsgraph.query import (
    dossier,
    find_entity,
    get_document,
    list_entities,
    list_failures,
    timeline,
)
from newsgraph.query.common import date_key, fold
from newsgraph.store import Store
from tests.store.builders import corpus


def add_canonical(
    store: Store,
    cid: str,
    name: str,
    type_: str,
    aliases: list[str],
    members: list[tuple[str, str]],
    n_mentions: int,
) -> None:
    """What resolve writes, by hand, so these tests do not depend on resolve's clustering."""
    store.con.execute(
        "INSERT INTO canonical_entities VALUES (?, ?, ?, ?, ?, ?, '{}')",
        [
            cid,
            name,
            type_,
            json.dumps([{"name": a, "count": 1} for a in aliases]),
            n_mentions,
            len({d for d, _ in members}),
        ],
    )
    for doc_id, eid in members:
        store.con.execute(
            "INSERT INTO entity_links VALUES (?, ?, ?, 'test', '')", [doc_id, eid, cid]
        )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "q.duckdb", refresh_index_on_close=False) as s:
        s.write_batch(corpus(), [Failure("bad.jsonl", 4, "NG105", "malformed JSON")])
        yield s


@pytest.fixture
def resolved(store: Store) -> Store:
    add_canonical(
        store,
        "ce_gl",
        "Genaro García Luna",
        "PERSON",
        ["Genaro García Luna", "García Luna", "Genaro Garcia Luna"],
        [("aaa111", "e1"), ("bbb222", "e1")],
        6,
    )
    add_canonical(
        store,
        "ce_amlo",
        "Andrés Manuel López Obrador",
        "PERSON",
        ["López Obrador", "AMLO"],
        [("aaa111", "e3")],
        1,
    )
    add_canonical(store, "ce_fc", "Felipe Calderón", "PERSON", [], [("aaa111", "e2")], 1)
    add_canonical(store, "ce_ml", "Maria Lopez", "PERSON", [], [("ccc333", "e1")], 1)
    add_canonical(store, "ce_tx", "Texas", "GPE", [], [("bbb222", "e2")], 1)
    add_canonical(store, "ce_sc", "Sinaloa cartel", "ORG", [], [("bbb222", "e3")], 1)
    return store


def test_fold() -> None:
    assert fold("García-Luna") == "garcia luna"
    assert fold("  Andrés  Manuel LÓPEZ  ") == "andres manuel lopez"
    assert fold("“El Mayo”") == "el mayo"


def test_find_entity_folds_accents_and_case(resolved: Store) -> None:
    assert find_entity(resolved, "Garcia Luna").id == "ce_gl"
    assert find_entity(resolved, "GARCÍA LUNA").id == "ce_gl"
    assert find_entity(resolved, "amlo").id == "ce_amlo"
    assert find_entity(resolved, "Lopez Obrador").id == "ce_amlo"
    assert find_entity(resolved, "ce_tx").name == "Texas"


def test_find_entity_not_found_and_ambiguous(resolved: Store) -> None:
    with pytest.raises(NotFoundError):
        find_entity(resolved, "Zambada")
    add_canonical(resolved, "ce_ml2", "Maria Lopez", "ORG", [], [], 0)
    with pytest.raises(AmbiguousNameError) as err:
        find_entity(resolved, "maria lopez")
    assert "ce_ml" in str(err.value) and "ce_ml2" in str(err.value)


def test_list_entities_sorted_by_mentions_with_filters(resolved: Store) -> None:
    rows = list_entities(resolved)
    assert rows[0].id == "ce_gl"
    assert [r.n_mentions for r in rows] == sorted((r.n_mentions for r in rows), reverse=True)
    assert {r.type for r in list_entities(resolved, type="gpe")} == {"GPE"}
    assert [r.id for r in list_entities(resolved, query="lopez")] == ["ce_amlo", "ce_ml"]
    assert len(list_entities(resolved, limit=2)) == 2


def test_without_resolution_names_are_grouped_per_spelling(store: Store) -> None:
    rows = list_entities(store, type="PERSON")
    top = rows[0]
    assert not top.resolved
    # "Genaro García Luna" (2024) and "Genaro Garcia Luna" (2019) fold to one group
    assert fold(top.name) == "genaro garcia luna"
    assert top.n_docs == 2 and top.n_mentions == 6
    assert find_entity(store, "Garcia Luna").id == top.id
    d = dossier(store, top.id)
    assert d.n_docs == 2 and len(d.timeline) == 6


def test_dossier_names_roles_attributes_documents(resolved: Store) -> None:
    d = dossier(resolved, "García Luna")
    assert d.entity.id == "ce_gl"
    names = {n.text: n for n in d.names}
    assert names["García Luna"].count == 2 and names["His"].kind == "pronoun"
    assert d.n_mentions == 6 and d.n_docs == 2
    secretary = next(r for r in d.roles if r.title == "Secretary of Public Security")
    assert secretary.of == "Felipe Calderón" and secretary.former
    assert secretary.sources[0].doc_id == "aaa111"
    assert secretary.sources[0].sentence.startswith("Felipe Calderón's Secretary")
    ages = {a.value: a for a in d.attributes if a.name == "age"}
    assert ages[56].as_of == "2024-09-17"
    assert ages[56].sources[0].evidence == "Genaro García Luna, 56"
    assert [doc.id for doc in d.documents] == ["bbb222", "aaa111"]  # by date


def test_dossier_timeline_is_ordered_by_date_with_sources(resolved: Store) -> None:
    items = dossier(resolved, "ce_gl").timeline
    assert [date_key(i.date) for i in items] == sorted(date_key(i.date) for i in items)
    by_label = {(i.kind, i.label): i for i in items}
    conviction = by_label[("event", "SANCTION/convict")]
    assert (conviction.date, conviction.granularity) == ("2023-02", "month")
    assert conviction.sentence == "García Luna was found guilty in February 2023."
    assert conviction.roles == ["target"]
    claim = by_label[("claim", "alleges")]
    assert claim.status == "alleged" and claim.roles == ["speaker"]
    assert claim.target == ["Andrés Manuel López Obrador"]  # canonical name, not the doc's
    assert claim.text == "López Obrador has ties to drug trafficking leaders"
    assert claim.dated_by == "article" and conviction.dated_by == "text"
    sentencing = by_label[("event", "SANCTION")]
    assert sentencing.date == "2024-10-09" and sentencing.status == "scheduled"
    assert items[-1] is sentencing


def test_dossier_of_an_actor_without_events_or_claims(resolved: Store) -> None:
    d = dossier(resolved, "Maria Lopez")
    assert d.timeline == [] and d.n_docs == 1 and d.roles == []


def test_target_only_involvement(resolved: Store) -> None:
    items = dossier(resolved, "López Obrador").timeline
    assert {(i.kind, tuple(i.roles)) for i in items} == {
        ("claim", ("target",)),
        ("event", ("target",)),
    }


def test_timeline_range_and_all_actors(resolved: Store) -> None:
    everything = timeline(resolved)
    assert len(everything) == 6
    in_2024 = timeline(resolved, start="2024", end="2024")
    assert in_2024 and all(i.date and i.date.startswith("2024") for i in in_2024)
    assert [i.label for i in timeline(resolved, "ce_gl", start="2023-01", end="2023-12")] == [
        "SANCTION/convict"
    ]
    assert timeline(resolved, "Texas")[0].label == "COERCE/arrest"  # as the place


def test_get_document_by_prefix(resolved: Store) -> None:
    stored = get_document(resolved, "aaa")
    data = stored.to_dict()
    assert data["doc"]["id"] == "aaa111" and data["contract"] == 1
    assert len(data["claims"]) == 1 and data["actors"]["e3"]["id"] == "ce_amlo"
    with pytest.raises(NotFoundError):
        get_document(resolved, "zzz")


def test_get_document_ambiguous_prefix(store: Store) -> None:
    from dataclasses import replace

    other = corpus()[0]
    other = replace(other, doc=replace(other.doc, id="aaa999"))
    store.write_batch([other])
    with pytest.raises(AmbiguousNameError):
        get_document(store, "aaa")
    assert get_document(store, "aaa9").id == "aaa999"


def test_list_failures(store: Store) -> None:
    rows = list_failures(store)
    assert [(f.input, f.line, f.code) for f in rows] == [("bad.jsonl", 4, "NG105")]
    assert rows[0].to_dict()["message"] == "malformed JSON"
