"""Full-text search over articles: BM25 ranking from the store's search index
(:mod:`newsgraph.store.fts`), with a snippet around the first match of the query in each hit.

A query's words go through the index's analysis (accents, case, stemming); an article matches
when it contains any of them, and scores BM25 (k1 = 1.2, b = 0.75, idf ``log10((N - df + 0.5) /
(df + 0.5) + 1)``: the formula of DuckDB's ``fts``, which built our index before). Only articles
containing a query term are scored, reading the postings of those terms alone; a one-term query
is cut to its page straight from the postings (no grouping), and its total is the term's
document frequency.

When the index cannot be used — the extension (for its stemmer) is missing, or the store is
read-only and some article is not indexed yet — search falls back to a scan (every query word
must occur, accent- and case-insensitive; score = occurrences) and says so in ``method`` and
``note``.
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
from newsgraph.query.page import keys_page
from newsgraph.store import Store
from newsgraph.store.fts import tokens_sql

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


K1 = 1.2  # BM25 term-frequency saturation
B = 0.75  # BM25 length normalisation

# SQL pieces over the index. ``st``: the collection's size and mean length; ``q``: the query's
# terms that the index knows, with their idf; the weight of one posting ``p`` for its term.
_STATS = "st AS (SELECT count(*) AS n, avg(len) AS avgdl FROM search_docs)"
_QUERY_TERMS = (
    "q AS (SELECT t.term, t.df, log10((st.n - t.df + 0.5) / (t.df + 0.5) + 1) AS idf "
    "FROM search_terms t, st WHERE t.term IN (SELECT stem(w, 'english') "
    f"FROM (SELECT unnest({tokens_sql('CAST(? AS VARCHAR)')}) AS w) WHERE w <> ''))"
)
_WEIGHT = f"q.idf * p.tf * {K1 + 1} / (p.tf + {K1} * ({1 - B} + {B} * p.len / st.avgdl))"
_SCORES = (
    f"SELECT p.doc_id, sum({_WEIGHT}) AS score "
    "FROM search_postings p JOIN q ON p.term = q.term, st GROUP BY p.doc_id"
)


NO_EXTENSION = "full-text extension unavailable (install duckdb-ext-fts); scanned the articles"
INDEX_BEHIND = "search index is out of date (store opened read-only); scanned the articles"


def index_usable(store: Store) -> tuple[bool, str | None]:
    """Whether search can read the index (indexing the articles it lacks first when the store
    is writable), and else why not."""
    if not store.load_fts():
        return False, NO_EXTENSION
    if store.index_stale():
        if store.read_only:
            return False, INDEX_BEHIND
        store.refresh_search_index()
    return True, None


def matches(store: Store, text: str) -> Matches:
    """The articles matching ``text`` with their BM25 scores, by the index when it is usable,
    else by a scan where every word must occur."""
    terms = fold(text).split()
    if not terms:
        return Matches(
            "(SELECT NULL::VARCHAR AS id, 0.0 AS score WHERE false)", [], "none", "empty query"
        )
    usable, note = index_usable(store)
    if usable:
        return Matches(
            f"(WITH {_STATS}, {_QUERY_TERMS} SELECT doc_id AS id, score FROM ({_SCORES}))",
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


def _ranked(
    store: Store, text: str, limit: int | None, offset: int
) -> tuple[list[tuple[str, float]], int, Matches]:
    """The window of ``(doc id, score)`` best first (ties by id) and the total that match."""
    found = matches(store, text)
    if found.method == "bm25":
        known = store.con.execute(
            f"WITH {_STATS}, {_QUERY_TERMS} SELECT q.term, q.df, q.idf, st.avgdl FROM q, st",
            [text],
        ).fetchall()
        if not known:
            return [], 0, found
        # The query's terms with their idf and the mean length, computed once above, are
        # parameters here: the ranking reads the postings of those terms and nothing else.
        weight = _WEIGHT.replace("st.avgdl", "CAST(? AS DOUBLE)")
        avgdl = known[0][3]
        if len(known) == 1:
            # One term: one posting per article, so the page comes straight from the postings
            # (top-k, no grouping) and the total is the term's document frequency.
            window = "" if limit is None else " LIMIT ?"
            cut: list[object] = [*([] if limit is None else [max(limit, 0)]), max(offset, 0)]
            rows = store.con.execute(
                f"SELECT p.doc_id, {weight.replace('q.idf', 'CAST(? AS DOUBLE)')} AS score "
                "FROM search_postings p WHERE p.term = ? "
                f"ORDER BY score DESC, p.doc_id{window} OFFSET ?",
                [known[0][2], avgdl, known[0][0], *cut],
            ).fetchall()
            return [(r[0], r[1]) for r in rows], int(known[0][1]), found
        ranked, total = keys_page(
            store,
            "r.doc_id, r.score",
            f"FROM (SELECT p.doc_id, sum({weight}) AS score FROM search_postings p "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS term, unnest(?::DOUBLE[]) AS idf) q "
            "ON p.term = q.term GROUP BY p.doc_id) r",
            "r.score DESC, r.doc_id",
            [avgdl, [k[0] for k in known], [k[2] for k in known]],
            limit,
            offset,
        )
        return [(r[0], r[1]) for r in ranked], total, found
    # Rank ids and scores only; the articles (their text for the snippet) are read for the
    # page alone, not carried through the sort for every match.
    ranked, total = keys_page(
        store,
        "m.id, m.score",
        f"FROM {found.sql} m",
        "m.score DESC, m.id",
        found.params,
        limit,
        offset,
    )
    return [(r[0], r[1]) for r in ranked], total, found


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
    ranked, total, found = _ranked(store, text, limit, offset)
    heads = {
        r[0]: r[1:]
        for r in store.con.execute(
            f"SELECT id, date, title, text FROM documents WHERE id IN {UNNEST_STRINGS}",
            [json_param(r[0] for r in ranked)],
        ).fetchall()
    }
    rows = [(id_, *heads[id_], score) for id_, score in ranked if id_ in heads]
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
