"""Full-text search over articles: BM25 ranking from DuckDB's ``fts`` index, with a snippet
around the first match of the query in each hit.

When the index cannot be used — the extension is missing, or the store is read-only and its index
is stale — search falls back to a scan (every query word must occur, accent- and case-insensitive;
score = occurrences) and says so in ``method`` and ``note``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.query.common import (
    UNNEST_STRINGS,
    Record,
    fold,
    fold_chars,
    is_empty,
    json_param,
)
from newsgraph.store import Store
from newsgraph.store.fts import INDEX_SCHEMA

SNIPPET_CHARS = 200


@dataclass
class SearchHit(Record):
    id: str
    date: str
    title: str | None
    score: float
    snippet: str
    match_start: int | None = None  # offsets of the first match in doc.text
    match_end: int | None = None
    snippet_match: str | None = None  # the matched word as it reads in the text
    doc_id: str = ""  # the document's id (``id`` repeated under the key every record uses)

    def __post_init__(self) -> None:
        self.doc_id = self.doc_id or self.id


@dataclass
class SearchResult(Record):
    query: str
    method: str  # bm25 | scan
    hits: list[SearchHit] = field(default_factory=list)
    note: str | None = None
    total: int = 0  # articles that match, of which ``hits`` is the window at ``offset``
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class Matches:
    """Articles matching a query as a SQL relation ``(id, score)``, with its parameters."""

    sql: str
    params: list[object]
    method: str  # bm25 | scan | none
    note: str | None = None


def matches(store: Store, text: str) -> Matches:
    """The articles matching ``text``: by the BM25 index when it is usable (rebuilt first when
    stale and the store is writable), else by a scan where every word must occur."""
    terms = fold(text).split()
    if not terms:
        return Matches(
            "(SELECT NULL::VARCHAR AS id, 0.0 AS score WHERE false)", [], "none", "empty query"
        )
    note = None
    usable = store.load_fts()
    if usable and store.index_stale():
        if store.read_only:
            usable = False
            note = "search index is out of date (store opened read-only); scanned the articles"
        else:
            store.refresh_search_index()
    elif not usable:
        note = "full-text extension unavailable (install duckdb-ext-fts); scanned the articles"
    if usable:
        return Matches(
            f"(SELECT id, score FROM (SELECT id, {INDEX_SCHEMA}.match_bm25(id, ?) AS score "
            "FROM documents) WHERE score IS NOT NULL)",
            [text],
            "bm25",
            note,
        )
    hay = "strip_accents(lower(coalesce(title, '') || ' ' || text))"
    cond = " AND ".join(f"contains({hay}, ?)" for _ in terms)
    score = " + ".join(
        f"(length({hay}) - length(replace({hay}, ?, ''))) / length(?)" for _ in terms
    )
    # Placeholders in SQL order: two per term in the score, one per term in the filter.
    params: list[object] = [*(x for t in terms for x in (t, t)), *terms]
    return Matches(
        f"(SELECT id, CAST({score} AS DOUBLE) AS score FROM documents WHERE {cond})",
        params,
        "scan",
        note,
    )


def search(store: Store, text: str, limit: int | None = 20, offset: int = 0) -> SearchResult:
    """Articles matching ``text``, best first: the window ``[offset, offset + limit)`` and the
    total that match."""
    terms = fold(text).split()
    if not terms:
        return SearchResult(query=text, method="none", note="empty query", limit=limit)
    if is_empty(store, "documents"):
        return SearchResult(
            query=text, method="none", note="the store holds no articles yet", limit=limit
        )
    found = matches(store, text)
    window = "" if limit is None else " LIMIT ?"
    # Rank ids and scores only; the articles (their text for the snippet) are read for the
    # page alone, not carried through the sort for every match.
    ranked = store.con.execute(
        f"SELECT m.id, m.score, count(*) OVER () AS total FROM {found.sql} m "
        f"ORDER BY m.score DESC, m.id{window} OFFSET ?",
        [*found.params, *([] if limit is None else [max(limit, 0)]), max(offset, 0)],
    ).fetchall()
    total = int(ranked[0][2]) if ranked else _count(store, found) if offset else 0
    heads = {
        r[0]: r[1:]
        for r in store.con.execute(
            f"SELECT id, date, title, text FROM documents WHERE id IN {UNNEST_STRINGS}",
            [json_param(r[0] for r in ranked)],
        ).fetchall()
    }
    rows = [(id_, *heads[id_], score) for id_, score, _total in ranked if id_ in heads]
    hits = []
    for id_, date, title, body, score in rows:
        snippet, start, end = make_snippet(body, terms)
        word = body[start:end] if start is not None and end is not None else None
        hits.append(SearchHit(id_, date, title, float(score), snippet, start, end, word))
    return SearchResult(
        query=text,
        method=found.method,
        hits=hits,
        note=found.note,
        total=total,
        limit=limit,
        offset=max(offset, 0),
    )


def _count(store: Store, found: Matches) -> int:
    row = store.con.execute(f"SELECT count(*) FROM {found.sql}", found.params).fetchone()
    return int(row[0]) if row else 0


def make_snippet(
    text: str, terms: list[str], width: int = SNIPPET_CHARS
) -> tuple[str, int | None, int | None]:
    """About ``width`` characters around the earliest match of any term (a stem-like prefix of
    it, so "convicted" finds "conviction"), cut at word boundaries, with ellipses."""
    folded = fold_chars(text)
    best: tuple[int, int] | None = None
    for term in terms:
        stem = term if len(term) <= 4 else term[: max(4, len(term) - 2)]
        m = re.search(r"(?<!\w)" + re.escape(stem) + r"\w*", folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        return _clip(text, 0, width), None, None
    lo = max(0, best[0] - width // 3)
    hi = min(len(text), lo + width)
    return _clip(text, lo, hi - lo), best[0], best[1]


def _clip(text: str, start: int, width: int) -> str:
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start else end
    body = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
