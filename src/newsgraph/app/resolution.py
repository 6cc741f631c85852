"""Resolution use cases: re-resolve the store, and the user's merge and split decisions.

Each decision is stored (``decisions`` table) and resolution runs again at once, so the store shows
the judgement; every later resolution replays it, so it survives re-ingest and re-resolution.
These functions import no pipeline stage (hence no spaCy): resolution only reads the store.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from newsgraph import faults
from newsgraph.app.lookup import find_canonical
from newsgraph.errors import SameEntityError
from newsgraph.store import Store

log = logging.getLogger(__name__)


def run_resolution(store: Store) -> dict[str, Any]:
    """Resolve entities, then link events across articles; the resolution statistics as a dict.
    Does not mark the store resolved (callers that finish a job do, see :func:`resolve`)."""
    from newsgraph.resolve import resolve_store
    from newsgraph.resolve.events import link_events

    stats = resolve_store(store)
    log.info("resolve: %s", stats)
    faults.point("entities-resolved")
    link_events(store)
    faults.point("events-linked")
    return dataclasses.asdict(stats)


def resolve(db: str) -> dict[str, Any]:
    """Rebuild canonical entities from every stored article, replaying merge/split decisions, and
    clear the store's pending-resolution mark. Returns the statistics."""
    with Store(db) as store:
        stats = run_resolution(store)
        store.mark_resolved()
    return stats


def canonical_of(store: Store, key: str) -> str:
    """The canonical id now holding the doc-level entity ``doc_id/entity_id`` (``key`` itself
    when it is not linked)."""
    doc_id, _, entity_id = key.rpartition("/")
    row = store.con.execute(
        "SELECT canonical_id FROM entity_links WHERE doc_id = ? AND entity_id = ?",
        [doc_id, entity_id],
    ).fetchone()
    return str(row[0]) if row else key


def merge(db: str, a: str, b: str, note: str | None = None) -> dict[str, Any]:
    """Judge the entities ``a`` and ``b`` (ids or names) to be one actor. Returns ``decision``,
    ``kind``, the merged ``entity`` id and ``name``, and ``text`` (what was decided, in words).
    Raises :class:`SameEntityError` when they already are one entity."""
    from newsgraph.resolve.decisions import add_decision
    from newsgraph.resolve.lookup import anchor

    with Store(db) as store:
        con = store.con
        ea, eb = find_canonical(store, a), find_canonical(store, b)
        if ea.id == eb.id:
            raise SameEntityError(f"{a!r} and {b!r} are already one entity ({ea.id})")
        text = f"merge {ea.name!r} ({ea.id}) with {eb.name!r} ({eb.id})"
        decision = add_decision(con, "merge", anchor(con, ea.id), anchor(con, eb.id), note or text)
        run_resolution(store)
        merged = find_canonical(store, canonical_of(store, decision.a))
    return {
        "decision": decision.id,
        "kind": "merge",
        "entity": merged.id,
        "name": merged.name,
        "text": text,
    }


def split(db: str, entity: str, alias: str, note: str | None = None) -> dict[str, Any]:
    """Detach from ``entity`` (id or name) the doc-level entities known by ``alias`` into their
    own canonical entity. Returns ``decision``, ``kind``, the kept ``entity`` id, ``alias``, the
    entity's former ``name`` and ``text`` (what was decided, in words)."""
    from newsgraph.resolve.decisions import add_decision
    from newsgraph.resolve.lookup import anchor

    with Store(db) as store:
        con = store.con
        found = find_canonical(store, entity)
        text = f"split {alias!r} from {found.name!r} ({found.id})"
        decision = add_decision(
            con, "split", anchor(con, found.id, not_alias=alias), alias, note or text
        )
        run_resolution(store)
        kept = canonical_of(store, decision.a)
    return {
        "decision": decision.id,
        "kind": "split",
        "entity": kept,
        "alias": alias,
        "name": found.name,
        "text": text,
    }
