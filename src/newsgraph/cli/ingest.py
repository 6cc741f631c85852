"""``newsgraph ingest``: read articles, extract, store them in DuckDB, resolve entities.

Known documents are skipped before the (expensive) pipeline runs, so re-running is cheap and
changes nothing. Each batch is written in one transaction: a run killed midway leaves only whole
batches, and running it again completes the database exactly as one clean run would. Writing
documents marks resolution pending (``meta.resolve_pending``, in the batch's transaction); only a
completed resolution clears it, so a run killed after its last batch but before or during
resolution is resolved by the next ingest, even one that adds no document.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import click

from newsgraph.cli.common import DateBound, config_option, db_option, emit_json
from newsgraph.cli.progress import input_options, progress, report_failures
from newsgraph.config import load_config
from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs
from newsgraph.model.records import DocResult, Document
from newsgraph.store import Store

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


def _only_new(
    store: Store, items: Iterable[Document | Failure], summary: IngestSummary
) -> Iterator[Document | Failure]:
    """Drop documents already stored (or already seen in this run), counting them unchanged."""
    seen: set[str] = set()
    for chunk in _chunks(items, LOOKUP_CHUNK):
        ids = [d.id for d in chunk if isinstance(d, Document)]
        known = store.known_ids(ids) if ids else set()
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
) -> IngestSummary:
    """The whole ingest job as a plain function (the CLI and tests call it).

    ``default_date`` (ISO ``YYYY[-MM[-DD]]``) dates the documents that have no date of their own.
    """
    from newsgraph.engines.local import run_pipeline  # imports spaCy: only when needed

    config = load_config(config_path)
    summary = IngestSummary()
    with Store(db) as store:
        inputs: set[str] = set()
        items = _noting_inputs(
            read_inputs(
                paths, fmt=fmt, config=config.ingest, repair=repair, default_date=default_date
            ),
            inputs,
        )
        results: list[DocResult] = []
        failures: list[Failure] = []

        def flush() -> None:
            if results or failures:
                stats = store.write_batch(results, failures)
                summary.new += stats.new
                summary.unchanged += stats.unchanged
                results.clear()
                failures.clear()

        outputs = run_pipeline(
            _only_new(store, items, summary),
            workers=workers,
            config=config,
            doc_timeout=config.pipeline.doc_timeout_s or None,
        )
        for out in progress(outputs, desc="ingest"):
            if isinstance(out, Failure):
                failures.append(out)
                summary.failures.append(out)
            else:
                results.append(out)
            if len(results) >= WRITE_BATCH:
                flush()
        flush()
        # Every input named was read again in full: its failures not produced this time are fixed.
        store.prune_failures(inputs, {(f.input, f.line, f.code) for f in summary.failures})
        # Resolve when this run added documents or an earlier one was stopped (killed, or run
        # with --no-resolve) after writing documents but before its resolution completed.
        if resolve and (summary.new or store.resolution_pending()):
            _resolve(store)
    return summary


def _resolve(store: Store) -> None:
    """Cross-document resolution over the whole store (entities, then linked events)."""
    from newsgraph.resolve import resolve_store

    stats = resolve_store(store)
    log.info("resolve: %s", stats)
    try:
        from newsgraph.resolve.events import link_events
    except ImportError:  # event linking is optional until the events layer provides it
        pass
    else:
        link_events(store)
    store.mark_resolved()


@contextmanager
def _sigterm_exits() -> Iterator[None]:
    """Turn SIGTERM (sent by ``timeout``, Docker, systemd) into ``SystemExit(143)`` while ingest
    runs, so the open batch rolls back and the worker pool is stopped instead of orphaned."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@input_options
@config_option
@click.option(
    "--date",
    "default_date",
    default=None,
    type=DateBound(),
    help="Publication date (YYYY[-MM[-DD]]) of inputs that have none of their own.",
)
@click.option("--no-resolve", is_flag=True, help="Skip cross-document entity resolution.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def command(
    paths: tuple[str, ...],
    db: str,
    fmt: str | None,
    no_repair: bool,
    workers: int,
    config_path: str | None,
    default_date: str | None,
    no_resolve: bool,
    as_json: bool,
) -> None:
    """Read articles from PATHS (files, directories, or - for stdin) into the database.

    Prints how many documents were read, new, unchanged and failed; exits 1 if any failed.
    """
    with _sigterm_exits():
        summary = ingest_paths(
            list(paths),
            db,
            fmt=fmt,
            repair=False if no_repair else None,
            workers=workers,
            config_path=config_path,
            resolve=not no_resolve,
            default_date=default_date,
        )
    if as_json:
        emit_json(summary.to_dict())
    else:
        click.echo(
            f"read {summary.read}, new {summary.new}, unchanged {summary.unchanged}, "
            f"failed {len(summary.failures)}  ->  {db}"
        )
    if summary.failures:
        report_failures(summary.failures)
        sys.exit(1)
