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
made, so the result does not depend on the order ambiguous forms are looked at.

The context is local to the short form's blocking component (:mod:`newsgraph.resolve.components`):
the other entities of its articles count as the groups they form when they are in the same
component, and by their own type group and name key otherwise (never by the canonical entity
another component makes of them). So a component's result depends only on its own articles, which
is what lets incremental resolution recompute only the components new articles touch and still
give what a full rebuild gives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from newsgraph.resolve.model import DocEntity
from newsgraph.resolve.normalize import fold, make_form, rules, type_group
from newsgraph.resolve.unionfind import UnionFind

# A co-occurring entity: a group root of the same component, or (type group, folded name).
Ident = int | tuple[str, str]


@lru_cache(maxsize=200_000)
def outside_ident(name: str, entity_type: str) -> tuple[str, str]:
    """How an entity of another component counts in a story context: its type group and its
    name's matching key ("Acme Corp" and "Acme" count as one)."""
    group = type_group(entity_type)
    form = make_form(name, group)
    return (group, form.key if form is not None else fold(name))


class StoryContext:
    def __init__(
        self,
        entities: Sequence[DocEntity],
        uf: UnionFind,
        comp: Sequence[int],
        outside: dict[str, list[tuple[str, str]]],
    ) -> None:
        self.entities = entities
        self.comp = comp
        self.outside = outside
        self.root = [uf.find(i) for i in range(len(entities))]
        self.docs: dict[int, set[str]] = {}
        self.in_doc: dict[str, list[int]] = {}
        for i, e in enumerate(entities):
            self.docs.setdefault(self.root[i], set()).add(e.doc_id)
            self.in_doc.setdefault(e.doc_id, []).append(i)
        self._cache: dict[int, dict[Ident, str]] = {}

    def context(self, root: int) -> dict[Ident, str]:
        """What the articles of group ``root`` name, each with a name to show."""
        found = self._cache.get(root)
        if found is not None:
            return found
        k = self.comp[root]
        out: dict[Ident, str] = {}
        names: list[tuple[str, str]] = []  # (type, name) of the other components' entities
        for d in self.docs.get(root, ()):
            for i in self.in_doc[d]:
                if self.comp[i] == k:
                    out.setdefault(self.root[i], "")
                else:
                    e = self.entities[i]
                    names.append((e.type, e.name))
            names.extend(self.outside.get(d, ()))
        for etype, name in names:
            ident = outside_ident(name, etype)
            shown = out.get(ident)
            if shown is None or name < shown:
                out[ident] = name
        self._cache[root] = out
        return out

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
        ctx = dict(self.context(root))
        ctx.pop(root, None)
        same_doc = [c for c in candidates if c in ctx]
        if len(same_doc) == 1:
            return same_doc[0], "same document"
        if same_doc:
            return None
        others = set(ctx) - set(candidates)
        if not others:
            return None
        shared: dict[int, list[Ident]] = {}
        for c in candidates:
            around = self.context(c)
            shared[c] = [x for x in others if x in around]
        ranked = sorted(candidates, key=lambda c: (-len(shared[c]), c))
        best = ranked[0]
        n_best = len(shared[best])
        n_second = len(shared[ranked[1]]) if len(ranked) > 1 else 0
        r = rules()
        if (not strict and n_best >= r.min_shared and n_second == 0) or (
            n_best >= r.dominant_min and n_best >= r.dominance * n_second
        ):
            names = sorted(name_of(x) if isinstance(x, int) else ctx[x] for x in shared[best])[:3]
            return best, "story context: shares " + ", ".join(repr(n) for n in names)
        return None
