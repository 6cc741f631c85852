"""Named mentions from spaCy's NER: the base the actors stage builds entities on."""

from __future__ import annotations

from newsgraph.model.records import Mention
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage

# NER labels that name actors or places; numbers, dates and money are other stages' business.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


@stage("mentions.spacy.v1", requires=["spacy.parse"], assigns=["mentions"])
def mentions(ctx: StageContext) -> None:
    """One mention per spaCy entity span whose label names an actor or a place."""
    out = ctx.result.mentions
    for ent in ctx.doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        out.append(
            Mention(
                id=f"m{len(out) + 1}",
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                type=ent.label_,
            )
        )
