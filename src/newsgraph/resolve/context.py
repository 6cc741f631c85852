"""Story context: which of several candidate full names a surname or acronym means.

A short form ("Smith", "GM") that fits more than one canonical entity is linked only when its story
context singles one out:

1. *same document* — exactly one candidate appears in a document of the short form;
2. *shared entities* — of the other canonical entities in the short form's documents, at least
   ``[context] min_shared`` also appear in some article of exactly one candidate and none in an
   article of any other candidate; or the story is dominated by one candidate: at least
   ``dominant_min`` shared entities and ``dominance`` times as many as any rival has.

Otherwise the short form stays its own entity: a wrong merge is worse for a dossier than a
missing one. Context is read from a snapshot of the groups taken once all unambiguous links are
made, so the result does not depend on the order ambiguous forms are looked at, and the cost is
one pass over the entities plus set intersections per ambiguous form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsgraph.resolve.model import DocEntity
from newsgraph.resolve.normalize import rules
from newsgraph.resolve.unionfind import UnionFind


class StoryContext:
    def __init__(self, entities: Sequence[DocEntity], uf: UnionFind) -> None:
        self.root = [uf.find(i) for i in range(len(entities))]
        self.docs: dict[int, set[str]] = {}
        self.in_doc: dict[str, set[int]] = {}
        for i, e in enumerate(entities):
            r = self.root[i]
            self.docs.setdefault(r, set()).add(e.doc_id)
            self.in_doc.setdefault(e.doc_id, set()).add(r)

    def choose(
        self,
        root: int,
        candidates: Sequence[int],
        name_of: Callable[[int], str],
        *,
        strict: bool = False,
    ) -> tuple[int, str] | None:
        """The one candidate the story context of ``root`` supports, with the evidence.

        ``root`` and ``candidates`` are group roots of the snapshot. ``strict`` (an acronym that
        only fits a name's initials) needs the same document or a dominated story: one shared
        entity such as "U.S." is no support.
        """
        ctx: set[int] = set()
        for d in self.docs.get(root, ()):
            ctx |= self.in_doc[d]
        ctx.discard(root)
        same_doc = [c for c in candidates if c in ctx]
        if len(same_doc) == 1:
            return same_doc[0], "same document"
        if same_doc:
            return None
        others = ctx - set(candidates)
        if not others:
            return None
        empty: set[str] = set()
        shared: dict[int, list[int]] = {}
        for c in candidates:
            docs_c = self.docs.get(c, empty)
            shared[c] = [x for x in others if not self.docs.get(x, empty).isdisjoint(docs_c)]
        ranked = sorted(candidates, key=lambda c: (-len(shared[c]), c))
        best = ranked[0]
        n_best = len(shared[best])
        n_second = len(shared[ranked[1]]) if len(ranked) > 1 else 0
        r = rules()
        if (not strict and n_best >= r.min_shared and n_second == 0) or (
            n_best >= r.dominant_min and n_best >= r.dominance * n_second
        ):
            names = sorted(name_of(x) for x in shared[best])[:3]
            return best, "story context: shares " + ", ".join(repr(n) for n in names)
        return None
