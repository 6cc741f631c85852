"""Resolution use cases: re-resolve the store (replaying the user's decisions, which are the
use cases of :mod:`newsgraph.app.decisions`). These functions import no pipeline stage (hence no
spaCy): resolution only reads the store.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from newsgraph import faults
from newsgraph.store import Store

log = logging.getLogger(__name__)


def run_resolution(store: Store, *, full: bool = False, relink_all: bool = False) -> dict[str, Any]:
    """Resolve entities (incrementally: only what new articles or changed decisions touch,
    unless ``full``), then link events across articles (only what new events and the changed
    canonical entities touch, unless ``full`` or ``relink_all``); the resolution statistics as a
    dict (``changed``: how many canonical entities changed members). Does not mark the store
    resolved (callers that finish a job do, see :func:`resolve`).

    ``relink_all``: a run that stopped after resolving entities but before linking events left
    no record of which canonical entities it changed, so the caller relinks everything when it
    found the store's resolution pending from an earlier run (new events alone are found from
    the data)."""
    from newsgraph.resolve import resolve_store
    from newsgraph.resolve.events import link_events

    stats = resolve_store(store, full=full)
    log.info(
        "resolve (%s): %d entities, %d new, %d changed canonical",
        stats.mode,
        stats.entities,
        stats.new,
        len(stats.changed),
    )
    faults.point("entities-resolved")
    # Event linking redoes only what new events and the changed actors touch (None: all).
    link_events(store, changed_canonicals=None if full or relink_all else stats.changed)
    faults.point("events-linked")
    out = dataclasses.asdict(stats)
    out["changed"] = len(stats.changed)
    return out


def resolve(db: str, *, full: bool = False) -> dict[str, Any]:
    """Resolve canonical entities (incrementally, or rebuilt from every stored article when
    ``full``), replaying merge/split decisions, and clear the store's pending-resolution mark.
    Returns the statistics."""
    from newsgraph.app.access import write_store

    with write_store(db) as store:
        # Pending here: an ingest run with --no-resolve, or a run stopped before it finished.
        stats = run_resolution(store, full=full, relink_all=store.resolution_pending())
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


def __getattr__(name: str) -> Any:
    """``merge`` and ``split`` moved to :mod:`newsgraph.app.decisions` (with the other
    corrections); importing them from here still works."""
    if name in ("merge", "split"):
        from newsgraph.app import decisions

        return getattr(decisions, name)
    raise AttributeError(name)
