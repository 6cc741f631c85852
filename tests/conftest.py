"""Session fixtures: the spaCy model and the default pipeline are loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_f82bd0202b59d4fc.txt"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def pipeline() -> Any:
    from newsgraph.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline: Any) -> Any:
    return pipeline.nlp


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip with a reason on a user's fresh clone."""
    path = SHARED / "data"
    if not path.exists():
        pytest.skip("../shared/data is absent (development data is not shipped)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent (the seed article is not shipped)")
    return SEED


@pytest.fixture(scope="session")
def seed_result(pipeline: Any, seed_path: Path) -> Any:
    """The seed article read by ingest and the default pipeline."""
    from newsgraph.ingest import read_inputs
    from newsgraph.model.records import Document

    docs = [d for d in read_inputs([str(seed_path)]) if isinstance(d, Document)]
    assert len(docs) == 1
    return pipeline.extract(docs[0])


def make_doc(text: str, date: str = "2024-09-17", **kw: Any) -> Any:
    """A Document built by hand for unit tests (no ingest, no repair)."""
    from newsgraph.model.records import Document

    precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return Document(id="test", date=date, date_precision=precision, text=text, **kw)
