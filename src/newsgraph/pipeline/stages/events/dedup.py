"""One real-world event, one record: merging mentions of the same event within an article.

Two drafts are the same event when they have the same type, compatible modes, compatible
modality (a past event is not the same as a scheduled one), compatible dates (equal, one a prefix
of the other, or one only the article's date) and share an actor with no conflicting one.
A draft without any actor is first merged into an event of the same type in its sentence
("With sentencing scheduled for October 9, X could face a life sentence").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.model.data import modality_groups
from newsgraph.model.records import DateRef, EventArgument, Evidence

_RANK = {"occurred": 4, "scheduled": 3, "alleged": 2, "hypothetical": 1, "negated": 0}
# Modalities that can describe the same real event (an alleged and an occurred report can).
MODALITY_GROUP = modality_groups()


@dataclass
class Draft:
    type: str
    mode: str | None
    contexts: list[str]
    arguments: list[EventArgument]
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    timex: str | None
    date: DateRef
    place: str | None
    modality: str
    claim: str | None
    evidence: list[Evidence] = field(default_factory=list)
    # Type of an earlier event this one answers ("rejected the offer" -> AGREE), for dating.
    refers_to: str | None = None
    # Told with a mutual trigger of a reciprocal-capable type ("X and Y signed", "talks with Y").
    mutual: bool = False

    def keys(self, role: str) -> set[str]:
        return {arg_key(a) for a in self.arguments if a.role == role}

    def priority(self) -> tuple[int, int, int, int]:
        explicit = int(self.timex is not None)  # dated by the text, not the article
        return (
            explicit,
            _RANK.get(self.modality, 0),
            int(self.claim is not None),
            -self.trigger[0],
        )


def arg_key(a: EventArgument) -> str:
    return a.entity or a.text.lower()


def _dates_compatible(a: Draft, b: Draft) -> bool:
    if a.timex is None or b.timex is None:  # only the article's date: compatible with any
        return True
    return a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value)


def _same_event(a: Draft, b: Draft) -> bool:
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if MODALITY_GROUP.get(a.modality) != MODALITY_GROUP.get(b.modality):
        return False
    if not _dates_compatible(a, b):
        return False
    sa, sb, ta, tb = a.keys("source"), b.keys("source"), a.keys("target"), b.keys("target")
    if sa and sb and not sa & sb:
        return False
    if ta and tb and not ta & tb:
        return False
    return bool((sa & sb) or (ta & tb))


def absorb(into: Draft, other: Draft) -> Draft:
    """Merge two drafts; the one with the better date, modality and claim link leads."""
    lead, rest = (into, other) if into.priority() >= other.priority() else (other, into)
    keys = {(a.role, arg_key(a)) for a in lead.arguments}
    for a in rest.arguments:
        if (a.role, arg_key(a)) not in keys:
            lead.arguments.append(a)
            keys.add((a.role, arg_key(a)))
    lead.evidence = sorted(lead.evidence + rest.evidence, key=lambda e: e.trigger_start)
    lead.contexts = lead.contexts + [c for c in rest.contexts if c not in lead.contexts]
    lead.mode = lead.mode or rest.mode
    lead.place = lead.place or rest.place
    lead.claim = lead.claim or rest.claim
    lead.mutual = lead.mutual or rest.mutual
    return lead


def merge(drafts: list[Draft]) -> list[Draft]:
    """Merge drafts that report the same event; drop drafts that never found an actor."""
    # 1. actor-less drafts join an event of the same type in their sentence.
    kept: list[Draft] = []
    for d in drafts:
        if d.arguments:
            kept.append(d)
    # the first kept draft of each (sentence, type): absorbing keeps both, so it stays first
    first: dict[tuple[tuple[int, int], str], int] = {}
    for n, k in enumerate(kept):
        first.setdefault((k.sentence, k.type), n)
    for d in drafts:
        if d.arguments:
            continue
        at = first.get((d.sentence, d.type))
        if at is not None:
            kept[at] = absorb(kept[at], d)
    # 2. the same event reported again in the article: only an event of the same type sharing
    # an actor can be (``_same_event``), so each is looked up by type, role and actor; the first
    # in ``out`` that is the same event takes it, as a scan of ``out`` would give.
    out: list[Draft] = []
    by_actor: dict[tuple[str, str, str], set[int]] = {}
    for d in sorted(kept, key=lambda x: x.trigger[0]):
        near = sorted(
            {n for a in d.arguments for n in by_actor.get((d.type, a.role, arg_key(a)), ())}
        )
        for i in near:
            if _same_event(out[i], d):
                out[i] = absorb(out[i], d)
                break
        else:
            i = len(out)
            out.append(d)
        for a in out[i].arguments:
            by_actor.setdefault((d.type, a.role, arg_key(a)), set()).add(i)
    out.sort(key=lambda x: min(e.trigger_start for e in x.evidence))
    return out
