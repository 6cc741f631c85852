"""Attribution candidates read off the dependency parse.

Each finder proposes (speaker, cue, content) triples for one construction; the scorer then keeps the
ones likely to be attributions. Finders are deliberately generous: precision is the scorer's job.

* verbs: a cue verb with a clausal complement ("said that…", "claims to have…"), an object
  ("denounced alleged ties…"), a prepositional complement ("called for…") or a quote beside it
  ("“…,” Trump said"); a subject-less participle or conjunct takes the subject of its head
  ("…, adding that…").
(Phrase-framed attributions — "according to", cue nouns, "in his opinion", "Name: …" — are in
``phrases``.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

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
    cue_char: int = 0  # character offset of the cue's first token (set when scored)


def _span_of(tok: Token) -> tuple[int, int]:
    lo, hi = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    # A speaker never runs over a paragraph break (the parser glues headlines to the lede).
    for i in range(tok.i - 1, lo - 1, -1):
        if "\n" in doc[i].text:
            lo = i + 1
            break
    for i in range(tok.i + 1, hi + 1):
        if "\n" in doc[i].text:
            hi = i - 1
            break
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return lo, hi


def set_speaker(cand: Candidate, tok: Token, how: str) -> None:
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
                        c.dep_ in ("oprd", "xcomp", "ccomp")
                        or (c.dep_ == "prep" and c.lower_ == "as")
                    ):
                        hi = max(hi, c.right_edge.i)
            span = trimmed(doc, lo, hi, keep_quotes=True)
            if span is not None and cue is not None and cue.speech and dep != "ccomp":
                # "telling Breitbart London: “…”": the addressee is no content, the quote is.
                after = quotes.starting_near(span[1], 4, text)
                if after is not None and "\n" not in text[span[1] : after.start]:
                    span, dep = (after.start, after.end), "quote_after"
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
        variants = [(span, dep)]
        if child is not None and (dep in ("dobj", "xcomp") or dep.startswith("prep_")):
            variants.extend(_object_variants(doc, v, child, span, dep))
        for vspan, vdep in variants:
            cand = _verb_candidate(doc, v, lemma, cue, vspan, vdep, quotes)
            if cand is not None:
                out.append(cand)
    return out


def _object_variants(
    doc: Doc, verb: Token, obj: Token, span: tuple[int, int], dep: str
) -> list[tuple[tuple[int, int], str]]:
    """Other extents of an object (or xcomp, or prepositional) content, for the scorer to choose
    from: the whole rest of the clause ("brand [you a liar]", "recorded [him instructing X to
    lie]", "support [temporarily banning X]" misparsed with X as object) and the bare noun phrase
    without its trailing modifiers ("discussed [my sentence] on Fox")."""
    out: list[tuple[tuple[int, int], str]] = []
    right = [
        c
        for c in verb.children
        if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj", "prt", "advcl", "parataxis")
    ]
    first = min([verb.i + 1] + [c.left_edge.i for c in right])
    while first < len(doc) and doc[first].dep_ == "prt" and doc[first].head.i == verb.i:
        first += 1
    if right:
        full = trimmed(doc, first, max(c.right_edge.i for c in right), keep_quotes=True)
        if full is not None and full != span:
            out.append((full, f"{dep}_clause"))
    post = [c for c in obj.children if c.i > obj.i and c.dep_ in ("prep", "relcl", "acl")]
    if post and dep != "xcomp":
        bare = trimmed(doc, obj.left_edge.i, min(c.left_edge.i for c in post) - 1, keep_quotes=True)
        if bare is not None and bare != span:
            out.append((bare, f"{dep}_np"))
    return out


def _verb_candidate(
    doc: Doc,
    v: Token,
    lemma: str,
    cue: Cue | None,
    span: tuple[int, int],
    dep: str,
    quotes: QuoteIndex,
) -> Candidate | None:
    text = text_of(doc)
    if span[0] <= v.idx < span[1]:
        return None
    (start, end), kind = with_quotes(text, span, quotes, cue=v.idx)
    if start <= v.idx < end:
        return None
    cue_hi = v.i
    for c in v.children:  # phrasal particles belong to the cue ("pointed out")
        if c.dep_ == "prt" and c.i == cue_hi + 1:
            cue_hi = c.i
    cand = Candidate("verb", v.i, cue_hi, lemma, (start, end), kind, dep, cue=cue)
    subj, how = _subject(v)
    if subj is not None and not (how == "subj" and _passive(v)):
        set_speaker(cand, subj, how)
    if not _fit_content(doc, cand, quotes):
        return None
    return cand


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
    # Reported clauses stay in the cue's paragraph (quotes go on below, through continue_quotes).
    para_start = text.rfind("\n", 0, cue_start) + 1
    para_end = text.find("\n", cue_end)
    para_end = len(text) if para_end < 0 else para_end
    if start < para_start < end and quotes.covering(start) is None:
        start = para_start
    if start < para_end < end and quotes.covering(para_end) is None:
        end = para_end
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
