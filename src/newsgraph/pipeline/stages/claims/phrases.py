"""Attributions framed by a phrase rather than a cue verb, and the list of all candidates.

* according: "according to X, …".
* nominal: a cue noun with a that-clause ("the accusation that…", "his claim that…").
* stance: "in his opinion, …", "in the words of X, …".
* colon: a headline-style "Name: content".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.pipeline.stages.claims.candidates import (
    STANCE_PREPS,
    Candidate,
    set_speaker,
    verb_candidates,
)
from newsgraph.pipeline.stages.claims.lexicon import Cue, Lexicon
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, continue_quotes
from newsgraph.pipeline.stages.claims.spans import subtree_range, text_of, trimmed, with_quotes

# A line this short after "Name:" is a headline or a quote line, taken whole.
HEADLINE_WORDS = 40


def _clause_minus(doc: Doc, phrase_lo: int, phrase_hi: int, sent: Span) -> tuple[int, int] | None:
    """The sentence without a framing phrase: the longer side of it."""
    left = (sent.start, phrase_lo - 1)
    right = (phrase_hi + 1, sent.end - 1)
    lo, hi = right if right[1] - right[0] >= left[1] - left[0] else left
    if hi < lo:
        return None
    return trimmed(doc, lo, hi, keep_quotes=True)


def according_candidates(doc: Doc, toks: list[Token], quotes: QuoteIndex) -> list[Candidate]:
    out: list[Candidate] = []
    for tok in toks:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase_hi = max(pobj.right_edge.i, to.i)
        span = _clause_minus(doc, tok.i, phrase_hi, tok.sent)
        if span is None:
            continue
        (start, end), kind = with_quotes(text_of(doc), span, quotes)
        cand = Candidate("according", tok.i, to.i, "according to", (start, end), kind, "sentence")
        set_speaker(cand, pobj, "pobj")
        out.append(cand)
    return out


def nominal_candidates(
    doc: Doc, toks: list[Token], lex: Lexicon, quotes: QuoteIndex
) -> list[Candidate]:
    out: list[Candidate] = []
    for n in toks:
        if n.pos_ not in ("NOUN", "PROPN"):
            continue
        cue = lex.nouns.get(n.lemma_.lower())
        if cue is None:
            continue
        if cue.frame == "stance":
            cand = _stance(doc, n, cue, quotes)
            if cand is not None:
                out.append(cand)
            continue
        clause = next(
            (
                c
                for c in n.children
                if c.dep_ in ("acl", "ccomp", "appos", "relcl")
                and c.i > n.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        lo, hi = subtree_range(clause)
        span = trimmed(doc, lo, hi, keep_quotes=True)
        if span is None:
            continue
        (start, end), kind = with_quotes(text_of(doc), span, quotes)
        cand = Candidate("nominal", n.i, n.i, n.lemma_.lower(), (start, end), kind, "that", cue=cue)
        poss = next((c for c in n.children if c.dep_ == "poss"), None)
        if poss is not None:
            set_speaker(cand, poss, "poss")
        else:
            for prep in n.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and pobj.i < clause.i:
                        set_speaker(cand, pobj, "pobj")
                        break
        out.append(cand)
    return out


def _stance(doc: Doc, n: Token, cue: Cue, quotes: QuoteIndex) -> Candidate | None:
    """ "in his opinion, …" / "in the words of X, …": the clause the phrase frames."""
    prep = n.head
    if n.dep_ != "pobj" or prep.lower_ not in STANCE_PREPS:
        return None
    holder = next((c for c in n.children if c.dep_ == "poss"), None)
    if holder is None:
        of = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        holder = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if holder is None:
        return None
    frame_lo, frame_hi = prep.i, n.right_edge.i
    verb = prep.head
    lo, hi = subtree_range(verb)
    # The framed clause, without the framing phrase: the longer side.
    left, right = (lo, frame_lo - 1), (frame_hi + 1, hi)
    a, b = right if right[1] - right[0] >= left[1] - left[0] else left
    if b < a:
        return None
    span = trimmed(doc, a, b, keep_quotes=True)
    if span is None:
        return None
    (start, end), kind = with_quotes(text_of(doc), span, quotes)
    cand = Candidate("stance", prep.i, n.i, n.lemma_.lower(), (start, end), kind, "frame", cue=cue)
    set_speaker(cand, holder, "poss")
    return cand


def colon_candidates(doc: Doc, quotes: QuoteIndex) -> list[Candidate]:
    """Headline style "Graham: Trump's rhetoric is destroying the party"."""
    out: list[Candidate] = []
    for sent in doc.sents:
        colon = next((t for t in sent[:8] if t.text == ":"), None)
        if colon is None or colon.i == sent.start:
            continue
        left = doc[sent.start : colon.i]
        if any(t.pos_ in ("VERB", "AUX") for t in left) or not any(
            # Title case misleads the tagger in headlines ("Trump: …" as a NOUN).
            t.pos_ in ("PROPN", "PRON", "NOUN")
            for t in left
        ):
            continue
        span = (
            trimmed(doc, colon.i + 1, sent.end - 1, keep_quotes=True)
            if colon.i + 1 < sent.end
            else None
        )
        if span is None:
            q = quotes.starting_near(colon.idx + 1, 6, text_of(doc))
            span = (q.start, q.end) if q is not None else None
        if span is not None:
            span = _headline_line(text_of(doc), colon.idx + 1, span)
        if span is None or span[1] - span[0] < 10:
            continue
        (start, end), kind = with_quotes(text_of(doc), span, quotes)
        end = continue_quotes(text_of(doc), end, quotes)
        cand = Candidate("colon", colon.i, colon.i, ":", (start, end), kind, "colon")
        head = left.root
        lo, hi = left.start, left.end - 1
        cand.speaker_lo, cand.speaker_hi, cand.speaker_head, cand.speaker_how = (
            lo,
            hi,
            head.i,
            "colon",
        )
        out.append(cand)
    return out


def _headline_line(text: str, after: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """A "Name: …" content is its line: the parser cuts headlines into sentences at inner
    punctuation ("…On Ethanol, He's For Oil Because…") and glues them to the next paragraph."""
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    if len(text[after:line_end].split()) <= HEADLINE_WORDS:
        end = line_end
    else:
        end = min(span[1], line_end)
    while end > span[0] and text[end - 1] in " .,;:\t":
        end -= 1
    return (span[0], end) if end > span[0] else None


def find_candidates(doc: Doc, lex: Lexicon, quotes: QuoteIndex) -> list[Candidate]:
    """Every construction's candidates, in cue order."""
    toks = list(doc)
    cands = (
        verb_candidates(doc, toks, lex, quotes)
        + according_candidates(doc, toks, quotes)
        + nominal_candidates(doc, toks, lex, quotes)
        + colon_candidates(doc, quotes)
    )
    cands.sort(key=lambda c: (c.cue_lo, c.content[0]))
    return cands
