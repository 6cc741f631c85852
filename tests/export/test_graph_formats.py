"""``gexf`` and ``graphml``: networkx reads both back with the network's nodes, edges and
attributes; the filters change what is written."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from newsgraph.export import ExportFilter, get_exporter, registered
from newsgraph.query.network import NetworkSpec, network
from newsgraph.store import Store
from tests.query.test_network import ostland_docs
from tests.query.test_query import add_canonical

READERS = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}
NONE = ExportFilter(min_confidence=0.0)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store(tmp_path / "g.duckdb", refresh_index_on_close=False) as s:
        s.write_batch(ostland_docs())
        for cid, name, type_, members in (
            ("ce_ost", "Ostland", "GPE", [("doc1", "e1"), ("doc2", "e1")]),
            ("ce_lag", "Lagonia", "GPE", [("doc1", "e2")]),
            ("ce_car", "Carpathia <Republic> & co", "GPE", [("doc1", "e3"), ("doc2", "e2")]),
            ("ce_ver", "Vera \x07Kessel", "PERSON", [("doc1", "e4")]),
            ("ce_fre", "Freedonia", "GPE", [("doc2", "e3")]),
        ):
            add_canonical(s, cid, name, type_, [name], members, len(members))
        yield s


def export(store: Store, fmt: str, flt: ExportFilter, tmp_path: Path) -> Any:
    path = tmp_path / f"out.{fmt}"
    get_exporter(fmt).write(store, flt, path)
    return READERS[fmt](path)


def test_registered() -> None:
    formats = registered()
    assert formats["gexf"].extension == ".gexf" and formats["graphml"].extension == ".graphml"


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_networkx_reads_nodes_edges_and_attributes(store: Store, fmt: str, tmp_path: Path) -> None:
    g = export(store, fmt, NONE, tmp_path)
    assert set(g.nodes) == {"ce_ost", "ce_lag", "ce_car", "ce_ver", "ce_fre"}
    assert g.nodes["ce_car"]["label"] == "Carpathia <Republic> & co"  # escaped, read back
    assert g.nodes["ce_ver"]["label"] == "Vera  Kessel"  # a control character cannot be XML
    assert g.nodes["ce_ost"]["type"] == "GPE" and g.nodes["ce_ost"]["n_mentions"] == 2
    assert g.nodes["ce_car"]["weighted_degree"] == 4 and g.nodes["ce_car"]["degree"] == 3
    accuse = g.edges["ce_ost", "ce_car"] if fmt == "graphml" else g["ce_ost"]["ce_car"]
    assert float(accuse["weight"]) == 2 and accuse["n_events"] == 2
    assert accuse["event_types"] == "ACCUSE:2" and accuse["label"] == "ACCUSE"
    assert (accuse["first_date"], accuse["last_date"]) == ("2024-03-02", "2025-01-09")
    assert accuse["events"] == "doc1/v2;doc2/v1"
    claim = g["ce_ver"]["ce_car"]
    assert claim["claims"] == "doc1/c1" and claim["n_claims"] == 1
    # The reciprocal talks: one mutual edge (GEXF's mutual type reads as both directions).
    assert g.has_edge("ce_lag", "ce_ost") or g.has_edge("ce_ost", "ce_lag")
    mutual = g["ce_lag"]["ce_ost"]
    assert mutual["direction"] == "mutual"
    if fmt == "gexf":
        assert g.has_edge("ce_ost", "ce_lag") and g.number_of_edges() == 5
    else:
        assert g.number_of_edges() == 4


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_filters_change_the_graph(store: Store, fmt: str, tmp_path: Path) -> None:
    whole = export(store, fmt, NONE, tmp_path)
    later = export(store, fmt, ExportFilter(date_from="2025", min_confidence=0.0), tmp_path)
    assert set(later.nodes) == {"ce_ost", "ce_car", "ce_fre"} < set(whole.nodes)
    sure = export(store, fmt, ExportFilter(min_confidence=0.5), tmp_path)
    assert not sure.has_edge("ce_ver", "ce_car")  # the claim's confidence is 0.3
    around = export(store, fmt, ExportFilter(entity="Lagonia", min_confidence=0.0), tmp_path)
    assert set(around.nodes) == {"ce_lag", "ce_ost"}
    # About one actor: its own edges only (Freedonia's aid to Carpathia is in an article that
    # mentions Ostland, but Ostland takes no part in it).
    ost = export(store, fmt, ExportFilter(entity="Ostland", min_confidence=0.0), tmp_path)
    assert set(ost.nodes) == {"ce_ost", "ce_lag", "ce_car"}
    assert not ost.has_edge("ce_fre", "ce_car")
    found = export(store, fmt, ExportFilter(query="Freedonia", min_confidence=0.0), tmp_path)
    assert set(found.nodes) == {"ce_ost", "ce_car", "ce_fre"}


def test_written_to_a_stream(store: Store) -> None:
    buf = io.BytesIO()
    stats = get_exporter("gexf").write(store, NONE, buf)
    assert stats.counts == {"nodes": 5, "edges": 4}
    assert buf.getvalue().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<gexf ')
    assert b'version="1.3"' in buf.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_sample_store_network_reads_back(samples_db: str, fmt: str, tmp_path: Path) -> None:
    with Store(samples_db, read_only=True) as s:
        g = export(s, fmt, ExportFilter(), tmp_path)
        from newsgraph.export.select import thresholds

        least_event, least_claim = thresholds(None)
        net = network(
            s,
            spec=NetworkSpec(
                min_confidence={"event": least_event, "claim": least_claim},
                max_nodes=None,
                max_edges=None,
            ),
        )
        assert set(g.nodes) == {n.id for n in net.nodes}
        heaviest = net.edges[0]
        data = g[heaviest.source][heaviest.target]
        assert int(float(data["weight"])) == heaviest.weight
        assert any("Aldana" in str(d.get("label")) for _, d in g.nodes(data=True))
        one = export(
            s, fmt, ExportFilter(entity="Ernesto Villalba Cruz", min_confidence=0.0), tmp_path
        )
        assert 1 < one.number_of_nodes() < g.number_of_nodes() or g.number_of_nodes() <= 2


@pytest.mark.slow
def test_cli_writes_the_network(samples_db: str, tmp_path: Path) -> None:
    from tests.export.conftest import export as cli_export

    out = tmp_path / "net.gexf"
    code, _, err = cli_export(
        samples_db, "-f", "gexf", "--entity", "Ernesto Villalba Cruz", "-o", str(out)
    )
    assert code == 0, err
    assert "nodes" in err and "edges" in err
    g = nx.read_gexf(out)
    assert any("Villalba" in str(d.get("label")) for _, d in g.nodes(data=True))
    code, stdout, _ = cli_export(samples_db, "-f", "graphml", "--min-confidence", "0")
    assert code == 0 and nx.read_graphml(io.BytesIO(stdout)).number_of_edges() > 0
