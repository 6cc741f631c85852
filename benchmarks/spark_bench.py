"""Spark engine on ``local[N]`` against the local process pool with N workers, on the same articles.

Reads the first ``--limit`` Reuters-21578 articles (default 2,000) with our ingest reader, then,
in the same run and on the same documents, times:

* ``pool``: the local engine with ``--workers`` processes (default 2). ``pool_startup_s`` is a run
  over ``2 * workers`` short documents, one per chunk (spawning the workers, each loading the
  model); ``pool_run_s`` the run over every document, which starts its own pool, so its steady
  time is ``pool_run_s - pool_startup_s``.
* ``spark``: the Spark engine on ``--master`` (default ``local[2]``). ``spark_startup_s`` is the
  Spark session (the JVM) plus a warm-up job over the same short documents (the Python workers
  start and load the model); ``spark_run_s`` is the run over every document on that warm session:
  Spark's own per-job costs (scheduling, pickling to the workers, writing Parquet, reading it
  back in order) are inside it.

Reported: documents/s of each (steady, start-up excluded) and their ratio
``spark_over_pool`` (target >= 0.8), the start-ups, end-to-end times with start-up, and the
1-minute load average before and after (the machine is shared; ratios are measured in the same
run, in the order pool, Spark, pool again, and the pool figure is the mean of its two runs so
that a load change during the run does not fall on one side only). Wall time, not CPU time: the
Spark workers are the JVM's grandchildren, whose CPU time this process cannot collect.

    .venv/bin/python benchmarks/spark_bench.py [--limit 2000] [--workers 2] [--master local[2]]
        [--no-record]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import record, require_data  # noqa: E402

DEFAULT_LIMIT = 2000


def load_avg() -> float:
    return round(os.getloadavg()[0], 2)


def timed(items: Any) -> tuple[float, int, int]:
    """Consume ``items``; wall seconds, results, failures."""
    from newsgraph.errors import Failure

    start = time.perf_counter()
    results = failures = 0
    for item in items:
        if isinstance(item, Failure):
            failures += 1
        else:
            results += 1
    return time.perf_counter() - start, results, failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="first N articles")
    ap.add_argument("--workers", type=int, default=2, help="local pool size")
    ap.add_argument("--master", default="local[2]", help="Spark master URL")
    ap.add_argument("--no-record", action="store_true", help="print only; do not write results")
    args = ap.parse_args(argv)

    from newsgraph.config import limit_blas_threads, load_config

    limit_blas_threads()
    from newsgraph.engines.registry import EngineOptions, create
    from newsgraph.engines.spark import build_session, missing
    from newsgraph.ingest import read_inputs
    from newsgraph.model.records import Document

    reason = missing()
    if reason is not None:
        print(f"spark_bench: skipped, {reason}", file=sys.stderr)
        return 0
    path = require_data("reuters21578") / "reuters21578.jsonl"
    items = list(itertools.islice(read_inputs([str(path)]), args.limit))
    docs = [d for d in items if isinstance(d, Document)]
    words = sum(len(d.text.split()) for d in docs)
    config = load_config()
    warm = sorted(docs, key=lambda d: len(d.text))[: 2 * args.workers]
    print(f"{len(docs)} documents, {words} words; timing...", file=sys.stderr)
    metrics: dict[str, Any] = {
        "docs": len(docs),
        "words": words,
        "read_failures": len(items) - len(docs),
        "workers": args.workers,
        "master": args.master,
        "load_avg_1m_before": load_avg(),
    }

    pool = create("local", EngineOptions(workers=args.workers))
    one_per_chunk = load_config(pipeline__batch_size=1)
    pool_startup, _, _ = timed(pool.run(warm, config=one_per_chunk))
    pool_run_1, pool_results, pool_failed = timed(pool.run(docs, config=config))

    with tempfile.TemporaryDirectory(prefix="spark-bench-") as tmp:
        start = time.perf_counter()
        session = build_session(EngineOptions(master=args.master), Path(tmp))
        session_s = time.perf_counter() - start
        try:
            warm_s, _, _ = timed(
                # One partition per document (2 per worker): every Python worker loads the model.
                create("spark", EngineOptions(master=args.master)).run(warm, config=config)
            )
            spark_run, spark_results, spark_failed = timed(
                create("spark", EngineOptions(master=args.master)).run(docs, config=config)
            )
        finally:
            session.stop()
    pool_run_2, _, _ = timed(pool.run(docs, config=config))
    metrics["load_avg_1m_after"] = load_avg()

    pool_run = (pool_run_1 + pool_run_2) / 2
    pool_steady = max(pool_run - pool_startup, 1e-9)
    pool_rate = len(docs) / pool_steady
    spark_rate = len(docs) / spark_run
    metrics.update(
        {
            "pool_startup_s": round(pool_startup, 2),
            "pool_run_s": round(pool_run, 2),
            "pool_run_s_first": round(pool_run_1, 2),
            "pool_run_s_second": round(pool_run_2, 2),
            "pool_docs_per_s": round(pool_rate, 2),
            "pool_results": pool_results,
            "pool_failures": pool_failed,
            "spark_session_s": round(session_s, 2),
            "spark_startup_s": round(session_s + warm_s, 2),
            "spark_run_s": round(spark_run, 2),
            "spark_docs_per_s": round(spark_rate, 2),
            "spark_results": spark_results,
            "spark_failures": spark_failed,
            "spark_over_pool": round(spark_rate / pool_rate, 3),
            "spark_over_pool_with_startup": round(pool_run / (session_s + warm_s + spark_run), 3),
            "per_core_docs_per_s_spark": round(spark_rate / args.workers, 2),
            "per_core_docs_per_s_pool": round(pool_rate / args.workers, 2),
            "full_size": len(docs) >= DEFAULT_LIMIT,
        }
    )
    command = "python benchmarks/spark_bench.py" + (" " + " ".join(argv) if argv else "")
    record("spark", metrics, command, save=not args.no_record)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
