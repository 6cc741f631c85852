"""The server's warm read-only connection: shared by requests, let go when idle, after a long
hold and around the server's own writes, so that a writer can open the file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsgraph.app.warm import WarmReader
from newsgraph.store import Store


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "warm.duckdb"
    with Store(path, refresh_index_on_close=False):
        pass
    return str(path)


def _writable(db: str) -> bool:
    """Whether this process can open the file for writing now (not while a reader holds it)."""
    try:
        with Store(db, refresh_index_on_close=False) as store:
            store.set_meta("probe", "1")
        return True
    except Exception:
        return False


def wait_until(check: object, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_requests_share_one_connection_and_it_is_let_go_when_idle(db: str) -> None:
    reader = WarmReader(db, idle_s=0.1)
    with reader.reading() as a:
        first = reader._store
        assert a.read_only and a.count("documents") == 0
    with reader.reading():
        assert reader._store is first  # still warm: the same connection
    assert wait_until(lambda: reader._store is None)
    assert _writable(db)
    reader.close()


def test_a_write_of_the_server_releases_the_reader(db: str) -> None:
    reader = WarmReader(db, idle_s=60)
    with reader.reading():
        pass
    assert reader._store is not None
    with reader.writing():
        assert reader._store is None and _writable(db)
    with reader.reading() as store:  # reopened after the write, and sees it
        assert store.get_meta("probe") == "1"
    reader.close()


def test_a_long_hold_is_released_for_a_waiting_writer(db: str) -> None:
    reader = WarmReader(db, idle_s=60, max_hold_s=0.0)
    with reader.reading():
        pass
    assert reader._store is None  # held past max_hold_s: let go after the request
    with reader.reading() as store:  # and opened again for the next one
        assert store.count("documents") == 0
    reader.close()
