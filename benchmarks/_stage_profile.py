"""Where the pipeline's time goes beyond the spaCy parse: CPU seconds per stage over parses made
beforehand, against the parse of the same articles.

The first ``--limit`` Reuters-21578 articles (default 300, or ``--input PATH``) are parsed once
(timed: the floor), the stages run once untimed (data files load lazily on first use), then
``--repeats`` times (default 3) timed stage by stage, with the contract hand-off
(``DocResult.to_dict`` + ``json.dumps``, what ``newsgraph extract`` writes) as one more row.
``--cprofile N`` prints the N functions with the most own time over one more pass (cProfile
inflates small Python calls; py-spy ``record -f raw`` gives truer shares).

    OPENBLAS_NUM_THREADS=1 nice .venv/bin/python benchmarks/_stage_profile.py [--limit 300]

Set one BLAS thread as above (``throughput.py`` does): several threads spin and inflate the
parse's CPU time, which flatters the ratio.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import require_data  # noqa: E402


def _run(pipeline: Any, items: list[Any], parsed: list[Any], totals: dict[str, float]) -> None:
    from newsgraph.model.records import DocResult
    from newsgraph.pipeline.context import StageContext
    from newsgraph.pipeline.doctext import seed_text

    clock = time.process_time
    for document, sdoc in zip(items, parsed, strict=True):
        result = DocResult(doc=document, flags=list(document.flags), pipeline=dict(pipeline.meta))
        sdoc.user_data.clear()  # per-document caches (tokattrs, ...) are built in every pass,
        seed_text(sdoc, document.text)  # as each document pays for them once in a real run
        ctx = StageContext(document=document, doc=sdoc, result=result)
        for spec in pipeline.stages:
            t = clock()
            spec.func(ctx)
            totals[spec.name] += clock() - t
        t = clock()
        json.dumps(result.to_dict(), ensure_ascii=False)
        totals["hand-off (to_dict + json)"] += clock() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=300, help="first N articles (default 300)")
    ap.add_argument("--input", action="append", help="read these paths instead of Reuters")
    ap.add_argument("--repeats", type=int, default=3, help="timed passes (default 3)")
    ap.add_argument("--cprofile", type=int, default=0, help="print the top N functions")
    args = ap.parse_args(argv)

    from newsgraph.errors import Failure
    from newsgraph.ingest import read_inputs
    from newsgraph.pipeline.parse import parse_many
    from newsgraph.pipeline.runner import Pipeline

    inputs = args.input or [str(require_data("reuters21578") / "reuters21578.jsonl")]
    items = [
        i for i in itertools.islice(read_inputs(inputs), args.limit) if not isinstance(i, Failure)
    ]
    pipeline = Pipeline()
    texts = [d.text for d in items]
    batch = pipeline.config.pipeline.batch_size
    list(parse_many(pipeline.nlp, texts[:16], batch_size=batch))  # the model's first calls
    t = time.process_time()
    parsed = list(parse_many(pipeline.nlp, texts, batch_size=batch))
    parse_s = time.process_time() - t
    _run(pipeline, items, parsed, defaultdict(float))  # lazy data loads, untimed
    runs: list[dict[str, float]] = []
    for _ in range(max(1, args.repeats)):
        totals: dict[str, float] = defaultdict(float)
        _run(pipeline, items, parsed, totals)
        runs.append(totals)
    names = list(runs[0])
    med = {k: statistics.median(r[k] for r in runs) for k in names}
    stages = sum(v for k, v in med.items() if not k.startswith("hand-off"))
    print(f"{len(items)} documents; parse {parse_s:.2f} CPU s (one pass)")
    print(f"{'stage':28s} {'CPU s':>7s} {'of stages':>9s} {'of parse':>8s}")
    for k in sorted(names, key=lambda k: -med[k]):
        print(f"{k:28s} {med[k]:7.3f} {med[k] / stages:9.1%} {med[k] / parse_s:8.1%}")
    print(f"{'stages (no hand-off)':28s} {stages:7.3f} {1:9.1%} {stages / parse_s:8.1%}")
    print(f"parse / (parse + stages) = {parse_s / (parse_s + stages):.3f}")
    if args.cprofile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        _run(pipeline, items, parsed, defaultdict(float))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
