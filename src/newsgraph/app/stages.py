"""The registered pipeline stages and the configured order, for introspection."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.config import load_config
from newsgraph.pipeline.registry import registered_stages, resolve_stages


@dataclass(frozen=True)
class StageRow:
    name: str
    order: int | None  # position in the configured pipeline; None when not active
    requires: list[str]
    assigns: list[str]
    doc: str


def stage_rows(config_path: str | None = None) -> list[StageRow]:
    """Every registered stage, the active ones first in their configured order."""
    config = load_config(config_path)
    active = [s.name for s in resolve_stages(config.pipeline.stages)]
    return sorted(
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
