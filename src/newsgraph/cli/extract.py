"""``newsgraph extract``: print JSON contract v1 for each document, touching no database
(:func:`newsgraph.app.extract.extract_paths`)."""

from __future__ import annotations

import sys

import click

from newsgraph.cli.common import config_option, emit_json
from newsgraph.cli.progress import input_options, report_failures
from newsgraph.errors import Failure


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
    from newsgraph.app.extract import extract_paths

    failures: list[Failure] = []
    for out in extract_paths(
        list(paths),
        fmt=fmt,
        repair=False if no_repair else None,
        workers=workers,
        config_path=config_path,
    ):
        if isinstance(out, Failure):
            failures.append(out)
            continue
        emit_json(out.to_dict())
        sys.stdout.flush()
    if failures:
        report_failures(failures)
        sys.exit(1)
