"""Compose text edits while remembering what the input held, so every change is a ``Repair``.

Repair passes (mojibake, control characters, whitespace, glued words) each propose edits on the
text as the previous pass left it. :class:`TextEditor` applies them and keeps the list of repairs
in coordinates of the *current* text: ``text[r.start:r.end] == r.after`` and ``r.before`` is what
the *input* held there. When a new edit overlaps or touches an earlier repair the two become one
repair (kinds joined with ``+``), so repairs never overlap or touch and :func:`original_text`
rebuilds the input exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsgraph.model.records import Repair


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the current text by ``new``."""

    start: int
    end: int
    new: str
    kind: str


def original_text(text: str, repairs: Sequence[Repair]) -> str:
    """The input text rebuilt from the repaired text and its repairs."""
    out = text
    for r in sorted(repairs, key=lambda r: (r.start, r.end), reverse=True):
        out = out[: r.start] + r.before + out[r.end :]
    return out


def _join_kinds(kinds: Iterable[str]) -> str:
    parts: list[str] = []
    for kind in kinds:
        for part in kind.split("+"):
            if part not in parts:
                parts.append(part)
    return "+".join(parts)


def _replace_all(text: str, base: int, spans: Sequence[tuple[int, int, str]]) -> str:
    """``text`` (which starts at offset ``base``) with each (start, end, new) span replaced."""
    out: list[str] = []
    pos = 0
    for start, end, new in spans:
        out.append(text[pos : start - base])
        out.append(new)
        pos = end - base
    out.append(text[pos:])
    return "".join(out)


class TextEditor:
    """The text being repaired and the repairs made to it so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.repairs: list[Repair] = []

    def apply(self, edits: Iterable[Edit]) -> None:
        """Apply non-overlapping edits given in coordinates of the current text."""
        todo = sorted((e for e in edits if e.new != self.text[e.start : e.end]), key=_edit_key)
        if not todo:
            return
        for a, b in itertools.pairwise(todo):
            if b.start < a.end:
                raise ValueError(f"overlapping edits {a} and {b}")
        # One sweep over old repairs and new edits, sorted by start: clusters of intervals that
        # overlap or touch become one repair.
        items: list[tuple[int, int, Repair | Edit]] = [(r.start, r.end, r) for r in self.repairs]
        items += [(e.start, e.end, e) for e in todo]
        items.sort(key=lambda it: (it[0], it[1], isinstance(it[2], Edit)))
        clusters: list[list[tuple[int, int, Repair | Edit]]] = []
        cluster_end = -1
        for item in items:
            if clusters and item[0] <= cluster_end:
                clusters[-1].append(item)
                cluster_end = max(cluster_end, item[1])
            else:
                clusters.append([item])
                cluster_end = item[1]

        parts: list[str] = []
        repairs: list[Repair] = []
        pos = 0  # in the old text
        shift = 0  # new offset minus old offset
        for cluster in clusters:
            start = min(it[0] for it in cluster)
            end = max(it[1] for it in cluster)
            old_reps = [it[2] for it in cluster if isinstance(it[2], Repair)]
            new_edits = [it[2] for it in cluster if isinstance(it[2], Edit)]
            parts.append(self.text[pos:start])
            pos = end
            current = self.text[start:end]
            if not new_edits:
                parts.append(current)
                r = old_reps[0]
                repairs.append(Repair(r.start + shift, r.end + shift, r.before, r.after, r.kind))
                continue
            before = _replace_all(current, start, [(r.start, r.end, r.before) for r in old_reps])
            after = _replace_all(current, start, [(e.start, e.end, e.new) for e in new_edits])
            parts.append(after)
            new_start = start + shift
            shift += len(after) - len(current)
            if before != after:
                kind = _join_kinds([r.kind for r in old_reps] + [e.kind for e in new_edits])
                repairs.append(Repair(new_start, new_start + len(after), before, after, kind))
        parts.append(self.text[pos:])
        self.text = "".join(parts)
        self.repairs = repairs


def _edit_key(e: Edit) -> tuple[int, int]:
    return (e.start, e.end)
