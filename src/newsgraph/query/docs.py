"""One stored article with its extractions, and the failures ingest recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import AmbiguousNameError, NotFoundError
from newsgraph.query.common import Record
from newsgraph.query.entities import canonical_names
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
        """The contract object with additive keys: ``actors``, ``ingested_at`` and ``wrong``."""
        return {
            **self.result,
            "actors": self.actors,
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
    rows = store.con.execute(
        "SELECT id, CAST(result AS VARCHAR), CAST(ingested_at AS VARCHAR), text FROM documents "
        "WHERE id = ? OR starts_with(id, ?) ORDER BY id = ? DESC, id LIMIT 11",
        [prefix, prefix, prefix],
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
    sql = (
        "SELECT input, line, code, message, CAST(first_seen AS VARCHAR), "
        "CAST(last_seen AS VARCHAR) FROM failures "
        "ORDER BY coalesce(last_seen, first_seen) DESC, input, line, code"
    )
    params: list[object] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [FailureRow(*r) for r in store.con.execute(sql, params).fetchall()]
