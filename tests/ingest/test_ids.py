"""Document ids: content-derived, the same across formats and spellings, stable on re-ingest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from newsgraph.ingest.ids import doc_id
from tests.ingest.helpers import ARTICLE, docs, read, write


def _same_article_in_three_formats(root: Path) -> list[Path]:
    seed = write(root / "a.txt", f" date 2024-09-17 {ARTICLE}")
    jsonl = write(
        root / "b.jsonl",
        json.dumps({"id": "feed-7", "date": "2024-09-17", "text": ARTICLE}) + "\n",
    )
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerows([["date", "text", "title"], ["2024-09-17", ARTICLE.replace("\n", "\r\n"), "T"]])
    return [seed, jsonl, write(root / "c.csv", buf.getvalue())]


def test_same_article_same_id_across_formats(tmp_path: Path) -> None:
    ids = {d.id for d in docs(read(_same_article_in_three_formats(tmp_path)))}
    assert len(ids) == 1


def test_reingest_is_idempotent(tmp_path: Path) -> None:
    paths = _same_article_in_three_formats(tmp_path)
    first = [(d.id, d.text, d.repairs) for d in docs(read(paths))]
    second = [(d.id, d.text, d.repairs) for d in docs(read(paths))]
    assert first == second


def test_id_ignores_repair_and_spacing() -> None:
    assert doc_id("Genaro Garcia Lunawho is awaiting") == doc_id(
        "Genaro Garcia Luna — who is  awaiting"
    )
    assert doc_id("A line.\r\nNext line.  ") == doc_id("A line.\nNext line.")


def test_repair_flag_does_not_change_id(tmp_path: Path) -> None:
    p = write(
        tmp_path / "a.txt", " date 2024-01-01 The chairman Lunawho is here met Luna today.\r\n"
    )
    assert {d.id for d in docs(read([p], repair=True) + read([p], repair=False))} == {
        doc_id("The chairman Lunawho is here met Luna today.")
    }


def test_different_text_or_url_different_id() -> None:
    base = doc_id(ARTICLE)
    assert doc_id(ARTICLE.replace("Monday", "Tuesday")) != base
    assert doc_id(ARTICLE, "https://example.org/a") != base
    assert doc_id(ARTICLE, "https://example.org/a") == doc_id(ARTICLE, "HTTPS://Example.org/a/#top")
    assert len(base) == 16 and int(base, 16) >= 0
