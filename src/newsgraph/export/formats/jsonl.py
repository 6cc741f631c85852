"""``jsonl``: contract v1 records, one document per line, as ``newsgraph extract`` prints them.

Read back from the store page by page (``documents.result`` plus the text). The filters select the
documents; ``min_confidence`` drops the events and claims below it from each record (0 keeps every
record: then a line is exactly what ``extract`` printed for that article). ``newsgraph ingest``
reads such a file back and stores the records as they are, without running the pipeline again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newsgraph.export.registry import Exporter, ExportFilter, ExportStats, register
from newsgraph.export.select import Selection, select
from newsgraph.export.sink import binary_sink
from newsgraph.store.reader import contract_object

if TYPE_CHECKING:
    from newsgraph.store import Store

PAGE = 200  # documents fetched from the store at once


def iter_records(store: Store, sel: Selection) -> Any:
    """The selected contract objects in id order, events and claims filtered by confidence."""
    with sel.relation(store) as cond:
        cur = store.con.execute(
            "SELECT CAST(result AS VARCHAR), text FROM documents "
            f"WHERE {cond.format(col='id')} ORDER BY id"
        )
        while rows := cur.fetchmany(PAGE):
            for result_json, text in rows:
                obj = contract_object(result_json, text)
                obj["events"] = [
                    e for e in obj.get("events", []) if sel.keeps_event(e.get("confidence"))
                ]
                obj["claims"] = [
                    c for c in obj.get("claims", []) if sel.keeps_claim(c.get("confidence"))
                ]
                yield obj


def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    sel = select(store, flt)
    counts = {"documents": 0, "events": 0, "claims": 0}
    with binary_sink(out) as fh:
        for obj in iter_records(store, sel):
            fh.write(json.dumps(obj, ensure_ascii=False).encode("utf-8"))
            fh.write(b"\n")
            counts["documents"] += 1
            counts["events"] += len(obj["events"])
            counts["claims"] += len(obj["claims"])
    return ExportStats(counts)


register(
    Exporter(
        name="jsonl",
        extension=".jsonl",
        media_type="application/x-ndjson",
        description="contract v1 records, one document per line (what 'newsgraph extract' prints)",
        write=write,
    )
)
