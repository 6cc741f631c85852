"""Claims: who says what about whom, through which channel, and with what status.

The stage reads attributions off the dependency parse (``candidates``), scores them with a small
logistic model trained on PolNeAR's train split (``scorer``), keeps one attribution per cue, and
fills contract ``Claim`` records: the speaker resolved to an entity (through the actors stage's
coreference, or a document's author with the document as ``channel``), the status of the content
(``status``), its targets, the claim it is nested in, and when it was said.
"""

from __future__ import annotations

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage
from newsgraph.pipeline.stages.claims.build import build_claims, scored_candidates

__all__ = ["build_claims", "claims", "scored_candidates"]


@stage(
    "claims.rules.v1",
    requires=["sentences", "entities", "coref", "timexes"],
    assigns=["claims", "flags.claims"],
)
def claims(ctx: StageContext) -> None:
    """Find attributions: speaker, cue, content, kind, channel, status, targets, parent, date."""
    ctx.result.claims.extend(build_claims(ctx))
