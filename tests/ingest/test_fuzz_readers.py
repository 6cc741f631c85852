"""Hypothesis fuzzing of every input format's reader (bounded; the long run is
``benchmarks/fuzz_long.py``). Properties: see :mod:`tests.fuzzing`."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import FORMATS, check_reader, input_bytes

BOUNDED = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays stable
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("fmt", FORMATS)
@BOUNDED
@given(data=st.data())
def test_any_bytes_give_records_or_input_errors(fmt: str, data: st.DataObject) -> None:
    raw = data.draw(input_bytes(fmt))
    repair = data.draw(st.booleans())
    assert check_reader(fmt, raw, repair) == []


@pytest.mark.parametrize(
    ("fmt", "raw"),
    [
        ("jsonl", b"[" * 5000 + b"\n"),
        ("csv", b'date,text\n2024-01-01,"open\n2024-01-02,next\n'),
        ("seed", b" date 2024-09-17\xff\xfe"),
        ("html", b"<html><body><p>\x00</p></body></html>"),
        ("jsonl", b'{"date": "2024", "text": "\\ud800"}\n'),
        ("seed", b"\xef\xbb\xbf date 2024-02-30 text"),
    ],
)
def test_known_hard_inputs(fmt: str, raw: bytes) -> None:
    assert check_reader(fmt, raw) == []


def test_the_checks_catch_what_they_look_for() -> None:
    """The properties can fail: a repair that does not rebuild the input, offsets outside the
    text, a mention whose text is not at its offsets, a crashing stage."""
    from newsgraph.model.records import DocResult, Document, Mention, Repair
    from tests.fuzzing import check_document, check_extract

    doc = Document("x", "2024", "year", "Ostland voted.", repairs=(Repair(0, 7, "Ost", "Ostland"),))
    assert check_document(doc, "Ostland voted.", repair=True)  # rebuilds "Ost voted."
    bad = Document("x", "2024", "year", "Ostland voted.", repairs=(Repair(9, 30, "", "x"),))
    assert check_document(bad, "Ostland voted.", repair=True)

    class Fake:
        def __init__(self, mentions: list[Mention], fail: bool = False) -> None:
            self.mentions, self.fail = mentions, fail

        def extract(self, d: Document) -> DocResult:
            if self.fail:
                raise ValueError("stage bug")
            return DocResult(d, mentions=self.mentions, sentences=[(0, len(d.text))])

    plain = Document("x", "2024", "year", "Ostland voted.")
    assert check_extract(Fake([Mention("m1", 0, 7, "Ostland", "GPE")]), plain) == []
    assert check_extract(Fake([Mention("m1", 5, 40, "land voted.", "GPE")]), plain)
    assert check_extract(Fake([Mention("m1", 0, 7, "Lagonia", "GPE")]), plain)
    assert check_extract(Fake([], fail=True), plain)
