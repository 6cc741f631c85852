"""Finding the spans near a span without scanning them all: what keeps long articles linear.

A stage that asks, for each mention, claim or candidate, "which of the others overlaps this one?"
by scanning the whole list costs the square of the article's length. ``IntervalIndex`` files each
span under the fixed-width buckets of positions it covers, so a query looks only at the spans
filed under the buckets its own span covers: the cost follows the number of nearby spans, not the
length of the document.

A query returns every span that shares a position with it, and possibly a few more that only
share a bucket (a superset, in insertion order): the caller keeps its own exact test, so the
answer is the one a full scan in list order would give.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class IntervalIndex(Generic[T]):
    """Items filed by their span ``[start, end)`` (characters or tokens) in buckets of ``width``
    positions. An empty span counts as its start position."""

    def __init__(self, items: Iterable[tuple[int, int, T]] = (), width: int = 64) -> None:
        self.width = max(1, width)
        self._items: list[T] = []
        self._buckets: dict[int, list[int]] = {}
        # Bucket entries looked at by queries: what tests count to show a query stays local.
        self.visited = 0
        for start, end, item in items:
            self.add(start, end, item)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, start: int, end: int, item: T) -> None:
        """File ``item`` under span ``[start, end)``."""
        k = len(self._items)
        self._items.append(item)
        width, buckets = self.width, self._buckets
        first, last = start // width, max(start, end - 1) // width
        if first == last:  # the common case: a span inside one bucket
            buckets.setdefault(first, []).append(k)
            return
        for b in range(first, last + 1):
            buckets.setdefault(b, []).append(k)

    def near(self, start: int, end: int) -> list[T]:
        """Items whose span shares a position with ``[start, end)`` (and possibly others of the
        same buckets), in the order they were added."""
        width = self.width
        first, last = start // width, max(start, end - 1) // width
        if first == last:
            # One bucket: its entries are distinct and in the order added (``add`` appends
            # increasing numbers), which is what the set and sort below would give.
            hits = self._buckets.get(first)
            if not hits:
                return []
            self.visited += len(hits)
            items = self._items
            return [items[k] for k in hits]
        found: set[int] = set()
        for b in range(first, last + 1):
            hits = self._buckets.get(b)
            if hits:
                self.visited += len(hits)
                found.update(hits)
        return [self._items[k] for k in sorted(found)]
