"""``newsgraph merge A B``: judge two canonical entities to be one actor (kept as a decision)."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.resolve import run_resolution


@click.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("--note", default=None, help="Why (kept with the decision).")
@db_option
@json_option
def command(a: str, b: str, note: str | None, db: str, as_json: bool) -> None:
    """Merge entity A and entity B (canonical ids or names). The decision is stored and replayed
    on every resolve, so it survives re-ingest and re-resolution."""
    from newsgraph.resolve.decisions import add_decision
    from newsgraph.resolve.lookup import anchor, find_canonical
    from newsgraph.store import Store

    with Store(db) as store:
        con = store.con
        ea, eb = find_canonical(con, a), find_canonical(con, b)
        if ea.id == eb.id:
            raise click.ClickException(f"{a!r} and {b!r} are already one entity ({ea.id})")
        text = f"merge {ea.name!r} ({ea.id}) with {eb.name!r} ({eb.id})"
        decision = add_decision(con, "merge", anchor(con, ea.id), anchor(con, eb.id), note or text)
        run_resolution(store)
        merged = find_canonical(con, _canonical_of(con, decision.a))
        out = {"decision": decision.id, "kind": "merge", "entity": merged.id, "name": merged.name}
        if as_json:
            emit_json(out)
        else:
            click.echo(f"{text}: now {merged.id} {merged.name!r} (decision {decision.id})")


def _canonical_of(con: object, key: str) -> str:
    doc_id, _, entity_id = key.rpartition("/")
    row = con.execute(  # type: ignore[attr-defined]
        "SELECT canonical_id FROM entity_links WHERE doc_id = ? AND entity_id = ?",
        [doc_id, entity_id],
    ).fetchone()
    return str(row[0]) if row else key
