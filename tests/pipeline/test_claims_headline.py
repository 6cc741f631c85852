"""Headline attributions "Name: content" (fast: ``_headline_line`` on strings; slow: candidates
over a parse where title case makes the tagger read the speaker as a common noun)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.pipeline.stages.claims.phrases import HEADLINE_WORDS, _headline_line


def test_short_headline_line_is_taken_whole() -> None:
    text = "Trump: Cruz Has a Long Way To Go, He Is For Oil Because Oil Pays.\nThe mogul spoke."
    after = text.index(":") + 1
    # The parser's sentence stopped at the comma: the line runs on to its end.
    span = (after + 1, text.index(","))
    start, end = _headline_line(text, after, span) or (0, 0)
    assert text[start:end] == "Cruz Has a Long Way To Go, He Is For Oil Because Oil Pays"


def test_content_never_crosses_the_line_break() -> None:
    text = "Newspaper: Defense secretary used personal email\nWASHINGTON (AP) — Carter used it."
    after = text.index(":") + 1
    span = (after + 1, text.index("it."))  # a parse that glued the lede to the headline
    start, end = _headline_line(text, after, span) or (0, 0)
    assert text[start:end] == "Defense secretary used personal email"


def test_long_line_keeps_the_sentence() -> None:
    words = " ".join(["word"] * (HEADLINE_WORDS + 5))
    text = f"Smith: This ends here. {words}"
    after = text.index(":") + 1
    span = (after + 1, text.index("."))
    start, end = _headline_line(text, after, span) or (0, 0)
    assert text[start:end] == "This ends here"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Trump: Cruz Has ‘To Come a Long Way’ On Ethanol, He Is For Oil Because ‘Oil Pays.’\n"
            "The real estate mogul spoke on Monday.",
            "Trump",
            "Cruz Has ‘To Come a Long Way’ On Ethanol, He Is For Oil Because ‘Oil Pays.’",
        ),
        (
            "Newspaper: Defense secretary used personal email at Pentagon\n"
            "WASHINGTON (AP) — Defense Secretary Ash Carter used a personal email account.",
            "Newspaper",
            "Defense secretary used personal email at Pentagon",
        ),
    ],
)
def test_headline_colon_candidate(nlp: Any, text: str, speaker: str, content: str) -> None:
    from newsgraph.pipeline.stages.claims.phrases import colon_candidates
    from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, find_quotes

    doc = nlp(text)
    cands = colon_candidates(doc, QuoteIndex(find_quotes(text)))
    assert len(cands) == 1
    c = cands[0]
    assert c.speaker_lo is not None and c.speaker_hi is not None
    assert doc[c.speaker_lo : c.speaker_hi + 1].text == speaker
    assert text[c.content[0] : c.content[1]] == content
