"""Who was mentioned last before a token: what a definite description ("the minister") needs.

``coref.descriptions`` reads the document left to right and asks, at each description, for the
start of each person's last mention that ends before it and for the person mentioned last. A scan
of every mention at each description costs the square of a long article's length; ``Recency``
answers the same questions from a sweep: mentions are taken in order of their end as the reading
moves on, and a mention added on the way (the description itself, linked) counts from its end.
"""

from __future__ import annotations

from newsgraph.pipeline.stages.actors.names import fold
from newsgraph.pipeline.stages.actors.state import Ment, RoleDraft, Work


class Recency:
    """The answers of ``[m.start for m in ent.mentions if m.end <= i]`` (its maximum) and of the
    latest person mention, for ``i`` growing; mentions are those of ``work`` when it is built,
    plus those reported through ``added``."""

    def __init__(self, work: Work) -> None:
        self.work = work
        # (end, start, entity) of every entity's mentions; (end, list position, start, entity)
        # of the person mentions of ``work.mentions``, both in the order they come into view
        self._ents = sorted(
            (m.end, m.start, e) for e, ent in enumerate(work.entities) for m in ent.mentions
        )
        self._people = sorted(
            (m.end, pos, m.start, m.entity)
            for pos, m in enumerate(work.mentions)
            if m.entity is not None and work.entities[m.entity].type == "PERSON"
        )
        self._e = self._p = 0
        self.last: dict[int, int] = {}  # entity -> start of its last mention in view
        self._latest: tuple[int, int, int] | None = None  # (start, -position, entity)
        self._roles: dict[int, dict[str, list[RoleDraft]]] = {}
        self._kinds: dict[int, dict[str, list[RoleDraft]]] = {}

    def advance(self, i: int) -> None:
        """Bring into view every mention ending at or before token ``i``."""
        while self._e < len(self._ents) and self._ents[self._e][0] <= i:
            _, start, e = self._ents[self._e]
            self.last[e] = max(self.last.get(e, start), start)
            self._e += 1
        while self._p < len(self._people) and self._people[self._p][0] <= i:
            _, pos, start, e = self._people[self._p]
            self._see_person(start, pos, e)
            self._p += 1

    def _see_person(self, start: int, pos: int, e: int) -> None:
        # the greatest start wins; of two with the same start, the earlier in the list
        if self._latest is None or (start, -pos) > self._latest[:2]:
            self._latest = (start, -pos, e)

    def latest_person(self) -> int | None:
        """The entity of the person mention with the greatest start among those in view."""
        return self._latest[2] if self._latest is not None else None

    def added(self, m: Ment, e: int) -> None:
        """``m`` was just added to ``work`` as a mention of ``e`` (it is in view from its end:
        the reading has passed the token it was added at)."""
        self.last[e] = max(self.last.get(e, m.start), m.start)
        if self.work.entities[e].type == "PERSON":
            self._see_person(m.start, len(self.work.mentions) - 1, e)

    def roles_named(self, e: int, noun: str) -> list[RoleDraft]:
        """Roles of entity ``e`` whose head noun folds to ``noun``, in order (the roles do not
        change while descriptions are read)."""
        by_noun = self._roles.get(e)
        if by_noun is None:
            by_noun = {}
            for r in self.work.entities[e].roles:
                by_noun.setdefault(fold(self.work.doc[r.head].text), []).append(r)
            self._roles[e] = by_noun
        return by_noun.get(noun, [])

    def roles_of_kind(self, e: int, kind: str) -> list[RoleDraft]:
        """Roles of entity ``e`` of lexicon kind ``kind``, in order."""
        by_kind = self._kinds.get(e)
        if by_kind is None:
            by_kind = {}
            for r in self.work.entities[e].roles:
                by_kind.setdefault(r.kind, []).append(r)
            self._kinds[e] = by_kind
        return by_kind.get(kind, [])
