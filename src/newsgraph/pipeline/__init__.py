"""Per-document pipeline: model loading, stage registry, runner; stages/ holds one module per stage.

``Pipeline`` and ``extract`` are imported lazily so that commands which only read the store do not
pay for importing spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.pipeline.registry import StageSpec, registered_stages, stage

if TYPE_CHECKING:
    from newsgraph.pipeline.runner import Pipeline, extract

__all__ = ["Pipeline", "StageSpec", "extract", "registered_stages", "stage"]


def __getattr__(name: str) -> Any:
    if name in ("Pipeline", "extract"):
        from newsgraph.pipeline import runner

        return getattr(runner, name)
    raise AttributeError(name)
