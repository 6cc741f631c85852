"""Actors inside one article: entities with aliases, roles, attributes and coreference.

The cascade, in order (each step in its own module):
1. ``spans``   — repair spaCy's NER spans into name mentions (titles, possessives, nicknames,
                 organisation names, acronyms);
2. ``cluster`` — group name mentions into entities by name form, with type agreement;
3. ``titles``, ``roles`` — titles before names, then appositions (which add "nominal" mentions);
4. ``coref``   — definite descriptions, then relative and personal pronouns;
5. ``roles``   — predicate nominals, possessors of roles ("his lawyer"), ages; then
                 ``coref`` links possessive descriptions ("his lawyer" said ...);
6. ``places``  — gazetteer attributes for places and groups; places resolving to the same
                 GeoNames id are one entity ("US" / "United States");
7. ``build``   — contract ``Mention``/``Entity`` records and ``ctx.token_entity``.
It works over the existing parse only: no extra model pass.
"""

from __future__ import annotations

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.doctext import doc_text
from newsgraph.pipeline.registry import stage
from newsgraph.pipeline.stages.actors import build, cluster, coref, roles, spans, titles
from newsgraph.pipeline.stages.actors.lexicon import lexicon
from newsgraph.pipeline.stages.actors.places import resolve_place
from newsgraph.pipeline.stages.actors.state import Work, quote_spans, segment_doc

PLACE_TYPES = frozenset({"GPE", "LOC", "NORP"})


@stage("actors.rules.v1", requires=["mentions", "sentences"], assigns=["entities", "coref"])
def actors(ctx: StageContext) -> None:
    """Group mentions into entities, resolve descriptions and pronouns, read roles and places."""
    lex = lexicon()
    work = Work(doc=ctx.doc, doc_date=ctx.document.date)
    work.segment, work.segments = segment_doc(ctx.doc)
    work.quotes = quote_spans(doc_text(ctx.doc))
    names = spans.name_mentions(ctx.doc, ctx.result.mentions, lex)
    cluster.cluster(work, names, lex)
    titles.title_roles(work, lex)
    roles.appositive_roles(work, lex)
    coref.descriptions(work, lex)
    coref.pronouns(work, lex)
    roles.predicate_roles(work, lex)
    roles.resolve_possessors(work)
    coref.possessive_descriptions(work, lex)
    roles.ages(work)
    places(work)
    mentions, entities, token_entity = build.to_records(work)
    ctx.result.mentions = mentions
    ctx.result.entities = entities
    ctx.token_entity.update(token_entity)


def places(work: Work) -> None:
    """Gazetteer attributes on place and group entities; merge places with one GeoNames id."""
    lex = lexicon()
    seen: dict[tuple[str, object], int] = {}
    for e, ent in enumerate(work.entities):
        if ent.type not in PLACE_TYPES or not ent.mentions:
            continue
        for m in ent.mentions:
            attrs = resolve_place(m.text(work.doc), ent.type, lex)
            if attrs is not None:
                for k, v in attrs.items():
                    ent.attributes.setdefault(k, v)
                    ent.evidence.setdefault(k, m.chars(work.doc))
                break
        gid = ent.attributes.get("geonames_id") or ent.attributes.get("country")
        if gid is None:
            continue
        key = (ent.type if ent.type == "NORP" else "PLACE", gid)
        if key in seen:
            build.merge(work, seen[key], e)
        else:
            seen[key] = e
