"""One stored article with its extractions, and the failures ingest recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import AmbiguousNameError, NotFoundError
from newsgraph.query.common import UNNEST_STRINGS, Record, fold, json_param
from newsgraph.query.entities import canonical_names
from newsgraph.query.page import Page, date_range_sql, keys_page, limit_sql
from newsgraph.query.wrong import wrong_marks
from newsgraph.store import Store
from newsgraph.store.reader import contract_object


@dataclass
class StoredDocument(Record):
    """The contract object as stored, plus the actor each doc-level entity was resolved to."""

    id: str
    result: dict[str, Any]
    ingested_at: str | None = None
    # doc-level entity id -> {"id": actor id, "name": actor name}
    actors: dict[str, dict[str, str]] = field(default_factory=dict)
    # Records a person marked wrong: {"claims": {claim id: decision id}, "events": {...}}. The
    # document view shows every extraction, these flagged (lists and timelines leave them out).
    wrong: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The contract object with additive keys: ``doc_id``, ``actors`` (each doc-level
        entity's canonical ``entity_id`` and ``name``), ``ingested_at`` and ``wrong``."""
        actors = {k: {**v, "entity_id": v["id"]} for k, v in self.actors.items()}
        return {
            "doc_id": self.id,
            **self.result,
            "actors": actors,
            "ingested_at": self.ingested_at,
            "wrong": self.wrong,
        }


@dataclass
class FailureRow(Record):
    input: str
    line: int | None
    code: str
    message: str | None
    first_seen: str
    last_seen: str | None


def get_document(store: Store, doc_id: str) -> StoredDocument:
    """The document with this id, or the only one whose id starts with it."""
    prefix = doc_id.strip()
    if not prefix:
        raise NotFoundError("no document id given")
    columns = "id, CAST(result AS VARCHAR), CAST(ingested_at AS VARCHAR), text FROM documents"
    # The whole id first: an index lookup (with the prefix test in the same query, every
    # article is scanned).
    rows = store.con.execute(f"SELECT {columns} WHERE id = ?", [prefix]).fetchall()
    if not rows:
        rows = store.con.execute(
            f"SELECT {columns} WHERE starts_with(id, ?) ORDER BY id LIMIT 11", [prefix]
        ).fetchall()
    if not rows:
        raise NotFoundError(f"no document with id {doc_id!r}")
    if rows[0][0] != prefix and len(rows) > 1:
        shown = ", ".join(r[0] for r in rows[:10])
        raise AmbiguousNameError(
            f"{doc_id!r} starts several document ids: {shown}{' …' if len(rows) > 10 else ''}",
            hint="give more characters of the id",
        )
    id_, result, ingested, text = rows[0]
    names = canonical_names(store, [id_])
    actors = {eid: {"id": aid, "name": name} for (_d, eid), (aid, name) in names.items()}
    return StoredDocument(
        id=id_,
        result=contract_object(result, text),
        ingested_at=ingested,
        actors=actors,
        wrong=wrong_marks(store, id_),
    )


def list_failures(store: Store, limit: int | None = None) -> list[FailureRow]:
    """Recorded failures, most recently seen first."""
    return failures_page(store, limit=limit).items


def failures_page(store: Store, *, limit: int | None = 50, offset: int = 0) -> Page[FailureRow]:
    """One page of the recorded failures, most recently seen first, with their total."""
    lim, params = limit_sql(limit, offset)
    sql = (
        "SELECT input, line, code, message, CAST(first_seen AS VARCHAR), "
        "CAST(last_seen AS VARCHAR) FROM failures "
        "ORDER BY coalesce(last_seen, first_seen) DESC, input, line, code" + lim
    )
    rows = [FailureRow(*r) for r in store.con.execute(sql, params).fetchall()]
    return Page(rows, store.count("failures"), limit, max(offset, 0))


@dataclass
class DocumentSummary(Record):
    """One article in a list: its id, date, title and source, and how much was read from it."""

    doc_id: str
    date: str
    date_precision: str
    title: str | None
    url: str | None
    source: str | None
    n_chars: int
    n_entities: int = 0
    n_claims: int = 0
    n_events: int = 0
    score: float | None = None  # relevance to the query, when listed by a query
    snippet: str | None = None  # the text around the first match of the query


def documents_page(
    store: Store,
    *,
    q: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    source: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Page[DocumentSummary]:
    """Articles newest first (best match first when ``q`` is given, see
    :func:`newsgraph.query.search.matches`); ``date_from``/``date_to`` are inclusive ISO prefixes
    compared with the article date, ``source`` the article's source (case ignored)."""
    from newsgraph.query.search import make_snippet, matches

    where, params = [], []  # type: ignore[var-annotated]
    cond, p = date_range_sql("d.date", date_from, date_to)
    where.append(cond)
    params += p
    if source:
        where.append("lower(d.source) = lower(?)")
        params.append(source.strip())
    join, join_params, extra = "", [], {}  # type: ignore[var-annotated]
    score = "NULL::DOUBLE"
    order = "d.date DESC, d.id"  # ISO prefixes: a later date sorts after, in text order too
    terms: list[str] = []
    if q is not None and q.strip():
        found = matches(store, q)
        terms = fold(q).split()
        join, join_params, score = f"JOIN {found.sql} m ON m.id = d.id", found.params, "m.score"
        order = "m.score DESC, d.id"
        extra = {"method": found.method, "note": found.note}
    # The text's length is read for the page only (below): in one query with the columns
    # DuckDB reads every matching article's text before sorting (~1.4 s of CPU at 100,000).
    rows, total = keys_page(
        store,
        f"d.id, d.date, d.date_precision, d.title, d.url, d.source, NULL, {score}",
        f"FROM documents d {join} WHERE {' AND '.join(where)}",
        order,
        [*join_params, *params],
        limit,
        offset,
    )
    lengths = dict(
        store.con.execute(
            f"SELECT id, length(text) FROM documents WHERE id IN {UNNEST_STRINGS}",
            [json_param(r[0] for r in rows)],
        ).fetchall()
        if rows
        else []
    )
    items = [
        DocumentSummary(r[0], r[1], r[2], r[3], r[4], r[5], int(lengths.get(r[0]) or 0), score=r[7])
        for r in rows
    ]
    _count_records(store, items)
    if terms:
        texts = dict(
            store.con.execute(
                f"SELECT id, text FROM documents WHERE id IN {UNNEST_STRINGS}",
                [json_param(i.doc_id for i in items)],
            ).fetchall()
        )
        for item in items:
            item.snippet = make_snippet(texts.get(item.doc_id, ""), terms)[0]
    return Page(items, total, limit, max(offset, 0), extra=extra)


def _count_records(store: Store, items: list[DocumentSummary]) -> None:
    """Fill the entity, claim and event counts of the listed articles (one query each)."""
    if not items:
        return
    by_id = {i.doc_id: i for i in items}
    for table, attr in (("entities", "n_entities"), ("claims", "n_claims"), ("events", "n_events")):
        for doc_id, n in store.con.execute(
            f"SELECT doc_id, count(*) FROM {table} WHERE doc_id IN {UNNEST_STRINGS} "
            "GROUP BY doc_id",
            [json_param(by_id)],
        ).fetchall():
            setattr(by_id[doc_id], attr, int(n))
