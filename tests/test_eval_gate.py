"""The evaluation gate: recorded benchmark figures must stay at or above their pinned floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import RESULTS, check_floors, floors  # noqa: E402


def test_every_floor_has_a_recorded_result() -> None:
    for name in floors():
        assert (RESULTS / f"{name}.json").exists(), f"floor for {name} but no results file"


@pytest.mark.parametrize("path", sorted(RESULTS.glob("*.json")), ids=lambda p: p.stem)
def test_recorded_figures_hold_their_floors(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["command"], "every figure names the command that reproduces it"
    assert check_floors(data["benchmark"], data["metrics"]) == []


def test_gate_catches_a_regression() -> None:
    pinned = floors()
    if not pinned:
        pytest.skip("no floors pinned yet")
    name, keys = next(iter(pinned.items()))
    metric, _, kind = next(iter(keys)).partition("__")
    bad = {metric: (float("inf") if kind == "max" else float("-inf"))}
    assert check_floors(name, bad)


def test_partial_runs_print_but_do_not_record(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.common import record

    before = sorted(p.name for p in RESULTS.glob("*.json"))
    assert record("partial_run_probe", {"f1": 1.0}, "cmd --limit 3", save=False) is None
    assert "not recorded" in capsys.readouterr().out
    assert sorted(p.name for p in RESULTS.glob("*.json")) == before
