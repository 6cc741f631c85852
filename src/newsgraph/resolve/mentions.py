"""Every mention in the store with the canonical (cross-document) entity it belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb

FIELDS = ("doc_id", "start", "end", "text", "type", "entity_id")


def iter_mentions(
    con: duckdb.DuckDBPyConnection,
    *,
    entity: str | None = None,
    doc: str | None = None,
    batch: int = 10_000,
) -> Iterator[dict[str, Any]]:
    """``{doc_id, start, end, text, type, entity_id}`` per mention, in document and offset order.

    ``entity_id`` is the canonical id (None for a mention no doc-level entity claims); offsets are
    into the stored ``documents.text``. Filters: a canonical id, a document id.
    """
    where, params = [], []
    if entity is not None:
        where.append("l.canonical_id = ?")
        params.append(entity)
    if doc is not None:
        where.append("m.doc_id = ?")
        params.append(doc)
    sql = (
        'SELECT m.doc_id, m.start, m."end", m.text, m.type, l.canonical_id FROM mentions m '
        "LEFT JOIN entity_links l ON l.doc_id = m.doc_id AND l.entity_id = m.entity"
        + (" WHERE " + " AND ".join(where) if where else "")
        + ' ORDER BY m.doc_id, m.start, m."end", m.id'
    )
    cur = con.cursor()
    try:
        cur.execute(sql, params)
        while rows := cur.fetchmany(batch):
            for row in rows:
                yield dict(zip(FIELDS, row, strict=True))
    finally:
        cur.close()
