"""Events benchmark: PLOVER gold-standard sentences (type accuracy, GSR tuple and directed-pair
P/R/F1, at several confidence thresholds) and the time the events stage adds per article.

Scoring rules (stated so that figures can be compared):

* Gold types use the older PLOVER names; they are mapped with the ontology's aliases
  (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
* Type accuracy: over gold sentences, the type of our *top* event (the one whose trigger is
  highest in the dependency tree; first in the sentence on ties) equals the gold type. A sentence
  where we code no event counts as wrong.
* Tuple match: a predicted event matches the sentence's gold event when the type agrees, some
  predicted source span overlaps a gold source span (vacuous when gold has no source), and
  - gold has targets: some predicted target span overlaps a gold target span;
  - gold has no target (reciprocal or one-sided events): we predict no target, or our target
    overlaps a gold source span (PLOVER codes all parties of a reciprocal event as actors).
  Each gold event is matched at most once; every other predicted event is a false positive.
* Directed pairs (``pairs_*``, the held-out set's format; rules in ``benchmarks/events_pairs.py``):
  one (sentence, source, target, type) tuple per directed pair over 15 PLOVER roots (CONCEDE and
  RETREAT are YIELD), a predicted actor counting only when its span overlaps a mention of its
  entity and the gold span. ``pairs_f1_unnamed_ok`` drops the mention requirement.
* Confidence: the figures above count every event; ``*_at_02``, ``*_at_04``, ``*_at_06`` and
  ``*_at_default`` count only events whose ``confidence`` reaches 0.2, 0.4, 0.6 and the shipped
  ``query.min_event_confidence`` (in-sample for the shipped model: the cross-validated figures
  are in ``model/data/events_confidence.json`` under ``meta.cv`` and recorded as
  ``cv_*_at_default``).
* Speed: CPU seconds of the events stage against the CPU seconds of the bare spaCy parse on the
  same Reuters articles ("added time per article vs bare parse").

Run: ``.venv/bin/python benchmarks/events_eval.py [--articles 40] [--errors]``
Retrain the confidence model and its default threshold (``benchmarks/_events_confidence.py``):
``.venv/bin/python benchmarks/events_eval.py train``
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from benchmarks.common import record, require_data  # noqa: E402
from benchmarks.events_pairs import (  # noqa: E402
    actor_spans,
    load_pairs,
    predicted_pairs,
    score_pairs,
)
from newsgraph.config import load_config  # noqa: E402
from newsgraph.model.records import DocResult, Document  # noqa: E402
from newsgraph.pipeline import Pipeline  # noqa: E402
from newsgraph.pipeline.stages.events.lexicon import lexicon  # noqa: E402

Span = tuple[int, int]


def _spans(text: str, actors: Any) -> list[Span]:
    """Character spans of gold actor texts ("A ... B" marks a discontinuous actor)."""
    if not isinstance(actors, list):
        return []
    return [s for a in actors for s in actor_spans(text, str(a.get("actorText", "")))]


def load_gold(path: Path) -> list[dict[str, Any]]:
    lex = lexicon()
    gold = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        if rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue
        text = rec["text"]
        gold.append(
            {
                "id": rec["id"],
                "text": text,
                "type": lex.canonical_type(rec["event"]),
                "source": _spans(text, rec.get("source")),
                "target": _spans(text, rec.get("target")),
            }
        )
    return gold


def _overlaps(a: Span, spans: list[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def tuple_match(ev: Any, g: dict[str, Any]) -> bool:
    if ev.type != g["type"]:
        return False
    src = [(a.start, a.end) for a in ev.arguments if a.role == "source"]
    tgt = [(a.start, a.end) for a in ev.arguments if a.role == "target"]
    if g["source"] and not any(_overlaps(s, g["source"]) for s in src):
        return False
    if g["target"]:
        return any(_overlaps(t, g["target"]) for t in tgt)
    return not tgt or any(_overlaps(t, g["source"]) for t in tgt)


def top_event(ev_list: list[Any], sdoc: Any) -> Any | None:
    if not ev_list:
        return None

    def depth(ev: Any) -> tuple[int, int]:
        span = sdoc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
        tok = span.root if span is not None else sdoc[0]
        d = 0
        while tok.head is not tok and d < 50:
            tok, d = tok.head, d + 1
        return (d, ev.trigger_start)

    return min(ev_list, key=depth)


def score(gold: list[dict[str, Any]], results: list[DocResult], docs: list[Any]) -> dict[str, Any]:
    """GSR figures of ``results`` (``docs``: the parse of each gold sentence, for the top event)."""
    tp = fp = 0
    type_ok = 0
    by_type: dict[str, list[int]] = {}
    for g, r, sdoc in zip(gold, results, docs, strict=True):
        top = top_event(r.events, sdoc)
        ok = top is not None and top.type == g["type"]
        type_ok += ok
        by_type.setdefault(g["type"], [0, 0])
        by_type[g["type"]][0] += ok
        by_type[g["type"]][1] += 1
        matched = False
        for ev in r.events:
            if not matched and tuple_match(ev, g):
                matched = True
                tp += 1
            else:
                fp += 1
    n = len(gold)
    p = tp / (tp + fp) if tp + fp else 0.0
    rcl = tp / n if n else 0.0
    f1 = 2 * p * rcl / (p + rcl) if p + rcl else 0.0
    return {
        "sentences": n,
        "type_accuracy": round(100 * type_ok / n, 1),
        "tuple_precision": round(100 * p, 1),
        "tuple_recall": round(100 * rcl, 1),
        "tuple_f1": round(100 * f1, 1),
        "events_per_sentence": round(sum(len(r.events) for r in results) / n, 2),
        "type_accuracy_by_type": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_type.items())},
    }


def run_gold(pipeline: Pipeline, gold: list[dict[str, Any]]) -> list[Any]:
    """The ``StageContext`` of each gold sentence after every stage ran (result and parse)."""
    from newsgraph.pipeline.context import StageContext

    docs = [
        Document(id=g["id"], date="2000-01-01", date_precision="day", text=g["text"]) for g in gold
    ]
    out = []
    for d, sdoc in zip(docs, pipeline.nlp.pipe([d.text for d in docs]), strict=True):
        ctx = StageContext(document=d, doc=sdoc, result=DocResult(doc=d))
        for spec in pipeline.stages:
            spec.func(ctx)
        out.append(ctx)
    return out


def kept(results: list[DocResult], threshold: float) -> list[DocResult]:
    """Copies of ``results`` holding only events with confidence >= ``threshold`` (an event
    without a confidence is kept, as the read commands keep it)."""
    out = []
    for r in results:
        c = copy.copy(r)
        c.events = [e for e in r.events if e.confidence is None or e.confidence >= threshold]
        out.append(c)
    return out


def pairs_score(
    pairs: list[dict[str, Any]], results: list[DocResult], need_name: bool = True
) -> dict[str, float]:
    """Directed-pair P/R/F1 (``events_pairs``) of ``results`` against the gold tuples."""
    pred = [[pp for e in r.events for pp in predicted_pairs(e, r.mentions)] for r in results]
    return score_pairs([p["pairs"] for p in pairs], pred, need_name)


def threshold_table(
    gold: list[dict[str, Any]],
    pairs: list[dict[str, Any]],
    results: list[DocResult],
    docs: list[Any],
    default: float,
) -> dict[str, float]:
    """GSR tuple and directed-pair P/R/F1 at a few confidence thresholds and at the default."""
    out: dict[str, float] = {}
    for thr in sorted({0.2, 0.4, 0.6, default}):
        sub = kept(results, thr)
        gsr = score(gold, sub, docs)
        pr = pairs_score(pairs, sub)
        tag = "default" if thr == default else f"{thr:.1f}".replace(".", "")
        for key in ("tuple_precision", "tuple_recall", "tuple_f1"):
            out[f"{key}_at_{tag}"] = gsr[key]
        for key in ("pairs_precision", "pairs_recall", "pairs_f1"):
            out[f"{key}_at_{tag}"] = pr[key]
    return out


def speed(pipeline: Pipeline, n_articles: int) -> dict[str, float]:
    """CPU seconds per article: bare parse, all stages, and the events stage alone."""
    from newsgraph.pipeline.context import StageContext

    path = require_data("reuters21578") / "reuters21578.jsonl"
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if len(row.get("text", "")) > 400:
                docs.append(
                    Document(id=row["id"], date=row["date"], date_precision="day", text=row["text"])
                )
            if len(docs) >= n_articles:
                break
    t0 = time.process_time()
    parsed = list(pipeline.nlp.pipe([d.text for d in docs], batch_size=32))
    parse_cpu = time.process_time() - t0
    stage_cpu: dict[str, float] = {s.name: 0.0 for s in pipeline.stages}
    for d, sdoc in zip(docs, parsed, strict=True):
        ctx = StageContext(document=d, doc=sdoc, result=DocResult(doc=d))
        for spec in pipeline.stages:
            t = time.process_time()
            spec.func(ctx)
            stage_cpu[spec.name] += time.process_time() - t
    events_cpu = sum(v for k, v in stage_cpu.items() if k.startswith("events"))
    total = parse_cpu + sum(stage_cpu.values())
    return {
        "speed_articles": len(docs),
        "parse_cpu_ms_per_article": round(1000 * parse_cpu / len(docs), 2),
        "events_cpu_ms_per_article": round(1000 * events_cpu / len(docs), 2),
        "events_added_pct_vs_parse": round(100 * events_cpu / parse_cpu, 1),
        "events_share_pct_of_pipeline": round(100 * events_cpu / total, 1),
    }


def cv_at(threshold: float) -> dict[str, float]:
    """The shipped confidence model's 5-fold cross-validated figures at ``threshold``
    (``cv_*_at_default``): the honest estimate, unlike the in-sample ``*_at_default``."""
    from newsgraph.model.data import data_path
    from newsgraph.pipeline.stages.events.confidence import MODEL_FILE

    path = data_path(MODEL_FILE)
    if not path.exists():
        return {}
    cv = json.loads(path.read_text(encoding="utf-8"))["meta"].get("cv", {})
    row = cv.get(f"{threshold:.2f}", {})
    return {f"cv_{k}_at_default": float(v) for k, v in row.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("mode", choices=["eval", "train"], nargs="?", default="eval")
    ap.add_argument("--articles", type=int, default=40, help="Reuters articles for the speed run")
    ap.add_argument("--errors", action="store_true", help="print sentences coded wrongly")
    args = ap.parse_args(argv)
    gsr = require_data("plover") / "PLOVER_GSR_CAMEO.txt"
    gold = load_gold(gsr)
    pairs = load_pairs(gsr, lexicon().canonical_type)
    pipeline = Pipeline()
    if args.mode == "train":
        from benchmarks._events_confidence import train

        print(json.dumps(train(pipeline, gold, pairs), indent=1))
        return
    ctxs = run_gold(pipeline, gold)
    results = [c.result for c in ctxs]
    docs = [c.doc for c in ctxs]
    metrics = score(gold, results, docs)
    metrics.update(pairs_score(pairs, results))
    metrics["pairs_f1_unnamed_ok"] = pairs_score(pairs, results, need_name=False)["pairs_f1"]
    default = load_config().query.min_event_confidence
    metrics["min_event_confidence"] = default
    metrics.update(threshold_table(gold, pairs, results, docs, default))
    metrics.update(cv_at(default))
    if args.errors:
        for g, r, sdoc in zip(gold, results, docs, strict=True):
            top = top_event(r.events, sdoc)
            if top is None or top.type != g["type"] or not any(tuple_match(e, g) for e in r.events):
                got = [
                    (e.type, e.confidence, [(a.role[0], a.text) for a in e.arguments])
                    for e in r.events
                ]
                gs = [g["text"][s:e] for s, e in g["source"]]
                gt = [g["text"][s:e] for s, e in g["target"]]
                print(f"{g['type']} {gs}->{gt} | {got}\n   {g['text']}")
    if args.articles:
        metrics.update(speed(pipeline, args.articles))
    by_type = metrics.pop("type_accuracy_by_type")
    record("events_plover", metrics, "make bench  (or: .venv/bin/python benchmarks/events_eval.py)")
    print("   type accuracy by gold type:", by_type)


if __name__ == "__main__":
    main()
