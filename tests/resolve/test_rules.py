"""Cross-document clustering rules on hand-built entities."""

from __future__ import annotations

import json

from newsgraph.resolve import resolve_store
from tests.resolve.conftest import TmpStore


def same(s: TmpStore, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return s.canonical_of(*a) == s.canonical_of(*b)


def test_accent_and_case_folding(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Genaro García Luna")
    tmp_store.add("d2", "e1", "Genaro Garcia Luna")
    tmp_store.add("d3", "e1", "GENARO GARCIA LUNA")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert same(tmp_store, ("d1", "e1"), ("d3", "e1"))
    rule, evidence = tmp_store.link("d2", "e1")
    assert rule == "same-name" and "genaro" in evidence.lower()


def test_titles_stripped(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "President Andrés Manuel López Obrador")
    tmp_store.add("d2", "e1", "Andrés Manuel López Obrador")
    tmp_store.add("d3", "e1", "Dr. Andres Manuel Lopez Obrador")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert same(tmp_store, ("d1", "e1"), ("d3", "e1"))


def test_surname_only_links_to_unique_full_name(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Genaro García Luna", aliases=["García Luna"])
    tmp_store.add("d2", "e1", "García Luna")  # another article names him by surname only
    tmp_store.add("d3", "e1", "Luna")
    tmp_store.add("d4", "e1", "Felipe Calderón")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert same(tmp_store, ("d1", "e1"), ("d3", "e1"))
    assert not same(tmp_store, ("d1", "e1"), ("d4", "e1"))
    rule, evidence = tmp_store.link("d2", "e1")
    assert rule == "surname" and "garcia luna" in evidence


def test_two_smiths_stay_apart(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "John Smith", aliases=["Smith"])
    tmp_store.add("d2", "e1", "Jane Smith", aliases=["Smith"])
    tmp_store.add("d3", "e1", "Smith")  # no story context: ambiguous, stays alone
    resolve_store(tmp_store)
    ids = {tmp_store.canonical_of(d, "e1") for d in ("d1", "d2", "d3")}
    assert len(ids) == 3


def test_surname_resolved_by_story_context(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "John Smith")
    tmp_store.add("d1", "e2", "Acme Corp", "ORG")
    tmp_store.add("d2", "e1", "Jane Smith")
    tmp_store.add("d2", "e2", "Globex", "ORG")
    tmp_store.add("d3", "e1", "Smith")
    tmp_store.add("d3", "e2", "Acme", "ORG")  # shares Acme with John Smith's article only
    resolve_store(tmp_store)
    assert same(tmp_store, ("d3", "e1"), ("d1", "e1"))
    assert not same(tmp_store, ("d3", "e1"), ("d2", "e1"))
    rule, evidence = tmp_store.link("d3", "e1")
    assert rule == "surname" and "story context" in evidence and "Acme" in evidence


def test_acronym_links_to_declared_full_name(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "General Motors", "ORG", aliases=["GM"])
    tmp_store.add("d2", "e1", "GM", "ORG")
    tmp_store.add("d3", "e1", "G.M.", "ORG")
    tmp_store.add("d4", "e1", "Ford", "ORG")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert same(tmp_store, ("d1", "e1"), ("d3", "e1"))
    assert not same(tmp_store, ("d1", "e1"), ("d4", "e1"))
    rules = {tmp_store.link("d2", "e1")[0], tmp_store.link("d3", "e1")[0]}
    assert "acronym" in rules


def test_acronym_by_initials_alone_needs_the_story(tmp_store: TmpStore) -> None:
    # FSC fits the initials of Freedonia Shipping Council, but nothing else ties them.
    tmp_store.add("d1", "e1", "Freedonia Shipping Council", "ORG")
    tmp_store.add("d2", "e1", "FSC", "ORG")
    # LRB fits Lagonia Rail Board, named in its own article.
    tmp_store.add("d3", "e1", "Lagonia Rail Board", "ORG")
    tmp_store.add("d4", "e1", "LRB", "ORG")
    tmp_store.add("d4", "e2", "Lagonia Rail Board", "ORG")
    resolve_store(tmp_store)
    assert not same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert same(tmp_store, ("d4", "e1"), ("d3", "e1"))
    rule, evidence = tmp_store.link("d4", "e1")
    assert rule == "acronym" and "same document" in evidence


def test_person_acronym_declared_as_alias(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Andrés Manuel López Obrador", aliases=["AMLO"])
    tmp_store.add("d2", "e1", "AMLO")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert tmp_store.link("d2", "e1")[1].startswith("acronym: AMLO")


def test_ambiguous_acronym_stays_apart(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "General Motors", "ORG")
    tmp_store.add("d2", "e1", "General Mills", "ORG")
    tmp_store.add("d3", "e1", "GM", "ORG")
    resolve_store(tmp_store)
    ids = {tmp_store.canonical_of(d, "e1") for d in ("d1", "d2", "d3")}
    assert len(ids) == 3


def test_org_suffix_and_article(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Airbus S.A.S.", "ORG")
    tmp_store.add("d2", "e1", "Airbus", "ORG")
    tmp_store.add("d3", "e1", "The Boeing Company", "ORG")
    tmp_store.add("d4", "e1", "Boeing", "ORG")
    tmp_store.add("d5", "e1", "EADS", "ORG")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert same(tmp_store, ("d3", "e1"), ("d4", "e1"))
    assert not same(tmp_store, ("d2", "e1"), ("d5", "e1"))


def test_person_never_with_org_places_merge(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Ford", "ORG")
    tmp_store.add("d2", "e1", "Henry Ford", "PERSON")
    tmp_store.add("d3", "e1", "Ford", "PERSON")
    tmp_store.add("d4", "e1", "Washington", "GPE")
    tmp_store.add("d5", "e1", "Washington", "LOC")
    resolve_store(tmp_store)
    assert not same(tmp_store, ("d1", "e1"), ("d3", "e1"))
    assert same(tmp_store, ("d2", "e1"), ("d3", "e1"))
    assert same(tmp_store, ("d4", "e1"), ("d5", "e1"))


def test_nickname_alias_links_articles(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Ismael Zambada", aliases=["El Mayo"])
    tmp_store.add("d2", "e1", "El Mayo")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert tmp_store.link("d2", "e1")[0] == "alias"


def test_descriptions_do_not_merge(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Genaro García Luna", aliases=["the former official"])
    tmp_store.add("d2", "e1", "Tom Jones", aliases=["the former official"])
    resolve_store(tmp_store)
    assert not same(tmp_store, ("d1", "e1"), ("d2", "e1"))


def test_canonical_record(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "General Motors", "ORG", mentions=["General Motors", "GM", "GM"])
    tmp_store.add("d2", "e1", "General Motors Corp.", "ORG", mentions=["General Motors Corp."])
    tmp_store.add(
        "d3",
        "e1",
        "General Motors",
        "ORG",
        attributes={"country": "US"},
        mentions=["General Motors", "General Motors"],
    )
    stats = resolve_store(tmp_store)
    assert stats.entities == 3 and stats.canonical == 1
    name, n_mentions, n_docs, aliases, attrs = (
        tmp_store.con.execute(
            "SELECT name, n_mentions, n_docs, aliases, attributes FROM canonical_entities"
        ).fetchone()
        or ()
    )
    assert name == "General Motors"  # the most frequent full form
    assert (n_mentions, n_docs) == (6, 3)
    counts = {a["name"]: a["count"] for a in json.loads(aliases)}
    assert counts == {"General Motors": 3, "GM": 2, "General Motors Corp.": 1}
    assert json.loads(attrs) == {"country": "US"}


def test_place_ids_and_list_attributes(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "U.S.", "GPE", attributes={"geonames_id": 6252001, "country": "US"})
    tmp_store.add("d2", "e1", "America", "GPE", attributes={"geonames_id": 6252001})
    tmp_store.add("d3", "e1", "Mexico", "GPE", attributes={"geonames_id": 3996063})
    tmp_store.add("d4", "e1", "Barra", "PERSON", attributes={"descriptions": ["the chief"]})
    tmp_store.add("d5", "e1", "Barra", "PERSON", attributes={"descriptions": ["the new CEO"]})
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert not same(tmp_store, ("d1", "e1"), ("d3", "e1"))
    assert tmp_store.link("d2", "e1")[0] == "place-id"
    row = tmp_store.con.execute(
        "SELECT attributes FROM canonical_entities WHERE name = 'Barra'"
    ).fetchone()
    assert row is not None
    assert json.loads(row[0])["descriptions"] == ["the chief", "the new CEO"]


def test_middle_surname_and_dominant_story(tmp_store: TmpStore) -> None:
    # Rodrigo's story (court, prosecutor, port) vs Carmen's (a charity); "Aldana" in a trial report.
    for d, names in {
        "d1": ["Court", "Prosecutor Office", "Port Authority", "Harbor Union"],
        "d2": ["Charity Fund"],
        "d3": ["Court", "Prosecutor Office", "Port Authority", "Harbor Union"],
    }.items():
        for k, n in enumerate(names):
            tmp_store.add(d, f"o{k}", n, "ORG")
    tmp_store.add("d1", "e1", "Rodrigo Aldana Ferrer")
    tmp_store.add("d2", "e1", "Carmen Ibarra de Aldana")
    tmp_store.add("d2", "o9", "Court", "ORG")  # one shared entity does not make a rival story
    tmp_store.add("d3", "e1", "Aldana")
    tmp_store.add("d4", "e1", "Aldana Ferrer", mentions=["Aldana Ferrer", "Aldana"])
    resolve_store(tmp_store)
    assert same(tmp_store, ("d4", "e1"), ("d1", "e1"))
    assert same(tmp_store, ("d3", "e1"), ("d1", "e1"))
    assert not same(tmp_store, ("d2", "e1"), ("d1", "e1"))
    assert "story context" in tmp_store.link("d3", "e1")[1]


def test_loose_acronym_only_within_its_article(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Singapore Airlines", "ORG")
    tmp_store.add("d1", "e2", "SIA", "ORG")
    tmp_store.add("d2", "e1", "SIA", "ORG")
    tmp_store.add("d3", "e1", "Sierra Airways", "ORG")
    tmp_store.add("d3", "e2", "Boeing", "ORG")
    tmp_store.add("d4", "e1", "SIA", "ORG")  # nothing in its article: stays with the other SIAs
    tmp_store.add("d5", "e1", "Sierra Nevada Airlines", "ORG")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e2"), ("d1", "e1"))
    assert same(tmp_store, ("d2", "e1"), ("d1", "e1"))  # same-name with d1's SIA
    assert not same(tmp_store, ("d3", "e1"), ("d1", "e1"))
    assert "same article" in tmp_store.link("d1", "e2")[1]


def test_generational_suffix(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "William Clay Ford Jr.")
    tmp_store.add("d2", "e1", "William Clay Ford")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))


def test_type_vote_repairs_ner_slips_only_for_full_names(tmp_store: TmpStore) -> None:
    for d in ("d1", "d2", "d3"):
        tmp_store.add(d, "e1", "Rodrigo Aldana Ferrer", "PERSON")
    tmp_store.add("d4", "e1", "Rodrigo Aldana Ferrer", "ORG")  # NER slip in one article
    tmp_store.add("d5", "e1", "Morgan Stanley", "ORG")
    tmp_store.add("d6", "e1", "Morgan Stanley", "PERSON")  # one each: no majority, stay apart
    resolve_store(tmp_store)
    assert same(tmp_store, ("d4", "e1"), ("d1", "e1"))
    assert tmp_store.link("d4", "e1")[0] == "type-vote"
    assert not same(tmp_store, ("d5", "e1"), ("d6", "e1"))
    row = tmp_store.con.execute(
        "SELECT type FROM canonical_entities WHERE name = 'Rodrigo Aldana Ferrer'"
    ).fetchall()
    assert row == [("PERSON",)]


def test_canonical_attributes_leave_document_offsets_behind() -> None:
    # Evidence offsets index one article's text; united across articles they would point nowhere.
    from newsgraph.resolve.canonical import merge_attributes

    merged = merge_attributes(
        [
            {"gender": "female", "gender_evidence": [0, 3], "descriptions": ["the envoy"]},
            {"gender": "female", "gender_evidence": [40, 43], "descriptions": ["the diplomat"]},
        ]
    )
    assert merged == {"gender": "female", "descriptions": ["the envoy", "the diplomat"]}
