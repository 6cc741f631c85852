"""Which claim reports an event, and what that does to its modality.

An act told inside someone's claim (a quote or reported speech) is that speaker's account, not a
fact the article establishes: it is ``alleged`` and linked to the claim, whatever the claim's
status. A speaker telling of its own act ("the court said it postponed ...", "we arrested them")
announces it, which PLOVER codes as the act itself, so that stays ``occurred``. The trigger of
the claim (its cue: "X accused Y") is the speech act, which occurred.
"""

from __future__ import annotations

from newsgraph.model.records import Claim, EventArgument
from newsgraph.pipeline.intervals import IntervalIndex
from newsgraph.pipeline.stages.events.triggers import Candidate


def attributed(modality: str, claim: Claim | None, c: Candidate, args: list[EventArgument]) -> str:
    """The modality of candidate ``c`` once the claim that holds it is known."""
    if claim is None or modality != "occurred":
        return modality
    if claim.status == "alleged" or (_stated_in(claim, c) and not _own_act(claim, args)):
        return "alleged"
    return modality


_FIRST_PERSON = frozenset({"i", "we", "me", "us"})


def _own_act(claim: Claim, args: list[EventArgument]) -> bool:
    """Whether the claim's speaker is a source of the event (same entity or same span, or a
    first-person pronoun inside the speaker's own words)."""
    for a in args:
        if a.role != "source":
            continue
        if claim.speaker is not None and a.entity == claim.speaker:
            return True
        s0, s1 = claim.speaker_start, claim.speaker_end
        if s0 is not None and s1 is not None and a.start < s1 and s0 < a.end:
            return True
        if a.text.lower() in _FIRST_PERSON:
            return True
    return False


def _stated_in(claim: Claim, c: Candidate) -> bool:
    """Whether the trigger lies in the claim's content (not its cue: "X accused Y" occurred)."""
    return claim.content_start <= c.start < claim.content_end and not (
        claim.cue_start < c.end and c.start < claim.cue_end
    )


def claim_of(claims: list[Claim], start: int, end: int) -> Claim | None:
    """The innermost claim whose content holds the trigger, or whose cue is the trigger (of two
    as narrow, the first)."""
    best = None
    for cl in claims:
        inside = cl.content_start <= start < cl.content_end
        is_cue = cl.cue_start < end and start < cl.cue_end
        if inside or is_cue:
            width = cl.content_end - cl.content_start
            if best is None or width < best.content_end - best.content_start:
                best = cl
    return best


class ClaimIndex:
    """``claim_of`` over one document's claims, indexed once: a lookup reads the claims near the
    trigger, not all of them, so a long article stays linear. Same answer as ``claim_of``."""

    def __init__(self, claims: list[Claim]) -> None:
        self._claims = claims
        self._near: IntervalIndex[int] = IntervalIndex()
        for n, cl in enumerate(claims):
            self._near.add(cl.content_start, cl.content_end, n)
            self._near.add(cl.cue_start, cl.cue_end, n)

    def of(self, start: int, end: int) -> Claim | None:
        """The claim ``claim_of(claims, start, end)`` gives."""
        # An index filed twice (content and cue) comes back once per bucket hit: dedupe, keep
        # list order so that ties go to the first claim as in the scan.
        near = sorted(set(self._near.near(start, max(end, start + 1))))
        return claim_of([self._claims[n] for n in near], start, end)
