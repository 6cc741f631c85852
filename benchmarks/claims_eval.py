"""Claims on PolNeAR (US political news, brat standoff attributions).

    python benchmarks/claims_eval.py eval  [--split dev] [--cache DIR]
    python benchmarks/claims_eval.py train [--cache DIR]  # rewrites model/data/claims_model.json.gz
    python benchmarks/claims_eval.py reuters [--limit 1000]  # precision counts, no gold

A predicted claim matches a gold attribution when their contents overlap with character Dice ≥ 0.5
and the predicted speaker span overlaps the gold source span (one-to-one, best Dice first); gold
attributions without a source are matched only by... nothing with a speaker, so they count against
recall. "content" figures drop the speaker condition. PolNeAR is univocal (a token belongs to one
attribution at most), so only top-level claims are scored (``parent`` is None): nested claims are a
feature the corpus does not annotate. One annotator file per article (the first by name).

Speed: the claims stage's time per article against the bare spaCy parse of the same articles.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Timer, record, require_data

ANN_T = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
ANN_E = re.compile(r"^(E\d+)\t(.*)$")
Spans = list[tuple[int, int]]
DICE = 0.5


def read_ann(path: Path) -> list[dict[str, Spans]]:
    """Attributions of one brat file: {"Source"?, "Cue"?, "Content"?: [(start, end), ...]}."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = ANN_T.match(line + "\t") if "\t" in line else None
        if m:
            spans[m.group(1)] = [
                (int(a), int(b)) for a, b in (p.split() for p in m.group(3).strip().split(";"))
            ]
            continue
        m = ANN_E.match(line)
        if m:
            events.append(dict(a.split(":", 1) for a in m.group(2).split() if ":" in a))
    out = []
    for ev in events:
        rec = {k: spans[ev[k]] for k in ("Source", "Cue", "Content") if ev.get(k) in spans}
        if "Content" in rec:
            out.append(rec)
    return out


def articles(split: str) -> Iterator[tuple[str, str, Path]]:
    base = require_data("polnear") / split
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(f"{txt.stem}_*.ann"))
        if anns:
            yield txt.stem, txt.read_text(encoding="utf-8"), anns[0]


def _chars(spans: Spans) -> set[int]:
    return {i for a, b in spans for i in range(a, b)}


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def match(pred: list[dict[str, Any]], gold: list[dict[str, Spans]], speaker: bool) -> int:
    """Number of one-to-one matches (best Dice first)."""
    return len(matched(pred, gold, speaker))


def matched(pred: list[dict[str, Any]], gold: list[dict[str, Spans]], speaker: bool) -> set[int]:
    """Indexes of the predictions matched one-to-one to a gold attribution (best Dice first)."""
    gc = [_chars(g["Content"]) for g in gold]
    gs = [_chars(g.get("Source", [])) for g in gold]
    pairs = []
    for i, p in enumerate(pred):
        pc = set(range(p["content_start"], p["content_end"]))
        ps = set(range(p["speaker_start"], p["speaker_end"]))
        for j in range(len(gold)):
            d = dice(pc, gc[j])
            if d >= DICE and (not speaker or ps & gs[j]):
                pairs.append((-d, i, j))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return used_p


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


def parsed(
    split: str, cache: Path | None, nlp: Any
) -> tuple[list[tuple[str, str, Path]], list[Any], float]:
    """Articles of a split with their spaCy parses (from ``cache`` when there) and parse seconds."""
    from spacy.tokens import DocBin

    arts = list(articles(split))
    path = cache / f"{split}.spacy" if cache else None
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(arts) and all(d.text == a[1] for d, a in zip(docs, arts, strict=True)):
            return arts, docs, float("nan")
    with Timer() as t:
        docs = list(nlp.pipe([a[1] for a in arts], batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin()
        for d in docs:
            db.add(d)
        db.to_disk(path)
    return arts, docs, t.cpu


def contexts(
    arts: list[tuple[str, str, Path]], docs: list[Any], stages: list[Any]
) -> Iterator[Any]:
    """A stage context per article with ``stages`` (those before claims) run."""
    from newsgraph.model.records import DocResult, Document
    from newsgraph.pipeline.context import StageContext

    for (name, text, _), sdoc in zip(arts, docs, strict=True):
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
        document = Document(
            id=name,
            date=m.group(1) if m else "2016",
            date_precision="day" if m else "year",
            text=text,
        )
        ctx = StageContext(document=document, doc=sdoc, result=DocResult(doc=document))
        for spec in stages:
            spec.func(ctx)
        yield ctx


def _before_claims(pipeline: Any) -> list[Any]:
    names = [s.name for s in pipeline.stages]
    return list(pipeline.stages[: names.index("claims.rules.v1")])


def evaluate(split: str, cache: Path | None, light: bool = False) -> dict[str, Any]:
    """Who-said-what and content-only P/R/F1 of the top-level claims, at every confidence, and
    at ``[query] min_claim_confidence`` (``*_at_min_confidence``: what read commands show)."""
    from newsgraph.config import load_config
    from newsgraph.pipeline import Pipeline
    from newsgraph.pipeline.stages.claims import build_claims

    names = list(load_config().pipeline.stages)
    # --light: the parse only (no entity stages), for quick iterations on the spans.
    pipeline = Pipeline(
        stages=["sentences.v1"] if light else names[: names.index("claims.rules.v1") + 1]
    )
    arts, docs, parse_cpu = parsed(split, cache, pipeline.nlp)
    if parse_cpu != parse_cpu:  # from cache: time a bare parse of a sample for the speed ratio
        sample = [a[1] for a in arts[:30]]
        with Timer() as t:
            list(pipeline.nlp.pipe(sample, batch_size=16))
        parse_per_doc = t.cpu / len(sample)
    else:
        parse_per_doc = parse_cpu / len(arts)
    tp = tpc = n_pred = n_gold = 0
    claims_cpu = 0.0
    before = pipeline.stages if light else _before_claims(pipeline)
    per_doc: list[tuple[list[dict[str, Any]], list[dict[str, Spans]]]] = []
    for ctx, (_, _, ann) in zip(contexts(arts, docs, before), arts, strict=True):
        t0 = time.process_time()
        claims = build_claims(ctx)
        claims_cpu += time.process_time() - t0
        pred = [vars(c) for c in claims if c.parent is None]
        gold = read_ann(ann)
        per_doc.append((pred, gold))
        tp += match(pred, gold, speaker=True)
        tpc += match(pred, gold, speaker=False)
        n_pred += len(pred)
        n_gold += len(gold)
    p, r, f = prf(tp, n_pred, n_gold)
    cp, cr, cf = prf(tpc, n_pred, n_gold)
    claims_per_doc = claims_cpu / len(arts)
    default = load_config().query.min_claim_confidence
    at = {thr: at_confidence(per_doc, thr) for thr in sorted({*THRESHOLDS, default})}
    print("   min confidence:   P     R     F1   (claims shown)", file=sys.stderr)
    for thr, (_, n_, p_, r_, f_) in at.items():
        mark = "  <- default [query] min_claim_confidence" if thr == default else ""
        print(f"   {thr:14.2f}  {p_:5.1f} {r_:5.1f} {f_:5.1f}  ({n_}){mark}", file=sys.stderr)
    _, _, dp, dr, df = at[default]
    return {
        "articles": len(arts),
        "gold": n_gold,
        "predicted": n_pred,
        "precision": p,
        "recall": r,
        "f1": f,
        "content_precision": cp,
        "content_recall": cr,
        "content_f1": cf,
        "min_claim_confidence": default,
        "precision_at_min_confidence": dp,
        "recall_at_min_confidence": dr,
        "f1_at_min_confidence": df,
        "claims_cpu_ms_per_article": round(1000 * claims_per_doc, 2),
        "parse_cpu_ms_per_article": round(1000 * parse_per_doc, 2),
        "claims_pct_of_parse": round(100 * claims_per_doc / parse_per_doc, 1),
    }


# Confidence thresholds at which ``eval`` reports who-said-what figures (the configured default
# is added).
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)


def at_confidence(
    per_doc: list[tuple[list[dict[str, Any]], list[dict[str, Spans]]]], thr: float
) -> tuple[int, int, float, float, float]:
    """(true positives, predictions, P, R, F1) over the claims of confidence >= ``thr``."""
    tp = n_pred = n_gold = 0
    for pred, gold in per_doc:
        kept = [c for c in pred if c["confidence"] is None or c["confidence"] >= thr]
        tp += match(kept, gold, speaker=True)
        n_pred += len(kept)
        n_gold += len(gold)
    return (tp, n_pred, *prf(tp, n_pred, n_gold))


def label(cands: list[Any], gold: list[dict[str, Spans]], text_len: int) -> list[int]:
    gc = [_chars(g["Content"]) for g in gold]
    gs = [_chars(g.get("Source", [])) for g in gold]
    out = []
    for c, _ in cands:
        pc = set(range(*c.content))
        s0 = c.speaker_lo
        ok = 0
        if s0 is not None:
            doc_chars = set(range(c.speaker_chars[0], c.speaker_chars[1]))
            ok = int(any(dice(pc, gc[j]) >= DICE and doc_chars & gs[j] for j in range(len(gold))))
        out.append(ok)
    return out


# Shared with forked workers of ``train --jobs N`` (set before the pool forks, read-only there).
_WORK: dict[str, Any] = {}


def _train_candidates(k: int) -> list[tuple[int, list[Any], list[int], list[dict[str, Spans]]]]:
    """Scored candidates, labels and gold of train articles ``k``, ``k + jobs``, … (by index)."""
    from newsgraph.pipeline.stages.claims import scored_candidates

    arts, docs, stages, jobs = _WORK["arts"], _WORK["docs"], _WORK["stages"], _WORK["jobs"]
    picked = list(range(k, len(arts), jobs))
    out = []
    sub_arts = [arts[i] for i in picked]
    sub_docs = [docs[i] for i in picked]
    for i, ctx, (_, _, ann) in zip(
        picked, contexts(sub_arts, sub_docs, stages), sub_arts, strict=True
    ):
        cands = scored_candidates(ctx)
        for c, _ in cands:
            if c.speaker_lo is not None and c.speaker_hi is not None:
                d = ctx.doc
                c.speaker_chars = (  # type: ignore[attr-defined]  # for label(), _pred_dict()
                    d[c.speaker_lo].idx,
                    d[c.speaker_hi].idx + len(d[c.speaker_hi].text),
                )
        gold = read_ann(ann)
        out.append((i, cands, label(cands, gold, len(ctx.doc.text)), gold))
    return out


def _fit_fold(k: int) -> tuple[dict[str, float], float]:
    """Weights fit on every fold but ``k`` (``k == -1``: on all of train/)."""
    from newsgraph.pipeline.stages.claims.scorer import train as fit

    folds = _WORK["folds"]
    rest = _WORK["per_doc"] if k < 0 else [d for j, f in enumerate(folds) if j != k for d in f]
    rows = [c.features for cands, _, _ in rest for c, _ in cands]
    ys = [y for _, labels, _ in rest for y in labels]
    return fit(rows, ys)


def _sweep(thr: float) -> tuple[float, float, float, float]:
    """CV P/R/F1 of the top-level claims kept at score threshold ``thr``."""
    import newsgraph.pipeline.stages.claims.build as build

    build._threshold = lambda: thr  # type: ignore[assignment, misc]
    tp = n_pred = n_gold = 0
    for cands, gold in _WORK["cv_scored"]:
        kept = [c for c, _ in build.select(cands)]
        # Scored like ``evaluate``: top-level claims only (no cue inside another's content).
        pred = [
            _pred_dict(c)
            for c in kept
            if not any(o is not c and o.content[0] <= c.cue_char < o.content[1] for o in kept)
        ]
        tp += match(pred, gold, speaker=True)
        n_pred += len(pred)
        n_gold += len(gold)
    return (thr, *prf(tp, n_pred, n_gold))


def _pool_map(func: Any, items: list[Any], jobs: int) -> list[Any]:
    """``map`` over ``items`` in ``jobs`` forked processes (in order; serial when ``jobs`` is 1).
    Forked workers read ``_WORK``; results are the same bytes as a serial run."""
    if jobs <= 1:
        return [func(x) for x in items]
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(func, items, chunksize=1)


def train(
    cache: Path | None, target_precision: float, n_folds: int = 5, jobs: int = 1
) -> dict[str, Any]:
    """Fit the scorer on train/, pick the threshold on ``n_folds``-fold cross-validated scores of
    train/ (folds by article). ``jobs`` > 1 spreads candidates, fits and the threshold sweep over
    forked processes (same model file, byte for byte)."""
    from newsgraph.pipeline import Pipeline
    from newsgraph.pipeline.stages.claims.choice import apply_choice, fit_choice
    from newsgraph.pipeline.stages.claims.scorer import Model, save_model

    # Features read the parse only; the entity stages are left out to keep training fast.
    pipeline = Pipeline(stages=["sentences.v1"])
    arts, docs, _ = parsed("train", cache, pipeline.nlp)
    _WORK.update(arts=arts, docs=docs, stages=pipeline.stages, jobs=jobs)
    parts = _pool_map(_train_candidates, list(range(jobs)), jobs)
    by_index = sorted((x for part in parts for x in part), key=lambda x: x[0])
    per_doc: list[tuple[list[Any], list[int], list[dict[str, Spans]]]] = [
        (cands, labels, gold) for _, cands, labels, gold in by_index
    ]
    # Folds by article for an honest threshold: each fold scored by a model fit on the others.
    folds = [per_doc[k::n_folds] for k in range(n_folds)]
    _WORK.update(folds=folds, per_doc=per_doc)
    fits = _pool_map(_fit_fold, [*range(n_folds), -1], jobs)
    cv_scored: list[tuple[list[Any], list[dict[str, Spans]]]] = []
    for k in range(n_folds):
        w, b = fits[k]
        model = Model(w, b, 0.0)
        for cands, _, gold in folds[k]:
            for c, _ in cands:
                c.score = model.score(c.features)
            cv_scored.append((list(cands), gold))
    # The choice among a cue's variants, fit listwise per fold on the other folds (each fold's
    # cues rechosen with it, for the sweep and the calibration), then on all of train/.
    groups = [
        _choice_groups(doc, cands, labels)
        for doc, (cands, labels, _) in zip(docs, per_doc, strict=True)
    ]
    choice = fit_choice([g for gs in groups for g in gs])
    for k in range(n_folds):
        rest = [g for i, gs in enumerate(groups) if i % n_folds != k for g in gs]
        weights = fit_choice(rest)
        for i in range(k, len(per_doc), n_folds):
            apply_choice(docs[i], [c for c, _ in per_doc[i][0]], weights)
    _WORK["cv_scored"] = cv_scored
    best = (0.5, 0.0, 0.0, 0.0)
    for thr, p, r, f in _pool_map(_sweep, [x / 100 for x in range(20, 96)], jobs):
        print(f"  cv threshold {thr:.2f}: P {p} R {r} F1 {f}", file=sys.stderr)
        if p >= target_precision and f > best[3]:
            best = (thr, p, r, f)
    calibration, table = _calibration(cv_scored, best[0])
    for line in table:
        print(f"  {line}", file=sys.stderr)
    rows = [c.features for cands, _, _ in per_doc for c, _ in cands]
    ys = [y for _, labels, _ in per_doc for y in labels]
    w, b = fits[-1]
    meta = {
        "trained_on": "PolNeAR train/ (first annotator file per article)",
        "candidates": len(rows),
        "positives": sum(ys),
        "threshold_from": f"{n_folds}-fold CV on train, precision >= {target_precision}",
        "cv": {"threshold": best[0], "precision": best[1], "recall": best[2], "f1": best[3]},
        "calibration_from": "Platt scaling of the CV scores of the claims kept at the threshold",
        "calibration_table": table,
        "command": "python benchmarks/claims_eval.py train",
    }
    meta["choice"] = f"softmax over each cue's variants, {len(choice)} weights"
    save_model(w, b, best[0], meta, calibration, choice)
    return meta


def _choice_groups(
    doc: Any, cands: list[Any], labels: list[int]
) -> list[tuple[list[list[str]], list[int]]]:
    """The cues of one document for the listwise choice model (``claims.choice``): each cue's
    variants with their choice features (the single features the stage scores with and how each
    variant's extent differs from the others) and labels."""
    from newsgraph.pipeline.stages.claims.choice import choice_rows, cue_groups

    label = {id(c): y for (c, _), y in zip(cands, labels, strict=True)}
    return [
        (choice_rows(doc, group), [label[id(c)] for c in group])
        for group in cue_groups([c for c, _ in cands])
    ]


def _calibration(
    cv_scored: list[tuple[list[Any], list[dict[str, Spans]]]], thr: float
) -> tuple[tuple[float, float], list[str]]:
    """Platt scaling fit on the top-level claims kept at ``thr`` by the cross-validated models
    (label: matched to a gold attribution, speaker and content), and a reliability table: per
    band of calibrated confidence, the share of claims that were right."""
    import newsgraph.pipeline.stages.claims.build as build
    from newsgraph.pipeline.stages.claims.scorer import Model, calibrate

    build._threshold = lambda: thr  # type: ignore[assignment, misc]
    scores: list[float] = []
    labels: list[int] = []
    for cands, gold in cv_scored:
        kept = [c for c, _ in build.select(cands)]
        top = [
            c
            for c in kept
            if not any(o is not c and o.content[0] <= c.cue_char < o.content[1] for o in kept)
        ]
        hit = matched([_pred_dict(c) for c in top], gold, speaker=True)
        scores.extend(c.score for c in top)
        labels.extend(int(i in hit) for i in range(len(top)))
    a, b = calibrate(scores, labels)
    model = Model({}, 0.0, thr, (a, b))
    table = [f"calibration a={a} b={b} on {len(scores)} CV claims"]
    for lo in (0.0, 0.3, 0.5, 0.7, 0.85):
        hi = {0.0: 0.3, 0.3: 0.5, 0.5: 0.7, 0.7: 0.85, 0.85: 1.01}[lo]
        band = [y for s, y in zip(scores, labels, strict=True) if lo <= model.confidence(s) < hi]
        if band:
            right = 100 * sum(band) / len(band)
            span = f"{lo:.2f}-{min(hi, 1.0):.2f}"
            table.append(f"confidence {span}: {len(band)} claims, {right:.1f}% right")
    return (a, b), table


def _pred_dict(c: Any) -> dict[str, int]:
    return {
        "content_start": c.content[0],
        "content_end": c.content[1],
        "speaker_start": c.speaker_chars[0],
        "speaker_end": c.speaker_chars[1],
    }


PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
INTENT_CUES = frozenset({"plan", "intend", "aim", "seek", "agree", "decide"})


def reuters(limit: int) -> dict[str, Any]:
    """Precision counts over the first ``limit`` Reuters articles (no gold: counts of claims a
    reader should never see): unresolved pronoun speakers, "declined" and intent verbs as cues."""
    import json

    from newsgraph.config import load_config
    from newsgraph.model.records import Document
    from newsgraph.pipeline import Pipeline

    names = list(load_config().pipeline.stages)
    pipeline = Pipeline(stages=names[: names.index("claims.rules.v1") + 1])
    counts = dict.fromkeys(
        ("articles", "claims", "no_speaker", "pronoun_speaker_unresolved", "speaker_flagged",
         "cue_declined", "cue_intent", "with_confidence"),
        0,
    )  # fmt: skip
    path = require_data("reuters21578") / "reuters21578.jsonl"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if counts["articles"] >= limit:
                break
            d = json.loads(line)
            text = d["text"]
            doc = Document(id=d["id"], date=d["date"], date_precision="day", text=text)
            result = pipeline.extract(doc)
            counts["articles"] += 1
            counts["speaker_flagged"] += sum(f.kind == "speaker-unresolved" for f in result.flags)
            for c in result.claims:
                counts["claims"] += 1
                counts["with_confidence"] += c.confidence is not None
                said_by = text[c.speaker_start or 0 : c.speaker_end or 0].lower()
                if c.speaker is None:
                    counts["no_speaker"] += 1
                    counts["pronoun_speaker_unresolved"] += said_by in PRONOUNS
                first = c.cue.split()[0].lower()  # the cue's verb form, read by its stem
                counts["cue_declined"] += first.startswith("declin")
                counts["cue_intent"] += any(first.startswith(w) for w in INTENT_CUES)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["eval", "train", "reuters"], nargs="?", default="eval")
    ap.add_argument("--limit", type=int, default=1000, help="Reuters articles (reuters)")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--cache", type=Path, default=None, help="folder for cached spaCy parses")
    ap.add_argument("--light", action="store_true", help="skip the entity stages (quick)")
    # 83 in CV leaves a margin over the 80 asked on held-out news (dev wobbles by ~2 points).
    ap.add_argument("--target-precision", type=float, default=83.0)
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (train)")
    ap.add_argument("--jobs", type=int, default=1, help="forked processes (train; same result)")
    args = ap.parse_args()
    from newsgraph.pipeline.nlp import limit_blas_threads

    limit_blas_threads()
    if args.mode == "train":
        print(train(args.cache, args.target_precision, args.folds, args.jobs))
        return
    if args.mode == "reuters":
        cmd = f"python benchmarks/claims_eval.py reuters --limit {args.limit}"
        record("claims_reuters", reuters(args.limit), cmd, save=False)
        return
    metrics = evaluate(args.split, args.cache, light=args.light)
    cmd = f"python benchmarks/claims_eval.py eval --split {args.split}"
    record(f"claims_{args.split}", metrics, cmd)


if __name__ == "__main__":
    main()
