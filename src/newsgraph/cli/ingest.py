"""``newsgraph ingest``: read articles into the database (the job is
:func:`newsgraph.app.ingest.ingest_paths`); a progress bar, a summary and the failures."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import click

from newsgraph.app.ingest import IngestSummary, ingest_paths
from newsgraph.cli.common import DateBound, config_option, db_option, emit_json
from newsgraph.cli.engines import build_engine, engine_options
from newsgraph.cli.progress import input_options, progress, report_failures

__all__ = ["IngestSummary", "command", "ingest_paths"]


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
@engine_options
@click.option(
    "--out",
    default=None,
    metavar="DIR",
    help="With --engine spark: keep the Parquet the executors write here (default: a "
    "temporary directory, removed after the run).",
)
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
    engine_name: str,
    master: str | None,
    engine_conf: tuple[str, ...],
    out: str | None,
    config_path: str | None,
    default_date: str | None,
    no_resolve: bool,
    as_json: bool,
) -> None:
    """Read articles from PATHS (files, directories, or - for stdin) into the database.

    Prints how many documents were read, new, unchanged and failed; exits 1 if any failed.
    With --engine spark the pipeline runs in PySpark executors (--master) and the store is
    loaded from the Parquet they write.
    """
    engine = build_engine(engine_name, workers=workers, master=master, conf=engine_conf, out=out)
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
            progress=lambda outputs: progress(outputs, desc="ingest"),
            engine=engine,
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
