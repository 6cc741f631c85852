"""The stage registry refuses pipelines whose stages' needs are not met by earlier stages."""

from __future__ import annotations

import pytest

from newsgraph.config import load_config
from newsgraph.errors import StageConfigError
from newsgraph.pipeline.registry import registered_stages, resolve_stages


def test_default_order_is_valid_and_complete() -> None:
    specs = resolve_stages(load_config().pipeline.stages)
    names = [s.name for s in specs]
    assert names[0] == "sentences.v1"
    assert set(names) <= set(registered_stages())


def test_stage_before_its_requirement_is_refused() -> None:
    with pytest.raises(StageConfigError, match="requires"):
        resolve_stages(["sentences.v1", "claims.rules.v1"])


def test_unknown_stage_names_the_registered_ones() -> None:
    with pytest.raises(StageConfigError, match=r"sentences\.v1"):
        resolve_stages(["nope.v9"])


def test_config_override_and_bad_ops(tmp_path: object) -> None:
    cfg = load_config(pipeline__batch_size=7)
    assert cfg.pipeline.batch_size == 7
    with pytest.raises(StageConfigError):
        load_config(pipeline__ops="gpu")
