"""The interval index that keeps per-mention and per-claim lookups of long articles local."""

from __future__ import annotations

import random

from newsgraph.model.records import Claim
from newsgraph.pipeline.intervals import IntervalIndex
from newsgraph.pipeline.stages.events.attribution import ClaimIndex, claim_of


def _spans(n: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        start = rng.randrange(0, 5000)
        out.append((start, start + rng.choice([0, 1, 3, 20, 70, 300])))
    return out


def test_a_query_returns_every_overlapping_span_in_insertion_order() -> None:
    spans = _spans(400, 1)
    index = IntervalIndex((s, e, k) for k, (s, e) in enumerate(spans))
    for qs, qe in _spans(300, 2):
        near = index.near(qs, qe)
        assert near == sorted(set(near))  # insertion order, each once
        for k, (s, e) in enumerate(spans):
            # every span sharing a position with the query (an empty one counts as its start)
            if max(s, qs) <= min(max(s, e - 1), max(qs, qe - 1)):
                assert k in near, ((s, e), (qs, qe))


def test_lookups_look_at_nearby_spans_only() -> None:
    """Entries looked at per query stay flat as the document grows (a scan would grow with it)."""

    def visited(copies: int) -> float:
        index: IntervalIndex[int] = IntervalIndex()
        for c in range(copies):
            for k, (s, e) in enumerate(_spans(50, 3)):
                index.add(c * 6000 + s, c * 6000 + e, k)
        for c in range(copies):
            index.near(c * 6000 + 100, c * 6000 + 180)
        return index.visited / copies

    assert visited(40) <= 1.2 * visited(10)


def _claims(n: int, seed: int) -> list[Claim]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        cue = rng.randrange(0, 3000)
        c0 = cue + rng.choice([-200, -60, 8, 10])
        width = rng.choice([0, 5, 40, 40, 150])
        out.append(
            Claim(f"c{k}", None, None, None, "said", cue, cue + 4, c0, c0 + width, "indirect")
        )
    return out


def test_the_claim_index_finds_the_claim_a_scan_finds() -> None:
    claims = _claims(300, 4)
    index = ClaimIndex(claims)
    for start in range(0, 3300, 7):
        for end in (start, start + 1, start + 12):
            assert index.of(start, end) is claim_of(claims, start, end)
