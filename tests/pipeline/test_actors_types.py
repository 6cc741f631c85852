"""Junk and mistyped actors: table abbreviations, numbers and legal suffixes in people's names,
short and truncated forms of an organisation, taxes."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.pipeline.actors_helpers import entity_of, named, reader

pytestmark = pytest.mark.slow

TABLE = (
    "OSTLAND STEEL CORP 1ST QTR NET\n"
    "Shr 34 cts vs 1.19 dlrs\n"
    "Net 807,000 vs 2,858,000\n"
    "Revs 12.2 mln vs 11.9 mln\n"
    "Avg shrs 51.7 mln vs 43.4 mln\n"
    "NOTE: the company earned 40 cts a share a year ago, or 2.4 mln dlrs.\n"
)


@pytest.fixture(scope="module")
def read(nlp: Any) -> Any:
    return reader(nlp)


def test_results_table_has_no_actors_made_of_abbreviations_or_numbers(read: Any) -> None:
    r = read(TABLE)
    junk = {"avg", "revs", "shr", "shrs", "cts", "mln", "vs", "dlrs"}
    for e in r.entities:
        words = {w.lower() for w in re.findall(r"\w+", e.name)}
        assert not words & junk, (e.name, e.type)
        assert not (e.type == "PERSON" and re.search(r"\d", e.name)), e.name
    for m in r.mentions:
        assert not re.search(r"\b(cts|mln|vs)\b", m.text), m.text


def test_a_name_ending_in_a_legal_suffix_is_an_organisation(read: Any) -> None:
    r = read("The company sold the unit to <Woodco Inc> of Lagonia for 200,000 dlrs.")
    woodco = named(r, "Woodco Inc")
    assert woodco.type == "ORG"
    assert not any(e.type == "PERSON" for e in r.entities)
    r = read("The underwriters, managed by Janney Brill Scott Inc and Woolcott and Co, agreed.")
    assert named(r, "Janney Brill Scott Inc").type == "ORG"
    r = read("The unit of Montedison SpA is issuing bonds in Lagonia.")
    assert named(r, "Montedison SpA").type == "ORG"


def test_company_name_without_its_suffix_joins_it_and_gives_a_role_its_org(read: Any) -> None:
    r = read(
        "Greenlawn Corp said its board met. "
        '"This is totally by surprise," said Debra Lind, a Greenlawn spokeswoman. '
        "Ostrow said Greenlawn could try to find a white knight."
    )
    corp = named(r, "Greenlawn Corp")
    assert {m.entity for m in r.mentions if m.text == "Greenlawn"} == {corp.id}
    [role] = named(r, "Debra Lind").roles
    assert role.title == "spokeswoman" and role.org == corp.id


def test_short_form_of_an_organisation_joins_it(read: Any) -> None:
    r = read("Fairvale Semiconductor Corp said it would cut jobs. Fairvale said sales fell.")
    corp = entity_of(r, "Fairvale Semiconductor Corp")
    short = entity_of(r, "Fairvale")
    assert short.id == corp.id and corp.type == "ORG"
    assert "Fairvale" in corp.aliases


def test_a_person_sharing_the_companys_first_word_stays_a_person(read: Any) -> None:
    r = read(
        "Fairvale Semiconductor Corp hired Anna Fairvale on Monday. Fairvale said she was glad."
    )
    assert entity_of(r, "Fairvale").type == "PERSON"
    assert entity_of(r, "Fairvale").id == named(r, "Anna Fairvale").id


def test_truncated_name_joins_the_full_name_and_its_acronym(read: Any) -> None:
    r = read(
        "The Securities and Exchange Commission (SEC) said it would look into the trades. "
        "The Exchange Commission said the rule stood."
    )
    full = named(r, "Securities and Exchange Commission")
    assert entity_of(r, "SEC").id == full.id
    assert entity_of(r, "Exchange Commission").id == full.id


def test_taxes_are_not_organisations(read: Any) -> None:
    r = read("Lagonia will raise its value-added tax and cut the Windfall Profits Tax on fuel.")
    assert not any("tax" in e.name.lower() for e in r.entities)


def test_a_lower_case_word_in_front_is_not_part_of_a_persons_name(read: Any) -> None:
    r = read("Congress passed the trade bill Reagan would sign.")
    people = [e for e in r.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Reagan"]


def test_the_administration_of_a_person_is_an_organisation_not_the_person(read: Any) -> None:
    r = read(
        "President Ronald Brill said on Monday he would veto it. "
        "The Brill administration opposes the measure, officials said."
    )
    admin = entity_of(r, "Brill administration")
    assert admin.type == "ORG"
    assert admin.id != named(r, "Ronald Brill").id


def test_and_co_ends_the_companys_name(read: Any) -> None:
    r = read("Merrill Brill and Co is issuing a eurobond. Bear Ostrow and Co Inc said it agreed.")
    names = {e.name for e in r.entities if e.type == "ORG"}
    assert "Merrill Brill and Co" in names
    assert not names & {"Co", "Co Inc"}


def test_the_bank_is_the_one_bank_named_before_and_no_other(read: Any) -> None:
    text = (
        "The Bank of Lagonia said money supply grew. The Bank said lending rose, "
        "and the Bank of Ostland agreed. The Bank said nothing."
    )
    r = read(text)
    lagonia, ostland = named(r, "Bank of Lagonia"), named(r, "Bank of Ostland")
    banks = [m for m in r.mentions if m.text == "Bank"]
    assert banks[0].entity == lagonia.id
    # a description of the bank inside the article, not an alias to link articles by
    assert "Bank" not in lagonia.aliases and "Bank" in lagonia.attributes["descriptions"]
    assert all(m.entity not in (lagonia.id, ostland.id) for m in banks[1:])


def test_a_person_after_the_organisation_named_after_him_stays_a_person(read: Any) -> None:
    r = read("The Reagan administration opposed the bill. Reagan said on Monday he would veto it.")
    assert entity_of(r, "Reagan").type == "PERSON"
    assert entity_of(r, "Reagan administration").type == "ORG"


@pytest.mark.parametrize("label", ["PROFILE", "ANALYSIS", "EXCLUSIVE"])
def test_a_story_label_in_capitals_before_a_colon_names_nobody(read: Any, label: str) -> None:
    r = read(f"{label}: The engineer who became a minister\n\nMarta Ilves ran the Rail Board.")
    names = [e.name for e in r.entities]
    assert not any(label.lower() in n.lower() for n in names), names
    assert "Marta Ilves" in names


def test_an_acronym_before_a_colon_is_still_a_name(read: Any) -> None:
    r = read("NATO: Ministers met in Carpathia on Monday.")
    assert any(e.name == "NATO" for e in r.entities), [e.name for e in r.entities]


def test_a_surname_typed_as_a_place_joins_the_person_named_in_full_before(read: Any) -> None:
    # the NER types the lone surname GPE in both texts; no gazetteer knows it as a large place
    r = read(
        "Interior Minister Tomás Ferreira Nunes resigned on Friday. "
        "The protests against Ferreira grew after the vote."
    )
    minister = named(r, "Tomás Ferreira Nunes")
    assert entity_of(r, "Ferreira").id == minister.id
    assert not any(e.type in ("GPE", "LOC") for e in r.entities), r.entities
    r = read(
        "Governor Alicia Montoya Reyes vetoed the budget on Monday. "
        "The bill was drafted by allies of Montoya, who called it a betrayal."
    )
    assert entity_of(r, "Montoya").type == "PERSON"


def test_a_surname_stays_a_place_after_in_or_when_a_large_city_is_called_so(read: Any) -> None:
    # "in Ferreira" reads as a place whoever is called Ferreira; Houston is a city of millions
    r = read(
        "Interior Minister Tomás Ferreira Nunes resigned on Friday. "
        "Protesters gathered in Ferreira after the vote."
    )
    assert entity_of(r, "Ferreira").type in ("GPE", "LOC")
    r = read("Senator Marcus Houston spoke on Monday. Houston officials said the airport reopened.")
    assert named(r, "Houston").type == "GPE"
    assert named(r, "Marcus Houston").type == "PERSON"


def test_a_surname_that_starts_a_company_name_is_not_made_a_person(read: Any) -> None:
    # "Gelco" after "Gelco Corp" is the company's short name, though a person bears it too
    r = read(
        "Founder Arturo Gelco Ruiz retired in 1985. Gelco Corp said its profit rose. "
        "For the year, Gelco reported earnings of 14.8 mln dlrs."
    )
    assert entity_of(r, "Gelco").type != "PERSON"
    assert named(r, "Arturo Gelco Ruiz").id != entity_of(r, "Gelco").id
