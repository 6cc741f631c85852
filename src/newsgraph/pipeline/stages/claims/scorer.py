"""A logistic scorer over candidate features, trained from PolNeAR's train split.

``Model.confidence`` turns a score into the calibrated probability that the claim is right (its
speaker and content), which the stage gives each claim as ``confidence``.

The weights are a gzip-compressed JSON file (``model/data/claims_model.json.gz``; ``zcat`` reads
it) that ``benchmarks/claims_eval.py train`` writes reproducibly (deterministic full-batch gradient
descent, no random state, no time stamp in the gzip header). Compressed because the feature pairs
make ~95k weights: about 4 MB as plain JSON. Without the file every candidate with a lexicon cue
and a speaker is kept.
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import repeat
from typing import Any

from newsgraph.model.data import data_path
from newsgraph.pipeline.logistic import fit_logistic

MODEL_FILE = "claims_model.json.gz"


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float
    # Platt scaling of the score into the probability that a kept claim is right (speaker and
    # content), fit on cross-validated claims of the train split: sigmoid(a * logit(score) + b).
    calibration: tuple[float, float] = (1.0, 0.0)
    # Weights of the listwise choice among a cue's variants (``choice``); None: the best-scored
    # variant stays the chosen one.
    choice: dict[str, float] | None = None

    def score(self, feats: list[str]) -> float:
        # map over dict.get: the same sum in the same order, without a generator frame per feature
        return _sigmoid(self.bias + sum(map(self.weights.get, feats, repeat(0.0))))

    def score_pairs(self, feats: list[str], parts: list[str]) -> float:
        """``score(feats + crossed(feats))`` to the last bit, with ``parts = crossed_parts(feats)``,
        without building the pair names: the pairs' weights come from a table by first and
        second part, in the same order, into one ``sum`` (a missing pair adds 0.0 there, which
        changes no sum, also under Python 3.12's compensated float ``sum``, so it is skipped
        here)."""
        values = list(map(self.weights.get, feats, repeat(0.0)))
        rows = self._pair_rows
        for i, a in enumerate(parts):
            row = rows.get(a)
            if row is not None:
                values.extend(map(row.get, parts[i + 1 :], repeat(0.0)))
        return _sigmoid(self.bias + sum(values))

    @cached_property
    def _pair_rows(self) -> dict[str, dict[str, float]]:
        """Weights of pair features ``"p:" + a + "&" + b`` as ``{a: {b: weight}}``. A value may
        itself hold "&": the name is filed under every split, so that any ``(a, b)`` whose name
        is a weight finds it, as the name lookup does. The parts are interned, as
        ``crossed_parts`` interns its parts: a look-up then matches its key by identity."""
        rows: dict[str, dict[str, float]] = {}
        for name, weight in self.weights.items():
            if not name.startswith("p:"):
                continue
            cut = name.find("&", 2)
            while cut >= 0:
                rows.setdefault(sys.intern(name[2:cut]), {})[sys.intern(name[cut + 1 :])] = weight
                cut = name.find("&", cut + 1)
        return rows

    def confidence(self, score: float) -> float:
        a, b = self.calibration
        return _sigmoid(a * logit(score) + b)


def model_data() -> dict[str, Any] | None:
    """The model file's JSON object (meta, bias, threshold, weights); None when not trained."""
    path = data_path(MODEL_FILE)
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return data


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    data = model_data()
    if data is None:
        return None
    return Model(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        calibration=(
            float(data.get("calibration", {}).get("a", 1.0)),
            float(data.get("calibration", {}).get("b", 0.0)),
        ),
        choice={k: float(v) for k, v in data["choice"].items()} if "choice" in data else None,
    )


def train(
    rows: list[list[str]], labels: list[int], l2: float = 20.0, iters: int = 400, min_count: int = 5
) -> tuple[dict[str, float], float]:
    """Fit the claims scorer (``pipeline.logistic``; these settings gave the best CV F1)."""
    return fit_logistic(rows, labels, l2=l2, iters=iters, lr=0.1, min_count=min_count)


def calibrate(scores: list[float], labels: list[int], iters: int = 200) -> tuple[float, float]:
    """Platt scaling: (a, b) such that sigmoid(a * logit(score) + b) fits ``labels`` (Newton's
    method on the log loss, a little ridge on a and b for stability)."""
    import numpy as np

    x = np.asarray([logit(s) for s in scores])
    y = np.asarray(labels, dtype=np.float64)
    a, b = 1.0, 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(a * x + b, -30, 30)))
        w = p * (1 - p) + 1e-9
        g = np.array([np.sum((p - y) * x) + 1e-3 * (a - 1), np.sum(p - y) + 1e-3 * b])
        h = np.array([[np.sum(w * x * x) + 1e-3, np.sum(w * x)], [np.sum(w * x), np.sum(w) + 1e-3]])
        step = np.linalg.solve(h, g)
        a, b = a - float(step[0]), b - float(step[1])
        if abs(step).max() < 1e-8:
            break
    return round(a, 4), round(b, 4)


def save_model(
    weights: dict[str, float],
    bias: float,
    threshold: float,
    meta: dict[str, object],
    calibration: tuple[float, float] = (1.0, 0.0),
    choice: dict[str, float] | None = None,
) -> None:
    data: dict[str, object] = {
        "meta": meta,
        "bias": bias,
        "threshold": threshold,
        "calibration": {"a": calibration[0], "b": calibration[1]},
    }
    if choice is not None:
        data["choice"] = dict(sorted(choice.items()))
    data["weights"] = dict(sorted(weights.items()))
    text = json.dumps(data, indent=0, sort_keys=False) + "\n"
    data_path(MODEL_FILE).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    load_model.cache_clear()
