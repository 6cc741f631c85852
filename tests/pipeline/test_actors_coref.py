"""Pronouns go to the nearest compatible person of the discourse, or stay unlinked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.pipeline.actors_helpers import entity_of, named, reader

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def read(nlp: Any) -> Any:
    return reader(nlp)


def pronoun_at(result: Any, text: str, word: str) -> Any:
    """The mention of pronoun ``word`` at its last occurrence in ``text`` (None: unlinked)."""
    start = text.rindex(f" {word} ") + 1
    return next((m for m in result.mentions if m.start == start), None)


def test_he_after_an_unnamed_analyst_is_quoted_is_not_the_minister(read: Any) -> None:
    text = (
        "Chancellor of the Exchequer Nigel Brook said on Monday that growth would continue. "
        '"There is no real need to boost private consumption," an analyst at Ostbank said. '
        '"Consumption is strong already," he said.'
    )
    r = read(text)
    assert named(r, "Nigel Brook").type == "PERSON"
    assert pronoun_at(r, text, "he") is None


def test_he_after_an_unnamed_subject_in_his_own_sentence_is_unlinked(read: Any) -> None:
    text = (
        "Finance Minister Karl Brun spoke in Lagonia on Monday. "
        "Prices will rise, a trader in Carpathia said, adding that he expected a cut."
    )
    r = read(text)
    assert pronoun_at(r, text, "he") is None


def test_pronoun_goes_to_the_last_person_quoted_not_the_first_named(read: Any) -> None:
    text = (
        "Finance Minister Karl Brun said on Monday that growth would continue. "
        '"Prices will rise," said Mary Jones, an economist at Ostbank. '
        '"Consumption is strong already," she said.'
    )
    r = read(text)
    she = pronoun_at(r, text, "she")
    assert she is not None and she.entity == named(r, "Mary Jones").id


def test_he_with_the_named_speaker_just_before_is_linked(read: Any) -> None:
    text = 'Finance Minister Karl Brun spoke on Monday. "Growth will continue," he said.'
    r = read(text)
    he = pronoun_at(r, text, "he")
    assert he is not None and he.entity == named(r, "Karl Brun").id


def test_object_pronoun_skips_the_unnamed_subject_of_its_own_clause(read: Any) -> None:
    text = "Karl Brun said on Monday that an analyst had told him growth would slow."
    r = read(text)
    assert entity_of(r, "him").id == named(r, "Karl Brun").id
