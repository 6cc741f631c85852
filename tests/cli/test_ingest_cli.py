"""End to end through the CLI: ingest and extract as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
BROKEN = ROOT / "tests" / "fixtures" / "broken"
NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli.main"]

pytestmark = pytest.mark.slow


def _jsonl(path: Path, n: int) -> Path:
    """``n`` short, distinct, valid articles in one JSONL file."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = (
                f"Officials in Lisbon met delegate number {i} on Monday. "
                f"Ana Ribeiro said the talks on tariff schedule {i} would resume in March."
            )
            fh.write(json.dumps({"date": f"2021-03-0{1 + i % 9}", "text": text}) + "\n")
    return path


def _dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, without columns that record when something was written."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
            ).fetchall()
        ]
        for table in sorted(tables):
            cols = [
                r[0]
                for r in con.execute(
                    "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?",
                    [table],
                ).fetchall()
                if not r[0].endswith("_at")
                and r[0] not in ("first_seen", "last_seen")
                and "TIMESTAMP" not in r[1]
            ]
            col_list = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'SELECT {col_list} FROM "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def test_ingest_samples_then_rerun_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(SAMPLES), "--db", str(db), "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout.strip().splitlines()[-1])
    assert summary["read"] >= 12 and summary["new"] == summary["read"]
    assert summary["failed"] == 0
    before = _dump(db)
    again = runner.invoke(cli, ["ingest", str(SAMPLES), "--db", str(db), "--json"])
    assert again.exit_code == 0, again.output
    summary2 = json.loads(again.stdout.strip().splitlines()[-1])
    assert summary2["new"] == 0 and summary2["unchanged"] == summary["read"]
    assert _dump(db) == before
    # The dossier of the samples' main actor spans articles and lists every mention.
    shown = runner.invoke(cli, ["show", "Aldana", "--db", str(db), "--mentions", "--json"])
    assert shown.exit_code == 0, shown.output
    dossier = json.loads(shown.stdout)
    assert dossier["n_docs"] >= 5
    con = duckdb.connect(str(db), read_only=True)
    texts = dict(con.execute("SELECT id, text FROM documents").fetchall())
    con.close()
    assert len(dossier["mentions"]) >= dossier["n_docs"]
    for m in dossier["mentions"]:
        assert m["entity_id"] == dossier["entity"]["id"]
        assert texts[m["doc_id"]][m["start"] : m["end"]] == m["text"]


def test_bad_inputs_are_recorded_and_the_rest_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "b.duckdb"
    good = _jsonl(tmp_path / "good.jsonl", 3)
    result = CliRunner().invoke(
        cli, ["ingest", str(BROKEN), str(good), "--db", str(db), "--json", "--no-resolve"]
    )
    assert result.exit_code == 1
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    expected = tomllib.loads((BROKEN / "EXPECTED.toml").read_text(encoding="utf-8"))
    good_in_broken = sum(int(v["documents"]) for v in expected.values())
    assert summary["new"] == 3 + good_in_broken
    assert summary["failed"] == sum(int(v["failures"]) for v in expected.values())
    con = duckdb.connect(str(db), read_only=True)
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()
    codes = {r[0] for r in con.execute("SELECT code FROM failures").fetchall()}
    con.close()
    assert n_docs == (3 + good_in_broken,)
    assert {"NG101", "NG102", "NG104", "NG106"} <= codes  # decode, empty, bad date, binary
    # Running it again records nothing twice.
    CliRunner().invoke(cli, ["ingest", str(BROKEN), "--db", str(db), "--no-resolve"])
    con = duckdb.connect(str(db), read_only=True)
    n_fail = con.execute("SELECT count(*) FROM failures").fetchone()
    con.close()
    assert n_fail is not None and n_fail[0] == summary["failed"]


def test_killed_ingest_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "many.jsonl", 400)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*NEWSGRAPH, "ingest", str(src), "--db", str(killed)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Kill once the first batches are committed (the file grows), well before the end.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if killed.exists() and killed.stat().st_size > 0:
            time.sleep(3.0)
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode != 0, "the ingest finished before it could be killed"
    rerun = subprocess.run([*NEWSGRAPH, "ingest", str(src), "--db", str(killed)], env=env)
    assert rerun.returncode == 0
    once = subprocess.run([*NEWSGRAPH, "ingest", str(src), "--db", str(clean)], env=env)
    assert once.returncode == 0
    assert _dump(killed) == _dump(clean)


def test_extract_seed_gives_the_contract(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(seed_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) >= {"doc", "mentions", "entities", "timexes", "claims", "events", "flags"}
    doc = obj["doc"]
    assert doc["date"] == "2024-09-17" and doc["date_precision"] == "day"
    assert "Luna — who" in doc["text"] and "Lunawho" not in doc["text"]
    for rep in doc["repairs"]:
        assert doc["text"][rep["start"] : rep["end"]] == rep["after"]
    persons = " | ".join(m["text"] for m in obj["mentions"] if m["type"] == "PERSON")
    for name in ("García Luna", "López Obrador", "Zambada", "De Castro"):
        assert name in persons, (name, persons)
    for m in obj["mentions"]:
        assert doc["text"][m["start"] : m["end"]] == m["text"]


def test_extract_no_repair_keeps_the_input_text(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--no-repair", str(seed_path)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)["doc"]
    assert doc["repairs"] == []
    assert "Lunawho" in doc["text"]
    assert raw.endswith(doc["text"]) or raw.rstrip("\n").endswith(doc["text"])


def test_extract_reads_stdin_and_fails_clearly() -> None:
    line = json.dumps({"date": "2022-05-04", "text": "Maria Lopez resigned on Friday."})
    bad = json.dumps({"date": "2022-02-30", "text": "Impossible date."})
    result = CliRunner().invoke(
        cli, ["extract", "-", "--format", "jsonl"], input=f"{line}\n{bad}\n"
    )
    assert result.exit_code == 1
    out = [json.loads(x) for x in result.stdout.strip().splitlines()]
    assert len(out) == 1 and out[0]["doc"]["date"] == "2022-05-04"
    assert "NG104" in result.stderr


def test_a_fixed_input_loses_its_old_failure(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"date": "2022-04-05", "text": "Ostland recalled its envoy from Lagonia."})
    other = _jsonl(tmp_path / "other.jsonl", 1)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"date": "2022-02-30", "text": "Never fixed."}\n', encoding="utf-8")
    feed.write_text(
        good + "\n" + json.dumps({"date": "2022-02-30", "text": "Freedonia signed."}) + "\n",
        encoding="utf-8",
    )
    args = ["--db", str(db), "--no-resolve"]
    first = CliRunner().invoke(cli, ["ingest", str(feed), str(other), str(broken), *args])
    assert first.exit_code == 1
    feed.write_text(
        good + "\n" + json.dumps({"date": "2022-03-02", "text": "Freedonia signed."}) + "\n",
        encoding="utf-8",
    )
    second = CliRunner().invoke(cli, ["ingest", str(feed), *args])
    assert second.exit_code == 0, second.output
    out = CliRunner().invoke(cli, ["failures", "--db", str(db), "--json"])
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    # The fixed line is no longer listed; a failure of an input not read again is kept.
    assert [(r["input"], r["line"], r["code"]) for r in rows] == [(str(broken), 1, "NG104")]


def test_a_run_killed_before_resolution_is_resolved_by_the_next_run(tmp_path: Path) -> None:
    """Documents committed but never resolved (a kill after the last batch, or --no-resolve):
    the next ingest, even one that adds nothing, finishes the resolution."""
    db = tmp_path / "p.duckdb"
    src = _jsonl(tmp_path / "few.jsonl", 3)
    first = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(db), "--no-resolve"])
    assert first.exit_code == 0, first.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM canonical_entities").fetchone() == (0,)
    con.close()
    again = CliRunner().invoke(cli, ["ingest", str(src), "--db", str(db), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout.strip().splitlines()[-1])["new"] == 0
    con = duckdb.connect(str(db), read_only=True)
    n_canonical = con.execute("SELECT count(*) FROM canonical_entities").fetchone()
    pending = con.execute("SELECT value FROM meta WHERE key = 'resolve_pending'").fetchone()
    con.close()
    assert n_canonical is not None and n_canonical[0] > 0
    assert pending == ("0",)
