"""Status of attributed content: asserted, alleged, denied, hedged or established.

The cue's default status (``claims_cues.tsv``) is modified by what surrounds it: a denial predicate
("describes … as false") denies; a denial cue whose object states nothing ("rejected the offer")
asserts (only "rejected the allegation" denies); an establishing source (a court
found, a verdict, the records show), allegation markers in the content ("alleged ties") and hedges
on the cue or the content's verb ("may have", "reportedly", "would have").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.lexicon import Lexicon
from newsgraph.pipeline.stages.claims.spans import text_of
from newsgraph.pipeline.tokattrs import lower_lemmas

# Cues with which an establishing source establishes ("the court found", "records show").
_FINDING_CUES = frozenset(
    {
        "find",
        "rule",
        "determine",
        "conclude",
        "show",
        "establish",
        "confirm",
        "according to",
        "prove",
        "demonstrate",
        "reveal",
        "finding",
        "ruling",
        "verdict",
        "conclusion",
    }
)


def _content_root(doc: Doc, cand: Candidate) -> Token | None:
    span = doc.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _has_denial_predicate(verb: Token, lex: Lexicon) -> bool:
    """ "describes X as false", "called the report baseless", "dismissed it as fabricated"."""
    lemmas = lower_lemmas(verb.doc)  # by index: no string look-up per subtree word
    for c in verb.children:
        framing = c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl") or (
            c.dep_ == "prep" and c.lower_ == "as"
        )
        if framing and any(lemmas[t.i] in lex.denial_predicates for t in c.subtree):
            return True
        if c.dep_ == "dobj" and any(
            t.dep_ in ("oprd", "amod") and t.i > c.i and t.lemma_.lower() in lex.denial_predicates
            for t in c.children
        ):
            return True
    return False


def _acted_on(doc: Doc, cand: Candidate, lex: Lexicon) -> bool:
    """A denial cue whose content is a noun phrase that states nothing ("rejected the offer")."""
    # A headline's content is what follows its verb ("Vance rejects offer from Carpathia").
    if not cand.content_dep.startswith(("dobj", "passive", "prep_", "headline")):
        return False
    root = _content_root(doc, cand)
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return False
    return root.lemma_.lower() not in lex.denied_objects and root.lower_ not in lex.denied_objects


def _hedged(tok: Token, lex: Lexicon) -> bool:
    return any(c.dep_ in ("aux", "advmod") and c.lower_ in lex.hedges for c in tok.children)


def status_of(doc: Doc, cand: Candidate, lex: Lexicon) -> str:
    status = cand.cue.status if cand.cue is not None else "asserted"
    cue_tok = doc[cand.cue_lo]
    # A headline's cue is its verb too ("Governor describes the accusations as false").
    if cand.pattern in ("verb", "headline") and _has_denial_predicate(cue_tok, lex):
        return "denied"
    if status == "denied":
        # "rejected the allegation" denies; "rejected the offer" is an act, not a denial.
        return "asserted" if _acted_on(doc, cand, lex) else status
    if cand.speaker_head is not None and cand.lemma in _FINDING_CUES:
        head = doc[cand.speaker_head]
        if head.lemma_.lower() in lex.establishing_heads or head.lower_ in lex.establishing_heads:
            return "established"
    content = text_of(doc)[cand.content[0] : cand.content[1]].lower()
    words = set(content.replace("“", " ").replace("”", " ").split())
    if status in ("asserted", "hedged") and words & lex.allegation_markers:
        return "alleged"
    if status == "asserted":
        root = _content_root(doc, cand)
        if _hedged(cue_tok, lex) or (root is not None and _hedged(root, lex)):
            return "hedged"
    return status
