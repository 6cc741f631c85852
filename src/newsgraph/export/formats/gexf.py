"""``gexf``: the actor network as GEXF 1.3, the format Gephi opens natively (networkx reads it with
``read_gexf``). Nodes carry type and mention counts; edges their weight, event types, claim
statuses, first and last dates and supporting records. Reciprocal relations are ``mutual`` edges.
Written element by element as the rows arrive: no tree of the whole graph is built in memory."""

from __future__ import annotations

from datetime import UTC, datetime
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

NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _q(value: str) -> str:
    return quoteattr(xml_text(value))


def _attvalues(values: dict[str, str]) -> str:
    inner = "".join(f'<attvalue for="{k}" value={_q(v)}/>' for k, v in values.items() if v != "")
    return f"<attvalues>{inner}</attvalues>" if inner else ""


def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    if isinstance(out, Path):
        with out.open("wb") as fh:
            return write(store, flt, fh)
    nodes, edges = graph(store, flt)
    day = datetime.now(UTC).date().isoformat()
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{NS}" xmlns:xsi="{XSI}" '
        f'xsi:schemaLocation="{NS} {NS}/gexf.xsd" version="1.3">',
        f'  <meta lastmodifieddate="{day}"><creator>newsgraph</creator>'
        f"<description>{escape(_description(flt))}</description></meta>",
        '  <graph defaultedgetype="directed" mode="static">',
        '    <attributes class="node" mode="static">',
        *(f'      <attribute id="{a.key}" title="{a.key}" type="{a.gexf}"/>' for a in NODE_ATTRS),
        "    </attributes>",
        '    <attributes class="edge" mode="static">',
        *(f'      <attribute id="{a.key}" title="{a.key}" type="{a.gexf}"/>' for a in EDGE_ATTRS),
        "    </attributes>",
        "    <nodes>",
    ]
    out.write(("\n".join(head) + "\n").encode("utf-8"))
    n_nodes = n_edges = 0
    for node in nodes:
        n_nodes += 1
        out.write(
            f"      <node id={_q(node.id)} label={_q(node.name)}>"
            f"{_attvalues(node_values(node))}</node>\n".encode()
        )
    out.write(b"    </nodes>\n    <edges>\n")
    for edge in edges:
        n_edges += 1
        kind = ' type="mutual"' if edge.direction == "mutual" else ""
        out.write(
            f"      <edge id={_q(edge.id)} source={_q(edge.source)} target={_q(edge.target)}"
            f'{kind} weight="{edge.weight}" label={_q(edge_label(edge))}>'
            f"{_attvalues(edge_values(edge))}</edge>\n".encode()
        )
    out.write(b"    </edges>\n  </graph>\n</gexf>\n")
    return ExportStats({"nodes": n_nodes, "edges": n_edges})


def _description(flt: ExportFilter) -> str:
    parts = ["newsgraph actor network (events and claims)"]
    for key in ("entity", "date_from", "date_to", "query", "min_confidence"):
        value = getattr(flt, key)
        if value is not None:
            parts.append(f"{key}={value}")
    return xml_text("; ".join(parts))


register(
    Exporter(
        name="gexf",
        extension=".gexf",
        media_type="application/gexf+xml",
        description="the actor network as GEXF 1.3 (Gephi; networkx read_gexf)",
        write=write,
    )
)
