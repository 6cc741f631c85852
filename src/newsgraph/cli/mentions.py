"""``newsgraph mentions``: every mention in the store with its canonical entity id."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.textfmt import cleaned, reading


@click.command("mentions")
@db_option
@json_option
@click.option("--entity", default=None, help="Only this canonical entity (id or name).")
@click.option("--doc", "doc", default=None, help="Only this document id.")
def command(db: str, as_json: bool, entity: str | None, doc: str | None) -> None:
    """List mentions: one JSON object per line {doc_id, start, end, text, type, entity_id}
    with --json (entity_id = canonical id, offsets into the stored document text), else a table."""
    from newsgraph.app.lookup import find_canonical
    from newsgraph.resolve.mentions import iter_mentions

    with reading(db) as store:
        entity_id = find_canonical(store, entity).id if entity is not None else None
        rows = iter_mentions(store.con, entity=entity_id, doc=doc)
        if as_json:
            for row in rows:
                emit_json(row)
            return
        click.echo(f"{'doc':<18} {'start':>6} {'end':>6} {'type':<7} {'entity':<16} text")
        for r in map(cleaned, rows):
            click.echo(
                f"{r['doc_id'][:18]:<18} {r['start']:>6} {r['end']:>6} {r['type'] or '':<7} "
                f"{r['entity_id'] or '-':<16} {r['text']}"
            )
