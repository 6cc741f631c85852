"""``newsgraph resolve``: cross-document entity resolution of what is new in the store, or of
the whole store with ``--full`` (:func:`newsgraph.app.resolution.resolve`)."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option


def print_stats(stats: dict[str, object], as_json: bool) -> None:
    if as_json:
        emit_json(stats)
        return
    seconds = stats.get("seconds") or {}
    total = sum(seconds.values()) if isinstance(seconds, dict) else 0.0
    click.echo(
        f"resolved {stats['entities']} doc-level entities into {stats['canonical']} canonical "
        f"entities ({stats['decisions']} decisions applied) in {total:.1f}s "
        f"[{stats.get('mode', 'full')}: {stats.get('new', 0)} new doc-level entities, "
        f"{stats.get('changed', 0)} canonical entities changed]"
    )
    rules = stats.get("rules") or {}
    if isinstance(rules, dict):
        click.echo("links by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(rules.items())))


@click.command("resolve")
@db_option
@click.option(
    "--full",
    is_flag=True,
    help="Rebuild from every stored article instead of resolving only what is new (same result).",
)
@json_option
def command(db: str, full: bool, as_json: bool) -> None:
    """Resolve new doc-level entities against the canonical ones (only the parts new articles
    or changed merge/split decisions touch), replaying merge/split decisions; --full rebuilds."""
    from newsgraph.app.resolution import resolve

    print_stats(resolve(db, full=full), as_json)
