"""Connected components of the blocking-key graph (:mod:`newsgraph.resolve.blocking`).

Entities holding a key are connected when at least one of them owns it; merge decisions connect
their anchors. A component is labelled by its smallest ``doc_id/entity_id`` anchor, so the label
depends only on its members, whichever path (full or incremental) computed it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsgraph.resolve.unionfind import UnionFind


def components(
    n: int,
    keys: Iterable[tuple[int, int, bool]],
    extra: Iterable[tuple[int, int]] = (),
) -> list[int]:
    """Component number (the smallest member index) of each of ``n`` entities, from
    ``(entity, key hash, owned)`` triples and ``extra`` edges between entities."""
    holders: dict[int, list[int]] = {}
    owned: set[int] = set()
    for i, key, own in keys:
        holders.setdefault(key, []).append(i)
        if own:
            owned.add(key)
    uf = UnionFind(n)
    for key in owned:
        members = holders[key]
        first = members[0]
        for j in members[1:]:
            uf.union(j, first, "", "")
    for a, b in extra:
        uf.union(a, b, "", "")
    smallest: dict[int, int] = {}
    out = [0] * n
    for i in range(n):  # indices ascend, so the first member seen is the smallest
        root = uf.find(i)
        out[i] = smallest.setdefault(root, i)
    return out


def labels(anchors: Sequence[str], comp: Sequence[int]) -> list[str]:
    """The component label of each entity: the smallest anchor of its component (entities are
    sorted by anchor, so that is the anchor of the component number)."""
    return [anchors[c] for c in comp]
