"""Which candidates report a speech act that happened: the rest make no claim.

A claim says that someone asserted something. Candidates that read like attributions but are not:

* a negated cue: "He did not repeat the accusations", "never said that…", "would not comment",
  "has no plans to…";
* a cue under a refusal, a plan or a negated verb: "declined to comment", "refused to say",
  "plans to say", "did not want to say";
* a cue under a negated readiness adjective, or an unreadiness one: "was not immediately available
  to say who…", "the utility was not prepared to comment", "was unable to confirm";
* an intention with its infinitive or object: "The firm plans to open two stores", "aims to cut
  costs", "agreed to buy" (a finite clause after it, "decided that…", may still be a claim);
* a cue of evidence ("showed", "found") whose content is a plain noun phrase and whose subject
  cannot hold a view or carry information: "services showed a 3.7 billion surplus";
* a cue in a to-infinitive of purpose under a negated act: "The letter offers no documents to
  support the accusations", "the ministry gave no evidence to confirm the report" (nothing was
  supported or confirmed).

The word lists are in ``claims_negation.toml``. A denial ("denied that…", "rejected the
allegation") is a speech act that happened: it makes a claim with status ``denied`` (``status``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.discourse import speaker_words
from newsgraph.pipeline.stages.claims.lexicon import Lexicon

# Relations through which a cue verb depends on what governs its happening ("declined [to say]",
# "available [to say]", "was [available]").
_GOVERNED = frozenset({"xcomp", "acomp"})
# Entity types of speakers who can hold a view.
_HOLDERS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Content relations of a noun phrase (the object of the cue, not a clause).
_NP_DEPS = ("dobj", "passive", "prep_")
_CLAUSAL_CHILDREN = frozenset({"acl", "relcl", "ccomp", "xcomp"})
# Relations of a to-infinitive of purpose: of the act ("offers X [to support]") or of the noun
# it serves ("evidence [to confirm]").
_PURPOSE = frozenset({"advcl", "acl"})


def _negated(tok: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in lex.negators)
               for c in tok.children)  # fmt: skip


def _governor_blocks(cue: Token, lex: Lexicon) -> str | None:
    """Why the governors of ``cue`` keep it from happening, if they do."""
    tok = cue
    for _ in range(3):
        if tok.dep_ not in _GOVERNED or tok.head.i == tok.i:
            return None
        head = tok.head
        lemma = head.lemma_.lower()
        if lemma in lex.refusal_verbs:
            return "refused"
        if tok.dep_ == "xcomp" and lemma in lex.intent_verbs:
            return "intended"
        if lemma in lex.unreadiness_adjectives or head.lower_ in lex.unreadiness_adjectives:
            return "unavailable"
        if _negated(head, lex):
            return "unavailable" if lemma in lex.readiness_adjectives else "negated"
        tok = head
    return None


def _negated_purpose(cue: Token, lex: Lexicon) -> bool:
    """``cue`` is a to-infinitive of purpose ("to support", "to confirm") whose act did not take
    place: its verb is negated ("did not call a meeting to announce…") or the noun it serves is
    ("offers no documents to support…", "no evidence to confirm…")."""
    if cue.dep_ not in _PURPOSE or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in cue.children
    ):
        return False
    head = cue.head
    if head.pos_ in ("VERB", "AUX") and _negated(head, lex):
        return True
    nouns = (
        [head]
        if head.pos_ in ("NOUN", "PROPN")
        else [c for c in head.children if c.dep_ in ("dobj", "attr")]
    )
    return any(
        _negated(n, lex) or any(d.dep_ == "det" and d.lower_ in lex.negators for d in n.children)
        for n in nouns
    )


def _np_content(doc: Doc, cand: Candidate) -> bool:
    """The content is a plain noun phrase (no clause under its head)."""
    if not cand.content_dep.startswith(_NP_DEPS):
        return False
    span = doc.char_span(cand.content[0], cand.content[1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.pos_ in ("NOUN", "PROPN", "NUM") and not any(
        c.dep_ in _CLAUSAL_CHILDREN for c in root.children
    )


def _holder(doc: Doc, cand: Candidate, lex: Lexicon) -> bool:
    """The speaker can hold a view or carry information."""
    if cand.speaker_head is None:
        return False
    s = doc[cand.speaker_head]
    lemma = s.lemma_.lower()
    return (
        s.ent_type_ in _HOLDERS
        or lemma in speaker_words().person_nouns
        or s.pos_ == "PRON"
        or lemma in lex.channels
        or lemma in lex.information_sources
        or s.lower_ in lex.information_sources
    )


def _headline(doc: Doc, cand: Candidate, lex: Lexicon) -> str | None:
    """A headline is read by position, not by its (unreliable) parse: "Smith Does Not Say…",
    "Firm Plans To Open…", "Minister Declines To Comment"."""
    before = doc[cand.cue_lo - 2 : cand.cue_lo] if cand.cue_lo >= 2 else doc[0 : cand.cue_lo]
    if any(t.lower_ in lex.negators for t in before):
        return "negated"
    if cand.lemma in lex.refusal_verbs:
        return "refused"
    after = doc[cand.cue_hi + 1] if cand.cue_hi + 1 < len(doc) else None
    if cand.lemma in lex.intent_verbs and after is not None and after.lower_ == "to":
        return "intended"
    return None


def unasserted(doc: Doc, cand: Candidate, lex: Lexicon) -> str | None:
    """Why ``cand`` reports no speech act that happened (negated | refused | unavailable |
    intended | not_speech), or None when it may be a claim."""
    cue = doc[cand.cue_lo]
    if cand.pattern == "headline":
        return _headline(doc, cand, lex)
    if cue.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in cue.children):
        return "negated"  # "has no plans to restore output", "had no comment on the sale"
    if cue.pos_ not in ("VERB", "AUX"):
        return None
    if _negated(cue, lex):
        return "negated"
    if cand.lemma in lex.refusal_verbs:
        return "refused"
    blocked = _governor_blocks(cue, lex)
    if blocked is not None:
        return blocked
    if cand.lemma in lex.intent_verbs and cand.content_dep.startswith(("xcomp", "dobj", "for_to")):
        return "intended"
    if _negated_purpose(cue, lex):
        return "negated"
    # "showed", "found": a plain object is a finding only from someone or a source.
    if cand.lemma in lex.finding_verbs and _np_content(doc, cand) and not _holder(doc, cand, lex):
        return "not_speech"
    return None
