"""Attribution structures that split or hide the reported content (issue 11, recall): a
parenthetical cue clause inside the reported sentence, a relative pronoun fronted out of the
reported clause, a quote that goes on after a long inverted cue clause, and cue nouns whose holder
the parser attached elsewhere. Sentences are our own (slow: loads the spaCy model once)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow

LEAD = "The council met on Monday. "


def _found(nlp: Any, text: str) -> list[tuple[str, str | None, str, str]]:
    """(cue token, speaker, content, content dependency) of every candidate."""
    from newsgraph.pipeline.stages.claims.lexicon import lexicon
    from newsgraph.pipeline.stages.claims.phrases import find_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = nlp(text)
    out = []
    for c in find_candidates(doc, lexicon(), QuoteIndex(find_quotes(text))):
        spk = None
        if c.speaker_lo is not None and c.speaker_hi is not None:
            spk = doc[c.speaker_lo : c.speaker_hi + 1].text
        out.append((doc[c.cue_lo].text, spk, text[c.content[0] : c.content[1]], c.content_dep))
    return out


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker", "content"),
    [
        (
            "Lagonia was a strong exporter, Mr. Petrov said, until the mines closed in 1999.",
            "said",
            "Mr. Petrov",
            "Lagonia was a strong exporter, Mr. Petrov said, until the mines closed in 1999",
        ),
        (
            "Tourism, Governor Ana Bosko often says, is the only industry Ostland has left.",
            "says",
            "Governor Ana Bosko",
            "Tourism, Governor Ana Bosko often says, is the only industry Ostland has left",
        ),
    ],
)
def test_a_parenthetical_cue_clause_sits_inside_its_content(
    nlp: Any, sentence: str, cue: str, speaker: str, content: str
) -> None:
    """The reported sentence runs on both sides of "…, X said, …": one content around it."""
    found = _found(nlp, LEAD + sentence)
    assert any(
        (c, s, t) == (cue, speaker, content) and d.endswith("_wrap") for c, s, t, d in found
    ), found


def test_a_cue_clause_at_the_sentence_edge_wraps_nothing(nlp: Any) -> None:
    found = _found(nlp, LEAD + "Mr. Petrov said the mines closed in 1999, after the strike.")
    assert not any(d.endswith("_wrap") for _, _, _, d in found), found


def test_a_fronted_relative_pronoun_leaves_the_clause_after_the_cue(nlp: Any) -> None:
    """ "the tariffs, which the minister says she is reviewing": the reported clause is what
    follows the cue (the parser puts "which" inside it, before the cue)."""
    text = LEAD + "The tariffs, which Minister Anna Kovac says she is reviewing, stay until May."
    found = _found(nlp, text)
    assert ("says", "Minister Anna Kovac", "she is reviewing", "ccomp") in found, found


def test_a_quote_goes_on_after_a_long_inverted_cue_clause(nlp: Any) -> None:
    text = (
        LEAD + "“The bridge will reopen,” Ilse Varga said during a visit to the port of "
        "Carpathia, “but not before June.”"
    )
    contents = [t for c, _, t, _ in _found(nlp, text) if c == "said"]
    assert any(t.startswith("“The bridge") and t.endswith("before June.”") for t in contents), (
        contents
    )


def test_a_quote_after_the_next_sentence_is_not_the_same_content(nlp: Any) -> None:
    text = (
        LEAD + "“The bridge will reopen,” Ilse Varga said during a visit to the port. Her "
        "deputy then added, “but not before June.”"
    )
    contents = [t for c, _, t, _ in _found(nlp, text) if c == "said"]
    assert contents and not any("June" in t for t in contents), contents


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        # The parser hangs the possessor on the verb: "’s" right before the noun phrase.
        (
            "Mr. Dorn disputed the Ostland police’s earlier claim that the driver had refused "
            "to stop.",
            "claim",
            "the Ostland police’s",
        ),
        # A name compounded with the cue noun holds the statement.
        (
            "Mr. Dorn welcomed the Lagonia Herald report that the minister had resigned.",
            "report",
            "Lagonia Herald",
        ),
    ],
)
def test_the_holder_of_a_cue_noun(nlp: Any, sentence: str, cue: str, speaker: str) -> None:
    found = _found(nlp, LEAD + sentence)
    assert any(c == cue and s == speaker and t.startswith("that ") for c, s, t, _ in found), found


def test_a_cue_noun_without_holder_has_no_speaker(nlp: Any) -> None:
    found = _found(nlp, LEAD + "There were reports that the minister had resigned.")
    assert all(s is None for c, s, _, _ in found if c == "reports"), found


def test_a_paragraph_opened_with_a_closing_mark_is_a_quote() -> None:
    from newsgraph.pipeline.stages.claims.quotes import find_quotes

    text = "Readers wrote in.\n\n”The port must stay open. We depend on it.” ― Mira Holt\n"
    quotes = find_quotes(text)
    found = [text[q.start : q.end] for q in quotes]
    assert found == ["”The port must stay open. We depend on it.”"], found


def test_a_signed_comment_opened_with_a_closing_mark(nlp: Any) -> None:
    text = "Readers wrote in.\n\n”The port must stay open. We depend on it.” ― Mira Holt\n"
    found = _found(nlp, text)
    assert any(s == "Mira Holt" and t.startswith("”The port") for _, s, t, _ in found), found


def test_a_signed_comment_with_no_break_spaces(nlp: Any) -> None:
    # Web copy sets a no-break space between the closing quote and the dash, and after the name.
    text = "Readers wrote in.\n\n“The port must stay open. We depend on it.”\xa0― Mira Holt\xa0\n"
    found = _found(nlp, text)
    assert any(s == "Mira Holt" and t.startswith("“The port") for _, s, t, _ in found), found


def test_a_fronted_poll_frames_its_clause(nlp: Any) -> None:
    """ "In the … poll, X led Y": what the poll says, the poll its source."""
    found = _found(nlp, LEAD + "In the Ostland Herald poll, Varga led Dorn by five points.")
    assert ("In", "the Ostland Herald poll", "Varga led Dorn by five points", "source") in found


def test_a_fronted_report_with_a_speech_cue_leaves_the_cue_to_speak(nlp: Any) -> None:
    found = _found(nlp, LEAD + "In the report, the bank said rates would rise.")
    assert not any(d == "source" for _, _, _, d in found), found
    assert ("said", "the bank", "rates would rise", "ccomp") in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        # The subject before the phrase acts (its own cue may speak): no source frame.
        "The agency, in its annual report on Ostland, picked out signs of a slowdown.",
        # A speech cue set into the clause speaks instead.
        "In two trials, Mr. Dorn said, the verdicts favoured the plaintiffs.",
    ],
)
def test_no_source_frame_for_a_subject_before_it_or_a_cue_inside(nlp: Any, sentence: str) -> None:
    found = _found(nlp, LEAD + sentence)
    assert not any(d == "source" for _, _, _, d in found), found


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker", "content"),
    [
        (
            "Mayor Ilse Varga's announcement of new harbour tolls angered the fishermen.",
            "announcement",
            "Mayor Ilse Varga's",
            "new harbour tolls",
        ),
        (
            "The minister's reply to the Carpathian ultimatum was read on the radio.",
            "reply",
            "The minister's",
            "the Carpathian ultimatum",
        ),
        (
            "A call by Senator Dorn for an inquiry into the mines was rejected.",
            "call",
            "Senator Dorn",
            "an inquiry into the mines",
        ),
    ],
)
def test_a_statement_noun_with_a_holder_and_a_complement(
    nlp: Any, sentence: str, cue: str, speaker: str, content: str
) -> None:
    """A cue noun or a noun named like a speech verb, held by someone, reports its complement."""
    found = _found(nlp, LEAD + sentence)
    assert any((c, s, t) == (cue, speaker, content) for c, s, t, _ in found), found


def test_a_derived_statement_noun_without_holder_is_no_candidate(nlp: Any) -> None:
    """ "the reply to the letter" names no one who replied: no candidate for a noun that is only
    named like a cue verb."""
    found = _found(nlp, LEAD + "The reply to the letter arrived in Ostland on Friday.")
    assert not any(c == "reply" for c, _, _, _ in found), found
