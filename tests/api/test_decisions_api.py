"""``/api/v1/decisions``: list, make and undo corrections; writes need --allow-writes and the
token; bodies are validated (422 naming the field)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.app import resolve
from newsgraph.app.access import share_reads
from newsgraph.serve import ServeSettings, create_app
from newsgraph.store import Store
from tests.store.builders import corpus

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "api.duckdb")
    with Store(path) as store:
        store.write_batch(corpus(), [])
    resolve(path)
    return path


def client(db: str, allow_writes: bool = True) -> TestClient:
    return TestClient(create_app(ServeSettings(db=db, allow_writes=allow_writes, token=TOKEN)))


def _claims(db: str) -> set[tuple[str, str]]:
    from newsgraph.app.access import read_store
    from newsgraph.query.claims import find_claims

    with read_store(db) as store:
        return {(c.doc_id, c.id) for c in find_claims(store)}


def test_merge_listed_and_undone_over_http(db: str) -> None:
    c = client(db)
    r = c.post(
        "/api/v1/decisions",
        json={"kind": "merge", "a": "Maria Lopez", "b": "Felipe Calderón", "note": "same"},
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["kind"] == "merge" and made["entity_id"].startswith("ce_")
    page = c.get("/api/v1/decisions").json()
    assert page["total"] == 1 and page["limit"] == 50 and page["offset"] == 0
    item = page["items"][0]
    assert item["id"] == made["decision"] and item["applied"] and item["note"] == "same"
    assert {e["anchor_name"] for e in item["refers"]["entities"]} == {
        "Maria Lopez",
        "Felipe Calderón",
    }
    assert c.get(f"/api/v1/decisions/{made['decision']}").json()["kind"] == "merge"
    r = c.delete(f"/api/v1/decisions/{made['decision']}", headers=AUTH)
    assert r.status_code == 200 and r.json()["kind"] == "merge"
    assert c.get("/api/v1/decisions").json()["total"] == 0
    assert c.delete(f"/api/v1/decisions/{made['decision']}", headers=AUTH).status_code == 404


def test_wrong_claim_over_http_hides_it(db: str) -> None:
    c = client(db)
    r = c.post(
        "/api/v1/decisions",
        json={"kind": "wrong_claim", "doc_id": "bbb222", "record_id": "c1"},
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    assert ("bbb222", "c1") not in _claims(db)
    assert c.get("/api/v1/decisions?kind=wrong_claim").json()["total"] == 1
    assert c.get("/api/v1/decisions?kind=merge").json()["total"] == 0
    r = c.post(
        "/api/v1/decisions",
        json={"kind": "wrong_event", "doc_id": "bbb222", "record_id": "v7"},
        headers=AUTH,
    )
    assert r.status_code == 404 and "no event 'v7'" in r.json()["detail"]


def test_writes_need_allow_writes_and_the_token(db: str) -> None:
    body = {"kind": "wrong_claim", "doc_id": "bbb222", "record_id": "c1"}
    r = client(db, allow_writes=False).post("/api/v1/decisions", json=body, headers=AUTH)
    assert r.status_code == 403 and "--allow-writes" in r.json()["detail"]
    c = client(db)
    r = c.post("/api/v1/decisions", json=body)
    assert r.status_code == 401 and "Authorization: Bearer" in r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"
    r = c.post("/api/v1/decisions", json=body, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 403 and "does not match" in r.json()["detail"]
    assert c.delete("/api/v1/decisions/d_x", headers={"Authorization": "Bearer nope"}).status_code
    assert c.delete("/api/v1/decisions/d_x").status_code == 401
    assert _claims(db) == {("aaa111", "c1"), ("bbb222", "c1")}  # nothing was written


def _fields(r: object) -> list[str]:
    detail = r.json()["detail"]  # type: ignore[attr-defined]
    return [str(e["loc"][-1]) for e in detail]


def test_bodies_and_parameters_are_validated(db: str) -> None:
    c = client(db)
    r = c.post("/api/v1/decisions", json={"kind": "merge", "a": "Maria Lopez"}, headers=AUTH)
    assert r.status_code == 422 and _fields(r) == ["b"]
    r = c.post("/api/v1/decisions", json={"kind": "annul", "a": "x"}, headers=AUTH)
    assert r.status_code == 422 and "kind" in r.text
    r = c.post(
        "/api/v1/decisions", json={"kind": "split", "entity": "", "alias": "x"}, headers=AUTH
    )
    assert r.status_code == 422 and _fields(r) == ["entity"]
    r = c.post(
        "/api/v1/decisions",
        json={"kind": "merge", "a": "Maria Lopez", "b": "Maria Lopez"},
        headers=AUTH,
    )
    assert r.status_code == 409
    r = c.post(
        "/api/v1/decisions", json={"kind": "merge", "a": "Nobody", "b": "Texas"}, headers=AUTH
    )
    assert r.status_code == 404
    assert _fields(c.get("/api/v1/decisions?limit=0")) == ["limit"]
    assert _fields(c.get("/api/v1/decisions?offset=-1")) == ["offset"]
    assert _fields(c.get("/api/v1/decisions?kind=annul")) == ["kind"]
    assert c.get("/api/v1/decisions/d_none").status_code == 404


def test_openapi_documents_the_decision_routes(db: str) -> None:
    paths = client(db).get("/openapi.json").json()["paths"]
    assert set(paths["/api/v1/decisions"]) == {"get", "post"}
    assert set(paths["/api/v1/decisions/{decision_id}"]) == {"get", "delete"}


def test_a_busy_database_is_a_503_saying_so(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holds the file for writing (an ingest's batch): with no time to wait,
    reads and writes answer 503 with Retry-After instead of an error page."""
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "sys.stdin.readline()",
            db,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("NEWSGRAPH_READ_WAIT_S", "0")
        monkeypatch.setenv("NEWSGRAPH_WRITE_WAIT_S", "0")
        c = client(db)
        r = c.get("/api/v1/decisions")
        assert r.status_code == 503 and r.headers["retry-after"] == "5"
        assert "still busy" in r.json()["detail"] and "NG304" in r.json()["detail"]
        body = {"kind": "wrong_claim", "doc_id": "bbb222", "record_id": "c1"}
        r = c.post("/api/v1/decisions", json=body, headers=AUTH)
        assert r.status_code == 503 and "to write to it" in r.json()["detail"]
    finally:
        holder.communicate("\n")
    r = client(db).post("/api/v1/decisions", json=body, headers=AUTH)
    assert r.status_code == 201


def test_a_running_server_shares_one_read_connection_and_writes_through_it(db: str) -> None:
    app = create_app(ServeSettings(db=db, allow_writes=True, token=TOKEN))
    with TestClient(app) as c:  # the lifespan: reads shared while the server runs
        assert c.get("/api/v1/decisions").json()["total"] == 0
        warm = share_reads(db)
        assert warm.is_open and warm.opened == 1
        body = {"kind": "wrong_event", "doc_id": "aaa111", "record_id": "v2"}
        assert c.post("/api/v1/decisions", json=body, headers=AUTH).status_code == 201
        assert c.get("/api/v1/decisions").json()["total"] == 1
        assert warm.opened == 2
    assert not warm.is_open
