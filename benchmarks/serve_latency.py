"""Latency of each ``/api/v1`` read route on a synthetic store of 100,000 articles.

The store is generated inside DuckDB (no spaCy): each article has a date, a source, about 2,000
characters of text made of ten sentences that name ten actors drawn with a skewed popularity from
the pools of :mod:`benchmarks.resolve_scale` (a few actors appear in thousands of articles, most in
a handful), two mentions per actor with their offsets, four claims and five events with offsets,
dates, statuses, modalities and confidences, the contract object in ``documents.result``, canonical
entities with their links, ``entity_records`` and ``entity_mentions`` (as resolution writes
them) and the BM25 search index.

Requests go through FastAPI's test client to the app ``newsgraph serve`` runs (one warm read-only
connection, as the server keeps it). Each route is asked several parameter sets (a frequent, a
middling and a rare actor; filters), ``--requests`` times per repeat; a repeat gives p50 and p95
per route (wall time, and this process's CPU time: the server runs in it), and the figures are the
median over ``--repeats`` repeats. The first request after
opening (the cold search index) is timed apart. The HTML pages ``/entities/{id}``,
``/documents/{id}`` and ``/entities`` are timed the same way (``page_*``: the server's time to the
whole HTML response; the browser's drawing is not counted). The load average is recorded with the
figures: results are written to ``benchmarks/results/serve_latency.json`` when the store has
100,000 articles and the machine is quiet (1-minute load below the CPU count), or under load with
``--record-under-load`` (then ``recorded_under_load`` is 1; latencies under load are pessimistic);
otherwise printed.

Canonical ids have the shape resolution gives them (``ce_`` and 12 hex digits): DuckDB skips row
groups by the min/max of their first 8 bytes only, so ids sharing those bytes (``ce_0000…``)
would make every per-actor read scan the whole table, unlike a real store.

    .venv/bin/python -m benchmarks.serve_latency [--docs 100000] [--repeats 3] [--requests 20]
        [--db FILE] [--record-under-load]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np

from benchmarks.common import record
from benchmarks.resolve_scale import _pools
from newsgraph.store import Store, entity_records

TARGET_ROUTES = ("entity", "timeline", "document", "search")  # p95 target: 100 ms
PAGE_ROUTES = ("page_entity", "page_document", "page_entities")  # first render: p95 < 300 ms
SOURCES = ["Coast Wire", "Harbour Ledger", "Northern Notes", "Valdor Daily", "Science Desk"]
EVENT_TYPES = ["ACCUSE", "SANCTION", "COERCE", "ASSAULT", "PROTEST", "AID", "AGREE", "REQUEST"]
MODALITIES = ["occurred", "alleged", "scheduled", "hypothetical", "negated"]
STATUSES = ["asserted", "alleged", "denied", "hedged"]
FILLER = (
    "Officials in the capital declined to comment on the case, and the ministry said in a "
    "statement that it would respond in due course. Analysts said the affair had shaken "
    "confidence in the institutions charged with fighting organised crime. "
) * 6


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def build_store(path: Path, n_docs: int) -> None:
    """A store of ``n_docs`` synthetic articles (see the module docstring)."""
    with Store(path, refresh_index_on_close=False):
        pass  # the schema, its indexes and the version stamp
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")
    rng = random.Random(7)
    columns = list(zip(*_pools(rng), strict=True))
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
    con.execute(
        f"""CREATE TEMP TABLE picks AS
        SELECT d, k, substr(md5('doc' || d), 1, 16) AS doc_id,
               CAST(floor(80000 * pow(random(), 3)) AS INTEGER) AS pid
        FROM range({n_docs}) t(d), range(10) u(k)"""
    )
    con.execute(
        f"""CREATE TEMP TABLE docs AS
        SELECT d, substr(md5('doc' || d), 1, 16) AS doc_id,
               CAST(2015 + floor(random() * 10) AS INTEGER) AS yr,
               CAST(1 + floor(random() * 12) AS INTEGER) AS mo,
               CAST(1 + floor(random() * 28) AS INTEGER) AS dd,
               {_sql_list(SOURCES)}[1 + CAST(floor(random() * {len(SOURCES)}) AS INTEGER)] AS src
        FROM range({n_docs}) t(d)"""
    )
    con.execute(
        """CREATE TEMP TABLE sent AS
        SELECT s.*, coalesce(sum(length(s.s) + 1) OVER (PARTITION BY s.d ORDER BY s.k
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start
        FROM (SELECT p.d, p.k, p.doc_id, p.pid, o.fullname AS name, o.type,
                     q.fullname AS tname, q.type AS ttype, x.yr, x.mo, x.dd,
                     o.fullname || ' accused ' || q.fullname
                       || ' of taking bribes from the cartel in ' || x.yr || '.' AS s
              FROM picks p JOIN pool o USING (pid)
              JOIN picks p2 ON p2.d = p.d AND p2.k = (p.k + 1) % 10
              JOIN pool q ON q.pid = p2.pid
              JOIN docs x ON x.d = p.d) s"""
    )
    nxt = "'e' || ((k + 1) % 10 + 1)"
    month = "printf('%04d-%02d', yr, mo)"
    day = "printf('%04d-%02d-%02d', yr, mo, dd)"
    con.execute("""INSERT INTO sentences SELECT doc_id, k, start, start + length(s) FROM sent""")
    con.execute(
        """INSERT INTO entities (doc_id, id, name, type, aliases, roles, attributes)
        SELECT doc_id, 'e' || (k + 1), name, type, '[]',
               CASE WHEN k = 0 AND type = 'PERSON'
                    THEN '[{"title": "Minister", "former": true}]' ELSE '[]' END, '{}'
        FROM sent"""
    )
    con.execute(
        f"""INSERT INTO mentions (doc_id, id, start, "end", text, type, entity, kind)
        SELECT doc_id, 'm' || (2 * k + 1), start, start + length(name), name, type,
               'e' || (k + 1), 'name' FROM sent
        UNION ALL
        SELECT doc_id, 'm' || (2 * k + 2), start + length(name) + 9,
               start + length(name) + 9 + length(tname), tname, ttype, {nxt}, 'name' FROM sent"""
    )
    cue = "start + length(name) + 1"
    con.execute(
        f"""INSERT INTO claims (doc_id, id, speaker, speaker_start, speaker_end, cue, cue_start,
            cue_end, content_start, content_end, kind, channel, status, targets, timex, date,
            parent, intermediary, confidence)
        SELECT doc_id, 'c' || (k + 1), 'e' || (k + 1), start, start + length(name), 'accused',
               {cue}, {cue} + 7, {cue} + 8, start + length(s) - 1, 'indirect', NULL,
               {_sql_list(STATUSES)}[k + 1], to_json([{nxt}]), NULL,
               to_json({{'value': {month}, 'granularity': 'month', 'anchor': 'doc'}}),
               NULL, NULL, round(0.3 + 0.7 * random(), 3)
        FROM sent WHERE k < 4"""
    )
    con.execute(
        f"""INSERT INTO events (doc_id, id, type, mode, cameo, contexts, source, target,
            trigger_start, trigger_end, sentence_start, sentence_end, timex, date, place,
            modality, claim, evidence, arguments, confidence, reciprocal)
        SELECT doc_id, 'v' || (k - 3),
               {_sql_list(EVENT_TYPES)}[1 + (d + k) % {len(EVENT_TYPES)}], NULL, NULL, '[]',
               to_json(['e' || (k + 1)]), to_json([{nxt}]), {cue}, {cue} + 7, start,
               start + length(s), NULL,
               to_json({{'value': {day}, 'granularity': 'day', 'anchor': NULL}}), NULL,
               {_sql_list(MODALITIES)}[1 + (d + k) % {len(MODALITIES)}], NULL, '[]', '[]',
               round(0.3 + 0.7 * random(), 3), false
        FROM sent WHERE k BETWEEN 4 AND 8"""
    )
    con.execute(
        """INSERT INTO canonical_entities
        SELECT 'ce_' || substr(md5('actor' || o.pid), 1, 12), o.fullname, o.type,
               to_json([{'name': o.short, 'count': 1}]), 2 * count(*), count(DISTINCT p.d), '{}'
        FROM picks p JOIN pool o USING (pid) GROUP BY o.pid, o.fullname, o.type, o.short"""
    )
    con.execute(
        """INSERT INTO entity_links SELECT doc_id, 'e' || (k + 1),
               'ce_' || substr(md5('actor' || pid), 1, 12) AS cid, 'synthetic', NULL FROM picks
        ORDER BY cid"""
    )
    con.execute(
        """CREATE TEMP TABLE parts AS
        SELECT doc_id,
          to_json(list({'id': 'm' || (2 * k + 1), 'start': start, 'end': start + length(name),
                        'text': name, 'type': type, 'entity': 'e' || (k + 1), 'kind': 'name'}
                       ORDER BY k)) AS mentions,
          to_json(list({'id': 'e' || (k + 1), 'name': name, 'type': type, 'aliases': [],
                        'roles': [], 'attributes': '{}'::JSON} ORDER BY k)) AS entities,
          to_json(list([start, start + length(s)] ORDER BY k)) AS sentences,
          string_agg(s, ' ' ORDER BY k) AS body
        FROM sent GROUP BY doc_id"""
    )
    filler = FILLER.replace("'", "''")
    con.execute(
        f"""INSERT INTO documents
        SELECT x.doc_id, {day}, 'day', 'Report: ' || split_part(p.body, ' accused', 1), NULL,
               x.src, p.body || ' ' || '{filler}', '[]',
               json_object('contract', 1,
                 'doc', json_object('id', x.doc_id, 'date', {day}, 'date_precision', 'day',
                                    'title', NULL, 'url', NULL, 'source', x.src, 'repairs', [],
                                    'source_id', NULL),
                 'mentions', p.mentions, 'entities', p.entities, 'timexes', json('[]'),
                 'claims', coalesce(c.claims, json('[]')), 'events', coalesce(e.events, json('[]')),
                 'flags', json('[]'), 'sentences', p.sentences, 'pipeline', json('{{}}')),
               current_timestamp
        FROM docs x JOIN parts p USING (doc_id)
        LEFT JOIN (SELECT doc_id, to_json(list(c ORDER BY c.id)) AS claims FROM claims c
                   GROUP BY doc_id) c USING (doc_id)
        LEFT JOIN (SELECT doc_id, to_json(list(e ORDER BY e.id)) AS events FROM events e
                   GROUP BY doc_id) e USING (doc_id)"""
    )
    con.execute("INSERT INTO meta VALUES ('resolve_pending', '0') ON CONFLICT DO NOTHING")
    entity_records.rebuild(con)  # as resolution writes it with the links
    con.close()
    with Store(path) as store:
        store.refresh_search_index()


def _actors(path: Path) -> dict[str, str]:
    """A frequent, a middling and a rare actor of the store (by mentions)."""
    con = duckdb.connect(str(path), read_only=True)
    ranked = [
        r[0]
        for r in con.execute(
            "SELECT id FROM canonical_entities ORDER BY n_mentions DESC, id"
        ).fetchall()
    ]
    con.close()
    return {"frequent": ranked[0], "middling": ranked[len(ranked) // 50], "rare": ranked[-1]}


def _name_of(path: Path, entity_id: str) -> str:
    con = duckdb.connect(str(path), read_only=True)
    row = con.execute("SELECT name FROM canonical_entities WHERE id = ?", [entity_id]).fetchone()
    con.close()
    return str(row[0]) if row else entity_id


def _doc_ids(path: Path, n: int) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    rows = con.execute("SELECT id FROM documents USING SAMPLE 200 ROWS").fetchall()
    con.close()
    return [r[0] for r in rows][:n]


def routes(path: Path) -> dict[str, list[str]]:
    """Route name -> the URLs asked of it, in turn."""
    a = _actors(path)
    middling_name = _name_of(path, a["middling"]).split()[-1]
    docs = _doc_ids(path, 20)
    ids = list(a.values())
    return {
        "entities": [
            "/api/v1/entities",
            "/api/v1/entities?type=ORG&offset=100",
            f"/api/v1/entities?q={middling_name}",
        ],
        "entity": [f"/api/v1/entities/{i}" for i in ids],
        "timeline": [f"/api/v1/entities/{i}/timeline" for i in ids]
        + [f"/api/v1/entities/{a['frequent']}/timeline?from=2019&to=2020-06&kind=event"],
        "network": [f"/api/v1/entities/{i}/network" for i in ids],
        "documents": [
            "/api/v1/documents",
            "/api/v1/documents?from=2020-03&to=2020-04&source=Coast%20Wire",
            f"/api/v1/documents?q={middling_name}",
        ],
        "document": [f"/api/v1/documents/{d}" for d in docs],
        "search": [f"/api/v1/search?q={middling_name}", "/api/v1/search?q=cartel%20bribes"],
        "claims": [
            f"/api/v1/claims?speaker={a['frequent']}",
            f"/api/v1/claims?target={a['middling']}",
            "/api/v1/claims?status=denied&from=2020",
        ],
        "events": [
            f"/api/v1/events?actor={a['frequent']}&from=2018&to=2019",
            "/api/v1/events?type=ACCUSE&modality=alleged",
            f"/api/v1/events?actor={a['rare']}",
        ],
        "failures": ["/api/v1/failures"],
        "stats": ["/api/v1/stats"],
        # The pages: the server's time to the whole HTML (the browser's drawing is not counted).
        "page_entity": [f"/entities/{i}" for i in ids],
        "page_document": [f"/documents/{d}" for d in docs],
        "page_entities": [
            "/entities",
            "/entities?type=ORG&offset=100",
            f"/entities?q={middling_name}",
        ],
    }


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def measure(
    get: Callable[[str], int], urls: dict[str, list[str]], requests: int
) -> dict[str, tuple[float, float, float, float]]:
    """``{route: (p50 ms, p95 ms, CPU p50 ms, CPU p95 ms)}`` over ``requests`` requests per
    route, its URLs in turn. CPU time is this process's (the server runs in it, DuckDB's threads
    included): steadier than wall time on a loaded machine."""
    out = {}
    for name, asked in urls.items():
        times, cpu = [], []
        for i in range(requests):
            t0, c0 = time.perf_counter(), time.process_time()
            status = get(asked[i % len(asked)])
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            if status != 200:
                raise SystemExit(f"{asked[i % len(asked)]} answered {status}")
        out[name] = (
            _percentile(times, 50),
            _percentile(times, 95),
            _percentile(cpu, 50),
            _percentile(cpu, 95),
        )
    return out


def main() -> None:
    from fastapi.testclient import TestClient

    from newsgraph.serve import ServeSettings, create_app

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--requests", type=int, default=20, help="per route and repeat")
    ap.add_argument("--db", default=None, help="keep (or reuse) the synthetic store here")
    ap.add_argument(
        "--record-under-load",
        action="store_true",
        help="write the results even when the 1-minute load reaches the CPU count (the load "
        "averages are stored beside them: figures under load are pessimistic)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "serve.duckdb"
        if not path.exists():
            t0 = time.perf_counter()
            build_store(path, args.docs)
            print(f"built {args.docs} articles in {time.perf_counter() - t0:.0f}s: {path}")
        urls = routes(path)
        app = create_app(ServeSettings(db=str(path)))
        load = [os.getloadavg()[0]]
        with TestClient(app) as client:

            def get(url: str) -> int:
                return client.get(url).status_code

            t0 = time.perf_counter()
            get(urls["search"][0])
            cold_search = (time.perf_counter() - t0) * 1000
            measure(get, urls, 1)  # warm-up: every route once
            runs = []
            for _ in range(args.repeats):
                runs.append(measure(get, urls, args.requests))
                load.append(os.getloadavg()[0])
    metrics: dict[str, float | int] = {"docs": args.docs}
    for name in urls:
        metrics[f"{name}_p50_ms"] = round(statistics.median(r[name][0] for r in runs), 1)
        metrics[f"{name}_p95_ms"] = round(statistics.median(r[name][1] for r in runs), 1)
        metrics[f"{name}_cpu_p50_ms"] = round(statistics.median(r[name][2] for r in runs), 1)
        metrics[f"{name}_cpu_p95_ms"] = round(statistics.median(r[name][3] for r in runs), 1)
    metrics["search_first_request_ms"] = round(cold_search, 1)
    p95 = {n: float(metrics[f"{n}_p95_ms"]) for n in urls}
    metrics["target_p95_met"] = int(all(p95[n] < 100 for n in TARGET_ROUTES))
    metrics["target_p95_met_without_search"] = int(
        all(p95[n] < 100 for n in TARGET_ROUTES if n != "search")
    )
    metrics["pages_p95_under_300"] = int(all(p95[n] < 300 for n in PAGE_ROUTES))
    cpu95 = {n: float(metrics[f"{n}_cpu_p95_ms"]) for n in urls}
    metrics["target_cpu_p95_met_without_search"] = int(
        all(cpu95[n] < 100 for n in TARGET_ROUTES if n != "search")
    )
    metrics["pages_cpu_p95_under_300"] = int(all(cpu95[n] < 300 for n in PAGE_ROUTES))
    metrics["load_avg_max"] = round(max(load), 2)
    metrics["load_avg_median"] = round(statistics.median(load), 2)
    metrics["cpus"] = os.cpu_count() or 1
    quiet = max(load) < (os.cpu_count() or 1)
    metrics["recorded_under_load"] = int(not quiet)
    command = (
        f".venv/bin/python -m benchmarks.serve_latency --docs {args.docs} "
        f"--repeats {args.repeats} --requests {args.requests}"
        + (" --record-under-load" if args.record_under_load else "")
    )
    save = (quiet or args.record_under_load) and args.docs == 100_000
    record("serve_latency", metrics, command, save=save)
    if not quiet:
        state = "recorded anyway (--record-under-load)" if save else "not recorded"
        print(f"   (machine busy: load {max(load):.1f} on {os.cpu_count()} CPUs; {state})")


if __name__ == "__main__":
    main()
