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

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.pipeline.doctext import sentence_of
from newsgraph.pipeline.stages.claims.lexicon import Cue, Lexicon
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, continue_quotes
from newsgraph.pipeline.stages.claims.spans import subtree_range, text_of, trimmed, with_quotes
from newsgraph.pipeline.stages.claims.speakers import frame_speaker, set_speaker, subject_of
from newsgraph.pipeline.stages.claims.variants import (
    clause_variants,
    object_variants,
    trailing_variant,
    wrapped_variant,
)
from newsgraph.pipeline.tokattrs import lower_lemmas, token_attrs

# Verbs that are never cues on their own (copulas, light verbs).
NON_CUES = frozenset({"be", "have", "do", "get", "go", "make", "take", "let", "become"})
# Prepositions whose object can be attributed content ("called for…", "pointed to…").
CONTENT_PREPS = frozenset({"for", "to", "on", "about", "against", "of", "with", "at"})
STANCE_PREPS = frozenset({"in", "to"})
# Constructions whose content may close on a gloss of the reporter's (``trailing_variant``).
_TRAILED = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "for_to"})
# An inverted cue clause between two parts of a quote is at most this long ("…,” Trump said during
# a rally in Kenansville, N.C., “…"); it ends on a comma (and a conjunction) before the quote.
FRAME_CLAUSE_CHARS = 150
_BEFORE_QUOTE = re.compile(r"[,:]\s*(?:(?:and|but)\s+)?$")
# A sentence ends inside it: a full stop (not an initial or abbreviation) before a capital.
_SENTENCE_END = re.compile(r"(\w+)[.!?]\s+[A-Z]")


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
    if any(c.dep_ == "agent" for c in kids):  # "[those views] are not shared by conservatives"
        for c in kids:
            if c.dep_ == "nsubjpass":
                return c, "passive"
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    return p, f"prep_{c.lower_}"
    for c in kids:  # "calling for [the United States to step up…]"
        if (
            c.dep_ == "advcl"
            and c.i > verb.i
            and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
        ):
            return c, "for_to"
    return None, ""


def _quote_before(v: Token, quotes: QuoteIndex, text: str) -> tuple[int, int] | None:
    """The quote that closes just before the cue's clause ("“…,” Trump said"), if any."""
    sent = sentence_of(v)
    found: tuple[int, int] | None = None
    # either test needs the quote to end after the sentence starts (less three characters)
    for q in quotes.within(sent.start_char - 3, v.idx):
        if (
            sent.start_char - 3 <= q.end <= v.idx and text[q.end : sent.start_char].strip() == ""
        ) or (
            sent.start_char <= q.start and q.end <= v.idx and text[q.end : v.idx].count(" ") <= 4
        ):
            found = (q.start, q.end)
    return found


def verb_candidates(
    doc: Doc, toks: list[Token], lex: Lexicon, quotes: QuoteIndex
) -> list[Candidate]:
    text = text_of(doc)
    out: list[Candidate] = []
    pos, lemmas = token_attrs(doc).pos, lower_lemmas(doc)  # read by index: no string look-ups
    for v in toks:
        if pos[v.i] not in ("VERB", "AUX") or lemmas[v.i] in NON_CUES:
            continue
        if not any(ch.isalpha() for ch in v.text):  # a dash the parser took for a verb
            continue
        lemma = v.lemma_.lower()
        cue = lex.verbs.get(lemma)
        child, dep = _content_child(v, cue)
        span: tuple[int, int] | None = None
        plain: tuple[int, int] | None = (
            None  # the object without "as …" ("criticizing [X] as weak")
        )
        wraps: list[tuple[tuple[int, int], str]] = []
        if child is not None:
            lo, hi = subtree_range(child)
            if lo < v.i < hi:
                # A clause that holds its own cue: a fronted relative ("the tariffs, [which] the
                # minister says [she is reviewing]") or a parenthetical cue inside it ("[The
                # harbour,] the mayor said, [would reopen]"): what follows the cue clause, and
                # (parenthetical) the whole clause around it.
                wraps = wrapped_variant(doc, v, child, dep)
                lo = min((t.i for t in child.subtree if t.i > v.i), default=hi)
            plain = trimmed(doc, lo, hi, keep_quotes=True)
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
        if span is None and cue is None:
            # "…then leaned in and boomed: “Let’s defeat her”": any verb a colon joins to a quote.
            after = quotes.starting_near(v.idx + len(v.text), 4, text)
            if after is not None and ":" in text[v.idx + len(v.text) : after.start]:
                span, dep = (after.start, after.end), "quote_colon"
        if span is None and cue is not None:
            # A quote beside the cue that the parser left unattached.
            after = quotes.starting_near(v.idx + len(v.text), 4, text)
            if after is not None:
                span, dep = (after.start, after.end), "quote_after"
            else:
                before = _quote_before(v, quotes, text)
                if before is not None:
                    span, dep = before, "quote_before"
        if v.dep_ == "parataxis" and cue is not None:
            if span is None:
                lo, hi = subtree_range(v.head, exclude=v)
                span = trimmed(doc, lo, hi, keep_quotes=True)
                dep = "parataxis"
            # "The difference now, he told me, is that…": the sentence around the cue clause.
            clause = v.head  # hung on the subject noun of the clause it interrupts: that clause
            while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                clause = clause.head
            wraps = wraps or wrapped_variant(doc, v, clause, "parataxis")
        if span is None:
            continue
        variants = [(span, dep), *wraps]
        if dep == "dobj" and plain is not None and plain != span:
            variants.append((plain, "dobj_plain"))
        if dep == "ccomp" and cue is not None and cue.speech and span[1] <= v.idx:
            # "Facebook removed it. ''We work aggressively…,'' he said": the parser may take an
            # earlier clause for the complement; the quote beside the cue competes with it.
            before = _quote_before(v, quotes, text)
            if before is not None and before != span:
                variants.append((before, "quote_before"))
        if child is not None and (dep in ("dobj", "xcomp") or dep.startswith("prep_")):
            variants.extend(object_variants(doc, v, child, span, dep))
        if child is not None and dep in ("ccomp", "xcomp"):
            variants.extend(clause_variants(doc, v, child, span, dep))
            if dep == "ccomp" and _speaker_participle(doc, child):
                # Only the clause without the speaker's participle.
                core = [x for x in variants if x[1] == "ccomp_core"]
                if core:
                    variants = [x for x in variants if x[0] != span]
        if dep in _TRAILED or dep.startswith("prep_"):
            variants.extend(trailing_variant(doc, span, dep))
        seen: set[tuple[int, int]] = set()
        reading: list[_CueReading] = []  # the verb's own part, read once for all its variants
        for vspan, vdep in variants:
            cand = _verb_candidate(doc, v, lemma, cue, vspan, vdep, quotes, reading)
            if cand is not None and cand.content not in seen:  # extents that came out the same
                seen.add(cand.content)
                out.append(cand)
    return out


def _speaker_participle(doc: Doc, head: Token) -> bool:
    """A reported clause ending on ", <verb>-ing …" without a subject of its own ("said the
    bridge would reopen, contradicting the council"): the participle is the speaker's act, not
    part of what was said, though the parser hangs it on the clause."""
    return any(
        r.dep_ == "advcl"
        and r.tag_ == "VBG"
        and r.i > head.i
        and r.left_edge.i == r.i
        and doc[r.i - 1].text == ","
        and not any(k.dep_ in ("nsubj", "nsubjpass", "mark") for k in r.children)
        for r in head.children
    )


# A cue verb's last token and its speaker (``speaker_lo``, ``speaker_hi``, ``speaker_head``,
# ``speaker_how``), or None when it has none of its own.
_CueReading = tuple[int, tuple[int | None, int | None, int | None, str] | None]


def _read_cue(v: Token) -> _CueReading:
    """The cue's extent (phrasal particles belong to it: "pointed out") and the speaker that
    ``set_speaker`` gives a candidate of ``v``: the same for every content variant of ``v``."""
    cue_hi = v.i
    for c in v.children:
        if c.dep_ == "prt" and c.i == cue_hi + 1:
            cue_hi = c.i
    subj, how = subject_of(v)
    if subj is None or (how in ("subj", "it") and _passive(v)):
        return cue_hi, None
    probe = Candidate("verb", v.i, cue_hi, "", (0, 0), "", "")
    set_speaker(probe, subj, how)
    return cue_hi, (probe.speaker_lo, probe.speaker_hi, probe.speaker_head, probe.speaker_how)


def _verb_candidate(
    doc: Doc,
    v: Token,
    lemma: str,
    cue: Cue | None,
    span: tuple[int, int],
    dep: str,
    quotes: QuoteIndex,
    reading: list[_CueReading] | None = None,
) -> Candidate | None:
    """The candidate of cue verb ``v`` with content ``span``; ``reading`` (empty, or what an
    earlier call for the same verb left there) keeps the verb's cue extent and speaker, which do
    not depend on the content, for the verb's other variants."""
    text = text_of(doc)
    wrap = dep.endswith("_wrap")  # a content around its parenthetical cue clause
    if span[0] <= v.idx < span[1] and not wrap:
        return None
    (start, end), kind = with_quotes(text, span, quotes, cue=v.idx)
    if start <= v.idx < end and not wrap:
        return None
    if reading is None:
        reading = []
    if not reading:
        reading.append(_read_cue(v))
    cue_hi, speaker = reading[0]
    cand = Candidate("verb", v.i, cue_hi, lemma, (start, end), kind, dep, cue=cue)
    if speaker is not None:
        cand.speaker_lo, cand.speaker_hi, cand.speaker_head, cand.speaker_how = speaker
    frame_speaker(doc, cand, text)
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
    wrap = cand.content_dep.endswith("_wrap")
    for m0, m1 in marks:
        if start < m1 and m0 < end and not wrap:
            # The parse swallowed speaker or cue: keep the longer side.
            if m0 - start >= end - m1:
                end = m0
            else:
                start = m1
    # Reported clauses stay in the cue's paragraph (quotes go on below, through continue_quotes).
    para_start = text.rfind("\n", 0, cue_start) + 1
    para_end = text.find("\n", cue_end)
    para_end = len(text) if para_end < 0 else para_end
    # A quote that runs on into the cue's paragraph is kept whole; a quote closed in an earlier
    # paragraph is that paragraph's content ("“A.”\n\n“B,” Carson concluded": content B only).
    q_start = quotes.covering(start)
    if start < para_start < end and (q_start is None or q_start.end <= para_start):
        start = para_start
        while start < end and text[start] in " \n\t":
            start += 1
        # The cue's own quote, which the earlier paragraph's quote had hidden.
        (start, end), cand.kind = with_quotes(text, (start, end), quotes, cue=cue_start)
    q_end = quotes.covering(end - 1)
    if start < para_end < end and (q_end is None or q_end.start > para_end):
        end = para_end
    while start < end and text[start] in " ,:;—–-\n\t":
        start += 1
    while end > start and text[end - 1] in " ,.:;—–-\n\t":
        end -= 1
    if end - start < 2:
        return False
    frame_end = max(m1 for _, m1 in marks)
    if end <= cue_start:  # "“A,” she said, “B.”"
        end = continue_quotes(text, end, quotes, after=_clause_end(text, frame_end, quotes))
    else:
        end = continue_quotes(text, end, quotes)
    cand.content = (start, end)
    return True


def _clause_end(text: str, pos: int, quotes: QuoteIndex) -> int:
    """Past the rest of an inverted cue clause ("…,” Trump said on Monday, “…"): to a quote that
    opens right after a comma (and a "but" or "and") ending the cue clause in the same sentence
    ("…,” Varga said during a visit to the port of Carpathia, “but…”), else to the next
    punctuation when near."""
    q = next((q for q in quotes.quotes if q.start >= pos), None)
    if q is not None and q.start - pos <= FRAME_CLAUSE_CHARS:
        gap = text[pos : q.start]
        if (
            not any(m in gap for m in '\n“”"')
            and "''" not in gap
            and not _sentence_ends(gap)
            and gap.lstrip()[:1] not in (".", "!", "?")
            and _BEFORE_QUOTE.search(gap)
        ):
            return q.start
    stop = len(text)
    for ch in ",.:;\n":
        i = text.find(ch, pos)
        if 0 <= i < stop:
            stop = i
    return stop if stop - pos <= 40 else pos


def _sentence_ends(gap: str) -> bool:
    """A full stop before a capital that is no abbreviation or initial ("Sen.", "N.C.", "J.")."""
    return any(
        not (m.group(1)[0].isupper() and len(m.group(1)) <= 4) for m in _SENTENCE_END.finditer(gap)
    )
