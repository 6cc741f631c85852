"""Ingest of 10,000 articles into a fresh DuckDB file: documents/s and database size.

The full pipeline parses ≈ 3-9k words/s (see ``throughput.py``), so on 10,000 Reuters articles
(1.36M words) it would dominate the run and hide what storing costs. This benchmark therefore
measures the parts separately, each on the real code path:

1. ``cheap_*``: ``newsgraph ingest`` (``ingest_paths``: read, repair, dedupe, pipeline, batched
   transactional writes, resolve, search index) over ``--limit`` articles (default 10,000) with
   the pipeline **restricted to cheap stages** (spaCy's blank English tokenizer and the
   mention stage, which finds nothing without NER): everything but the NLP. Then the same input
   again, which must find every document unchanged (``rerun_*``).
2. ``store_*``: realistic records. The full pipeline reads the first ``--full`` articles
   (default 100; ``full_docs_per_s`` is its rate); their records are then attached to all
   ``--limit`` documents in turn (document *i* gets the records of result *i mod full*), written
   with ``Store.write_batch`` in batches of 64, then resolved (``resolve_store``) and indexed for
   search, into another fresh file. This gives the database size and write rate with a realistic
   number of mentions, entities, times, claims and events per document (offsets do not match the
   borrowed text; nothing here reads them).
3. ``estimated_full_ingest_docs_per_s``: 1 / (1/full + 1/store) — the rate of a full ingest on one
   process, from the two measured parts.

    .venv/bin/python benchmarks/ingest_bench.py [--limit 10000] [--full 100] [--workers 1]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import Timer, peak_rss_mb, record, require_data  # noqa: E402

WRITE_BATCH = 64
CHEAP_CONFIG = """\
# ingest_bench: everything but the NLP (blank tokenizer; the mention stage finds nothing).
[pipeline]
model = "blank:en"
stages = ["mentions.spacy.v1"]
"""


def size_mb(path: Path) -> float:
    """Size of the database file plus its write-ahead log, in MB."""
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    return round(total / 1e6, 1)


def first_lines(src: Path, dst: Path, limit: int) -> None:
    with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
        fout.writelines(itertools.islice(fin, limit))


def cheap_ingest(jsonl: Path, tmp: Path, workers: int, limit: int) -> dict[str, Any]:
    """``ingest_paths`` end to end with cheap stages, then once more (all unchanged)."""
    from newsgraph.app.ingest import ingest_paths

    config = tmp / "cheap.toml"
    config.write_text(CHEAP_CONFIG, encoding="utf-8")
    db = tmp / "cheap.duckdb"
    with Timer() as t:
        first = ingest_paths([str(jsonl)], str(db), workers=workers, config_path=str(config))
    with Timer() as again:
        second = ingest_paths([str(jsonl)], str(db), workers=workers, config_path=str(config))
    print(f"   cheap ingest {t.wall:.1f}s, rerun {again.wall:.1f}s", file=sys.stderr)
    return {
        "cheap_docs": first.new,
        "cheap_failed": len(first.failures),
        "cheap_wall_s": round(t.wall, 1),
        "cheap_cpu_s": round(t.cpu, 1),
        "cheap_docs_per_s": round(first.new / t.wall, 1),
        "cheap_db_mb": size_mb(db),
        "rerun_unchanged": second.unchanged,
        "rerun_new": second.new,
        "rerun_docs_per_s": round(second.read / again.wall, 1),
        "rerun_all_unchanged": second.new == 0 and second.unchanged == first.new + first.unchanged,
        "limit": limit,
    }


def full_results(jsonl: Path, count: int, workers: int) -> tuple[list[Any], dict[str, Any]]:
    """The full pipeline over the first ``count`` articles, and its rate."""
    from newsgraph.engines.local import run_pipeline
    from newsgraph.errors import Failure
    from newsgraph.ingest import read_inputs

    docs = list(itertools.islice(read_inputs([str(jsonl)]), count))
    for _ in run_pipeline(docs[:2]):  # load the model and stage data outside the timing
        pass
    with Timer() as t:
        out = list(run_pipeline(docs, workers=workers, doc_timeout=60.0))
    results = [r for r in out if not isinstance(r, Failure)]
    print(f"   full pipeline on {len(docs)} docs {t.wall:.1f}s", file=sys.stderr)
    return results, {
        "full_docs": len(docs),
        "full_failed": len(out) - len(results),
        "full_docs_per_s": round(len(docs) / t.wall, 2),
        "full_cpu_s_per_doc": round(t.cpu / max(1, len(docs)), 3),
    }


def borrowed(doc: Any, result: Any) -> Any:
    """``result``'s records attached to document ``doc`` (records are copied, not shared)."""
    from newsgraph.model.records import DocResult

    data = result.to_dict()
    data["doc"] = doc.to_dict()
    return DocResult.from_dict(data)


def store_at_scale(jsonl: Path, tmp: Path, limit: int, results: list[Any]) -> dict[str, Any]:
    """Write ``limit`` documents carrying realistic records, resolve, index; time each part."""
    from newsgraph.errors import Failure
    from newsgraph.ingest import read_inputs
    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store

    docs = [d for d in read_inputs([str(jsonl)]) if not isinstance(d, Failure)]
    batch = [borrowed(doc, results[i % len(results)]) for i, doc in enumerate(docs)]
    counts = {
        k: sum(len(getattr(r, k)) for r in batch) / max(1, len(batch))
        for k in ("mentions", "entities", "timexes", "claims", "events")
    }
    db = tmp / "store.duckdb"
    new = 0
    with Store(db, refresh_index_on_close=False) as store:
        with Timer() as write:
            for i in range(0, len(batch), WRITE_BATCH):
                new += store.write_batch(batch[i : i + WRITE_BATCH]).new
        with Timer() as resolve:
            stats = resolve_store(store)
        with Timer() as index:
            indexed = store.refresh_search_index(required=False)
    print(
        f"   store {write.wall:.1f}s, resolve {resolve.wall:.1f}s, index {index.wall:.1f}s",
        file=sys.stderr,
    )
    total = write.wall + resolve.wall + index.wall
    metrics: dict[str, Any] = {
        "store_docs": new,
        "store_write_s": round(write.wall, 1),
        "store_write_docs_per_s": round(new / write.wall, 1),
        "store_resolve_s": round(resolve.wall, 1),
        "store_canonical_entities": getattr(stats, "canonical", None),
        "store_index_s": round(index.wall, 1) if indexed else None,
        "store_docs_per_s": round(new / total, 1),
        "store_db_mb": size_mb(db),
        "store_db_kb_per_doc": round(size_mb(db) * 1000 / max(1, new), 1),
    }
    metrics.update({f"records_per_doc_{k}": round(v, 1) for k, v in counts.items()})
    return metrics


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=10000, help="articles to ingest (default 10000)")
    ap.add_argument("--full", type=int, default=100, help="articles read by the full pipeline")
    ap.add_argument("--workers", type=int, default=1, help="pipeline processes")
    ap.add_argument("--no-record", action="store_true", help="print only; do not write results")
    args = ap.parse_args(argv)

    src = require_data("reuters21578") / "reuters21578.jsonl"
    metrics: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="ng-ingest-bench-") as name:
        tmp = Path(name)
        jsonl = tmp / "articles.jsonl"
        first_lines(src, jsonl, args.limit)
        metrics.update(cheap_ingest(jsonl, tmp, args.workers, args.limit))
        if args.full > 0:
            results, full = full_results(jsonl, args.full, args.workers)
            metrics.update(full)
            if results:
                metrics.update(store_at_scale(jsonl, tmp, args.limit, results))
                pipe, store = metrics["full_docs_per_s"], metrics["store_docs_per_s"]
                metrics["estimated_full_ingest_docs_per_s"] = round(1 / (1 / pipe + 1 / store), 2)
    metrics["peak_rss_mb"] = round(peak_rss_mb())

    command = "python benchmarks/ingest_bench.py" + (" " + " ".join(argv) if argv else "")
    record("ingest", metrics, command, save=not args.no_record)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
