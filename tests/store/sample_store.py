"""A store ingested from the shipped samples with the session's pipeline (spaCy loaded once), then
resolved, built once per test session and shared by the tests that read it (query, export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.app.resolution import run_resolution
from newsgraph.ingest import read_inputs
from newsgraph.model.records import Document
from newsgraph.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
_BUILT: dict[str, Path] = {}


def sample_store_path(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The path of a resolved store holding every sample article (built on first use)."""
    if "samples" not in _BUILT:
        path = tmp_path_factory.mktemp("samples") / "samples.duckdb"
        docs = [d for d in read_inputs([str(SAMPLES)]) if isinstance(d, Document)]
        with Store(path) as store:
            store.write_batch([pipeline.extract(d) for d in docs])
            run_resolution(store)
            store.mark_resolved()
        _BUILT["samples"] = path
    return _BUILT["samples"]
