"""Verbs the parser misreads as noun modifiers.

When an adverbial separates a verb from its object ("Border guards detained on Tuesday a Lagonian
journalist"), spaCy's small English parser reads the verb as a participle modifying the subject
noun (``acl``) and its object as an adverbial noun (``npadvmod``); the sentence then has no
finite verb, and the participle reading makes the subject the one detained. Such a sentence is
read back as subject - verb - object.
"""

from __future__ import annotations

from newsgraph.pipeline.stages.events.arguments import Actors, ArgumentFinder
from newsgraph.pipeline.stages.events.triggers import Candidate

_OBJECT_DEPS = frozenset({"dobj", "npadvmod", "attr"})
_NOT_OBJECTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


def misparsed_actors(c: Candidate, finder: ArgumentFinder) -> Actors | None:
    """Source and target of a verb misparsed as a modifier of the sentence's root noun, or None
    when the parse is a true participle ("weapons seized last year", "a man detained by police")."""
    verb = c.anchor
    if c.kind != "verb" or verb.dep_ not in ("acl", "amod") or verb.tag_ not in ("VBD", "VBN"):
        return None
    subj = verb.head
    if subj.dep_ != "ROOT" or subj.pos_ not in ("NOUN", "PROPN") or subj.i > verb.i:
        return None
    if any(ch.dep_ in ("agent", "auxpass", "nsubjpass") for ch in verb.children):
        return None
    objs = [
        ch
        for ch in verb.children
        if ch.dep_ in _OBJECT_DEPS
        and ch.i > verb.i
        and ch.pos_ in ("NOUN", "PROPN")
        and ch.ent_type_ not in _NOT_OBJECTS
    ]
    if not objs or not finder.is_actor(subj):
        return None
    targets = [t for o in objs for t in finder.actors_in(o)]
    return Actors(sources=[subj], targets=targets) if targets else None
