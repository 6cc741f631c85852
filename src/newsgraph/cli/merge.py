"""``newsgraph merge A B``: judge two canonical entities to be one actor (kept as a decision;
:func:`newsgraph.app.decisions.merge`)."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.errors import SameEntityError


@click.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("--note", default=None, help="Why (kept with the decision).")
@db_option
@json_option
def command(a: str, b: str, note: str | None, db: str, as_json: bool) -> None:
    """Merge entity A and entity B (canonical ids or names). The decision is stored and replayed
    on every resolve, so it survives re-ingest and re-resolution."""
    from newsgraph.app.decisions import merge

    try:
        out = merge(db, a, b, note)
    except SameEntityError as err:
        raise click.ClickException(err.message) from err
    if as_json:
        emit_json({k: out[k] for k in ("decision", "kind", "entity_id", "name")})
    else:
        entity, name, decision = out["entity_id"], out["name"], out["decision"]
        click.echo(f"{out['text']}: now {entity} {name!r} (decision {decision})")
