"""The actor network's records: its nodes, weighted edges with their supporting records, what
to include (:class:`NetworkSpec`) and the bounded result (:class:`Network`). The queries are in
:mod:`newsgraph.query.network` (bounded, for the API and the pages) and
:mod:`newsgraph.query.network_stream` (unbounded, for exports)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import QueryError
from newsgraph.query.common import Record

MAX_DEPTH = 3


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


def edge_from_row(row: tuple[Any, ...]) -> NetworkEdge:
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
