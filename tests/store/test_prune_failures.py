"""Resolved failures: once an input is read again, its failures that did not recur go away."""

from __future__ import annotations

from pathlib import Path

from newsgraph.errors import Failure
from newsgraph.store import Store


def test_prune_keeps_recurring_and_other_inputs(tmp_path: Path) -> None:
    with Store(tmp_path / "p.duckdb") as store:
        store.record_failures(
            [
                Failure("a.jsonl", 2, "NG104", "impossible date"),
                Failure("a.jsonl", 5, "NG105", "not JSON"),
                Failure("a.jsonl", None, "NG106", "binary"),
                Failure("b.jsonl", 1, "NG104", "impossible date"),
            ]
        )
        removed = store.prune_failures(["a.jsonl"], [("a.jsonl", 5, "NG105")])
        rows = sorted(
            store.con.execute("SELECT input, line, code FROM failures").fetchall(), key=str
        )
    assert removed == 2
    assert rows == [("a.jsonl", 5, "NG105"), ("b.jsonl", 1, "NG104")]
