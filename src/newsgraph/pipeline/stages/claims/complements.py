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

_ADJ_PREPS = frozenset({"of", "about", "on", "with", "in", "to", "over", "for"})


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


def _holder(n: Token) -> tuple[Token | None, str]:
    """Who holds the stance a noun names."""
    for c in n.children:
        if c.dep_ == "poss":
            return c, "poss"
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
    for n in toks:
        if n.pos_ not in ("NOUN", "PROPN"):
            continue
        entry = lex.noun_objects.get(n.lemma_.lower())
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
        cand = _candidate(doc, "noun_object", n, cue, content, dep, quotes)
        if cand is None:
            continue
        holder, how = _holder(n)
        if holder is not None:
            set_speaker(cand, holder, how)
        out.append(cand)
    return out


def adjective_candidates(
    doc: Doc, toks: list[Token], lex: Lexicon, quotes: QuoteIndex
) -> list[Candidate]:
    out: list[Candidate] = []
    for a in toks:
        if a.pos_ not in ("ADJ", "VERB") or a.dep_ not in ("acomp", "oprd", "amod", "xcomp"):
            continue
        cue = lex.adjectives.get(a.lower_)
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
