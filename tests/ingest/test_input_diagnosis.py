"""Input diagnosis: binary input is called binary (not a missing date or bad UTF-8), and UTF-16
without a byte-order mark is recognised and read."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newsgraph.errors import Failure
from newsgraph.model.records import Document
from tests.ingest.helpers import ARTICLE, docs, failures, read, write

GOOD = f" date 2024-09-17 {ARTICLE}"


def _ascii_binary(n: int = 4000) -> bytes:
    """Mostly printable bytes with a control byte every ~12 (no NUL): a non-text file."""
    rng = random.Random(7)
    return bytes(rng.randrange(1, 32) if i % 12 == 5 else rng.randrange(32, 127) for i in range(n))


def _high_binary(n: int = 4000) -> bytes:
    rng = random.Random(11)
    return bytes(rng.randrange(1, 256) for _ in range(n))


@pytest.mark.parametrize("data", [_ascii_binary(), _high_binary()], ids=["ascii-ctl", "high"])
@pytest.mark.parametrize("ext", ["txt", "html", "jsonl", "csv"])
def test_binary_without_nul_is_one_binary_failure(tmp_path: Path, data: bytes, ext: str) -> None:
    bad = write(tmp_path / f"blob.{ext}", data)
    good = write(tmp_path / "zz_good.txt", GOOD)
    out = read([bad, good])
    assert [f.code for f in failures(out)] == ["NG106"], failures(out)
    assert len(docs(out)) == 1


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_seed(tmp_path: Path, codec: str) -> None:
    out = read([write(tmp_path / "a.txt", GOOD.encode(codec))])
    assert [d.text for d in docs(out)] == [ARTICLE], out


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_jsonl(tmp_path: Path, codec: str) -> None:
    lines = "".join(
        json.dumps({"date": "2023-01-0" + str(i), "text": f"Ostland envoy {i} met Lagonia."}) + "\n"
        for i in (1, 2)
    )
    out = read([write(tmp_path / "a.jsonl", lines.encode(codec))])
    assert not failures(out)
    assert [d.date for d in docs(out)] == ["2023-01-01", "2023-01-02"]


def test_plain_text_with_a_few_control_characters_is_still_text(tmp_path: Path) -> None:
    out = read([write(tmp_path / "a.txt", GOOD.replace("Monday", "Mon\x1bday"))])
    assert len(docs(out)) == 1 and not failures(out)


def test_missing_date_in_a_text_file_is_still_a_missing_date(tmp_path: Path) -> None:
    out = read([write(tmp_path / "a.txt", ARTICLE)])
    assert [f.code for f in out if isinstance(f, Failure)] == ["NG103"]
    assert not [d for d in out if isinstance(d, Document)]
