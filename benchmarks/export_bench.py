"""Export throughput: records/s of every registered format, and peak memory, on a large store.

The store is built from the shipped samples: the full pipeline reads them once, then ``--docs``
documents (default 10,000) are written, each a copy of a sample with its records and a marker line
appended to its text (so ids differ and every offset stays right), in batches of 64, then resolved
(actors and event links) and indexed, as ``newsgraph ingest`` leaves a store. Each format is then
exported by ``newsgraph.app.export.run_export`` to a file (a directory for per-table formats) in
a fresh process of its own, so its peak RSS is that export's alone; ``--min-confidence 0`` so
every record is written. ``timelinejs`` exports the timeline of the actor with most mentions.

Per format: ``<fmt>_records`` (what the writer counted: documents for jsonl, events for plover,
rows of all tables for parquet/csv …), ``<fmt>_records_per_s`` and ``<fmt>_docs_per_s``
(documents of the store over wall time), ``<fmt>_wall_s``, ``<fmt>_cpu_s``, ``<fmt>_peak_rss_mb``,
``<fmt>_mb`` (output size). ``baseline_rss_mb`` is the peak RSS of the same process opening the
store and exporting nothing (imports, DuckDB), to compare against. With ``--small`` the formats
run on a second, smaller store too (``small_<fmt>_peak_rss_mb``): memory that does not grow with
the store is what bounded means.

    .venv/bin/python benchmarks/export_bench.py [--docs 10000] [--small 1000] [--formats a,b]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import Timer, peak_rss_mb, record  # noqa: E402

WRITE_BATCH = 64
SAMPLES = ROOT / "samples"


def sample_results() -> list[Any]:
    """The shipped samples read by the full pipeline."""
    from newsgraph.engines.local import run_pipeline
    from newsgraph.errors import Failure
    from newsgraph.ingest import read_inputs

    out = list(run_pipeline(list(read_inputs([str(SAMPLES)]))))
    return [r for r in out if not isinstance(r, Failure)]


def copy_of(result: Any, i: int) -> Any:
    """Copy ``i`` of a sample's result: a marker line appended to the text, a new id."""
    from newsgraph.model.records import DocResult

    data = result.to_dict()
    data["doc"]["text"] += f"\n\n(copy {i})"
    data["doc"]["id"] = f"{i:08x}{data['doc']['id'][:8]}"
    return DocResult.from_dict(data)


def build_store(db: Path, results: list[Any], docs: int) -> dict[str, Any]:
    from newsgraph.app.resolution import run_resolution
    from newsgraph.store import Store

    with Store(db, refresh_index_on_close=False) as store, Timer() as t:
        for start in range(0, docs, WRITE_BATCH):
            batch = [
                copy_of(results[i % len(results)], i) for i in range(start, min(docs, start + 64))
            ]
            store.write_batch(batch)
        run_resolution(store)
        store.mark_resolved()
        store.refresh_search_index(required=False)
        counts = {t: store.count(t) for t in ("documents", "mentions", "claims", "events")}
    print(f"   built a store of {docs} documents in {t.wall:.1f}s: {counts}", file=sys.stderr)
    return {"build_s": round(t.wall, 1), **{f"store_{k}": v for k, v in counts.items()}}


def top_actor(db: Path) -> str:
    from newsgraph.store import Store

    with Store(db, read_only=True) as store:
        row = store.con.execute(
            "SELECT id FROM canonical_entities ORDER BY n_mentions DESC, id LIMIT 1"
        ).fetchone()
    return str(row[0]) if row else ""


def size_mb(path: Path) -> float:
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def one(db: str, fmt: str, out: str, entity: str | None) -> None:
    """Child process: export ``fmt`` (or nothing, for ``fmt == "-"``) and print its figures."""
    from newsgraph.app.access import read_store
    from newsgraph.app.export import run_export
    from newsgraph.export import ExportFilter

    stats: dict[str, int] = {}
    with Timer() as t:
        if fmt == "-":
            with read_store(db) as store:
                store.count("documents")
        else:
            flt = ExportFilter(entity=entity, min_confidence=0.0)
            stats = run_export(db, fmt, flt, Path(out)).counts
    print(json.dumps({"wall": t.wall, "cpu": t.cpu, "rss": vm_hwm_mb(), "counts": stats}))


def vm_hwm_mb() -> float:
    """This process's peak RSS since it started its program. ``ru_maxrss`` would not do: Linux
    keeps it across ``exec``, so a child would report the parent's (spaCy-sized) peak."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_format(db: Path, fmt: str, tmp: Path, entity: str, docs: int) -> dict[str, Any]:
    from newsgraph.export import get_exporter

    exp = get_exporter(fmt) if fmt != "-" else None
    out = tmp / (f"out-{fmt}" + ("" if exp is None or exp.directory else exp.extension))
    args = [sys.executable, __file__, "--one", fmt, "--db", str(db), "--out", str(out)]
    if exp is not None and exp.needs_entity:
        args += ["--entity", entity]
    done = subprocess.run(args, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"export {fmt} failed")
    fig = json.loads(done.stdout.strip().splitlines()[-1])
    n = sum(fig["counts"].values())
    if exp is None:
        return {"baseline_rss_mb": round(fig["rss"])}
    print(f"   {fmt:<12} {n:>8} records {fig['wall']:6.1f}s", file=sys.stderr)
    return {
        f"{fmt}_records": n,
        f"{fmt}_records_per_s": round(n / fig["wall"]),
        f"{fmt}_docs_per_s": round(docs / fig["wall"]) if not exp.needs_entity else None,
        f"{fmt}_wall_s": round(fig["wall"], 2),
        f"{fmt}_cpu_s": round(fig["cpu"], 2),
        f"{fmt}_peak_rss_mb": round(fig["rss"]),
        f"{fmt}_mb": size_mb(out),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10000, help="documents in the store")
    ap.add_argument("--small", type=int, default=1000, help="a smaller store too (0: none)")
    ap.add_argument("--formats", default=None, help="comma-separated formats (default: all)")
    ap.add_argument("--no-record", action="store_true", help="print only; do not write results")
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--db", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--out", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--entity", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        one(args.db, args.one, args.out, args.entity)
        return 0

    from newsgraph.export import registered

    formats = args.formats.split(",") if args.formats else list(registered())
    results = sample_results()
    metrics: dict[str, Any] = {"docs": args.docs, "formats": ",".join(formats)}
    with tempfile.TemporaryDirectory(prefix="ng-export-bench-") as name:
        tmp = Path(name)
        sizes = [(args.docs, "")] + ([(args.small, "small_")] if args.small else [])
        for docs, prefix in sizes:
            db = tmp / f"store{docs}.duckdb"
            built = build_store(db, results, docs)
            metrics.update({f"{prefix}{k}": v for k, v in built.items()})
            entity = top_actor(db)
            for fmt in ["-", *formats]:
                figures = run_format(db, fmt, tmp, entity, docs)
                if prefix:
                    figures = {f"{prefix}{k}": v for k, v in figures.items() if "rss" in k}
                metrics.update(figures)
    metrics["peak_rss_mb"] = round(peak_rss_mb())
    command = "python benchmarks/export_bench.py" + (" " + " ".join(argv) if argv else "")
    record("export", metrics, command, save=not args.no_record)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
