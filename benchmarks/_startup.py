"""Fixed start-up cost of ``newsgraph`` commands, each run as a fresh process.

Every command a user types pays Python's start, the imports of what it uses and, for one that
reads articles, the spaCy model and the stages' data files before its first document is done.
Three commands show it: ``newsgraph --version`` (imports only), ``newsgraph show`` on a small
store (a read), ``newsgraph ingest`` of one short article into a new store (first-document
latency: model, stage data, one extraction, the write). Each is timed ``repeats`` times; the
figure is the median wall and CPU (the child's user + system time) seconds.

    .venv/bin/python benchmarks/_startup.py [--repeats 3]    (prints; throughput.py records)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ONE_ARTICLE = SAMPLES / "08_villalba_denies.txt"
STORE_ARTICLES = ("01_aldana_trial_opens.txt", "03_aldana_verdict.txt")


def newsgraph() -> str:
    """The installed ``newsgraph`` script beside this interpreter."""
    exe = Path(sys.executable).with_name("newsgraph")
    return str(exe) if exe.exists() else shutil.which("newsgraph") or "newsgraph"


def timed(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``args`` (exits non-zero: an error)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        round(statistics.median(r[0] for r in runs), 2),
        round(statistics.median(r[1] for r in runs), 2),
    )


def measure(repeats: int = 3) -> dict[str, Any]:
    """``startup_<command>_wall_s`` / ``_cpu_s`` medians of ``repeats`` fresh processes."""
    exe = newsgraph()
    out: dict[str, Any] = {"startup_repeats": repeats}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "small.duckdb")
        subprocess.run(
            [exe, "ingest", *(str(SAMPLES / a) for a in STORE_ARTICLES), "--db", db],
            capture_output=True,
            check=True,
        )
        runs: dict[str, list[tuple[float, float]]] = {"version": [], "show": [], "ingest1": []}
        for k in range(repeats):  # interleaved, so the neighbours' load touches each alike
            runs["version"].append(timed([exe, "--version"]))
            runs["show"].append(timed([exe, "show", "Aldana", "--db", db]))
            fresh = str(Path(tmp) / f"one{k}.duckdb")
            runs["ingest1"].append(timed([exe, "ingest", str(ONE_ARTICLE), "--db", fresh]))
        for name, values in runs.items():
            wall, cpu = median_of(values)
            out[f"startup_{name}_wall_s"] = wall
            out[f"startup_{name}_cpu_s"] = cpu
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f}")
    for key, value in measure(args.repeats).items():
        print(f"   {key:<32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
