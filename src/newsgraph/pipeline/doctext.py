"""The text of a parsed document, built once: spaCy's ``Doc.text`` joins every token's text on
each access (about 0.1 ms for a news article), and several stages need the whole text.

The runner seeds it with the document's own text (the parse of that very string, so the two are
equal); a ``Doc`` made elsewhere (tests, benchmarks) computes it on first use and keeps it.
"""

from __future__ import annotations

import bisect
from typing import Any

_KEY = "newsgraph.text"


def doc_text(doc: Any) -> str:
    """``doc.text``, computed at most once per ``Doc``."""
    text = doc.user_data.get(_KEY)
    if isinstance(text, str):
        return text
    built: str = doc.text
    doc.user_data[_KEY] = built
    return built


def seed_text(doc: Any, text: str) -> None:
    """Record ``text`` as ``doc``'s text: the string ``doc`` was parsed from."""
    doc.user_data[_KEY] = text


# The sentences of the last document asked about: ``Token.sent`` walks the parse to the
# sentence's edges on every call (about 3 us in a news sentence) and the claims features ask it
# for every candidate. One document at a time is read, so one slot suffices; it holds the
# ``Doc`` itself (compared by identity, so a new document never reads another's sentences).
_sentences: tuple[Any, list[int], list[Any]] | None = None


def sentence_of(tok: Any) -> Any:
    """``tok.sent``: the same sentence ``Span`` (start, end, characters), found by bisection in
    the document's sentences, listed once per document."""
    global _sentences
    doc = tok.doc
    cached = _sentences
    if cached is None or cached[0] is not doc:
        spans = list(doc.sents)
        cached = _sentences = (doc, [s.start for s in spans], spans)
    return cached[2][bisect.bisect_right(cached[1], tok.i) - 1]
