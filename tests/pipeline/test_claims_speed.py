"""Claims stage speed-ups that must not change what it finds: the quote scan that jumps from one
quote mark to the next, and the helpers that read token strings by index (``tokattrs``) instead
of asking every ``Token``. Each is checked against the plain version it replaced."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.pipeline.stages.claims import quotes as quotes_mod
from newsgraph.pipeline.stages.claims.lexicon import lexicon
from newsgraph.pipeline.stages.claims.quotes import (
    CLOSE_CURLY,
    DOUBLE_APOSTROPHE,
    OPEN_CURLY,
    STRAIGHT,
    Quote,
    find_quotes,
)
from newsgraph.pipeline.stages.claims.speakers import DASHES, _breaks_before
from newsgraph.pipeline.stages.claims.status import _has_denial_predicate
from newsgraph.pipeline.stages.claims.variants import _BREAKS, GLOSS_DEPS, closing_gloss

# Sentences we wrote: every kind of quote mark, stray and unclosed ones, a quote run on into the
# next paragraph, datelines, glosses set off by commas and dashes, denials.
QUOTE_TEXTS = [
    "“We will reopen the harbour,” the mayor said. ''It is safe,'' she added, \"for now.\"",
    "The minister called it “a disgrace — and “a mistake” too.\n\n“It goes on,” he said.",
    "”What a week,” a reader wrote.\n“Unclosed at the end of a paragraph\n“and reopened here.”",
    "No quotes at all in this one, only it's and O'Neill's apostrophes.",
    "A lone '' pair mark and a straight \" mark that never closes\nNext line '' closes''.",
]
PARSED_TEXTS = [
    "LAGOS (Reuters) - The council said the harbour, which the storm closed, would reopen.",
    "WASHINGTON — Senator Ana Pell dismissed the report as baseless, calling it a smear.\n"
    "The agency described the claims as false, officials said on Friday.",
    "The mayor, speaking to reporters, said the bridge would reopen next week, contradicting "
    "the council's engineer, a veteran of the port authority.",
]


def _plain_in_paragraph(text: str, start: int, end: int) -> list[Quote]:
    """``quotes._in_paragraph`` as it was: one character at a time."""
    found: list[Quote] = []
    i = start
    while i < end and text[i] in " \t":
        i += 1
    if text.startswith(CLOSE_CURLY, i) and i + 1 < end and not text[i + 1].isspace():
        j = text.find(CLOSE_CURLY, i + 1, end)
        if j < 0:
            return [Quote(i, end, closed=False)]
        found.append(Quote(i, j + 1, closed=True))
        i = j + 1
    while i < end:
        ch = text[i]
        if text.startswith(DOUBLE_APOSTROPHE, i):
            j = text.find(DOUBLE_APOSTROPHE, i + 2, end)
            if j < 0:
                found.append(Quote(i, end, closed=False))
                break
            found.append(Quote(i, j + 2, closed=True))
            i = j + 2
        elif ch in (OPEN_CURLY, STRAIGHT):
            close = CLOSE_CURLY if ch == OPEN_CURLY else STRAIGHT
            j = text.find(close, i + 1, end)
            if ch == OPEN_CURLY:
                k = text.find(OPEN_CURLY, i + 1, j if j >= 0 else end)
                if k >= 0:
                    i = k
                    continue
            if j < 0:
                found.append(Quote(i, end, closed=False))
                break
            found.append(Quote(i, j + 1, closed=True))
            i = j + 1
        else:
            i += 1
    return found


@pytest.mark.parametrize("text", QUOTE_TEXTS)
def test_quote_scan_finds_what_the_plain_scan_finds(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = find_quotes(text)
    monkeypatch.setattr(quotes_mod, "_in_paragraph", _plain_in_paragraph)
    assert fast == find_quotes(text)


def test_quote_scan_on_every_cut_of_a_paragraph() -> None:
    text = QUOTE_TEXTS[0] + " " + QUOTE_TEXTS[1].replace("\n", " ")
    for start in range(0, len(text), 3):
        for end in range(start, len(text) + 1, 7):
            assert quotes_mod._in_paragraph(text, start, end) == _plain_in_paragraph(
                text, start, end
            )


def test_quote_scan_on_every_cut_of_a_short_text() -> None:
    # every start and end, so a "''" that begins on the last character of the range is met
    text = "a ''b'' c \"d\" “e” f ''g"
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert quotes_mod._in_paragraph(text, start, end) == _plain_in_paragraph(
                text, start, end
            )


def _plain_closing_gloss(doc: Any, lo: int, hi: int) -> Any:
    """``variants.closing_gloss`` as it was: every token of the range asked its dependency."""
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    found = [
        t
        for t in doc[lo : hi + 1]
        if t.dep_ in GLOSS_DEPS
        and t.right_edge.i >= hi
        and lo < t.head.i < t.left_edge.i
        and doc[t.left_edge.i - 1].text in _BREAKS
    ]
    return min(found, key=lambda t: t.left_edge.i) if found else None


def _plain_breaks_before(doc: Any, i: int) -> bool:
    tok = doc[i]
    if "\n" in tok.text:
        return True
    if tok.text in DASHES and i > 0:
        prev = doc[i - 1]
        return prev.text == ")" or (prev.is_upper and len(prev.text) > 1 and prev.is_alpha)
    return False


def _plain_denial(verb: Any, lex: Any) -> bool:
    for c in verb.children:
        framing = c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl") or (
            c.dep_ == "prep" and c.lower_ == "as"
        )
        if framing and any(t.lemma_.lower() in lex.denial_predicates for t in c.subtree):
            return True
        if c.dep_ == "dobj" and any(
            t.dep_ in ("oprd", "amod") and t.i > c.i and t.lemma_.lower() in lex.denial_predicates
            for t in c.children
        ):
            return True
    return False


@pytest.mark.parametrize("text", PARSED_TEXTS)
def test_token_helpers_read_by_index_as_the_tokens_say(text: str, nlp: Any) -> None:
    doc = nlp(text)
    n = len(doc)
    glosses = 0
    for lo in range(n):
        for hi in range(lo, n):
            fast, plain = closing_gloss(doc, lo, hi), _plain_closing_gloss(doc, lo, hi)
            assert (fast.i if fast is not None else None) == (
                plain.i if plain is not None else None
            )
            glosses += fast is not None
    assert glosses  # the sentences do close on glosses
    assert [_breaks_before(doc, i) for i in range(n)] == [
        _plain_breaks_before(doc, i) for i in range(n)
    ]
    lex = lexicon()
    assert [_has_denial_predicate(t, lex) for t in doc] == [_plain_denial(t, lex) for t in doc]
