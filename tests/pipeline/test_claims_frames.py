"""Candidate frames added in round 3: noun and adjective complements, "calling for X to…",
headline verbs in title case, other extents of a reported clause, and quotes that go on in the
next paragraph after the cue (slow: loads the spaCy model once per session)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow


def _found(nlp: Any, text: str) -> list[tuple[str, str | None, str, str]]:
    """(cue token, speaker, content, pattern) of every candidate."""
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = nlp(text)
    out = []
    for c in find_candidates(doc, lexicon(), QuoteIndex(find_quotes(text))):
        spk = None
        if c.speaker_lo is not None and c.speaker_hi is not None:
            spk = doc[c.speaker_lo : c.speaker_hi + 1].text
        out.append((doc[c.cue_lo].text, spk, text[c.content[0] : c.content[1]], c.pattern))
    return out


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "Other Republicans joined Pence’s call for a special prosecutor.",
            "call",
            "Pence’s",
            "a special prosecutor",
        ),
        (
            "Sen. Graham has come out in support of Cruz on Tuesday.",
            "support",
            "Sen. Graham",
            "Cruz",
        ),
        (
            "Dayton has been a longtime supporter of Clinton.",
            "supporter",
            "Dayton",
            "Clinton",
        ),
        (
            "Some Democrats are concerned that the tactics could make it difficult to unite.",
            "concerned",
            "Some Democrats",
            "that the tactics could make it difficult to unite",
        ),
        (
            "McConnell was eager to embrace the mogul.",
            "eager",
            "McConnell",
            "to embrace the mogul",
        ),
    ],
)
def test_noun_and_adjective_complements(
    nlp: Any, text: str, cue: str, speaker: str, content: str
) -> None:
    found = _found(nlp, text)
    assert (cue, speaker, content) in [(c, s, t) for c, s, t, _ in found], found


def test_calling_for_someone_to_act(nlp: Any) -> None:
    text = "Hillary Clinton is calling for the United States to step up military efforts."
    found = _found(nlp, text)
    assert any(
        c == "calling" and s == "Hillary Clinton" and "the United States to step up" in t
        for c, s, t, _ in found
    ), found


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "Conservative Icon Morton Blackwell Endorses Ted Cruz.\n\nThe lions spoke.",
            "Endorses",
            "Conservative Icon Morton Blackwell",
            "Ted Cruz",
        ),
        (
            "Rose Bowl skywriters blast Trump.\n\nMore text.",
            "blast",
            "Rose Bowl skywriters",
            "Trump",
        ),
    ],
)
def test_headline_verbs(nlp: Any, text: str, cue: str, speaker: str, content: str) -> None:
    found = _found(nlp, text)
    assert (cue, speaker, content, "headline") in found, found


def test_reported_clause_without_its_trailing_adverbial(nlp: Any) -> None:
    text = "Kasich is assuring voters he is tough enough to be president after a woman told him so."
    contents = [t for c, _, t, _ in _found(nlp, text) if c == "assuring"]
    assert "he is tough enough to be president" in contents, contents


def test_quote_paragraph_after_the_cue_goes_on_with_the_content(nlp: Any) -> None:
    text = (
        "“We like a lot of the candidates,” he said.\n\n"
        "“It is changing every day.”\n\nOther prose follows here."
    )
    contents = [t for c, _, t, _ in _found(nlp, text) if c == "said"]
    assert any(t.endswith("“It is changing every day.”") for t in contents), contents


def test_passive_with_an_agent_attributes_the_subject(nlp: Any) -> None:
    text = "But those views are not widely shared by conservatives elsewhere."
    found = _found(nlp, text)
    assert any(
        c == "shared" and s is not None and "conservatives" in s and t == "those views"
        for c, s, t, _ in found
    ), found


def test_any_verb_joined_by_a_colon_to_a_quote(nlp: Any) -> None:
    text = "Trump leaned in and boomed: “Let’s defeat her in November.”"
    found = _found(nlp, text)
    assert ("boomed", "Trump", "“Let’s defeat her in November.”", "verb") in found, found


def test_quote_before_the_cue_competes_with_a_misparsed_complement(nlp: Any) -> None:
    text = (
        "Facebook found the posting and removed it on Thursday - ''We work aggressively to "
        "remove such content,'' a spokesman said."
    )
    contents = [t for c, _, t, _ in _found(nlp, text) if c == "said"]
    assert "''We work aggressively to remove such content,''" in contents, contents


def test_object_without_its_as_phrase_is_an_extent_too(nlp: Any) -> None:
    text = "The ad is criticizing President Barack Obama as a weak commander-in-chief."
    contents = [t for c, _, t, _ in _found(nlp, text) if c == "criticizing"]
    assert "President Barack Obama" in contents, contents
    assert "President Barack Obama as a weak commander-in-chief" in contents, contents
