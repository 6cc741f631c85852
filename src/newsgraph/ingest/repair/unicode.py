"""Character-level repairs: mojibake and broken Unicode (ftfy), control characters, whitespace.

Each function proposes :class:`~newsgraph.ingest.repair.editor.Edit` s and never rewrites legit
text: ftfy runs with curly quotes, full-width forms, HTML entities and line breaks left alone, and
only on words that hold a non-ASCII character (mojibake is always non-ASCII), so plain ASCII
newswire is never touched by it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from newsgraph.ingest.repair.editor import Edit

# Words in the ftfy sense: runs without ASCII whitespace (U+00A0 may be part of mojibake "Â\xa0").
_NON_ASCII_WORD = re.compile(r"[^ \t\n\r\f\v]*[^\x00-\x7f][^ \t\n\r\f\v]*")

# C0 controls except the line-breaking ones (handled as whitespace), DEL, stray byte-order marks:
# removed before ftfy, which then sees the letters they split.
_C0_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufeff]+")
# C1 controls: removed after ftfy, for which they can be bytes of mojibake ("â€\x9d" is "”").
_C1_CONTROL = re.compile(r"[\x80-\x84\x86-\x9f]+")

# CR, CRLF, vertical tab, form feed, NEL and LINE SEPARATOR end a line (removing them would glue
# the words on either side).
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028]")
_PARAGRAPH_BREAK = re.compile(r"\u2029")
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)|[ \t]+\Z")
# Three or more line breaks (blank lines that may hold spaces) are one paragraph break.
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_LEADING = re.compile(r"\A\s+")
_TRAILING = re.compile(r"\s+\Z")


@lru_cache(maxsize=1)
def _ftfy_config() -> Any:
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,  # "&amp;" in a feed may be the article's own text
        remove_terminal_escapes=False,  # control characters are a pass of their own
        uncurl_quotes=False,  # curly quotes are legit typography
        fix_line_breaks=False,
        fix_character_width=False,  # full-width forms are legit in CJK text
        remove_control_chars=False,
        normalization="NFC",
        explain=False,
    )


def unicode_edits(text: str) -> list[Edit]:
    """Mojibake / broken Unicode per word (kind ``mojibake``, or ``unicode-nfc`` for NFC only)."""
    import ftfy

    config = _ftfy_config()
    edits: list[Edit] = []
    for m in _NON_ASCII_WORD.finditer(text):
        word = m.group()
        fixed = ftfy.fix_text(word, config)
        if fixed == word:
            continue
        kind = "unicode-nfc" if fixed == unicodedata.normalize("NFC", word) else "mojibake"
        edits.append(Edit(m.start(), m.end(), fixed, kind))
    return edits


def c0_control_edits(text: str) -> list[Edit]:
    """Remove C0 control characters, DEL and stray BOMs (kind ``control-chars``)."""
    return [Edit(m.start(), m.end(), "", "control-chars") for m in _C0_CONTROL.finditer(text)]


def c1_control_edits(text: str) -> list[Edit]:
    """Remove C1 control characters that ftfy did not read as mojibake (kind ``control-chars``)."""
    return [Edit(m.start(), m.end(), "", "control-chars") for m in _C1_CONTROL.finditer(text)]


def line_break_edits(text: str) -> list[Edit]:
    """CRLF, CR, VT, FF and Unicode line/paragraph separators become LF (kind ``whitespace``)."""
    edits = [Edit(m.start(), m.end(), "\n", "whitespace") for m in _LINE_BREAK.finditer(text)]
    edits += [
        Edit(m.start(), m.end(), "\n\n", "whitespace") for m in _PARAGRAPH_BREAK.finditer(text)
    ]
    return edits


def space_edits(text: str) -> list[Edit]:
    """Trailing spaces on lines, runs of blank lines, and space around the whole text.

    Spaces inside a line are kept: newswire tables align columns with them.
    """
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, new: str) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        edits.append(Edit(start, end, new, "whitespace"))

    for pattern, new in ((_LEADING, ""), (_TRAILING, "")):
        m = pattern.search(text)
        if m:
            add(m.start(), m.end(), new)
    for m in _BLANK_LINES.finditer(text):
        add(m.start(), m.end(), "\n\n")
    for m in _TRAILING_SPACE.finditer(text):
        add(m.start(), m.end(), "")
    return edits
