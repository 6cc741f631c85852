"""A run killed (SIGKILL) at any moment of ingest, resolution or search-index rebuild, then run
again, ends with the same database as one clean run: every table, the search index and its
results, the failures, and the exit code.

The kills are injected at named points with the ``NEWSGRAPH_FAULT`` test hook
(:mod:`newsgraph.faults`): the process kills itself with SIGKILL there, so the moment is exact,
not a race. Runs go through the CLI in subprocesses, ``--workers 1``, over ~70 short articles
(two write batches) that share actors, so resolution and event linking have work to do.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsgraph.faults import ENV, POINTS

pytestmark = pytest.mark.slow

NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli.main"]
QUERIES = ["Vell", "talks quota", "arrested protesters Lagonia", "Ostland"]

PEOPLE = [("Mara Vell", "Vell"), ("Ivo Brandt", "Brandt"), ("Tomas Quill", "Quill")]
PLACES = ["Ostland", "Lagonia", "Carpathia", "Freedonia"]


def _write_inputs(root: Path) -> list[str]:
    """Articles (70 JSONL lines, a seed file) and a file of bad lines (failure rows)."""
    root.mkdir()
    with (root / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(70):
            (a, a_short), (b, _) = PEOPLE[i % 3], PEOPLE[(i + 1) % 3]
            here, there = PLACES[i % 4], PLACES[(i + 2) % 4]
            text = (
                f"{a} of {here} met {b} in {there} on Monday. {a_short} said the talks on "
                f"fishing quota {i} would resume in March. Police in {there} arrested "
                f"{i + 2} protesters on Tuesday."
            )
            fh.write(json.dumps({"date": f"2023-05-{1 + i % 20:02d}", "text": text}) + "\n")
    (root / "seed.txt").write_text(
        " date 2023-06-02\nIvo Brandt of Lagonia accused Mara Vell of hiding the fishing "
        "reports, and Vell denied it on Friday.\n",
        encoding="utf-8",
    )
    (root / "broken.jsonl").write_text(
        '{"date": "2023-05-01", "text": "Tomas Quill visited Carpathia on Monday."}\n'
        '{"date": "2023-02-30", "text": "An impossible date."}\n'
        '{"text": "No date at all."}\n'
        "not json\n",
        encoding="utf-8",
    )
    return [str(root / "articles.jsonl"), str(root / "seed.txt"), str(root / "broken.jsonl")]


def _ingest(paths: list[str], db: Path, fault: str | None = None) -> int:
    env = {k: v for k, v in os.environ.items() if k != ENV}
    if fault is not None:
        env[ENV] = fault
    done = subprocess.run(
        [*NEWSGRAPH, "ingest", *paths, "--db", str(db), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode


def dump(db: Path) -> dict[str, Any]:
    """Every table of every schema (the search index's included), rows sorted, without the
    columns that record when something happened; then search results for a few queries."""
    from newsgraph.query import search
    from newsgraph.store import Store

    con = duckdb.connect(str(db), read_only=True)
    out: dict[str, Any] = {}
    try:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL"
        ).fetchall()
        for schema, table in tables:
            cols = [
                name
                for name, kind in con.execute(
                    "SELECT column_name, data_type FROM duckdb_columns() "
                    "WHERE schema_name = ? AND table_name = ?",
                    [schema, table],
                ).fetchall()
                if not name.endswith("_at")
                and name not in ("first_seen", "last_seen")
                and "TIMESTAMP" not in kind
            ]
            col_list = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'SELECT {col_list} FROM "{schema}"."{table}"').fetchall()
            out[f"{schema}.{table}"] = sorted(rows, key=repr)
    finally:
        con.close()
    with Store(db, read_only=True) as store:
        for q in QUERIES:
            result = search(store, q).to_dict()
            assert result["method"] != "scan", result  # the index is fresh, not a fallback
            out[f"search {q!r}"] = result
    return out


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _write_inputs(tmp_path_factory.mktemp("killed") / "in")


@pytest.fixture(scope="module")
def clean(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Any]:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    code = _ingest(inputs, db)
    assert code == 1  # the broken lines are failures
    state = dump(db)
    # The clean run did what the kills interrupt: two batches, canonical entities, event
    # links, failures, an index.
    assert len(state["main.documents"]) == 72
    assert state["main.canonical_entities"] and state["main.event_links"]
    assert {r[2] for r in state["main.failures"]} == {"NG103", "NG104", "NG105"}
    return code, state


# Each scenario: the faults of successive killed runs, then one run without a fault.
SCENARIOS = [
    ["batch-written:2"],  # inside the second batch's transaction
    ["batch-committed:1"],  # between two batches
    ["batch-committed:2"],  # after the last batch, before failures are pruned and resolution
    ["before-resolve"],
    ["resolve-written"],  # inside the canonical-entities transaction
    ["entities-resolved"],  # entities committed, events not linked
    ["events-linked"],  # both committed, pending mark not cleared
    ["resolved"],  # resolution marked, search index not rebuilt
    ["index-written"],  # inside the search-index transaction
    ["batch-committed:1", "index-written"],  # killed twice: the re-run is killed too
]


def test_every_named_point_is_exercised() -> None:
    named = {spec.split(":")[0] for scenario in SCENARIOS for spec in scenario}
    assert named == set(POINTS)


@pytest.mark.parametrize("faults", SCENARIOS, ids=lambda f: "+".join(f))
def test_killed_run_then_rerun_equals_a_clean_run(
    faults: list[str], inputs: list[str], clean: tuple[int, Any], tmp_path: Path
) -> None:
    db = tmp_path / "killed.duckdb"
    for fault in faults:
        code = _ingest(inputs, db, fault)
        assert code == -signal.SIGKILL, f"{fault}: the run was not killed there (exit {code})"
    assert _ingest(inputs, db) == clean[0]
    assert dump(db) == clean[1]
