"""User judgements kept in the ``decisions`` table and replayed on every resolve: merge and split
(about actors) and wrong_claim / wrong_event (an extracted record is not in the article).

Modeled on nomenklatura's judgements: a *merge* is a positive judgement (these two are one actor),
a *split* a negative one (the articles that know this actor by that alias mean someone else).
Decisions point at doc-level entities, ``doc_id/entity_id`` anchors, never at canonical ids: a
stored article never changes (ingest is idempotent by document id), so an anchor keeps meaning the
same thing after re-ingest and re-resolution even when canonical ids or names change.

* ``merge``: ``a`` and ``b`` are anchors; their canonical entities become one.
* ``split``: ``a`` is an anchor of the entity that keeps its identity, ``b`` an alias; the members
  of ``a``'s canonical entity known by that alias are detached into their own canonical entity.
* ``wrong_claim`` / ``wrong_event``: ``a`` is the record's ``doc_id/record_id``, ``b`` its span in
  the article (:func:`record_span`), which identifies it even if the document were read again and
  its records numbered otherwise: :func:`reanchor_wrong` (run on every resolve) points ``a`` back at
  the record with that span. Read queries leave such records out (:mod:`newsgraph.query.wrong`).

Decisions replay in the order they were made, after automatic clustering, so a later judgement
overrides an earlier one.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from newsgraph.resolve.model import DocEntity, Link
from newsgraph.resolve.normalize import fold

log = logging.getLogger(__name__)

KINDS = ("merge", "split", "wrong_claim", "wrong_event")
# A "wrong" decision's kind -> the record table it marks.
WRONG_TABLES = {"wrong_claim": "claims", "wrong_event": "events"}
# SQL giving a record's span key (what ``b`` of a wrong decision holds), per record table.
_SPAN_SQL = {
    "claims": "concat(cue_start, '-', cue_end, '/', content_start, '-', content_end)",
    "events": "concat(trigger_start, '-', trigger_end)",
}


@dataclass(frozen=True)
class Decision:
    id: str
    kind: str
    a: str
    b: str
    note: str | None
    created_at: datetime


def decision_id(kind: str, a: str, b: str) -> str:
    """Same judgement, same id: repeating it refreshes it instead of piling up copies."""
    return "d_" + hashlib.sha1(f"{kind}|{a}|{b}".encode()).hexdigest()[:12]


def add_decision(
    con: duckdb.DuckDBPyConnection, kind: str, a: str, b: str, note: str | None = None
) -> Decision:
    if kind not in KINDS:
        raise ValueError(f"decision kind must be one of {KINDS}, not {kind!r}")
    d = Decision(decision_id(kind, a, b), kind, a, b, note, datetime.now(UTC).replace(tzinfo=None))
    con.execute(
        "INSERT OR REPLACE INTO decisions (id, kind, a, b, note, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [d.id, d.kind, d.a, d.b, d.note, d.created_at],
    )
    return d


def load_decisions(con: duckdb.DuckDBPyConnection) -> list[Decision]:
    rows = con.execute(
        "SELECT id, kind, a, b, note, created_at FROM decisions ORDER BY created_at, id"
    ).fetchall()
    return [Decision(*r) for r in rows]


def get_decision(con: duckdb.DuckDBPyConnection, decision_id: str) -> Decision | None:
    row = con.execute(
        "SELECT id, kind, a, b, note, created_at FROM decisions WHERE id = ?", [decision_id]
    ).fetchone()
    return Decision(*row) if row else None


def delete_decision(con: duckdb.DuckDBPyConnection, decision_id: str) -> Decision | None:
    """Remove a decision (undo); the removed one, or None when there was none with that id."""
    found = get_decision(con, decision_id)
    if found is not None:
        con.execute("DELETE FROM decisions WHERE id = ?", [decision_id])
    return found


def record_span(con: duckdb.DuckDBPyConnection, table: str, doc_id: str, record_id: str) -> str:
    """The span key of a claim (``cue_start-cue_end/content_start-content_end``) or an event
    (``trigger_start-trigger_end``); offsets into the article, which never changes once stored.
    Raises ``KeyError`` when there is no such record."""
    row = con.execute(
        f"SELECT {_SPAN_SQL[table]} FROM {table} WHERE doc_id = ? AND id = ?", [doc_id, record_id]
    ).fetchone()
    if row is None:
        raise KeyError(f"{doc_id}/{record_id}")
    return str(row[0] or "")


def reanchor_wrong(con: duckdb.DuckDBPyConnection) -> int:
    """Point every wrong_claim / wrong_event decision at the record that has its span now (the
    same id unless the document's records were renumbered); returns how many moved. A decision
    whose record is gone stays as it is (listed as not applied)."""
    moved = 0
    for d in load_decisions(con):
        table = WRONG_TABLES.get(d.kind)
        if table is None:
            continue
        doc_id, _, record_id = d.a.rpartition("/")
        rows = con.execute(
            f"SELECT id, {_SPAN_SQL[table]} FROM {table} WHERE doc_id = ?", [doc_id]
        ).fetchall()
        spans = {str(rid): str(span or "") for rid, span in rows}
        if spans.get(record_id) == d.b:
            continue
        same = sorted(rid for rid, span in spans.items() if span == d.b)
        if same:
            con.execute("UPDATE decisions SET a = ? WHERE id = ?", [f"{doc_id}/{same[0]}", d.id])
            moved += 1
        else:
            log.warning("decision %s: no %s record at %s in %s", d.id, table, d.b, doc_id)
    return moved


class Partition:
    """Final groups of doc-entity indices, editable by decisions."""

    def __init__(self, groups: dict[int, list[int]], links: list[Link | None]) -> None:
        self.groups = groups
        self.links = links
        self.label = [0] * len(links)
        for label, members in groups.items():
            for m in members:
                self.label[m] = label

    def merge(self, a: int, b: int, evidence: str) -> bool:
        la, lb = self.label[a], self.label[b]
        if la == lb:
            return False
        moving = self.groups.pop(la)
        seed = next((m for m in moving if self.links[m] is None), a)
        self.links[seed] = Link("user-merge", evidence)
        for m in moving:
            self.label[m] = lb
        self.groups[lb].extend(moving)
        return True

    def split(self, members: list[int], evidence: str) -> bool:
        if not members:
            return False
        label = self.label[members[0]]
        group = self.groups[label]
        moving = set(members)
        rest = [m for m in group if m not in moving]
        if not rest:
            return False
        del self.groups[label]
        self.groups[min(rest)] = rest
        self.groups[min(moving)] = sorted(moving)
        for m in rest:
            self.label[m] = min(rest)
        for m in moving:
            self.label[m] = min(moving)
            self.links[m] = Link("user-split", evidence)
        return True


def known_by(entity: DocEntity, alias: str) -> bool:
    """Whether the doc-entity is known by ``alias`` (accent-, case- and punctuation-insensitive)."""
    target = fold(alias)
    return any(fold(raw) == target for raw in entity.raw_forms())


def apply_decisions(
    partition: Partition, entities: Sequence[DocEntity], decisions: Sequence[Decision]
) -> int:
    """Replay decisions in order; returns how many changed the partition."""
    index = {e.key: i for i, e in enumerate(entities)}
    applied = 0
    for d in decisions:
        if d.kind not in ("merge", "split"):
            continue  # wrong_* decisions mark records, not entities
        ia = index.get(d.a)
        if ia is None:
            log.warning("decision %s: entity %s is not in the store; skipped", d.id, d.a)
            continue
        if d.kind == "merge":
            ib = index.get(d.b)
            if ib is None:
                log.warning("decision %s: entity %s is not in the store; skipped", d.id, d.b)
                continue
            why = f"user-merge: decision {d.id}" + (f" ({d.note})" if d.note else "")
            applied += partition.merge(ia, ib, why)
        elif d.kind == "split":
            group = partition.groups[partition.label[ia]]
            moving = [m for m in group if m != ia and known_by(entities[m], d.b)]
            why = f"user-split: known as {d.b!r}, decision {d.id}"
            applied += partition.split(moving, why)
    return applied
