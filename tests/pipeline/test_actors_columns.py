"""The actors stage's index-based readings equal what spaCy's spans and tokens say: mention
characters, text and name words (``state.doc_columns``), role nouns by index, quote spans."""

from __future__ import annotations

from typing import Any

from newsgraph.pipeline.stages.actors.lexicon import lexicon
from newsgraph.pipeline.stages.actors.roles import role_noun, role_noun_at
from newsgraph.pipeline.stages.actors.state import Ment, quote_spans

TEXT = (
    "Ostland's Minister, Inés “La Jefa” Carvajal, met the lawyers of Freedonia Corp. "
    "(FC) on Monday.\n\nThe spokesmen said: «Talks resume», and “they will” end.  Lagonia's "
    'envoy added "nothing".'
)


def test_mention_text_chars_and_name_words_equal_the_span(nlp: Any) -> None:
    doc = nlp(TEXT)
    nick = next(i for i, t in enumerate(doc) if t.text == "La")
    for a in range(len(doc)):
        for b in range(a + 1, min(len(doc), a + 8) + 1):
            nickname = (nick, nick + 2) if a < nick and nick + 2 <= b else None
            m = Ment(a, b, "PERSON", nickname=nickname)
            span = doc[a:b]
            assert m.chars(doc) == (span.start_char, span.end_char)
            assert m.text(doc) == span.text
            inside = range(*nickname) if nickname else range(0)
            words = [
                t.text
                for t in span
                if t.i not in inside and not t.is_punct and not t.is_space and t.tag_ != "POS"
            ]
            assert list(m.name_words(doc)) == words
            assert [t.text for t in m.name_tokens(doc)] == words
            assert m.name_words(doc) is m.name_words(doc)  # kept on the mention


def test_role_noun_by_index_equals_role_noun_of_the_token(nlp: Any) -> None:
    doc = nlp(TEXT)
    lex = lexicon()
    found = [role_noun_at(doc, t.i, lex) for t in doc]
    assert found == [role_noun(t, lex) for t in doc]
    assert sum(r is not None for r in found) >= 3  # minister, lawyers, spokesmen, envoy


def test_quote_spans_pair_each_opening_quote_with_its_close() -> None:
    spans = quote_spans(TEXT)
    assert [TEXT[a:b] for a, b in spans] == [
        "“La Jefa”",
        "«Talks resume»",
        "“they will”",
        '"nothing"',
    ]
    assert quote_spans("no quotes here") == []
    assert quote_spans("an open “quote never closed") == []
