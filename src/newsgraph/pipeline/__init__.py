"""Per-document pipeline: model loading, stage registry, runner; stages/ holds one module per stage."""

from newsgraph.pipeline.registry import StageSpec, registered_stages, stage
from newsgraph.pipeline.runner import Pipeline, extract

__all__ = ["Pipeline", "StageSpec", "extract", "registered_stages", "stage"]
