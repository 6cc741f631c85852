"""``newsgraph split ENTITY ALIAS``: detach the articles that know an entity by an alias
(:func:`newsgraph.app.decisions.split`)."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option


@click.command("split")
@click.argument("entity")
@click.argument("alias")
@click.option("--note", default=None, help="Why (kept with the decision).")
@db_option
@json_option
def command(entity: str, alias: str, note: str | None, db: str, as_json: bool) -> None:
    """Detach from ENTITY (canonical id or name) the doc-level entities known by ALIAS into their
    own canonical entity. Stored as a decision and replayed on every resolve."""
    from newsgraph.app.decisions import split

    out = split(db, entity, alias, note)
    if as_json:
        emit_json({k: out[k] for k in ("decision", "kind", "entity_id", "alias")})
    else:
        name, entity, decision = out["name"], out["entity_id"], out["decision"]
        click.echo(f"{out['text']}: {name!r} is now {entity} (decision {decision})")
