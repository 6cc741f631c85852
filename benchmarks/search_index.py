"""Search index: adding 100 articles to stores of 10,000 and 100,000 articles (the incremental
update) against rebuilding the index over the whole store (what every ingest did before), and
search latency on the 100,000-article store.

The stores hold synthetic articles generated inside DuckDB (the index reads nothing but
``documents``): about 300 words each, drawn with a skewed popularity from 60,000 made-up words
with English inflections (-s, -ed, -ing, -ly, so the stemmer has work) and interleaved with stop
words; titles of four words. For each size: the index is built whole (timed), then ``--repeats``
times 100 new articles are written and indexed by :func:`newsgraph.store.fts.update_index`
(timed), then the index is rebuilt whole again (timed). Times are CPU seconds of this process
(DuckDB's threads included; steadier than wall time on a shared machine) and wall seconds, the
update's as the median of the repeats. Search latency: a rare, a middling and a frequent word
and two words together, asked ``--requests`` times each per repeat through
:func:`newsgraph.app.browse.search` on a read-only store; p50/p95 wall ms, the median over repeats.

    .venv/bin/python -m benchmarks.search_index [--sizes 10000 100000] [--repeats 3]
        [--requests 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np

from benchmarks.common import Timer, record
from newsgraph.store import Store, fts

VOCAB = 60_000
WORDS_PER_DOC = 300
ADDED = 100
CHUNK = 10_000  # articles generated per statement
MEMORY_LIMIT = "2GB"
SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "di", "ul", "sen", "mar"]
SUFFIXES = ["", "", "", "s", "ed", "ing", "ly"]
STOP = ["the", "of", "and", "to", "in", "a", "that", "was", "for", "on", "with", "by"]


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def add_documents(con: duckdb.DuckDBPyConnection, first: int, n: int) -> None:
    """Write ``n`` synthetic articles numbered from ``first`` (see the module docstring)."""
    syl = _sql_list(SYLLABLES)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE vocab AS
        SELECT i AS wid,
               {syl}[1 + i % 10] || {syl}[1 + (i // 10) % 10] || {syl}[1 + (i // 100) % 10]
               || CASE WHEN i >= 1000 THEN {syl}[1 + (i // 1000) % 10] ELSE '' END
               || CASE WHEN i >= 10000 THEN {syl}[1 + (i // 10000) % 10] ELSE '' END
               || {_sql_list(SUFFIXES)}[1 + (i * 7) % {len(SUFFIXES)}] AS word
        FROM range({VOCAB}) t(i)"""
    )
    con.execute(f"SELECT setseed({(first % 997) / 1000})")
    con.execute(
        f"""INSERT INTO documents
        SELECT printf('syn%08d', d), '2024-05-0' || (1 + d % 9), 'day',
               string_agg(CASE WHEN k < 4 THEN word END, ' ' ORDER BY k), NULL, 'Synthetic Wire',
               string_agg(CASE WHEN k % 3 = 2 THEN {_sql_list(STOP)}[1 + (d + k) % {len(STOP)}]
                               || ' ' ELSE '' END || word, ' ' ORDER BY k) || '.',
               '[]', '{{}}', current_timestamp
        FROM (SELECT d, k, CAST(floor({VOCAB} * pow(random(), 3)) AS INTEGER) AS wid
              FROM range({first}, {first + n}) t(d), range({WORDS_PER_DOC}) u(k)) p
        JOIN vocab v USING (wid)
        GROUP BY d"""
    )


def _timed(store: Store, full: bool) -> tuple[float, float, int]:
    """CPU s, wall s and documents indexed by one index update (or rebuild), committed."""
    with Timer() as t, store.transaction() as con:
        n = fts.rebuild_index(con) if full else fts.update_index(con)
    return t.cpu, t.wall, n


def measure_size(path: Path, size: int, repeats: int) -> dict[str, float]:
    with Store(path, refresh_index_on_close=False) as store:
        store.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")  # a shared machine
        for first in range(0, size, CHUNK):  # generated in chunks: bounded memory
            add_documents(store.con, first, min(CHUNK, size - first))
        if not store.load_fts():
            raise SystemExit("the fts extension (for its stemmer) is unavailable")
        first_cpu, first_wall, n = _timed(store, full=True)
        assert n == size, n
        updates = []
        for r in range(repeats):
            add_documents(store.con, size + r * ADDED, ADDED)
            cpu, wall, n = _timed(store, full=False)
            assert n == ADDED, n
            updates.append((cpu, wall))
        last_cpu, last_wall, n = _timed(store, full=True)
        assert n == size + repeats * ADDED, n
    rebuild_cpu = statistics.median([first_cpu, last_cpu])
    rebuild_wall = statistics.median([first_wall, last_wall])
    update_cpu = statistics.median(u[0] for u in updates)
    update_wall = statistics.median(u[1] for u in updates)
    return {
        "update_cpu_s": round(update_cpu, 3),
        "update_wall_s": round(update_wall, 3),
        "rebuild_cpu_s": round(rebuild_cpu, 2),
        "rebuild_wall_s": round(rebuild_wall, 2),
        "rebuild_over_update_cpu": round(rebuild_cpu / update_cpu, 1),
    }


def _words_by_df(path: Path) -> dict[str, str]:
    """A rare (df about 10), a middling (about 1% of the articles) and a frequent word (the most
    common term's), each as it is written in an article."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM search_docs").fetchone()[0]  # type: ignore[index]
        picks = {}
        for name, target in (("rare", 10), ("middling", n // 100), ("frequent", n)):
            term = con.execute(
                "SELECT term FROM search_terms ORDER BY abs(df - ?), term LIMIT 1", [target]
            ).fetchone()[0]  # type: ignore[index]
            picks[name] = term
    finally:
        con.close()
    return picks


def measure_search(path: Path, repeats: int, requests: int) -> dict[str, float]:
    from newsgraph.app import browse

    words = _words_by_df(path)
    queries = {**words, "two_words": f"{words['frequent']} {words['middling']}"}
    runs: dict[str, list[tuple[float, float]]] = {q: [] for q in queries}
    with Store(path, read_only=True) as store:
        browse.search(store, words["middling"])  # the first request (extension, caches)
        for _ in range(repeats):
            for name, q in queries.items():
                times = []
                for _ in range(requests):
                    t0 = time.perf_counter()
                    result = browse.search(store, q)
                    times.append((time.perf_counter() - t0) * 1000)
                    assert result.method == "bm25" and result.hits, (q, result.note)
                arr = np.array(times)
                runs[name].append((float(np.percentile(arr, 50)), float(np.percentile(arr, 95))))
    out: dict[str, float] = {}
    for name, pairs in runs.items():
        out[f"search_{name}_p50_ms"] = round(statistics.median(p[0] for p in pairs), 1)
        out[f"search_{name}_p95_ms"] = round(statistics.median(p[1] for p in pairs), 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--requests", type=int, default=20, help="per query and repeat")
    args = ap.parse_args()
    metrics: dict[str, float | int] = {"added": ADDED}
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"s{size}.duckdb"
            key = f"{size // 1000}k"
            for name, value in measure_size(path, size, args.repeats).items():
                metrics[f"{name}_{key}"] = value
            load.append(os.getloadavg()[0])
        big = max(args.sizes)
        for name, value in measure_search(
            Path(tmp) / f"s{big}.duckdb", args.repeats, args.requests
        ).items():
            metrics[name] = value
        load.append(os.getloadavg()[0])
    if len(args.sizes) > 1:
        small, large = f"{min(args.sizes) // 1000}k", f"{big // 1000}k"
        metrics[f"update_cpu_{large}_over_{small}"] = round(
            float(metrics[f"update_cpu_s_{large}"]) / float(metrics[f"update_cpu_s_{small}"]), 2
        )
    metrics["search_docs"] = big
    metrics["load_avg_max"] = round(max(load), 2)
    metrics["cpus"] = os.cpu_count() or 1
    command = (
        ".venv/bin/python -m benchmarks.search_index --sizes "
        + " ".join(str(s) for s in args.sizes)
        + f" --repeats {args.repeats} --requests {args.requests}"
    )
    full = sorted(args.sizes) == [10_000, 100_000] and args.repeats >= 3
    record("search_index", metrics, command, save=full)


if __name__ == "__main__":
    main()
