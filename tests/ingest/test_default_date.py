"""``read_inputs(default_date=...)`` (``ingest --date``): a date for inputs that have none."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.helpers import ARTICLE, docs, failures, read, write


def test_default_date_fills_only_missing_dates(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Ostland recalled its envoy."}),
        json.dumps({"date": "2021-06-01", "text": "Lagonia answered."}),
        json.dumps({"date": "2021-02-30", "text": "Freedonia signed."}),
    ]
    feed = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    undated = write(tmp_path / "b.txt", ARTICLE)
    out = read([feed, undated], default_date="2020-03")
    assert [(d.date, d.date_precision) for d in docs(out)] == [
        ("2020-03", "month"),
        ("2021-06-01", "day"),
        ("2020-03", "month"),
    ]
    assert [f.code for f in failures(out)] == ["NG104"]  # a wrong date is not replaced
    assert docs(out)[2].text == ARTICLE


def test_without_default_date_a_missing_date_fails_and_the_hint_names_the_option(
    tmp_path: Path,
) -> None:
    out = read([write(tmp_path / "b.txt", ARTICLE)])
    assert [f.code for f in failures(out)] == ["NG103"]
    assert "--date" in failures(out)[0].message
