"""Speed and memory of cross-document entity resolution on synthetic stores, full and incremental.

Each synthetic article holds 10 doc-level entities drawn with a skewed (Zipf-like) popularity
from pools of people, organisations and places, written the way news writes them: full names,
titled names ("President ..."), accent variants, surname-only entities, org names with legal
suffixes, acronyms; each entity has 2 mentions. Rows are generated inside DuckDB.

Per size N: a store of N articles is resolved in full (``newsgraph resolve --full``; it builds the
blocking index); then 100 new articles are added and resolved incrementally (as ``newsgraph
ingest`` does; median of 3 runs on copies of the store). Up to ``--check-upto`` articles the
N+100 store is also rebuilt in full and compared with the incremental result.
Each resolution runs in a fresh child process, so its peak memory (``ru_maxrss``) is its own.

    .venv/bin/python -m benchmarks.resolve_scale [--sizes 10000,100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from benchmarks.common import record
from newsgraph.resolve import resolve_connection
from newsgraph.store import schema

ENTITIES_PER_DOC = 10
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "to",
    "ne",
    "su",
    "va",
    "de",
    "po",
    "li",
    "ga",
    "be",
    "ro",
    "sa",
    "ti",
    "mo",
    "ze",
    "chu",
    "fer",
    "nan",
    "dez",
    "gar",
    "cia",
    "lu",
    "bri",
]


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def _pools(rng: random.Random) -> list[tuple[int, str, str, str, str]]:
    """(id, type, full name, short form, variant) rows: 60k people, 15k orgs, 5k places."""
    rows = []
    firsts = [_word(rng, 2) for _ in range(800)]
    lasts = [_word(rng, rng.choice((2, 3))) for _ in range(6000)]
    for i in range(60_000):
        first, last = rng.choice(firsts), rng.choice(lasts)
        full = f"{first} {last}"
        accented = full.replace("a", "á", 1) if "a" in full else full
        rows.append((i, "PERSON", full, last, accented))
    for i in range(15_000):
        words = [_word(rng, 2) for _ in range(rng.choice((2, 3)))]
        full = " ".join(words)
        acronym = "".join(w[0] for w in words).upper()
        rows.append((60_000 + i, "ORG", full, acronym, f"{full} Inc."))
    for i in range(5_000):
        name = _word(rng, 3)
        rows.append((75_000 + i, "GPE", name, name, name))
    return rows


def build_store(path: Path, n_docs: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    schema.create(con)
    add_docs(con, 0, n_docs)
    return con


def _pool(con: duckdb.DuckDBPyConnection) -> None:
    """The TEMP table of actors articles draw from (the same on every call)."""
    rng = random.Random(7)
    pool = _pools(rng)
    columns = list(zip(*pool, strict=True))
    frame = {
        name: np.array(values, dtype=np.int64 if name == "pid" else object)
        for name, values in zip(
            ("pid", "type", "fullname", "short", "variant"), columns, strict=True
        )
    }
    con.register("pool_rows", frame)
    con.execute("CREATE OR REPLACE TEMP TABLE pool AS SELECT * FROM pool_rows")
    con.unregister("pool_rows")


def add_docs(con: duckdb.DuckDBPyConnection, first: int, count: int) -> None:
    """Articles ``doc<first>`` … ``doc<first+count-1>`` with their entities and mentions."""
    _pool(con)
    con.execute(f"SELECT setseed({0.42 if first == 0 else 0.17})")
    # Popularity: pid = floor(N * u^3) favours low ids (a few actors in many articles).
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE picks AS
        SELECT 'doc' || d AS doc_id, 'e' || (k + 1) AS eid,
               CAST(floor(80000 * pow(random(), 3)) AS INTEGER) AS pid, random() AS r
        FROM range({first}, {first + count}) t(d), range({ENTITIES_PER_DOC}) u(k)
        """
    )
    con.execute(
        """
        INSERT INTO entities
        SELECT p.doc_id, p.eid,
               CASE WHEN p.r < 0.55 THEN o.fullname
                    WHEN p.r < 0.70 THEN o.variant
                    WHEN p.r < 0.80 AND o.type = 'PERSON' THEN 'President ' || o.fullname
                    WHEN p.r < 0.92 THEN o.short
                    ELSE o.fullname END,
               o.type,
               CASE WHEN o.type = 'PERSON' AND p.r < 0.80 THEN to_json([o.short])
                    ELSE '[]'::JSON END,
               '[]'::JSON, '{}'::JSON
        FROM picks p JOIN pool o USING (pid)
        """
    )
    con.execute(
        """
        INSERT INTO mentions
        SELECT e.doc_id, 'm' || (2 * CAST(substr(e.id, 2) AS INTEGER) + k), 0, 0,
               CASE WHEN k = 0 THEN e.name ELSE coalesce(e.aliases->>0, e.name) END,
               e.type, e.id, 'name'
        FROM entities e JOIN picks p ON p.doc_id = e.doc_id AND p.eid = e.id, range(2) t(k)
        """
    )


def _child(path: str, full: bool, out: Any) -> None:
    con = duckdb.connect(path)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    stats = resolve_connection(con, full=full)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    con.close()
    out.send(
        {
            "wall": wall,
            "cpu": cpu,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
            "mode": stats.mode,
            "entities": stats.entities,
            "canonical": stats.canonical,
            "changed": len(stats.changed),
            "seconds": stats.seconds,
        }
    )


def resolve_in_child(path: Path, *, full: bool) -> dict[str, Any]:
    """Resolve the store at ``path`` in a fresh process; its times, peak memory and stats."""
    ctx = mp.get_context("spawn")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(str(path), full, send))
    proc.start()
    result: dict[str, Any] = recv.recv()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--add", type=int, default=100, help="Articles added incrementally.")
    parser.add_argument(
        "--check-upto",
        type=int,
        default=10000,
        help="Also rebuild the larger store in full and compare (sizes up to this many articles).",
    )
    args = parser.parse_args()
    metrics: dict[str, float | int] = {}
    for n in (int(s) for s in args.sizes.split(",")):
        tag = f"{n // 1000}k"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "scale.duckdb"
            build_store(path, n).close()
            full = resolve_in_child(path, full=True)  # N articles; builds the blocking index
            con = duckdb.connect(str(path))
            add_docs(con, n, args.add)
            n_ent = con.execute("SELECT count(*) FROM entities").fetchone()[0]  # type: ignore[index]
            con.close()
            runs = []
            for k in range(args.repeats):
                copy = Path(tmp) / f"inc{k}.duckdb"
                shutil.copy(path, copy)
                runs.append(resolve_in_child(copy, full=False))
                assert runs[-1]["mode"] == "incremental", runs[-1]
                if k:
                    copy.unlink()
            if n <= args.check_upto:
                # Same tables either way (the incremental path's promise), on the bench store.
                rebuilt = resolve_in_child(path, full=True)
                a, b = duckdb.connect(str(Path(tmp) / "inc0.duckdb")), duckdb.connect(str(path))
                q = "SELECT count(*), sum(hash(id, name, n_mentions, n_docs)) "
                q += "FROM canonical_entities"
                metrics[f"incremental_equals_full_{tag}"] = int(
                    a.execute(q).fetchone() == b.execute(q).fetchone()
                )
                metrics[f"full_after_add_cpu_s_{tag}"] = round(rebuilt["cpu"], 1)
                a.close()
                b.close()
        load = os.getloadavg()[0]
        inc_cpu = statistics.median(r["cpu"] for r in runs)
        inc_wall = statistics.median(r["wall"] for r in runs)
        metrics[f"docs_{tag}"] = n
        metrics[f"entities_{tag}"] = n_ent
        metrics[f"canonical_{tag}"] = full["canonical"]
        metrics[f"full_cpu_s_{tag}"] = round(full["cpu"], 1)
        metrics[f"full_wall_s_{tag}"] = round(full["wall"], 1)
        metrics[f"full_rss_mb_{tag}"] = round(full["rss_mb"])
        metrics[f"incremental_cpu_s_{tag}"] = round(inc_cpu, 2)
        metrics[f"incremental_wall_s_{tag}"] = round(inc_wall, 2)
        metrics[f"incremental_rss_mb_{tag}"] = round(max(r["rss_mb"] for r in runs))
        metrics[f"incremental_entities_{tag}"] = runs[0]["entities"]
        metrics[f"incremental_changed_{tag}"] = runs[0]["changed"]
        metrics[f"incremental_vs_full_cpu_{tag}"] = round(inc_cpu / full["cpu"], 4)
        metrics[f"load1_{tag}"] = round(load, 2)
        print(
            f"{n} docs: full {full['cpu']:.1f}s cpu {full['rss_mb']:.0f} MB; + {args.add} "
            f"incremental (median of {args.repeats}) {inc_cpu:.2f}s cpu {inc_wall:.2f}s wall "
            f"{metrics[f'incremental_rss_mb_{tag}']} MB, reclustered {runs[0]['entities']} "
            f"entities, {runs[0]['changed']} canonical changed; load {load:.2f}",
            flush=True,
        )
    record(
        "resolve_scale",
        metrics,
        f"python -m benchmarks.resolve_scale --sizes {args.sizes} --repeats {args.repeats}",
    )


if __name__ == "__main__":
    main()
