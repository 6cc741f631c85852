"""The unbounded actor network, streamed from the database for exports: every node and every
edge (``max_*`` ignored), a large network aggregated in parts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from newsgraph.query.entities import find_entity
from newsgraph.query.network_model import NetworkEdge, NetworkNode, NetworkSpec, edge_from_row
from newsgraph.query.network_reach import pairs_query, reach
from newsgraph.query.network_sql import EDGE_COLUMNS, PairsQuery, edges_sql, ensure_fold
from newsgraph.store import Store

FETCH = 1000  # rows per fetch when streaming
BUCKET_EDGES = 20_000  # edges aggregated at once when streaming a large network


@dataclass(frozen=True)
class _Reach:
    """What a stream is about: its centre (None: the whole store) and the actors it may hold."""

    center: str | None
    scope: list[str] | None


def _reach_of(store: Store, entity: str | None, spec: NetworkSpec) -> _Reach:
    spec.check()
    if entity is None:
        return _Reach(None, None)
    center = find_entity(store, entity).id
    return _Reach(center, list(reach(store, center, spec)))


def _stream_sql(
    store: Store,
    spec: NetworkSpec,
    reach: _Reach,
    *,
    light: bool = False,
    bucket: tuple[int, int] | None = None,
) -> tuple[PairsQuery, str]:
    """The unbounded edge query of a network (whole store, or ``spec.depth`` around an actor)."""
    q = pairs_query(store, spec, touching=reach.scope)
    sql = edges_sql(
        q,
        min_weight=spec.min_weight,
        node_types=spec.node_types,
        scope=reach.scope,
        support_limit=spec.support_limit,
        hub=reach.center if spec.star else None,
        center=reach.center,
        light=light,
        bucket=bucket,
    )
    return q, sql


def iter_nodes(
    store: Store, entity: str | None = None, spec: NetworkSpec | None = None
) -> Iterator[NetworkNode]:
    """Every node of the unbounded network (``max_*`` ignored), most connected first, streamed;
    around ``entity`` the centre comes first even when it has no edge."""
    spec = spec or NetworkSpec()
    reach = _reach_of(store, entity, spec)
    q, sql = _stream_sql(store, spec, reach, light=True)
    center = reach.center
    if center is not None:
        q.params["center"] = center
    sql += (
        ",\nends AS (SELECT src AS node, weight FROM typed UNION ALL SELECT tgt, weight FROM typed"
        + (" UNION ALL SELECT $center, 0" if center is not None else "")
        + "),\nnode_w AS (SELECT node, sum(weight) AS w, count(*) FILTER (WHERE weight > 0) AS deg "
        "FROM ends GROUP BY node)\n"
        "SELECT n.id, n.name, n.type, n.n_mentions, n.n_docs, w.w, w.deg FROM node_w w "
        "JOIN node_info n ON n.id = w.node ORDER BY "
        + ("(n.id = $center) DESC, " if center is not None else "")
        + "w.w DESC, n.id"
    )
    for i, name, t, nm, nd, w, deg in _stream(store, sql, q):
        yield NetworkNode(i, name or i, t or "", int(nm or 0), int(nd or 0), int(w), int(deg))


def iter_edges(
    store: Store, entity: str | None = None, spec: NetworkSpec | None = None
) -> Iterator[NetworkEdge]:
    """Every edge of the unbounded network (``max_*`` ignored; ``support_limit`` applies),
    streamed from the database in pages. A network of more than :data:`BUCKET_EDGES` edges is
    aggregated in parts (by a hash of the source actor), heaviest first within each part, so
    that the aggregates held at once do not grow with the store."""
    spec = spec or NetworkSpec()
    reach = _reach_of(store, entity, spec)
    q, sql = _stream_sql(store, spec, reach, light=True)
    counted = store.con.execute(sql + "\nSELECT count(*) FROM typed", q.params).fetchone()
    parts = max(1, -(-int(counted[0] if counted else 0) // BUCKET_EDGES))
    for i in range(parts):
        q, sql = _stream_sql(store, spec, reach, bucket=(i, parts))
        sql += f"\nSELECT {EDGE_COLUMNS} FROM typed ORDER BY weight DESC, src, tgt, direction"
        yield from (edge_from_row(r) for r in _stream(store, sql, q))


def _stream(store: Store, sql: str, q: PairsQuery) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` in pages, on a cursor of its own: a query the caller runs on the
    store's connection between two pages must not cut the stream short."""
    cur = store.con.cursor()
    try:
        if not q.resolved:
            ensure_fold(cur)
        cur.execute(sql, q.params)
        while rows := cur.fetchmany(FETCH):
            yield from rows
    finally:
        cur.close()


def unbounded(spec: NetworkSpec) -> NetworkSpec:
    """``spec`` without the node, edge and support caps (what an export writes)."""
    return replace(spec, max_nodes=None, max_edges=None, support_limit=None)
