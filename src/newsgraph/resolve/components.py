"""Connected components of the blocking-key graph (:mod:`newsgraph.resolve.blocking`).

Entities holding a key are connected when at least one of them owns it; merge decisions connect
their anchors. A component is labelled by its smallest ``doc_id/entity_id`` anchor, so the label
depends only on its members, whichever path (full or incremental) computed it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def components(
    n: int,
    keys: Sequence[dict[int, bool]],
    extra: Iterable[tuple[int, int]] = (),
) -> list[int]:
    """Component number (the smallest member index) of each of ``n`` entities, from each
    entity's keys (key hash -> owned) and ``extra`` edges between entities."""
    holders: dict[int, list[int]] = {}
    owned: set[int] = set()
    for i, ks in enumerate(keys):
        for key, own in ks.items():
            held = holders.get(key)
            if held is None:
                holders[key] = [i]
            else:
                held.append(i)
            if own:
                owned.add(key)
    # A bare union-find (no seeds, members or evidence: only the partition matters, and the
    # component number is the smallest index whatever order the unions come in). A popular key
    # ("U.S.") is held by tens of thousands of entities, so this loop is the hot one.
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for key in owned:
        members = holders[key]
        root = find(members[0])
        for j in members[1:]:
            r = find(j)
            if r != root:
                if r < root:
                    r, root = root, r
                parent[r] = root
    for a, b in extra:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    # Roots are the smallest index of their set (every union keeps the smaller root).
    return [find(i) for i in range(n)]


def labels(anchors: Sequence[str], comp: Sequence[int]) -> list[str]:
    """The component label of each entity: the smallest anchor of its component (entities are
    sorted by anchor, so that is the anchor of the component number)."""
    return [anchors[c] for c in comp]
