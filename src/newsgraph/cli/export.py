"""``newsgraph export``: the record in another tool's format, to stdout or a file (or a directory
for formats with one file per table). ``--list`` shows the registered formats. The work is
:func:`newsgraph.app.export.run_export`; this module parses options and reports counts on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsgraph.cli.common import DateBound, db_option, min_confidence_option


def _list_formats() -> None:
    from newsgraph.export import registered

    for exp in registered().values():
        kind = "directory" if exp.directory else exp.extension
        click.echo(f"{exp.name:<12} {kind:<10} {exp.media_type:<32} {exp.description}")


@click.command("export")
@db_option
@click.option("--format", "-f", "fmt", default=None, metavar="FORMAT", help="Output format.")
@click.option("--list", "list_", is_flag=True, help="List the formats and exit.")
@click.option("--entity", default=None, metavar="ID|NAME", help="Only records about this actor.")
@click.option("--from", "date_from", type=DateBound(), default=None, help="From this date.")
@click.option("--to", "date_to", type=DateBound(), default=None, help="Up to this date.")
@click.option("--query", "-q", default=None, help="Only articles matching this search.")
@min_confidence_option
@click.option(
    "-o",
    "--output",
    default=None,
    type=click.Path(),
    help="File (or directory, for per-table formats) to write; default stdout.",
)
def command(
    db: str,
    fmt: str | None,
    list_: bool,
    entity: str | None,
    date_from: str | None,
    date_to: str | None,
    query: str | None,
    min_confidence: float | None,
    output: str | None,
) -> None:
    """Write the record as FORMAT (see --list).

    The filters select articles by date (--from/--to, on the publication date), by full-text
    search (--query) and by actor (--entity: the articles that mention it; event and claim
    formats keep only the records it takes part in). Events and claims less sure than
    --min-confidence are left out (default: the config's, as the read commands; 0 keeps all).
    """
    if list_:
        _list_formats()
        return
    if fmt is None:
        raise click.UsageError("give --format FORMAT (newsgraph export --list shows them)")
    from newsgraph.app.export import run_export
    from newsgraph.export import ExportFilter

    flt = ExportFilter(
        entity=entity,
        date_from=date_from,
        date_to=date_to,
        query=query,
        min_confidence=min_confidence,
    )
    to_stdout = output is None or output == "-"
    out = sys.stdout.buffer if to_stdout else Path(str(output))
    stats = run_export(db, fmt, flt, out)
    counts = ", ".join(f"{n} {kind}" for kind, n in stats.counts.items())
    where = "stdout" if to_stdout else str(output)
    click.echo(f"exported {fmt} to {where}: {counts or 'nothing'}", err=True)
