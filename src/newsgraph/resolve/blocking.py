"""Blocking keys: which doc-level entities a clustering rule could ever look at together.

Every rule of :mod:`newsgraph.resolve.cluster` compares entities that share a key of this module,
so the *components* of the key graph (see :mod:`newsgraph.resolve.components`) are independent:
clustering each component alone gives what clustering the whole store gives. That is what makes
incremental resolution exact: new articles change only the components their entities' keys touch.

An entity *owns* a key (a name it is known by, a place id, a copy of its article) or only *has*
it (a part of a longer name that a short form could mean: a surname, a word-prefix, initials).
Two entities are connected by a key when at least one of them owns it: two full names that share a
surname are not connected by it, unless some entity is known by that surname alone.

Keys (strings before hashing):

* ``f|group|key`` owned: folded full and partial forms, acronyms of acronym-only entities and place
  ids (pass 1, and the short forms of pass 3); had: word-suffixes and paternal surnames of PERSON
  full names, letters-only word-prefixes of ORG full names (pass 3, and the surnames that single
  names never merge by, pass 5).
* ``a|group|letters`` owned by acronym-only entities; had: initials of full names and acronyms
  declared beside a full name (pass 2).
* ``v|key`` owned: multi-word person-like full names in the type-vote groups (type vote, across
  PERSON and ORG).
* ``n|folded name`` owned: every surface form that is a name, so two groups that may get the same
  canonical name (and must be told apart by :func:`newsgraph.resolve.canonical._assign_ids`) are
  in one component. A group known by no name form at all (a generic "Congress") has an id of its
  own anchor, so it needs no key: the many generic "Congress" of a store are not one component.
* ``s|doc|e1|e2`` owned by both: a same-article pair a rule links (a part of a longer ORG name,
  ``tails.py``; an acronym that loosely abbreviates a name of its article).
* ``c|text hash|entity`` owned: the same entity of the same article text stored under another id.

Merge decisions connect their two anchors (added at resolution from the ``decisions`` table).
Keys are stored as 64-bit hashes: a collision only joins two components, which changes no result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from newsgraph.resolve.cluster import person_like
from newsgraph.resolve.model import DocEntity, Profile, copy_key, place_ids
from newsgraph.resolve.normalize import (
    fold,
    initials,
    loose_acronym,
    make_form,
    rules,
    trim_fragment,
)
from newsgraph.resolve.tails import part_of

# Bump when the keys below change: stores indexed with another version are rebuilt in full.
VERSION = "2"


def key_hash(text: str) -> int:
    """A signed 64-bit hash of a key (DuckDB BIGINT)."""
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=8).digest(), "big", signed=True
    )


def entity_keys(e: DocEntity, p: Profile) -> dict[str, bool]:
    """The keys of one doc-level entity (key -> owned), same-article pairs aside."""
    keys: dict[str, bool] = {}

    def add(key: str, own: bool) -> None:
        keys[key] = keys.get(key, False) or own

    g = p.group
    r = rules()
    for f in (*p.full, *p.partial):
        add(f"f|{g}|{f.key}", True)
    for f in p.full:
        for k in range(1, len(f.tokens)):
            if g == "PERSON":
                add(f"f|{g}|{' '.join(f.tokens[k:])}", False)
                add(f"f|{g}|{f.tokens[k]}", False)
            elif g == "ORG" and all(t.isalpha() for t in f.tokens[k:]):
                add(f"f|{g}|{' '.join(f.tokens[:k])}", False)
        for a in initials(f.tokens):
            add(f"a|{g}|{a}", False)
        if g in r.type_vote_groups and len(f.tokens) > 1 and person_like(f.raw):
            add(f"v|{f.key}", True)
    for letters in p.acronyms:
        if p.acronym_only:
            add(f"f|{g}|{letters}", True)
            add(f"a|{g}|{letters}", True)
        elif p.full:
            add(f"a|{g}|{letters}", False)
    for place in place_ids(e):
        add(f"f|{g}|{place}", True)
    for raw in e.raw_forms():
        if make_form(raw, g) is not None:  # a form that may become a canonical name
            add(f"n|{fold(trim_fragment(raw))}", True)
    copy = copy_key(e)
    if copy is not None:
        add(copy, True)
    return keys


def pair_keys(
    doc: Sequence[int], entities: Sequence[DocEntity], profiles: Sequence[Profile]
) -> Iterable[tuple[int, int]]:
    """Same-article pairs ``(i, j)`` of one article's entities (indices ``doc``) that a rule may
    link: ``i`` a part of ``j``'s name, or ``i`` an acronym loosely abbreviating ``j``'s name."""
    for i in doc:
        p = profiles[i]
        for j in part_of(i, entities, profiles, doc):
            yield i, j
        if p.acronym_only:
            for j in doc:
                q = profiles[j]
                if j == i or q.group != p.group:
                    continue
                if any(loose_acronym(a, f.tokens) for a in p.acronyms for f in q.full):
                    yield i, j


def pair_key(a: DocEntity, b: DocEntity) -> str:
    x, y = sorted((a.entity_id, b.entity_id))
    return f"s|{a.doc_id}|{x}|{y}"


def all_keys(
    entities: Sequence[DocEntity], profiles: Sequence[Profile], docs: dict[str, list[int]]
) -> list[dict[int, bool]]:
    """Keys of every entity (indices into ``entities``); ``docs`` lists each article's entities,
    all of which must be in ``entities`` (articles are indexed whole)."""
    out = [entity_keys(e, p) for e, p in zip(entities, profiles, strict=True)]
    for members in docs.values():
        for i, j in pair_keys(members, entities, profiles):
            key = pair_key(entities[i], entities[j])
            out[i][key] = True
            out[j][key] = True
    return [{key_hash(k): own for k, own in keys.items()} for keys in out]
