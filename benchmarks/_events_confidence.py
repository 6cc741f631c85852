"""Training the event confidence model (``python benchmarks/events_eval.py train``).

Rows are the events the pipeline codes on the development data:

* every event on the PLOVER GSR sentences, labelled 1 when one of its directed pairs matches a gold
  pair (``events_pairs``: type, and named actors overlapping the gold spans), else 0;
* the ASSAULT, COERCE, THREATEN and MOBILIZE events coded on the *last* ``REUTERS_NEGATIVES``
  Reuters articles whose topics are only earn/acq, labelled 0 (company results and takeovers hold
  no violence or coercion). ``benchmarks/reuters_trust.py`` counts such events on the *first*
  earn/acq articles, so the two never share an article.

Five folds (GSR sentence ``i`` and Reuters article ``j`` go to fold ``i % 5`` / ``j % 5``): each
fold is scored by a model fit on the other four, and the threshold is the one (0.00-0.95 by 0.05)
with the best cross-validated pair F1 among those whose pair precision is >= ``TARGET_PRECISION``.
The model fit on all rows is written to ``model/data/events_confidence.json`` and the threshold to
``[query] min_event_confidence`` in ``default.toml``. Everything is deterministic: the same code and
data give the same bytes.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from benchmarks._reuters import business_docs, run_contexts
from benchmarks.events_pairs import match_count, predicted_pairs
from newsgraph.config import DEFAULT_CONFIG
from newsgraph.pipeline.stages.events.confidence import Model, features_of, save_model
from newsgraph.pipeline.stages.events.confidence import train as fit

FOLDS = 5
TARGET_PRECISION = 80.0
REUTERS_NEGATIVES = 800
CONFLICT = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE"})


def _gsr_rows(pipeline: Any, gold: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> Any:
    from benchmarks.events_eval import run_gold

    ctxs = run_gold(pipeline, gold)
    rows: list[tuple[int, list[str], int]] = []  # (fold, features, label)
    for i, (ctx, p) in enumerate(zip(ctxs, pairs, strict=True)):
        events = ctx.result.events
        for ev, feats in zip(events, features_of(ctx.doc, ctx.result, events), strict=True):
            ok = match_count(predicted_pairs(ev, ctx.result.mentions), p["pairs"]) > 0
            rows.append((i % FOLDS, feats, int(ok)))
    return ctxs, rows


def _reuters_rows(pipeline: Any) -> list[tuple[int, list[str], int]]:
    docs = business_docs()[-REUTERS_NEGATIVES:]
    rows: list[tuple[int, list[str], int]] = []
    for j, ctx in enumerate(run_contexts(pipeline, docs)):
        events = [e for e in ctx.result.events if e.type in CONFLICT]
        for feats in features_of(ctx.doc, ctx.result, events):
            rows.append((j % FOLDS, feats, 0))
    return rows


def train(pipeline: Any, gold: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """Fit, cross-validate, choose the threshold, write the model and the default; return meta."""
    from benchmarks.events_eval import kept, pairs_score, score

    ctxs, gsr = _gsr_rows(pipeline, gold, pairs)
    neg = _reuters_rows(pipeline)
    print(
        f"  rows: {len(gsr)} GSR events ({sum(r[2] for r in gsr)} right), "
        f"{len(neg)} Reuters earn/acq conflict events",
        file=sys.stderr,
    )
    # Out-of-fold confidence of every GSR event, in the order of the events in ``ctxs``.
    oof = [0.0] * len(gsr)
    for k in range(FOLDS):
        rest = [r for r in gsr + neg if r[0] != k]
        w, b = fit([r[1] for r in rest], [r[2] for r in rest])
        model = Model(w, b)
        for n, r in enumerate(gsr):
            if r[0] == k:
                oof[n] = model.score(r[1])
    n = 0
    for ctx in ctxs:
        for ev in ctx.result.events:
            ev.confidence = oof[n]
            n += 1
    results = [c.result for c in ctxs]
    docs = [c.doc for c in ctxs]
    table: dict[str, dict[str, float]] = {}
    best: tuple[float, float] | None = None  # (f1, threshold)
    for step in range(20):
        thr = step / 20
        sub = kept(results, thr)
        pr = pairs_score(pairs, sub)
        gs = score(gold, sub, docs)
        table[f"{thr:.2f}"] = {
            "pairs_precision": pr["pairs_precision"],
            "pairs_recall": pr["pairs_recall"],
            "pairs_f1": pr["pairs_f1"],
            "tuple_precision": gs["tuple_precision"],
            "tuple_recall": gs["tuple_recall"],
            "tuple_f1": gs["tuple_f1"],
        }
        print(f"  cv {thr:.2f}: {table[f'{thr:.2f}']}", file=sys.stderr)
        if pr["pairs_precision"] >= TARGET_PRECISION and (best is None or pr["pairs_f1"] > best[0]):
            best = (pr["pairs_f1"], thr)
    if best is None:  # precision target out of reach: the most precise threshold
        top = max(table.items(), key=lambda kv: (kv[1]["pairs_precision"], -float(kv[0])))
        best = (top[1]["pairs_f1"], float(top[0]))
    threshold = best[1]
    w, b = fit([r[1] for r in gsr + neg], [r[2] for r in gsr + neg])
    meta = {
        "trained_on": "PLOVER GSR events (label: a directed pair matches gold) and conflict "
        f"events on the last {REUTERS_NEGATIVES} earn/acq-only Reuters articles (label 0)",
        "rows": len(gsr) + len(neg),
        "positives": sum(r[2] for r in gsr),
        "threshold": threshold,
        "threshold_from": f"{FOLDS}-fold CV on the GSR, best pair F1 with pair precision >= "
        f"{TARGET_PRECISION:g}",
        "cv": table,
        "command": "python benchmarks/events_eval.py train",
    }
    save_model(w, b, meta)
    _set_default(threshold)
    return {k: v for k, v in meta.items() if k != "cv"} | {
        "cv_at_threshold": table[f"{threshold:.2f}"]
    }


def _set_default(threshold: float) -> None:
    """Write ``min_event_confidence`` into the shipped ``default.toml`` (comments kept)."""
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    new = re.sub(
        r"(?m)^min_event_confidence = .*$", f"min_event_confidence = {threshold:.2f}", text
    )
    DEFAULT_CONFIG.write_text(new, encoding="utf-8")
