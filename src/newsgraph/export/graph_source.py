"""The actor network an export writes (``gexf``, ``graphml``): the filter turned into a
:class:`~newsgraph.query.network.NetworkSpec`, and the attributes nodes and edges carry, shared by
the graph formats so that Gephi and networkx see the same columns whichever file they open.

The filters select as for every format (:mod:`newsgraph.export.select`): with ``entity`` the
network is the actor and its edges (the events and claims it takes part in) within the articles
that mention it; without it, the network of every actor within the articles selected. Node and
edge rows are streamed from DuckDB.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.export.registry import ExportFilter
from newsgraph.export.select import select
from newsgraph.query.network import NetworkEdge, NetworkNode, NetworkSpec, iter_edges, iter_nodes
from newsgraph.query.network import unbounded as _unbounded
from newsgraph.store import Store

# XML 1.0 forbids these characters even escaped; a stray control character in an article must not
# make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub(" ", value)


@dataclass(frozen=True)
class Attr:
    """One attribute column: its key, the XML type names GEXF and GraphML give it."""

    key: str
    gexf: str
    graphml: str


NODE_ATTRS = (
    Attr("type", "string", "string"),
    Attr("n_mentions", "integer", "int"),
    Attr("n_docs", "integer", "int"),
    Attr("weight", "integer", "int"),
    Attr("degree", "integer", "int"),
)
EDGE_ATTRS = (
    Attr("direction", "string", "string"),
    Attr("n_events", "integer", "int"),
    Attr("n_claims", "integer", "int"),
    Attr("event_types", "string", "string"),
    Attr("claim_statuses", "string", "string"),
    Attr("modalities", "string", "string"),
    Attr("first_date", "string", "string"),
    Attr("last_date", "string", "string"),
    Attr("events", "string", "string"),
    Attr("claims", "string", "string"),
)


def _counts(counts: dict[str, int]) -> str:
    """``{"ACCUSE": 2, "REJECT": 1}`` as ``ACCUSE:2;REJECT:1`` (a Gephi column filters on it)."""
    return ";".join(f"{k}:{v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def node_values(node: NetworkNode) -> dict[str, str]:
    return {
        "type": node.type,
        "n_mentions": str(node.n_mentions),
        "n_docs": str(node.n_docs),
        "weight": str(node.weight),
        "degree": str(node.degree),
    }


def edge_values(edge: NetworkEdge) -> dict[str, str]:
    """Attribute values of an edge; supporting records as ``doc_id/record_id`` lists."""
    refs = {"event": [], "claim": []}  # type: dict[str, list[str]]
    for ref in edge.support:
        refs[ref.kind].append(f"{ref.doc_id}/{ref.record_id}")
    return {
        "direction": edge.direction,
        "n_events": str(edge.n_events),
        "n_claims": str(edge.n_claims),
        "event_types": _counts(edge.event_types),
        "claim_statuses": _counts(edge.claim_statuses),
        "modalities": _counts(edge.modalities),
        "first_date": edge.first_date or "",
        "last_date": edge.last_date or "",
        "events": ";".join(refs["event"]),
        "claims": ";".join(refs["claim"]),
    }


def edge_label(edge: NetworkEdge) -> str:
    """The edge's most frequent event type, else "claim"."""
    if edge.event_types:
        return min(edge.event_types.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return "claim"


def spec_for(store: Store, flt: ExportFilter) -> NetworkSpec:
    """The network of the articles the filter selects; about an actor, its own edges only."""
    sel = select(store, flt)
    conf = {
        kind: least
        for kind, least in (("event", sel.min_event), ("claim", sel.min_claim))
        if least is not None
    }
    return _unbounded(
        NetworkSpec(
            depth=1,
            min_confidence=conf,
            doc_ids=tuple(sorted(sel.doc_ids)) if sel.doc_ids is not None else None,
            star=flt.entity is not None,
        )
    )


def graph(store: Store, flt: ExportFilter) -> tuple[Iterator[NetworkNode], Iterator[NetworkEdge]]:
    """The nodes, then the edges, of the network the filter selects (lazy: each query runs when
    its iterator is first read; nodes must be read before edges)."""
    spec = spec_for(store, flt)
    return iter_nodes(store, flt.entity, spec), iter_edges(store, flt.entity, spec)
