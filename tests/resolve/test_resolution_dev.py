"""MEANTIME cross-document resolution (60 Wikinews articles): ours must beat exact matching."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.resolution_eval import STAGES, articles, run


@pytest.mark.slow
@pytest.mark.shared
def test_meantime_b_cubed(shared_data: Path, nlp: Any, tmp_path: Path) -> None:
    from newsgraph.pipeline import Pipeline

    root = shared_data / "meantime" / "intra_cross-doc_annotation"
    if not root.exists():
        pytest.skip("MEANTIME data is absent")
    arts = list(articles(root))
    assert len(arts) == 60
    m = run(arts, Pipeline(stages=STAGES), str(tmp_path / "mt.duckdb"))
    assert m["failed_articles"] == 0
    assert m["matched_rate"] > 0.85
    # Resolution must add recall over exact string matching without giving up much precision.
    assert m["b3_f1_ours"] > m["b3_f1_exact"] + 0.03
    assert m["b3_r_ours"] > m["b3_r_exact"]
    assert m["b3_p_ours"] > m["b3_p_exact"] - 0.03
