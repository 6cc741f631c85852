"""Who speaks: the speaker token of a cue and the span the article names it with.

* the subject of the cue, else a passive agent, else the subject of the clause a participle or
  conjunct hangs on ("…, adding that…", "were more likely to say…");
* "it" as a subject is kept as its own kind (a report, a group, an ad) for the scorer to weigh;
* the span stays in the cue's paragraph and off a dateline or a liveblog time stamp that the parser
  glued to the subject ("WASHINGTON (AP) — Trump said", "9:18 p.m.\\n\\nTrump says");
* a relative pronoun speaks for its antecedent ("a law that allows…"): the span runs from the
  antecedent to the pronoun, since articles name the speaker either way;
* "“A,” Trump said": a subject the parser found inside the quote gives way to the name between
  the quote and the cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsgraph.pipeline.stages.claims.lexicon import lexicon
from newsgraph.pipeline.tokattrs import token_attrs

if TYPE_CHECKING:
    from newsgraph.pipeline.stages.claims.candidates import Candidate

SUBJECTS = frozenset({"nsubj"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
DASHES = frozenset({"-", "—", "–", "--"})
# Clause relations through which a subject-less verb takes the subject of its head.
_INHERIT = frozenset({"advcl", "conj", "xcomp", "pcomp", "acomp"})
# A name between a closing quote and its cue is at most this long ("…,” Sen. John McCain said).
FRAME_NAME_TOKENS = 8


def _breaks_before(doc: Doc, i: int) -> bool:
    """A segment boundary at token ``i``: a line break, or the dash after a dateline
    ("LONDON (Reuters) -", "WASHINGTON —")."""
    text = token_attrs(doc).text  # by index: a Token only for the rare dash
    if "\n" in text[i]:
        return True
    if text[i] in DASHES and i > 0:
        prev = doc[i - 1]
        return prev.text == ")" or (prev.is_upper and len(prev.text) > 1 and prev.is_alpha)
    return False


def speaker_span(tok: Token, cue_i: int) -> tuple[int, int, int]:
    """Token range (inclusive) of the phrase ``tok`` heads, cut to the segment next to the cue,
    and the head of that segment."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    segments: list[tuple[int, int]] = []
    start = lo
    for i in range(lo, hi + 1):
        if _breaks_before(doc, i):
            if start <= i - 1:
                segments.append((start, i - 1))
            start = i + 1
    if start <= hi:
        segments.append((start, hi))
    if not segments:
        return tok.i, tok.i, tok.i
    # The cue's own segment side: the last segment before a cue that follows, the first after one
    # that precedes; a break between speaker and cue ends the speaker there.
    if cue_i > hi:
        seg = segments[-1]
        if any("\n" in doc[i].text for i in range(seg[1] + 1, cue_i)):
            seg = next((s for s in segments if s[0] <= tok.i <= s[1]), seg)
    elif cue_i < lo:
        seg = segments[0]
    else:
        seg = next((s for s in segments if s[0] <= tok.i <= s[1]), segments[-1])
    a, b = seg
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > a and (doc[b].is_punct or doc[b].is_space):
        b -= 1
    head = (
        tok.i
        if a <= tok.i <= b
        else next((t.i for t in doc[a : b + 1] if not (a <= t.head.i <= b) or t.head.i == t.i), b)
    )
    return a, b, head


def set_speaker(cand: Candidate, tok: Token, how: str) -> None:
    """Set the speaker of ``cand`` to the phrase ``tok`` heads."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        # "Trump, who said…", "a law that allows…": from the antecedent to the pronoun.
        noun = tok.head.head
        lo = noun.left_edge.i if noun.i < tok.i else tok.i
        if tok.i - lo > 12 or any("\n" in t.text for t in tok.doc[lo : tok.i]):
            lo = tok.i
        cand.speaker_lo, cand.speaker_hi = lo, tok.i
        cand.speaker_head, cand.speaker_how = noun.i, "relcl"
        return
    lo, hi, head = speaker_span(tok, cand.cue_lo)
    cand.speaker_lo, cand.speaker_hi, cand.speaker_head, cand.speaker_how = lo, hi, head, how


def _nearest(subjects: list[Token], verb: Token) -> Token:
    """Of several subjects (a time stamp, a dateline or a place the parser took for one), the one
    nearest the verb with no line break in between."""
    if len(subjects) == 1:
        return subjects[0]  # what ``min`` gives, without reading the tokens between
    doc = verb.doc
    return min(
        subjects,
        key=lambda s: (
            any("\n" in t.text for t in doc[min(s.i, verb.i) : max(s.i, verb.i)]),
            abs(verb.i - s.i),
        ),
    )


# Marks that close a quote between a comma and a participle ("…,” adding").
_CLOSING_QUOTES = frozenset({"”", "’", "''", '"', "'"})


def _speakers_act(verb: Token) -> bool:
    """A cue the parser hung inside a reported clause that is the reporting speaker's own act: a
    participle after a comma without a subject ("…, saying it is all about management") or a
    conjoined speech cue ("noted that the troops lag behind and asked whether…"). News reports
    these as the speaker's next statement, as the reported clause ends before them."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return False
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        first = verb.left_edge.i
        # The comma may close a quote first: "…Petrov “had a reckless policy,” adding, “…”".
        j = first - 1
        while j > 0 and verb.doc[j].text in _CLOSING_QUOTES:
            j -= 1
        return first == verb.i and j >= 0 and verb.doc[j].text == ","
    cue = lexicon().verbs.get(verb.lemma_.lower())
    return verb.dep_ == "conj" and cue is not None and cue.speech


def subject_of(verb: Token) -> tuple[Token | None, str]:
    """The speaker token of a cue verb and how it was found."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:
        # Of two subjects ("9:30 p.m.\n\nTrump says"), the nearest.
        c = _nearest(subjects, verb)
        if c.lower_ == "it" and c.tag_ == "PRP":
            return c, "it"
        return c, "subj"
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p, "agent"
    # "…, adding that…", "…and warned that…", "despite challenging…, Cruz said", "by withholding
    # his endorsement", "voters were more likely to say…": the subject of the head clause.
    head = verb
    for _ in range(4):
        if head.dep_ in _INHERIT and head.head.i != head.i:
            if head.dep_ == "xcomp":
                # Object control: "forcing candidates [to scramble]", "urged voters to…": the
                # object before the infinitive is its subject.
                obj = next(
                    (c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i), None
                )
                if obj is not None:
                    return obj, "inherited"
            head = head.head
            if head.dep_ == "prep" and head.head.i != head.i:
                head = head.head
            if head.dep_ == "ccomp" and head.head.i != head.i and _speakers_act(verb):
                # "Trump argued that a database would help, saying…": the participle or the
                # conjoined cue is the speaker's act, not the reported clause's subject's.
                head = head.head
            # "Romer was sidelined after demonstrating that…": a passive subject too.
            subjects = [c for c in head.children if c.dep_ in SUBJECTS or c.dep_ == "nsubjpass"]
            if subjects:
                return _nearest(subjects, head), "inherited"
        else:
            break
    # "a group backing X"; "Murphy, the head of Right to Rise, Tweeted…" (a finite verb the
    # parser hung on the noun): the noun.
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBD"):
        return verb.head, "acl"
    return None, "none"


def frame_speaker(doc: Doc, cand: Candidate, text: str) -> bool:
    """ "“A,” Trump said" / "“A,” said Trump": when the found speaker sits inside the quoted
    content (or none was found), take the name written between the quote and the cue, or right
    after the cue. True when the speaker was set."""
    start, end = cand.content
    if cand.speaker_lo is not None and not (start <= doc[cand.speaker_lo].idx < end):
        return False
    if end > doc[cand.cue_lo].idx or text[end - 1] not in "”\"'":
        return False
    first = cand.cue_lo
    while first > 0 and doc[first - 1].idx >= end:
        first -= 1
    words = [t for t in doc[first : cand.cue_lo] if not (t.is_punct or t.is_space)]
    if not words:  # "“A,” said Trump."
        for t in doc[cand.cue_hi + 1 : cand.cue_hi + 1 + FRAME_NAME_TOKENS]:
            if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "ADP"):
                break
            words.append(t)
    if not 0 < len(words) <= FRAME_NAME_TOKENS:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in words) or not any(
        t.pos_ in ("PROPN", "PRON", "NOUN") for t in words
    ):
        return False
    if "\n" in text[end : words[-1].idx]:
        return False
    head = next((t for t in words if t.dep_ in SUBJECTS), words[-1])
    cand.speaker_lo, cand.speaker_hi = words[0].i, words[-1].i
    cand.speaker_head, cand.speaker_how = head.i, "frame"
    return True
