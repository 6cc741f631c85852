"""Logistic regression over sets of string features, the learner behind the stages' scorers.

The claims scorer and the event confidence model both weigh binary string features; this fits
their weights by full-batch gradient descent (Adam) on the mean log loss plus L2. Deterministic:
no random state and features in sorted order, so the same rows give the same weights (and the
shipped model files the same bytes). Features seen in fewer than ``min_count`` rows get no weight.
Training runs in the benchmarks, never at extraction time; numpy is imported only here.
"""

from __future__ import annotations

import math


def fit_logistic(
    rows: list[list[str]],
    labels: list[int],
    *,
    l2: float,
    iters: int,
    lr: float,
    min_count: int = 5,
) -> tuple[dict[str, float], float]:
    """Weights (rounded to 4 places, near-zero ones dropped) and bias for ``rows`` → ``labels``."""
    import numpy as np

    counts: dict[str, int] = {}
    for feats in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    flat: list[int] = []
    owner: list[int] = []
    for r, feats in enumerate(rows):
        for f in sorted(set(feats)):
            if f in index:
                flat.append(index[f])
                owner.append(r)
    # Sparse: feature ids and the row each belongs to, so ~100k features cost no dense matrix.
    fi = np.asarray(flat, dtype=np.int64)
    ow = np.asarray(owner, dtype=np.int64)
    y = np.asarray(labels, dtype=np.float64)
    n = max(1, len(rows))
    w = np.zeros(len(vocab))
    b = 0.0
    m = np.zeros(len(vocab))
    v = np.zeros(len(vocab))
    mb = vb = 0.0
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, iters + 1):
        z = np.bincount(ow, weights=w[fi], minlength=len(rows)) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        r = (p - y) / n
        g = np.bincount(fi, weights=r[ow], minlength=len(vocab)) + l2 * w / n
        gb = float(r.sum())
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb * gb
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        b -= lr * (mb / (1 - b1**t)) / (math.sqrt(vb / (1 - b2**t)) + eps)
    weights = {f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-3}
    return weights, round(b, 4)
