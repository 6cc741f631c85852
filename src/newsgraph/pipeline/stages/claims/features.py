"""Features of a candidate for the attribution scorer: the cue, the construction, the speaker and
the shape of the content. Strings, so the model file is readable."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex
from newsgraph.pipeline.stages.claims.spans import text_of

_PERSONAL = frozenset({"he", "she", "they", "i", "we", "you", "it"})


def _bucket(n: int) -> str:
    for bound in (1, 3, 7, 15, 30):
        if n <= bound:
            return str(bound)
    return "more"


def features(doc: Doc, cand: Candidate, quotes: QuoteIndex) -> list[str]:
    """Feature names of ``cand`` (binary features; the scorer sums their weights)."""
    cue_tok = doc[cand.cue_lo]
    pat = cand.pattern
    f = [
        f"pat={pat}",
        f"lemma={cand.lemma}",
        f"pat_lemma={pat}|{cand.lemma}",
        f"dep={pat}|{cand.content_dep}",
        f"lemma_dep={cand.lemma}|{cand.content_dep}",
        f"kind={cand.kind}",
        f"spk={cand.speaker_how}",
    ]
    if cand.cue is not None:
        f.append(f"lex={pat}|{cand.cue.frame}|{cand.cue.speech}")
        f.append(f"lexdep={cand.cue.frame}|{cand.content_dep}")
        f.append(f"lexstatus={cand.cue.status}")
    else:
        f.append(f"nolex={pat}|{cand.content_dep}")
    if pat == "verb":
        f.append(f"tag={cue_tok.tag_}")
        f.append(f"cuedep={cue_tok.dep_}")
        if any(c.dep_ == "neg" for c in cue_tok.children):
            f.append("neg")
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue_tok.children):
            f.append("modal")
    if cand.speaker_head is not None:
        s = doc[cand.speaker_head]
        f.append(f"spos={s.pos_}")
        f.append(f"sent={s.ent_type_ or 'O'}")
        if s.lower_ in _PERSONAL:
            f.append(f"spron={s.lower_}")
        f.append(f"spos_lemma={s.pos_}|{cand.lemma}")
        f.append(f"sside={'before' if s.i < cand.cue_lo else 'after'}")
        f.append(f"sent_lemma={s.ent_type_ or s.pos_}|{cand.lemma}")
        f.append(f"spk_lemma={cand.speaker_how}|{cand.lemma}")
        f.append(f"sent_kind={s.ent_type_ or s.pos_}|{cand.kind}")
        if s.pos_ == "NOUN":
            f.append(f"snoun={s.lemma_.lower()}")
    n_tokens = len(text_of(doc)[cand.content[0] : cand.content[1]].split())
    f.append(f"len={_bucket(n_tokens)}")
    f.append(f"len_dep={_bucket(n_tokens)}|{cand.content_dep}")
    first = text_of(doc)[cand.content[0] : cand.content[1]].split(maxsplit=1)
    if first:
        w = first[0].lower()
        if w in ("that", "to", "if", "whether", "how", "why", "what", "when"):
            f.append(f"first={w}")
    gap = min(abs(cand.content[0] - cue_tok.idx), abs(cue_tok.idx - cand.content[1]))
    f.append(f"gap={_bucket(gap // 5)}")
    if quotes.covering(cue_tok.idx) is not None:
        f.append("cue_in_quote")
    f.extend(_conjunctions(doc, cand, n_tokens))
    return f


def _conjunctions(doc: Doc, cand: Candidate, n_tokens: int) -> list[str]:
    """Pairs of the cue with the construction: a cue reads differently per frame ("said" with a
    quote vs "said" with an object), and the content's fit to its sentence tells extent errors."""
    cue_tok = doc[cand.cue_lo]
    text = text_of(doc)
    content = text[cand.content[0] : cand.content[1]]
    out = [
        f"lemma_kind={cand.lemma}|{cand.kind}",
        f"lemma_len={cand.lemma}|{_bucket(n_tokens)}",
        f"spk_dep={cand.speaker_how}|{cand.content_dep}",
        f"pat_tag={cand.pattern}|{cue_tok.tag_}",
    ]
    if cand.pattern == "verb":
        out.append(f"lemma_tag={cand.lemma}|{cue_tok.tag_}")
    if cand.speaker_head is not None:
        side = "before" if cand.speaker_head < cand.cue_lo else "after"
        out.append(f"lemma_side={cand.lemma}|{side}")
    if any(ch in content for ch in '“”"') or "''" in content:
        out.append(f"has_quote={cand.kind}")
    sent = cue_tok.sent
    cover = (cand.content[1] - cand.content[0]) / max(1, sent.end_char - sent.start_char)
    out.append(f"sent_cover={min(4, int(cover * 4))}|{cand.pattern}")
    ends = "end" if text[cand.content[1] : sent.end_char].strip(' .,;:!?”’"\n') == "" else "mid"
    out.append(f"ends={ends}|{cand.content_dep}")
    # A content from an earlier sentence, or one with a quote between it and the cue, is often a
    # clause the parser hung on the cue by mistake.
    out.append(f"prev_sent={cand.content[0] < sent.start_char}|{cand.content_dep}")
    if cand.content[1] <= cue_tok.idx:
        gap = text[cand.content[1] : cue_tok.idx]
        quoted = any(m in gap for m in '“”"') or "''" in gap
        out.append(f"gap_quote={quoted}|{cand.content_dep}")
    return out
