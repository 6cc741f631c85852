"""Attribution candidates read off the dependency parse.

Each finder proposes (speaker, cue, content) triples for one construction; the scorer then keeps the
ones likely to be attributions. Finders are deliberately generous: precision is the scorer's job.

* verbs: a cue verb with a clausal complement ("said that…", "claims to have…"), an object
  ("denounced alleged ties…"), a prepositional complement ("called for…") or a quote beside it
  ("“…,” Trump said"); a subject-less participle or conjunct takes the subject of its head
  ("…, adding that…").
* according: "according to X, …".
* nominal: a cue noun with a that-clause ("the accusation that…", "his claim that…").
* stance: "in his opinion, …", "in the words of X, …".
* colon: a headline-style "Name: content".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.pipeline.stages.claims.lexicon import Cue, Lexicon
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, continue_quotes
from newsgraph.pipeline.stages.claims.spans import subtree_range, text_of, trimmed, with_quotes

SUBJECTS = frozenset({"nsubj"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
EXPLETIVES = frozenset({"it", "there"})
# Verbs that are never cues on their own (copulas, light verbs).
NON_CUES = frozenset({"be", "have", "do", "get", "go", "make", "take", "let", "become"})
# Prepositions whose object can be attributed content ("called for…", "pointed to…").
CONTENT_PREPS = frozenset({"for", "to", "on", "about", "against", "of", "with", "at"})
STANCE_PREPS = frozenset({"in", "to"})


@dataclass
class Candidate:
    pattern: str  # verb | according | nominal | stance | colon
    cue_lo: int  # cue token range, inclusive
    cue_hi: int
    lemma: str
    content: tuple[int, int]  # characters
    kind: str  # direct | indirect | mixed
    content_dep: str
    speaker_lo: int | None = None  # speaker token range, inclusive
    speaker_hi: int | None = None
    speaker_head: int | None = None
    speaker_how: str = "none"  # subj | agent | inherited | relcl | poss | pobj | colon | none
    cue: Cue | None = None
    features: list[str] = field(default_factory=list)
    score: float = 0.0


def _span_of(tok: Token) -> tuple[int, int]:
    lo, hi = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return lo, hi


def _set_speaker(cand: Candidate, tok: Token, how: str) -> None:
    # A relative pronoun speaks for the noun the clause hangs on ("Trump, who said…"): the span
    # is the pronoun (where the article names the speaker), the entity the noun's.
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        cand.speaker_lo = cand.speaker_hi = tok.i
        cand.speaker_head, cand.speaker_how = tok.head.head.i, "relcl"
        return
    lo, hi = _span_of(tok)
    cand.speaker_lo, cand.speaker_hi, cand.speaker_head, cand.speaker_how = lo, hi, tok.i, how


def _subject(verb: Token) -> tuple[Token | None, str]:
    """The speaker token of a cue verb and how it was found."""
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            if (
                c.lower_ in EXPLETIVES
                and c.dep_ == "nsubj"
                and c.tag_ == "PRP"
                and c.lower_ == "it"
            ):
                return None, "expletive"
            return c, "subj"
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p, "agent"
    # "…, adding that…", "…and warned that…", "despite challenging…, Cruz said", "by withholding
    # his endorsement": the subject of the head clause.
    head = verb
    for _ in range(3):
        if head.dep_ in ("advcl", "conj", "xcomp", "pcomp") and head.head.i != head.i:
            head = head.head
            if head.dep_ == "prep" and head.head.i != head.i:
                head = head.head
            for c in head.children:
                if c.dep_ in SUBJECTS:
                    return c, "inherited"
        else:
            break
    # "a group backing X": the noun the participle describes.
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head, "acl"
    return None, "none"


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _content_child(verb: Token, cue: Cue | None) -> tuple[Token | None, str]:
    kids = list(verb.children)
    for dep in ("ccomp", "xcomp"):
        for c in kids:
            if c.dep_ == dep and (dep == "ccomp" or any(a.lower_ == "to" for a in c.children)):
                return c, dep
    for c in kids:
        if c.dep_ == "dobj":
            return c, "dobj"
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    return p, f"prep_{c.lower_}"
    return None, ""


def verb_candidates(
    doc: Doc, toks: list[Token], lex: Lexicon, quotes: QuoteIndex
) -> list[Candidate]:
    text = text_of(doc)
    out: list[Candidate] = []
    for v in toks:
        if v.pos_ not in ("VERB", "AUX") or v.lemma_.lower() in NON_CUES:
            continue
        lemma = v.lemma_.lower()
        cue = lex.verbs.get(lemma)
        child, dep = _content_child(v, cue)
        span: tuple[int, int] | None = None
        if child is not None:
            lo, hi = subtree_range(child)
            if dep == "dobj":  # "calling it “disqualifying”", "described X as false"
                for c in v.children:
                    if c.i > hi and (
                        c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as")
                    ):
                        hi = max(hi, c.right_edge.i)
            span = trimmed(doc, lo, hi, keep_quotes=True)
        if span is None and cue is not None:
            # A quote beside the cue that the parser left unattached.
            after = quotes.starting_near(v.idx + len(v.text), 4, text)
            if after is not None:
                span, dep = (after.start, after.end), "quote_after"
            else:
                sent = v.sent
                for q in quotes.quotes:
                    if (
                        sent.start_char - 3 <= q.end <= v.idx
                        and text[q.end : sent.start_char].strip() == ""
                    ) or (
                        sent.start_char <= q.start
                        and q.end <= v.idx
                        and text[q.end : v.idx].count(" ") <= 4
                    ):
                        span, dep = (q.start, q.end), "quote_before"
        if span is None and v.dep_ == "parataxis" and cue is not None:
            lo, hi = subtree_range(v.head, exclude=v)
            span = trimmed(doc, lo, hi, keep_quotes=True)
            dep = "parataxis"
        if span is None:
            continue
        if span[0] <= v.idx < span[1]:
            continue
        (start, end), kind = with_quotes(text, span, quotes, cue=v.idx)
        if start <= v.idx < end:
            continue
        cue_hi = v.i
        for c in v.children:  # phrasal particles belong to the cue ("pointed out")
            if c.dep_ == "prt" and c.i == cue_hi + 1:
                cue_hi = c.i
        cand = Candidate("verb", v.i, cue_hi, lemma, (start, end), kind, dep, cue=cue)
        subj, how = _subject(v)
        if subj is not None and not (how == "subj" and _passive(v)):
            _set_speaker(cand, subj, how)
        if not _fit_content(doc, cand, quotes):
            continue
        out.append(cand)
    return out


def _fit_content(doc: Doc, cand: Candidate, quotes: QuoteIndex) -> bool:
    """Keep the content off the speaker and the cue, and let quotes run on; False when nothing
    sensible is left."""
    text = text_of(doc)
    start, end = cand.content
    cue_start, cue_end = doc[cand.cue_lo].idx, doc[cand.cue_hi].idx + len(doc[cand.cue_hi].text)
    marks = [(cue_start, cue_end)]
    if cand.speaker_lo is not None and cand.speaker_hi is not None:
        marks.append(
            (doc[cand.speaker_lo].idx, doc[cand.speaker_hi].idx + len(doc[cand.speaker_hi].text))
        )
    for m0, m1 in marks:
        if start < m1 and m0 < end:  # the parse swallowed speaker or cue: keep the longer side
            if m0 - start >= end - m1:
                end = m0
            else:
                start = m1
    while start < end and text[start] in " ,:;—–-\n\t":
        start += 1
    while end > start and text[end - 1] in " ,.:;—–-\n\t":
        end -= 1
    if end - start < 2:
        return False
    frame_end = max(m1 for _, m1 in marks)
    if end <= cue_start:  # "“A,” she said, “B.”"
        end = continue_quotes(text, end, quotes, after=_clause_end(text, frame_end))
    else:
        end = continue_quotes(text, end, quotes)
    cand.content = (start, end)
    return True


def _clause_end(text: str, pos: int) -> int:
    """Past the rest of an inverted cue clause ("…,” Trump said on Monday, “…")."""
    stop = len(text)
    for ch in ",.:;\n":
        i = text.find(ch, pos)
        if 0 <= i < stop:
            stop = i
    return stop if stop - pos <= 40 else pos


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
        _set_speaker(cand, pobj, "pobj")
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
            _set_speaker(cand, poss, "poss")
        else:
            for prep in n.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and pobj.i < clause.i:
                        _set_speaker(cand, pobj, "pobj")
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
    _set_speaker(cand, holder, "poss")
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
            t.pos_ in ("PROPN", "PRON") for t in left
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
