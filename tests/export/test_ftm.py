"""``ftm``: every entity valid against the FollowTheMoney model, references resolved, ids stable,
the ``ftm`` command-line tools read the file, and the filters change what is written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from newsgraph.export import ExportFilter, get_exporter
from newsgraph.export.ftm_map import actor_schema, ftm_id
from newsgraph.store import Store
from tests.query.test_network import ostland_docs
from tests.query.test_query import add_canonical

FTM = Path(sys.executable).parent / "ftm"
ALL = ExportFilter(min_confidence=0.0)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store(tmp_path / "f.duckdb", refresh_index_on_close=False) as s:
        s.write_batch(ostland_docs())
        yield s


@pytest.fixture
def resolved(store: Store) -> Store:
    for cid, name, type_, members in (
        ("ce_ost", "Ostland", "GPE", [("doc1", "e1"), ("doc2", "e1")]),
        ("ce_lag", "Lagonia", "GPE", [("doc1", "e2")]),
        ("ce_car", "Carpathia", "GPE", [("doc1", "e3"), ("doc2", "e2")]),
        ("ce_ver", "Vera Kessel", "PERSON", [("doc1", "e4")]),
        ("ce_fre", "Freedonia", "GPE", [("doc2", "e3")]),
    ):
        add_canonical(store, cid, name, type_, [name, f"{name} alias"], members, len(members))
    return store


def export(store: Store, flt: ExportFilter, tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path / "out.ftm.json"
    get_exporter("ftm").write(store, flt, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    return path, [json.loads(line) for line in lines]


def check_valid(entities: list[dict[str, Any]]) -> None:
    """Each entity: a known schema, its required properties, values that FtM's cleaning keeps
    unchanged, and references to entities written earlier in the file, of the range's schema."""
    seen: dict[str, Any] = {}
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        assert schema.validate(data) is None
        for name in schema.required:
            assert data["properties"].get(name), (data["id"], name)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.id and model.get_proxy(proxy.to_dict()).to_dict() == proxy.to_dict()
        clean = model.make_entity(schema)
        clean.id = data["id"]
        for prop, values in data["properties"].items():
            assert prop in schema.properties, (data["schema"], prop)
            clean.add(prop, values)
            assert clean.get(prop) == values, (data["id"], prop, values)
            p = schema.properties[prop]
            if p.type.name == "entity":
                for ref in values:
                    assert ref in seen or ref == data["id"], (data["id"], prop, ref)
                    if ref in seen and p.range is not None:
                        assert seen[ref].is_a(p.range), (data["id"], prop, ref)
        assert data["id"] not in seen, f"duplicate id {data['id']}"
        seen[data["id"]] = schema


def by_schema(entities: list[dict[str, Any]], schema: str) -> list[dict[str, Any]]:
    return [e for e in entities if e["schema"] == schema]


def test_entities_are_valid_and_complete(resolved: Store, tmp_path: Path) -> None:
    _, entities = export(resolved, ALL, tmp_path)
    check_valid(entities)
    actors = {e["id"]: e for e in entities if e["id"].startswith("ng-ce-")}
    assert actors["ng-ce-ver"]["schema"] == "Person"
    assert actors["ng-ce-ver"]["properties"]["alias"] == ["Vera Kessel alias"]
    # States that act in an event are public bodies.
    assert {actors[i]["schema"] for i in ("ng-ce-ost", "ng-ce-car", "ng-ce-lag")} == {"PublicBody"}
    articles = by_schema(entities, "Article")
    assert [a["id"] for a in articles] == ["ng-doc-doc1", "ng-doc-doc2"]
    assert articles[0]["properties"]["bodyText"][0].startswith("Ostland and Lagonia held talks")
    assert articles[0]["properties"]["publishedAt"] == ["2024-03-02"]
    events = {e["id"]: e for e in by_schema(entities, "Event")}
    accuse = events["ng-event-doc2-v1"]["properties"]
    assert accuse["date"] == ["2025-01-09"] and accuse["organizer"] == ["ng-ce-ost"]
    assert accuse["involved"] == ["ng-ce-ost", "ng-ce-car"]
    assert accuse["proof"] == ["ng-doc-doc2"] and accuse["recordId"] == ["doc2/v1"]
    links = by_schema(entities, "UnknownLink")
    pairs = {
        (x["properties"]["subject"][0], x["properties"]["object"][0], x["properties"]["role"][0])
        for x in links
    }
    assert ("ng-ce-ost", "ng-ce-car", "ACCUSE") in pairs
    assert ("ng-ce-ver", "ng-ce-car", "claim: said") in pairs
    talks = [x for x in links if x["properties"]["recordId"] == ["doc1/v1"]]
    assert len(talks) == 1  # a reciprocal event: one link per pair of parties
    docs = {
        (d["properties"]["document"][0], d["properties"]["entity"][0])
        for d in by_schema(entities, "Documentation")
    }
    assert ("ng-doc-doc1", "ng-ce-ver") in docs and ("ng-doc-doc2", "ng-ce-fre") in docs


def test_records_marked_wrong_make_nobody_an_actor(resolved: Store, tmp_path: Path) -> None:
    """A state is a public body because it acts; once every event and claim is marked wrong, no
    record says it acted, so it is exported as the territory it names."""
    con = resolved.con
    for table, kind in (("events", "wrong_event"), ("claims", "wrong_claim")):
        for doc_id, rid in con.execute(f"SELECT doc_id, id FROM {table}").fetchall():
            con.execute(
                "INSERT INTO decisions (id, kind, a, b, note, created_at) "
                "VALUES (?, ?, ?, '', 'test', now())",
                [f"d_{doc_id}_{rid}", kind, f"{doc_id}/{rid}"],
            )
    _, entities = export(resolved, ALL, tmp_path)
    check_valid(entities)
    actors = {e["id"]: e for e in entities if e["id"].startswith("ng-ce-")}
    assert actors["ng-ce-ost"]["schema"] != "PublicBody"
    assert not by_schema(entities, "Event")


def test_ids_are_stable(resolved: Store, tmp_path: Path) -> None:
    first, _ = export(resolved, ALL, tmp_path)
    once = first.read_bytes()
    second, _ = export(resolved, ALL, tmp_path)
    assert second.read_bytes() == once


def test_filters_change_the_output(resolved: Store, tmp_path: Path) -> None:
    _, default = export(resolved, ExportFilter(), tmp_path)
    claims = [e for e in default if e["id"].startswith("ng-claim-")]
    assert claims == []  # the only claim's confidence (0.3) is under the default threshold
    _, later = export(resolved, ExportFilter(date_from="2025", min_confidence=0.0), tmp_path)
    assert [a["id"] for a in by_schema(later, "Article")] == ["ng-doc-doc2"]
    assert "ng-ce-ver" not in {e["id"] for e in later}
    check_valid(later)
    _, vera = export(resolved, ExportFilter(entity="Vera Kessel", min_confidence=0.0), tmp_path)
    assert [a["id"] for a in by_schema(vera, "Article")] == ["ng-doc-doc1"]
    # Of the article's events and claims, only those she takes part in.
    assert by_schema(vera, "Event") == []
    assert [x["properties"]["recordId"] for x in by_schema(vera, "UnknownLink")] == [["doc1/c1"]]
    _, found = export(resolved, ExportFilter(query="Freedonia", min_confidence=0.0), tmp_path)
    assert [a["id"] for a in by_schema(found, "Article")] == ["ng-doc-doc2"]


def test_before_resolution_ids_are_valid(store: Store, tmp_path: Path) -> None:
    _, entities = export(store, ALL, tmp_path)
    check_valid(entities)
    names = {e["properties"].get("name", [""])[0] for e in entities}
    assert {"Ostland", "Vera Kessel", "Freedonia"} <= names


def test_schemas_by_type_and_use() -> None:
    assert actor_schema("PERSON", "Vera Kessel", False) == "Person"
    assert actor_schema("ORG", "Labour Ministry", True) == "PublicBody"
    assert actor_schema("ORG", "Administrative Court", False) == "PublicBody"
    assert actor_schema("ORG", "Grupo Narváez", True) == "Organization"
    assert actor_schema("GPE", "Mexico", False) == "Territory"
    assert actor_schema("GPE", "Ostburg", False) == "Address"
    assert actor_schema("GPE", "Ostburg", True) == "PublicBody"
    assert actor_schema("NORP", "Ostlanders", True) is None
    assert ftm_id("ce_1a2b") == "ng-ce-1a2b"
    odd = ftm_id("PERSON/vera kessel")
    assert odd == ftm_id("PERSON/vera kessel") and " " not in odd and "/" not in odd


@pytest.mark.skipif(not FTM.exists(), reason="the ftm command is not installed")
def test_ftm_tools_read_the_file(resolved: Store, tmp_path: Path) -> None:
    path, entities = export(resolved, ALL, tmp_path)
    for command in ("validate", "aggregate"):
        done = subprocess.run(
            [str(FTM), command, "-i", str(path)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) == len(entities)


@pytest.mark.slow
def test_sample_store_export(samples_db: str, tmp_path: Path) -> None:
    out = tmp_path
    with Store(samples_db, read_only=True) as s:
        path, entities = export(s, ExportFilter(), out)
    check_valid(entities)
    schemas = {e["schema"] for e in entities}
    assert {"Person", "Article", "Event", "UnknownLink", "Documentation"} <= schemas
    people = {e["properties"]["name"][0] for e in by_schema(entities, "Person")}
    assert any("Aldana" in n for n in people)
    if FTM.exists():
        done = subprocess.run(
            [str(FTM), "aggregate", "-i", str(path)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr


def test_every_article_when_read_in_pages(
    resolved: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.export.formats.ftm as ftm_format

    monkeypatch.setattr(ftm_format, "PAGE", 1)
    _, entities = export(resolved, ALL, tmp_path)
    assert [a["id"] for a in by_schema(entities, "Article")] == ["ng-doc-doc1", "ng-doc-doc2"]
    check_valid(entities)


@pytest.mark.slow
def test_cli_writes_ftm_to_stdout(samples_db: str) -> None:
    from tests.export.conftest import export as cli_export

    code, out, err = cli_export(samples_db, "-f", "ftm", "--entity", "Villalba")
    assert code == 0, err
    entities = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    check_valid(entities)
    assert by_schema(entities, "Article")
