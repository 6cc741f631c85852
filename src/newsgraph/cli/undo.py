"""``newsgraph undo ID``: forget a decision (:func:`newsgraph.app.decisions.undo`)."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.textfmt import clean


@click.command("undo")
@click.argument("decision")
@db_option
@json_option
def command(decision: str, db: str, as_json: bool) -> None:
    """Undo DECISION (an id from 'newsgraph decisions'): a merge or split is reverted by
    resolving again; a record marked wrong is shown again."""
    from newsgraph.app.decisions import undo

    out = undo(db, decision)
    if as_json:
        emit_json(out)
    else:
        click.echo(clean(out["text"], inline=True))
