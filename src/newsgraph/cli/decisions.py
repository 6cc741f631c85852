"""``newsgraph decisions``: the corrections kept in the store, newest first
(:func:`newsgraph.app.decisions.list_decisions`)."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.textfmt import clean, reading, table


@click.command("decisions")
@click.option(
    "--kind",
    type=click.Choice(["merge", "split", "wrong_claim", "wrong_event"]),
    default=None,
    help="Only decisions of this kind.",
)
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@db_option
@json_option
def command(kind: str | None, limit: int, offset: int, db: str, as_json: bool) -> None:
    """List the decisions (merge, split, wrong claim or event), newest first, with what each is
    about; undo one with 'newsgraph undo ID'."""
    from newsgraph.app.decisions import list_decisions

    with reading(db) as store:
        page = list_decisions(store, limit=limit, offset=offset, kind=kind)
    if as_json:
        emit_json(page.to_dict())
        return
    if not page.items:
        click.echo("no decisions" if not page.total else f"no decisions past {offset}")
        return
    rows = [
        (d.id, d.kind, d.created_at.replace("T", " "), "yes" if d.applied else "no", d.text)
        for d in page.items
    ]
    click.echo("\n".join(table(rows, ["id", "kind", "made", "applied", "decision"])))
    for d in page.items:
        if d.note and d.note not in d.text and not d.note.startswith(("merge ", "split ")):
            click.echo(f"  {d.id}: {clean(d.note, inline=True)}")
    shown = offset + len(page.items)
    if shown < page.total:
        click.echo(f"{shown} of {page.total}; more with --offset {shown}")
