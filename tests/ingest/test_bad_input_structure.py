"""Structurally hostile inputs (deep JSON, broken CSV quoting, odd delimiters): a failure row with a
line and a stable code for the bad part, every good record before and after it kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import Failure
from newsgraph.model.records import Document
from tests.ingest.helpers import ARTICLE, docs, failures, read, write


def _line(i: int) -> str:
    text = f"Report {i}: Ostland closed its border."
    return json.dumps({"date": f"2024-05-0{i}", "text": text})


def test_very_deep_json_line_is_one_failure(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    bad = write(tmp_path / "a.jsonl", "\n".join([_line(1), deep, _line(2)]) + "\n")
    deep_obj = '{"date": "2024-05-03", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    worse = write(tmp_path / "b.jsonl", deep_obj + "\n" + _line(4) + "\n")
    good = write(tmp_path / "c.txt", f" date 2024-09-17 {ARTICLE}")
    out = read([bad, worse, good])
    assert [d.text.split(":")[0] for d in docs(out)[:3]] == ["Report 1", "Report 2", "Report 4"]
    assert docs(out)[-1].text.startswith("Maria Ortega")
    failed = failures(out)
    assert [(f.input, f.line, f.code) for f in failed] == [
        (str(bad), 2, "NG111"),
        (str(worse), 1, "NG111"),
    ]
    assert "deeply" in failed[0].message


def test_a_reader_crash_loses_only_its_own_file(tmp_path: Path, monkeypatch: object) -> None:
    import newsgraph.ingest as ingest

    real = ingest.read_source

    def flaky(name: str, *args: object) -> Iterator[object]:
        if name.endswith("bad.jsonl"):
            raise RuntimeError("reader bug")
        yield from real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "read_source", flaky)  # type: ignore[attr-defined]
    bad = write(tmp_path / "bad.jsonl", _line(1) + "\n")
    good = write(tmp_path / "good.jsonl", _line(2) + "\n")
    out = read([bad, good])
    assert [type(x) for x in out] == [Failure, Document]
    assert isinstance(out[0], Failure) and out[0].code == "NG100"
