"""``newsgraph entities``: the actors in the store, most mentioned first."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.textfmt import cleaned, reading, table


@click.command("entities")
@db_option
@json_option
@click.option(
    "--type",
    "type_",
    default=None,
    metavar="TYPE",
    help="Only this type: PERSON, ORG, GPE, LOC, NORP, ...",
)
@click.option(
    "--limit",
    default=50,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many to list (0: all).",
)
@click.option("--query", "-q", default=None, help="Only names or aliases containing this text.")
def command(db: str, as_json: bool, type_: str | None, limit: int, query: str | None) -> None:
    """List actors sorted by mentions. With --json: one JSON object per line
    {id, name, type, aliases, n_mentions, n_docs, resolved, entity_id} (``entity_id`` = ``id``,
    the key every record uses for an actor)."""
    from newsgraph.app import browse

    with reading(db) as store:
        rows = browse.entities(store, q=query, type=type_, limit=limit or None).items
    if as_json:
        for e in rows:
            emit_json(e.to_dict())
        return
    if not rows:
        click.echo("no entities" + (f" of type {type_}" if type_ else ""))
        return
    rows = cleaned(rows)
    lines = table(
        [
            (
                e.n_mentions,
                e.n_docs,
                e.type,
                e.id,
                e.name + (f"  (also: {', '.join(e.aliases[:4])})" if e.aliases else ""),
            )
            for e in rows
        ],
        header=("MENTIONS", "DOCS", "TYPE", "ID", "NAME"),
        right=(0, 1),
    )
    click.echo("\n".join(lines))
    if rows and not rows[0].resolved:
        click.echo(
            "\n(names grouped per spelling: cross-document resolution has not run yet)", err=True
        )
