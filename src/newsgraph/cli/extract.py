"""``newsgraph extract``: print JSON contract v1 for each document, touching no database
(:func:`newsgraph.app.extract.extract_paths`); with ``--engine spark --out DIR`` the records are
written as Parquet partitioned by date instead."""

from __future__ import annotations

import sys

import click

from newsgraph.cli.common import config_option, emit_json
from newsgraph.cli.engines import build_engine, engine_options
from newsgraph.cli.progress import input_options, report_failures
from newsgraph.errors import Failure


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@input_options
@engine_options
@click.option(
    "--out",
    default=None,
    metavar="DIR",
    help="With --engine spark: write the records as Parquet partitioned by date into DIR "
    "(new or empty) instead of printing them.",
)
@config_option
def command(
    paths: tuple[str, ...],
    fmt: str | None,
    no_repair: bool,
    workers: int,
    engine_name: str,
    master: str | None,
    engine_conf: tuple[str, ...],
    out: str | None,
    config_path: str | None,
) -> None:
    """Read articles and print one JSON object per document (contract v1) on stdout.

    PATHS are files, directories (read recursively) or - for stdin. Failures are reported on
    stderr; the exit code is 1 when any input failed. With --engine spark --out DIR the
    records go to DIR as Parquet (one row per document or failure, partitioned by date) and
    stdout gets a one-line summary.
    """
    from newsgraph.app.extract import extract_paths

    engine = build_engine(engine_name, workers=workers, master=master, conf=engine_conf, out=out)
    failures: list[Failure] = []
    written = 0
    for item in extract_paths(
        list(paths),
        fmt=fmt,
        repair=False if no_repair else None,
        workers=workers,
        config_path=config_path,
        engine=engine,
    ):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        written += 1
        if out is None:
            emit_json(item.to_dict())
            sys.stdout.flush()
    if out is not None:
        click.echo(f"{written} record(s), {len(failures)} failure(s)  ->  {out}")
    if failures:
        report_failures(failures)
        sys.exit(1)
