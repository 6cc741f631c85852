"""``newsgraph stages``: introspection of the registered pipeline stages and the active order."""

from __future__ import annotations

import click

from newsgraph.cli.common import config_option, emit_json
from newsgraph.config import load_config
from newsgraph.pipeline.registry import registered_stages, resolve_stages


@click.command("stages")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(config_path: str | None, as_json: bool) -> None:
    """List registered stages with what each requires and assigns, and the configured order."""
    config = load_config(config_path)
    active = [s.name for s in resolve_stages(config.pipeline.stages)]
    rows = [
        {
            "name": spec.name,
            "active": spec.name in active,
            "order": active.index(spec.name) + 1 if spec.name in active else None,
            "requires": list(spec.requires),
            "assigns": list(spec.assigns),
            "doc": spec.doc,
        }
        for spec in sorted(registered_stages().values(), key=lambda s: s.name)
    ]
    if as_json:
        emit_json(rows)
        return
    for row in sorted(rows, key=lambda r: (r["order"] is None, r["order"] or 0)):
        mark = f"{row['order']}." if row["order"] else "-"
        click.echo(f"{mark:<3} {row['name']:<20} {row['doc']}")
        click.echo(f"    requires: {', '.join(row['requires']) or '-'}")
        click.echo(f"    assigns:  {', '.join(row['assigns']) or '-'}")
