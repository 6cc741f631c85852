"""Stances voiced through a noun or an adjective with a complement.

* noun objects: "Pence's call [for a special prosecutor]", "Cruz's refusal [to disavow…]",
  "Dayton, a supporter [of Clinton]", "Graham has come out in support [of Cruz]": the content is
  the noun's complement; the holder its possessor, the noun it is in apposition to, or the subject
  of the clause it sits in.
* adjectives: "some Democrats are concerned [that…]", "McConnell was quick… eager [to embrace…]",
  "is skeptical [of the deal]": the content is the adjective's complement, the holder the subject
  of its copula.

Both are generous; the scorer decides (these are not kept by rule).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.lexicon import Cue, Lexicon
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex
from newsgraph.pipeline.stages.claims.spans import subtree_range, text_of, trimmed, with_quotes
from newsgraph.pipeline.stages.claims.speakers import set_speaker, subject_of
from newsgraph.pipeline.tokattrs import token_attrs

_ADJ_DEPS = ("acomp", "oprd", "amod", "xcomp")  # an adjective cue's place in the clause
_ADJ_PREPS = frozenset({"of", "about", "on", "with", "in", "to", "over", "for"})
# Complements of a cue noun the lexicon lists with a that-clause, or of a noun named like a speech
# cue verb ("his announcement [of new actions]", "her reply [to the brief]", "his appeal [to
# voters]"), when it has a holder: what the statement is of or about.
_DERIVED_PREPS = frozenset({"of", "on", "about", "to", "for", "against"})
# Named entities that can hold a stance compounded with its noun ("Republican calls for…").
_HOLDER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _to_clause(head: Token) -> Token | None:
    """A to-infinitive hanging on ``head`` ("refusal to disavow", "eager to embrace")."""
    for c in head.children:
        if (
            c.dep_ in ("acl", "xcomp", "relcl")
            and c.i > head.i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ):
            return c
    return None


def _prep_object(head: Token, preps: frozenset[str]) -> tuple[Token, str] | None:
    for c in head.children:
        if c.dep_ == "prep" and c.i > head.i and c.lower_ in preps:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    return p, c.lower_
    return None


def _holder(n: Token, content_prep: str = "") -> tuple[Token | None, str]:
    """Who holds the stance a noun names: its possessor, the object of "by"/"from" ("a call by
    the senator for…"), a name compounded with it ("Republican calls for…"), the noun it is in
    apposition to, or the subject of the clause it is the object of."""
    for c in n.children:
        if c.dep_ == "poss":
            return c, "poss"
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.lower_ != content_prep:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, "pobj"
    names = [c for c in n.children if c.dep_ in ("compound", "amod") and c.i < n.i]
    if names and names[-1].ent_type_ in _HOLDER_ENTITIES:
        return names[-1], "compound"
    if n.dep_ == "appos":  # "Dayton, a longtime supporter of Clinton"
        return n.head, "appos"
    head = n.head
    if n.dep_ == "pobj" and head.dep_ == "prep":  # "came out in support of Cruz"
        head = head.head
    elif n.dep_ not in ("attr", "dobj", "nsubj"):
        return None, "none"
    if n.dep_ == "nsubj" or head.pos_ not in ("VERB", "AUX"):
        return None, "none"
    subj, how = subject_of(head)
    return subj, ("clause" if subj is not None else how)


def _candidate(
    doc: Doc,
    pattern: str,
    cue_tok: Token,
    cue: Cue,
    content: tuple[int, int] | None,
    dep: str,
    quotes: QuoteIndex,
) -> Candidate | None:
    if content is None or content[1] - content[0] < 2:
        return None
    (start, end), kind = with_quotes(text_of(doc), content, quotes, cue=cue_tok.idx)
    if start <= cue_tok.idx < end:
        return None
    return Candidate(pattern, cue_tok.i, cue_tok.i, cue.lemma, (start, end), kind, dep, cue=cue)


def _extent(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """The content a complement head spans: its subtree, trimmed, quotes kept."""
    return trimmed(doc, *subtree_range(tok), keep_quotes=True)


def noun_object_candidates(
    doc: Doc, toks: list[Token], lex: Lexicon, quotes: QuoteIndex
) -> list[Candidate]:
    out: list[Candidate] = []
    pos = token_attrs(doc).pos  # read by index: no string look-ups
    for n in toks:
        if pos[n.i] not in ("NOUN", "PROPN"):
            continue
        entry = _noun_entry(n, lex)
        if entry is None:
            continue
        cue, preps = entry
        to = _to_clause(n) if "to" in preps else None
        if to is not None:
            content, dep = _extent(doc, to), "to"
        else:
            found = _prep_object(n, preps)
            if found is None:
                continue
            obj, prep = found
            content, dep = _extent(doc, obj), f"prep_{prep}"
        holder, how = _holder(n, dep[5:] if dep.startswith("prep_") else "")
        if holder is None and cue.frame != "object":
            continue  # a derived cue noun is a statement only when someone holds it
        cand = _candidate(doc, "noun_object", n, cue, content, dep, quotes)
        if cand is None:
            continue
        if holder is not None:
            set_speaker(cand, holder, how)
        out.append(cand)
    return out


def _noun_entry(n: Token, lex: Lexicon) -> tuple[Cue, frozenset[str]] | None:
    """The cue and content prepositions of noun ``n``: a noun-object cue of the lexicon, else a
    cue noun of the lexicon (frame ``noun_clause``) or a noun named like a speech cue verb (frame
    ``noun_verb``: "reply", "appeal", "blast") with the prepositions of ``_DERIVED_PREPS``."""
    lemma = n.lemma_.lower()
    entry = lex.noun_objects.get(lemma)
    if entry is not None:
        return entry
    noun = lex.nouns.get(lemma)
    if noun is not None and noun.frame == "clause":
        return Cue(lemma, noun.status, "noun_clause", False), _DERIVED_PREPS
    verb = lex.verbs.get(lemma)
    if verb is not None and verb.speech:
        return Cue(lemma, verb.status, "noun_verb", False), _DERIVED_PREPS
    return None


def adjective_candidates(
    doc: Doc, toks: list[Token], lex: Lexicon, quotes: QuoteIndex
) -> list[Candidate]:
    out: list[Candidate] = []
    attrs = token_attrs(doc)  # read by index: no string look-ups
    for a in toks:
        i = a.i
        if attrs.pos[i] not in ("ADJ", "VERB") or attrs.dep[i] not in _ADJ_DEPS:
            continue
        cue = lex.adjectives.get(attrs.lower[i])
        if cue is None:
            continue
        content: tuple[int, int] | None = None
        dep = ""
        clause = next((c for c in a.children if c.dep_ == "ccomp" and c.i > a.i), None)
        to = _to_clause(a)
        if clause is not None:
            content, dep = _extent(doc, clause), "ccomp"
        elif to is not None:
            content, dep = _extent(doc, to), "to"
        else:
            found = _prep_object(a, _ADJ_PREPS)
            if found is not None:
                obj, prep = found
                content, dep = _extent(doc, obj), f"prep_{prep}"
        cand = _candidate(doc, "adjective", a, cue, content, dep, quotes)
        if cand is None:
            continue
        holder, how = (a.head, "amod") if a.dep_ == "amod" else subject_of(a.head)
        if holder is not None:
            set_speaker(cand, holder, how)
        out.append(cand)
    return out
