"""Roles and attributes of people, read from the dependency parse (titles in front of a name
are read in ``titles.py``).

* Appositions, either way round: "Felipe Calderón’s Secretary of Public Security, Genaro Garcia
  Luna" (possessor -> ``of``; "of <ORG>" -> ``org``), "his lawyer, César De Castro" (the pronoun's
  referent becomes ``of`` once coreference has run), "Jane Doe, the company's chief executive".
  The role noun phrase is also a mention of the person (kind "nominal").
* Predicate nominals: "X is the mayor", "X was named minister" (verbs from a data file).
* Age: "García Luna, 56," / "(56)" / "56-year-old X", as of the article date.

Role head words come from ``actors_role_nouns.tsv``; nothing here names a particular role.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsgraph.pipeline.doctext import doc_text
from newsgraph.pipeline.stages.actors.lexicon import Lexicon, RoleNoun
from newsgraph.pipeline.stages.actors.spans import FORMER
from newsgraph.pipeline.stages.actors.state import Ment, RoleDraft, Work
from newsgraph.pipeline.tokattrs import lower_lemmas, token_attrs

_YEAR_OLD = re.compile(r"\b(\d{1,3})-year-old\s+$")
_AGE_AFTER = frozenset({",", ".", ")", ";", ":"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_NOT_TITLE = FORMER | {"then", "current", "new", "late", "outgoing", "incoming", "longtime"}


def role_noun(tok: Token, lex: Lexicon) -> RoleNoun | None:
    return lex.role(tok.lower_) or (lex.role(tok.lemma_) if tok.tag_ in ("NNS", "NNPS") else None)


def role_noun_at(doc: Doc, i: int, lex: Lexicon) -> RoleNoun | None:
    """``role_noun(doc[i], lex)`` read from the token columns (no ``Token`` made): loops over
    every noun of a document ask it of each."""
    attrs = token_attrs(doc)
    return lex.role(attrs.lower[i]) or (
        lex.role(lower_lemmas(doc)[i]) if attrs.tag[i] in ("NNS", "NNPS") else None
    )


def char_span(doc: Doc, a: int, b: int) -> tuple[int, int]:
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)


# -- appositions -----------------------------------------------------------------------------
def appositive_roles(work: Work, lex: Lexicon) -> None:
    doc = work.doc
    for i, dep in enumerate(token_attrs(doc).dep):
        if dep != "appos":
            continue
        tok = doc[i]
        for name_tok, role_tok in ((tok.head, tok), (tok, tok.head)):
            m = work.token_ment.get(name_tok.i)
            if m is None or m.kind != "name" or m.entity is None:
                continue
            if work.entities[m.entity].type != "PERSON" or role_tok.i in work.token_ment:
                continue
            rn = role_noun(role_tok, lex)
            if rn is None:
                continue
            role = noun_phrase_role(work, role_tok, rn, lex)
            a, b = char_span(doc, min(m.start, role_tok.left_edge.i), max(m.end, role_tok.i + 1))
            role.evidence = (min(a, role.evidence[0]), max(b, role.evidence[1]))
            ent = work.entities[m.entity]
            ent.roles.append(role)
            ent.set_gender(rn.gender, role.evidence)
            left = nominal_left(work, role_tok)
            if all(i not in work.token_ment for i in range(left, role_tok.i + 1)):
                work.add(Ment(left, role_tok.i + 1, "PERSON", kind="nominal"), m.entity)
            break


def nominal_left(work: Work, h: Token) -> int:
    """Start of the noun phrase headed by ``h``, without a possessor ("his lawyer" -> lawyer)."""
    left = h.i
    for c in h.lefts:
        if c.dep_ in ("poss", "punct"):
            continue
        if any(i in work.token_ment for i in range(c.left_edge.i, c.i + 1)):
            continue
        left = min(left, c.left_edge.i)
    # a possessor's subtree ends before the remaining modifiers begin
    poss = [c for c in h.lefts if c.dep_ == "poss"]
    if poss:
        left = max(left, max(p.right_edge.i for p in poss) + 1)
    return left


def noun_phrase_role(work: Work, h: Token, rn: RoleNoun, lex: Lexicon) -> RoleDraft:
    """The role a noun phrase headed by role noun ``h`` states: title, of, org, former."""
    doc = work.doc
    start = h.i
    former = False
    named: int | None = None  # a name compounded onto the noun: "a Greenlawn spokeswoman"
    for c in sorted(h.lefts, key=lambda t: -t.i):
        if c.dep_ not in _MODIFIER_DEPS or c.i != start - 1:
            if c.lower_ in FORMER:
                former = True
            continue
        if c.lower_ in _NOT_TITLE:
            former = former or c.lower_ in FORMER
            continue
        if c.i in work.token_ment:
            named = work.token_ent.get(c.i)
            break
        start = c.i
    for c in h.lefts:
        if c.lower_ in FORMER or c.lower_.startswith("ex-"):
            former = True
    end = h.i + 1
    org: int | None = None
    of: int | None = None
    of_token: int | None = None
    for c in h.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == end:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is None:
                continue
            pm = work.token_ment.get(pobj.i)
            if pm is not None and pm.entity is not None:
                t = work.entities[pm.entity].type
                if t == "ORG":
                    org = pm.entity
                elif t in ("GPE", "LOC", "NORP"):
                    of = pm.entity
                end = pobj.right_edge.i + 1
            elif pobj.tag_ in ("NNP", "NNPS"):
                end = pobj.right_edge.i + 1
    for c in h.lefts:
        if c.dep_ != "poss":
            continue
        pm = work.token_ment.get(c.i)
        if pm is not None and pm.entity is not None:
            t = work.entities[pm.entity].type
            if t == "ORG":
                org = pm.entity
            else:
                of = pm.entity
        elif c.tag_ == "PRP$":
            of_token = c.i
    if named is not None:
        t = work.entities[named].type
        if t == "ORG" and org is None:
            org = named
        elif t in ("GPE", "LOC", "NORP") and of is None:
            of = named
    title = doc[start:end].text
    return RoleDraft(
        title=title,
        evidence=char_span(doc, min(start, h.left_edge.i), end),
        head=h.i,
        org=org,
        of=of,
        of_token=of_token,
        former=former,
        kind=rn.kind,
    )


# -- predicate nominals ----------------------------------------------------------------------
def predicate_roles(work: Work, lex: Lexicon) -> None:
    """ "X is the mayor", "he was named minister": after coreference, so pronouns count."""
    doc = work.doc
    for i, dep in enumerate(token_attrs(doc).dep):
        if dep not in ("attr", "oprd"):
            continue
        h = doc[i]
        if h.head.lemma_ not in lex.role_verbs:
            continue
        rn = role_noun(h, lex)
        if rn is None or h.tag_ in ("NNS", "NNPS"):
            continue
        subj = next((c for c in h.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i not in work.token_ent:
            continue
        e = work.token_ent[subj.i]
        if work.entities[e].type != "PERSON":
            continue
        role = noun_phrase_role(work, h, rn, lex)
        a, _ = char_span(doc, min(subj.left_edge.i, h.i), h.i + 1)
        role.evidence = (min(a, role.evidence[0]), role.evidence[1])
        work.entities[e].roles.append(role)


def resolve_possessors(work: Work) -> None:
    """ "his lawyer": the pronoun's referent, now known, is whom the role is held for."""
    for ent in work.entities:
        for r in ent.roles:
            if r.of_token is None or r.of is not None:
                continue
            e = work.token_ent.get(r.of_token)
            if e is None or work.entities[e] is ent:
                continue
            if work.entities[e].type == "ORG":
                r.org = r.org if r.org is not None else e
            else:
                r.of = e


# -- age -------------------------------------------------------------------------------------
def ages(work: Work) -> None:
    doc = work.doc
    n = len(doc)
    text = doc_text(doc)  # spaCy rebuilds doc.text from every token on each access
    for m in work.mentions:
        if m.kind != "name" or m.entity is None or work.entities[m.entity].type != "PERSON":
            continue
        ent = work.entities[m.entity]
        if "age" in ent.attributes:
            continue
        age: int | None = None
        ev: tuple[int, int] | None = None
        e = m.end
        if e + 1 < n and doc[e].text in (",", "(") and doc[e + 1].text.isdigit():
            closing = doc[e + 2].text if e + 2 < n else "."
            if (doc[e].text == "," and closing in _AGE_AFTER) or (
                doc[e].text == "(" and closing == ")"
            ):
                age, ev = int(doc[e + 1].text), char_span(doc, m.start, e + 2)
        if age is None:
            before = text[max(0, doc[m.start].idx - 20) : doc[m.start].idx]
            hit = _YEAR_OLD.search(before)
            if hit:
                age = int(hit.group(1))
                a = doc[m.start].idx - len(before) + hit.start(1)
                ev = (a, char_span(doc, m.start, m.end)[1])
        if age is not None and ev is not None and 0 < age < 120:
            ent.attributes["age"] = age
            ent.attributes["age_as_of"] = work.doc_date
            ent.attributes["age_evidence"] = [ev[0], ev[1]]
