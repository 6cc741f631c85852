"""Titles in front of a name: former / ex-, datelines, places and organisations, "of" titles."""

from __future__ import annotations

from typing import Any

import pytest

from tests.pipeline.actors_helpers import entity_of, named, reader

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def read(nlp: Any) -> Any:
    return reader(nlp)


def test_nationality_then_former_then_title_is_read_not_crashed(read: Any) -> None:
    text = "Dutch former Minister Jan Smit resigned on Monday."
    r = read(text)
    smit = named(r, "Jan Smit")
    [role] = smit.roles
    assert role.title == "Minister" and role.former
    assert role.of == entity_of(r, "Dutch").id
    assert text[role.evidence_start : role.evidence_end] == "Dutch former Minister Jan Smit"


def test_place_then_glued_ex_hyphen_marks_former(read: Any) -> None:
    r = read("German ex-Minister Jan Smit resigned on Monday.")
    [role] = named(r, "Jan Smit").roles
    assert role.former
    assert role.of == entity_of(r, "German").id


@pytest.mark.parametrize("city", ["LONDON", "Berlin"])
def test_dateline_dash_is_not_the_ex_hyphen(read: Any, city: str) -> None:
    text = f"{city} - Senator Anna Weber said the vote would pass."
    r = read(text)
    assert entity_of(r, city).type == "GPE"  # the case that used to crash
    [role] = named(r, "Anna Weber").roles
    assert role.title == "Senator"
    assert not role.former and role.of is None
    assert text[role.evidence_start : role.evidence_end] == "Senator Anna Weber"


def test_title_with_its_own_of_phrase(read: Any) -> None:
    text = "He was meeting British Chancellor of the Exchequer Nigel Brook on Monday."
    r = read(text)
    [role] = named(r, "Nigel Brook").roles
    assert role.title == "Chancellor of the Exchequer"
    assert role.of == entity_of(r, "British").id
    assert text[role.evidence_start : role.evidence_end].startswith("British Chancellor")


def test_of_title_names_its_organisation(read: Any) -> None:
    r = read("Governor of the Bank of Lagonia Karl Brun said rates would fall.")
    [role] = named(r, "Karl Brun").roles
    assert role.title == "Governor of the Bank of Lagonia"
    assert role.org == named(r, "Bank of Lagonia").id


def test_organisation_before_the_title_is_its_org(read: Any) -> None:
    text = "Talks with Argentine Treasury Secretary Mario Brodersohn ended."
    r = read(text)
    [role] = named(r, "Mario Brodersohn").roles
    assert role.title == "Secretary"
    assert role.org == entity_of(r, "Treasury").id
    assert role.of == entity_of(r, "Argentine").id


def test_lexicon_title_words_are_not_an_organisation(read: Any) -> None:
    r = read("Secretary of State George Shultz said he would go.")
    assert [x.title for x in named(r, "George Shultz").roles] == ["Secretary of State"]
    assert all(e.name != "State" for e in r.entities)


def test_a_persons_possessive_before_the_title_is_its_of(read: Any) -> None:
    r = read("Karl Brun met the court on Monday. Brun's lawyer Jan Smit said the case was weak.")
    [role] = named(r, "Jan Smit").roles
    assert role.title == "lawyer"
    assert role.of == named(r, "Karl Brun").id
