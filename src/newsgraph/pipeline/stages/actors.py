"""Actors: entities with aliases, roles and in-document coreference (placeholder until issue 4)."""

from __future__ import annotations

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage


@stage("actors.rules.v1", requires=["mentions", "sentences"], assigns=["entities", "coref"])
def actors(ctx: StageContext) -> None:
    """Group mentions into entities (placeholder: one entity per distinct mention text)."""
