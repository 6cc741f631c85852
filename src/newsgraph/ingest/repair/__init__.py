"""Text repair: the passes ingest runs over an article's text, each change kept as a ``Repair``.

Order matters and is fixed: line breaks, C0 control characters, then broken Unicode (ftfy, which
must see the letters a control character split, and the C1 bytes that belong to mojibake), then
the C1 controls ftfy left, spaces, and last glued words (which need the clean text and the names
it contains). ``text[r.start:r.end] == r.after`` for every repair and :func:`original_text` gives
back the input exactly. Repairs never change meaning; doubtful glued words become flags.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.ingest.repair.editor import Edit, TextEditor, original_text
from newsgraph.ingest.repair.glued import glued_edits
from newsgraph.ingest.repair.unicode import (
    c0_control_edits,
    c1_control_edits,
    line_break_edits,
    space_edits,
    unicode_edits,
)
from newsgraph.model.records import Flag, Repair

__all__ = ["Edit", "Repaired", "TextEditor", "original_text", "repair_text"]


@dataclass(frozen=True)
class Repaired:
    text: str
    repairs: tuple[Repair, ...]
    flags: tuple[Flag, ...]


def repair_text(text: str) -> Repaired:
    """Run every repair pass over ``text``."""
    editor = TextEditor(text)
    passes = (line_break_edits, c0_control_edits, unicode_edits, c1_control_edits, space_edits)
    for make in passes:
        editor.apply(make(editor.text))
    edits, flags = glued_edits(editor.text)
    editor.apply(edits)
    return Repaired(editor.text, tuple(editor.repairs), tuple(flags))
