"""Times: TIMEX3 recognition and normalisation (placeholder until issue 3)."""

from __future__ import annotations

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage


@stage("times.rules.v1", requires=["sentences", "doc.date"], assigns=["timexes", "flags.time"])
def times(ctx: StageContext) -> None:
    """Find and normalise temporal expressions (placeholder)."""
