"""What the Spark engine runs in its executors: one partition of documents through the pipeline.

Spark calls :func:`read_partition` (through ``mapPartitions``) in a Python worker process with an
iterator of ``(seq, item)`` pairs: ``seq`` is the item's place in the input, ``item`` a document or
an ingest failure. The worker builds the pipeline (loading the spaCy model) at its first document
and keeps it in a module-level cache, so a Python worker that Spark reuses for task after task
(``spark.python.worker.reuse``, on by default) loads the model once. Documents are read in chunks
of ``pipeline.batch_size`` through the local engine's chunk reader, so a document that breaks the
parse or overruns its time limit becomes a :class:`Failure` exactly as it does in the local engine.

Each item becomes one row of :data:`COLUMNS`: a result carries its contract v1 record as JSON,
a failure its four fields; ``date`` (the document's date, ``undated`` for failures) is the
column the Parquet output is partitioned by. This module imports neither pyspark nor spaCy at
import time: the driver imports it to name the function, and the workers import it to run it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsgraph.config import Config, limit_blas_threads
from newsgraph.errors import Failure
from newsgraph.model.records import DocResult, Document

if TYPE_CHECKING:
    from newsgraph.pipeline.runner import Pipeline

# (name, Spark SQL type) of each output column, in order; ``date`` is the partition column.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("seq", "bigint"),
    ("id", "string"),
    ("kind", "string"),
    ("record", "string"),
    ("input", "string"),
    ("line", "int"),
    ("code", "string"),
    ("message", "string"),
    ("date", "string"),
)
UNDATED = "undated"  # the partition of failures (and of a document without a date)

Row = tuple[int, str | None, str, str | None, str | None, int | None, str | None, str | None, str]

# This Python worker's pipeline and the config it was built from (one per worker process).
_CACHED: tuple[Config, tuple[str, ...], Pipeline] | None = None


def _pipeline(config: Config, plugins: tuple[str, ...]) -> Pipeline:
    """The pipeline for ``config``, built once per worker process (the model loads once)."""
    global _CACHED
    if _CACHED is None or _CACHED[0] != config or _CACHED[1] != plugins:
        from newsgraph.engines.local import _build_pipeline

        _CACHED = (config, plugins, _build_pipeline(config, plugins))
    return _CACHED[2]


def read_partition(
    config: Config,
    plugins: tuple[str, ...],
    timeout: float | None,
    items: Iterable[tuple[int, Document | Failure]],
) -> Iterator[Row]:
    """One partition's rows, in its input order (``mapPartitions`` with the first three
    arguments bound)."""
    limit_blas_threads()  # before numpy is first imported in this worker
    size = max(1, config.pipeline.batch_size)
    pending: list[tuple[int, Document]] = []
    for seq, item in items:
        passed = item if isinstance(item, Failure) else item.stored
        if passed is None:
            assert isinstance(item, Document)
            pending.append((seq, item))
            if len(pending) >= size:
                yield from _read(config, plugins, timeout, pending)
                pending = []
            continue
        yield from _read(config, plugins, timeout, pending)
        pending = []
        yield to_row(seq, passed)
    yield from _read(config, plugins, timeout, pending)


def _read(
    config: Config,
    plugins: tuple[str, ...],
    timeout: float | None,
    pending: list[tuple[int, Document]],
) -> Iterator[Row]:
    if not pending:
        return
    from newsgraph.engines.local import _read_chunk

    results = _read_chunk(_pipeline(config, plugins), [d for _, d in pending], timeout)
    for (seq, _), out in zip(pending, results, strict=True):
        yield to_row(seq, out)


def to_row(seq: int, item: DocResult | Failure) -> Row:
    """The output row of one result or failure."""
    if isinstance(item, Failure):
        return (seq, None, "failure", None, item.input, item.line, item.code, item.message, UNDATED)
    record = json.dumps(item.to_dict(), ensure_ascii=False)
    return (seq, item.doc.id, "result", record, None, None, None, None, item.doc.date or UNDATED)


def from_row(row: dict[str, Any]) -> DocResult | Failure:
    """The result or failure an output row holds (the inverse of :func:`to_row`)."""
    if row["kind"] == "failure":
        return Failure(
            input=row["input"], line=row["line"], code=row["code"], message=row["message"]
        )
    return DocResult.from_dict(json.loads(row["record"]))
