"""The tense of the verb that governs a time expression: does it point to the past or the future?

Read from the dependency parse and spaCy's fine-grained tags: "was released on September 13" is
past; "will meet on Friday", "could come as soon as Tuesday" and "sentencing scheduled for
October 9" are future (a forward-looking lemma makes even a past participle look ahead), as are
"is to resume Tuesday", "postponed until Tuesday" and deadlines ("must respond by Friday", unless
the verb is past: "had sold half by Friday"); "had been due to expire Friday" is past (a plan in
the past perfect has been overtaken); "meet Monday" is present, which in news announces what is
coming; no verb says nothing.
"""

from __future__ import annotations

from typing import Any

from newsgraph.pipeline.stages.times.lexicon import lexicon

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# Forward-looking lemmas that say nothing about the future when they are themselves past events.
_PAST_WHEN_VBD = {
    "plan",
    "set",
    "begin",
    "start",
    "open",
    "delay",
    "postpone",
    "adjourn",
    "seek",
    "promise",
    "vow",
    "threaten",
    "propose",
    "reschedule",
}
# Prepositions that give the time an act took place at ("set on Aug. 6"), not one it looks to.
_OCCURRED_AT = {"on", "in", "at"}
_AIMED_AT = {"for", "to"}
_AMBIGUOUS_MODALS = {"could", "would", "can"}
_REPORTING = {"say", "tell", "report", "announce", "add", "note", "write", "state"}
_BOUND_PREPS = {"until", "till", "through", "by", "to", "from", "before", "after", "since"}
_MAX_HOPS = 5
_UNTIL = {"until", "till", "to"}
# A deadline ("must respond by Friday", "would announce it by Friday") lies ahead of the story
# unless the verb itself is past ("had sold half by Friday").
_DEADLINE = {"by"}
# Verbs that put something off: what they put it off until is still ahead of the story.
_DEFER = {"postpone", "delay", "adjourn", "defer", "reschedule", "recess"}


def _inside(tok: Any, span: Any) -> bool:
    """``tok in span`` by index: ``in`` on a ``Span`` makes a ``Token`` of each of its words and
    compares them (by document and character offset: the same test for a token of its
    document)."""
    return bool(span.start <= tok.i < span.end)


def governing_verb(span: Any) -> Any:
    """The first verb above the span's root (or the root itself when it is a verb)."""
    tok = span.root
    for _ in range(_MAX_HOPS):
        if tok.pos_ in ("VERB", "AUX") and not _inside(tok, span):
            return tok
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _forward_cue(span: Any) -> Any:
    """The forward-looking word above the span ("scheduled for", "plans to", "due"), if any."""
    future = lexicon().future_lemmas
    tok = span.root
    for _ in range(_MAX_HOPS):
        lemma = tok.lemma_.lower()
        if (lemma in future or tok.lower_ in future) and not (
            lemma in _PAST_WHEN_VBD and (tok.tag_ == "VBD" or _done_at(tok, span))
        ):
            return tok
        if (tok.pos_ in ("VERB", "AUX") and not _inside(tok, span)) or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _done_at(verb: Any, span: Any) -> bool:
    """ "the record high set on Aug. 6", "talks begun in March": a participle of a forward-looking
    verb whose own time is given by "on"/"in"/"at" tells when the setting or beginning happened
    (a past event); only "for" and the like ("set for October 9") name a time ahead, and a
    participle that names what it looks to ("set for testing in August", "set to open in May")
    still looks ahead."""
    prep = span.root.head
    return (
        verb.tag_ == "VBN"
        and span.root.dep_ == "pobj"
        and prep.head.i == verb.i
        and prep.lower_ in _OCCURRED_AT
        and not any(c.lower_ in _AIMED_AT or c.dep_ == "xcomp" for c in verb.children)
    )


def _plan_told_in_past(cue: Any) -> bool:
    """ "the memorial service planned for Saturday was cancelled": a plan named by a bare
    participle inside a finite past-tense clause looks ahead of that past, not of the article,
    so its date may lie on either side of the article date."""
    if cue.tag_ not in ("VBN", "VBG") or any(c.dep_ in ("aux", "auxpass") for c in cue.children):
        return False
    tok = cue
    for _ in range(_MAX_HOPS):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return _finite_past(tok)
    return False


def _finite_past(verb: Any) -> bool:
    """A verb in the simple past or with a past auxiliary ("was cancelled"); a bare participle
    ("prices paid to farmers") says nothing of when."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def _verbs_above(span: Any) -> list[Any]:
    """The verbs on the head path above the span, nearest first (within a few hops)."""
    out = []
    tok = span.root
    for _ in range(_MAX_HOPS):
        if tok.pos_ in ("VERB", "AUX") and not _inside(tok, span):
            out.append(tok)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return out


def _pluperfect(verbs: list[Any]) -> bool:
    """ "had been due to expire Friday": a plan told in the past perfect has been overtaken, its
    date is behind the story, however forward-looking the verb. Only the governing verb counts,
    or, for an infinitive ("to expire"), the verb that governs it."""
    for verb in verbs[:2]:
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return True
        if not any(c.tag_ == "TO" for c in verb.children):
            return False
    return False


def tense_of(span: Any) -> str:
    """``"past"``, ``"future"``, ``"present"`` or ``"none"`` for the clause a time expression
    sits in."""
    verbs = _verbs_above(span)
    if _pluperfect(verbs):
        return "past"
    cue = _forward_cue(span)
    if cue is not None:
        # nearest occurrence ("present") when the plan itself is told in the past
        return "present" if _plan_told_in_past(cue) else "future"
    prep = span.root.head
    if span.root.dep_ == "pobj" and prep.lower_ in _BOUND_PREPS:
        if prep.lower_ in _UNTIL and prep.head.lemma_.lower() in _DEFER:
            return "future"  # "postponed until Tuesday": put off to a time still ahead
        if prep.lower_ in _DEADLINE:
            verb = governing_verb(span)
            return "past" if verb is not None and verb_tense(verb) == "past" else "future"
        return "none"  # "extended until Nov. 16": a bound, not the verb's own time
    verb = governing_verb(span)
    if verb is None:
        return "none"
    return verb_tense(verb)


def verb_tense(verb: Any, depth: int = 0) -> str:
    """Tense of ``verb`` from its tag and auxiliaries; an infinitive takes its governor's."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if verb.lemma_ == "go" and any(c.dep_ == "xcomp" for c in verb.children) and verb.tag_ == "VBG":
        return "future"  # "is going to meet"
    has_have = any(a.lemma_ == "have" for a in auxes)
    modals = [a for a in auxes if a.tag_ == "MD"]
    if modals:
        if has_have:
            return "past"  # "could have come"
        # "could"/"would" are as often past or hypothetical as future
        return "none" if all(a.lower_ in _AMBIGUOUS_MODALS for a in modals) else "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or has_have:
        return "past"
    if any(a.tag_ == "TO" for a in auxes):
        # "plans to redeem on Nov. 16" (future), "staged celebrations to mark ... Friday" (past)
        head = verb.head
        if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP") and verb.dep_ == "xcomp":
            return "future"  # "is to resume trading Tuesday": an arrangement still ahead
        if depth < 2 and head is not verb and head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in lexicon().future_lemmas and head.tag_ != "VBD":
                return "future"
            return verb_tense(head, depth + 1)
        return "none"
    if verb.tag_ == "VBN":
        if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present"  # "the case is heard in May"
        return "past"  # reduced relative: "a letter released on Tuesday"
    if verb.tag_ in ("VBZ", "VBP") and not any(a.tag_ == "VBG" for a in auxes):
        return "none" if verb.lemma_ in _REPORTING else "present"
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp", "conj", "advcl") and head.i != verb.i:
        if any(c.tag_ == "MD" or c.lower_ in _FUTURE_AUX for c in head.children):
            return "future"
        if head.tag_ == "VBD" and verb.dep_ == "conj":
            return "past"
    return "none"
