"""Speed of cross-document entity resolution on synthetic stores of 10k / 30k / 100k articles.

Each synthetic article holds 10 doc-level entities drawn with a skewed (Zipf-like) popularity
from pools of people, organisations and places, written the way news writes them: full names,
titled names ("President ..."), accent variants, surname-only entities, org names with legal
suffixes, acronyms; each entity has 2 mentions. Rows are generated inside DuckDB, then
``resolve_connection`` runs over the store exactly as after ``newsgraph ingest``.

    .venv/bin/python -m benchmarks.resolve_scale [--sizes 10000,30000,100000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np

from benchmarks.common import Timer, peak_rss_mb, record
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
    con.execute("CREATE TEMP TABLE pool AS SELECT * FROM pool_rows")
    con.unregister("pool_rows")
    con.execute("SELECT setseed(0.42)")
    # Popularity: pid = floor(N * u^3) favours low ids (a few actors in many articles).
    con.execute(
        f"""
        CREATE TEMP TABLE picks AS
        SELECT 'doc' || d AS doc_id, 'e' || (k + 1) AS eid,
               CAST(floor(80000 * pow(random(), 3)) AS INTEGER) AS pid, random() AS r
        FROM range({n_docs}) t(d), range({ENTITIES_PER_DOC}) u(k)
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
        FROM entities e, range(2) t(k)
        """
    )
    return con


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,30000,100000")
    args = parser.parse_args()
    metrics: dict[str, float | int] = {}
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            con = build_store(Path(tmp) / "scale.duckdb", n)
            built = time.perf_counter() - t0
            n_ent = con.execute("SELECT count(*) FROM entities").fetchone()[0]  # type: ignore[index]
            n_men = con.execute("SELECT count(*) FROM mentions").fetchone()[0]  # type: ignore[index]
            with Timer() as t:
                stats = resolve_connection(con)
            con.close()
        tag = f"{n // 1000}k"
        metrics[f"docs_{tag}"] = n
        metrics[f"entities_{tag}"] = n_ent
        metrics[f"mentions_{tag}"] = n_men
        metrics[f"canonical_{tag}"] = stats.canonical
        metrics[f"wall_s_{tag}"] = round(t.wall, 1)
        metrics[f"cpu_s_{tag}"] = round(t.cpu, 1)
        for phase, secs in stats.seconds.items():
            metrics[f"{phase}_s_{tag}"] = round(secs, 1)
        print(
            f"{n} docs: built in {built:.1f}s; resolve {t.wall:.1f}s wall, {t.cpu:.1f}s cpu "
            f"({stats.seconds}); {stats.canonical} canonical; rules {stats.rules}",
            flush=True,
        )
    metrics["peak_rss_mb"] = round(peak_rss_mb())
    record("resolve_scale", metrics, "python -m benchmarks.resolve_scale --sizes " + args.sizes)


if __name__ == "__main__":
    main()
