"""Docs kept honest: every command, option-bearing contract field and stage is in the README."""

from __future__ import annotations

import dataclasses
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
            if f.name == "origin":
                continue  # provenance, not part of the contract
            if not re.search(rf"`{re.escape(f.name)}`", section):
                missing.append(f"{rtype.__name__}.{f.name}")
    assert missing == []


def test_every_registered_stage_is_documented() -> None:
    missing = [name for name in registered_stages() if f"`{name}`" not in README]
    assert missing == []
