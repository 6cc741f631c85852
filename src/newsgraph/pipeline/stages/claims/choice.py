"""Which extent variant of a cue to emit: a choice among the cue's variants, learnt as one.

The scorer (``scorer``) weighs each candidate on its own (a pointwise fit), and ``select`` keeps
a cue's best-scored variant. Whether the cue makes a claim is well told that way; which of its
extents is right less so: the pointwise fit spends its weights on telling claims from non-claims,
and variants of one cue share most of their features. The choice model is fit listwise instead:
a softmax over each cue's variants (on the scorer's own single features), trained on the cues of
PolNeAR train/ that have both a right and a wrong variant, so its weights speak only to how
variants of one cue differ ("the object with or without its trailing 'as …'", "the clause with
or without the cue's adjuncts"). The cue is kept as before, by its best score; the variant the
choice model prefers takes that score (``apply_choice``). Weights are in the model file
(``choice``), written by ``benchmarks/claims_eval.py train``.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import repeat

from newsgraph.pipeline.stages.claims.candidates import Candidate

# Each other variant ends just under the chosen one's score, so ``select`` takes the chosen.
_UNDER = 0.999


def cue_groups(cands: list[Candidate]) -> list[list[Candidate]]:
    """Candidates with a speaker grouped by their cue's first token (the variants ``select``
    lets compete, keeping one per cue), groups of two or more, in document order."""
    by_cue: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.speaker_head is not None:
            by_cue[c.cue_lo].append(c)
    return [by_cue[k] for k in sorted(by_cue) if len(by_cue[k]) > 1]


def apply_choice(cands: list[Candidate], weights: dict[str, float]) -> None:
    """Give each cue's best score to the variant the choice model prefers (first-stage score
    breaks ties), the others no more than just under it. Features are the single ones
    (``features.features`` and ``relational_features``; no crossed pairs)."""
    for group in cue_groups(cands):
        top = max(c.score for c in group)
        pick = max(group, key=lambda c: (sum(map(weights.get, c.features, repeat(0.0))), c.score))
        for c in group:
            c.score = top if c is pick else min(c.score, top * _UNDER)


def fit_choice(
    groups: list[tuple[list[list[str]], list[int]]],
    l2: float = 5.0,
    iters: int = 200,
    lr: float = 0.05,
    min_count: int = 5,
) -> dict[str, float]:
    """Weights of a softmax over each group's variants (features, labels: 1 for a variant that
    matches gold) maximising the probability of the right ones; groups with no right or no wrong
    variant teach nothing and are skipped. ``l2``: 5 gave a better train CV F1 than 1 (65.5 vs
    65.3). Deterministic (sorted features, full-batch Adam), so
    ``train`` writes the same model file on every run."""
    import numpy as np

    used = [(rows, ys) for rows, ys in groups if any(ys) and not all(ys)]
    counts: dict[str, int] = defaultdict(int)
    for rows, _ in used:
        for feats in rows:
            for f in set(feats):
                counts[f] += 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    fi: list[int] = []
    owner: list[int] = []
    gid: list[int] = []
    labels: list[int] = []
    for k, (rows, ys) in enumerate(used):
        for feats, right in zip(rows, ys, strict=True):
            for f in sorted(set(feats)):
                if f in index:
                    fi.append(index[f])
                    owner.append(len(gid))
            gid.append(k)
            labels.append(right)
    f_ = np.asarray(fi, dtype=np.int64)
    ow = np.asarray(owner, dtype=np.int64)
    g_ = np.asarray(gid, dtype=np.int64)
    y = np.asarray(labels, dtype=np.float64)
    n, n_groups = len(gid), max(1, len(used))
    w = np.zeros(len(vocab))
    m = np.zeros(len(vocab))
    v = np.zeros(len(vocab))
    for t in range(1, iters + 1):
        z = np.bincount(ow, weights=w[f_], minlength=n)
        zmax = np.full(n_groups, -1e9)
        np.maximum.at(zmax, g_, z)
        e = np.exp(z - zmax[g_])
        p = e / np.bincount(g_, weights=e, minlength=n_groups)[g_]
        q = p * y
        q = q / np.bincount(g_, weights=q, minlength=n_groups)[g_]
        grad = np.bincount(f_, weights=(p - q)[ow], minlength=len(vocab)) / n_groups
        grad += l2 * w / n_groups
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return {f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-3}
