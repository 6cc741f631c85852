"""``newsgraph stages``: introspection of the registered pipeline stages and the active order
(:func:`newsgraph.app.stages.stage_rows`)."""

from __future__ import annotations

import dataclasses

import click

from newsgraph.cli.common import config_option, emit_json


@click.command("stages")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(config_path: str | None, as_json: bool) -> None:
    """List registered stages with what each requires and assigns, and the configured order."""
    from newsgraph.app.stages import stage_rows

    rows = stage_rows(config_path)
    if as_json:
        emit_json([{**dataclasses.asdict(r), "active": r.order is not None} for r in rows])
        return
    for row in rows:
        mark = f"{row.order}." if row.order else "-"
        click.echo(f"{mark:<3} {row.name:<20} {row.doc}")
        click.echo(f"    requires: {', '.join(row.requires) or '-'}")
        click.echo(f"    assigns:  {', '.join(row.assigns) or '-'}")
