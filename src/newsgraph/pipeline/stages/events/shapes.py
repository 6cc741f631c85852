"""Parse shapes the argument finder reads past: main verbs spaCy misparses as modifiers, objects
displaced after an "as" phrase, coordinated nationalities, phrases that point back at the parties
already named. Pure functions of the dependency tree.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.pipeline.stages.events.syntax import children

# Named-entity labels of actors (people, organisations, countries, nationalities).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def stray_objects(verb: Token) -> list[Token]:
    """Objects of a verb misparsed as a participle on the sentence's root noun, with its object
    left as an adverbial noun: ``guards(ROOT) <-acl- detained -npadvmod-> journalist``, or as a
    modifier of its own object: ``army(ROOT) ... bombed -amod-> positions``. A sentence whose
    root is a noun has no other main verb, so the participle is the main verb when a noun
    phrase (not a date or measure) follows it."""
    head = verb.head
    root = verb.sent.root
    if (
        verb.dep_ == "amod"
        and verb.tag_ in ("VBD", "VBN")
        and root.pos_ in ("NOUN", "PROPN")
        and root.i < verb.i < head.i
        and head.pos_ in ("NOUN", "PROPN")
    ):
        return [head]
    if verb.dep_ != "acl" or head.dep_ != "ROOT" or head.pos_ not in ("NOUN", "PROPN"):
        return []
    if verb.tag_ not in ("VBD", "VBN") or children(verb, "dobj", "aux", "auxpass", "agent"):
        return []
    return [
        o
        for o in children(verb, "npadvmod", "attr", "oprd")
        if o.i > verb.i
        and o.pos_ in ("NOUN", "PROPN")
        and (not o.ent_type_ or o.ent_type_ in ACTOR_LABELS)
    ]


def displaced_objects(verb: Token) -> list[Token]:
    """The object of a verb that has none, parsed as an apposition to an "as" phrase placed
    before it: "denounced as an ugly crime [Serbia's suppression of ...]"."""
    if children(verb, "dobj", "ccomp", "xcomp") or any(
        c.dep_ in ("nsubjpass", "auxpass") for c in verb.children
    ):
        return []
    return [
        ap
        for prep in children(verb, "prep")
        if prep.lower_ == "as"
        for obj in children(prep, "pobj")
        for ap in children(obj, "appos")
    ]


def depth_below(tok: Token, top: Token) -> int:
    """Dependency links from ``top`` down to ``tok`` (large when ``tok`` is not below it)."""
    d = 0
    while tok.i != top.i and tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d if tok.i == top.i else 99


def refers_to_parties(tok: Token) -> bool:
    """Whether a plural phrase points back at the parties of a mutual act rather than naming
    another actor: "the two countries", "both sides", "their governments", "each other"."""
    if tok.lower_ == "other":
        return True
    if tok.tag_ not in ("NNS", "NNPS"):
        return False
    deps = {(c.dep_, c.lower_) for c in tok.children}
    # "two" only with a definite article: "the two neighbours", not "two reporters".
    definite = ("det", "the") in deps or ("det", "these") in deps
    return bool(
        {("poss", "their"), ("poss", "our"), ("det", "both"), ("predet", "both")} & deps
        or (definite and ("nummod", "two") in deps)
    )


def nationalities(tok: Token) -> list[Token]:
    """Coordinated nationality or country modifiers of a common noun, when there are several:
    "Hungarian and Romanian officials", "U.S. and Russian negotiators" -> the modifiers."""
    if tok.pos_ != "NOUN":
        return []
    for mod in tok.children:
        if mod.dep_ in ("amod", "compound", "nmod") and mod.ent_type_ in ("NORP", "GPE"):
            group = [mod] + [
                c for c in mod.subtree if c.dep_ == "conj" and c.ent_type_ in ("NORP", "GPE")
            ]
            if len(group) >= 2:
                return sorted(group, key=lambda t: t.i)
    return []
