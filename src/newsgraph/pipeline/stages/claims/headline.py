"""Attributions in an article's headline: "Conservative Icon Morton Blackwell Endorses Ted Cruz",
"Rose Bowl skywriters blast Trump", "The Latest: Sanders declares ‘revolution’".

Title case misleads the tagger (a verb in title case is read as a proper noun, and the parse of
the line is unreliable), so the headline is read by position: the first cue verb of the lexicon
after a name, in whatever case and tag, splits the line into speaker and content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.lexicon import Lexicon
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex
from newsgraph.pipeline.stages.claims.spans import text_of, trimmed, with_quotes

# A first line this short is a headline.
HEADLINE_MAX_WORDS = 20
SPEAKER_MAX_TOKENS = 8
_PREFIX_BREAKS = frozenset({":", "-", "—", "–", "--"})


def _verb_lemma(tok: Token, lex: Lexicon) -> str | None:
    """The lexicon lemma of a (possibly title-case) verb form: "Praises" → praise."""
    if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.verbs:
        return tok.lemma_.lower()
    if not tok.is_alpha:
        return None
    w = tok.lower_
    forms = [w]
    if w.endswith("ies"):
        forms.append(w[:-3] + "y")
    if w.endswith("es"):
        forms.append(w[:-2])
    if w.endswith("s"):
        forms.append(w[:-1])
    return next((f for f in forms if f in lex.verbs), None)


def headline_candidates(doc: Doc, lex: Lexicon, quotes: QuoteIndex) -> list[Candidate]:
    text = text_of(doc)
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    if not text[:line_end].strip() or len(text[:line_end].split()) > HEADLINE_MAX_WORDS:
        return []
    line = [t for t in doc if t.idx < line_end and not t.is_space]
    if not line:
        return []
    start = line[0].i
    for t in line:  # "The Latest: Sanders declares…", "FIX IS IN: PBS Moderators Ignore…"
        if t.text in _PREFIX_BREAKS and t.i + 1 < len(doc) and doc[t.i + 1].idx < line_end:
            start = t.i + 1
    for t in line:
        if t.i <= start or t.i - start > SPEAKER_MAX_TOKENS:
            continue
        lemma = _verb_lemma(t, lex)
        if lemma is None:
            continue
        speaker = [s for s in doc[start : t.i] if not (s.is_punct or s.is_space)]
        if (
            not speaker
            or not any(s.pos_ in ("PROPN", "NOUN", "PRON") for s in speaker)
            # A clause before the cue is no name ("… are sickening, Hollande said"); a plural
            # noun mistagged as a verb is ("Rose Bowl skywriters blast Trump").
            or any(s.pos_ == "AUX" or s.tag_ in ("VBD", "VBG", "VBN") for s in speaker)
        ):
            return []
        last = max(x.i for x in line)
        span = trimmed(doc, t.i + 1, last, keep_quotes=True)
        if span is None or span[1] - span[0] < 2:
            return []
        (c0, c1), kind = with_quotes(text, span, quotes, cue=t.idx)
        cand = Candidate("headline", t.i, t.i, lemma, (c0, c1), kind, "headline")
        cand.cue = lex.verbs.get(lemma)
        cand.speaker_lo, cand.speaker_hi = speaker[0].i, speaker[-1].i
        cand.speaker_head = next(
            (s.i for s in reversed(speaker) if s.pos_ in ("PROPN", "NOUN", "PRON")), speaker[-1].i
        )
        cand.speaker_how = "headline"
        return [cand]
    return []
