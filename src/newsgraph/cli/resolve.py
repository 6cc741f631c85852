"""``newsgraph resolve``: re-run cross-document entity resolution over the whole store
(:func:`newsgraph.app.resolution.resolve`)."""

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
        f"entities ({stats['decisions']} decisions applied) in {total:.1f}s"
    )
    rules = stats.get("rules") or {}
    if isinstance(rules, dict):
        click.echo("links by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(rules.items())))


@click.command("resolve")
@db_option
@json_option
def command(db: str, as_json: bool) -> None:
    """Rebuild canonical entities from every stored article, replaying merge/split decisions."""
    from newsgraph.app.resolution import resolve

    print_stats(resolve(db), as_json)
