"""Quote finding and continuation (no spaCy model needed)."""

from __future__ import annotations

from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, continue_quotes, find_quotes


def test_curly_and_straight_quotes_pair_within_a_paragraph() -> None:
    text = 'He said “we will win.” She said "no."'
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“we will win.”", '"no."']


def test_a_quote_reopened_in_the_next_paragraph_is_one_quote() -> None:
    text = "“First part of it.\n\n“Second part.” Then prose."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start : quotes[0].end] == "“First part of it.\n\n“Second part.”"


def test_quote_after_an_inverted_cue_continues_the_content() -> None:
    text = "“We will win,” Trump said on Monday, “and they will lose.” Other."
    index = QuoteIndex(find_quotes(text))
    after = text.index(", “and")
    end = continue_quotes(text, text.index(" Trump"), index, after=after)
    assert text[:end] == "“We will win,” Trump said on Monday, “and they will lose.”"


def test_quote_only_paragraphs_continue_a_content_that_ends_its_paragraph() -> None:
    text = "Kerry said that 100 would come.\n\n“That adds up.”\n\n“More.” she added.\n"
    index = QuoteIndex(find_quotes(text))
    end = continue_quotes(text, text.index("."), index)
    # The second quote paragraph has its own cue ("she added"), so it is not swallowed.
    assert text[:end] == "Kerry said that 100 would come.\n\n“That adds up.”"


def test_double_apostrophes_pair_as_quotes() -> None:
    # Some wires write quotes as two apostrophes: ''…,'' he said.
    text = "''We will win,'' he said. ''They will lose.''"
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["''We will win,''", "''They will lose.''"]


def test_an_open_quote_continues_only_into_the_next_paragraph() -> None:
    # The close of the first quote went astray into the second paragraph; the third paragraph's
    # quote is a quote of its own, not the end of the first one.
    text = "“First part of it.\n\n1988. More of it,” he says.\n\n“Cruz could win,” he concludes."
    quotes = find_quotes(text)
    last = quotes[-1]
    assert text[last.start : last.end] == "“Cruz could win,”"


def test_a_quote_filling_the_next_paragraph_continues_after_the_cue() -> None:
    text = "“We like them,” he said.\n\n“It is changing.”\n\n“Next,” she added."
    index = QuoteIndex(find_quotes(text))
    end = continue_quotes(text, text.index(" he"), index, after=text.index("."))
    # The third paragraph has a cue of its own ("she added"), so it is not swallowed.
    assert text[:end] == "“We like them,” he said.\n\n“It is changing.”"
