"""``newsgraph extract``: print JSON contract v1 for each document, touching no database."""

from __future__ import annotations

import sys

import click

from newsgraph.cli.common import config_option, emit_json
from newsgraph.cli.progress import input_options, report_failures
from newsgraph.config import load_config
from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@input_options
@config_option
def command(
    paths: tuple[str, ...],
    fmt: str | None,
    no_repair: bool,
    workers: int,
    config_path: str | None,
) -> None:
    """Read articles and print one JSON object per document (contract v1) on stdout.

    PATHS are files, directories (read recursively) or - for stdin. Failures are reported on
    stderr; the exit code is 1 when any input failed.
    """
    from newsgraph.engines.local import run_pipeline  # imports spaCy: only when needed

    config = load_config(config_path)
    items = read_inputs(
        list(paths), fmt=fmt, config=config.ingest, repair=False if no_repair else None
    )
    failures: list[Failure] = []
    for out in run_pipeline(
        items,
        workers=workers,
        config=config,
        doc_timeout=config.pipeline.doc_timeout_s or None,
    ):
        if isinstance(out, Failure):
            failures.append(out)
            continue
        emit_json(out.to_dict())
        sys.stdout.flush()
    if failures:
        report_failures(failures)
        sys.exit(1)
