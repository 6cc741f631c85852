"""Targets named outside the trigger's own arguments: in a purpose clause ("began a hunger strike
to demand the resignation of X"), a protest phrase ("in protest of X") or the condition of a threat
or demand ("... unless X withdrew its troops")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.pipeline.stages.events.syntax import children, own_subject, prep_objects
from newsgraph.pipeline.stages.events.triggers import Candidate

if TYPE_CHECKING:
    from newsgraph.pipeline.stages.events.arguments import ArgumentFinder

TARGET_PREPS = frozenset({"against", "on", "upon", "at", "toward", "towards", "into"})
# Types whose target may be named only as the subject of a condition ("unless X ...").
CONDITIONAL_TYPES = frozenset({"THREATEN", "REQUEST"})
_CONDITIONS = frozenset({"if", "unless"})


def condition_targets(finder: ArgumentFinder, c: Candidate, exclude: set[int]) -> list[Token]:
    """Who must act for a threat or demand not to be carried out, named as the subject of
    its condition: "threatened to strike unless Israel rescinded ...", "... if the United
    States goes ahead"."""
    clauses = [ch for t in (c.anchor, c.head) for ch in t.children if ch.dep_ == "advcl"]
    for inner in c.nested:
        clauses += [ch for ch in inner.anchor.children if ch.dep_ == "advcl"]
    for clause in clauses:
        if not any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in clause.children):
            continue
        subj, _passive = own_subject(clause)
        if subj is not None:
            got = [t for t in finder.actors_in(subj) if t.i not in exclude]
            if got:
                return got
    return []


def purpose_targets(finder: ArgumentFinder, c: Candidate, exclude: set[int]) -> list[Token]:
    """The target named by a purpose clause or protest phrase: "began a hunger strike to
    demand the resignation of X", "opened fire to disperse demonstrators", "in protest of"."""
    for tok in (c.anchor, c.head):
        for ch in tok.children:
            # A purpose clause; an xcomp only when it is not the complement of a verb trigger
            # ("refused to deploy ..." is the refusal's content, not its purpose).
            purpose_deps = ("advcl",) if c.kind == "verb" else ("advcl", "xcomp")
            clause = ch.dep_ in purpose_deps and ch.pos_ == "VERB"
            to_inf = clause and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
            if to_inf or (clause and ch.tag_ == "VBG"):
                for obj in children(ch, "dobj"):
                    if ch.lemma_.lower() in finder.theme_verbs and not finder.named(obj):
                        continue
                    got = [t for t in finder.actors_in(obj) if t.i not in exclude]
                    if got:
                        return got
                for _prep, obj in prep_objects(ch, TARGET_PREPS | {"from", "of", "for"}):
                    got = [t for t in finder.actors_in(obj) if t.i not in exclude]
                    if got:
                        return got
            if ch.dep_ == "prep" and ch.lower_ in ("for", "in", "over", "to"):
                # "mobilized reservists for a war against X"
                for o in children(ch, "pobj"):
                    for _prep, obj in prep_objects(o, {"against", "on", "with"}):
                        got = [t for t in finder.actors_in(obj) if t.i not in exclude]
                        if got:
                            return got
            if ch.dep_ == "prep" and ch.lower_ == "in":
                for o in children(ch, "pobj"):
                    if o.lemma_.lower() == "protest":
                        for _prep, obj in prep_objects(o, {"of", "against", "at"}):
                            got = finder.actors_in(obj)
                            if got:
                                return got
    return []
