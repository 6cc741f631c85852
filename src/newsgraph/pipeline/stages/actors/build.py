"""Turning the working entities into contract records: names, aliases, roles, ids.

An entity's ``name`` is its most complete name form (most name parts; accents restored from
other forms of the same parts: "Genaro Garcia Luna" + "García Luna" -> "Genaro García Luna");
``aliases`` are the other name forms, acronyms and nicknames seen. Descriptions ("the former
official") are not aliases — they would join unrelated people across articles — and are listed
under ``attributes["descriptions"]``, as are an organisation's names made only of head words and
legal suffixes ("the Bank" of the Bank of Lagonia). Every attribute ``k`` carries ``k_evidence``,
the character span [start, end] that supports it (the honorific, title or pronoun giving a
gender; the first description; the place name a gazetteer matched). Mentions are numbered in
text order, entities in order of first mention.
"""

from __future__ import annotations

import re

from newsgraph.model.records import Entity, Mention, Role
from newsgraph.pipeline.doctext import doc_text
from newsgraph.pipeline.stages.actors.lexicon import lexicon
from newsgraph.pipeline.stages.actors.names import fold
from newsgraph.pipeline.stages.actors.state import Ent, Ment, Work

_SPACES = re.compile(r"\s+")
# attribute keys that qualify another key ("age_as_of", "age_evidence"), not values of their own
QUALIFIERS = ("_as_of", "_evidence")


def _surface(work: Work, m: Ment) -> str:
    return _SPACES.sub(" ", m.text(work.doc)).strip()


def entity_name(work: Work, ent: Ent) -> str:
    names = [m for m in ent.mentions if m.kind == "name"] or [
        m for m in ent.mentions if m.kind in ("acronym", "nickname")
    ]
    if not names:
        return _surface(work, ent.mentions[0])
    tokens = [m.name_words(work.doc) for m in names]  # once per mention, read twice below
    best = names[
        max(range(len(names)), key=lambda k: (len(tokens[k]), -names[k].start))  # first of ties
    ]
    if ent.type != "PERSON":
        return _surface(work, best)
    accented: dict[str, str] = {}
    for words in tokens:
        for word in words:
            if not word.isascii():
                accented.setdefault(fold(word), word)
    skip = range(best.nickname[0] - 1, best.nickname[1] + 1) if best.nickname else range(0)
    parts = [
        accented.get(fold(t.text), t.text) + t.whitespace_
        for t in best.span(work.doc)
        if t.i not in skip
    ]
    return _SPACES.sub(" ", "".join(parts)).strip()


def merge(work: Work, keep: int, drop: int) -> None:
    """Move ``drop``'s mentions, roles and attributes into ``keep``."""
    a, b = work.entities[keep], work.entities[drop]
    for m in b.mentions:
        work.link(m, keep)
    a.keys.extend(k for k in b.keys if k not in a.keys)
    a.roles.extend(b.roles)
    for k, v in b.attributes.items():
        a.attributes.setdefault(k, v)
    for k, ev in b.evidence.items():
        a.evidence.setdefault(k, ev)
    b.mentions = []


def to_records(work: Work) -> tuple[list[Mention], list[Entity], dict[int, str]]:
    live = [e for e, ent in enumerate(work.entities) if ent.mentions]
    live.sort(key=lambda e: work.entities[e].first)
    ids = {e: f"e{n + 1}" for n, e in enumerate(live)}
    mentions: list[Mention] = []
    token_entity: dict[int, str] = {}
    for m in sorted(work.mentions, key=lambda m: (m.start, m.end)):
        if m.entity is None or m.entity not in ids:
            continue
        start, end = m.chars(work.doc)
        mentions.append(
            Mention(
                id=f"m{len(mentions) + 1}",
                start=start,
                end=end,
                text=doc_text(work.doc)[start:end],
                type=work.entities[m.entity].type,
                entity=ids[m.entity],
                kind=m.kind,
            )
        )
        for i in range(m.start, m.end):
            token_entity[i] = ids[m.entity]
    entities = [_entity(work, e, ids) for e in live]
    return mentions, entities, token_entity


def _entity(work: Work, e: int, ids: dict[int, str]) -> Entity:
    ent = work.entities[e]
    name = entity_name(work, ent)
    aliases: list[str] = []
    descriptions: list[str] = []
    first_description: Ment | None = None
    for m in sorted(ent.mentions, key=lambda m: m.start):
        text = _surface(work, m)
        if m.kind == "nominal" or (ent.type == "ORG" and text != name and _generic(work, m)):
            if text not in descriptions:
                descriptions.append(text)
                first_description = first_description or m
        elif m.kind != "pronoun" and text != name and text not in aliases:
            aliases.append(text)
    for nick in ent.nicknames:
        if nick not in aliases:
            aliases.append(nick)
    attributes = dict(ent.attributes)
    evidence = dict(ent.evidence)
    ordered = sorted(ent.mentions, key=lambda m: m.start)
    if descriptions and first_description is not None:
        attributes["descriptions"] = descriptions
        evidence["descriptions"] = _chars(work, first_description)
    if ent.ambiguous:
        attributes["ambiguous_name"] = True
        evidence["ambiguous_name"] = _chars(work, ordered[0])
    if ent.gender and ent.type == "PERSON":
        attributes["gender"] = ent.gender
    for key in list(attributes):
        # every attribute says where the article supports it: "<key>_evidence" = [start, end]
        qualified = key.endswith(QUALIFIERS) or f"{key}_evidence" in attributes
        if not qualified and key in evidence:
            attributes[f"{key}_evidence"] = list(evidence[key])
    return Entity(
        id=ids[e],
        name=name,
        type=ent.type,
        aliases=aliases,
        roles=_roles(ent, ids),
        attributes=attributes,
    )


def _generic(work: Work, m: Ment) -> bool:
    """A name made only of organisation head words and legal suffixes ("the Bank", "the
    Commission"): it refers inside the article but is no alias to link articles by."""
    lex = lexicon()
    words = [fold(w).replace(".", "") for w in m.name_words(work.doc)]
    return bool(words) and all(w in lex.org_heads or w in lex.org_suffixes for w in words)


def _chars(work: Work, m: Ment) -> tuple[int, int]:
    return m.chars(work.doc)


def _roles(ent: Ent, ids: dict[int, str]) -> list[Role]:
    out: dict[tuple[str, str | None, str | None], Role] = {}
    for r in ent.roles:
        of = ids.get(r.of) if r.of is not None else None
        org = ids.get(r.org) if r.org is not None else None
        key = (fold(r.title), of, org)
        if key in out:
            out[key].former = out[key].former or r.former
            continue
        # the same title seen again with more detail (an "of") supersedes a bare one
        bare = (fold(r.title), None, None)
        former = out.pop(bare).former if bare in out and (of or org) else False
        if (of is None and org is None) and any(k[0] == key[0] for k in out):
            for k, v in out.items():
                if k[0] == key[0]:
                    v.former = v.former or r.former
            continue
        out[key] = Role(
            title=r.title,
            org=org,
            of=of,
            former=r.former or former,
            evidence_start=r.evidence[0],
            evidence_end=r.evidence[1],
        )
    roles = list(out.values())
    # "chief" beside "chief of staff" from the same words: keep the longer title
    folded = [fold(r.title) for r in roles]
    return [
        r
        for r, f in zip(roles, folded, strict=True)
        if not any(g != f and g.startswith(f + " ") for g in folded)
    ]
