"""Which events an update of ``event_links`` must relink, reading and writing them in bulk.

Linking is a partition into connected groups (:mod:`newsgraph.resolve.events`), so an update
only has to relink the groups a change can reach. The *dirty* events are read from the data, with
no bookkeeping (a killed run leaves nothing to remember): events not in ``event_links`` (new, or
no longer marked wrong), and events with an actor whose canonical id changed. The *region* is
every dirty event, plus every cluster that holds a dirty event, shares a (type, canonical actor)
key with one, or holds a link that is stale (its event is gone or now marked wrong). No event
outside the region can be linked to one inside: a link needs a shared key, and two unchanged
events linked now were linked before, so they are in one old cluster. Relinking the region alone
therefore gives what a full relink gives.

The selections are temporary tables (``_ng_lnk_*``) on the store's connection, inside the
linking transaction; :func:`drop` removes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

from newsgraph.resolve.events import LinkedEvent
from newsgraph.store.reader import json_value
from newsgraph.store.sync import sync

TEMP = ("dirty", "keys", "clusters", "region", "wrong", "changed")

# The doc-level entity ids an event names, sources and targets together.
_ACTORS = (
    "coalesce(from_json(e.source, '[\"VARCHAR\"]'), []::VARCHAR[]) || "
    "coalesce(from_json(e.target, '[\"VARCHAR\"]'), []::VARCHAR[])"
)


@dataclass(frozen=True)
class Region:
    """``full``: the whole store; else the ``_ng_lnk_region`` table lists the events to relink
    and ``_ng_lnk_clusters`` the clusters whose rows they replace."""

    full: bool


def _register(con: duckdb.DuckDBPyConnection, name: str, ids: set[str]) -> None:
    values = np.array(sorted(ids), dtype=object)
    con.register("_ng_lnk_ids", {"id": values})
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _ng_lnk_{name} AS SELECT id FROM _ng_lnk_ids")
    finally:
        con.unregister("_ng_lnk_ids")


def select_region(con: duckdb.DuckDBPyConnection, changed: set[str] | None) -> Region:
    """Fill the ``_ng_lnk_*`` tables for an update (``changed`` canonical ids), or say ``full``."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ng_lnk_wrong AS "
        "SELECT DISTINCT a FROM decisions WHERE kind = 'wrong_event'"
    )
    if changed is None:
        return Region(full=True)
    _register(con, "changed", changed)
    # Dirty: not linked yet (and not marked wrong), or naming an actor whose canonical changed.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ng_lnk_dirty AS "
        "SELECT e.doc_id, e.id FROM events e "
        "WHERE NOT EXISTS (SELECT 1 FROM event_links l "
        "  WHERE l.doc_id = e.doc_id AND l.event_id = e.id) "
        "UNION "
        "SELECT e.doc_id, e.id FROM entity_links c "
        "JOIN events e ON e.doc_id = c.doc_id "
        f"WHERE c.canonical_id IN (SELECT id FROM _ng_lnk_changed) "
        f"AND list_contains({_ACTORS}, c.entity_id)"
    )
    con.execute(
        "DELETE FROM _ng_lnk_dirty WHERE doc_id || '/' || id IN (SELECT a FROM _ng_lnk_wrong)"
    )
    # Their (type, canonical actor) keys; an unlinked entity's actor is its own article's only.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ng_lnk_keys AS "
        "SELECT DISTINCT a.type, c.canonical_id FROM "
        f"(SELECT e.doc_id, e.type, unnest({_ACTORS}) AS entity_id "
        " FROM events e SEMI JOIN _ng_lnk_dirty d ON d.doc_id = e.doc_id AND d.id = e.id) a "
        "JOIN entity_links c ON c.doc_id = a.doc_id AND c.entity_id = a.entity_id"
    )
    # Clusters to relink: those of the dirty events, of events sharing a key with them, and
    # those holding a stale link (event gone or marked wrong).
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ng_lnk_clusters AS "
        "SELECT DISTINCT x.cluster_id FROM event_links x "
        "SEMI JOIN ("
        "  SELECT doc_id, id FROM _ng_lnk_dirty "
        "  UNION "
        "  SELECT e.doc_id, e.id FROM _ng_lnk_keys k "
        "  JOIN entity_links c ON c.canonical_id = k.canonical_id "
        "  JOIN events e ON e.doc_id = c.doc_id AND e.type = k.type "
        f"  WHERE list_contains({_ACTORS}, c.entity_id)"
        ") s ON s.doc_id = x.doc_id AND s.id = x.event_id "
        "UNION "
        "SELECT x.cluster_id FROM event_links x "
        "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.doc_id = x.doc_id AND e.id = x.event_id) "
        "OR x.doc_id || '/' || x.event_id IN (SELECT a FROM _ng_lnk_wrong)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ng_lnk_region AS "
        "SELECT doc_id, event_id AS id FROM event_links "
        "WHERE cluster_id IN (SELECT cluster_id FROM _ng_lnk_clusters) "
        "UNION SELECT doc_id, id FROM _ng_lnk_dirty"
    )
    return Region(full=False)


def load(con: duckdb.DuckDBPyConnection, region: Region) -> list[LinkedEvent]:
    """The region's events (all when ``full``) that exist and are not marked wrong, with their
    actors as canonical ids (an entity with no canonical stands for itself, ``doc:entity``)."""
    where = (
        "" if region.full else "SEMI JOIN _ng_lnk_region r ON r.doc_id = e.doc_id AND r.id = e.id "
    )
    docs = "" if region.full else " WHERE doc_id IN (SELECT doc_id FROM _ng_lnk_region)"
    canon: dict[tuple[str, str], str] = {
        (d, e): c
        for d, e, c in con.execute(
            f"SELECT doc_id, entity_id, canonical_id FROM entity_links{docs}"
        ).fetchall()
    }
    rows = con.execute(
        "SELECT e.doc_id, e.id, e.type, e.mode, e.modality, e.date, e.source, e.target, d.date, "
        "e.timex IS NULL "
        f"FROM events e {where}"
        "JOIN documents d ON d.id = e.doc_id "
        # An event a person marked wrong reports nothing (resolve.decisions, kind wrong_event).
        "ANTI JOIN _ng_lnk_wrong w ON w.a = e.doc_id || '/' || e.id "
        "ORDER BY e.doc_id, e.id"
    ).fetchall()
    out = []
    for doc_id, eid, etype, mode, modality, date, src, tgt, doc_date, anchored in rows:
        dref = json_value(date, {}) or {}

        def ids(value: Any, doc: str = doc_id) -> frozenset[str]:
            return frozenset(canon.get((doc, x), f"{doc}:{x}") for x in json_value(value, []) or [])

        out.append(
            LinkedEvent(
                doc_id=doc_id,
                id=eid,
                type=etype,
                mode=mode,
                modality=modality or "occurred",
                date=dref.get("value") if isinstance(dref, dict) else None,
                doc_anchored=bool(anchored),
                doc_date=str(doc_date or ""),
                sources=ids(src),
                targets=ids(tgt),
            )
        )
    return out


def write(
    con: duckdb.DuckDBPyConnection,
    region: Region,
    groups: list[tuple[str, list[LinkedEvent]]],
    rule: str,
) -> None:
    """Replace the region's rows of ``event_links`` with ``groups`` (``(cluster id, members)``),
    in bulk from a registered relation (DuckDB's ``executemany`` costs about a millisecond a
    row), deleting and inserting only the rows that differ (:func:`newsgraph.store.sync.sync`):
    a relinked cluster mostly keeps its rows."""
    cols: dict[str, list[str]] = {"doc_id": [], "event_id": [], "cluster_id": [], "rule": []}
    for cid, members in groups:
        kind = rule if len(members) > 1 else "single"
        for m in members:
            cols["doc_id"].append(m.doc_id)
            cols["event_id"].append(m.id)
            cols["cluster_id"].append(cid)
            cols["rule"].append(kind)
    scope = "cluster_id IN (SELECT cluster_id FROM _ng_lnk_clusters)"
    if region.full:
        con.execute("DELETE FROM event_links")
    if not cols["doc_id"]:
        if not region.full:
            con.execute(f"DELETE FROM event_links WHERE {scope}")
        return
    con.register("_ng_event_links", {k: np.array(v, dtype=object) for k, v in cols.items()})
    try:
        new = "SELECT doc_id, event_id, cluster_id, rule FROM _ng_event_links"
        if region.full:
            con.execute(f"INSERT INTO event_links (doc_id, event_id, cluster_id, rule) {new}")
        else:  # only the rows that differ: most of a relinked cluster stays as it was
            sync(con, "event_links", new, scope, distinct=True)
    finally:
        con.unregister("_ng_event_links")


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """Remove the temporary tables (after the transaction, or after its rollback)."""
    for name in TEMP:
        con.execute(f"DROP TABLE IF EXISTS _ng_lnk_{name}")
