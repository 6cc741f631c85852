"""Events: PLOVER-coded who-did-what-to-whom (placeholder until issue 6)."""

from __future__ import annotations

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage


@stage(
    "events.rules.v1",
    requires=["sentences", "entities", "coref", "timexes", "claims"],
    assigns=["events"],
)
def events(ctx: StageContext) -> None:
    """Code events (placeholder)."""
