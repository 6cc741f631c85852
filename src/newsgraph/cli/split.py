"""``newsgraph split ENTITY ALIAS``: detach the articles that know an entity by an alias."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.merge import _canonical_of
from newsgraph.cli.resolve import run_resolution


@click.command("split")
@click.argument("entity")
@click.argument("alias")
@click.option("--note", default=None, help="Why (kept with the decision).")
@db_option
@json_option
def command(entity: str, alias: str, note: str | None, db: str, as_json: bool) -> None:
    """Detach from ENTITY (canonical id or name) the doc-level entities known by ALIAS into their
    own canonical entity. Stored as a decision and replayed on every resolve."""
    from newsgraph.resolve.decisions import add_decision
    from newsgraph.resolve.lookup import anchor, find_canonical
    from newsgraph.store import Store

    with Store(db) as store:
        con = store.con
        found = find_canonical(con, entity)
        text = f"split {alias!r} from {found.name!r} ({found.id})"
        decision = add_decision(
            con, "split", anchor(con, found.id, not_alias=alias), alias, note or text
        )
        run_resolution(store)
        kept = _canonical_of(con, decision.a)
        out = {"decision": decision.id, "kind": "split", "entity": kept, "alias": alias}
        if as_json:
            emit_json(out)
        else:
            click.echo(f"{text}: {found.name!r} is now {kept} (decision {decision.id})")
