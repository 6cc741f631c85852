"""``parquet`` and ``csv``: the record as tables, one file per table in a directory.

Tables: ``documents``, ``mentions``, ``entities``, ``canonical_entities``, ``claims``,
``events``, ``timexes``, ``flags`` — the store's columns with their types (VARCHAR, INTEGER,
DOUBLE, BOOLEAN), keyed by ``doc_id`` + the record's doc-local ``id`` as in the contract. Lists
and objects (``source``, ``aliases``, ``date`` …) are JSON text, the same in both formats, so each
table reads in DuckDB, pandas and polars without options. Two join keys are added: ``entities``
has the ``canonical_id`` of the actor it was resolved to (null before resolution) and ``events``
the ``cluster_id`` of the cross-article event it reports.

DuckDB writes each file with ``COPY (SELECT …) TO``, streaming from the store: memory stays
bounded whatever the store's size. The filters select documents (see :mod:`..select`); events
and claims below the least confidence are left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsgraph.export.registry import Exporter, ExportFilter, ExportStats, Writer, register
from newsgraph.export.select import Selection, select
from newsgraph.export.sink import directory_sink
from newsgraph.store.schema import RECORD_TABLES, record_columns

if TYPE_CHECKING:
    from newsgraph.store import Store

TABLES = (
    "documents",
    "mentions",
    "entities",
    "canonical_entities",
    "claims",
    "events",
    "timexes",
    "flags",
)

_DOCUMENT_SELECT = (
    "SELECT id, date, date_precision, title, url, source, "
    "json_extract_string(result, '$.doc.source_id') AS source_id, text, "
    "CAST(repairs AS VARCHAR) AS repairs, ingested_at FROM documents d WHERE {cond} ORDER BY id"
)


def _record_select(table: str, cond: str, sel: Selection) -> str:
    """``SELECT`` of a record table: key columns, each field (JSON as text), joins, filters."""
    cls, keys = RECORD_TABLES[table]
    cols = [f't."{k}"' for k in keys]
    cols += [
        f'CAST(t."{name}" AS VARCHAR) AS "{name}"' if is_json else f't."{name}"'
        for name, _sql, is_json in record_columns(cls)
    ]
    joins = ""
    where = [cond.format(col="t.doc_id")]
    if table == "entities":
        cols.append("l.canonical_id")
        joins = " LEFT JOIN entity_links l ON l.doc_id = t.doc_id AND l.entity_id = t.id"
    if table == "events":
        cols.append("x.cluster_id")
        joins = " LEFT JOIN event_links x ON x.doc_id = t.doc_id AND x.event_id = t.id"
    least = {"events": sel.min_event, "claims": sel.min_claim}.get(table)
    if least is not None:
        # Records from before confidences existed (null) are kept, as the read commands keep them.
        where.append(f"(t.confidence IS NULL OR t.confidence >= {float(least)!r})")
    order = ", ".join(f't."{k}"' for k in keys) + (", t.id" if "ord" not in keys else "")
    return (
        f"SELECT {', '.join(cols)} FROM {table} t{joins} WHERE {' AND '.join(where)} "
        f"ORDER BY {order}"
    )


def _canonical_select(cond: str) -> str:
    return (
        "SELECT c.id, c.name, c.type, CAST(c.aliases AS VARCHAR) AS aliases, c.n_mentions, "
        "c.n_docs, CAST(c.attributes AS VARCHAR) AS attributes FROM canonical_entities c "
        "WHERE c.id IN (SELECT canonical_id FROM entity_links l WHERE "
        f"{cond.format(col='l.doc_id')}) ORDER BY c.id"
    )


def table_selects(sel: Selection, cond: str) -> dict[str, str]:
    """The ``SELECT`` of each exported table under the selection condition ``cond``."""
    out = {}
    for table in TABLES:
        if table == "documents":
            out[table] = _DOCUMENT_SELECT.format(cond=cond.format(col="d.id"))
        elif table == "canonical_entities":
            out[table] = _canonical_select(cond)
        else:
            out[table] = _record_select(table, cond, sel)
    return out


def _writer(fmt: str, extension: str, options: str) -> Writer:
    def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
        folder = directory_sink(out)
        sel = select(store, flt)
        counts: dict[str, int] = {}
        with sel.relation(store) as cond:
            for table, query in table_selects(sel, cond).items():
                path = folder / f"{table}{extension}"
                target = str(path).replace("'", "''")
                # COPY answers with the number of rows it wrote.
                row = store.con.execute(f"COPY ({query}) TO '{target}' ({options})").fetchone()
                counts[table] = int(row[0]) if row else 0
        return ExportStats(counts)

    write.__doc__ = f"Write the selected record as {fmt} files, one per table, into ``out``."
    return write


write_parquet = _writer("Parquet", ".parquet", "FORMAT parquet, COMPRESSION zstd")
write_csv = _writer("CSV", ".csv", "FORMAT csv, HEADER true, DELIMITER ','")

register(
    Exporter(
        name="parquet",
        extension=".parquet",
        media_type="application/vnd.apache.parquet",
        description="one Parquet file per table (documents, mentions, entities, claims, events…)",
        write=write_parquet,
        directory=True,
    )
)
register(
    Exporter(
        name="csv",
        extension=".csv",
        media_type="text/csv",
        description="one CSV file per table (documents, mentions, entities, claims, events…)",
        write=write_csv,
        directory=True,
    )
)
