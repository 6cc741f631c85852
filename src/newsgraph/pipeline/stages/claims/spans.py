"""Character spans from token ranges, trimmed the way attributed content is written.

Content follows PolNeAR's convention: the reported clause or quote, with a complementiser kept
("that …"), without the trailing sentence punctuation, and a direct quote with its quote marks (and
whatever the quote holds, a comma before the closing mark included).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.pipeline.doctext import doc_text
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex

QUOTE_MARKS = frozenset({"“", "”", '"', "‘", "’", "'", "``", "''"})
_TRIM = frozenset(",.;:—–-()[]…!?")


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per document (spaCy rebuilds it from tokens on every access)."""
    return doc_text(doc)


def token_range_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Characters of tokens ``lo..hi`` inclusive."""
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def trimmed(doc: Doc, lo: int, hi: int, keep_quotes: bool = False) -> tuple[int, int] | None:
    """Token range ``lo..hi`` without punctuation (and quote marks unless ``keep_quotes``) at its
    edges, as characters; ``None`` when nothing is left."""

    def drop(tok: Token) -> bool:
        if tok.is_space:
            return True
        if tok.text in QUOTE_MARKS:
            return not keep_quotes
        return tok.is_punct and all(ch in _TRIM for ch in tok.text)

    while lo <= hi and drop(doc[lo]):
        lo += 1
    while hi >= lo and drop(doc[hi]):
        hi -= 1
    if lo > hi:
        return None
    return token_range_chars(doc, lo, hi)


def subtree_range(tok: Token, exclude: Token | None = None) -> tuple[int, int]:
    """Token range of ``tok``'s subtree; with ``exclude``, the part on ``tok``'s side of it."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    if exclude is not None:
        elo, ehi = exclude.left_edge.i, exclude.right_edge.i
        if elo <= tok.i <= ehi:
            return tok.i, tok.i
        if ehi < tok.i:
            lo = max(lo, ehi + 1)
        elif elo > tok.i:
            hi = min(hi, elo - 1)
    return lo, hi


def with_quotes(
    text: str, span: tuple[int, int], quotes: QuoteIndex, cue: int | None = None
) -> tuple[tuple[int, int], str]:
    """Extend content to the whole quote it starts in (unless the cue at ``cue`` is inside that
    quote too), and to a quote that starts inside it and runs past it; then classify it.

    Returns the span and its kind: ``direct`` (the content is one quote), ``mixed`` (a quote is
    part of it) or ``indirect``.
    """
    start, end = span
    q = quotes.covering(start)
    if q is None and start > 0:  # the opening mark itself just before the content
        q = quotes.covering(start - 1)
        if q is not None and text[q.start + 1 : start].strip():
            q = None
    if q is not None and not (cue is not None and q.start <= cue < q.end):
        start = q.start
        end = max(end, q.end)
        return (start, end), ("direct" if end == q.end else "mixed")
    q_end = quotes.covering(end - 1)
    if (
        q_end is not None
        and q_end.start >= start
        and q_end.end > end
        and not (cue is not None and q_end.start <= cue < q_end.end)
    ):
        end = q_end.end
    inner = text[start:end]
    kind = "mixed" if any(m in inner for m in ("“", '"', "''")) else "indirect"
    return (start, end), kind
