"""A second look at a cue's extent variants, each against the others of its cue.

The first-stage scorer (``scorer``) weighs every candidate on its own; which extent of a cue is
right, and whether the cue makes a claim at all, also depends on the cue's other variants: a
variant scored just under its cue's best is often the right one ("rejected [the complaint]" vs
"rejected [the complaint in a ruling]"), and a cue whose several extents all score middling is
more often a claim than one with a single middling extent. The second stage adds to the first
stage's logit a few weights over such relative features (rank among the cue's variants, distance
to the best, lead over the second, length against the longest, containment, the cue's mass); its
weights are fit on cross-validated first-stage scores of the train split (``benchmarks/
claims_eval.py train``) and stored in the model file as ``rerank``.
"""

from __future__ import annotations

from collections import defaultdict

from newsgraph.pipeline.stages.claims.candidates import Candidate
from newsgraph.pipeline.stages.claims.scorer import logit


def _band(x: float, bounds: tuple[float, ...]) -> str:
    for b in bounds:
        if x <= b:
            return str(b)
    return "more"


_GAPS = (0.25, 0.5, 1.0, 2.0, 4.0)
_RATIOS = (0.25, 0.5, 0.75, 0.99)
_MASS = (0.5, 1.0, 1.5, 2.5)
_SCORES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def groups(cands: list[Candidate]) -> list[list[Candidate]]:
    """Candidates with a speaker grouped by their cue's first token (the variants ``select``
    lets compete: it keeps one per cue), in document order."""
    by_cue: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.speaker_head is not None:
            by_cue[c.cue_lo].append(c)
    return [by_cue[k] for k in sorted(by_cue)]


def relative_features(group: list[Candidate]) -> list[list[str]]:
    """Features of each candidate of ``group`` (one cue's variants, first-stage ``score`` set)
    relative to the others, in the group's order."""
    z = [logit(c.score) for c in group]
    order = sorted(range(len(group)), key=lambda i: (-z[i], i))
    rank = {i: r for r, i in enumerate(order)}
    best = z[order[0]]
    second = z[order[1]] if len(order) > 1 else None
    longest = max(c.content[1] - c.content[0] for c in group) or 1
    mass = sum(c.score for c in group)
    n = _band(len(group), (1, 2, 3, 5))
    out: list[list[str]] = []
    for i, c in enumerate(group):
        base = c.content_dep.split("_")[0]
        r = str(min(rank[i], 3))
        f = [f"r2:rank={r}", f"r2:n={n}", f"r2:rank_n={r}|{n}", f"r2:rank_dep={r}|{base}"]
        if rank[i] == 0:
            lead = _band(best - second, _GAPS) if second is not None else "alone"
            f += [f"r2:lead={lead}", f"r2:lead_dep={lead}|{base}"]
        else:
            gap = _band(best - z[i], _GAPS)
            f += [f"r2:gap={gap}", f"r2:gap_dep={gap}|{base}"]
        ratio = _band((c.content[1] - c.content[0]) / longest, _RATIOS)
        f += [f"r2:len={ratio}", f"r2:len_rank={ratio}|{r}"]
        a0, a1 = c.content
        inside = any(
            o is not c and o.content[0] <= a0 and a1 <= o.content[1] and o.content != c.content
            for o in group
        )
        holds = any(
            o is not c and a0 <= o.content[0] and o.content[1] <= a1 and o.content != c.content
            for o in group
        )
        f += [f"r2:inside={inside}|{holds}|{r}"]
        f += [f"r2:mass={_band(mass, _MASS)}|{r}", f"r2:band={_band(c.score, _SCORES)}|{r}"]
        out.append(f)
    return out


def rerank_rows(cands: list[Candidate]) -> list[tuple[Candidate, list[str]]]:
    """Each candidate with a speaker and its relative features (first-stage scores set)."""
    return [
        (c, feats) for g in groups(cands) for c, feats in zip(g, relative_features(g), strict=True)
    ]
