"""``doctext.sentence_of`` stands in for spaCy's ``Token.sent`` (which walks the parse on every
call): the same sentence for every token, and never another document's."""

from __future__ import annotations

from typing import Any

from newsgraph.pipeline.doctext import sentence_of


def test_sentence_of_is_token_sent_for_every_token(nlp: Any) -> None:
    doc = nlp(
        "Ilse Varga arrived in Lagonia on Monday.\n\nShe said the border would reopen. "
        "\u201cWe will not wait,\u201d she added. Officials in Ostland declined to comment"
    )
    assert len(list(doc.sents)) >= 3
    for tok in doc:
        ours, theirs = sentence_of(tok), tok.sent
        assert (ours.start, ours.end, ours.start_char, ours.end_char) == (
            theirs.start,
            theirs.end,
            theirs.start_char,
            theirs.end_char,
        )


def test_sentence_of_follows_the_document_asked_about(nlp: Any) -> None:
    a = nlp("Carpathia voted. Freedonia abstained in the long vote on Tuesday.")
    b = nlp("Ostland protested loudly. Lagonia did not.")
    for doc in (a, b, a):
        last = doc[len(doc) - 1]
        assert sentence_of(last).doc is doc
        assert sentence_of(last).start == last.sent.start
