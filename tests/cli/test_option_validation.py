"""Bad option values are usage errors: exit 2, naming the option and what it allows; never 0."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from newsgraph.cli.common import max_workers
from newsgraph.cli.main import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("value", ["1987-13-45", "yesterday", "2023-02-30", "87", "2024-1-5"])
@pytest.mark.parametrize("option", ["--from", "--to"])
def test_impossible_or_unreadable_dates_are_usage_errors(
    tmp_path: object, option: str, value: str
) -> None:
    code, out = run("events", "--db", "unused.duckdb", option, value)
    assert code == 2
    assert option in out and "YYYY-MM-DD" in out


def test_unknown_event_type_names_the_allowed_ones() -> None:
    code, out = run("events", "--db", "unused.duckdb", "--type", "FOO")
    assert code == 2
    assert "--type" in out and "ACCUSE" in out and "CONSULT" in out


def test_too_many_workers_is_a_usage_error(tmp_path: object) -> None:
    code, out = run("ingest", "--db", "unused.duckdb", "--workers", str(max_workers() + 1), "x")
    assert code == 2
    assert "--workers" in out
    code, out = run("ingest", "--db", "unused.duckdb", "--workers", "1000", "x")
    assert code == 2


def test_worker_bound_is_sane() -> None:
    assert 1 <= max_workers() <= 32


@pytest.mark.slow
def test_ingest_date_gives_undated_inputs_a_date(tmp_path: Path) -> None:
    src = tmp_path / "undated.txt"
    src.write_text("Ostland recalled its envoy from Lagonia on Monday.", encoding="utf-8")
    db = str(tmp_path / "d.duckdb")
    bad = CliRunner().invoke(cli, ["ingest", str(src), "--db", db, "--date", "2024-13-45"])
    assert bad.exit_code == 2 and "not a date that exists" in bad.output
    ok = CliRunner().invoke(cli, ["ingest", str(src), "--db", db, "--date", "2024-05-06"])
    assert ok.exit_code == 0, ok.output
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT date FROM documents").fetchall() == [("2024-05-06",)]
    con.close()
