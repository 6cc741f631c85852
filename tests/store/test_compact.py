"""Block size of new stores, and ``newsgraph compact``: a store rewritten into a new file keeps
every row, uses no more space, and a job that fails, is refused or is killed leaves the original
as it was."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from newsgraph.app.resolution import run_resolution
from newsgraph.cli import main as cli_main
from newsgraph.cli.main import cli
from newsgraph.errors import SchemaVersionError, StoreBusyError, StoreError
from newsgraph.model.records import DocResult, Document
from newsgraph.store import Store, compact, core
from tests.store.builders import Builder

OLD_BLOCK_SIZE = 262_144  # DuckDB's default: what stores made before BLOCK_SIZE have

PLACES = ["Carpathia", "Ostland", "Lagonia", "Freedonia"]


def article(i: int) -> DocResult:
    """A short fictional article, its own for each ``i``."""
    a, b = PLACES[i % 4], PLACES[(i + 1) % 4]
    text = (
        f"Minister Ilona Varga of {a} met envoy Tomas Brandt in {b} on day {i}. "
        f"Varga said {a} would reopen the border with {b}."
    )
    builder = Builder(Document(f"doc{i:04d}", "2025-03-14", "day", text, title=f"Talks {i}"))
    builder.mention("Ilona Varga", "e1")
    builder.mention("Varga", "e1", nth=1)
    builder.mention("Tomas Brandt", "e2")
    builder.mention(a, "e3", type="GPE")
    builder.mention(b, "e4", type="GPE")
    builder.entity("e1", "Ilona Varga", aliases=["Varga"])
    builder.entity("e2", "Tomas Brandt")
    builder.entity("e3", a, type="GPE")
    builder.entity("e4", b, type="GPE")
    return builder.result


def block_size(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


def used_bytes(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT used_blocks * block_size FROM pragma_database_size()").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables}
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old_block_size(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stores created meanwhile get DuckDB's default block size, as before BLOCK_SIZE."""
    for config in (core.CONNECT_CONFIG, core.READ_CONFIG):
        monkeypatch.setitem(config, "default_block_size", str(OLD_BLOCK_SIZE))
    yield


def grow(path: Path, updates: int, start: int = 0) -> None:
    """A daily feed: ``updates`` small ingests of two articles, each resolved."""
    for n in range(updates):
        with Store(path) as store:
            store.write_batch([article(start + 2 * n), article(start + 2 * n + 1)])
            run_resolution(store)
            store.mark_resolved()


@pytest.fixture(scope="module")
def bloated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made with 256 kB blocks and grown by many small updates."""
    path = tmp_path_factory.mktemp("compact") / "bloated.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        for config in (core.CONNECT_CONFIG, core.READ_CONFIG):
            mp.setitem(config, "default_block_size", str(OLD_BLOCK_SIZE))
        grow(path, 8)
    return path


@pytest.fixture
def store_copy(bloated: Path, tmp_path: Path) -> Path:
    path = tmp_path / "news.duckdb"
    path.write_bytes(bloated.read_bytes())
    return path


def test_a_new_store_uses_the_chosen_block_size(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        store.write_batch([article(1)])
    assert block_size(path) == core.BLOCK_SIZE < OLD_BLOCK_SIZE


def test_an_old_store_keeps_its_block_size_and_still_takes_updates(store_copy: Path) -> None:
    assert block_size(store_copy) == OLD_BLOCK_SIZE
    grow(store_copy, 1, start=100)
    assert block_size(store_copy) == OLD_BLOCK_SIZE
    with Store(store_copy, read_only=True) as store:
        assert store.count("documents") == 18


def test_compact_keeps_every_row_and_uses_no_more_space(store_copy: Path) -> None:
    before, used_before = contents(store_copy), used_bytes(store_copy)
    size_before = store_copy.stat().st_size
    stats = compact.compact(store_copy)
    assert contents(store_copy) == before
    assert sum(len(rows) for rows in before.values()) == stats.rows > 0
    assert block_size(store_copy) == stats.block_size_after == core.BLOCK_SIZE
    assert used_bytes(store_copy) == stats.used_after <= used_before == stats.used_before
    assert store_copy.stat().st_size < size_before
    assert not (store_copy.parent / (store_copy.name + compact.SUFFIX)).exists()
    grow(store_copy, 1, start=200)  # the compacted store is a working store
    with Store(store_copy, read_only=True) as store:
        assert store.count("documents") == 18
        assert {
            c for (c,) in store.con.execute("SELECT name FROM canonical_entities").fetchall()
        } >= {
            "Ilona Varga",
            "Carpathia",
        }


def test_compact_at_the_same_block_size_frees_the_blocks_updates_left(store_copy: Path) -> None:
    before = contents(store_copy)
    used_before = used_bytes(store_copy)
    compact.compact(store_copy, block_size=OLD_BLOCK_SIZE)
    assert contents(store_copy) == before
    assert used_bytes(store_copy) < used_before


def test_a_copy_that_differs_is_not_swapped_in(
    store_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check compares values, not only row counts: one title changed in the copy."""
    check = compact._check_copy

    def spoil(con: duckdb.DuckDBPyConnection, old: str, new: str) -> tuple[int, int]:
        con.execute(
            f"UPDATE {new}.main.documents SET title = 'Talks in Lagonia' WHERE id = 'doc0003'"
        )
        return check(con, old, new)

    before = digest(store_copy)
    monkeypatch.setattr(compact, "_check_copy", spoil)
    with pytest.raises(StoreError, match="documents differs"):
        compact.compact(store_copy)
    assert digest(store_copy) == before
    assert sorted(p.name for p in store_copy.parent.iterdir()) == [store_copy.name]


def test_compact_is_refused_while_another_process_has_the_store_open(store_copy: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; c = duckdb.connect(sys.argv[1], read_only=True); "
            "print('held', flush=True); sys.stdin.readline()",
            str(store_copy),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    before = digest(store_copy)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusyError):
            compact.compact(store_copy)
    finally:
        holder.communicate("\n")
    assert digest(store_copy) == before
    assert sorted(p.name for p in store_copy.parent.iterdir()) == [store_copy.name]


def test_a_killed_compact_leaves_the_original_and_the_next_one_finishes(store_copy: Path) -> None:
    before = contents(store_copy)
    env = {**os.environ, "NEWSGRAPH_FAULT": "compact-copied"}
    cmd = [sys.executable, "-m", "newsgraph.cli.main", "compact", "--db", str(store_copy)]
    killed = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert killed.returncode == -9
    assert (store_copy.parent / (store_copy.name + compact.SUFFIX)).exists()
    assert block_size(store_copy) == OLD_BLOCK_SIZE and contents(store_copy) == before
    result = CliRunner().invoke(cli, ["compact", "--db", str(store_copy), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["block_size_before"] == OLD_BLOCK_SIZE and out["block_size_after"] == core.BLOCK_SIZE
    assert contents(store_copy) == before
    assert sorted(p.name for p in store_copy.parent.iterdir()) == [store_copy.name]


def test_compact_command_text_and_a_missing_store(
    store_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = CliRunner().invoke(cli, ["compact", "--db", str(store_copy)])
    assert result.exit_code == 0, result.output
    assert f"blocks of 256 kB -> {core.BLOCK_SIZE // 1024} kB" in result.output
    assert "rows in" in result.output
    monkeypatch.setattr(sys, "argv", ["newsgraph", "compact", "--db", str(tmp_path / "no.duckdb")])
    with pytest.raises(SystemExit) as exit_:
        cli_main.main()
    assert exit_.value.code == 2 and "no database at" in capsys.readouterr().err
    assert not (tmp_path / "no.duckdb").exists()


def test_a_foreign_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "ledger.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE harbours AS SELECT 'Port Ostland' AS name, 12 AS berths")
    con.close()
    before = digest(path)
    with pytest.raises(SchemaVersionError):
        compact.compact(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
