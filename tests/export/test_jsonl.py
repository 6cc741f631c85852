"""JSONL export: contract v1 records from the store, and the round trip through ``ingest``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.store import Store
from newsgraph.store.reader import iter_contract_objects
from tests.export.conftest import export


def _lines(data: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_jsonl_is_the_stored_contract_records(samples_db: str) -> None:
    code, out, err = export(samples_db, "-f", "jsonl", "--min-confidence", "0")
    assert code == 0, err
    records = _lines(out)
    with Store(samples_db, read_only=True) as store:
        assert records == list(iter_contract_objects(store))
    assert all(r["contract"] == 1 and r["doc"]["text"] for r in records)
    assert "18 documents" in err


def test_jsonl_filters(samples_db: str) -> None:
    _, out, _ = export(samples_db, "-f", "jsonl", "--min-confidence", "0")
    everything = _lines(out)
    _, out, _ = export(samples_db, "-f", "jsonl", "--from", "2025")
    assert 0 < len(_lines(out)) < len(everything)
    assert all(str(r["doc"]["date"]) >= "2025" for r in _lines(out))  # type: ignore[index]
    _, out, _ = export(samples_db, "-f", "jsonl", "-q", "comet", "--min-confidence", "0")
    assert len(_lines(out)) == 1
    _, out, _ = export(samples_db, "-f", "jsonl", "--min-confidence", "0.95")
    sure = _lines(out)
    assert len(sure) == len(everything)
    n_all = sum(len(r["events"]) + len(r["claims"]) for r in everything)  # type: ignore[arg-type]
    n_sure = sum(len(r["events"]) + len(r["claims"]) for r in sure)  # type: ignore[arg-type]
    assert n_sure < n_all
    for r in sure:
        for rec in [*r["events"], *r["claims"]]:  # type: ignore[misc]
            assert rec["confidence"] is None or rec["confidence"] >= 0.95


def test_round_trip_through_ingest_gives_the_same_records(samples_db: str, tmp_path: Path) -> None:
    """Export everything, ingest the file into a new database: every document comes back with the
    same contract record (same id, text, repairs and the same extractions, kept as they were, not
    read again), and resolution over them gives the same actors."""
    exported = tmp_path / "all.jsonl"
    code, _, err = export(samples_db, "-f", "jsonl", "--min-confidence", "0", "-o", str(exported))
    assert code == 0, err
    copy = tmp_path / "copy.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(exported), "--db", str(copy)])
    assert result.exit_code == 0, result.output
    with Store(samples_db, read_only=True) as a, Store(copy, read_only=True) as b:
        assert list(iter_contract_objects(a)) == list(iter_contract_objects(b))
        for table in ("mentions", "entities", "claims", "events", "timexes", "flags", "sentences"):
            assert a.count(table) == b.count(table), table
        actors = "SELECT id, name, type, n_mentions, n_docs FROM canonical_entities ORDER BY id"
        assert a.con.execute(actors).fetchall() == b.con.execute(actors).fetchall()
    # Ingesting it again changes nothing (the ids are the exported ones).
    again = CliRunner().invoke(cli, ["ingest", str(exported), "--db", str(copy)])
    assert again.exit_code == 0 and "new 0" in again.output
