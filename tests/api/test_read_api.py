"""The read routes of /api/v1 over a store of the shipped samples: pagination with totals, each
filter, 422 naming the parameter, 404 for unknown ids, and the same records as the CLI's --json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsgraph.cli.main import cli
from newsgraph.serve import ServeSettings, create_app


@pytest.fixture(scope="module")
def client(samples_db: str) -> Iterator[TestClient]:
    app = create_app(ServeSettings(db=samples_db))
    with TestClient(app) as c:
        yield c


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, (url, params, r.text)
    return r.json()


def cli_json(db: str, *args: str) -> list[Any]:
    result = CliRunner().invoke(cli, [*args, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def everything(client: TestClient, url: str, size: int = 7, **params: Any) -> list[Any]:
    """Every item of a list, read page by page; each page states the same total."""
    items: list[Any] = []
    first = get(client, url, limit=size, offset=0, **params)
    total = first["total"]
    while True:
        page = get(client, url, limit=size, offset=len(items), **params)
        assert page["total"] == total and page["offset"] == len(items)
        assert len(page["items"]) <= size
        items += page["items"]
        if not page["items"]:
            break
    assert len(items) == total
    return items


@pytest.fixture(scope="module")
def aldana(client: TestClient) -> str:
    found = get(client, "/api/v1/entities", q="aldana ferrer")["items"]
    assert found[0]["name"] == "Rodrigo Aldana Ferrer"
    return str(found[0]["entity_id"])


# --- pagination ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url", ["/api/v1/entities", "/api/v1/documents", "/api/v1/claims", "/api/v1/events"]
)
def test_pages_add_up_to_the_total_without_repeats(client: TestClient, url: str) -> None:
    items = everything(client, url)
    keys = [json.dumps([i.get("doc_id"), i.get("id")]) for i in items]
    assert len(items) > 5 and len(set(keys)) == len(keys)
    assert [i for i in get(client, url, limit=3, offset=2)["items"]] == items[2:5]


def test_timeline_pages_add_up(client: TestClient, aldana: str) -> None:
    items = everything(client, f"/api/v1/entities/{aldana}/timeline", size=5)
    assert len(items) > 10
    assert {i["kind"] for i in items} == {"event", "claim"}
    assert all(i["roles"] for i in items)  # the actor takes part in every item


def test_limit_above_the_maximum_is_422(client: TestClient) -> None:
    r = client.get("/api/v1/entities", params={"limit": 100_000})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "limit"]


# --- filters ------------------------------------------------------------------------------------
def test_entities_by_type_and_name(client: TestClient) -> None:
    orgs = get(client, "/api/v1/entities", type="org", limit=200)
    assert orgs["total"] == len(orgs["items"]) > 0
    assert {e["type"] for e in orgs["items"]} == {"ORG"}
    found = get(client, "/api/v1/entities", q="villalba")["items"]
    assert found[0]["name"] == "Ernesto Villalba Cruz"
    assert all("villalba" in " ".join([e["name"], *e["aliases"]]).lower() for e in found)


def test_entity_dossier_and_counts(client: TestClient, aldana: str) -> None:
    d = get(client, f"/api/v1/entities/{aldana}")
    assert d["entity_id"] == d["entity"]["id"] == aldana
    assert d["n_docs"] >= 5 and d["n_events"] > 0 and d["n_claims"] > 0
    assert any("Minister" in r["title"] for r in d["roles"])
    assert all(s["doc_id"] for r in d["roles"] for s in r["sources"])
    timeline = get(client, f"/api/v1/entities/{aldana}/timeline", limit=0)
    events = get(client, f"/api/v1/entities/{aldana}/timeline", kind="event", limit=0)
    assert events["total"] == d["n_events"] and timeline["total"] == d["n_events"] + d["n_claims"]
    # a name finds the same actor, as 'newsgraph show' does
    assert get(client, "/api/v1/entities/Aldana Ferrer")["entity_id"] == aldana


def test_timeline_filters(client: TestClient, aldana: str) -> None:
    url = f"/api/v1/entities/{aldana}/timeline"
    claims = get(client, url, kind="claim", limit=500)["items"]
    assert claims and {i["kind"] for i in claims} == {"claim"}
    alleged = get(client, url, modality="alleged", limit=500)["items"]
    assert alleged and {i["status"] for i in alleged} == {"alleged"}
    dated = get(client, url, **{"from": "2024-09", "to": "2024-12"}, limit=500)["items"]
    assert dated and all("2024-09" <= i["date"][:7] <= "2024-12" for i in dated)


def test_documents_by_date_source_and_words(client: TestClient) -> None:
    every = get(client, "/api/v1/documents", limit=100)
    assert every["total"] == get(client, "/api/v1/stats")["documents"]
    dates = [d["date"] for d in every["items"]]
    assert dates == sorted(dates, reverse=True)
    in_2024 = get(client, "/api/v1/documents", **{"from": "2024", "to": "2024"}, limit=100)
    assert 0 < in_2024["total"] < every["total"]
    assert all(d["date"].startswith("2024") for d in in_2024["items"])
    coast = get(client, "/api/v1/documents", source="coast wire", limit=100)
    assert coast["total"] >= 1 and {d["source"] for d in coast["items"]} == {"Coast Wire"}
    strike = get(client, "/api/v1/documents", q="strike", limit=100)
    assert strike["method"] == "bm25" and 0 < strike["total"] < every["total"]
    assert all(d["snippet"] and d["score"] is not None for d in strike["items"])


def test_document_view_offsets_point_at_the_text(client: TestClient) -> None:
    doc_id = get(client, "/api/v1/documents", q="letter Villalba", limit=1)["items"][0]["doc_id"]
    view = get(client, f"/api/v1/documents/{doc_id}")
    text = view["doc"]["text"]
    assert view["doc_id"] == view["doc"]["id"] == doc_id
    assert view["mentions"] and all(
        text[m["start"] : m["end"]] == m["text"] for m in view["mentions"]
    )
    for c in view["claims"]:
        assert 0 <= c["content_start"] < c["content_end"] <= len(text)
    assert all(a["entity_id"].startswith("ce_") for a in view["actors"].values())


def test_claims_by_speaker_target_status(client: TestClient, aldana: str) -> None:
    by = get(client, "/api/v1/claims", speaker=aldana, limit=500)["items"]
    assert by and {c["speaker_entity_id"] for c in by} == {aldana}
    about = get(client, "/api/v1/claims", target="Ernesto Villalba Cruz", limit=500)["items"]
    villalba = get(client, "/api/v1/entities", q="villalba cruz")["items"][0]["entity_id"]
    assert about and all(villalba in c["target_entity_ids"] for c in about)
    denied = get(client, "/api/v1/claims", status="denied", limit=500)["items"]
    assert denied and {c["status"] for c in denied} == {"denied"}
    dated = get(client, "/api/v1/claims", **{"from": "2024"}, limit=500)["items"]
    assert dated and all(c["date"] >= "2024" for c in dated)


def test_events_by_actor_type_modality(client: TestClient, aldana: str) -> None:
    mine = get(client, "/api/v1/events", actor=aldana, limit=500)["items"]
    assert mine and all(aldana in e["source_entity_ids"] + e["target_entity_ids"] for e in mine)
    every = get(client, "/api/v1/events", limit=500)["items"]
    kind = every[0]["type"]
    typed = get(client, "/api/v1/events", type=kind.lower(), limit=500)
    assert typed["total"] == sum(e["type"] == kind for e in every)
    alleged = get(client, "/api/v1/events", modality="alleged", limit=500)["items"]
    assert alleged and {e["modality"] for e in alleged} == {"alleged"}
    sure = get(client, "/api/v1/events", min_confidence=0.9, limit=500)["items"]
    assert len(sure) < len(every) and all(e["confidence"] >= 0.9 for e in sure)


def test_search_failures_and_stats(client: TestClient) -> None:
    found = get(client, "/api/v1/search", q="strike", limit=2)
    assert found["total"] > 2 == len(found["hits"])
    assert all(h["doc_id"] == h["id"] for h in found["hits"])
    failures = get(client, "/api/v1/failures")
    assert failures["total"] == 1 and failures["items"][0]["code"] == "NG104"
    stats = get(client, "/api/v1/stats")
    assert stats["resolved"] and stats["events"] > 0 and stats["failures"] == 1


def test_network_around_an_actor_with_supporting_records(
    client: TestClient, aldana: str, samples_db: str
) -> None:
    net = get(client, f"/api/v1/entities/{aldana}/network")
    assert net["center"] == aldana and net["depth"] == 1
    ids = {n["id"] for n in net["nodes"]}
    assert aldana in ids and len(ids) > 2
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    edge = max(net["edges"], key=lambda e: e["weight"])
    assert edge["weight"] == edge["n_events"] + edge["n_claims"] == len(edge["support"])
    ref = edge["support"][0]
    view = get(client, f"/api/v1/documents/{ref['doc_id']}")
    kind = "events" if ref["kind"] == "event" else "claims"
    assert ref["record_id"] in {r["id"] for r in view[kind]}
    heavy = get(client, f"/api/v1/entities/{aldana}/network", min_weight=edge["weight"])
    assert heavy["edges"] and all(e["weight"] >= edge["weight"] for e in heavy["edges"])
    people = get(client, f"/api/v1/entities/{aldana}/network", type="PERSON", depth=2)
    types = {n["type"] for n in people["nodes"]}
    assert types == {"PERSON"} and people["depth"] == 2
    # Supporting records are capped, and the response says so: a larger cap lists them all.
    assert net["support_limit"] == 50
    one = get(client, f"/api/v1/entities/{aldana}/network", support_limit=1)
    heaviest = {e["id"]: e for e in one["edges"]}[edge["id"]]
    assert one["support_limit"] == 1 and len(heaviest["support"]) == min(1, edge["weight"])
    assert heaviest["weight"] == edge["weight"] and heaviest["support"][0] == edge["support"][0]


# --- errors -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "params", "param"),
    [
        ("/api/v1/entities", {"type": "SPACESHIP"}, "type"),
        ("/api/v1/events", {"type": "PARTY"}, "type"),
        ("/api/v1/events", {"from": "1987-13-45"}, "from"),
        ("/api/v1/events", {"modality": "rumoured"}, "modality"),
        ("/api/v1/claims", {"status": "whispered"}, "status"),
        ("/api/v1/claims", {"to": "2024-02-30"}, "to"),
        ("/api/v1/documents", {"from": "yesterday"}, "from"),
        ("/api/v1/documents", {"from": "2025", "to": "2024"}, "to"),
        ("/api/v1/entities/{aldana}/timeline", {"kind": "rumour"}, "kind"),
        ("/api/v1/entities/{aldana}/timeline", {"modality": "maybe"}, "modality"),
        ("/api/v1/entities/{aldana}/timeline", {"from": "2024-00"}, "from"),
        ("/api/v1/events", {"min_confidence": "2"}, "min_confidence"),
        ("/api/v1/entities/{aldana}/network", {"depth": "9"}, "depth"),
        ("/api/v1/entities/{aldana}/network", {"min_weight": "0"}, "min_weight"),
        ("/api/v1/entities/{aldana}/network", {"type": "ROBOT"}, "type"),
        ("/api/v1/entities/{aldana}/network", {"event_type": "PARTY"}, "event_type"),
        ("/api/v1/entities/{aldana}/network", {"to": "2024-13"}, "to"),
        ("/api/v1/entities", {"offset": "-1"}, "offset"),
        ("/api/v1/search", {}, "q"),
    ],
)
def test_impossible_filters_are_422_naming_the_parameter(
    client: TestClient, aldana: str, url: str, params: dict[str, str], param: str
) -> None:
    r = client.get(url.format(aldana=aldana), params=params)
    assert r.status_code == 422, r.text
    assert [e["loc"][-1] for e in r.json()["detail"]] == [param]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/entities/ce_000000000000",
        "/api/v1/entities/ce_000000000000/timeline",
        "/api/v1/entities/ce_000000000000/network",
        "/api/v1/documents/ffffffffffffffff",
        "/api/v1/claims?speaker=Nobody%20Atall",
        "/api/v1/events?actor=Nobody%20Atall",
    ],
)
def test_unknown_ids_are_404_with_a_message(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert "NG401" in r.json()["detail"] and "no " in r.json()["detail"]


# --- the same data as the CLI -------------------------------------------------------------------
def test_entities_equal_the_cli(client: TestClient, samples_db: str) -> None:
    api = get(client, "/api/v1/entities", limit=1000)["items"]
    assert api == cli_json(samples_db, "entities", "--limit", "0")


def test_claims_and_events_equal_the_cli(client: TestClient, samples_db: str) -> None:
    assert get(client, "/api/v1/claims", limit=1000)["items"] == cli_json(samples_db, "claims")
    assert get(client, "/api/v1/events", limit=1000)["items"] == cli_json(samples_db, "events")
    by_cli = cli_json(samples_db, "claims", "--speaker", "Aldana Ferrer", "--status", "alleged")
    by_api = get(client, "/api/v1/claims", speaker="Aldana Ferrer", status="alleged", limit=1000)
    assert by_api["items"] == by_cli and by_cli


def test_document_search_and_failures_equal_the_cli(client: TestClient, samples_db: str) -> None:
    doc_id = get(client, "/api/v1/documents", limit=1)["items"][0]["doc_id"]
    assert get(client, f"/api/v1/documents/{doc_id}") == cli_json(samples_db, "doc", doc_id)[0]
    (found,) = cli_json(samples_db, "search", "strike")
    assert get(client, "/api/v1/search", q="strike") == found
    assert get(client, "/api/v1/failures")["items"] == cli_json(samples_db, "failures")


def test_timeline_holds_the_dossier_items_of_show(
    client: TestClient, samples_db: str, aldana: str
) -> None:
    (shown,) = cli_json(samples_db, "show", aldana)
    api = get(client, f"/api/v1/entities/{aldana}/timeline", limit=1000)["items"]

    def key(i: dict[str, Any]) -> str:
        return json.dumps(i, sort_keys=True)

    assert sorted(map(key, api)) == sorted(map(key, shown["timeline"]))
    dossier = get(client, f"/api/v1/entities/{aldana}")
    for field in ("names", "roles", "attributes", "n_mentions", "n_docs"):
        assert dossier[field] == shown[field], field


def test_openapi_documents_the_read_routes(client: TestClient) -> None:
    paths = get(client, "/openapi.json")["paths"]
    for route in (
        "/api/v1/entities",
        "/api/v1/entities/{entity_id}",
        "/api/v1/entities/{entity_id}/timeline",
        "/api/v1/entities/{entity_id}/network",
        "/api/v1/documents",
        "/api/v1/documents/{doc_id}",
        "/api/v1/search",
        "/api/v1/claims",
        "/api/v1/events",
        "/api/v1/failures",
        "/api/v1/stats",
    ):
        schema = paths[route]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, route  # a documented response model, not a bare object


def test_an_unresolved_store_pages_the_same_way(tmp_path: Any) -> None:
    """Before resolution, actors are groups of same-named entities (ids TYPE/name): the same
    routes work on them."""
    from newsgraph.store import Store
    from tests.store.builders import corpus

    db = str(tmp_path / "unresolved.duckdb")
    with Store(db) as store:
        store.write_batch(corpus())
    app = create_app(ServeSettings(db=db))
    with TestClient(app) as c:
        actors = get(c, "/api/v1/entities", q="garcia luna")["items"]
        assert actors and not actors[0]["resolved"]
        ref = actors[0]["entity_id"]
        timeline = get(c, f"/api/v1/entities/{ref}/timeline")
        assert timeline["total"] == len(timeline["items"]) > 0
        said = get(c, "/api/v1/claims", speaker=ref)["items"]
        assert said and all(x["speaker_entity_id"] == ref for x in said)
        dossier = get(c, f"/api/v1/entities/{ref}")
        assert dossier["n_claims"] + dossier["n_events"] == timeline["total"]
