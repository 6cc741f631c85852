"""Small reads the web pages need that no other use case provides: one page of the stored
articles (newest first, filtered by source and date) with how much was extracted from each."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.query.common import Record
from newsgraph.store import Store


@dataclass
class DocumentRow(Record):
    id: str
    date: str
    title: str | None
    source: str | None
    chars: int


def document_rows(
    store: Store,
    *,
    source: str | None = None,
    start: str | None = None,
    end: str | None = None,
    limit: int = 25,
    offset: int = 0,
) -> tuple[list[DocumentRow], int]:
    """Articles newest first (then by id), ``start``/``end`` inclusive ISO date prefixes; one
    window of them and how many match."""
    where, params = ["true"], []
    if source:
        where.append("source = ?")
        params.append(source)
    if start:
        where.append("date >= ?")
        params.append(start)
    if end:
        where.append("substr(date, 1, length(?)) <= ?")
        params += [end, end]
    cond = " AND ".join(where)
    row = store.con.execute(f"SELECT count(*) FROM documents WHERE {cond}", params).fetchone()
    rows = store.con.execute(
        f"SELECT id, date, title, source, length(text) FROM documents WHERE {cond} "
        "ORDER BY date DESC, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [DocumentRow(*r) for r in rows], int(row[0]) if row else 0


def entity_types(store: Store) -> list[str]:
    """The actor types present in the store (what the actor list can be filtered by)."""
    table = "canonical_entities"
    row = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
    if not row or not row[0]:
        table = "entities"
    return [
        str(r[0])
        for r in store.con.execute(
            f"SELECT DISTINCT type FROM {table} WHERE type IS NOT NULL ORDER BY type"
        ).fetchall()
    ]
