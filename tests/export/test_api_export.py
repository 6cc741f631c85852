"""``GET /api/v1/export``: the CLI's exports over HTTP, streamed, with errors as statuses."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from newsgraph.serve import ServeSettings, create_app
from tests.export.conftest import export


@pytest.fixture(scope="module")
def client(samples_db: str) -> TestClient:
    return TestClient(create_app(ServeSettings(db=samples_db)))


def test_the_api_streams_what_the_cli_writes(client: TestClient, samples_db: str) -> None:
    for fmt, args in (
        ("jsonl", ["--min-confidence", "0.5"]),
        ("plover", ["--entity", "Aldana Ferrer", "--from", "2024"]),
        ("claimreview", ["--query", "strike"]),
    ):
        params = {"format": fmt}
        it = iter(args)
        for opt, value in zip(it, it, strict=True):
            params[{"--min-confidence": "min_confidence", "--query": "q"}.get(opt, opt[2:])] = value
        r = client.get("/api/v1/export", params=params)
        assert r.status_code == 200, r.text
        _, cli_out, _ = export(samples_db, "-f", fmt, *args)
        assert r.content == cli_out and r.content
        assert "attachment" in r.headers["content-disposition"]
    r = client.get("/api/v1/export", params={"format": "timelinejs", "entity": "Aldana Ferrer"})
    assert r.headers["content-type"].startswith("application/json")
    assert json.loads(r.content)["events"]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"format": "nope"}, 400, "NG601"),
        ({"format": "parquet"}, 400, "NG600"),
        ({"format": "timelinejs"}, 400, "NG600"),
        ({"format": "plover", "entity": "Nobody Of Freedonia"}, 404, None),
        ({"format": "plover", "from": "last week"}, 422, None),
        ({"format": "plover", "min_confidence": "2"}, 422, None),
    ],
)
def test_errors_are_statuses_before_any_byte(
    client: TestClient, params: dict[str, str], status: int, code: str | None
) -> None:
    r = client.get("/api/v1/export", params=params)
    assert r.status_code == status, r.text
    if code:
        assert r.json()["detail"]["code"] == code


def test_openapi_lists_the_export_route(client: TestClient) -> None:
    assert "/api/v1/export" in client.get("/openapi.json").json()["paths"]
