"""Modality of an event (occurred, alleged, scheduled, hypothetical, negated) and the PLOVER
re-coding of intentions: a cooperative act the source says it will do is AGREE, a conflictual one
is THREATEN, a refusal to cooperate is REJECT (PLOVER manual, sections 2.3 and 3.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.pipeline.stages.events.lexicon import Lexicon
from newsgraph.pipeline.stages.events.nesting import _ADVERBIAL_PREPS
from newsgraph.pipeline.stages.events.triggers import Candidate

# Cooperative acts announced for the future are intentions: AGREE (PLOVER reference card).
_COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE", "RETREAT", "CONCEDE"})
_THREAT_MODES = {
    "ASSAULT": "violence",
    "COERCE": "restrict",
    "SANCTION": "relations",
    "PROTEST": "restrict",
    "MOBILIZE": "violence",
}
_STOP_DEPS = frozenset({"relcl", "acl", "appos", "parataxis", "advcl"})


@dataclass
class Reading:
    type: str
    mode: str | None
    modality: str


def chain(anchor: Token) -> list[Token]:
    """``anchor`` and the heads that govern it within its clause (up through complements and
    prepositional attachments, stopping at relative, adverbial and temporal attachments)."""
    out = [anchor]
    tok = anchor
    for _ in range(8):
        if tok.head.i == tok.i or tok.dep_ in _STOP_DEPS:
            break
        if tok.dep_ == "prep" and (tok.lower_ in _ADVERBIAL_PREPS or tok.lower_ == "with"):
            break
        tok = tok.head
        out.append(tok)
    return out


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def read(c: Candidate, has_source: bool, lex: Lexicon, future_date: bool) -> Reading:
    """Type, mode and modality of candidate ``c`` from the words around it."""
    links = chain(c.anchor)
    verbs = [t for t in links if t.pos_ in ("VERB", "AUX", "ADJ")]
    lemmas = [t.lemma_.lower() for t in links[1:]]
    reporting = lex.cue("governing.reporting")
    reported = any(lem in reporting for lem in lemmas)

    # The trigger's own words count too when they are not on the clause chain: "found the
    # captain not guilty" negates "guilty", a dependent of the verb ("not guilty" = acquittal).
    negated = any(
        ch.dep_ == "neg" or (ch.dep_ == "det" and ch.lower_ == "no")
        for t in [*links[:3], c.head, *c.extra]
        for ch in t.children
        if t.i in (c.anchor.i, c.head.i) or t.lemma_.lower() not in reporting
    )
    failed = any(lem in lex.cue("modality.failure_verbs") for lem in lemmas[:2])
    auxes = set().union(*(_aux(v) for v in verbs[:3])) if verbs else set()
    future = bool(auxes & lex.cue("governing.future_aux")) or (reported and "would" in auxes)
    intent = any(lem in lex.cue("governing.intent") for lem in lemmas[:3])
    active = c.frame != "undergoer" and not any(
        ch.dep_ in ("nsubjpass", "auxpass") for ch in c.anchor.children
    )

    etype, mode = c.type, c.mode
    intention = (future or intent) and has_source and active and c.kind != "noun"
    marks = lex.cue("modality.conditional_marks")
    condition = {
        m.lower_
        for t in verbs[:2]
        for ch in t.children
        if ch.dep_ == "advcl"
        for m in ch.children
        if m.dep_ == "mark" and m.lower_ in marks
    }
    # "X will withdraw its force unless Y ...", "X may halt mediation if ...": a conditional
    # harm announced by its doer is a threat (PLOVER THREATEN).
    hypo_aux_own = bool(
        auxes & (lex.cue("modality.hypothetical_aux") | lex.cue("governing.future_aux"))
    )
    if (
        has_source
        and active
        and c.kind != "noun"
        and ("unless" in condition or (condition and hypo_aux_own))
        and (etype in _THREAT_MODES or (intention and "unless" in condition))
        and not negated
    ):
        return Reading("THREATEN", _THREAT_MODES.get(etype, "relations"), "occurred")
    if intention or failed:
        if negated or failed:
            if etype in _COOPERATIVE:
                return Reading("REJECT", None, "occurred")
        elif etype in _COOPERATIVE:
            etype, mode = "AGREE", None
        elif etype in _THREAT_MODES:
            mode = _THREAT_MODES[etype]
            etype = "THREATEN"
    if negated or failed:
        return Reading(etype, mode, "negated")

    own = [c.head, c.anchor]
    own_scheduled = any(
        ch.lemma_.lower() in lex.cue("modality.scheduled")
        and ch.dep_ in ("acl", "amod", "advmod", "xcomp")
        for t in own
        for ch in t.children
    )
    if own_scheduled:
        return Reading(etype, mode, "scheduled")
    conditional = any(
        ch.dep_ == "mark" and ch.lower_ in marks for t in links for ch in t.children
    ) or any(
        ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in ch.children)
        for t in verbs[:2]
        for ch in t.children
    )
    hypo_aux = lex.cue("modality.hypothetical_aux") - ({"would"} if reported else set())
    if conditional or (auxes & hypo_aux):
        return Reading(etype, mode, "hypothetical")
    scheduled_cues = lex.cue("modality.scheduled")
    if (
        any(lem in scheduled_cues for lem in lemmas[:3])
        or future_date
        or (future and not intention and etype == c.type)
    ):
        return Reading(etype, mode, "scheduled")
    if _alleged(c, links, lex):
        return Reading(etype, mode, "alleged")
    return Reading(etype, mode, "occurred")


def _alleged(c: Candidate, links: list[Token], lex: Lexicon) -> bool:
    adverbs = lex.cue("modality.allegation_adverbs")
    modifiers = lex.cue("modality.allegation_modifiers")
    verbs = lex.cue("modality.allegation_verbs")
    preps = lex.cue("modality.allegation_preps")
    for t in links:
        for ch in t.children:
            if ch.dep_ == "advmod" and ch.lower_ in adverbs:
                return True
            if ch.dep_ == "prep" and ch.lemma_.lower() in preps:
                return True
    if any(ch.dep_ == "amod" and ch.lower_ in modifiers for ch in c.head.children):
        return True
    return any(t.lemma_.lower() in verbs for t in links[1:])
