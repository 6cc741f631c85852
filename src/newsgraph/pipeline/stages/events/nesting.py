"""Which trigger governs which: a trigger found in an argument slot of another ("agreed to
cooperate", "rejected the offer") is folded into that governor, as PLOVER codes one event per
construction. Split from ``triggers.py``, which finds the triggers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.pipeline.stages.events.triggers import Candidate

# Argument slots: a trigger in the subtree of one of these children belongs to its governor.
_ARG_DEPS = frozenset(
    {"dobj", "xcomp", "ccomp", "oprd", "attr", "dative", "prep", "agent", "acomp"}
)
# Prepositions that start adverbials (time, cause, concession), not arguments of a trigger.
_ADVERBIAL_PREPS = frozenset(
    {
        "after",
        "before",
        "during",
        "since",
        "until",
        "till",
        "despite",
        "following",
        "amid",
        "amidst",
        "as",
        "while",
        "because",
        "through",
        "throughout",
        "within",
        "without",
        "like",
        "unlike",
        "besides",
        "except",
        "upon",
        "when",
        "prior",
        "ahead",
    }
)


def fold_nested(cands: list[Candidate]) -> list[Candidate]:
    """Fold triggers that sit in an argument slot of another trigger into that governor."""
    by_anchor: dict[int, Candidate] = {}
    for c in cands:
        by_anchor.setdefault(c.anchor.i, c)
        by_anchor.setdefault(c.head.i, c)
    out: list[Candidate] = []
    for c in cands:
        gov = _governor(c, by_anchor)
        if gov is not None and gov is not c:
            c.governed_by = gov
            gov.nested.append(c)
        else:
            out.append(c)
    # Drop governors' nested lists of candidates that were themselves folded (keep top level).
    return out


def _governor(c: Candidate, by_anchor: dict[int, Candidate]) -> Candidate | None:
    """The nearest trigger whose argument slot contains ``c`` (None when ``c`` is free)."""
    tok = c.anchor
    for _ in range(8):
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ in (
            "relcl",
            "acl",
            "advcl",
            "conj",
            "appos",
            "parataxis",
            "nsubj",
            "nsubjpass",
            "csubj",
        ) and head.pos_ in ("VERB", "AUX"):
            return None
        if tok.dep_ in ("relcl", "acl", "appos", "conj"):
            return None
        if tok.dep_ == "prep" and (
            tok.lower_ in _ADVERBIAL_PREPS or (tok.lower_ == "with" and tok.i < head.i)
        ):
            return None  # temporal/causal adverbials and fronted "With X ..., Y" clauses
        gov = by_anchor.get(head.i)
        if (
            gov is not None
            and gov is not c
            and (
                tok.dep_ in _ARG_DEPS
                or tok.dep_ in ("pobj", "pcomp", "poss", "compound", "amod", "nmod")
            )
        ):
            return gov
        tok = head
    return None
