"""Bulk writes of a batch of DocResults and Failures (called inside ``Store.write_batch``'s
transaction).

Rows go to DuckDB through newline-delimited JSON files read with ``read_json``: binding Python
values one by one (``executemany``, long parameter lists) costs milliseconds per row in DuckDB's
Python client, while ``read_json`` loads hundreds of thousands of rows per second. The files live
in a temporary directory that is removed when the batch ends.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import Failure
from newsgraph.model.records import CONTRACT_VERSION, DocResult
from newsgraph.store import fts, schema

if TYPE_CHECKING:
    from newsgraph.store.core import BatchStats, Store

# Large articles are allowed (ingest.max_chars), so one JSON line may be big.
_MAX_OBJECT_BYTES = 1 << 28

_DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("date", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("title", "VARCHAR"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("text", "VARCHAR"),
    ("repairs", "JSON"),
    ("result", "JSON"),
)
_SENTENCE_COLUMNS = (
    ("doc_id", "VARCHAR"),
    ("ord", "INTEGER"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
)
_FAILURE_COLUMNS = (
    ("input", "VARCHAR"),
    ("line", "INTEGER"),
    ("code", "VARCHAR"),
    ("message", "VARCHAR"),
)


def write(store: Store, results: Sequence[DocResult], failures: Sequence[Failure]) -> BatchStats:
    """Insert the new documents of ``results`` and record ``failures``; the caller holds the
    transaction."""
    from newsgraph.store.core import BatchStats

    known = store.known_ids(r.doc.id for r in results)
    fresh: dict[str, DocResult] = {}
    for r in results:
        if r.doc.id not in known and r.doc.id not in fresh:
            fresh[r.doc.id] = r
    with tempfile.TemporaryDirectory(prefix="newsgraph-batch-") as tmp:
        loader = _Loader(store, Path(tmp))
        if fresh:
            _write_documents(loader, list(fresh.values()))
            # The batch's articles join the search index in the same transaction, so readers
            # (a server during a long ingest) find them by search as soon as they can read them.
            # Without the extension they stay pending and are indexed when it is back.
            if store.load_fts():
                fts.update_index(store.con, list(fresh))
            # Same transaction as the documents: a kill after this commit leaves the mark, and
            # the next ingest (even one adding nothing) resolves before clearing it.
            store.set_meta("resolve_pending", "1")
        if failures:
            _write_failures(loader, failures)
    return BatchStats(new=len(fresh), unchanged=len(results) - len(fresh), failed=len(failures))


def _write_documents(loader: _Loader, results: list[DocResult]) -> None:
    doc_rows: list[dict[str, Any]] = []
    sentence_rows: list[dict[str, Any]] = []
    record_rows: dict[str, list[dict[str, Any]]] = {t: [] for t in schema.RECORD_TABLES}
    for r in results:
        doc = r.doc.to_dict()
        doc_id = doc["id"]
        doc_rows.append(
            {**{k: doc.get(k) for k, _ in _DOCUMENT_COLUMNS[:8]}, "result": stored_result(r)}
        )
        sentence_rows += [
            {"doc_id": doc_id, "ord": i, "start": s, "end": e}
            for i, (s, e) in enumerate(r.sentences)
        ]
        for table, (_cls, keys) in schema.RECORD_TABLES.items():
            ordinal = "ord" in keys
            for i, rec in enumerate(getattr(r, table)):
                row = {"doc_id": doc_id, **_shallow(rec)}
                if ordinal:
                    row["ord"] = i
                record_rows[table].append(row)
    loader.insert(
        "documents", _DOCUMENT_COLUMNS, doc_rows, extra={"ingested_at": "current_timestamp"}
    )
    loader.insert("sentences", _SENTENCE_COLUMNS, sentence_rows)
    for table, (cls, keys) in schema.RECORD_TABLES.items():
        key_cols = tuple((k, "VARCHAR" if k == "doc_id" else "INTEGER") for k in keys)
        cols = key_cols + tuple((n, t) for n, t, _ in schema.record_columns(cls))
        loader.insert(table, cols, record_rows[table])


def _write_failures(loader: _Loader, failures: Sequence[Failure]) -> None:
    rows = [
        {"input": f.input, "line": f.line, "code": f.code, "message": f.message} for f in failures
    ]
    src = loader.source(_FAILURE_COLUMNS, rows)
    con = loader.store.con
    # Seen before: keep first_seen, refresh the message and last_seen.
    con.execute(
        f"""UPDATE failures AS x SET message = s.message, last_seen = current_timestamp
            FROM (SELECT input, line, code, any_value(message) AS message FROM {src}
                  GROUP BY ALL) AS s
            WHERE x.input = s.input AND x.line IS NOT DISTINCT FROM s.line AND x.code = s.code"""
    )
    con.execute(
        f"""INSERT INTO failures (input, line, code, message, first_seen, last_seen)
            SELECT input, line, code, any_value(message), current_timestamp, current_timestamp
            FROM {src} AS s
            WHERE NOT EXISTS (SELECT 1 FROM failures AS x WHERE x.input = s.input
                              AND x.line IS NOT DISTINCT FROM s.line AND x.code = s.code)
            GROUP BY input, line, code"""
    )


def stored_result(result: DocResult) -> dict[str, Any]:
    """What ``documents.result`` holds: the contract object (``result.to_dict()``) without
    ``doc.text``, which is stored once, in ``documents.text``. Records stay dataclasses here;
    :func:`_json_default` turns them into objects while encoding, which is several times faster
    than ``dataclasses.asdict`` (it deep-copies every value)."""
    doc = result.doc.to_dict()
    del doc["text"]
    data: dict[str, Any] = {"contract": CONTRACT_VERSION, "doc": doc}
    for name in _field_names(type(result)):
        if name != "doc":
            data[name] = getattr(result, name)
    return data


def dumps(value: Any) -> str:
    """JSON text of rows holding records (dataclasses become objects, tuples arrays)."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _shallow(record: Any) -> dict[str, Any]:
    return {n: getattr(record, n) for n in _field_names(type(record))}


def _json_default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _shallow(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


class _Loader:
    """Writes rows as NDJSON files and inserts them with ``read_json``."""

    def __init__(self, store: Store, tmp: Path) -> None:
        self.store = store
        self.tmp = tmp
        self._n = 0

    def source(self, columns: Sequence[tuple[str, str]], rows: Iterable[Mapping[str, Any]]) -> str:
        """A ``read_json(...)`` table expression over ``rows`` with the given typed columns."""
        self._n += 1
        path = self.tmp / f"rows{self._n}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(dumps(row))
                fh.write("\n")
        spec = ", ".join(f"'{_q(n)}': '{t}'" for n, t in columns)
        return (
            f"read_json('{_q(str(path))}', format = 'newline_delimited', "
            f"columns = {{{spec}}}, maximum_object_size = {_MAX_OBJECT_BYTES})"
        )

    def insert(
        self,
        table: str,
        columns: Sequence[tuple[str, str]],
        rows: Sequence[Mapping[str, Any]],
        extra: Mapping[str, str] | None = None,
    ) -> None:
        """Insert ``rows`` into ``table``; ``extra`` maps more columns to SQL expressions."""
        if not rows:
            return
        src = self.source(columns, rows)
        names = [n for n, _ in columns]
        extra = dict(extra or {})
        target = ", ".join(f'"{n}"' for n in [*names, *extra])
        select = ", ".join([*(f'"{n}"' for n in names), *extra.values()])
        self.store.con.execute(f"INSERT INTO {table} ({target}) SELECT {select} FROM {src}")


def _q(value: str) -> str:
    return value.replace("'", "''")
