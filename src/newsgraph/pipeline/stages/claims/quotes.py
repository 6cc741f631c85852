"""Quoted stretches of an article: “…”, "…" and ''…'' pairs, continued across sentences and
paragraphs.

News quotes run over several sentences, and a quote that goes on into the next paragraph leaves its
first paragraph unclosed and opens the next one again; both read here as one quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPEN_CURLY, CLOSE_CURLY = "“", "”"
STRAIGHT = '"'
DOUBLE_APOSTROPHE = "''"
# Where a quote mark can start: the scan jumps from one to the next instead of stepping through
# every character between (the same positions a character-by-character scan would stop at).
_MARK = re.compile("''|[" + OPEN_CURLY + STRAIGHT + "]")


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end when unclosed)
    closed: bool


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _in_paragraph(text: str, start: int, end: int) -> list[Quote]:
    quotes: list[Quote] = []
    i = start
    while i < end and text[i] in " \t":
        i += 1
    if text.startswith(CLOSE_CURLY, i) and i + 1 < end and not text[i + 1].isspace():
        # A paragraph opened with a closing mark (”What…”, as readers' comments are often typed):
        # it opens the quote.
        j = text.find(CLOSE_CURLY, i + 1, end)
        if j < 0:
            return [Quote(i, end, closed=False)]
        quotes.append(Quote(i, j + 1, closed=True))
        i = j + 1
    while i < end:
        ch = text[i]
        if text.startswith(DOUBLE_APOSTROPHE, i):  # ''…'' (some wires write quotes this way)
            j = text.find(DOUBLE_APOSTROPHE, i + 2, end)
            if j < 0:
                quotes.append(Quote(i, end, closed=False))
                break
            quotes.append(Quote(i, j + 2, closed=True))
            i = j + 2
        elif ch in (OPEN_CURLY, STRAIGHT):
            close = CLOSE_CURLY if ch == OPEN_CURLY else STRAIGHT
            j = text.find(close, i + 1, end)
            if ch == OPEN_CURLY:
                # A stray opening mark before the close starts the quote again.
                k = text.find(OPEN_CURLY, i + 1, j if j >= 0 else end)
                if k >= 0:
                    i = k
                    continue
            if j < 0:
                quotes.append(Quote(i, end, closed=False))
                break
            quotes.append(Quote(i, j + 1, closed=True))
            i = j + 1
        else:
            # Bounded to the paragraph (and one character more, for a "''" that starts on its
            # last character): a scan to the text's end per paragraph would grow with the
            # square of a long article's length.
            mark = _MARK.search(text, i, end + 1)
            i = mark.start() if mark is not None else end
    return quotes


def find_quotes(text: str) -> list[Quote]:
    """Quotes in text order; a quote left open at a paragraph end that the next paragraph reopens
    is merged into one."""
    out: list[Quote] = []
    prev_end = -1
    for p_start, p_end in _paragraphs(text):
        found = _in_paragraph(text, p_start, p_end)
        # Only the paragraph right after the open one continues it: an open quote whose close
        # went astray must not swallow the paragraphs up to the next quote.
        if (
            found
            and out
            and not out[-1].closed
            and out[-1].end == prev_end
            and found[0].start == p_start
        ):
            head = out.pop()
            found[0] = Quote(head.start, found[0].end, found[0].closed)
        out.extend(found)
        prev_end = p_end
    return out


class QuoteIndex:
    """Look up the quote covering a character."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]
        self._ends = [q.end for q in quotes]  # sorted too: quotes do not overlap

    def within(self, lo: int, hi: int) -> list[Quote]:
        """The quotes ending at or after ``lo`` and starting at or before ``hi``, in order (found
        by bisection, so that a lookup per cue does not scan every quote of a long article)."""
        first = bisect.bisect_left(self._ends, lo)
        stop = bisect.bisect_right(self._starts, hi)
        return self.quotes[first:stop]

    def covering(self, char: int) -> Quote | None:
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and self.quotes[i].start <= char < self.quotes[i].end:
            return self.quotes[i]
        return None

    def starting_near(self, char: int, limit: int, text: str) -> Quote | None:
        """The quote opening at ``char`` after only spaces and ``,:`` marks (within ``limit``)."""
        i = char
        while i < min(len(text), char + limit) and text[i] in " ,.:\n\t—–-":
            i += 1
        q = self.covering(i)
        return q if q is not None and q.start == i else None


_GAP = " \t,.;:—–-"


def continue_quotes(text: str, end: int, quotes: QuoteIndex, after: int | None = None) -> int:
    """Where attributed content really ends, given that it ends at ``end``.

    * ``“A,” she said. “B.”``: with ``after`` (the end of the speaker/cue clause between the two
      quotes), a quote opening right after the cue goes on with the content.
    * Quotes that follow the content with only punctuation between (in the same paragraph or the
      next ones) and that fill the rest of their paragraph go on with it: a quote with no cue of
      its own.
    """
    if after is not None:
        q = quotes.starting_near(after, 4, text)
        # Beside the cue clause, or filling the next paragraph ("“A,” he said.\n\n“B.”").
        if q is not None and ("\n" not in text[after : q.start] or _fills_paragraph(text, q)):
            end = max(end, q.end)
    while True:
        i = end
        while i < len(text) and (text[i] in _GAP or text[i] == "\n"):
            i += 1
        q = quotes.covering(i)
        if q is None or q.start != i or q.start == end or not _fills_paragraph(text, q):
            return end
        end = q.end


def _fills_paragraph(text: str, q: Quote) -> bool:
    """Nothing but punctuation follows the quote in its paragraph (it has no cue of its own)."""
    p_end = text.find("\n", q.end)
    rest = text[q.end : p_end if p_end >= 0 else len(text)]
    return rest.strip(_GAP + "”\"'") == ""
