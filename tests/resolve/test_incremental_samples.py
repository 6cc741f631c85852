"""The shipped sample articles resolved one article at a time (as small ingests do), all at once,
and rebuilt with ``--full`` give the same canonical_entities, entity_links and entity_records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.app.resolution import run_resolution
from newsgraph.ingest import read_inputs
from newsgraph.model.records import DocResult, Document
from newsgraph.store import Store
from tests.resolve.conftest import resolved_rows

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def results(pipeline: Any) -> list[DocResult]:
    docs = [d for d in read_inputs([str(ROOT / "samples")]) if isinstance(d, Document)]
    out = [r for r in pipeline.pipe(docs) if isinstance(r, DocResult)]
    assert len(out) >= 14
    return out


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return resolved_rows(store.con)


def test_samples_one_at_a_time_equal_all_at_once_and_full(
    results: list[DocResult], tmp_path: Path
) -> None:
    with Store(str(tmp_path / "step.duckdb"), refresh_index_on_close=False) as store:
        modes = []
        for r in results:
            store.write_batch([r], [])
            modes.append(run_resolution(store)["mode"])
        step = _dump(store)
    assert set(modes[1:]) == {"incremental"}
    with Store(str(tmp_path / "bulk.duckdb"), refresh_index_on_close=False) as store:
        store.write_batch(results, [])
        run_resolution(store)
        bulk = _dump(store)
        stats = run_resolution(store, full=True)
        assert stats["mode"] == "full"
        full = _dump(store)
    assert step == bulk
    assert step == full
    # Actors recur across the samples, so links join articles (the comparison means something).
    linked = [r for r in step["canonical_entities"] if r[5] >= 3]
    assert len(linked) >= 5
    assert step["entity_records"]
