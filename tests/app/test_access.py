"""Reading while an ingest writes: the ingest holds the file only per batch, readers and writers
retry (bounded) on a lock conflict, and a server's shared read connection lets go when idle or
when the server writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.app import access
from newsgraph.app.access import read_store, retrying, share_reads, stop_sharing, write_store
from newsgraph.errors import Failure, StoreBusyError
from newsgraph.model.records import DocResult, Document
from newsgraph.store import Store
from tests.conftest import ROOT, SAMPLES


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds

    def time(self) -> float:
        return self.now


def test_retrying_waits_while_busy_then_opens() -> None:
    clock = FakeClock()
    calls = iter([StoreBusyError("locked"), StoreBusyError("locked"), "opened"])

    def open_() -> str:
        value = next(calls)
        if isinstance(value, Exception):
            raise value
        return value

    assert retrying(open_, wait_s=5, what="read it", sleep=clock.sleep, clock=clock.time) == (
        "opened"
    )
    assert len(clock.pauses) == 2 and clock.pauses[1] > clock.pauses[0]


def test_retrying_gives_up_after_the_bound_with_a_clear_message() -> None:
    clock = FakeClock()

    def open_() -> str:
        raise StoreBusyError("cannot open x.duckdb: Conflicting lock is held")

    with pytest.raises(StoreBusyError, match="still busy after waiting 3s to read it") as err:
        retrying(open_, wait_s=3, what="read it", sleep=clock.sleep, clock=clock.time)
    assert err.value.code == "NG304" and "NEWSGRAPH_READ_WAIT_S" in err.value.describe()
    assert clock.now == pytest.approx(3.0)


def _count(db: str) -> int:
    with read_store(db) as store:
        return store.count("documents")


def test_a_shared_reader_is_one_warm_connection_released_for_a_write(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.duckdb")
    with Store(db) as store:
        store.set_meta("k", "0")
    shared = share_reads(db, idle_s=3600)
    try:
        counts: list[int] = []
        threads = [threading.Thread(target=lambda: counts.append(_count(db))) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert counts == [0, 0, 0, 0]
        assert shared.opened == 1 and shared.is_open  # kept warm between reads
        with write_store(db) as store:  # the same process writes: the reader lets go first
            store.set_meta("k", "1")
        assert not shared.is_open
        with read_store(db) as store:
            assert store.get_meta("k") == "1"
        assert shared.opened == 2
    finally:
        stop_sharing(db)
    assert not shared.is_open


def test_a_shared_reader_with_no_idle_time_closes_after_each_read(tmp_path: Path) -> None:
    db = str(tmp_path / "idle.duckdb")
    with Store(db):
        pass
    shared = share_reads(db, idle_s=0)
    try:
        assert _count(db) == 0
        assert not shared.is_open
        with Store(db) as store:  # nothing holds the file: a writer opens it at once
            store.set_meta("k", "1")
    finally:
        stop_sharing(db)


def test_ingest_releases_the_file_between_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the pipeline works, another connection can open the file (in this process a
    second connection with another configuration is refused while one is open, so opening it
    read-only proves the ingest holds nothing), and sees each batch once it is written."""
    import newsgraph.app.ingest as ingest_job
    import newsgraph.engines.local as local

    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(5):
        (inputs / f"{i}.txt").write_text(f" date 2024-01-0{i + 1} Ostland story number {i}.\n")
    db = str(tmp_path / "ing.duckdb")
    seen: list[int] = []

    def pipeline(items: Iterable[Document | Failure], **_: Any) -> Iterator[Any]:
        for item in items:
            with Store(db, read_only=True) as store:  # raises if the ingest held the file
                seen.append(store.count("documents"))
            yield item if isinstance(item, Failure) else DocResult(doc=item)

    monkeypatch.setattr(local, "run_pipeline", pipeline)
    monkeypatch.setattr(ingest_job, "WRITE_BATCH", 2)
    summary = ingest_job.ingest_paths([str(inputs)], db)
    assert summary.new == 5
    assert seen == [0, 0, 2, 2, 4]
    assert _count(db) == 5
    # Again: every document known, nothing written, and the file is free afterwards.
    assert ingest_job.ingest_paths([str(inputs)], db).unchanged == 5
    with Store(db):
        pass


def test_reading_while_an_ingest_runs_in_another_process(tmp_path: Path) -> None:
    """An ingest of the samples runs in a subprocess; this process reads the same file over and
    over (through the read path of the CLI, the API and the pages) until it ends: every read
    succeeds, none gets "Conflicting lock"."""
    from newsgraph.cli.main import cli

    db = str(tmp_path / "live.duckdb")
    with Store(db):
        pass  # the file exists before the first read
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsgraph.cli.main", "ingest", str(SAMPLES), "--db", db, "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reads = during = 0
    counts: list[int] = []
    try:
        while True:
            running = proc.poll() is None
            counts.append(_count(db))
            result = CliRunner().invoke(cli, ["entities", "--db", db, "--json"])
            assert result.exit_code == 0, result.output
            reads += 1
            during += running
            if not running:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        out, err = proc.communicate()
    assert proc.returncode in (0, 1), err  # 1: an input failed (reported, not a crash)
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["new"] > 0 and counts[-1] == summary["new"]
    assert during >= 1 and reads == len(counts)
    assert counts == sorted(counts)  # whole batches appear, never a partial state
    assert "Conflicting lock" not in err


def test_bounds_can_be_set_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_READ_WAIT_S", "2.5")
    assert access._bound("NEWSGRAPH_READ_WAIT_S", 30.0) == 2.5
    monkeypatch.setenv("NEWSGRAPH_READ_WAIT_S", "soon")
    assert access._bound("NEWSGRAPH_READ_WAIT_S", 30.0) == 30.0


def test_a_server_lets_go_when_another_process_waits_to_write(tmp_path: Path) -> None:
    """A writer kept waiting leaves a marker with its pid; the shared reader closes the file
    before the next request and waits for the marker to go (the writer got the file)."""
    db = str(tmp_path / "marker.duckdb")
    with Store(db):
        pass
    marker = access.waiting_marker(db)
    shared = share_reads(db, idle_s=3600)
    pauses: list[float] = []

    def sleep(seconds: float) -> None:  # the writer gets the file and removes its marker
        pauses.append(seconds)
        assert not shared.is_open  # let go before waiting
        marker.unlink()

    shared.sleep = sleep
    try:
        assert _count(db) == 0 and shared.opened == 1
        marker.write_text(str(os.getpid()))  # this process: not another writer
        assert not access.writer_waiting(db)
        assert _count(db) == 0 and shared.opened == 1 and pauses == []
        marker.write_text(str(os.getppid()))  # a live process waits to write
        assert access.writer_waiting(db)
        assert _count(db) == 0
        assert pauses and shared.opened == 2 and not marker.exists()
    finally:
        stop_sharing(db)


def test_a_marker_left_by_a_dead_writer_is_ignored(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    db = str(tmp_path / "stale.duckdb")
    access.waiting_marker(db).write_text(str(proc.pid))
    assert not access.writer_waiting(db)


def test_a_writer_kept_waiting_leaves_its_marker_then_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "w.duckdb")
    with Store(db):
        pass
    seen: list[bool] = []
    real = access.Store
    tries = iter([True, True, False])

    def store(path: str, **kw: Any) -> Store:
        if next(tries):
            seen.append(access.waiting_marker(db).exists())
            raise StoreBusyError("Conflicting lock is held")
        seen.append(access.waiting_marker(db).read_text() == str(os.getpid()))
        return real(path, **kw)

    monkeypatch.setattr(access, "Store", store)
    with access.write_store(db):
        pass
    assert seen == [False, True, True]
    assert not access.waiting_marker(db).exists()
