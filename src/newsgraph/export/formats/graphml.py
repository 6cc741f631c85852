"""``graphml``: the actor network as GraphML (networkx ``read_graphml``, Gephi, yEd, igraph), with
the same node and edge attributes as ``gexf``. A reciprocal relation is one edge with
``direction = mutual`` (GraphML has no mutual edge type). Streamed element by element."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from xml.sax.saxutils import escape, quoteattr

from newsgraph.export.graph_source import (
    EDGE_ATTRS,
    NODE_ATTRS,
    edge_label,
    edge_values,
    graph,
    node_values,
    xml_text,
)
from newsgraph.export.registry import Exporter, ExportFilter, ExportStats, register

if TYPE_CHECKING:
    from newsgraph.store import Store

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _data(values: dict[str, str], prefix: str) -> str:
    return "".join(
        f'<data key="{prefix}_{k}">{escape(xml_text(v))}</data>' for k, v in values.items() if v
    )


def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    if isinstance(out, Path):
        with out.open("wb") as fh:
            return write(store, flt, fh)
    nodes, edges = graph(store, flt)
    keys = [
        '  <key id="n_label" for="node" attr.name="label" attr.type="string"/>',
        *(
            f'  <key id="n_{a.key}" for="node" attr.name="{a.key}" attr.type="{a.graphml}"/>'
            for a in NODE_ATTRS
        ),
        '  <key id="e_label" for="edge" attr.name="label" attr.type="string"/>',
        '  <key id="e_weight" for="edge" attr.name="weight" attr.type="int"/>',
        *(
            f'  <key id="e_{a.key}" for="edge" attr.name="{a.key}" attr.type="{a.graphml}"/>'
            for a in EDGE_ATTRS
        ),
    ]
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<graphml xmlns="{NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{NS} {NS}/1.0/graphml.xsd">',
        *keys,
        '  <graph id="newsgraph" edgedefault="directed">',
    ]
    out.write(("\n".join(head) + "\n").encode("utf-8"))
    n_nodes = n_edges = 0
    for node in nodes:
        n_nodes += 1
        values = {"label": node.name, **node_values(node)}
        out.write(
            f"    <node id={quoteattr(xml_text(node.id))}>{_data(values, 'n')}</node>\n".encode()
        )
    for edge in edges:
        n_edges += 1
        values = {"label": edge_label(edge), "weight": str(edge.weight), **edge_values(edge)}
        out.write(
            f"    <edge id={quoteattr(xml_text(edge.id))} source={quoteattr(xml_text(edge.source))}"
            f" target={quoteattr(xml_text(edge.target))}>{_data(values, 'e')}</edge>\n".encode()
        )
    out.write(b"  </graph>\n</graphml>\n")
    return ExportStats({"nodes": n_nodes, "edges": n_edges})


register(
    Exporter(
        name="graphml",
        extension=".graphml",
        media_type="application/graphml+xml",
        description="the actor network as GraphML (networkx read_graphml, Gephi, yEd)",
        write=write,
    )
)
