"""Each input format, directory recursion and stdin."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from newsgraph.errors import Failure
from newsgraph.model.records import Document, Origin
from tests.ingest.helpers import ARTICLE, docs, failures, read, write


def test_seed_file_text_starts_after_date(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", f" date 2024-09-17 {ARTICLE}")
    [doc] = read([p], repair=False)
    assert isinstance(doc, Document)
    assert (doc.date, doc.date_precision) == ("2024-09-17", "day")
    assert doc.text == ARTICLE
    assert doc.origin == Origin(str(p), None)
    assert doc.title is None


@pytest.mark.parametrize(("date", "precision"), [("2024", "year"), ("2024-10", "month")])
def test_seed_partial_dates(tmp_path: Path, date: str, precision: str) -> None:
    [doc] = read([write(tmp_path / "a.txt", f" date {date} {ARTICLE}")])
    assert isinstance(doc, Document)
    assert (doc.date, doc.date_precision) == (date, precision)


def test_seed_header_lines_with_title_url_source(tmp_path: Path) -> None:
    content = (
        " title Port volumes rise\n source Harbour Daily\n date 2024-03-02\n"
        f" url https://example.org/port\n{ARTICLE}"
    )
    [doc] = read([write(tmp_path / "a.txt", content)], repair=False)
    assert isinstance(doc, Document)
    assert doc.title == "Port volumes rise"
    assert doc.source == "Harbour Daily"
    assert doc.url == "https://example.org/port"
    assert doc.text == ARTICLE


def test_seed_text_on_next_line(tmp_path: Path) -> None:
    [doc] = read([write(tmp_path / "a.txt", f" date 2024-03-02 \n{ARTICLE}\n")], repair=False)
    assert isinstance(doc, Document)
    assert doc.text == ARTICLE + "\n"


def test_jsonl_fields_and_line_numbers(tmp_path: Path) -> None:
    rows = [
        {
            "id": "src-1",
            "date": "2024-09-17",
            "text": ARTICLE,
            "title": "T",
            "url": "https://x.org/1",
        },
        {"date": "2023-02", "text": "Second article text.", "source": "Wire"},
    ]
    p = write(tmp_path / "a.jsonl", json.dumps(rows[0]) + "\n\n" + json.dumps(rows[1]) + "\n")
    out = read([p])
    assert [type(x) for x in out] == [Document, Document]
    first, second = docs(out)
    assert (first.source_id, first.title, first.url) == ("src-1", "T", "https://x.org/1")
    assert first.id != "src-1"
    assert first.origin == Origin(str(p), 1)
    assert second.origin == Origin(str(p), 3)
    assert (second.date, second.date_precision, second.source) == ("2023-02", "month", "Wire")


def test_jsonl_accepts_unambiguous_feed_dates(tmp_path: Path) -> None:
    lines = [
        {"date": "2024-09-17T23:30:00-05:00", "text": "a one"},
        {"date": "17 Sep 2024", "text": "a two"},
        {"date": "Tue, 17 Sep 2024 10:00:00 +0000", "text": "a three"},
    ]
    p = write(tmp_path / "a.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    assert [d.date for d in docs(read([p]))] == ["2024-09-17"] * 3


def test_csv_with_header_and_multiline_text(tmp_path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["ID", "date", "title", "text", "extra"])
    w.writerow(["r1", "2024-09-17", "Port", ARTICLE, "ignored"])
    w.writerow(["r2", "2024-01", "", "Another, short, article.", ""])
    p = write(tmp_path / "a.csv", buf.getvalue())
    out = read([p], repair=False)
    first, second = docs(out)
    assert first.text == ARTICLE and first.source_id == "r1" and first.title == "Port"
    assert first.origin == Origin(str(p), 2)
    # The first record's text spans lines 2-4 (ARTICLE holds a blank line), so r2 starts on line 5.
    assert second.origin == Origin(str(p), 5)
    assert second.title is None and second.date_precision == "month"


HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Port volumes | Harbour Daily</title>
<meta property="og:title" content="Port volumes rise sharply">
<meta property="og:site_name" content="Harbour Daily">
<meta property="article:published_time" content="2024-03-02T08:00:00Z">
<link rel="canonical" href="https://harbour.example/port-volumes">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Port volumes rise sharply</h1>
<p>Maria Ortega, who leads the port authority, said on Monday that cargo volumes rose sharply in
the first quarter, driven by grain exports and a recovery in container traffic.</p>
<p>The authority’s report, which covers the three months to March, will be published in May,
according to a spokesman who declined to give further details about its findings.</p>
</article><footer>Copyright 2024 Harbour Daily. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    [doc] = read([write(tmp_path / "page.html", HTML)])
    assert isinstance(doc, Document)
    assert doc.date == "2024-03-02"
    assert doc.title == "Port volumes rise sharply"
    assert doc.url == "https://harbour.example/port-volumes"
    assert doc.source == "Harbour Daily"
    assert "Maria Ortega, who leads the port authority" in doc.text
    assert "All rights reserved" not in doc.text and "World" not in doc.text


def test_html_declared_charset(tmp_path: Path) -> None:
    page = HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace("’", "'")
    page = page.replace("Maria", "María")
    [doc] = read([write(tmp_path / "page.htm", page.encode("cp1252"))])
    assert isinstance(doc, Document)
    assert "María Ortega" in doc.text


def test_html_without_date_fails_clearly(tmp_path: Path) -> None:
    page = HTML.replace(
        '<meta property="article:published_time" content="2024-03-02T08:00:00Z">', ""
    )
    [f] = read([write(tmp_path / "page.html", page)])
    assert isinstance(f, Failure)
    assert f.code == "NG103"


def test_directory_recursion_sorted_skips_hidden(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "b.txt", " date 2024-01-02 Second file text.")
    write(root / "a" / "z.jsonl", json.dumps({"date": "2024-01-01", "text": "Nested text."}))
    write(root / "a" / ".hidden.txt", " date 2024-01-01 hidden")
    write(root / ".git" / "c.txt", " date 2024-01-01 in a hidden folder")
    write(root / "README.md", "not an article")
    out = read([root])
    assert all(isinstance(x, Document) for x in out)
    assert [d.text for d in docs(out)] == ["Nested text.", "Second file text."]
    assert read([root]) == out


def test_forced_format_on_a_file(tmp_path: Path) -> None:
    p = write(tmp_path / "feed.data", json.dumps({"date": "2024-01-01", "text": "Forced."}))
    [doc] = read([p], fmt="jsonl")
    assert isinstance(doc, Document) and doc.text == "Forced."


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))


def test_stdin_sniffs_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b'  {"date": "2024-01-01", "text": "From stdin."}\n')
    [doc] = read(["-"])
    assert isinstance(doc, Document)
    assert doc.text == "From stdin." and doc.origin == Origin("-", 1)


def test_stdin_defaults_to_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, f" date 2024-09-17 {ARTICLE}".encode())
    [doc] = read(["-"], repair=False)
    assert isinstance(doc, Document) and doc.text == ARTICLE


def test_stdin_forced_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"date,text\n2024-01-01,From a CSV on stdin.\n")
    [doc] = read(["-"], fmt="csv")
    assert isinstance(doc, Document) and doc.text == "From a CSV on stdin."


def test_unknown_forced_format_is_the_callers_error() -> None:
    with pytest.raises(Exception, match="unknown format"):
        read(["x"], fmt="pdf")


def test_good_documents_around_failures_are_kept(tmp_path: Path) -> None:
    p = write(
        tmp_path / "mixed.jsonl",
        '{"date": "2024-01-01", "text": "one"}\n{"date": \n'
        '{"date": "2024-01-03", "text": "three"}\n',
    )
    out = read([tmp_path / "missing.txt", p])
    assert [type(x).__name__ for x in out] == ["Failure", "Document", "Failure", "Document"]
    assert [f.code for f in failures(out)] == ["NG109", "NG105"]


def test_stdin_sniffs_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, ("\n  " + HTML).encode())
    [doc] = read(["-"])
    assert isinstance(doc, Document) and doc.title == "Port volumes rise sharply"
