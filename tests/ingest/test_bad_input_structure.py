"""Structurally hostile inputs (deep JSON, broken CSV quoting, odd delimiters): a failure row with a
line and a stable code for the bad part, every good record before and after it kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

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


def _csv_rows(n: range, delimiter: str = ",") -> list[str]:
    return [f"2024-06-{i:02d}{delimiter}Bulletin {i} from the Ostland coast guard.\n" for i in n]


def test_unclosed_csv_quote_fails_one_record_and_keeps_the_rest(tmp_path: Path) -> None:
    rows = ["date,text\n", *_csv_rows(range(1, 4))]
    rows.insert(2, '2024-05-31,"Lagonia said the talks would resume\n')  # never closed: line 3
    rows += _csv_rows(range(4, 31))
    rows.append('2024-07-01,"A quoted, closed text."\n')
    out = read([write(tmp_path / "a.csv", "".join(rows))])
    failed = failures(out)
    assert [(f.line, f.code) for f in failed] == [(3, "NG105")]
    assert "quote" in failed[0].message and "JSON" not in failed[0].message
    texts = [d.text for d in docs(out)]
    assert len(texts) == 31 and all(len(t) < 60 for t in texts)
    assert texts[0].startswith("Bulletin 1 ") and texts[1].startswith("Bulletin 2 ")
    assert texts[-1] == "A quoted, closed text."


def test_quoted_multiline_text_is_not_mistaken_for_a_broken_quote(tmp_path: Path) -> None:
    data = 'date,text\n2024-01-01,"First line.\nIn 2024, the port grew.\n\nMore, later."\n'
    out = read([write(tmp_path / "a.csv", data)], repair=False)
    assert [d.text for d in docs(out)] == ["First line.\nIn 2024, the port grew.\n\nMore, later."]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_csv_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    data = f"id{delimiter}date{delimiter}text\n" + "".join(
        f"r{i}{delimiter}{row}" for i, row in enumerate(_csv_rows(range(1, 4), delimiter))
    )
    out = read([write(tmp_path / "a.csv", data)])
    assert not failures(out)
    assert [d.source_id for d in docs(out)] == ["r0", "r1", "r2"]
    assert docs(out)[0].text == "Bulletin 1 from the Ostland coast guard."


def test_csv_errors_hint_at_csv_not_json(tmp_path: Path) -> None:
    out = read([write(tmp_path / "a.csv", "date,text\n2024-01-01,a,extra\n")])
    [f] = failures(out)
    assert "CSV" in f.message and "JSON" not in f.message


def test_missing_date_hint_fits_the_format(tmp_path: Path) -> None:
    para = "<p>" + "The Ostland ministry said the border would reopen next week. " * 5 + "</p>"
    page = f"<html><head><title>Border</title></head><body><article>{para}</article></body></html>"
    html = write(tmp_path / "a.html", page)
    jsonl = write(tmp_path / "b.jsonl", json.dumps({"text": "Lagonia voted."}) + "\n")
    table = write(tmp_path / "c.csv", "date,text\n,Freedonia voted.\n")
    hints = {f.input: f.message for f in failures(read([html, jsonl, table]))}
    assert all(f.code == "NG103" for f in failures(read([html, jsonl, table])))
    assert "<meta>" in hints[str(html)] and "' date" not in hints[str(html)]
    assert "'date' field" in hints[str(jsonl)]
    assert "'date' column" in hints[str(table)]
