"""Dependency-tree helpers for the events stage: subjects, objects, noun phrases, conjuncts.

spaCy's English parser (ClearNLP-style labels) leaves the subject of a controlled verb
("agreed to cooperate"), a coordinated verb or a participle implicit; these helpers recover it from
the head chain so that every trigger can find its actor.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

SUBJ = frozenset({"nsubj", "csubj", "expl"})
SUBJ_PASS = frozenset({"nsubjpass", "csubjpass"})
# Left-hand modifiers kept in an actor's noun phrase ("Senior Hungarian officials").
NP_LEFT = frozenset(
    {"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "case", "npadvmod"}
)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in SUBJ_PASS or c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and not children(verb, "aux")
    )


def own_subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's own subject and whether it is a passive subject."""
    for c in verb.children:
        if c.dep_ in SUBJ and c.dep_ != "expl":
            return c, False
        if c.dep_ in SUBJ_PASS:
            return c, True
    return None, False


def implicit_subject(verb: Token) -> Token | None:
    """The understood subject of a verb that has none: controller, coordinated head, modified noun.

    "X agreed to cooperate" -> X for "cooperate"; "X arrived and met Y" -> X for "met";
    "the official, accused of ..." -> "official"; "who rejected" -> the noun "who" stands for.
    """
    tok = verb
    for _ in range(6):
        subj, _passive = own_subject(tok)
        if subj is not None and tok.i != verb.i:
            if subj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                return tok.head
            return subj
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head
        if (
            tok.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp")
            and tok.head.i != tok.i
        ):
            # Object control: "urged X to support" -> X does the supporting.
            if tok.dep_ == "xcomp":
                obj = children(tok.head, "dobj")
                if obj and tok.head.lemma_ not in ("promise", "offer", "threaten", "vow"):
                    return obj[0]
            tok = tok.head
            if tok.dep_ == "prep":
                tok = tok.head
            continue
        if tok.dep_ == "prep" and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None


def subject(verb: Token) -> tuple[Token | None, bool]:
    """``(subject, passive)`` of ``verb``, recovering an implicit one from its head chain."""
    subj, passive = own_subject(verb)
    if subj is not None:
        if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head, passive
        return subj, passive
    found = implicit_subject(verb)
    passive = is_passive(verb)
    return found, passive


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Iran, Libya and Sudan")."""
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the base noun phrase headed by ``tok`` (left modifiers,
    flat compounds; no relative clauses, no coordinated siblings)."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in NP_LEFT or (c.dep_ == "punct" and c.i > start - 2):
            sub = [t.i for t in c.subtree if t.dep_ != "conj" and t.i < tok.i]
            if sub:
                start = min(start, min(sub))
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "case") or (
            c.dep_ == "appos" and c.ent_type_ and c.i == end
        ):
            end = max(end, c.i + 1)
        else:
            break
    # A common-noun head keeps its "of" complement: "leaders of Romania's new government".
    if tok.pos_ == "NOUN":
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == end:
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    end = max(end, noun_phrase(objs[0])[1])
                break
    # Do not start on punctuation or a coordinator.
    doc = tok.doc
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj")):
        start += 1
    return start, end


def prep_objects(tok: Token, preps: frozenset[str] | set[str]) -> Iterator[tuple[str, Token]]:
    """``(preposition, object)`` for prepositional phrases of ``tok`` with one of ``preps``."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    yield c.lower_, o


def clause_tokens(tok: Token) -> Span:
    """The tokens of ``tok``'s sentence."""
    return tok.sent


def span_of(tok: Token) -> Span:
    s, e = noun_phrase(tok)
    return tok.doc[s:e]
