"""``newsgraph failures``: the inputs ingest could not read, with the reason."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.textfmt import cleaned, reading, table


@click.command("failures")
@db_option
@json_option
@click.option("--limit", default=None, type=click.IntRange(min=1), help="Show at most N.")
def command(db: str, as_json: bool, limit: int | None) -> None:
    """List recorded failures, most recently seen first. With --json: one JSON object per line
    {input, line, code, message, first_seen, last_seen}."""
    from newsgraph.app import browse

    with reading(db) as store:
        rows = browse.failures(store, limit=limit).items
    if as_json:
        for f in rows:
            emit_json(f.to_dict())
        return
    if not rows:
        click.echo("no failures recorded")
        return
    rows = cleaned(rows)
    lines = table(
        [
            (
                f.code,
                f"{f.input}:{f.line}" if f.line is not None else f.input,
                (f.last_seen or f.first_seen)[:19],
                f.message or "",
            )
            for f in rows
        ],
        header=("CODE", "INPUT", "LAST SEEN", "REASON"),
    )
    click.echo("\n".join(lines))
