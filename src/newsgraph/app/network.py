"""The actor-network use case every surface calls (``GET /api/v1/entities/{id}/network``, the
actor page's graph): :func:`newsgraph.query.network.network` with the read commands' confidence
defaults and its filters checked, so an unknown type or an impossible depth is an error naming the
parameter, never an empty graph."""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.app.reads import event_types, min_confidence_for
from newsgraph.errors import QueryError
from newsgraph.query.network import Network, NetworkSpec, network
from newsgraph.store import Store


def actor_network(
    store: Store,
    ref: str | None = None,
    *,
    depth: int = 1,
    min_weight: int = 1,
    date_from: str | None = None,
    date_to: str | None = None,
    node_types: Sequence[str] = (),
    event_types_: Sequence[str] = (),
    kinds: Sequence[str] = ("event", "claim"),
    min_confidence: float | None = None,
    max_nodes: int | None = 200,
    max_edges: int | None = 1000,
    support_limit: int | None = 50,
) -> Network:
    """The network around the actor ``ref`` (id, name or alias: the one lookup; the whole store
    when None), events and claims filtered at :func:`min_confidence_for`. Raises ``QueryError``
    naming a bad parameter, ``NotFoundError`` / ``AmbiguousNameError`` for ``ref``."""
    known = set(event_types())
    bad = [t for t in event_types_ if t.upper() not in known]
    if bad:
        raise QueryError(f"event type {bad[0]!r} is not a PLOVER type: {', '.join(sorted(known))}")
    spec = NetworkSpec(
        depth=depth,
        min_weight=min_weight,
        date_from=date_from,
        date_to=date_to,
        node_types=tuple(t.upper() for t in node_types),
        event_types=tuple(t.upper() for t in event_types_),
        kinds=tuple(kinds),
        min_confidence=min_confidence_for(min_confidence),
        max_nodes=max_nodes,
        max_edges=max_edges,
        support_limit=support_limit,
    )
    return network(store, ref, spec)
