"""Features of a candidate for the attribution scorer: the cue, the construction, the speaker and
the shape of the content. Strings, so the model file is readable."""

from __future__ import annotations

import bisect
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.model.data import load_lines, load_tsv
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
    if pat == "verb":
        f.extend(_context(doc, cand))
    f.extend(_syntax(doc, cand, quotes))
    return f


@lru_cache(maxsize=1)
def verb_classes() -> dict[str, str]:
    """Lemma → semantic class of verbs that may report speech or stance
    (``claims_verb_classes.tsv``)."""
    return {r["lemma"]: r["class"] for r in load_tsv("claims_verb_classes.tsv")}


@lru_cache(maxsize=1)
def _role_kinds() -> dict[str, str]:
    """Role and person nouns → a kind ("official", "media", …; "person" for an unnamed person)."""
    kinds = {r["noun"]: r["kind"] for r in load_tsv("actors_role_nouns.tsv")}
    for noun in load_lines("actors_person_nouns.txt"):
        kinds.setdefault(noun.lower(), "person")
    return kinds


_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "you", "your"})
_DEMONSTRATIVE = frozenset({"it", "this", "that", "these", "those", "so", "something", "anything"})


def _speaker_kind(doc: Doc, cand: Candidate) -> str:
    """What the speaker phrase is: a pronoun, a name (and its entity type), a role or person noun
    (its kind), another noun, or a relative pronoun's antecedent."""
    assert cand.speaker_head is not None
    s = doc[cand.speaker_head]
    if s.pos_ == "PRON":
        return "pron"
    if s.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return f"name_{s.ent_type_}"
    kind = _role_kinds().get(s.lemma_.lower()) or _role_kinds().get(s.lower_)
    if kind is not None:
        return f"role_{kind}"
    if s.pos_ == "PROPN":
        return "propn"
    return "noun" if s.pos_ == "NOUN" else s.pos_.lower()


def _object_kind(doc: Doc, cand: Candidate) -> str | None:
    """The head of an object content: a statement noun ("outlined his plan"), a person or group
    ("mocked the senator"), a pronoun ("said it"), or another noun."""
    if not (cand.content_dep.startswith(("dobj", "prep_", "passive"))):
        return None
    span = doc.char_span(*cand.content, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if head.lower_ in _DEMONSTRATIVE or head.pos_ == "PRON":
        return "pron"
    if head.ent_type_:
        return f"ent_{head.ent_type_}"
    lemma = head.lemma_.lower()
    if lemma in _statement_nouns():
        return "statement"
    if lemma in _role_kinds():
        return "person"
    if head.pos_ in ("VERB", "AUX"):
        return "clause"
    return "noun"


@lru_cache(maxsize=1)
def _statement_nouns() -> frozenset[str]:
    """Nouns naming something said or held: the cue nouns and noun-object cues of the lexicon."""
    from newsgraph.pipeline.stages.claims.lexicon import lexicon

    lex = lexicon()
    return frozenset(lex.nouns) | frozenset(lex.noun_objects)


def _quote_shape(text: str, content: tuple[int, int], quotes: QuoteIndex) -> str:
    """How quote marks stand in the content: all of it one quote, opening or closing it, some
    inside, or none."""
    lo, hi = content
    q = quotes.covering(lo)
    if q is not None and q.start <= lo and hi <= q.end:
        return "whole"
    body = text[lo:hi]
    opens = body[:1] in "“\"'" or body.startswith("``")
    closes = body[-1:] in "”\"'"
    if opens and closes:
        return "both"
    if opens:
        return "opens"
    if closes:
        return "closes"
    if any(m in body for m in '“”"') or "''" in body:
        return "inside"
    return "none"


def _finite(tok: Token) -> bool:
    return tok.tag_ in ("VBD", "VBZ", "VBP", "MD")


def _syntax(doc: Doc, cand: Candidate, quotes: QuoteIndex) -> list[str]:
    """Features that generalise beyond the lemma: the cue's verb class, the speaker's kind, the
    object's kind, quote marks, the content's own clause and the cue's place in its sentence."""
    text = text_of(doc)
    cue_tok = doc[cand.cue_lo]
    vclass = verb_classes().get(cand.lemma, "none")
    out = [
        f"vclass={vclass}",
        f"vclass_pat={vclass}|{cand.pattern}",
        f"vclass_dep={vclass}|{cand.content_dep}",
        f"vclass_kind={vclass}|{cand.kind}",
    ]
    if cand.speaker_head is not None:
        skind = _speaker_kind(doc, cand)
        out.append(f"skind={skind}")
        out.append(f"skind_vclass={skind}|{vclass}")
        out.append(f"skind_dep={skind}|{cand.content_dep}")
        n_spk = (cand.speaker_hi or 0) - (cand.speaker_lo or 0) + 1
        out.append(f"slen={_bucket(n_spk)}")
    obj = _object_kind(doc, cand)
    if obj is not None:
        out.append(f"obj={obj}")
        out.append(f"obj_vclass={obj}|{vclass}")
    qshape = _quote_shape(text, cand.content, quotes)
    out.append(f"qshape={qshape}")
    out.append(f"qshape_dep={qshape}|{cand.content_dep}")
    span = doc.char_span(*cand.content, alignment_mode="expand")
    if span is not None:
        words = {t.lower_ for t in span}
        if words & _FIRST_PERSON:
            out.append(f"first_person={cand.kind}")
        finite = any(_finite(t) for t in span)
        out.append(f"finite={finite}|{cand.content_dep}")
    sent = cue_tok.sent
    pos = (cand.cue_lo - sent.start) / max(1, len(sent))
    out.append(f"cue_pos={min(2, int(pos * 3))}|{cand.pattern}")
    para = text.rfind("\n", 0, sent.start_char)
    first_sent = text[para + 1 : sent.start_char].strip() == ""
    out.append(f"para_first={first_sent}")
    return out


_CONDITIONAL = frozenset({"if", "unless", "whether"})


def _context(doc: Doc, cand: Candidate) -> list[str]:
    """Where the cue verb stands: a cue under another verb ("plans to say", "refused to say",
    "before saying"), after "to" or a modal, in a conditional clause or a question reports no
    attribution as often as it reports one; the governing verb tells which."""
    cue_tok = doc[cand.cue_lo]
    out: list[str] = []
    head = cue_tok.head
    if cue_tok.dep_ in ("xcomp", "advcl", "pcomp", "relcl", "acl", "ccomp", "conj"):
        out.append(f"cuehead={cue_tok.dep_}|{head.lemma_.lower()}")
        out.append(f"cuehead_pos={cue_tok.dep_}|{head.pos_}")
    marks = [
        c.lower_ for c in cue_tok.children if c.dep_ in ("mark", "aux") and c.tag_ in ("TO", "IN")
    ]
    for m in marks:
        out.append(
            f"cuemark={m}|{cand.lemma}" if m in _CONDITIONAL or m == "to" else f"cuemark={m}"
        )
        if m in _CONDITIONAL:
            out.append("irrealis=cond")
    modal = [c.lower_ for c in cue_tok.children if c.dep_ == "aux" and c.tag_ == "MD"]
    for m in modal:
        out.append(f"modal_word={m}")
        out.append(f"modal_lemma={cand.lemma}")
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue_tok.children):
        out.append(f"cue_passive={cand.lemma}")
    sent = cue_tok.sent
    if text_of(doc)[sent.start_char : sent.end_char].rstrip(' ”’"\n').endswith("?"):
        out.append(f"question={cand.kind}")
    return out


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


def relational_features(cand: Candidate, speech_cues: list[int]) -> list[str]:
    """The candidate among the others of its document: a content that wraps its own cue ("“A,” X
    said. “B.”") or holds another speech cue runs over a second attribution, which news
    annotation keeps apart. ``speech_cues``: character offsets of the speech cues found, sorted
    and distinct (counted by bisection: a long article has many)."""
    lo, hi = cand.content
    first, stop = bisect.bisect_left(speech_cues, lo), bisect.bisect_left(speech_cues, hi)
    own = bisect.bisect_left(speech_cues, cand.cue_char, first, stop)
    inner = max(0, stop - first - (own < stop and speech_cues[own] == cand.cue_char))
    out = [f"inner_cues={min(inner, 2)}|{cand.kind}"]
    if lo <= cand.cue_char < hi:
        out.append(f"wraps_cue={cand.kind}")
    return out


# Features whose pairs the scorer sees: a linear model over single features cannot tell "said"
# with a quote from "said" in a question, or a subject speaker of a ROOT cue from one inherited by
# a participle; pairs of these give it that capacity while the model stays a readable sum.
_CROSSED = frozenset(
    {
        "pat", "lemma", "dep", "spk", "cuedep", "kind", "tag", "len", "first", "gap", "spos",
        "sent", "sside", "has_quote", "question", "cuehead", "prev_sent", "ends", "sent_cover",
        "vclass", "skind", "obj", "qshape",
    }
)  # fmt: skip
_FLAGS = ("modal", "neg", "cue_in_quote", "channel")


def crossed(feats: list[str]) -> list[str]:
    """Every pair of the first value of each ``_CROSSED`` feature and of the ``_FLAGS`` present."""
    first: dict[str, str] = {}
    for f in feats:
        key, _, value = f.partition("=")
        if key in _CROSSED and key not in first:
            first[key] = value
    for flag in _FLAGS:
        if flag in feats:
            first[flag] = "1"
    parts = [f"{k}={first[k]}" for k in sorted(first)]  # each formatted once, not per pair
    return ["p:" + a + "&" + b for i, a in enumerate(parts) for b in parts[i + 1 :]]
