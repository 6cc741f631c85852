"""Speed and memory of the actor network (``newsgraph.query.network``) and of the network and
FollowTheMoney exports (``gexf``, ``graphml``, ``ftm``) on a synthetic store.

The store is the one ``benchmarks.resolve_scale`` builds (10 doc-level entities per article, drawn
with a skewed popularity, two mentions each), plus what the network needs: the articles (dated over
five years, ~2,500 characters each), 4 events per article between two of its entities (PLOVER
types, 10% reciprocal, random confidence) and 3 claims (a speaker and a target). Resolution runs
as after an ingest. Each export runs in a fresh process (``export_bench.run_format``), so that
its peak RSS is its own; ``export_bench`` measures every format on copies of the samples, this one
the network formats on a store with many actors.

    .venv/bin/python -m benchmarks.network_export [--docs 10000] [--no-save]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.common import Timer, record
from benchmarks.export_bench import run_format
from benchmarks.resolve_scale import build_store
from newsgraph.export.select import thresholds
from newsgraph.query.entities import list_entities
from newsgraph.query.network import NetworkSpec, network
from newsgraph.resolve import resolve_connection
from newsgraph.store import Store

EVENTS_PER_DOC = 4
CLAIMS_PER_DOC = 3
TYPES = [
    "ACCUSE",
    "AGREE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONCEDE",
    "CONSULT",
    "COOPERATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
]
BODY = (
    "The minister met the delegation on Tuesday and said the talks had been useful, while the "
    "opposition accused the government of hiding the terms of the agreement from parliament. "
) * 15


def build(path: Path, n_docs: int) -> None:
    con = build_store(path, n_docs)
    con.execute(
        f"""
        INSERT INTO documents
        SELECT 'doc' || d, strftime(DATE '2020-01-01' + CAST(d % 1800 AS INTEGER), '%Y-%m-%d'),
               'day', 'Synthetic article ' || d, 'https://example.org/a/' || d, 'synthetic',
               'Article ' || d || '. ' || ?, '[]'::JSON, '{{}}'::JSON, now()
        FROM range({n_docs}) t(d)
        """,
        [BODY],
    )
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    con.execute(
        f"""
        INSERT INTO events BY NAME
        SELECT 'doc' || d AS doc_id, 'v' || (k + 1) AS id,
               list_element({types}, CAST(1 + floor(random() * 16) AS INTEGER)) AS type,
               '[]'::JSON AS contexts,
               to_json(['e' || CAST(1 + floor(random() * 10) AS INTEGER)]) AS source,
               to_json(['e' || CAST(1 + floor(random() * 10) AS INTEGER)]) AS target,
               10 AS trigger_start, 20 AS trigger_end, 0 AS sentence_start, 200 AS sentence_end,
               to_json({{'value': strftime(DATE '2020-01-01' + CAST(d % 1800 AS INTEGER),
                         '%Y-%m-%d'), 'granularity': 'day'}}) AS date,
               'occurred' AS modality, random() AS confidence, random() < 0.1 AS reciprocal
        FROM range({n_docs}) t(d), range({EVENTS_PER_DOC}) u(k)
        """
    )
    con.execute(
        f"""
        INSERT INTO claims BY NAME
        SELECT 'doc' || d AS doc_id, 'c' || (k + 1) AS id,
               'e' || CAST(1 + floor(random() * 10) AS INTEGER) AS speaker,
               0 AS speaker_start, 5 AS speaker_end, 'said' AS cue, 6 AS cue_start,
               10 AS cue_end, 11 AS content_start, 120 AS content_end, 'indirect' AS kind,
               list_element(['asserted', 'alleged', 'denied', 'hedged'],
                            CAST(1 + floor(random() * 4) AS INTEGER)) AS status,
               to_json(['e' || CAST(1 + floor(random() * 10) AS INTEGER)]) AS targets,
               random() AS confidence
        FROM range({n_docs}) t(d), range({CLAIMS_PER_DOC}) u(k)
        """
    )
    resolve_connection(con)
    con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--no-save", action="store_true", help="print only (exploratory runs)")
    args = ap.parse_args()
    metrics: dict[str, float | int] = {"docs": args.docs}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "network.duckdb"
        t0 = time.perf_counter()
        build(path, args.docs)
        print(f"built and resolved {args.docs} articles in {time.perf_counter() - t0:.1f}s")
        with Store(path, read_only=True) as store:
            least_event, least_claim = thresholds(None)
            conf = {"event": least_event, "claim": least_claim}
            top = list_entities(store, limit=1)[0]
            for name, entity, spec in (
                ("network_whole", None, NetworkSpec(min_confidence=conf)),
                ("network_actor_d1", top.id, NetworkSpec(min_confidence=conf)),
                ("network_actor_d2", top.id, NetworkSpec(depth=2, min_confidence=conf)),
            ):
                network(store, entity, spec)  # warm: the first query pays for loading pages
                with Timer() as t:
                    net = network(store, entity, spec)
                metrics[f"{name}_s"] = round(t.wall, 3)
                metrics[f"{name}_total_nodes"] = net.total_nodes
                metrics[f"{name}_total_edges"] = net.total_edges
                print(
                    f"{name}: {t.wall:.3f}s wall, {t.cpu:.3f}s cpu; {len(net.nodes)} of "
                    f"{net.total_nodes} nodes, {len(net.edges)} of {net.total_edges} edges"
                )
        # Each export in a fresh process (peak RSS its own), as benchmarks/export_bench.py does,
        # with --min-confidence 0; "-" opens the store and exports nothing (the baseline).
        for fmt in ("-", "gexf", "graphml", "ftm"):
            metrics.update(run_format(path, fmt, Path(tmp), top.id, args.docs, None))
    record(
        "network_export",
        metrics,
        f"python -m benchmarks.network_export --docs {args.docs}",
        save=not args.no_save,
    )


if __name__ == "__main__":
    main()
