"""``newsgraph serve`` as a user starts it: it answers on localhost, reads the database without
keeping a writer out, refuses a missing database with a clear error, and stops on SIGTERM."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from newsgraph.app.access import write_store
from newsgraph.cli.serve import _loopback
from newsgraph.store import Store

NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli.main"]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return dict(json.loads(r.read()))
    except OSError:
        return None


def test_serve_answers_then_stops_on_sigterm(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db):
        pass
    port = _free_port()
    proc = subprocess.Popen(
        [*NEWSGRAPH, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = None
        for _ in range(300):  # bounded wait for start-up (imports, then the socket)
            body = _get(f"http://127.0.0.1:{port}/api/v1/stats")
            if body is not None or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert body is not None, proc.stderr.read() if proc.poll() is not None else "no answer"
        assert body["documents"] == 0
        # the server reads only, and lets go of its warm connection as soon as a writer in
        # another process waits (as an ingest does), without any request coming
        with write_store(str(db)) as store:
            assert store.count("documents") == 0
        assert _get(f"http://127.0.0.1:{port}/api/v1/stats") is not None
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    # uvicorn shuts down cleanly, then re-raises the signal so the exit status tells of it
    assert proc.returncode in (0, -signal.SIGTERM), err
    assert "Traceback" not in err
    assert f"http://127.0.0.1:{port}/" in out


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    done = subprocess.run(
        [*NEWSGRAPH, "serve", "--db", str(tmp_path / "none.duckdb"), "--port", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "NG401" in done.stderr and "no database" in done.stderr


@pytest.mark.parametrize(
    ("host", "local"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("x.org", False)],
)
def test_only_loopback_binds_are_quiet(host: str, local: bool) -> None:
    assert _loopback(host) is local
