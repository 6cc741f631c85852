"""Adding 100 articles to a store of 10,000 and of 100,000 articles: time, memory, file growth.

What a daily update costs: ``newsgraph ingest`` (``app.ingest.ingest_paths``) of 100 new Reuters
articles into an existing store, the whole job timed: reading, the full pipeline on the 100
articles, the batch writes, and the end step (entity resolution, cross-article event linking,
the search index). Each update runs in its own process (``--update``), so its peak memory is the
ingest's own, not the benchmark's; the store is a fresh copy of the base store for each repeat.

The base stores are built without running spaCy on 100,000 articles (as ``ingest_bench.py``'s
``store_*`` part does): the full pipeline reads ``--sources`` Reuters articles once (their
records are cached in ``benchmarks/out/``), and document *i* of the store gets the text and date
of Reuters article *i mod 18,500* under an id of its own, with the records of source *i mod
sources*; documents are written with ``Store.write_batch`` in batches of 64, then resolved
(``app.resolution.resolve``, which also builds the search index): a bulk ingest. The updates
add the last 100, then the 100 before them, ... of the Reuters file (never a base text), one
after the other to one copy of the base store, as a daily feed would.

Figures, per size: ``update_cpu_s_<size>`` (median CPU seconds of the update process over
``--repeats`` updates; the machine is shared, so CPU time is the figure to compare) and
``update_s_<size>`` (wall), the CPU seconds of each part (``write``, ``resolve`` (entities),
``link`` (events), ``index``; the rest is reading, the pipeline and opening the file),
``peak_rss_mb_<size>`` of the update process (its ``VmHWM``), and ``growth_kb_per_doc_<size>``
(file growth over all the updates per new article) against ``bulk_kb_per_doc_<size>`` (the base
store's size per article); ``used_*`` the same counting only DuckDB's used blocks (the file
keeps the blocks a bulk ingest's end step freed, and updates fill those first);
``used_live_*`` the same without the free space inside DuckDB's metadata blocks, which each
checkpoint leaves behind and the next ones reuse (it swings by up to 2 MB between updates at
100k, see docs/engineering/store.md). ``cpu_ratio`` is
the 100k update over the 10k one, ``end_step_cpu_ratio`` the same
for the end step alone (resolution, linking, index: the part that grows with the store).

    .venv/bin/python benchmarks/incremental_update.py [--sizes 10000,100000] [--repeats 5]
        [--sources 300] [--keep DIR] [--block-size BYTES]

``--block-size`` makes the base stores with DuckDB blocks of that size instead of the store's
own (``store.core.BLOCK_SIZE``), to compare sizes; ``block_size_<size>`` records the base's.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import Timer, peak_rss_mb, record, require_data  # noqa: E402

WRITE_BATCH = 64
NEW_ARTICLES = 100
BASE_TEXTS = 18_500  # Reuters lines lent to base documents; new articles come from the last 500
CACHE = ROOT / "benchmarks" / "out"


def size_kb(path: Path) -> float:
    """Size of the database file plus its write-ahead log, in kB."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file()) / 1e3


def used_kb(path: Path) -> float:
    """The database's used blocks, in kB (``store.compact.used_bytes``)."""
    from newsgraph.store.compact import used_bytes

    return used_bytes(path)[0] / 1e3


def metadata_free_kb(path: Path) -> float:
    """Free space inside DuckDB's metadata blocks, in kB (counted as used by :func:`used_kb`).
    Each checkpoint writes the tables' row-group and segment pointers into fresh metadata
    sub-blocks (1/64 of a block each) and frees the old ones, which later checkpoints reuse:
    the part of the used blocks that swings from one update to the next (store.md)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute(
            "SELECT coalesce(sum(m.free_blocks), 0) * any_value(d.block_size) / 64 "
            "FROM pragma_metadata_info() m, pragma_database_size() d"
        ).fetchone()
    finally:
        con.close()
    return float(row[0]) / 1e3 if row and row[0] is not None else 0.0


def block_size(path: Path) -> int:
    """The block size a database file was created with."""
    from newsgraph.store.compact import used_bytes

    return used_bytes(path)[1]


def set_block_size(size: int) -> None:
    """Make the stores this process creates use blocks of ``size`` bytes (to compare sizes)."""
    from newsgraph.store import core

    for config in (core.CONNECT_CONFIG, core.READ_CONFIG):
        config["default_block_size"] = str(size)


def process_peak_mb() -> float:
    """This process's own peak resident memory (``VmHWM``): ``ru_maxrss`` would carry over the
    benchmark's peak into the update process it starts."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return peak_rss_mb()


def reuters_lines() -> list[str]:
    src = require_data("reuters21578") / "reuters21578.jsonl"
    return src.read_text(encoding="utf-8").splitlines()


def source_records(lines: list[str], count: int) -> list[Any]:
    """Records of the first ``count`` Reuters articles from the full pipeline, cached on disk
    (keyed by the articles and the package version; delete the file after changing stages)."""
    from newsgraph import __version__
    from newsgraph.model.records import DocResult

    key = hashlib.sha1("\n".join(lines[:count]).encode()).hexdigest()[:10]
    cache = CACHE / f"incremental_records_{count}_{key}_{__version__}.jsonl"
    if not cache.exists():
        from newsgraph.engines.local import run_pipeline
        from newsgraph.errors import Failure
        from newsgraph.ingest import read_inputs

        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "sources.jsonl"
            src.write_text("\n".join(lines[:count]) + "\n", encoding="utf-8")
            docs = list(read_inputs([str(src)]))
            with Timer() as t:
                out = list(run_pipeline(docs, doc_timeout=60.0))
        out = [r for r in out if not isinstance(r, Failure)]
        print(f"   pipeline on {count} source articles {t.wall:.0f}s (cached)", file=sys.stderr)
        CACHE.mkdir(parents=True, exist_ok=True)
        part = cache.with_suffix(".part")
        part.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in out), encoding="utf-8")
        part.replace(cache)
    with cache.open(encoding="utf-8") as fh:
        return [DocResult.from_dict(json.loads(line)) for line in fh]


def base_results(lines: list[str], results: list[Any], n: int) -> Iterator[list[Any]]:
    """Batches of ``n`` documents: Reuters texts under ids of their own, carrying real records."""
    from newsgraph.model.records import DocResult

    for start in range(0, n, WRITE_BATCH):
        batch = []
        for i in range(start, min(n, start + WRITE_BATCH)):
            article = json.loads(lines[i % BASE_TEXTS])
            data = results[i % len(results)].to_dict()
            data["doc"] = {
                "id": hashlib.sha256(f"incremental-bench/{i}".encode()).hexdigest()[:16],
                "date": article.get("date") or "1987",
                "date_precision": "day" if len(article.get("date") or "") == 10 else "year",
                "text": article.get("text") or "",
                "title": article.get("title"),
            }
            batch.append(DocResult.from_dict(data))
        yield batch


def bring_up_to_date(base: Path) -> int:
    """Give a kept base built by an earlier version what the current bulk resolution writes
    (the articles' text hashes, ``resolve_texts``), checkpointed, so that the updates measure
    updates and not a one-time migration of every stored article; how many were hashed."""
    import duckdb

    from newsgraph.resolve import texts

    con = duckdb.connect(str(base))
    try:
        filled = texts.fill(con)
        if filled:
            con.execute("CHECKPOINT")
    finally:
        con.close()
    return filled


def build_base(db: Path, lines: list[str], results: list[Any], n: int) -> dict[str, Any]:
    """A bulk ingest of ``n`` documents: batch writes, then resolution and the search index."""
    from newsgraph.app.resolution import resolve
    from newsgraph.store import Store

    with Timer() as write, Store(db, refresh_index_on_close=False) as store:
        for batch in base_results(lines, results, n):
            store.write_batch(batch)
    with Timer() as end:
        resolve(str(db))
    tag = f"{n // 1000}k"
    print(f"   base {tag}: write {write.wall:.0f}s, resolve+index {end.wall:.0f}s", file=sys.stderr)
    return {
        f"bulk_write_s_{tag}": round(write.wall, 1),
        f"bulk_write_cpu_s_{tag}": round(write.cpu, 1),
        f"bulk_end_step_s_{tag}": round(end.wall, 1),
        f"bulk_end_step_cpu_s_{tag}": round(end.cpu, 1),
        f"bulk_kb_per_doc_{tag}": round(size_kb(db) / n, 1),
    }


# --- the update, in its own process ----------------------------------------------------------


def _timed(phases: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn``, adding its CPU seconds (all threads: DuckDB's too) to ``phases[name]``."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.process_time() - t0

    return wrapper


def run_update(db: str, articles: str) -> dict[str, Any]:
    """``ingest_paths`` of ``articles`` into ``db``, timed, with the parts it spends on."""
    import newsgraph.resolve as resolve_pkg
    import newsgraph.resolve.events as events_mod
    from newsgraph.app import ingest
    from newsgraph.engines.local import run_pipeline
    from newsgraph.ingest import read_inputs
    from newsgraph.store import Store

    warm = list(itertools.islice(read_inputs([articles]), 2))
    for _ in run_pipeline(warm):  # the model and stage data load outside the timing
        pass
    rss_before = process_peak_mb()
    phases: dict[str, float] = {}
    resolve_pkg.resolve_store = _timed(phases, "resolve", resolve_pkg.resolve_store)  # type: ignore[assignment]
    events_mod.link_events = _timed(phases, "link", events_mod.link_events)  # type: ignore[assignment]
    Store.write_batch = _timed(phases, "write", Store.write_batch)  # type: ignore[method-assign]
    Store.refresh_search_index = _timed(  # type: ignore[method-assign]
        phases, "index", Store.refresh_search_index
    )
    with Timer() as t:
        summary = ingest.ingest_paths([articles], db)
    return {
        "new": summary.new,
        "wall_s": t.wall,
        "cpu_s": t.cpu,
        "phases": phases,
        "rss_before_mb": rss_before,
        "peak_rss_mb": process_peak_mb(),
    }


def update_in_subprocess(db: Path, articles: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--update", str(db), str(articles)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(base: Path, batches: list[Path], tmp: Path, tag: str) -> dict[str, Any]:
    """One update per file of ``batches``, one after the other, on a copy of ``base``; medians,
    and the file growth over all of them."""
    db = tmp / f"update_{tag}.duckdb"
    for p in tmp.glob(db.name + "*"):
        p.unlink()
    shutil.copy(base, db)
    before, used_before, meta_before = size_kb(db), used_kb(db), metadata_free_kb(db)
    runs = []
    for r, articles in enumerate(batches):
        run = update_in_subprocess(db, articles)
        runs.append(run)
        print(
            f"   update {tag} #{r + 1}: {run['wall_s']:.1f}s wall, {run['cpu_s']:.1f}s cpu; "
            + " ".join(f"{k} {v:.1f}s" for k, v in sorted(run["phases"].items())),
            file=sys.stderr,
        )
    added = sum(run["new"] for run in runs)

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 2)

    phases = sorted({k for run in runs for k in run["phases"]})
    metrics: dict[str, Any] = {
        f"update_new_docs_{tag}": added,
        f"update_s_{tag}": med([run["wall_s"] for run in runs]),
        f"update_cpu_s_{tag}": med([run["cpu_s"] for run in runs]),
        f"end_step_cpu_s_{tag}": med(
            [sum(run["phases"].get(k, 0.0) for k in ("resolve", "link", "index")) for run in runs]
        ),
        f"peak_rss_mb_{tag}": round(max(run["peak_rss_mb"] for run in runs)),
        f"rss_after_model_mb_{tag}": round(max(run["rss_before_mb"] for run in runs)),
        f"growth_kb_per_doc_{tag}": round((size_kb(db) - before) / max(1, added), 1),
        f"used_growth_kb_per_doc_{tag}": round((used_kb(db) - used_before) / max(1, added), 1),
        f"used_live_growth_kb_per_doc_{tag}": round(
            (used_kb(db) - metadata_free_kb(db) - used_before + meta_before) / max(1, added), 1
        ),
    }
    for k in phases:
        metrics[f"{k}_cpu_s_{tag}"] = med([run["phases"].get(k, 0.0) for run in runs])
    return metrics


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="base store sizes (articles)")
    ap.add_argument(
        "--repeats",
        type=int,
        default=5,
        # five: the file-growth figure over fewer updates is dominated by DuckDB metadata churn
        help="updates per size (median, max 5)",
    )
    ap.add_argument("--sources", type=int, default=300, help="articles read by the pipeline")
    ap.add_argument("--keep", default=None, help="keep (and reuse) the base stores in DIR")
    ap.add_argument(
        "--block-size", type=int, default=None, help="block size of new base stores (bytes)"
    )
    ap.add_argument("--no-record", action="store_true", help="print only; do not write results")
    ap.add_argument("--update", nargs=2, metavar=("DB", "ARTICLES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.update:
        print(json.dumps(run_update(*args.update)))
        return 0

    if args.block_size:
        set_block_size(args.block_size)
    lines = reuters_lines()
    results = source_records(lines, args.sources)
    sizes = [int(s) for s in args.sizes.split(",")]
    metrics: dict[str, Any] = {"sources": len(results), "load_1min_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="ng-incremental-") as name:
        tmp = Path(name)
        keep = Path(args.keep) if args.keep else tmp
        keep.mkdir(parents=True, exist_ok=True)
        batches = []
        for r in range(args.repeats):
            articles = tmp / f"new_{r}.jsonl"
            chunk = lines[len(lines) - NEW_ARTICLES * (r + 1) : len(lines) - NEW_ARTICLES * r]
            articles.write_text("\n".join(chunk) + "\n", encoding="utf-8")
            batches.append(articles)
        for n in sizes:
            tag = f"{n // 1000}k"
            base = keep / f"base_{tag}.duckdb"
            if not base.exists():
                part = keep / f"base_{tag}.part.duckdb"
                for p in keep.glob(part.name + "*"):
                    p.unlink()
                metrics.update(build_base(part, lines, results, n))
                part.rename(base)
            elif filled := bring_up_to_date(base):
                print(f"   base {tag}: {filled} article text hashes filled in (an older base)")
            metrics[f"block_size_{tag}"] = block_size(base)
            metrics[f"bulk_kb_per_doc_{tag}"] = round(size_kb(base) / n, 1)
            metrics[f"bulk_used_kb_per_doc_{tag}"] = round(used_kb(base) / n, 1)
            metrics.update(measure(base, batches, tmp, tag))
            metrics[f"growth_vs_bulk_{tag}"] = round(
                metrics[f"growth_kb_per_doc_{tag}"] / metrics[f"bulk_kb_per_doc_{tag}"], 2
            )
            metrics[f"used_growth_vs_bulk_{tag}"] = round(
                metrics[f"used_growth_kb_per_doc_{tag}"] / metrics[f"bulk_used_kb_per_doc_{tag}"],
                2,
            )
            metrics[f"used_live_growth_vs_bulk_{tag}"] = round(
                metrics[f"used_live_growth_kb_per_doc_{tag}"]
                / metrics[f"bulk_used_kb_per_doc_{tag}"],
                2,
            )
    if len(sizes) == 2:
        small, large = (f"{n // 1000}k" for n in sizes)
        metrics["cpu_ratio"] = round(
            metrics[f"update_cpu_s_{large}"] / metrics[f"update_cpu_s_{small}"], 2
        )
        wall = metrics[f"update_s_{large}"] / metrics[f"update_s_{small}"]
        metrics["wall_ratio"] = round(wall, 2)
        metrics["end_step_cpu_ratio"] = round(
            metrics[f"end_step_cpu_s_{large}"] / max(0.01, metrics[f"end_step_cpu_s_{small}"]), 2
        )
    metrics["load_1min_end"] = os.getloadavg()[0]

    command = "python benchmarks/incremental_update.py" + (" " + " ".join(argv) if argv else "")
    record("incremental_update", metrics, command, save=not args.no_record)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
