"""The actor network: nodes and weighted edges from events and claims, aggregated in SQL, from
hand-built stores (every count known) and from the shipped samples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import QueryError
from newsgraph.model.records import Claim, DateRef, Document, Event
from newsgraph.query.network import NetworkSpec, iter_edges, iter_nodes, network, unbounded
from newsgraph.store import Store, entity_records
from tests.query.test_query import add_canonical
from tests.store.builders import Builder, corpus, span
from tests.store.sample_store import sample_store_path


def _event(
    b: Builder,
    eid: str,
    type_: str,
    trigger: str,
    source: list[str],
    target: list[str],
    date: str | None = None,
    **kw: Any,
) -> None:
    s, e = span(b.doc.text, trigger)
    sent = next(x for x in b.result.sentences if x[0] <= s < x[1])
    b.result.events.append(
        Event(
            eid,
            type_,
            None,
            None,
            [],
            source,
            target,
            s,
            e,
            *sent,
            date=DateRef(date, "day") if date else None,
            **kw,
        )
    )


def ostland_docs() -> list[Any]:
    """Two fictional articles: Ostland and Lagonia meet (reciprocal), Ostland accuses Carpathia
    twice, Lagonia's minister Vera Kessel says Carpathia lied; Freedonia aids Carpathia."""
    t1 = (
        "Ostland and Lagonia held talks in Ostburg. "
        "Ostland accused Carpathia of shelling the border. "
        "Minister Vera Kessel said Carpathia lied."
    )
    b1 = Builder(Document("doc1", "2024-03-02", "day", t1))
    for eid, name, type_ in (
        ("e1", "Ostland", "GPE"),
        ("e2", "Lagonia", "GPE"),
        ("e3", "Carpathia", "GPE"),
        ("e4", "Vera Kessel", "PERSON"),
    ):
        b1.entity(eid, name, type_)
        b1.mention(name, eid, type=type_)
    _event(b1, "v1", "CONSULT", "held talks", ["e1", "e2"], [], "2024-03-01", reciprocal=True)
    _event(b1, "v2", "ACCUSE", "accused", ["e1"], ["e3"], confidence=0.9)
    cue = span(t1, "said")
    b1.result.claims.append(
        Claim(
            "c1",
            "e4",
            *span(t1, "Vera Kessel"),
            "said",
            *cue,
            *span(t1, "Carpathia lied"),
            "indirect",
            targets=["e3"],
            confidence=0.3,
        )
    )
    t2 = "Ostland again accused Carpathia. Freedonia sent aid to Carpathia."
    b2 = Builder(Document("doc2", "2025-01-10", "day", t2))
    for eid, name, type_ in (
        ("e1", "Ostland", "GPE"),
        ("e2", "Carpathia", "GPE"),
        ("e3", "Freedonia", "GPE"),
    ):
        b2.entity(eid, name, type_)
        b2.mention(name, eid, type=type_)
    _event(b2, "v1", "ACCUSE", "accused", ["e1"], ["e2"], "2025-01-09", confidence=0.4)
    _event(b2, "v2", "AID", "sent aid", ["e3"], ["e2"])
    return [b1.result, b2.result]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "n.duckdb", refresh_index_on_close=False) as s:
        s.write_batch(ostland_docs())
        yield s


@pytest.fixture
def resolved(store: Store) -> Store:
    links = {
        "ce_ost": ("Ostland", "GPE", [("doc1", "e1"), ("doc2", "e1")]),
        "ce_lag": ("Lagonia", "GPE", [("doc1", "e2")]),
        "ce_car": ("Carpathia", "GPE", [("doc1", "e3"), ("doc2", "e2")]),
        "ce_ver": ("Vera Kessel", "PERSON", [("doc1", "e4")]),
        "ce_fre": ("Freedonia", "GPE", [("doc2", "e3")]),
    }
    for cid, (name, type_, members) in links.items():
        add_canonical(store, cid, name, type_, [name], members, len(members))
    return store


def edge_map(net: Any) -> dict[str, Any]:
    return {e.id: e for e in net.edges}


def test_whole_store_network_counts_events_and_claims(resolved: Store) -> None:
    net = network(resolved)
    edges = edge_map(net)
    assert set(edges) == {
        "ce_lag--ce_ost",
        "ce_ost->ce_car",
        "ce_ver->ce_car",
        "ce_fre->ce_car",
    }
    accuse = edges["ce_ost->ce_car"]
    assert (accuse.weight, accuse.n_events, accuse.n_claims) == (2, 2, 0)
    assert accuse.event_types == {"ACCUSE": 2}
    # The first accusation has no date of its own: its article's date stands in.
    assert (accuse.first_date, accuse.last_date) == ("2024-03-02", "2025-01-09")
    assert [(s.kind, s.doc_id, s.record_id) for s in accuse.support] == [
        ("event", "doc1", "v2"),
        ("event", "doc2", "v1"),
    ]
    meeting = edges["ce_lag--ce_ost"]
    assert meeting.direction == "mutual" and meeting.event_types == {"CONSULT": 1}
    claim = edges["ce_ver->ce_car"]
    assert (claim.n_claims, claim.claim_statuses) == (1, {"asserted": 1})
    nodes = {n.id: n for n in net.nodes}
    assert nodes["ce_car"].degree == 3 and nodes["ce_car"].weight == 4
    assert nodes["ce_ost"].type == "GPE" and nodes["ce_ost"].n_mentions == 2
    assert (net.total_nodes, net.total_edges, net.truncated) == (5, 4, False)


def test_before_resolution_actors_are_grouped_by_name(store: Store) -> None:
    net = network(store)
    ids = {n.id for n in net.nodes}
    assert ids == {
        "GPE/ostland",
        "GPE/lagonia",
        "GPE/carpathia",
        "PERSON/vera kessel",
        "GPE/freedonia",
    }
    assert edge_map(net)["GPE/ostland->GPE/carpathia"].weight == 2
    spec = unbounded(NetworkSpec())
    assert [e.id for e in iter_edges(store, spec=spec)] == [e.id for e in net.edges]
    assert {n.id for n in iter_nodes(store, spec=spec)} == ids


def test_filters_change_the_network(resolved: Store) -> None:
    conf = network(resolved, spec=NetworkSpec(min_confidence={"event": 0.5, "claim": 0.5}))
    edges = edge_map(conf)
    assert "ce_ver->ce_car" not in edges  # the claim's confidence is 0.3
    assert edges["ce_ost->ce_car"].weight == 1  # the 0.4 accusation is left out
    assert edges["ce_fre->ce_car"].weight == 1  # no confidence: kept
    dated = edge_map(network(resolved, spec=NetworkSpec(date_from="2025")))
    assert set(dated) == {"ce_ost->ce_car", "ce_fre->ce_car"}
    assert dated["ce_ost->ce_car"].weight == 1
    early = edge_map(network(resolved, spec=NetworkSpec(date_to="2024-03-01")))
    assert set(early) == {"ce_lag--ce_ost"}  # dated 2024-03-01; the rest is later
    by_doc = edge_map(
        network(resolved, spec=NetworkSpec(date_to="2024-03-01", date_basis="document"))
    )
    assert by_doc == {}
    claims_only = edge_map(network(resolved, spec=NetworkSpec(kinds=("claim",))))
    assert set(claims_only) == {"ce_ver->ce_car"}
    types = edge_map(network(resolved, spec=NetworkSpec(event_types=("aid",), kinds=("event",))))
    assert set(types) == {"ce_fre->ce_car"}
    people = network(resolved, spec=NetworkSpec(node_types=("GPE",)))
    assert "ce_ver" not in {n.id for n in people.nodes}
    # The actor a network is about is kept whatever its type.
    around = network(resolved, "Vera Kessel", NetworkSpec(node_types=("GPE",), depth=2))
    assert {n.id for n in around.nodes} >= {"ce_ver", "ce_car"}
    assert "ce_ver->ce_car" in edge_map(around)
    heavy = edge_map(network(resolved, spec=NetworkSpec(min_weight=2)))
    assert set(heavy) == {"ce_ost->ce_car"}
    only_doc2 = edge_map(network(resolved, spec=NetworkSpec(doc_ids=("doc2",))))
    assert set(only_doc2) == {"ce_ost->ce_car", "ce_fre->ce_car"}


def test_around_an_actor_by_depth(resolved: Store) -> None:
    one = network(resolved, "Lagonia", NetworkSpec(depth=1))
    assert one.center == "ce_lag"
    assert {(n.id, n.depth) for n in one.nodes} == {("ce_lag", 0), ("ce_ost", 1)}
    two = network(resolved, "ce_lag", NetworkSpec(depth=2))
    assert {n.id: n.depth for n in two.nodes}["ce_car"] == 2
    three = network(resolved, "ce_lag", NetworkSpec(depth=3))
    assert {n.id for n in three.nodes} == {"ce_lag", "ce_ost", "ce_car", "ce_ver", "ce_fre"}
    assert three.nodes[0].id == "ce_lag"
    # Edges among the reached actors are all there, not only those from the centre.
    assert "ce_fre->ce_car" in edge_map(three)


def test_bounds_report_totals(resolved: Store) -> None:
    net = network(resolved, spec=NetworkSpec(max_nodes=2))
    assert {n.id for n in net.nodes} == {"ce_car", "ce_ost"}  # the two most connected
    assert set(edge_map(net)) == {"ce_ost->ce_car"}
    assert (net.total_nodes, net.total_edges, net.truncated) == (5, 4, True)
    cut = network(resolved, spec=NetworkSpec(max_edges=1, support_limit=1))
    assert len(cut.edges) == 1 and cut.edges[0].id == "ce_ost->ce_car"
    assert len(cut.edges[0].support) == 1 and cut.edges[0].weight == 2
    assert cut.total_edges == 4 and cut.truncated
    around = network(resolved, "ce_lag", NetworkSpec(depth=3, max_nodes=2))
    assert [n.id for n in around.nodes] == ["ce_lag", "ce_ost"]
    assert around.total_nodes == 5 and around.truncated


def test_an_isolated_centre_is_still_a_node(tmp_path: Path) -> None:
    with Store(tmp_path / "q.duckdb", refresh_index_on_close=False) as s:
        s.write_batch(corpus())
        net = network(s, "Maria Lopez")
        assert [n.name for n in net.nodes] == ["Maria Lopez"] and net.edges == []
        assert (net.total_nodes, net.total_edges) == (1, 0)


def test_bad_parameters_name_themselves(resolved: Store) -> None:
    with pytest.raises(QueryError, match="depth"):
        network(resolved, "ce_lag", NetworkSpec(depth=4))
    with pytest.raises(QueryError, match="min_weight"):
        network(resolved, spec=NetworkSpec(min_weight=0))


def test_streams_match_the_bounded_network(resolved: Store) -> None:
    spec = unbounded(NetworkSpec())
    net = network(resolved, spec=spec)
    assert [e.to_dict() for e in iter_edges(resolved, spec=spec)] == [
        e.to_dict() for e in net.edges
    ]
    assert {n.id: n.weight for n in iter_nodes(resolved, spec=spec)} == {
        n.id: n.weight for n in net.nodes
    }
    around = list(iter_nodes(resolved, "ce_lag", NetworkSpec(depth=1)))
    assert [n.id for n in around] == ["ce_lag", "ce_ost"]


@pytest.mark.slow
def test_sample_store_network(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = sample_store_path(pipeline, tmp_path_factory)
    with Store(path, read_only=True) as s:
        net = network(s, "Aldana", NetworkSpec(depth=1))
        center = net.nodes[0]
        assert center.id.startswith("ce_") and "Aldana" in center.name and center.depth == 0
        names = {n.name for n in net.nodes}
        assert any("Villalba" in n for n in names)
        # Depth 1: every other actor is tied to the centre by an edge.
        tied = {
            x for e in net.edges if center.id in (e.source, e.target) for x in (e.source, e.target)
        }
        assert net.edges and tied == {n.id for n in net.nodes}
        # Every supporting record exists and involves both ends of its edge.
        for e in net.edges:
            assert e.weight == e.n_events + e.n_claims == len(e.support)
            for ref in e.support:
                table = "events" if ref.kind == "event" else "claims"
                row = s.con.execute(
                    f"SELECT count(*) FROM {table} WHERE doc_id = ? AND id = ?",
                    [ref.doc_id, ref.record_id],
                ).fetchone()
                assert row == (1,)
        whole = network(s)
        assert whole.total_nodes >= len(net.nodes) and whole.total_edges >= len(net.edges)


def test_streams_survive_queries_between_pages(
    resolved: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.query.network_stream as net_module

    monkeypatch.setattr(net_module, "FETCH", 1)
    spec = unbounded(NetworkSpec())
    seen = []
    for edge in iter_edges(resolved, spec=spec):
        resolved.con.execute("SELECT count(*) FROM documents").fetchall()
        seen.append(edge.id)
    assert len(seen) == 4
    for store_nodes in (iter_nodes(resolved, spec=spec),):
        ids = []
        for node in store_nodes:
            resolved.con.execute("SELECT 1").fetchall()
            ids.append(node.id)
        assert len(ids) == 5


def test_a_large_stream_is_aggregated_in_parts(
    resolved: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.query.network_stream as net_module

    spec = unbounded(NetworkSpec())
    whole = {e.id: e.to_dict() for e in network(resolved, spec=spec).edges}
    monkeypatch.setattr(net_module, "BUCKET_EDGES", 1)
    parts = {e.id: e.to_dict() for e in iter_edges(resolved, spec=spec)}
    assert parts == whole and len(parts) == 4


def test_around_an_actor_read_by_entity_records_is_the_same(
    resolved: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once resolution has written ``entity_records``, the network around an actor pairs only
    the records two of its kept actors take part in: the same nodes, edges and totals as pairing
    every article of the reach, for every centre, depth, cut, filter and the star form."""
    specs = [
        NetworkSpec(depth=d, max_nodes=m, star=star, support_limit=1)
        for d in (1, 3)
        for m in (None, 2)
        for star in (False, True)
    ] + [
        NetworkSpec(depth=2, kinds=("claim",)),
        NetworkSpec(depth=2, min_weight=2),
        NetworkSpec(depth=3, node_types=("GPE",), event_types=("ACCUSE",)),
    ]
    centres = ["ce_ost", "ce_lag", "ce_car", "ce_ver", "ce_fre"]
    raw = {(c, i): network(resolved, c, s).to_dict() for c in centres for i, s in enumerate(specs)}
    entity_records.rebuild(resolved.con)
    resolved.set_meta("resolve_pending", "0")
    assert entity_records.usable(resolved.con)
    for (c, i), expected in raw.items():
        assert network(resolved, c, specs[i]).to_dict() == expected, (c, specs[i])
    # Many candidate articles (here: more than none) are read from the candidates relation and
    # semi-joined, the actors passed as a parameter: the same again.
    import newsgraph.query.network_sql as network_sql

    with monkeypatch.context() as m:
        m.setattr(network_sql, "INDEXED_DOCS", 0)
        for (c, i), expected in raw.items():
            assert network(resolved, c, specs[i]).to_dict() == expected, (c, specs[i])
    # A claim marked wrong leaves its edge in both readings.
    resolved.con.execute(
        "INSERT INTO decisions VALUES ('d1', 'wrong_claim', 'doc1/c1', '', NULL, current_timestamp)"
    )
    by_records = network(resolved, "ce_car", NetworkSpec())
    assert "ce_ver->ce_car" not in edge_map(by_records) and "ce_ost->ce_car" in edge_map(by_records)
    resolved.set_meta("resolve_pending", "1")
    assert not entity_records.usable(resolved.con)
    assert network(resolved, "ce_car", NetworkSpec()).to_dict() == by_records.to_dict()
