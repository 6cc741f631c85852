"""Same-article parts of an organisation's name: "Exchange Commission", "the Bank".

The NER or the actors stage sometimes leaves a part of an organisation's name as a doc-entity of
its own: the tail of a longer name ("Exchange Commission" beside "Securities and Exchange
Commission", "Reserve Board" beside "Federal Reserve Board") or a generic head ("the Bank" beside
"Bank of England"). Such a part must not become a canonical entity of its own, and a generic one
must not link articles by itself (every "Bank" would then be one bank). This module finds, for
one ORG doc-entity, the other ORG doc-entities of the same article whose name it is a part of;
:mod:`newsgraph.resolve.cluster` links it when there is exactly one.

* A doc-entity with a name of its own (not generic) is a part when every one of its names is a
  proper word-suffix of a full name of the candidate.
* A doc-entity known only by generic forms (see ``normalize.is_generic_org``) is a part when all
  its content words occur in a name of the candidate ("Bank" in "Bank of England"; "Exchange
  Commission" in "Securities and Exchange Commission"), or when the candidate is known only by
  an acronym whose last letters are the initials of two or more such words ("Exchange
  Commission" beside "SEC": the NER often cuts "Securities and" off the full name).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from newsgraph.resolve.model import DocEntity, Profile
from newsgraph.resolve.normalize import fold, is_generic_org, rules


@lru_cache(maxsize=200_000)
def _words(raw: str) -> frozenset[str]:
    """Folded words of a form, articles and initials stopwords aside."""
    r = rules()
    return frozenset(t for t in fold(raw).split() if t not in r.articles and t not in r.stopwords)


def _initials(raw: str) -> str:
    """First letters of the content words of a generic form ("Exchange Commission" -> "ec")."""
    r = rules()
    return "".join(t[0] for t in fold(raw).split() if t not in r.articles and t not in r.stopwords)


def _generic_words(entity: DocEntity) -> tuple[frozenset[str], str] | None:
    """Content words of an entity known only by generic ORG forms, with its most mentioned
    form; None when it has another form."""
    forms = entity.raw_forms()
    raws = sorted((raw for raw in forms if raw.strip()), key=lambda r: (-forms[r], r))
    if not raws or not all(is_generic_org(raw) for raw in raws):
        return None
    legal = rules().legal_forms
    words: set[str] = set()
    for raw in raws:
        w = _words(raw)
        words |= (w - legal) or w
    return frozenset(words), raws[0]


def part_of(
    i: int,
    entities: Sequence[DocEntity],
    profiles: Sequence[Profile],
    same_doc: Sequence[int],
) -> dict[int, str]:
    """The ORG doc-entities of ``same_doc`` whose name doc-entity ``i`` is a part of, each with
    the evidence ("tail: 'exchange commission' of ...")."""
    p = profiles[i]
    if p.group != "ORG" or p.acronyms:
        return {}
    generic = _generic_words(entities[i]) if not p.full else None
    if not p.full and not generic:
        return {}
    out: dict[int, str] = {}
    for j in same_doc:
        q = profiles[j]
        if j == i or q.group != "ORG":
            continue
        if generic is not None and q.acronym_only:
            ends = _initials(generic[1])
            for a in sorted(q.acronyms):
                if len(ends) >= 2 and len(a) > len(ends) and a.endswith(ends):
                    out[j] = f"tail: generic {generic[1]!r} ends acronym {a.upper()} of "
            continue
        if not q.full:
            continue
        if generic is not None:
            words, shown = generic
            for f in q.full:
                if words <= _words(f.raw):
                    out[j] = f"tail: generic {shown!r} of "
                    break
            continue
        if all(
            any(
                len(g.tokens) > len(f.tokens) and g.tokens[-len(f.tokens) :] == f.tokens
                for g in q.full
            )
            for f in p.full
        ):
            out[j] = f"tail: {p.full[0].key!r} of "
    return out
