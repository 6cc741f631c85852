"""Stability of cross-document resolution: the same articles stored again under other ids.

Copies an ingested store twice: one is resolved as it is; in the other every article (its
``documents``, ``entities`` and ``mentions`` rows) is stored ``--copies`` more times under new ids
before resolving. Both are resolved in full. Stable resolution gives the same canonical entities
(ids and names) in both, each copy's doc-entities linked where the original's are.

    .venv/bin/python -m benchmarks._resolve_stability --db reuters.duckdb [--copies 2]

(``reuters.duckdb``: any store built by ``newsgraph ingest``, e.g. Reuters articles; the store
itself is not changed.)
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import duckdb

from benchmarks.common import record
from newsgraph.resolve import resolve_connection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        once, more = Path(tmp) / "once.duckdb", Path(tmp) / "copies.duckdb"
        shutil.copy(args.db, once)
        shutil.copy(args.db, more)
        ca, cb = duckdb.connect(str(once)), duckdb.connect(str(more))
        sa = resolve_connection(ca, full=True)
        for k in range(args.copies):
            cb.execute(
                f"INSERT INTO documents SELECT * REPLACE (id || '#copy{k}' AS id) FROM documents "
                "WHERE id NOT LIKE '%#copy%'"
            )
            for table in ("entities", "mentions"):
                cb.execute(
                    f"INSERT INTO {table} SELECT * REPLACE (doc_id || '#copy{k}' AS doc_id) "
                    f"FROM {table} WHERE doc_id NOT LIKE '%#copy%'"
                )
        sb = resolve_connection(cb, full=True)
        q = "SELECT id, name FROM canonical_entities"
        ia, ib = set(ca.execute(q).fetchall()), set(cb.execute(q).fetchall())
        apart = cb.execute(
            "SELECT count(*) FROM entity_links c JOIN entity_links o "
            "ON o.doc_id = split_part(c.doc_id, '#copy', 1) AND o.entity_id = c.entity_id "
            "WHERE c.doc_id LIKE '%#copy%' AND c.canonical_id <> o.canonical_id"
        ).fetchone()
        docs = ca.execute("SELECT count(*) FROM documents").fetchone()
        ca.close()
        cb.close()
    metrics = {
        "articles": docs[0] if docs else 0,
        "copies": args.copies,
        "canonical_once": sa.canonical,
        "canonical_with_copies": sb.canonical,
        "same_ids_and_names": len(ia & ib),
        "only_once": len(ia - ib),
        "only_with_copies": len(ib - ia),
        "copies_apart_from_original": apart[0] if apart else 0,
    }
    record(
        "resolve_stability",
        metrics,
        f"python -m benchmarks._resolve_stability --db {Path(args.db).name} --copies {args.copies}",
    )


if __name__ == "__main__":
    main()
