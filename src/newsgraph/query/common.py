"""Helpers every query shares: name folding, JSON columns, date sort keys, source sentences."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.store import Store
from newsgraph.store.reader import json_value

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class Record:
    """Mixin: ``to_dict()`` for the dataclasses queries return (JSON-ready, nested)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dataclasses.asdict(self)  # type: ignore[call-overload]
        return out


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name: "García-Luna" → "garcia luna"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", stripped.casefold()).replace("_", " ").split())


def fold_chars(text: str) -> str:
    """Like :func:`fold` but one output character per input character, so offsets carry over.
    (ASCII text is only lower-cased; other characters are folded once each, then cached: this
    runs over the whole text of every search hit, for its snippet.)"""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@functools.cache
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    low = base.lower()
    return low if len(low) == 1 else base


def loads(value: Any, default: Any = None) -> Any:
    """A JSON column's value as Python (DuckDB returns JSON as text)."""
    return json_value(value, default)


def json_param(values: Iterable[Any]) -> str:
    """A list passed to SQL as one JSON text (binding long Python lists to DuckDB is slow)."""
    return json.dumps(list(values), ensure_ascii=False)


# SQL fragment: the rows of a ``json_param`` list of strings.
UNNEST_STRINGS = "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))"


def date_key(value: str | None) -> tuple[int, int, int, int]:
    """Sort key of an ISO-prefixed date value ("2023", "2023-02", "2024-09-13T10:00", "2024-W37"
    sorts by its year only); values that are not dates sort last."""
    m = _ISO_PREFIX.match(value or "")
    if not m:
        return (1, 9999, 99, 99)
    year, month, day = m.group(1), m.group(2), m.group(3)
    return (0, int(year), int(month or 0), int(day or 0))


def in_range(value: str | None, start: str | None, end: str | None) -> bool:
    """Whether a date value overlaps ``[start, end]`` (ISO prefixes, inclusive, any precision)."""
    if not start and not end:
        return True
    if not value or not _ISO_PREFIX.match(value):
        return False
    v = _ISO_PREFIX.match(value)
    assert v is not None
    text = v.group(0)
    if start and text < start[: len(text)]:
        return False
    return not (end and text[: len(end)] > end)


def confident(value: Any, minimum: float | None) -> bool:
    """Whether a record's ``confidence`` reaches ``minimum`` (None: no threshold). Records stored
    before confidences existed (None) pass: hiding them would empty an old store silently."""
    return minimum is None or value is None or float(value) >= minimum


@dataclass(frozen=True)
class DocInfo:
    id: str
    date: str
    title: str | None
    text: str
    sentences: tuple[tuple[int, int], ...]

    def sentence_span(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The span of the sentence(s) covering ``[start, end)``; a best guess without sentences."""
        end = start + 1 if end is None or end <= start else end
        if self.sentences:
            starts = [s for s, _ in self.sentences]
            i = max(bisect.bisect_right(starts, start) - 1, 0)
            j = max(bisect.bisect_right(starts, end - 1) - 1, i)
            return self.sentences[i][0], self.sentences[j][1]
        return _guess_sentence(self.text, start, end)

    def sentence(self, start: int, end: int | None = None) -> str:
        s, e = self.sentence_span(start, end)
        return " ".join(self.text[s:e].split())

    def span(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        return self.text[start:end]


def _guess_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    s = 0 if left < 0 else left + 1
    m = re.compile(r"[.!?](?=\s)|\n").search(text, end)
    e = len(text) if m is None else m.end()
    while s < e and text[s].isspace():
        s += 1
    return s, e


def load_docs(store: Store, ids: Iterable[str]) -> dict[str, DocInfo]:
    """Text, date, title and sentence spans of the given documents."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = store.con.execute(
        f"SELECT id, date, title, text FROM documents WHERE id IN {UNNEST_STRINGS}",
        [json_param(wanted)],
    ).fetchall()
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, s, e in store.con.execute(
        f'SELECT doc_id, start, "end" FROM sentences WHERE doc_id IN {UNNEST_STRINGS} '
        "ORDER BY doc_id, start",
        [json_param(wanted)],
    ).fetchall():
        spans.setdefault(doc_id, []).append((s, e))
    return {r[0]: DocInfo(r[0], r[1], r[2], r[3], tuple(spans.get(r[0], ()))) for r in rows}


def dict_rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Rows of a query as ``{column: value}`` dicts."""
    cursor = store.con.execute(sql, list(params))
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]


def is_empty(store: Store, table: str) -> bool:
    row = store.con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT 1)").fetchone()
    return not (row and row[0])


def alias_names(aliases: Any) -> list[str]:
    """Alias strings from a JSON aliases value: a list of names or of {"name", "count"} objects."""
    out = []
    for a in loads(aliases, []) or []:
        if isinstance(a, str):
            out.append(a)
        elif isinstance(a, dict) and isinstance(a.get("name"), str):
            out.append(a["name"])
    return out


def alias_counts(aliases: Any) -> list[tuple[str, int]]:
    out = []
    for a in loads(aliases, []) or []:
        if isinstance(a, str):
            out.append((a, 0))
        elif isinstance(a, dict) and isinstance(a.get("name"), str):
            out.append((a["name"], int(a.get("count") or 0)))
    return out


def unique(items: Sequence[str]) -> list[str]:
    """Items in order, without folded duplicates."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = fold(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out
