"""What an export holds: the :class:`ExportFilter` every format shares, turned into a selection.

One reading of the filters for every format, so ``--entity X --from 2024`` keeps the same records
whatever the format:

* ``date_from``/``date_to`` keep the documents whose publication date overlaps the range (ISO
  prefixes of any precision, inclusive, as the read commands compare dates);
* ``query`` keeps the documents that full-text search finds (the same search as
  ``newsgraph search``, without its limit);
* ``entity`` (an actor id, name or alias: the one lookup) keeps the documents that mention the
  actor; the formats made of events or claims (PLOVER, TimelineJS, ClaimReview, the actor network)
  keep only the events it is a source or target of and the claims it makes or is the target of;
* ``min_confidence`` leaves out events and claims less sure than it; None means the config's
  ``query.min_event_confidence`` / ``query.min_claim_confidence``, as the read commands use, and 0
  keeps everything (what ``newsgraph extract`` printed).

The document set is computed once (ids only, a few bytes per document) and offered to SQL as a
temporary table (:meth:`Selection.relation`), so table formats can filter inside DuckDB.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from newsgraph.config import load_config
from newsgraph.export.registry import ExportFilter
from newsgraph.query.common import confident, in_range
from newsgraph.query.entities import EntitySummary, find_entity, members
from newsgraph.query.search import search
from newsgraph.store import Store


@dataclass(frozen=True)
class Selection:
    """The documents an export covers (``doc_ids``; None: all of them), the actor it is about
    (with its doc-level entities ``members``, as ``(doc_id, entity_id)``), and the least
    confidence of the events and claims it keeps."""

    doc_ids: frozenset[str] | None
    actor: EntitySummary | None
    members: frozenset[tuple[str, str]]
    min_event: float | None
    min_claim: float | None

    def has_doc(self, doc_id: str) -> bool:
        return self.doc_ids is None or doc_id in self.doc_ids

    def keeps_event(self, confidence: float | None) -> bool:
        return confident(confidence, self.min_event)

    def keeps_claim(self, confidence: float | None) -> bool:
        return confident(confidence, self.min_claim)

    def involves(self, doc_id: str, entity_ids: list[str]) -> bool:
        """Whether one of ``entity_ids`` (doc-level, of ``doc_id``) is the actor; True when the
        export is about no actor."""
        if self.actor is None:
            return True
        return any((doc_id, e) in self.members for e in entity_ids)

    @contextmanager
    def relation(self, store: Store, name: str = "export_docs") -> Iterator[str]:
        """A temporary table ``name(id VARCHAR)`` of the selected document ids, for the length of
        the block (it works on a read-only store too); yields a SQL
        condition on a ``doc_id``-like column: use ``cond.format(col="t.doc_id")``."""
        if self.doc_ids is None:
            yield "true"
            return
        # A temporary table lives in memory, so a read-only store can hold one. One JSON
        # parameter: binding a long Python list to DuckDB is far slower.
        store.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT unnest(from_json(?::JSON, "
            "'[\"VARCHAR\"]')) AS id",
            [json.dumps(sorted(self.doc_ids))],
        )
        try:
            yield "{col} IN (SELECT id FROM " + name + ")"
        finally:
            store.con.execute(f"DROP TABLE IF EXISTS {name}")


def thresholds(given: float | None) -> tuple[float, float]:
    """``(events, claims)`` least confidence: ``given`` for both, else the config's defaults
    (the same defaults as :func:`newsgraph.app.reads.min_confidence_for`)."""
    if given is not None:
        return given, given
    q = load_config().query
    return q.min_event_confidence, q.min_claim_confidence


def select(store: Store, flt: ExportFilter) -> Selection:
    """The selection ``flt`` describes over ``store``. Raises ``NotFoundError`` or
    ``AmbiguousNameError`` when ``flt.entity`` names no actor or several."""
    doc_ids: set[str] | None = None
    actor: EntitySummary | None = None
    pairs: frozenset[tuple[str, str]] = frozenset()
    if flt.entity:
        actor = find_entity(store, flt.entity)
        pairs = frozenset(members(store, actor))
        doc_ids = {d for d, _ in pairs}
    if flt.date_from or flt.date_to:
        dated = {
            r[0]
            for r in store.con.execute("SELECT id, date FROM documents").fetchall()
            if in_range(r[1], flt.date_from, flt.date_to)
        }
        doc_ids = dated if doc_ids is None else doc_ids & dated
    if flt.query is not None:
        total = store.count("documents")
        found = {h.id for h in search(store, flt.query, limit=max(total, 1)).hits}
        doc_ids = found if doc_ids is None else doc_ids & found
    min_event, min_claim = thresholds(flt.min_confidence)
    return Selection(
        doc_ids=None if doc_ids is None else frozenset(doc_ids),
        actor=actor,
        members=pairs,
        min_event=min_event,
        min_claim=min_claim,
    )
