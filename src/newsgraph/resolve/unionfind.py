"""Union-find over doc-entity indices that remembers why each group joined another.

Each group has a *seed* (the member it started from). When group X joins group Y, X's seed is
given the rule and evidence of that join, so every member ends with a reason: it is a seed, or it
was linked (directly or through its group's seed) by a recorded rule.
"""

from __future__ import annotations

from newsgraph.resolve.model import Link


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n
        self.seed = list(range(n))  # seed of the group rooted at i (valid for roots)
        self.links: list[Link | None] = [None] * n
        self.members: dict[int, list[int]] = {}  # filled lazily for roots of groups > 1

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def union(self, joining: int, into: int, rule: str, evidence: str) -> bool:
        """Merge the group of ``joining`` into the group of ``into``; False when already one."""
        a, b = self.find(joining), self.find(into)
        if a == b:
            return False
        seed = self.seed[a]
        if self.links[seed] is None:
            self.links[seed] = Link(rule, evidence)
        keep_seed = self.seed[b]
        if self.size[a] > self.size[b]:  # union by size; the seed stays the target's
            a, b = b, a
        self.parent[a] = b
        self.size[b] += self.size[a]
        self.seed[b] = keep_seed
        ma = self.members.pop(a, [a])
        self.members.setdefault(b, [b]).extend(ma)
        return True

    def attach(self, i: int, into: int, link: Link) -> None:
        """``union(i, into, link.rule, link.evidence)`` for an ``i`` never joined before (a
        group of one, its own seed, outside ``into``'s group): it joins ``into``'s root, which
        stays root and seed as union by size would leave it. ``link`` may be shared."""
        b = self.find(into)
        self.parent[i] = b
        self.size[b] += 1
        self.links[i] = link
        members = self.members.get(b)
        if members is None:
            self.members[b] = [b, i]
        else:
            members.append(i)

    def group(self, i: int) -> list[int]:
        root = self.find(i)
        return self.members.get(root, [root])

    def groups(self) -> dict[int, list[int]]:
        """Root -> members for every group (singletons included)."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            root = self.find(i)
            if root in self.members:
                if root == i:
                    out[root] = self.members[root]
            else:
                out[root] = [root]
        return out
