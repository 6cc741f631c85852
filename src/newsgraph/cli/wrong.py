"""``newsgraph wrong claim|event DOC RECORD``: mark an extracted record wrong
(:func:`newsgraph.app.decisions.mark_wrong`)."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.textfmt import clean


@click.command("wrong")
@click.argument("what", type=click.Choice(["claim", "event"]))
@click.argument("doc")
@click.argument("record")
@click.option("--note", default=None, help="Why (kept with the decision).")
@db_option
@json_option
def command(what: str, doc: str, record: str, note: str | None, db: str, as_json: bool) -> None:
    """Mark claim or event RECORD (its id, e.g. c3 or v2) of document DOC (id or unique prefix)
    wrong: lists, timelines and dossiers leave it out; 'newsgraph doc' flags it. Stored as a
    decision (kept across re-ingest and re-resolution); 'newsgraph undo ID' reverts it."""
    from newsgraph.app.decisions import mark_wrong

    out = mark_wrong(db, "claim" if what == "claim" else "event", doc, record, note)
    if as_json:
        emit_json(out)
    else:
        click.echo(f"{clean(out['text'], inline=True)} (decision {out['decision']})")
