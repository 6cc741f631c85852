"""One coded event per clause complex: drop triggers subordinate to another trigger.

PLOVER (and CAMEO before it) codes the *main* event of a sentence; acts described inside another
event's clause -- a purpose clause ("offered troops to help X"), an adverbial ("resigned as the
opposition threatened ..."), a relative or participial modifier ("nationals suspected of blowing
up a plane"), a complement ("demanded an admission that forces murdered ...") -- are background
to that event, not separate reports. ``_fold`` in ``triggers`` already merges triggers sitting in
an argument slot; this pass removes the remaining triggers that are dependency descendants of
another trigger of the same sentence.
"""

from __future__ import annotations

from newsgraph.pipeline.stages.events.triggers import Candidate

_MAX_DEPTH = 40


def _ancestors(c: Candidate) -> list[int]:
    """Token indices above ``c``'s anchor, nearest first, up to a conjunct with its own subject."""
    out: list[int] = []
    tok = c.anchor
    for _ in range(_MAX_DEPTH):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "conj" and any(d.dep_ in ("nsubj", "nsubjpass") for d in tok.children):
            break  # "X attacked Y and Z retaliated": a conjunct with its own subject is its own act
        out.append(head.i)
        tok = head
    return out


def primary(cands: list[Candidate]) -> list[Candidate]:
    """The candidates of one sentence that no other candidate's trigger dominates.

    A dominated candidate of its governor's type is kept with ``governed_by`` set, so that the
    caller merges the two mentions into one event.
    """
    if len(cands) < 2:
        return cands
    own: dict[int, Candidate] = {}
    for c in cands:
        for t in (c.anchor, c.head, *c.extra):
            own.setdefault(t.i, c)
    out: list[Candidate] = []
    for c in cands:
        above = _ancestors(c)
        # A dominated trigger of the governor's own type is kept: it is the same act told
        # twice ("With sentencing scheduled for May, X could face a life sentence") and the
        # article-level merge folds it into the governor, lending its date or place.
        govs = [own[i] for i in above if i in own and own[i] is not c]
        if any(g.type != c.type for g in govs):
            continue
        if govs:
            c.governed_by = govs[0]  # same act: the stage merges it into its governor
        out.append(c)
    return out
