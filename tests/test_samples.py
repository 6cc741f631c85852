"""The shipped sample articles read cleanly; the broken fixtures fail with their stable codes."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs
from newsgraph.model.records import Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BROKEN = ROOT / "tests" / "fixtures" / "broken"
EXPECTED = tomllib.loads((BROKEN / "EXPECTED.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def samples() -> list[Document | Failure]:
    return list(read_inputs([str(SAMPLES)]))


def test_samples_read_without_failures(samples: list[Document | Failure]) -> None:
    failures = [s for s in samples if isinstance(s, Failure)]
    assert failures == []
    assert len(samples) >= 14


def test_samples_are_dated_and_of_news_length(samples: list[Document | Failure]) -> None:
    docs = [s for s in samples if isinstance(s, Document)]
    for doc in docs:
        assert doc.date and doc.date_precision in ("year", "month", "day"), doc.origin
        assert 150 <= len(doc.text.split()) <= 500, doc.origin
    assert len({d.id for d in docs}) == len(docs), "two samples share an id"


def test_samples_cover_formats_and_partial_dates(samples: list[Document | Failure]) -> None:
    docs = [s for s in samples if isinstance(s, Document)]
    suffixes = Counter(Path(d.origin.input).suffix for d in docs if d.origin)
    assert {".txt", ".jsonl", ".csv", ".html"} <= set(suffixes)
    precisions = Counter(d.date_precision for d in docs)
    assert precisions["year"] >= 1 and precisions["month"] >= 1
    html = [d for d in docs if d.origin and d.origin.input.endswith(".html")]
    assert html and all(d.title and d.date == "2024-10-16" for d in html)


def test_samples_share_actors_across_articles(samples: list[Document | Failure]) -> None:
    docs = [s for s in samples if isinstance(s, Document)]
    # Dossiers need material: the main actors of each arc appear in several articles.
    for name in ("Aldana", "Villalba", "Okafor-Reyes", "Carvajal", "Narváez"):
        assert sum(name in d.text for d in docs) >= 3, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_fails_with_its_code(name: str) -> None:
    expected = EXPECTED[name]
    items = list(read_inputs([str(BROKEN / name)]))
    failures = [i for i in items if isinstance(i, Failure)]
    docs = [i for i in items if isinstance(i, Document)]
    assert len(failures) == expected["failures"], items
    assert len(docs) == expected["documents"], items
    for failure in failures:
        assert failure.code in expected["codes"], failure
        assert failure.input.endswith(name)
        if "line" in expected:
            assert failure.line == expected["line"]


def test_broken_folder_keeps_good_documents_and_every_failure() -> None:
    items = list(read_inputs([str(BROKEN)]))
    assert sum(isinstance(i, Failure) for i in items) == sum(
        e["failures"] for e in EXPECTED.values()
    )
    assert sum(isinstance(i, Document) for i in items) == sum(
        e["documents"] for e in EXPECTED.values()
    )
    files = sorted(
        p.name for p in BROKEN.iterdir() if p.suffix != ".toml" and p.name != "README.md"
    )
    assert files == sorted(EXPECTED), "every broken fixture has an expectation"


def test_sample_quirks_reach_ingest(samples: list[Document | Failure]) -> None:
    docs = [s for s in samples if isinstance(s, Document)]
    kinds = Counter(r.kind for d in docs for r in d.repairs)
    flagged = Counter(f.kind for d in docs for f in d.flags)
    assert kinds["mojibake"] >= 1, "the mojibake sample is repaired"
    assert kinds["glued-words"] + flagged["glued-words"] >= 2, "lost dashes are seen"
