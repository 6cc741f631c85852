"""``stage_rows``: the registered stages, the configured ones first and in order; the CLI prints
exactly those rows."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsgraph.app.stages import stage_rows
from newsgraph.cli.main import cli
from newsgraph.config import load_config


def test_active_stages_in_configured_order() -> None:
    rows = stage_rows()
    active = [r for r in rows if r.order is not None]
    assert [r.order for r in active] == list(range(1, len(active) + 1))
    assert rows[: len(active)] == active  # inactive ones after
    assert [r.name for r in active] == list(load_config().pipeline.stages)


def test_cli_prints_the_app_rows() -> None:
    result = CliRunner().invoke(cli, ["stages", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    shown = json.loads(result.output)
    assert [r["name"] for r in shown] == [r.name for r in stage_rows()]
    assert all(r["active"] == (r["order"] is not None) for r in shown)
