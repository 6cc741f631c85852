"""Connected components of the blocking-key graph (:mod:`newsgraph.resolve.blocking`).

Entities holding a key are connected when at least one of them owns it; merge decisions connect
their anchors. A component is labelled by its smallest ``doc_id/entity_id`` anchor, so the label
depends only on its members, whichever path (full or incremental) computed it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from newsgraph.resolve.model import DocEntity


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


def unit_components(
    anchors: list[tuple[str, str]],
    stored: dict[tuple[str, str], str],
    units: list[tuple[list[str], list[int]]],
    fresh: Sequence[DocEntity],
) -> list[int]:
    """The component number (smallest index) of each entity of a chunk when every unit is one
    component: the decisions are those the index reflects, so the stored components are as
    the keys and decision edges make them, and a unit joins exactly the stored components and
    new entities that a key connects (``incremental._units`` applies the rule of
    :func:`components`). ``anchors`` are sorted, so the first index of a unit is its
    smallest."""
    unit_of: dict[Any, int] = {}
    for u, (unit_labels, members) in enumerate(units):
        for x in unit_labels:
            unit_of[("L", x)] = u
        for i in members:
            unit_of[("F", fresh[i].doc_id, fresh[i].entity_id)] = u
    first: dict[int, int] = {}
    comp = []
    for i, anchor in enumerate(anchors):
        label = stored.get(anchor)
        u = unit_of[("L", label) if label is not None else ("F", *anchor)]
        comp.append(first.setdefault(u, i))
    return comp
