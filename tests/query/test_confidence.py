"""``--min-confidence``: read commands hide claims and events the pipeline is less sure of, with
the threshold from the command line or else from the config (no spaCy; hand-made results)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.config import load_config
from newsgraph.query.claims import find_claims
from newsgraph.query.events import find_events
from newsgraph.query.timeline import timeline
from newsgraph.store import Store
from tests.store.builders import corpus


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    """The builders' corpus with confidences set: the first claim and the first event of each
    article sure (0.9), the rest unsure (0.2)."""
    results = corpus()
    for r in results:
        for records in (r.claims, r.events):
            for i, rec in enumerate(records):
                rec.confidence = 0.9 if i == 0 else 0.2
    path = tmp_path / "conf.duckdb"
    with Store(path) as store:
        store.write_batch(results, [])
    yield str(path)


def test_queries_leave_out_records_below_the_threshold(db: str) -> None:
    with Store(db, read_only=True) as store:
        all_events = find_events(store)
        sure_events = find_events(store, min_confidence=0.5)
        all_claims = find_claims(store)
        sure_claims = find_claims(store, min_confidence=0.5)
        items = timeline(store, min_confidence={"event": 0.5, "claim": 0.0})
    assert len(sure_events) < len(all_events)
    assert {e.confidence for e in sure_events} == {0.9}
    assert {c.confidence for c in sure_claims} == {0.9}
    assert len(sure_claims) <= len(all_claims)
    kinds = {(i.kind, i.confidence) for i in items}
    assert ("event", 0.2) not in kinds and ("event", 0.9) in kinds


def test_commands_take_min_confidence_and_default_to_the_config(db: str) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["events", "--db", db, "--json", "--min-confidence", "0.5"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.output.splitlines()]
    assert rows and {r["confidence"] for r in rows} == {0.9}
    res = runner.invoke(cli, ["events", "--db", db, "--json", "--min-confidence", "0"])
    every = [json.loads(x) for x in res.output.splitlines()]
    assert {r["confidence"] for r in every} == {0.2, 0.9}
    default = load_config().query.min_event_confidence
    res = runner.invoke(cli, ["events", "--db", db, "--json"])
    shown = [json.loads(x) for x in res.output.splitlines()]
    assert len(shown) == sum(r["confidence"] >= default for r in every)
    res = runner.invoke(cli, ["claims", "--db", db, "--min-confidence", "1.5"])
    assert res.exit_code == 2 and "min-confidence" in res.output
