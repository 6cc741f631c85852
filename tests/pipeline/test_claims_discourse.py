"""Who "he said" is (issue 11): the last quoted speaker who agrees in gender and number, never the
article's first-named person by default; a speaker that cannot be decided is None, with its span
kept and a ``speaker-unresolved`` flag (slow: uses the session's pipeline)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Claim, DocResult
from tests.conftest import make_doc

pytestmark = pytest.mark.slow


def extract(pipeline: Any, text: str) -> DocResult:
    result: DocResult = pipeline.extract(make_doc(text))
    return result


def by_content(result: DocResult, words: str) -> Claim:
    text = result.doc.text
    found = [c for c in result.claims if words in text[c.content_start : c.content_end]]
    assert found, [text[c.content_start : c.content_end] for c in result.claims]
    return found[0]


def speaker_name(result: DocResult, claim: Claim) -> str | None:
    names = {e.id: e.name for e in result.entities}
    return names.get(claim.speaker or "")


ANALYST_AFTER_MINISTER = (
    "Finance Minister Karl Brandt of Ostland presented the budget on Tuesday.\n"
    "Lagonia Bank chief economist Peter Holm said the budget was cautious.\n"
    "Pointing to strong retail sales, he said Brandt had done well to resist tax cuts.\n"
    '"There is no real need to boost private consumption," he said.\n'
)


def test_pronoun_speaker_is_the_last_quoted_person(pipeline: Any) -> None:
    result = extract(pipeline, ANALYST_AFTER_MINISTER)
    claim = by_content(result, "no real need")
    assert speaker_name(result, claim) == "Peter Holm"
    assert speaker_name(result, by_content(result, "done well")) == "Peter Holm"


def test_pronoun_speaker_agrees_in_gender(pipeline: Any) -> None:
    text = (
        "Ostland's interior minister, Mrs. Anna Weber, spoke in Berlin on Monday.\n"
        "Mr. Paul Lind, a senator, said the new border law was too strict.\n"
        '"We will change it before the summer," she said.\n'
    )
    result = extract(pipeline, text)
    claim = by_content(result, "change it")
    assert speaker_name(result, claim) != "Paul Lind"


def test_unnamed_last_speaker_leaves_the_pronoun_unresolved(pipeline: Any) -> None:
    text = (
        "Finance Minister Karl Brandt of Ostland presented the budget on Tuesday.\n"
        "The cuts will hurt exporters, said a trader at a Lagonian bank.\n"
        '"Nobody expected the tax on fuel," he said.\n'
    )
    result = extract(pipeline, text)
    claim = by_content(result, "tax on fuel")
    assert claim.speaker is None
    assert claim.speaker_start is not None
    assert text[claim.speaker_start : claim.speaker_end] == "he"
    flags = [f for f in result.flags if f.kind == "speaker-unresolved"]
    assert [(f.start, f.end) for f in flags] == [(claim.speaker_start, claim.speaker_end)]


def test_pronoun_of_a_named_subject_in_its_own_sentence_is_kept(pipeline: Any) -> None:
    text = (
        "Senator Paul Lind spoke first.\n"
        "Finance Minister Karl Brandt said on Tuesday that he would resign in May.\n"
    )
    result = extract(pipeline, text)
    claim = by_content(result, "resign")
    assert speaker_name(result, claim) == "Karl Brandt"


def test_company_spoken_of_as_it_continues_the_company(pipeline: Any) -> None:
    text = (
        "Carpathia Mining Corp said its profit rose 12 percent in 1986.\n"
        "It said the sale of the Lagonian smelter would close in March.\n"
    )
    result = extract(pipeline, text)
    claim = by_content(result, "smelter")
    assert speaker_name(result, claim) == "Carpathia Mining Corp"


def test_short_name_of_a_quoted_person_is_that_person(pipeline: Any) -> None:
    text = (
        "Lagonia Bank chief economist Peter Holm said rates would fall.\n"
        '"The budget is designed to please the markets," Holm said.\n'
    )
    result = extract(pipeline, text)
    assert speaker_name(result, by_content(result, "please the markets")) == "Peter Holm"


def test_the_company_restates_the_company_just_quoted(pipeline: Any) -> None:
    text = (
        "Carpathia Mining Corp said it filed for an offering of 4.5 million shares.\n"
        "The company said it expects the offering to be priced at 20 crowns a share.\n"
        "It said the proceeds would repay a bank loan.\n"
    )
    result = extract(pipeline, text)
    assert speaker_name(result, by_content(result, "priced at 20")) == "Carpathia Mining Corp"
    assert speaker_name(result, by_content(result, "repay a bank loan")) == "Carpathia Mining Corp"


def test_the_bank_restates_only_a_quoted_bank(pipeline: Any) -> None:
    text = (
        "Ostland Steel AG said its output fell 4 percent in March.\n"
        "The bank said the steel market would recover in the summer.\n"
    )
    result = extract(pipeline, text)
    claim = by_content(result, "steel market")
    assert claim.speaker is None
    assert any(f.kind == "speaker-unresolved" for f in result.flags)
