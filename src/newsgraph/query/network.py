"""The actor network: who is connected to whom by events and claims, as typed records.

Nodes are actors (canonical entities ``ce_…`` once resolution has run); an edge joins two actors
that one or more records connect — an event (its source acts on its target; a reciprocal event
joins each pair of its parties once, ``direction = "mutual"``) or a claim (its speaker speaks
about its target). Each edge carries its weight (the number of records), the event types and claim
statuses with their counts, its first and last dates, and the supporting records (kind, document
id, record id, date) so that every line of the drawing is one click from its sentences.

Everything is aggregated in DuckDB (:mod:`newsgraph.query.network_sql`); results are bounded
(``max_nodes``/``max_edges``, with the totals reported). :func:`network` serves the API and the
pages; :func:`iter_nodes` and :func:`iter_edges` (:mod:`newsgraph.query.network_stream`) stream an
unbounded network for exports. The records are in :mod:`newsgraph.query.network_model`, the reach
around an actor in :mod:`newsgraph.query.network_reach`; this module re-exports what callers use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsgraph.query.entities import find_entity, resolved
from newsgraph.query.network_model import (
    MAX_DEPTH,
    Network,
    NetworkEdge,
    NetworkNode,
    NetworkSpec,
    SupportRef,
    edge_from_row,
)
from newsgraph.query.network_reach import pairs_query, reach
from newsgraph.query.network_sql import EDGE_COLUMNS, PairsQuery, edges_sql
from newsgraph.query.network_stream import iter_edges, iter_nodes, unbounded
from newsgraph.store import Store

__all__ = [
    "MAX_DEPTH",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "NetworkSpec",
    "SupportRef",
    "iter_edges",
    "iter_nodes",
    "network",
    "unbounded",
]


def network(store: Store, entity: str | None = None, spec: NetworkSpec | None = None) -> Network:
    """The network of the whole store, or around the actor ``entity`` (id, name or alias: the
    one lookup; NotFoundError / AmbiguousNameError propagate), cut to ``spec.max_nodes`` nodes
    (the centre and the nearest, most connected first) and ``spec.max_edges`` edges (heaviest
    first), with the totals before the cut."""
    spec = spec or NetworkSpec()
    spec.check()
    center = find_entity(store, entity).id if entity is not None else None
    scope: list[str] | None = None
    depth_of: dict[str, int] = {}
    if center is not None:
        depth_of = reach(store, center, spec)
        scope = list(depth_of)
    if scope is None:
        edges, total_nodes, total_edges = _whole(store, spec)
    else:
        edges, total_edges = _around(store, spec, center, scope)
        total_nodes = len(scope)
    ids = {center} if center is not None else set()
    for e in edges:
        ids.update((e.source, e.target))
    nodes = _nodes(store, sorted(i for i in ids if i is not None), edges, depth_of)
    if center is not None:
        nodes.sort(key=lambda n: (n.depth or 0, -n.weight, n.id))
    else:
        nodes.sort(key=lambda n: (-n.weight, n.id))
    return Network(
        center=center,
        depth=spec.depth if center is not None else None,
        nodes=nodes,
        edges=edges,
        total_nodes=total_nodes,
        total_edges=total_edges,
        truncated=len(nodes) < total_nodes or len(edges) < total_edges,
        support_limit=spec.support_limit,
    )


def _full_sql(
    store: Store,
    spec: NetworkSpec,
    center: str | None,
    scope: list[str] | None,
    among: tuple[Sequence[str], int] | None = None,
) -> tuple[str, dict[str, Any]]:
    """The edge query with every aggregate (types, dates, supporting records)."""
    q = pairs_query(store, spec, touching=scope if among is None else None, among=among)
    sql = edges_sql(
        q,
        min_weight=spec.min_weight,
        node_types=spec.node_types,
        scope=scope,
        support_limit=spec.support_limit,
        hub=center if spec.star and center is not None else None,
        center=center,
    )
    return sql, q.params


def _around(
    store: Store, spec: NetworkSpec, center: str | None, scope: list[str]
) -> tuple[list[NetworkEdge], int]:
    """Edges among the first ``max_nodes`` of ``scope`` (nearest first), heaviest first, and the
    number of edges among those nodes (before ``max_edges``): one statement. Only the records in
    which two of the kept actors take part are paired (not every article of the reach: around a
    frequent actor that was the whole store), so edges to the actors ``max_nodes`` left out are
    not counted; ``truncated`` says that nodes were left out."""
    kept = scope if spec.max_nodes is None else scope[: spec.max_nodes]
    sql, p = _full_sql(store, spec, center, kept, among=(kept, 2))
    limit = ""
    if spec.max_edges is not None:
        p["max_edges"] = spec.max_edges
        limit = " LIMIT $max_edges"
    sql += (
        ",\ntotals AS (SELECT count(*) AS n_edges FROM typed)\n"
        f"SELECT {EDGE_COLUMNS}, (SELECT n_edges FROM totals) FROM typed "
        f"ORDER BY weight DESC, src, tgt, direction{limit}"
    )
    rows = store.con.execute(sql, p).fetchall()
    if rows:
        return [edge_from_row(r[:12]) for r in rows], int(rows[0][12])
    if spec.max_edges == 0:  # no row to carry the count
        p.pop("max_edges")
        total = store.con.execute(
            sql[: sql.index(",\ntotals AS")] + "\nSELECT count(*) FROM typed", p
        )
        return [], int((total.fetchone() or (0,))[0])
    return [], 0


def _whole(store: Store, spec: NetworkSpec) -> tuple[list[NetworkEdge], int, int]:
    """The whole store's network: a light pass (endpoints and weights) ranks the nodes and counts
    what there is; the full aggregates run only over the edges among the ``max_nodes`` heaviest
    nodes. Returns ``(edges, total nodes, total edges)``."""
    q = pairs_query(store, spec)
    sql = edges_sql(
        q,
        min_weight=spec.min_weight,
        node_types=spec.node_types,
        scope=None,
        support_limit=None,
        light=True,
    )
    sql += (
        ",\nnode_w AS (SELECT node, sum(weight) AS w FROM (SELECT src AS node, weight FROM typed "
        "UNION ALL SELECT tgt, weight FROM typed) GROUP BY node)\n"
        "SELECT node, (SELECT count(*) FROM typed), (SELECT count(*) FROM node_w) FROM node_w "
        "ORDER BY w DESC, node"
    )
    if spec.max_nodes is not None:
        q.params["max_nodes"] = spec.max_nodes
        sql += " LIMIT $max_nodes"
    rows = store.con.execute(sql, q.params).fetchall()
    if not rows:
        return [], 0, 0
    total_edges, total_nodes = int(rows[0][1]), int(rows[0][2])
    kept = None
    if spec.max_nodes is not None and total_nodes > spec.max_nodes:
        kept = [r[0] for r in rows]
    full, p = _full_sql(store, spec, None, kept)
    full += f"\nSELECT {EDGE_COLUMNS} FROM typed ORDER BY weight DESC, src, tgt, direction"
    if spec.max_edges is not None:
        p["max_edges"] = spec.max_edges
        full += " LIMIT $max_edges"
    return (
        [edge_from_row(r) for r in store.con.execute(full, p).fetchall()],
        total_nodes,
        total_edges,
    )


def _nodes(
    store: Store, ids: list[str], edges: list[NetworkEdge], depth_of: dict[str, int]
) -> list[NetworkNode]:
    """Node records for ``ids`` with their weight and degree over ``edges``."""
    if not ids:
        return []
    q = PairsQuery(resolved=resolved(store))
    rows = store.con.execute(
        f"WITH node_info AS ({q.node_info()}) SELECT id, name, type, n_mentions, n_docs "
        "FROM node_info WHERE id IN (SELECT unnest($ids::VARCHAR[]))",
        {"ids": ids},
    ).fetchall()
    weight: dict[str, int] = {}
    degree: dict[str, int] = {}
    for e in edges:
        for end in (e.source, e.target):
            weight[end] = weight.get(end, 0) + e.weight
            degree[end] = degree.get(end, 0) + 1
    return [
        NetworkNode(
            id=i,
            name=name or i,
            type=t or "",
            n_mentions=int(nm or 0),
            n_docs=int(nd or 0),
            weight=weight.get(i, 0),
            degree=degree.get(i, 0),
            depth=depth_of.get(i) if depth_of else None,
        )
        for i, name, t, nm, nd in rows
    ]
