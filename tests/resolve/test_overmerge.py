"""Issue 11: generic aliases, mixed types and sentence fragments never merge or name actors."""

from __future__ import annotations

import json

import pytest

from newsgraph.resolve import resolve_store
from newsgraph.resolve.normalize import is_generic_org, make_form
from tests.resolve.conftest import TmpStore


def same(s: TmpStore, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return s.canonical_of(*a) == s.canonical_of(*b)


def canonical(s: TmpStore, doc: str, eid: str) -> tuple[str, list[str]]:
    """Name and alias names of the canonical entity of doc-entity ``doc/eid``."""
    row = s.con.execute(
        "SELECT name, CAST(aliases AS VARCHAR) FROM canonical_entities WHERE id = ?",
        [s.canonical_of(doc, eid)],
    ).fetchone()
    assert row is not None
    return str(row[0]), [a["name"] for a in json.loads(row[1])]


@pytest.mark.parametrize(
    ("raw", "generic"),
    [
        ("Bank", True),
        ("the Ministry", True),
        ("BANK", True),
        ("Co", True),
        ("Co Inc", True),
        ("Ltd", True),
        ("Finance Ministry", True),
        ("Central Bank", True),
        ("Exchange Commission", True),
        ("Ministry of Finance", True),
        ("Bank of Carpathia", False),
        ("Carpathia Group", False),
        ("Lagonia Steel Co", False),
        ("Federal Trade and Industry Commission", False),  # three content words: a name
        ("SPA", False),  # an acronym, though it spells a legal form
    ],
)
def test_generic_org_forms(raw: str, generic: bool) -> None:
    assert is_generic_org(raw) is generic
    assert (make_form(raw, "ORG") is None) is generic


def test_generic_alias_never_links_two_banks(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Bank of Carpathia", "ORG", ["Bank of Carpathia", "Bank", "Bank"])
    tmp_store.add("d2", "e1", "First Bank of Ostland", "ORG", aliases=["Bank"])
    tmp_store.add("d3", "e1", "Bank", "ORG", ["the Bank", "Bank"])  # which bank? no way to tell
    tmp_store.add("d4", "e1", "Bank of Carpathia", "ORG")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d4", "e1"))
    assert not same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert not same(tmp_store, ("d3", "e1"), ("d1", "e1"))
    assert not same(tmp_store, ("d3", "e1"), ("d2", "e1"))
    name, aliases = canonical(tmp_store, "d1", "e1")
    assert name == "Bank of Carpathia" and "Bank" not in aliases


def test_legal_forms_alone_never_link_companies(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Co", "ORG")
    tmp_store.add("d2", "e1", "Co Inc", "ORG")
    tmp_store.add("d3", "e1", "Co Ltd", "ORG")
    tmp_store.add("d4", "e1", "Co", "ORG")
    resolve_store(tmp_store)
    ids = {tmp_store.canonical_of(d, "e1") for d in ("d1", "d2", "d3", "d4")}
    assert len(ids) == 4


def test_portfolio_names_of_two_countries_stay_apart(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Finance Ministry", "ORG")  # Lagonia's, says the article
    tmp_store.add("d2", "e1", "Finance Ministry", "ORG")  # Ostland's
    tmp_store.add("d3", "e1", "Freedonian Finance Ministry", "ORG")
    tmp_store.add("d4", "e1", "Freedonian Finance Ministry", "ORG")
    tmp_store.add("d5", "e1", "Ministry of Trade and Heavy Industry", "ORG")
    tmp_store.add("d6", "e1", "Ministry of Trade and Heavy Industry", "ORG")
    resolve_store(tmp_store)
    assert not same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert same(tmp_store, ("d3", "e1"), ("d4", "e1"))  # a proper adjective makes it a name
    assert same(tmp_store, ("d5", "e1"), ("d6", "e1"))


def test_generic_part_joins_the_one_full_name_of_its_article(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Bank of Carpathia", "ORG")
    tmp_store.add("d1", "e2", "Bank", "ORG", ["the Bank", "Bank"])
    tmp_store.add("d2", "e1", "Bank of Carpathia", "ORG")
    tmp_store.add("d2", "e2", "Bank of Ostland", "ORG")
    tmp_store.add("d2", "e3", "Bank", "ORG")  # two banks in the article: stays apart
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e2"), ("d1", "e1"))
    rule, evidence = tmp_store.link("d1", "e2")
    assert rule == "tail" and "Bank of Carpathia" in evidence
    assert not same(tmp_store, ("d2", "e3"), ("d2", "e1"))
    assert not same(tmp_store, ("d2", "e3"), ("d2", "e2"))


def test_truncated_name_joins_full_name_and_acronym(tmp_store: TmpStore) -> None:
    tmp_store.add(
        "d1", "e1", "Freedonia Securities and Exchange Commission", "ORG", aliases=["FSEC"]
    )
    tmp_store.add("d1", "e2", "Exchange Commission", "ORG")  # the NER cut the name
    tmp_store.add("d2", "e1", "FSEC", "ORG", kind="acronym")
    tmp_store.add("d3", "e1", "Ostland Reserve Board", "ORG")
    tmp_store.add("d3", "e2", "Reserve Board", "ORG")
    tmp_store.add("d4", "e1", "Exchange Commission", "ORG")  # no full name in this article
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e2"), ("d1", "e1"))
    assert same(tmp_store, ("d2", "e1"), ("d1", "e1"))
    assert tmp_store.link("d2", "e1")[0] == "acronym"
    assert same(tmp_store, ("d3", "e2"), ("d3", "e1"))
    assert not same(tmp_store, ("d4", "e1"), ("d1", "e1"))
    name, _ = canonical(tmp_store, "d1", "e2")
    assert name == "Freedonia Securities and Exchange Commission"


def test_organisation_never_merged_into_person(tmp_store: TmpStore) -> None:
    # The in-article entity of the president also carries the administration's mentions.
    tmp_store.add(
        "d1", "e1", "Marek Dunov", "PERSON", ["Marek Dunov", "The Dunov administration", "Dunov"]
    )
    tmp_store.add("d2", "e1", "The Dunov administration", "PERSON")
    # NER typed the administration PERSON in three articles and ORG in one.
    for d in ("d3", "d4", "d5"):
        tmp_store.add(d, "e1", "Dunov Administration", "PERSON")
    tmp_store.add("d6", "e1", "Dunov Administration", "ORG")
    tmp_store.add("d7", "e1", "Marek Dunov", "PERSON")
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d7", "e1"))
    assert not same(tmp_store, ("d2", "e1"), ("d1", "e1"))
    assert not same(tmp_store, ("d6", "e1"), ("d3", "e1"))  # no type vote for an organisation
    name, aliases = canonical(tmp_store, "d1", "e1")
    assert name == "Marek Dunov"
    assert not any("administration" in a.lower() for a in aliases)
    types = tmp_store.con.execute(
        "SELECT l.canonical_id, count(DISTINCT e.type) FROM entity_links l JOIN entities e "
        "ON e.doc_id = l.doc_id AND e.id = l.entity_id GROUP BY 1 HAVING count(DISTINCT e.type) > 1"
    ).fetchall()
    assert types == []


def test_canonical_name_is_never_a_sentence_fragment(tmp_store: TmpStore) -> None:
    # "the trade bill Dunov would sign": the NER took "bill Dunov" as the name.
    tmp_store.add("d1", "e1", "bill Dunov", "PERSON", ["bill Dunov"] * 4 + ["Dunov"])
    tmp_store.add("d2", "e1", "Marek Dunov", "PERSON")
    tmp_store.add("d3", "e1", "bill Varga", "PERSON", ["bill Varga"] * 3 + ["Varga"])
    tmp_store.add(
        "d4",
        "e1",
        "Chancellor Anna Weber",
        "PERSON",
        ["Chancellor Anna Weber"] * 3 + ["Anna Weber"],
    )
    tmp_store.add("d5", "e1", "bill Kovac", "PERSON")  # no other form at all
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert canonical(tmp_store, "d1", "e1")[0] == "Marek Dunov"
    assert canonical(tmp_store, "d5", "e1")[0] == "Kovac"
    assert canonical(tmp_store, "d3", "e1")[0] == "Varga"
    assert canonical(tmp_store, "d4", "e1")[0] == "Anna Weber"
    assert make_form("Dunov Administration", "PERSON") is None
    assert make_form("Varga Holdings Inc", "PERSON") is None
    assert make_form("Margaret Court", "PERSON") is not None
    fragment = make_form("bill Dunov", "PERSON")
    assert fragment is not None and fragment.tokens == ("dunov",)
    form = make_form("Charles de Vries", "PERSON")
    assert form is not None and form.tokens == ("charles", "de", "vries")


def test_canonical_name_is_the_most_complete_name(tmp_store: TmpStore) -> None:
    tmp_store.add(
        "d1",
        "e1",
        "Ostland Business Machines",
        "ORG",
        ["Ostland Business", "Ostland Business", "Ostland Business Machines"],
    )
    # An over-long NER span said once is no more complete a name, it is a slip.
    tmp_store.add(
        "d2",
        "e1",
        "Bank of Carpathia",
        "ORG",
        ["Bank of Carpathia"] * 4 + ["Bank of Carpathia Ann"],
    )
    tmp_store.add("d3", "e1", "Lagonia Air Corp", "ORG", ["Lagonia Air Corp"] * 2)
    tmp_store.add("d3", "e2", "Lagonia Air Corp's Freedonia Airlines", "ORG")
    resolve_store(tmp_store)
    assert canonical(tmp_store, "d1", "e1")[0] == "Ostland Business Machines"
    assert canonical(tmp_store, "d2", "e1")[0] == "Bank of Carpathia"
    assert canonical(tmp_store, "d3", "e1")[0] == "Lagonia Air Corp"


def test_company_with_legal_form_is_not_short_for_its_subsidiary(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Ostland Steel AG", "ORG")  # the parent
    tmp_store.add(
        "d2", "e1", "Ostland Steel Overseas Finance", "ORG", ["Ostland Steel Overseas Finance"] * 3
    )
    tmp_store.add("d3", "e1", "Lagonia Shipping", "ORG")  # a short name: still links
    tmp_store.add("d4", "e1", "Lagonia Shipping Lines", "ORG", ["Lagonia Shipping Lines"] * 2)
    resolve_store(tmp_store)
    assert not same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    assert same(tmp_store, ("d3", "e1"), ("d4", "e1"))


def test_cut_name_joins_the_acronym_of_its_article(tmp_store: TmpStore) -> None:
    # "the Freedonia Securities and Exchange Commission (FSEC)" read as "Exchange Commission".
    tmp_store.add("d1", "e1", "Exchange Commission", "ORG", ["Exchange Commission"] * 3)
    tmp_store.add("d1", "e2", "FSEC", "ORG", kind="acronym")
    tmp_store.add("d2", "e1", "FSEC", "ORG", kind="acronym")
    tmp_store.add("d3", "e1", "Exchange Commission", "ORG")
    tmp_store.add("d3", "e2", "LRB", "ORG", kind="acronym")  # does not end in E, C
    resolve_store(tmp_store)
    assert same(tmp_store, ("d1", "e1"), ("d1", "e2"))
    assert same(tmp_store, ("d1", "e1"), ("d2", "e1"))
    rule, evidence = tmp_store.link("d1", "e1")
    assert rule == "tail" and "FSEC" in evidence
    assert not same(tmp_store, ("d3", "e1"), ("d1", "e1"))
    assert not same(tmp_store, ("d3", "e1"), ("d3", "e2"))
    assert canonical(tmp_store, "d1", "e1")[0] == "FSEC"
