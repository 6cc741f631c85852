"""``newsgraph stages``: introspection of the registered pipeline stages and the active order."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import click

from newsgraph.cli.common import config_option, emit_json
from newsgraph.config import load_config
from newsgraph.pipeline.registry import registered_stages, resolve_stages


@dataclass(frozen=True)
class StageRow:
    name: str
    order: int | None  # position in the configured pipeline; None when not active
    requires: list[str]
    assigns: list[str]
    doc: str


@click.command("stages")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(config_path: str | None, as_json: bool) -> None:
    """List registered stages with what each requires and assigns, and the configured order."""
    config = load_config(config_path)
    active = [s.name for s in resolve_stages(config.pipeline.stages)]
    rows = sorted(
        (
            StageRow(
                name=spec.name,
                order=active.index(spec.name) + 1 if spec.name in active else None,
                requires=list(spec.requires),
                assigns=list(spec.assigns),
                doc=spec.doc,
            )
            for spec in registered_stages().values()
        ),
        key=lambda r: (r.order is None, r.order or 0, r.name),
    )
    if as_json:
        emit_json([{**dataclasses.asdict(r), "active": r.order is not None} for r in rows])
        return
    for row in rows:
        mark = f"{row.order}." if row.order else "-"
        click.echo(f"{mark:<3} {row.name:<20} {row.doc}")
        click.echo(f"    requires: {', '.join(row.requires) or '-'}")
        click.echo(f"    assigns:  {', '.join(row.assigns) or '-'}")
