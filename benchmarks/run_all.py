"""``make bench``: run every benchmark script, print its figures, then enforce the pinned floors.

A benchmark script is a ``benchmarks/*.py`` file with a ``__main__`` block (``common.py``,
``run_all.py`` and modules starting with ``_`` are not). Accuracy evaluations (``*_eval.py``) run
first, speed benchmarks after. Each runs as its own subprocess with its default arguments, so one
that crashes or lacks its data does not stop the others. Each writes
``benchmarks/results/<name>.json`` through ``benchmarks.common.record``; afterwards every recorded
result is checked against ``benchmarks/floors.toml`` (``check_floors``), and a floor with no
result is a breach too. Exit status 1 when a script failed or a floor was breached.

    .venv/bin/python benchmarks/run_all.py [--only NAME ...] [--skip NAME ...] [--list]
        [--timeout SECONDS] [--check-only]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import RESULTS, check_floors, floors  # noqa: E402

HERE = ROOT / "benchmarks"
NOT_SCRIPTS = {"common", "run_all", "__init__"}


def scripts() -> list[Path]:
    """Benchmark scripts in run order: accuracy (``*_eval``) first, then the rest, by name."""
    found = [
        p
        for p in sorted(HERE.glob("*.py"))
        if p.stem not in NOT_SCRIPTS
        and not p.stem.startswith("_")
        and "__main__" in p.read_text(encoding="utf-8")
    ]
    return sorted(found, key=lambda p: (not p.stem.endswith("_eval"), p.stem))


def run_script(path: Path, timeout: float) -> tuple[int, float]:
    """Run one script from the repository root; its output goes straight to ours."""
    print(f"\n=== {path.name}", flush=True)
    start = time.perf_counter()
    # Its own process group, so a stopped script takes its worker processes with it.
    proc = subprocess.Popen(
        [sys.executable, str(path.relative_to(ROOT))], cwd=ROOT, start_new_session=True
    )
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        print(f"!!! {path.name} ran past {timeout:.0f}s and was stopped", flush=True)
        code = 124
    return code, time.perf_counter() - start


def check_all() -> list[str]:
    """Breaches of every pinned floor over every recorded result."""
    breaches: list[str] = []
    recorded: set[str] = set()
    for path in sorted(RESULTS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = str(data.get("benchmark", path.stem))
        recorded.add(name)
        breaches += check_floors(name, data.get("metrics", {}))
    breaches += [
        f"{name}: a floor is pinned but no result was recorded"
        for name in floors()
        if name not in recorded
    ]
    return breaches


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="*", default=None, help="script names (stems) to run")
    ap.add_argument("--skip", nargs="*", default=[], help="script names (stems) not to run")
    ap.add_argument("--timeout", type=float, default=3600.0, help="seconds per script")
    ap.add_argument("--list", action="store_true", help="list the scripts and exit")
    ap.add_argument("--check-only", action="store_true", help="check recorded figures only")
    args = ap.parse_args(argv)

    todo = [
        p
        for p in scripts()
        if (args.only is None or p.stem in args.only) and p.stem not in args.skip
    ]
    if args.list:
        print("\n".join(p.stem for p in todo))
        return 0
    failed: list[str] = []
    timings: list[tuple[str, int, float]] = []
    if not args.check_only:
        for path in todo:
            code, seconds = run_script(path, args.timeout)
            timings.append((path.stem, code, seconds))
            if code != 0:
                failed.append(f"{path.stem} exited with status {code}")

    print("\n=== summary")
    for stem, code, seconds in timings:
        print(f"   {stem:<24} {'ok' if code == 0 else f'FAILED ({code})':<12} {seconds:8.1f}s")
    breaches = check_all()
    for line in failed + breaches:
        print(f"!!! {line}")
    if not failed and not breaches:
        print(f"   all pinned floors hold ({sum(len(v) for v in floors().values())} figures)")
    return 1 if failed or breaches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
