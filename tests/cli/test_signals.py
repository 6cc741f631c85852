"""SIGTERM / SIGINT to ``newsgraph ingest --workers 2``: no worker or helper process outlives it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

NEWSGRAPH = [sys.executable, "-m", "newsgraph.cli.main"]

pytestmark = pytest.mark.slow


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) of ``pid`` from /proc, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), fields[0], fields[19]


def _children(parent: int) -> dict[int, str]:
    """Live children of ``parent``: pid -> start time (identifies the process, not a reused pid)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            st = _stat(int(entry.name))
            if st is not None and st[0] == parent and st[1] != "Z":
                out[int(entry.name)] = st[2]
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _alive(pid: int, start: str) -> bool:
    st = _stat(pid)
    return st is not None and st[1] != "Z" and st[2] == start


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_leaves_no_child_process(tmp_path: Path, signum: int) -> None:
    src = tmp_path / "many.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        # enough articles that the run is still going when the signal comes, however loaded the
        # machine (the workers start slowly under load, then read tiny articles fast)
        for i in range(3000):
            text = f"Envoys of Ostland met delegate {i} in Lagonia. Mara Vell said talks resume."
            fh.write(json.dumps({"date": "2023-05-04", "text": text}) + "\n")
    # stderr to a file, not a pipe: a surviving worker would hold a pipe open and hang the test.
    err_path = tmp_path / "stderr.txt"
    with err_path.open("wb") as err_file:
        proc = subprocess.Popen(
            [*NEWSGRAPH, "ingest", str(src), "--db", str(tmp_path / "t.duckdb"), "--workers", "2"],
            stdout=subprocess.DEVNULL,
            stderr=err_file,
            # SIGINT as in a terminal: a background job (`make test &` from a script) would
            # pass on an ignored SIGINT, and the command rightly keeps ignoring it
            preexec_fn=_default_sigint,
        )
    # Wait until both workers and the resource tracker run (a generous bound, not a speed test).
    children: dict[int, str] = {}
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and len(children) < 3:
        time.sleep(0.2)
        children = _children(proc.pid)
    assert proc.poll() is None, "the ingest ended before the signal could be sent"
    assert len(children) >= 3, children
    commands = [_cmdline(p) for p in children]
    assert any("resource_tracker" in c for c in commands), commands  # the tracker is watched
    assert sum("spawn_main" in c for c in commands) >= 2, commands  # so are both pool workers
    time.sleep(1.0)  # workers are reading
    children.update(_children(proc.pid))
    proc.send_signal(signum)
    proc.wait(timeout=300)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and any(_alive(p, s) for p, s in children.items()):
        time.sleep(0.2)
    left = [p for p, s in children.items() if _alive(p, s)]
    for pid in left:  # do not leave them running after a failed test either
        os.kill(pid, signal.SIGKILL)
    assert not left, "processes outlived the command"
    assert proc.returncode != 0
    err = err_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in err, err
