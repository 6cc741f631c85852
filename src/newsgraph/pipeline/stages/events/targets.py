"""Target recovery: the party an announced act is aimed at, found inside its complement.

PLOVER codes "X threatened to cut off electricity to Y", "X agreed to provide aid for Y" or
"X refused to deploy troops in Y" with Y as the target: the recipient or the place of the act
described by the trigger's complement. When the clause itself names no target, the first named
actor (a person, organisation, nationality or place) in an object or prepositional-object slot
of the trigger's complement is taken instead.
"""

from __future__ import annotations

from spacy.tokens import Token

_NAMED = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC", "FAC"})
_SLOTS = frozenset({"dobj", "pobj", "dative", "nsubj", "nsubjpass", "compound", "amod", "poss"})
# Clause links that lead into the trigger's complement (not adverbials or modifiers of others).
_INTO = frozenset({"xcomp", "ccomp", "dobj", "prep", "pobj", "dative", "acl", "compound", "amod"})
_MAX_DEPTH = 6


def complement_target(anchor: Token, taken: set[int]) -> Token | None:
    """First named actor token in the complement of ``anchor`` not among ``taken`` tokens."""
    best: tuple[int, int, Token] | None = None
    for tok in anchor.subtree:
        if tok.i == anchor.i or tok.i in taken or tok.ent_type_ not in _NAMED:
            continue
        if tok.dep_ not in _SLOTS:
            continue
        depth = _depth_below(tok, anchor)
        if depth is None:
            continue
        key = (depth, tok.i)
        if best is None or key < best[:2]:
            best = (depth, tok.i, tok)
    return best[2] if best else None


def _depth_below(tok: Token, anchor: Token) -> int | None:
    """Links from ``anchor`` down to ``tok`` when every link enters the complement."""
    d = 0
    while tok.i != anchor.i:
        if tok.dep_ not in _INTO and tok.dep_ not in _SLOTS:
            return None
        tok = tok.head
        d += 1
        if d > _MAX_DEPTH:
            return None
    return d
