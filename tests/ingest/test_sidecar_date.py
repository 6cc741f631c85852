"""Date sidecar files (``NAME.date`` beside an input): the date of its undated articles."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.helpers import ARTICLE, docs, failures, read, write

PARA = "<p>" + "The Ostland ministry said the border with Lagonia would reopen soon. " * 5 + "</p>"
PAGE = f"<html><head><title>Border</title></head><body><article>{PARA}</article></body></html>"


def test_an_undated_html_page_takes_its_sidecar_date(tmp_path: Path) -> None:
    page = write(tmp_path / "page.html", PAGE)
    write(tmp_path / "page.html.date", "2022-11-03\n")
    [doc] = read([page])
    assert (doc.date, doc.date_precision) == ("2022-11-03", "day")


def test_without_a_sidecar_the_html_hint_fits_html(tmp_path: Path) -> None:
    [fail] = read([write(tmp_path / "page.html", PAGE)])
    assert fail.code == "NG103"
    assert "<meta>" in fail.message and "page.html.date" in fail.message
    assert "--date" in fail.message and "' date" not in fail.message


def test_seed_and_jsonl_take_the_sidecar_only_where_they_lack_a_date(tmp_path: Path) -> None:
    seed = write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.txt.date", "\ufeff 2021-06 \n")
    feed = write(
        tmp_path / "b.jsonl",
        json.dumps({"text": "Ostland recalled its envoy."})
        + "\n"
        + json.dumps({"date": "2020-01-05", "text": "Lagonia answered."})
        + "\n",
    )
    write(tmp_path / "b.jsonl.date", "2019")
    out = read([seed, feed], default_date="2000-01-01")  # each sidecar comes before --date
    assert [(d.date, d.date_precision) for d in docs(out)] == [
        ("2021-06", "month"),
        ("2019", "year"),
        ("2020-01-05", "day"),
    ]
    assert failures(out) == []


def test_a_sidecar_that_is_not_a_date_fails_the_undated_articles(tmp_path: Path) -> None:
    seed = write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.txt.date", "next Tuesday\n")
    dated = write(tmp_path / "b.txt", " date 2021-03-04\n" + ARTICLE)
    write(tmp_path / "b.txt.date", "garbage")  # not needed: the file has its own date
    empty = write(tmp_path / "c.txt", ARTICLE + " Again.")
    write(tmp_path / "c.txt.date", "")
    out = read([seed, dated, empty], default_date="2000-01-01")
    assert [d.date for d in docs(out)] == ["2021-03-04"]
    fails = failures(out)
    assert [(f.input, f.code) for f in fails] == [(str(seed), "NG104"), (str(empty), "NG104")]
    assert "a.txt.date" in fails[0].message and "next Tuesday" in fails[0].message


def test_sidecars_in_a_directory_are_not_articles(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", ARTICLE)
    write(tmp_path / "d" / "a.txt.date", "2021-06-01")
    for fmt in (None, "seed"):
        out = read([tmp_path / "d"], fmt=fmt)
        assert [d.date for d in docs(out)] == ["2021-06-01"] and failures(out) == []
