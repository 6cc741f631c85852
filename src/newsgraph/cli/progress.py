"""Options and reporting shared by the commands that read inputs (ingest, extract)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import click

from newsgraph.cli.common import max_workers
from newsgraph.cli.textfmt import clean
from newsgraph.errors import Failure

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

FORMATS = ("seed", "jsonl", "csv", "html")


def input_options(func: F) -> F:
    func = click.option(
        "--workers",
        type=click.IntRange(min=1, max=max_workers()),
        default=1,
        show_default=True,
        help="Worker processes for the pipeline (1 to twice the CPU count, at most 32; "
        "each holds about 0.5 GB).",
    )(func)
    func = click.option(
        "--no-repair",
        is_flag=True,
        help="Keep doc.text identical to the input (no glued-word, mojibake or space repair).",
    )(func)
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Input format; by default chosen by file extension.",
    )(func)
    return func


def progress(items: Iterable[T], desc: str, unit: str = "doc") -> Iterator[T]:
    """A progress bar on stderr when it is a terminal; the items unchanged otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True)


def report_failures(failures: Sequence[Failure], limit: int = 20) -> None:
    click.echo(f"{len(failures)} input(s) failed:", err=True)
    for f in failures[:limit]:
        where = f"{f.input}:{f.line}" if f.line is not None else f.input
        click.echo(clean(f"  [{f.code}] {where}: {f.message}", inline=True), err=True)
    if len(failures) > limit:
        click.echo(
            f"  ... and {len(failures) - limit} more ('newsgraph failures' lists all)", err=True
        )
