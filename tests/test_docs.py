"""Docs kept honest: every command, option-bearing contract field and stage is in the README."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from newsgraph.cli.main import cli
from newsgraph.model import records
from newsgraph.pipeline.registry import registered_stages

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _contract_section() -> str:
    match = re.search(r"## JSON contract v1(.*?)\n## ", README, re.S)
    assert match, "README has a '## JSON contract v1' section"
    return match.group(1)


def test_every_cli_command_is_documented() -> None:
    missing = [name for name in cli.commands if f"newsgraph {name}" not in README]
    assert missing == []


def test_every_contract_field_is_documented() -> None:
    section = _contract_section()
    record_types = [
        records.Document,
        records.Repair,
        records.Mention,
        records.Entity,
        records.Role,
        records.Timex,
        records.DateRef,
        records.Claim,
        records.Event,
        records.Evidence,
        records.EventArgument,
        records.Flag,
    ]
    missing = []
    for rtype in record_types:
        for f in dataclasses.fields(rtype):
            if f.name in ("origin", "stored"):
                continue  # provenance and re-imported records, not part of the contract
            if not re.search(rf"`{re.escape(f.name)}`", section):
                missing.append(f"{rtype.__name__}.{f.name}")
    assert missing == []


def test_every_registered_stage_is_documented() -> None:
    builtin = [
        name
        for name, spec in registered_stages().items()
        if spec.func.__module__.startswith("newsgraph.")  # tests register stages of their own
    ]
    missing = [name for name in builtin if f"`{name}`" not in README]
    assert missing == []


def test_readme_figures_equal_the_recorded_results() -> None:
    """Every figure in the README's Accuracy and Performance tables is the one a benchmark wrote."""
    results_dir = Path(__file__).resolve().parent.parent / "benchmarks" / "results"
    rows = re.findall(r"\| `(\w+)\.(\w+)` \| ([-\d.]+) \|", README)
    assert rows, "README tables name their figures as `benchmark.metric`"
    for bench, metric, shown in rows:
        path = results_dir / f"{bench}.json"
        assert path.exists(), f"README cites {bench} but {path} does not exist"
        recorded = json.loads(path.read_text(encoding="utf-8"))["metrics"][metric]
        decimals = len(shown.split(".")[1]) if "." in shown else 0
        assert round(float(recorded), decimals) == float(shown), (bench, metric, recorded, shown)


def test_every_api_route_is_documented() -> None:
    """Every ``/api/v1`` path of the served OpenAPI spec is in the README's '## HTTP API' table
    (with ``{…}`` placeholders as the spec writes them)."""
    from newsgraph.serve import ServeSettings, create_app

    match = re.search(r"## HTTP API(.*?)\n## ", README, re.S)
    assert match, "README has a '## HTTP API' section"
    section = match.group(1)
    spec = create_app(ServeSettings(db=":memory:")).openapi()
    missing = [
        f"{method.upper()} {path}"
        for path, methods in spec["paths"].items()
        if path.startswith("/api/v1/")
        for method in methods
        if not re.search(rf"`{method.upper()} {re.escape(path)}[?`]", section)
    ]
    assert missing == []
