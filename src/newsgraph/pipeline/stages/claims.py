"""Claims: attributions with speaker, cue, content, channel and status (placeholder until issue 5)."""

from __future__ import annotations

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage


@stage(
    "claims.rules.v1",
    requires=["sentences", "entities", "coref", "timexes"],
    assigns=["claims"],
)
def claims(ctx: StageContext) -> None:
    """Find attributions (placeholder)."""
