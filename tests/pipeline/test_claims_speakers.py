"""Speakers and framing of claims (round 3): the span the article names the speaker with, "it" as a
speaker, subjects inherited through adjectives, inverted quote frames, relative pronouns, and
"Name: …" lines of headlines and transcripts (slow: loads the spaCy model once per session)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model.records import Claim
from tests.conftest import make_doc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def claims_pipeline() -> Any:
    """The default pipeline up to and including the claims stage."""
    from newsgraph.config import load_config
    from newsgraph.pipeline import Pipeline

    names = list(load_config().pipeline.stages)
    return Pipeline(stages=names[: names.index("claims.rules.v1") + 1])


def _candidates(nlp: Any, text: str) -> list[Any]:
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = nlp(text)
    return [(doc, c) for c in find_candidates(doc, lexicon(), QuoteIndex(find_quotes(text)))]


def _speaker(doc: Any, cand: Any) -> str | None:
    if cand.speaker_lo is None:
        return None
    return str(doc[cand.speaker_lo : cand.speaker_hi + 1].text)


def _by_cue(nlp: Any, text: str, cue: str) -> list[tuple[Any, Any]]:
    found = [(d, c) for d, c in _candidates(nlp, text) if d[c.cue_lo].text == cue]
    assert found, f"no candidate with cue {cue!r}"
    return found


def test_speaker_span_stays_off_a_time_stamp_line(nlp: Any) -> None:
    text = "___.\n\n9:30 p.m.\n\nDonald Trump says he may move to the South if he loses."
    doc, cand = _by_cue(nlp, text, "says")[0]
    assert _speaker(doc, cand) == "Donald Trump"


def test_speaker_span_stays_off_a_dateline(nlp: Any) -> None:
    text = "LONDON (Reuters) - Donald Trump said he was unlikely to have a good relationship."
    doc, cand = _by_cue(nlp, text, "said")[0]
    assert _speaker(doc, cand) == "Donald Trump"


def test_it_is_a_speaker_of_its_own_kind(nlp: Any) -> None:
    text = "The report was released on Friday. It said officials had concealed the breaches."
    doc, cand = _by_cue(nlp, text, "said")[0]
    assert _speaker(doc, cand) == "It"
    assert cand.speaker_how == "it"


def test_subject_inherited_through_an_adjective(nlp: Any) -> None:
    text = "Democratic voters were more likely to say that Clinton is honest."
    doc, cand = _by_cue(nlp, text, "say")[0]
    assert _speaker(doc, cand) == "Democratic voters"


def test_relative_pronoun_speaker_spans_from_its_antecedent(nlp: Any) -> None:
    text = "He echoed some commentators who have suggested that Rubio is a pragmatist."
    doc, cand = _by_cue(nlp, text, "suggested")[0]
    assert _speaker(doc, cand) == "some commentators who"


def test_inverted_quote_frame_speaker_is_the_name_after_the_quote(claims_pipeline: Any) -> None:
    text = (
        "“And while I am at it, I hold in the highest esteem Sen. John McCain,” Trump said, "
        "“and I fully support him.”"
    )
    result = claims_pipeline.extract(make_doc(text))
    said: list[Claim] = [c for c in result.claims if c.cue == "said"]
    assert said
    c = said[0]
    assert c.speaker_start is not None and c.speaker_end is not None
    assert text[c.speaker_start : c.speaker_end] == "Trump"
    assert text[c.content_start : c.content_end].startswith("“And while I am at it")


def test_closed_quote_of_the_previous_paragraph_is_not_this_cues_content(nlp: Any) -> None:
    text = (
        "“Cyber security remains a challenge,” Carson continued.\n\n"
        '"Even under the best cases, our information is under attack."\n\n'
        "“She has put American lives at jeopardy,” Carson concluded."
    )
    _doc, cand = _by_cue(nlp, text, "concluded")[0]
    assert text[cand.content[0] : cand.content[1]] == "“She has put American lives at jeopardy,”"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Obama said things.\n\nTAPPER: Do you think Trump has campaigned as a healer?\n",
            "TAPPER",
            "Do you think Trump has campaigned as a healer?",
        ),
        (
            "Polls.\n\nPOLLS WERE NOT WRONG, JUST TOO EARLY - Mark Blumenthal and Jon Cohen: "
            "“The polls ended too early.”\n",
            "Mark Blumenthal and Jon Cohen",
            "“The polls ended too early.”",
        ),
        (
            "Clinton to Planned Parenthood: Trump will reverse Roe v. Wade.\n\nShe spoke.",
            "Clinton",
            "Trump will reverse Roe v. Wade",
        ),
    ],
)
def test_name_colon_lines(nlp: Any, text: str, speaker: str, content: str) -> None:
    found = _by_cue(nlp, text, ":")
    assert any(
        _speaker(d, c) == speaker and text[c.content[0] : c.content[1]] == content for d, c in found
    ), [(_speaker(d, c), text[c.content[0] : c.content[1]]) for d, c in found]


def test_passive_subject_of_the_head_clause_speaks_for_a_participle(nlp: Any) -> None:
    text = "Christina Romer was sidelined after demonstrating that the package was too small."
    doc, cand = _by_cue(nlp, text, "demonstrating")[0]
    assert _speaker(doc, cand) == "Christina Romer"
    assert cand.speaker_how == "inherited"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # The parser hangs the participle on the reported clause; it is the reporter's act.
        (
            "Minister Ilse Varga argued that a new bridge would bring tourists to Ostland, "
            "saying the ferry was too slow.",
            "saying",
            "Minister Ilse Varga",
        ),
        # The same after a quote that closes on the comma ("…,” adding, “…”).
        (
            "Varga told the Lagonia Times that Mr. Petrov “had a reckless policy of tolls which "
            "was ruinous,” adding, “He lost every port vote.”",
            "adding",
            "Varga",
        ),
        # A speech cue conjoined inside the reported clause: the reporter asks.
        (
            "Professor Anton Dorn noted that the Lagonian army lags behind its target and asked "
            "whether the minister could reach it.",
            "asked",
            "Professor Anton Dorn",
        ),
    ],
)
def test_a_speakers_act_inside_the_reported_clause_is_the_reporters(
    nlp: Any, text: str, cue: str, speaker: str
) -> None:
    doc, cand = _by_cue(nlp, text, cue)[0]
    assert _speaker(doc, cand) == speaker


def test_a_participle_with_its_own_subject_keeps_it(nlp: Any) -> None:
    """Only a subject-less participle after a comma is the reporter's act."""
    text = "Mayor Varga said the council had met, its members saying nothing about the bridge."
    for doc, cand in _candidates(nlp, text):
        if doc[cand.cue_lo].text == "saying":
            assert _speaker(doc, cand) != "Mayor Varga"


def test_object_control_gives_the_infinitive_its_subject(nlp: Any) -> None:
    """ "forcing the candidates to promise…": the candidates promise, not the flood."""
    text = "The flood in Carpathia forced the candidates to promise new dams in the valley."
    doc, cand = _by_cue(nlp, text, "promise")[0]
    assert _speaker(doc, cand) == "the candidates"
