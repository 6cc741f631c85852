"""Shared plumbing for benchmarks: where shared data lives, and recording figures.

Every benchmark prints its figures with the command that reproduces them and writes them to
``benchmarks/results/<name>.json``; ``tests/test_eval_gate.py`` compares those files with the pinned
floors in ``benchmarks/floors.toml`` so that a regression cannot silently lower a figure.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
FLOORS = ROOT / "benchmarks" / "floors.toml"
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"


def require_data(sub: str) -> Path:
    """Path of ``../shared/data/<sub>``; exits with a clear message when it is absent."""
    path = DATA / sub
    if not path.exists():
        sys.exit(f"benchmark data not found: {path} (set NEWSGRAPH_SHARED to the shared folder)")
    return path


def peak_rss_mb() -> float:
    """Peak resident memory of this process (and waited-for children), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0


class Timer:
    """Wall and CPU seconds of a block (CPU time is steadier on shared machines)."""

    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


def record(name: str, metrics: dict[str, Any], command: str, *, save: bool = True) -> Path | None:
    """Print ``metrics`` with ``command`` and write them to ``benchmarks/results/<name>.json``.

    ``save=False`` (a partial or exploratory run) only prints them, so recorded figures always
    come from full runs.
    """
    if not save:
        print(f"== {name}  (not recorded: {command})")
        for key, value in metrics.items():
            print(f"   {key:<32} {value}")
        return None
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {
        "benchmark": name,
        "command": command,
        "metrics": metrics,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu",
        "when": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"== {name}  (reproduce: {command})")
    for key, value in metrics.items():
        print(f"   {key:<32} {value}")
    return path


def floors() -> dict[str, dict[str, float]]:
    if not FLOORS.exists():
        return {}
    return {k: dict(v) for k, v in tomllib.loads(FLOORS.read_text(encoding="utf-8")).items()}


def check_floors(name: str, metrics: dict[str, Any]) -> list[str]:
    """Messages for every metric of ``name`` below its pinned floor (empty when all hold)."""
    out = []
    for key, bound in floors().get(name, {}).items():
        metric, _, kind = key.partition("__")  # "x__max" pins a ceiling, "x" a floor
        value = metrics.get(metric)
        if not isinstance(value, int | float):
            out.append(f"{name}.{metric} is missing from the results")
        elif kind == "max" and value > bound:
            out.append(f"{name}.{metric} = {value} is above its ceiling {bound}")
        elif kind != "max" and value < bound:
            out.append(f"{name}.{metric} = {value} is below its floor {bound}")
    return out
