"""A store built once per session from the shipped samples (the session's spaCy pipeline reads
them; no second model load), resolved, for the API tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> str:
    from newsgraph.app import resolve
    from newsgraph.errors import Failure
    from newsgraph.ingest import read_inputs
    from newsgraph.model.records import Document
    from newsgraph.store import Store

    path = tmp_path_factory.mktemp("api") / "samples.duckdb"
    results, failures = [], []
    for item in read_inputs([str(SAMPLES)]):
        if isinstance(item, Document):
            results.append(pipeline.extract(item))
        else:
            failures.append(item)
    failures.append(Failure("feed.jsonl", 3, "NG104", "impossible date 2024-02-30"))
    with Store(path) as store:
        store.write_batch(results, failures)
    resolve(str(path))
    with Store(path) as store:  # closing a writable store refreshes the search index
        pass
    return str(Path(path))
