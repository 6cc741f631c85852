"""The exporter registry: built-ins listed, unknown names and clashes refused with their codes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.errors import ExporterConflictError, UnknownExporterError
from newsgraph.export import Exporter, ExportStats, get_exporter, register, registered


def test_builtin_jsonl_is_registered() -> None:
    assert registered()["jsonl"].media_type == "application/x-ndjson"


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UnknownExporterError) as err:
        get_exporter("nope")
    assert "jsonl" in err.value.describe()


def test_a_clash_is_refused() -> None:
    def other(*_: object) -> ExportStats:
        return ExportStats()

    with pytest.raises(ExporterConflictError):
        register(Exporter("jsonl", ".jsonl", "x/y", "clash", other))


def test_export_list_shows_every_registered_format() -> None:
    out = CliRunner().invoke(cli, ["export", "--list"])
    assert out.exit_code == 0
    for name in registered():
        assert name in out.output
