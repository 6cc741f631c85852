"""The served app: API under /api/v1, OpenAPI, pages, security headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.serve import ServeSettings, create_app
from newsgraph.store import Store


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    db = tmp_path / "s.duckdb"
    with Store(db):
        pass
    return TestClient(create_app(ServeSettings(db=str(db))))


def test_openapi_lists_the_v1_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/version" in spec["paths"]


def test_every_response_carries_a_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/api/v1/version"):
        r = client.get(path)
        assert r.status_code == 200
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
