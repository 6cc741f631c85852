"""Features of a candidate for the attribution scorer: the cue, the construction, the speaker and
the shape of the content. Strings, so the model file is readable."""

from __future__ import annotations

import bisect
import sys
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsgraph.model.data import load_tsv
from newsgraph.pipeline.doctext import sentence_of
from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.quotes import QuoteIndex
from newsgraph.pipeline.stages.claims.spans import text_of
from newsgraph.pipeline.stages.claims.variants import closing_gloss
from newsgraph.pipeline.tokattrs import lower_lemmas, token_attrs

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
    kids: list[int] = []
    if pat == "verb":
        # the cue's children by index, read once: its tests below and in ``_context`` and
        # ``_closing`` read their labels from ``token_attrs`` instead of a Token per child
        kids = [c.i for c in cue_tok.children]
        attrs = token_attrs(doc)
        dep, tag = attrs.dep, attrs.tag
        f.append(f"tag={tag[cand.cue_lo]}")
        f.append(f"cuedep={dep[cand.cue_lo]}")
        if any(dep[k] == "neg" for k in kids):
            f.append("neg")
        if any(dep[k] == "aux" and tag[k] == "MD" for k in kids):
            f.append("modal")
    if cand.speaker_head is not None:
        # the speaker word's part of speech and lower-cased text from the ``token_attrs``
        # columns, its entity type read once (each ``Token`` string attribute is a look-up)
        h = cand.speaker_head
        attrs = token_attrs(doc)
        spos, slower, ent = attrs.pos[h], attrs.lower[h], doc[h].ent_type_
        f.append(f"spos={spos}")
        f.append(f"sent={ent or 'O'}")
        if slower in _PERSONAL:
            f.append(f"spron={slower}")
        f.append(f"spos_lemma={spos}|{cand.lemma}")
        f.append(f"sside={'before' if h < cand.cue_lo else 'after'}")
        f.append(f"sent_lemma={ent or spos}|{cand.lemma}")
        f.append(f"spk_lemma={cand.speaker_how}|{cand.lemma}")
        f.append(f"sent_kind={ent or spos}|{cand.kind}")
        if spos == "NOUN":
            f.append(f"snoun={lower_lemmas(doc)[h]}")
    words = text_of(doc)[cand.content[0] : cand.content[1]].split()  # split once, read twice
    n_tokens = len(words)
    f.append(f"len={_bucket(n_tokens)}")
    f.append(f"len_dep={_bucket(n_tokens)}|{cand.content_dep}")
    first = words[:1]
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
        f.extend(_context(doc, cand, kids))
    f.extend(_classes(cand))
    f.extend(_edges(doc, cand, kids))
    return f


# Words that tell where a content ends or starts as themselves; other words by part of speech.
_EDGE_POS = frozenset({"ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART"})


def _edge(tok: Token | None) -> str:
    if tok is None:
        return "NONE"
    if tok.is_punct:
        return tok.text if len(tok.text) <= 2 else "P"
    return tok.lower_ if tok.pos_ in _EDGE_POS else tok.pos_


def _edges(doc: Doc, cand: Candidate, kids: list[int]) -> list[str]:
    """The words at the content's edges (the one after it, the one before it, its last) and how
    far the speaker stands from the cue: an extent that stops before ", who…" or at a semicolon
    reads differently from one cut before its verb's object, and a subject inherited from a
    distant clause is more often another person's."""
    out: list[str] = []
    if cand.speaker_head is not None:
        far = _bucket(abs(cand.speaker_head - cand.cue_lo))
        out += [f"sdist={far}|{cand.speaker_how}", f"sdist_pat={far}|{cand.pattern}"]
    span = doc.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
    if span is None or not len(span):
        return out
    j = span.end
    while j < len(doc) and doc[j].is_space:
        j += 1
    i = span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    after, last = _edge(doc[j] if j < len(doc) else None), _edge(span[-1])
    out += [
        f"after={after}",
        f"before={_edge(doc[i] if i >= 0 else None)}",
        f"last={last}",
        f"after_dep={after}|{cand.content_dep}",
        f"last_dep={last}|{cand.content_dep}",
    ]
    return out + _closing(doc, cand, span.start, span.end - 1, j, kids)


def _closing(doc: Doc, cand: Candidate, lo: int, hi: int, j: int, kids: list[int]) -> list[str]:
    """How the content ends against the clause around it: the word after the comma or dash that
    follows it ("…], which", "…], saying", "…], but"), the gloss it closes on (a comma-set
    relative clause, participle or apposition: often the reporter's) and what part of the cue's
    clause it ends with (an object, or an adjunct of the cue: "criticized X [in a ruling]").
    ``kids``: the indices of a cue verb's children."""
    base = cand.content_dep.split("_")[0]
    out: list[str] = []
    if j < len(doc) and doc[j].text in (",", ";", ":", "—", "–", "--"):
        k = j + 1
        while k < len(doc) and (doc[k].is_space or doc[k].is_punct):
            k += 1
        if k < len(doc):
            nxt = doc[k].tag_ if doc[k].pos_ in ("VERB", "AUX") else _edge(doc[k])
            out.append(f"after2={doc[j].text[:2]}|{nxt}|{base}")
    gloss = closing_gloss(doc, lo, hi)
    if gloss is not None:
        out.append(f"gloss={gloss.dep_}|{gloss.tag_ if gloss.pos_ == 'VERB' else ''}|{base}")
    if cand.pattern == "verb":
        near = [doc[k] for k in kids if lo <= k <= hi]
        inside = [c for c in near if c.right_edge.i <= hi + 1]
        if inside:
            tail = max(inside, key=lambda c: c.right_edge.i)
            out.append(f"tail={tail.dep_}|{base}")
    return out


@lru_cache(maxsize=1)
def verb_classes() -> dict[str, str]:
    """Lemma → semantic class of verbs that may report speech or stance
    (``claims_verb_classes.tsv``)."""
    return {r["lemma"]: r["class"] for r in load_tsv("claims_verb_classes.tsv")}


def _classes(cand: Candidate) -> list[str]:
    """The cue's verb class, alone and with the construction: a lemma the training data saw
    rarely reads like the others of its class."""
    vclass = verb_classes().get(cand.lemma, "none")
    return [f"vclass={vclass}", f"vclass_dep={vclass}|{cand.content_dep}"]


_CONDITIONAL = frozenset({"if", "unless", "whether"})


def _context(doc: Doc, cand: Candidate, kids: list[int]) -> list[str]:
    """Where the cue verb stands: a cue under another verb ("plans to say", "refused to say",
    "before saying"), after "to" or a modal, in a conditional clause or a question reports no
    attribution as often as it reports one; the governing verb tells which. ``kids``: the
    indices of the cue's children."""
    cue_tok = doc[cand.cue_lo]
    attrs = token_attrs(doc)
    dep, tag, lower = attrs.dep, attrs.tag, attrs.lower
    out: list[str] = []
    cue_dep = dep[cand.cue_lo]
    if cue_dep in ("xcomp", "advcl", "pcomp", "relcl", "acl", "ccomp", "conj"):
        head = cue_tok.head
        out.append(f"cuehead={cue_dep}|{head.lemma_.lower()}")
        out.append(f"cuehead_pos={cue_dep}|{head.pos_}")
    marks = [lower[k] for k in kids if dep[k] in ("mark", "aux") and tag[k] in ("TO", "IN")]
    for m in marks:
        out.append(
            f"cuemark={m}|{cand.lemma}" if m in _CONDITIONAL or m == "to" else f"cuemark={m}"
        )
        if m in _CONDITIONAL:
            out.append("irrealis=cond")
    modal = [lower[k] for k in kids if dep[k] == "aux" and tag[k] == "MD"]
    for m in modal:
        out.append(f"modal_word={m}")
        out.append(f"modal_lemma={cand.lemma}")
    if any(dep[k] in ("nsubjpass", "auxpass") for k in kids):
        out.append(f"cue_passive={cand.lemma}")
    sent = sentence_of(cue_tok)
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
    sent = sentence_of(cue_tok)
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
    }
)  # fmt: skip
_FLAGS = ("modal", "neg", "cue_in_quote", "channel")


def crossed(feats: list[str]) -> list[str]:
    """Every pair of the first value of each ``_CROSSED`` feature and of the ``_FLAGS`` present."""
    parts = crossed_parts(feats)
    return ["p:" + a + "&" + b for i, a in enumerate(parts) for b in parts[i + 1 :]]


def crossed_parts(feats: list[str]) -> list[str]:
    """The sorted ``key=value`` parts that ``crossed`` pairs: ``crossed(f)`` names the pair of
    ``parts[i]`` and ``parts[j]``, i < j, as ``"p:" + parts[i] + "&" + parts[j]`` in that order
    (``Model.score_pairs`` reads the pairs' weights from the parts, without the strings).

    Each feature's key and part are read once per process (``_part_of``), and the part is an
    interned string, as the scorer's pair table keys are: a look-up there finds its key by
    identity instead of comparing the characters (the scorer runs ~110 pair look-ups per
    candidate)."""
    try:
        keyed = list(map(_PART_OF.__getitem__, feats))
    except KeyError:
        keyed = [_part_of(f) for f in feats]
    first = dict(reversed(keyed))  # assigned last to first: each key keeps its first value
    first.pop("", None)
    for flag in _FLAGS:
        if flag in feats:
            first[flag] = _FLAG_PARTS[flag]
    return [first[k] for k in sorted(first)]


# Feature -> (its ``_CROSSED`` key, its part ``key=value`` interned), ("", feature) when its key is
# not crossed. Bounded like ``tokattrs``' string tables: a long run meets new lemmas without end.
_PART_OF: dict[str, tuple[str, str]] = {}
_MAX_PARTS = 200_000
_FLAG_PARTS = {flag: sys.intern(flag + "=1") for flag in _FLAGS}


def _part_of(feature: str) -> tuple[str, str]:
    cached = _PART_OF.get(feature)
    if cached is None:
        if len(_PART_OF) > _MAX_PARTS:
            _PART_OF.clear()
        key, _, value = feature.partition("=")
        cached = (key, sys.intern(f"{key}={value}")) if key in _CROSSED else ("", feature)
        _PART_OF[feature] = cached
    return cached
