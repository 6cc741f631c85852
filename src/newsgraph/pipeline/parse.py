"""The spaCy parse of a document, in windows when it is long: bounded memory for any length.

spaCy runs each text through its networks as one sequence: a 1,000,000-character text holds
about 3.5 GB at its peak, and the parse slows down a little faster than the text grows. An
article longer than ``WINDOW_CHARS`` is therefore cut into windows at paragraph breaks (else at
line breaks, sentence ends, spaces), each window is parsed alone, and the parses are joined into
one ``Doc`` over the whole text (``Doc.from_docs``): tokens, tags, dependencies, sentences and
named entities keep their document offsets, so every stage still sees one document and groups
its entities, coreference and claims across the whole of it.

Nothing crosses a paragraph break in spaCy's reading anyway (a sentence ends there, and its
convolutions look four tokens either way), so the joined parse is the one-piece parse but for a
few tokens next to the cuts (4 of 196,000 tokens differed at 1,000,000 characters). An article
up to ``WINDOW_CHARS`` is parsed in one piece, exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

# Longest text parsed in one piece; longer ones are cut into windows of about this size. At
# 50,000 characters spaCy peaks near 0.3 GB over the loaded model, and every news article of
# our test sets is shorter (the longest Reuters article has about 12,000).
WINDOW_CHARS = 50_000

# Where to cut, best first: a paragraph break, a line break, a sentence end, any space.
_CUTS = ("\n\n", "\n", ". ", " ")


def windows(text: str, size: int = WINDOW_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most about ``size`` characters, each ending
    after a paragraph break where there is one in its second half (else a line break, a
    sentence end, a space; a hard cut only in a run of ``size`` characters without any). The
    pieces joined give ``text`` back."""
    out: list[str] = []
    i, n = 0, len(text)
    while n - i > size:
        lo, hi = i + size // 2, i + size
        j = -1
        for sep in _CUTS:
            at = text.rfind(sep, lo, hi)
            if at >= 0:
                j = at + len(sep)
                break
        if j < 0:
            j = hi
        while j < n and text[j].isspace():  # a run of blank lines stays in one piece
            j += 1
        out.append(text[i:j])
        i = j
    if i < n or not out:
        out.append(text[i:])
    return out


def parse(nlp: Any, text: str, size: int = WINDOW_CHARS) -> Any:
    """The spaCy ``Doc`` of ``text``: one ``nlp`` call up to ``size`` characters, else the
    window parses joined into one ``Doc`` of the whole text."""
    if len(text) <= size:
        return nlp(text)
    from spacy.tokens import Doc

    # one window at a time: batching them would hold them all in memory together
    parts = list(nlp.pipe(windows(text, size), batch_size=1))
    return Doc.from_docs(parts, ensure_whitespace=False)


def parse_many(
    nlp: Any, texts: Iterable[str], batch_size: int, size: int = WINDOW_CHARS
) -> Iterator[Any]:
    """``parse`` of each text, in order; short texts go through ``nlp.pipe`` in batches as
    before, a long one is parsed alone in windows where it comes."""
    short: list[str] = []
    for text in texts:
        if len(text) <= size:
            short.append(text)
            continue
        yield from nlp.pipe(short, batch_size=batch_size)
        short = []
        yield parse(nlp, text, size)
    yield from nlp.pipe(short, batch_size=batch_size)
