"""Each kind of bad input is a Failure (input, line, code, message), and the batch goes on."""

from __future__ import annotations

import codecs
import json
import tracemalloc
from pathlib import Path

import pytest

from newsgraph.config import IngestConfig
from newsgraph.errors import Failure
from newsgraph.model.records import Document
from tests.ingest.helpers import ARTICLE, docs, read, write

GOOD = f" date 2024-09-17 {ARTICLE}"


def _only_failure(items: list[Document | Failure]) -> Failure:
    assert len(items) == 1, items
    assert isinstance(items[0], Failure), items
    return items[0]


def _then_good(tmp_path: Path, bad: Path, code: str) -> Failure:
    """Read ``bad`` then a good file: one failure with ``code``, then the good document."""
    good = write(tmp_path / "zz_good.txt", GOOD)
    out = read([bad, good])
    assert isinstance(out[-1], Document) and out[-1].text.startswith("Maria Ortega")
    failed = [x for x in out if isinstance(x, Failure)]
    assert [f.code for f in failed] == [code], failed
    assert failed[0].input == str(bad)
    assert failed[0].message
    return failed[0]


def test_undecodable_seed_file(tmp_path: Path) -> None:
    bad = write(tmp_path / "latin1.txt", " date 2024-09-17 Se\xf1or L\xf3pez.".encode("latin-1"))
    f = _then_good(tmp_path, bad, "NG101")
    assert "offset" in f.message and "line 1" in f.message


def test_undecodable_jsonl_line_has_line_number(tmp_path: Path) -> None:
    good = json.dumps({"date": "2024-01-01", "text": "fine"}).encode()
    bad = b'{"date": "2024-01-01", "text": "Se\xf1or"}'
    out = read([write(tmp_path / "a.jsonl", good + b"\n" + bad + b"\n" + good + b"\n")])
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    f = out[1]
    assert isinstance(f, Failure) and (f.code, f.line) == ("NG101", 2)


def test_undecodable_csv_record(tmp_path: Path) -> None:
    data = b"date,text\n2024-01-01,fine\n2024-01-02,Se\xf1or\n2024-01-03,also fine\n"
    out = read([write(tmp_path / "a.csv", data)])
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert isinstance(out[1], Failure) and (out[1].code, out[1].line) == ("NG101", 3)


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + GOOD.encode("utf-8"),
        codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_byte_order_marks_decode(tmp_path: Path, encoded: bytes) -> None:
    [doc] = read([write(tmp_path / "a.txt", encoded)], repair=False)
    assert isinstance(doc, Document) and doc.text == ARTICLE


def test_utf16_jsonl(tmp_path: Path) -> None:
    line = json.dumps({"date": "2024-01-01", "text": "Señor López"}, ensure_ascii=False) + "\n"
    data = codecs.BOM_UTF16_LE + (line * 2).encode("utf-16-le")
    out = read([write(tmp_path / "a.jsonl", data)])
    assert [d.text for d in docs(out)] == ["Señor López"] * 2
    assert [d.origin.line for d in docs(out) if d.origin] == [1, 2]


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_seed(tmp_path: Path, text: str) -> None:
    _then_good(tmp_path, write(tmp_path / "empty.txt", f" date 2024-09-17 {text}"), "NG102")


def test_empty_text_jsonl_and_csv(tmp_path: Path) -> None:
    f = _only_failure(read([write(tmp_path / "a.jsonl", '{"date": "2024-01-01", "text": ""}\n')]))
    assert (f.code, f.line) == ("NG102", 1)
    f = _only_failure(read([write(tmp_path / "a.csv", "date,text\n2024-01-01,\n")]))
    assert (f.code, f.line) == ("NG102", 2)


def test_missing_date_seed(tmp_path: Path) -> None:
    _then_good(tmp_path, write(tmp_path / "nodate.txt", ARTICLE), "NG103")


@pytest.mark.parametrize(
    "record", [{"text": "x"}, {"date": None, "text": "x"}, {"date": "", "text": "x"}]
)
def test_missing_date_jsonl(tmp_path: Path, record: dict[str, object]) -> None:
    f = _only_failure(read([write(tmp_path / "a.jsonl", json.dumps(record) + "\n")]))
    assert (f.code, f.line) == ("NG103", 1)


@pytest.mark.parametrize(
    "date", ["2024-02-30", "2023-02-29", "2024-13", "2024-00-10", "17/09/2024"]
)
def test_impossible_date_seed(tmp_path: Path, date: str) -> None:
    f = _then_good(tmp_path, write(tmp_path / "bad.txt", f" date {date} {ARTICLE}"), "NG104")
    assert date in f.message


def test_impossible_date_jsonl_csv(tmp_path: Path) -> None:
    f = _only_failure(read([write(tmp_path / "a.jsonl", '{"date": "2024-02-30", "text": "x"}')]))
    assert (f.code, f.line) == ("NG104", 1)
    f = _only_failure(read([write(tmp_path / "a.csv", "date,text\n30 Feb 2024,x\n")]))
    assert (f.code, f.line) == ("NG104", 2)


def test_malformed_json_lines_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        '{"date": "2024-01-01", "text": "one"}',
        '{"date": "2024-01-01", "text": "unterminated}',
        '["not", "an", "object"]',
        '{"date": "2024-01-01", "text": 42}',
        '{"date": "2024-01-01", "text": "five", "title": {"nested": 1}}',
        '{"date": "2024-01-01"}',
        '{"date": "2024-01-01", "text": "seven"}',
    ]
    out = read([write(tmp_path / "a.jsonl", "\n".join(lines))])
    assert [(x.code, x.line) for x in out if isinstance(x, Failure)] == [
        ("NG105", 2),
        ("NG105", 3),
        ("NG105", 4),
        ("NG105", 5),
        ("NG105", 6),
    ]
    assert [d.text for d in docs(out)] == ["one", "seven"]


def test_csv_without_required_columns(tmp_path: Path) -> None:
    f = _only_failure(read([write(tmp_path / "a.csv", "when,body\n2024-01-01,x\n")]))
    assert (f.code, f.line) == ("NG105", 1)


def test_csv_row_with_wrong_field_count(tmp_path: Path) -> None:
    out = read([write(tmp_path / "a.csv", "date,text\n2024-01-01,a,extra\n2024-01-02,b\n")])
    assert isinstance(out[0], Failure) and (out[0].code, out[0].line) == ("NG105", 2)
    assert isinstance(out[1], Document)


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    blob = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    _then_good(tmp_path, write(tmp_path / "image.txt", blob), "NG106")
    _then_good(tmp_path, write(tmp_path / "image.jsonl", blob), "NG106")


def test_binary_file_of_control_characters(tmp_path: Path) -> None:
    blob = (" date 2024-01-01 " + "\x01\x02\x03abc\x1b\x7f" * 200).encode()
    _then_good(tmp_path, write(tmp_path / "ctl.txt", blob), "NG106")


def test_fifty_megabyte_seed_article_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b" date 2024-01-01 ")
        chunk = b"word " * 200_000  # 1 MB
        for _ in range(50):
            fh.write(chunk)
    tracemalloc.start()
    f = _then_good(tmp_path, big, "NG107")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "max_chars" in f.message
    assert peak < 10_000_000  # refused by its size, not read into memory


def test_fifty_megabyte_jsonl_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    with p.open("wb") as fh:
        fh.write(b'{"date": "2024-01-01", "text": "')
        for _ in range(50):
            fh.write(b"word " * 200_000)
        fh.write(b'"}\n{"date": "2024-01-02", "text": "after the big one"}\n')
    tracemalloc.start()
    out = read([p])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(out[0], Failure) and (out[0].code, out[0].line) == ("NG107", 1)
    assert isinstance(out[1], Document) and out[1].text == "after the big one"
    assert out[1].origin is not None and out[1].origin.line == 2
    assert peak < 30_000_000


def test_max_chars_from_config(tmp_path: Path) -> None:
    small = IngestConfig(max_chars=100, repair=True)
    lines = [json.dumps({"date": "2024-01-01", "text": "x" * n}) for n in (100, 101)]
    out = read([write(tmp_path / "a.jsonl", "\n".join(lines))], config=small)
    assert isinstance(out[0], Document)
    assert isinstance(out[1], Failure) and (out[1].code, out[1].line) == ("NG107", 2)
    out = read(
        [write(tmp_path / "a.csv", "date,text\n2024-01-01," + "y" * 500 + "\n")], config=small
    )
    assert isinstance(out[0], Failure) and out[0].code == "NG107"


def test_unknown_extension(tmp_path: Path) -> None:
    f = _then_good(tmp_path, write(tmp_path / "article.docx", GOOD), "NG108")
    assert ".docx" in f.message


def test_missing_path(tmp_path: Path) -> None:
    f = _then_good(tmp_path, tmp_path / "nope" / "missing.txt", "NG109")
    assert f.line is None


def test_html_without_main_text(tmp_path: Path) -> None:
    _then_good(tmp_path, write(tmp_path / "empty.html", "<html><body></body></html>"), "NG110")


def test_lone_surrogate_escape_in_jsonl(tmp_path: Path) -> None:
    lines = (
        '{"date": "2024-01-01", "text": "bad \\ud800 half"}\n{"date": "2024-01-01", "text": "ok"}\n'
    )
    out = read([write(tmp_path / "a.jsonl", lines)])
    assert isinstance(out[0], Failure) and (out[0].code, out[0].line) == ("NG101", 1)
    assert isinstance(out[1], Document)
