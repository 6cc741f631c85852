"""Attributions framed by a phrase rather than a cue verb, and the list of all candidates.

* according: "according to X, …".
* nominal: a cue noun with a that-clause ("the accusation that…", "his claim that…").
* stance: "in his opinion, …", "in the words of X, …"; a source of information framing its
  clause: "In the Herald poll, Varga led Dorn" (the poll says so).
* colon: a headline-style "Name: content".
* byline: a quote signed by a dash and a name ending its line ("“…” ― Jane Doe"), as under
  pull quotes and readers' comments.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.pipeline.stages.claims.candidates import (
    STANCE_PREPS,
    Candidate,
    verb_candidates,
)
from newsgraph.pipeline.stages.claims.complements import (
    adjective_candidates,
    noun_object_candidates,
)
from newsgraph.pipeline.stages.claims.headline import headline_candidates
from newsgraph.pipeline.stages.claims.lexicon import Cue, Lexicon
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex, continue_quotes
from newsgraph.pipeline.stages.claims.spans import subtree_range, text_of, trimmed, with_quotes
from newsgraph.pipeline.stages.claims.speakers import set_speaker
from newsgraph.pipeline.tokattrs import lower_lemmas, token_attrs

# A line this short after "Name:" is a headline or a quote line, taken whole.
HEADLINE_WORDS = 40
# The speaker side of "Name: …" is at most this long, the name itself shorter.
COLON_LEFT_TOKENS = 12
COLON_NAME_TOKENS = 6
DASHES = frozenset({"-", "—", "–", "--"})
# A quote signature: "“…” ― Name" (horizontal bar, em or en dash), the name ending its line.
BYLINE_DASHES = frozenset({"―", "—", "–"})
# Named entities that can hold a statement a cue noun names ("a Kremlin statement that…").
HOLDER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


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
    lower = token_attrs(doc).lower  # read by index: no string look-ups
    for tok in toks:
        if lower[tok.i] != "according" or tok.i + 1 >= len(doc) or lower[tok.i + 1] != "to":
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
    pos, lemmas = token_attrs(doc).pos, lower_lemmas(doc)  # read by index: no string look-ups
    for n in toks:
        if pos[n.i] not in ("NOUN", "PROPN"):
            continue
        cue = lex.nouns.get(lemmas[n.i])
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
        holder, how = _noun_holder(doc, n, clause)
        if holder is not None:
            set_speaker(cand, holder, how)
        out.append(cand)
    return out


def _noun_holder(doc: Doc, n: Token, clause: Token) -> tuple[Token | None, str]:
    """Whose statement a cue noun names: its possessor ("Varga's claim that…"), also when the
    parser hung the possessor elsewhere ("the Ostland police’s earlier claim": "’s" right before
    the noun phrase); the object of "by/from/of" ("the claim by Varga that…"); or a name
    compounded with it ("a Lagonia Times report that…", "the Kremlin statement that…")."""
    poss = next((c for c in n.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss, "poss"
    first = n.left_edge.i
    if first > 0 and doc[first - 1].tag_ == "POS" and doc[first - 1].head.i < first - 1:
        return doc[first - 1].head, "poss"
    for prep in n.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.i < clause.i:
                return pobj, "pobj"
    names = [c for c in n.children if c.dep_ == "compound" and c.i < n.i and c.ent_type_]
    if names and names[-1].ent_type_ in HOLDER_ENTITIES:
        return names[-1], "compound"
    return None, "none"


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


def source_frame_candidates(doc: Doc, toks: list[Token], lex: Lexicon) -> list[Candidate]:
    """ "In the Ostland Herald poll, Varga led Dorn by five points": a fronted "in" phrase whose
    noun is a source of information (``information_sources``: poll, survey, study, report…)
    frames the clause after it as what that source says. Not when the clause's verb is a speech
    cue of its own ("In the report, the bank said…": that cue's candidate speaks)."""
    out: list[Candidate] = []
    dep, lemmas = token_attrs(doc).dep, lower_lemmas(doc)  # read by index: no string look-ups
    for n in toks:
        if dep[n.i] != "pobj" or lemmas[n.i] not in lex.information_sources:
            continue
        prep = n.head
        verb = prep.head
        if (
            prep.lower_ != "in"
            or prep.dep_ != "prep"
            or verb.pos_ not in ("VERB", "AUX")
            or not prep.i < verb.i
            or prep.i != prep.left_edge.i
            or _speech_cue(verb, lex)
            or prep.right_edge.i + 1 >= len(doc)
            or doc[prep.right_edge.i + 1].text != ","
        ):
            continue
        if prep.i != verb.sent.start and doc[prep.i - 1].dep_ not in ("cc", "punct"):
            continue
        # The phrase opens the clause (no subject before it: "The OECD, in its report, picked
        # out…" is the OECD's act), and no speech cue is set into the clause ("In two trials,
        # Merrell said, verdicts were…": that cue speaks).
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < prep.i for c in verb.children):
            continue
        if any(_speech_cue(c, lex) for c in verb.children if c.dep_ in ("parataxis", "ccomp")):
            continue
        span = trimmed(doc, prep.right_edge.i + 1, verb.right_edge.i, keep_quotes=True)
        if span is None or span[1] - span[0] < 10:
            continue
        cue = Cue(n.lemma_.lower(), "asserted", "stance", False)
        cand = Candidate("stance", prep.i, prep.i, cue.lemma, span, "indirect", "source", cue=cue)
        set_speaker(cand, n, "pobj")
        out.append(cand)
    return out


def _speech_cue(tok: Token, lex: Lexicon) -> bool:
    cue = lex.verbs.get(tok.lemma_.lower())
    return tok.pos_ == "VERB" and cue is not None and cue.speech


def _colon_speaker(doc: Doc, colon: Token) -> tuple[int, int, bool] | None:
    """The speaker side of "Name: …": tokens back to the line start, a dash or the sentence start
    ("TAPPER: …", "Headline - Jones: “…”", "Clinton to Planned Parenthood: …"); the name is
    the part before a preposition. Returns its token range and whether it starts a line."""
    lo = colon.i
    while lo > colon.sent.start and colon.i - lo < COLON_LEFT_TOKENS:
        prev = doc[lo - 1]
        if "\n" in prev.text or prev.text in DASHES:
            break
        lo -= 1
    if lo == colon.i or (
        lo > colon.sent.start and "\n" not in doc[lo - 1].text and doc[lo - 1].text not in DASHES
    ):
        return None
    line_start = lo == 0 or "\n" in doc[lo - 1].text or text_of(doc)[: doc[lo].idx].endswith("\n")
    # "More from Jones:": the name starts at the first noun-like token.
    while lo < colon.i and doc[lo].pos_ not in ("PROPN", "NOUN", "PRON", "DET", "NUM"):
        lo += 1
    hi = lo
    while hi + 1 < colon.i and doc[hi + 1].pos_ not in ("ADP", "PART", "VERB", "AUX", "PUNCT"):
        hi += 1
    if hi < lo or lo >= colon.i:
        return None
    name = doc[lo : hi + 1]
    rest = doc[hi + 1 : colon.i]
    if any(t.pos_ in ("VERB", "AUX") for t in name) or not any(
        # Title case misleads the tagger in headlines ("Trump: …" as a NOUN).
        t.pos_ in ("PROPN", "PRON", "NOUN")
        for t in name
    ):
        return None
    if len(name) > COLON_NAME_TOKENS or (len(rest) and rest[0].pos_ not in ("ADP", "PART")):
        return None
    return lo, hi, line_start


def colon_candidates(doc: Doc, quotes: QuoteIndex) -> list[Candidate]:
    """Headline and transcript style "Graham: Trump's rhetoric is destroying the party"."""
    out: list[Candidate] = []
    text = text_of(doc)
    for i, ctext in enumerate(token_attrs(doc).text):
        if ctext != ":":
            continue
        colon = doc[i]
        found = _colon_speaker(doc, colon)
        if found is None:
            continue
        lo, hi, line_start = found
        line_end = text.find("\n", colon.idx)
        line_end = len(text) if line_end < 0 else line_end
        q = quotes.starting_near(colon.idx + 1, 6, text)
        span: tuple[int, int] | None
        if q is not None:
            span = (q.start, q.end)
        elif line_start or colon.i + 1 >= colon.sent.end:
            # A transcript turn or a headline: the rest of the line.
            first = colon.idx + 1
            while first < line_end and text[first] in " \t":
                first += 1
            span = (first, line_end) if first < line_end else None
        else:
            span = trimmed(doc, colon.i + 1, colon.sent.end - 1, keep_quotes=True)
        if span is not None:
            span = _headline_line(text, colon.idx + 1, span)
        if span is None or span[1] - span[0] < 10:
            continue
        (start, end), kind = with_quotes(text, span, quotes)
        end = continue_quotes(text, end, quotes)
        cand = Candidate("colon", colon.i, colon.i, ":", (start, end), kind, "colon")
        out.append(_with_line_speaker(doc, cand, lo, hi))
    return out


def byline_candidates(doc: Doc, quotes: QuoteIndex) -> list[Candidate]:
    """ "“…” ― Jane Doe": a quote followed on its line by a dash and a short name that ends the
    line. The parser reads the dash as a verb with the next line as its clause; the signature
    belongs to the quote before it. Scored like a "Name: quote" line."""
    out: list[Candidate] = []
    text = text_of(doc)
    words = token_attrs(doc).text  # by index: a Token only for a dash
    for k, word in enumerate(words):
        # The tokenizer may glue the dash to the closing quote ("”―").
        if word[-1] not in BYLINE_DASHES or any(ch.isalnum() for ch in word):
            continue
        dash = doc[k]
        # Web copy often sets a no-break space between the quote and the dash.
        before = text[: dash.idx + len(dash.text) - 1].rstrip(" \t\xa0")
        q = quotes.covering(len(before) - 1) if before else None
        if q is None or q.end != len(before):
            continue
        line_end = text.find("\n", dash.idx)
        line_end = len(text) if line_end < 0 else line_end
        name = [t for t in doc[dash.i + 1 :] if t.idx < line_end and not t.is_space]
        if not name or len(name) > COLON_NAME_TOKENS:
            continue
        if not all(t.text[:1].isupper() or not t.is_alpha for t in name) or not any(
            t.pos_ == "PROPN" for t in name
        ):
            continue
        cand = Candidate("colon", dash.i, dash.i, ":", (q.start, q.end), "direct", "colon")
        out.append(_with_line_speaker(doc, cand, name[0].i, name[-1].i))
    return out


def _with_line_speaker(doc: Doc, cand: Candidate, lo: int, hi: int) -> Candidate:
    """``cand`` with tokens ``lo``..``hi`` as the speaker of a "Name: quote" or signed-quote line
    (head: the token whose head lies outside the name)."""
    head = next((t.i for t in doc[lo : hi + 1] if not (lo <= t.head.i <= hi)), hi)
    cand.speaker_lo, cand.speaker_hi, cand.speaker_head, cand.speaker_how = lo, hi, head, "colon"
    return cand


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
        + source_frame_candidates(doc, toks, lex)
        + colon_candidates(doc, quotes)
        + byline_candidates(doc, quotes)
        + noun_object_candidates(doc, toks, lex, quotes)
        + adjective_candidates(doc, toks, lex, quotes)
        + headline_candidates(doc, lex, quotes)
    )
    cands.sort(key=lambda c: (c.cue_lo, c.content[0]))
    return cands
