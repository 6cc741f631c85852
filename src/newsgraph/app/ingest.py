"""The ingest job: read articles, extract, store them in DuckDB, resolve entities.

Known documents are skipped before the (expensive) pipeline runs, so re-running is cheap and
changes nothing. Each batch is written in one transaction: a run killed midway leaves only whole
batches, and running it again completes the database exactly as one clean run would.

The job holds the database file only while it looks ids up and writes a batch (and for the final
resolution), through :mod:`newsgraph.app.access`: while the pipeline reads articles the file is
free, so ``newsgraph show`` or a running ``newsgraph serve`` can read it, and a reader holding it
makes the next batch wait (bounded) instead of failing. Writing
documents marks resolution pending (``meta.resolve_pending``, in the batch's transaction); only a
completed resolution clears it, so a run killed after its last batch but before or during
resolution is resolved by the next ingest, even one that adds no document.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from newsgraph import faults
from newsgraph.app.access import open_reader, write_store
from newsgraph.app.resolution import run_resolution
from newsgraph.config import Config, load_config
from newsgraph.engines.registry import Engine, EngineOptions, create
from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs
from newsgraph.model.records import DocResult, Document
from newsgraph.store import Store

# Wraps the pipeline's output stream, e.g. in a progress bar; yields the same items.
Progress = Callable[[Iterable[DocResult | Failure]], Iterable[DocResult | Failure]]

log = logging.getLogger(__name__)

LOOKUP_CHUNK = 256  # documents whose ids are checked against the store at once
WRITE_BATCH = 64  # results per transaction


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "new": self.new,
            "unchanged": self.unchanged,
            "failed": len(self.failures),
            "failures": [f.__dict__ for f in self.failures],
        }


def _chunks(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    chunk: list[Document | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextmanager
def _spell(db: str, kept: Store | None, *, refresh_index: bool) -> Iterator[Store]:
    """The store for one write spell: opened and released (readers get the file between spells),
    or ``kept``, the one connection of an in-memory store (which closing would discard)."""
    if kept is not None:
        yield kept
        return
    with write_store(db, refresh_index=refresh_index) as store:
        yield store


class _Lookup:
    """Which ids are stored already, read through a read-only connection that stays open across
    chunks of known documents (re-running over a stored corpus opens the file once) and is
    released as soon as a chunk holds new documents, before the pipeline starts on them."""

    def __init__(self, db: str, kept: Store | None = None) -> None:
        self.db = db
        self.kept = kept
        self._store: Store | None = None

    def known(self, ids: list[str]) -> set[str]:
        if self.kept is not None:
            return self.kept.known_ids(ids)
        if self._store is None:
            self._store = open_reader(self.db)
        return self._store.known_ids(ids)

    def release(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _only_new(
    lookup: _Lookup, items: Iterable[Document | Failure], summary: IngestSummary
) -> Iterator[Document | Failure]:
    """Drop documents already stored (or already seen in this run), counting them unchanged."""
    seen: set[str] = set()
    try:
        for chunk in _chunks(items, LOOKUP_CHUNK):
            ids = [d.id for d in chunk if isinstance(d, Document)]
            known = lookup.known(ids) if ids else set()
            if any(i not in known for i in ids):
                lookup.release()
            for item in chunk:
                if isinstance(item, Failure):
                    yield item
                    continue
                summary.read += 1
                if item.id in known or item.id in seen:
                    summary.unchanged += 1
                    continue
                seen.add(item.id)
                yield item
    finally:
        lookup.release()


def _noting_inputs(
    items: Iterable[Document | Failure], seen: set[str]
) -> Iterator[Document | Failure]:
    """``items`` unchanged, with the input each was read from added to ``seen``."""
    for item in items:
        if isinstance(item, Failure):
            seen.add(item.input)
        elif item.origin is not None:
            seen.add(item.origin.input)
        yield item


def ingest_paths(
    paths: list[str],
    db: str,
    *,
    fmt: str | None = None,
    repair: bool | None = None,
    workers: int = 1,
    config_path: str | None = None,
    resolve: bool = True,
    default_date: str | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> IngestSummary:
    """The whole ingest job as a plain function (the CLI, the benchmarks and tests call it).

    ``default_date`` (ISO ``YYYY[-MM[-DD]]``) dates the documents that have no date of their own.
    ``progress`` wraps the stream of pipeline outputs (the CLI passes a progress bar).
    ``engine`` runs the pipeline (default: the local engine with ``workers`` processes).
    """
    config = load_config(config_path)
    engine = engine or create("local", EngineOptions(workers=workers))
    summary = IngestSummary()
    kept = Store(db) if db == ":memory:" else None
    try:
        return _ingest(
            paths, db, kept, summary, config, fmt, repair, engine, resolve, default_date, progress
        )
    finally:
        if kept is not None:
            kept.close()


def _ingest(
    paths: list[str],
    db: str,
    kept: Store | None,
    summary: IngestSummary,
    config: Config,
    fmt: str | None,
    repair: bool | None,
    engine: Engine,
    resolve: bool,
    default_date: str | None,
    progress: Progress | None,
) -> IngestSummary:
    with _spell(db, kept, refresh_index=False) as store:
        # Create the file (and schema), or fail now if it cannot be written; and see whether an
        # earlier run stopped before its resolution completed (then events are relinked in full).
        stopped_before = store.resolution_pending()
    inputs: set[str] = set()
    items = _noting_inputs(
        read_inputs(paths, fmt=fmt, config=config.ingest, repair=repair, default_date=default_date),
        inputs,
    )
    results: list[DocResult] = []
    failures: list[Failure] = []

    lookup = _Lookup(db, kept)

    def flush() -> None:
        if results or failures:
            # Open for this batch only: readers get the file while the pipeline works.
            lookup.release()
            with _spell(db, kept, refresh_index=False) as store:
                stats = store.write_batch(results, failures)
            summary.new += stats.new
            summary.unchanged += stats.unchanged
            results.clear()
            failures.clear()

    outputs = engine.run(_only_new(lookup, items, summary), config=config)
    for out in progress(outputs) if progress is not None else outputs:
        if isinstance(out, Failure):
            failures.append(out)
            summary.failures.append(out)
        else:
            results.append(out)
        if len(results) >= WRITE_BATCH:
            flush()
    flush()
    # The last spell: failures, resolution and (on close) the search index, in one open.
    with _spell(db, kept, refresh_index=True) as store:
        # Every input named was read again in full: its failures not produced this time are fixed.
        store.prune_failures(inputs, {(f.input, f.line, f.code) for f in summary.failures})
        # Resolve when this run added documents or an earlier one was stopped (killed, or run
        # with --no-resolve) after writing documents but before its resolution completed.
        faults.point("before-resolve")
        if resolve and (summary.new or store.resolution_pending()):
            _resolve(store, relink_all=stopped_before)
            faults.point("resolved")
    return summary


def _resolve(store: Store, *, relink_all: bool = False) -> None:
    """Cross-document resolution of what the new articles touch (entities, then linked events;
    all events when ``relink_all``, see :func:`run_resolution`)."""
    run_resolution(store, relink_all=relink_all)
    store.mark_resolved()
