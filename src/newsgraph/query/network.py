"""The actor network: who is connected to whom by events and claims, as typed records.

Nodes are actors (canonical entities ``ce_…`` once resolution has run); an edge joins two actors
that one or more records connect — an event (its source acts on its target; a reciprocal event
joins each pair of its parties once, ``direction = "mutual"``) or a claim (its speaker speaks
about its target). Each edge carries its weight (the number of records), the event types and claim
statuses with their counts, its first and last dates, and the supporting records (kind, document
id, record id, date) so that every line of the drawing is one click from its sentences.

Everything is aggregated in DuckDB (:mod:`newsgraph.query.network_sql`); results are bounded
(``max_nodes``/``max_edges``, with the totals reported). :func:`network` serves the API and the
pages; :func:`iter_nodes` and :func:`iter_edges` stream an unbounded network for exports.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsgraph.errors import QueryError
from newsgraph.query.common import Record
from newsgraph.query.entities import find_entity, resolved
from newsgraph.query.network_sql import EDGE_COLUMNS, PairsQuery, edges_sql, ensure_fold
from newsgraph.store import Store, entity_records, entity_summary

MAX_DEPTH = 3
FETCH = 1000  # rows per fetch when streaming
BUCKET_EDGES = 20_000  # edges aggregated at once when streaming a large network


@dataclass
class NetworkNode(Record):
    id: str  # canonical entity id (ce_…), or TYPE/folded name before resolution
    name: str
    type: str
    n_mentions: int  # over the whole store
    n_docs: int
    weight: int = 0  # sum of the weights of its edges in this network
    degree: int = 0  # its edges in this network
    depth: int | None = None  # hops from the centre actor (None: the whole store's network)


@dataclass
class SupportRef(Record):
    """A record behind an edge: ``kind`` event or claim, its document and doc-local id."""

    kind: str
    doc_id: str
    record_id: str
    date: str | None


@dataclass
class NetworkEdge(Record):
    source: str
    target: str
    direction: str  # directed (source acts on / speaks about target) | mutual (reciprocal events)
    weight: int  # records supporting it (n_events + n_claims)
    n_events: int
    n_claims: int
    event_types: dict[str, int] = field(default_factory=dict)
    modalities: dict[str, int] = field(default_factory=dict)
    claim_statuses: dict[str, int] = field(default_factory=dict)
    first_date: str | None = None  # ISO prefixes, any precision
    last_date: str | None = None
    # The supporting records, by date; at most ``support_limit`` of them (``weight`` is the total).
    support: list[SupportRef] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Stable edge id: ``source->target`` or, for a mutual edge, ``source--target``."""
        return f"{self.source}{'--' if self.direction == 'mutual' else '->'}{self.target}"

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["id"] = self.id
        return out


@dataclass(frozen=True)
class NetworkSpec:
    """What to include. ``depth`` (1-3) only applies around an actor; ``min_weight``: least
    records per edge; ``date_from``/``date_to``: ISO prefixes bounding each record's date (the
    event's or claim's, else its article's) or, with ``date_basis="document"``, the article's
    date; ``node_types``: actor types kept (PERSON, ORG, GPE …; empty: all); ``event_types``:
    PLOVER types kept; ``kinds``: "event" and/or "claim"; ``min_confidence``: least confidence
    per kind (records without one pass); ``doc_ids``: only these articles (None: all);
    ``star``: around an actor, only the edges that touch it."""

    depth: int = 1
    min_weight: int = 1
    date_from: str | None = None
    date_to: str | None = None
    date_basis: str = "record"
    node_types: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ("event", "claim")
    min_confidence: Mapping[str, float] | None = None
    doc_ids: tuple[str, ...] | None = None
    max_nodes: int | None = 200
    max_edges: int | None = 1000
    support_limit: int | None = 50
    # Around an actor: only the centre's own edges (no edge between two of its neighbours), as
    # an export about one actor keeps only the records it takes part in.
    star: bool = False

    def check(self) -> None:
        """Raise :class:`QueryError` naming the first parameter out of range."""
        if not 1 <= self.depth <= MAX_DEPTH:
            raise QueryError(f"depth must be 1 to {MAX_DEPTH}, not {self.depth}")
        if self.min_weight < 1:
            raise QueryError(f"min_weight must be at least 1, not {self.min_weight}")
        if self.date_basis not in ("record", "document"):
            raise QueryError(f"date_basis must be record or document: {self.date_basis!r}")
        bad = [k for k in self.kinds if k not in ("event", "claim")]
        if bad:
            raise QueryError(f"kinds are event and claim, not {bad[0]!r}")
        for name in ("max_nodes", "max_edges", "support_limit"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise QueryError(f"{name} must not be negative")


@dataclass
class Network(Record):
    center: str | None  # the actor it is drawn around (None: the whole store)
    depth: int | None
    nodes: list[NetworkNode] = field(default_factory=list)
    edges: list[NetworkEdge] = field(default_factory=list)
    total_nodes: int = 0  # in the network before max_nodes cut it
    # Edges before max_edges cut them; around an actor, among the nodes kept (edges to the
    # actors max_nodes left out are not counted: pairing them was the whole store's work).
    total_edges: int = 0
    truncated: bool = False
    # Each edge lists at most this many supporting records, the earliest (``weight`` counts
    # them all); None: every one.
    support_limit: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["edges"] = [e.to_dict() for e in self.edges]
        return out


def _pairs(
    store: Store,
    spec: NetworkSpec,
    touching: Sequence[str] | None = None,
    among: tuple[Sequence[str], int] | None = None,
) -> PairsQuery:
    """The pairs under ``spec``'s filters; ``touching``: only articles mentioning one of these
    actors; ``among = (actors, k)``: only records in which ``k`` of these actors take part, when
    ``entity_records`` can tell (else ``touching`` the actors: the same edges, more work)."""
    is_resolved = resolved(store)
    if not is_resolved:
        ensure_fold(store.con)
    by_records = among is not None and is_resolved and entity_records.usable(store.con)
    if among is not None and not by_records:
        touching = among[0]
    q = PairsQuery(
        resolved=is_resolved,
        min_confidence=spec.min_confidence,
        kinds=spec.kinds,
        event_types=spec.event_types,
        date_from=spec.date_from,
        date_to=spec.date_to,
        date_basis=spec.date_basis,
        doc_ids=spec.doc_ids,
        touching=touching,
        among=among[0] if among is not None and by_records else None,
        among_min=among[1] if among is not None else 1,
        links_by_article=by_records and entity_summary.usable(store.con),
    )
    q.candidate_docs(store.con)
    return q


def _edge(row: tuple[Any, ...]) -> NetworkEdge:
    src, tgt, direction, weight, n_ev, n_cl, types, modalities, statuses, first, last, sup = row
    return NetworkEdge(
        source=src,
        target=tgt,
        direction=direction,
        weight=int(weight),
        n_events=int(n_ev),
        n_claims=int(n_cl),
        event_types=dict(sorted((types or {}).items())),
        modalities=dict(sorted((modalities or {}).items())),
        claim_statuses=dict(sorted((statuses or {}).items())),
        first_date=first,
        last_date=last,
        support=[SupportRef(s["kind"], s["doc_id"], s["record_id"], s["date"]) for s in sup or []],
    )


def _reach(store: Store, center: str, spec: NetworkSpec) -> dict[str, int]:
    """Actors within ``spec.depth`` hops of ``center`` (``{id: depth}``), nearest first and, at
    one depth, the most strongly tied first; neighbours of a type not kept are not followed."""
    depth_of = {center: 0}
    frontier = [center]
    for level in range(1, spec.depth + 1):
        if not frontier:
            break
        q = _pairs(store, spec, among=(frontier, 1))
        sql = edges_sql(
            q, min_weight=spec.min_weight, node_types=(), scope=None, support_limit=0, light=True
        )
        q.params["frontier"] = frontier
        types = ""
        if spec.node_types:
            q.params["node_types"] = [t.upper() for t in spec.node_types]
            types = (
                " AND other IN (SELECT id FROM node_info WHERE upper(type) IN "
                "(SELECT unnest($node_types::VARCHAR[])))"
            )
        rows = store.con.execute(
            sql + ",\nnear AS (SELECT CASE WHEN src IN (SELECT unnest($frontier::VARCHAR[])) "
            "THEN tgt ELSE src END AS other, weight FROM edges "
            "WHERE src IN (SELECT unnest($frontier::VARCHAR[])) "
            "OR tgt IN (SELECT unnest($frontier::VARCHAR[])))\n"
            f"SELECT other, sum(weight) AS w FROM near WHERE true{types} "
            "GROUP BY other ORDER BY w DESC, other",
            q.params,
        ).fetchall()
        frontier = []
        for other, _w in rows:
            if other not in depth_of:
                depth_of[other] = level
                frontier.append(other)
    return depth_of


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
        depth_of = _reach(store, center, spec)
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
    q = _pairs(store, spec, touching=scope if among is None else None, among=among)
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
        return [_edge(r[:12]) for r in rows], int(rows[0][12])
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
    q = _pairs(store, spec)
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
    return [_edge(r) for r in store.con.execute(full, p).fetchall()], total_nodes, total_edges


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
    return _Reach(center, list(_reach(store, center, spec)))


def _stream_sql(
    store: Store,
    spec: NetworkSpec,
    reach: _Reach,
    *,
    light: bool = False,
    bucket: tuple[int, int] | None = None,
) -> tuple[PairsQuery, str]:
    """The unbounded edge query of a network (whole store, or ``spec.depth`` around an actor)."""
    q = _pairs(store, spec, touching=reach.scope)
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
        yield from (_edge(r) for r in _stream(store, sql, q))


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
