"""A long article is parsed in windows cut at paragraph breaks and joined into one document."""

from __future__ import annotations

from typing import Any

from newsgraph.pipeline.parse import parse, parse_many, windows
from tests.conftest import make_doc
from tests.pipeline.test_long_articles import PARAGRAPH


def test_windows_cut_after_paragraph_breaks_and_give_the_text_back() -> None:
    text = PARAGRAPH * 20
    pieces = windows(text, 1500)
    assert "".join(pieces) == text
    assert len(pieces) > 5
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert all(len(p) <= 1500 for p in pieces)


def test_windows_fall_back_to_lines_spaces_and_hard_cuts() -> None:
    lines = "Ostland signed the treaty\n" * 100
    assert all(p.endswith("\n") for p in windows(lines, 500)[:-1])
    words = "Carpathia " * 200
    assert all(p.endswith(" ") for p in windows(words, 500)[:-1])
    blob = "x" * 1234
    assert [len(p) for p in windows(blob, 500)] == [500, 500, 234]
    assert windows("", 500) == [""]
    # a run of blank lines is not split between two windows
    gap = "A" * 280 + "\n\n\n\n\n\n" + "B" * 300
    assert windows(gap, 300)[0] == "A" * 280 + "\n\n\n\n\n\n"


def test_a_short_article_is_parsed_in_one_piece(nlp: Any) -> None:
    text = PARAGRAPH * 2
    one, two = nlp(text), parse(nlp, text)
    assert one.to_bytes() == two.to_bytes()


def test_a_windowed_parse_is_one_document_with_the_same_reading(pipeline: Any) -> None:
    nlp = pipeline.nlp
    text = PARAGRAPH * 8
    whole, cut = nlp(text), parse(nlp, text, size=1500)
    assert cut.text == text
    assert [(t.idx, t.text, t.tag_, t.dep_, t.head.i) for t in cut] == [
        (t.idx, t.text, t.tag_, t.dep_, t.head.i) for t in whole
    ]
    assert [(s.start, s.end) for s in cut.sents] == [(s.start, s.end) for s in whole.sents]
    assert [(e.start_char, e.end_char, e.label_) for e in cut.ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents
    ]
    # the stages read the joined parse as one article: entities span all windows
    a = pipeline._run_stages(make_doc(text), whole).to_dict()
    b = pipeline._run_stages(make_doc(text), cut).to_dict()
    a.pop("pipeline", None), b.pop("pipeline", None)
    assert a == b
    ilves = [e for e in b["entities"] if e["name"] == "Marta Ilves"]
    assert len(ilves) == 1
    mentions = [m for m in b["mentions"] if m["entity"] == ilves[0]["id"]]
    assert mentions[0]["start"] < 1500 < mentions[-1]["start"]


def test_parse_many_keeps_order_and_windows_only_long_texts(nlp: Any) -> None:
    texts = [PARAGRAPH, PARAGRAPH * 6, "Ostland won.", PARAGRAPH * 5]
    docs = list(parse_many(nlp, texts, batch_size=2, size=2000))
    assert [d.text for d in docs] == texts
