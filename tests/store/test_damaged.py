"""A damaged or foreign database file: a clear error with its own code and exit 2, never a
traceback, a segfault, or the hint that another process may be writing to it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from newsgraph.cli import main as cli_main
from newsgraph.errors import (
    DamagedStoreError,
    SchemaVersionError,
    StoreAccessError,
    StoreBusyError,
    StoreError,
)
from newsgraph.store import Store
from newsgraph.store.damage import as_store_error
from tests.store.builders import corpus


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("damaged") / "real.duckdb"
    with Store(path) as store:
        store.write_batch(corpus())
    return path


def random_bytes(tmp_path: Path) -> Path:
    path = tmp_path / "random.duckdb"
    path.write_bytes(os.urandom(300_000))
    return path


def truncated(real: Path, tmp_path: Path) -> Path:
    path = tmp_path / "truncated.duckdb"
    data = real.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def scrambled_blocks(real: Path, tmp_path: Path) -> Path:
    """Every data block after the file header overwritten in its middle (checksums fail)."""
    path = tmp_path / "scrambled.duckdb"
    shutil.copy(real, path)
    size = path.stat().st_size
    with path.open("r+b") as f:
        for offset in range(12288 + 1000, size, 4096):
            f.seek(offset)
            f.write(os.urandom(16))
    return path


def run_cli(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["newsgraph", *args])
    with pytest.raises(SystemExit) as exit_:
        cli_main.main()
    return int(exit_.value.code or 0)


@pytest.mark.parametrize("read_only", [True, False])
def test_random_bytes_and_truncated_copy_are_damaged(
    real_store: Path, tmp_path: Path, read_only: bool
) -> None:
    for path in (random_bytes(tmp_path), truncated(real_store, tmp_path)):
        with pytest.raises(DamagedStoreError) as err:
            Store(path, read_only=read_only)
        assert err.value.code == "NG303"
        assert "damaged or not a newsgraph database" in err.value.describe()
        assert "another process" not in err.value.describe()


@pytest.mark.parametrize("command", [["show", "Genaro"], ["entities"], ["search", "cartel"]])
def test_cli_reports_damage_with_exit_2(
    real_store: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    for path in (
        random_bytes(tmp_path),
        truncated(real_store, tmp_path),
        scrambled_blocks(real_store, tmp_path),
    ):
        assert run_cli(monkeypatch, *command, "--db", str(path)) == 2
        err = capsys.readouterr().err
        assert "[NG303]" in err and "Traceback" not in err, err
        assert "ingest" in err  # what to do: rebuild it


def test_ingest_into_a_damaged_file_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(" date 2024-03-01\nOstland closed its border.\n", encoding="utf-8")
    db = random_bytes(tmp_path)
    assert run_cli(monkeypatch, "ingest", "--db", str(db), str(article)) == 2
    assert "[NG303]" in capsys.readouterr().err


def test_a_foreign_duckdb_database_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INTEGER)")
    con.close()
    for read_only in (True, False):
        with pytest.raises(SchemaVersionError):
            Store(path, read_only=read_only)


def test_open_errors_are_told_apart() -> None:
    lock = duckdb.IOException('Could not set lock on file "x.duckdb": Conflicting lock is held')
    assert isinstance(as_store_error(lock, "x.duckdb"), StoreBusyError)
    denied = duckdb.IOException('Cannot open file "x.duckdb": Permission denied')
    assert isinstance(as_store_error(denied, "x.duckdb"), StoreAccessError)
    other = as_store_error(duckdb.IOException("something else"), "x.duckdb")
    assert type(other) is StoreError and "x.duckdb" in other.message
