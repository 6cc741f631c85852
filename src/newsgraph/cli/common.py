"""Options and output helpers shared by commands."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "newsgraph.duckdb"

_DATE_BOUND = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateBound(click.ParamType[str]):
    """A date filter bound: an ISO date that exists, as precise as wanted (YYYY[-MM[-DD]])."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        m = _DATE_BOUND.match(text)
        if m:
            year, month, day = m.group(1), m.group(2), m.group(3)
            try:
                dt.date(int(year), int(month or 1), int(day or 1))
            except ValueError:
                m = None
        if not m:
            self.fail(
                f"{value!r} is not a date that exists; use YYYY, YYYY-MM or YYYY-MM-DD "
                "(for example 2024, 2024-03 or 2024-03-15)",
                param,
                ctx,
            )
        return text


class UpperChoice(click.ParamType[str]):
    """One of fixed upper-case names, given in any case; the error lists them as written."""

    name = "NAME"

    def __init__(self, choices: list[str]) -> None:
        self.choices = choices

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "TYPE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip().upper()
        if text not in self.choices:
            self.fail(f"{value!r} is not one of {', '.join(self.choices)}", param, ctx)
        return text


def max_workers() -> int:
    """The most pipeline workers allowed: each holds about 0.5 GB, so twice the CPUs, at most 32."""
    return max(1, min(32, 2 * (os.cpu_count() or 1)))


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        default=lambda: os.environ.get("NEWSGRAPH_DB", DEFAULT_DB),
        show_default=f"$NEWSGRAPH_DB or {DEFAULT_DB}",
        type=click.Path(dir_okay=False),
        help="DuckDB database file.",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)


def config_option(func: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        help="TOML file overriding the shipped defaults.",
    )(func)


def min_confidence_option(func: F) -> F:
    return click.option(
        "--min-confidence",
        "min_confidence",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        metavar="X",
        help="Hide events and claims less sure than X (0-1). Default: the config's "
        "query.min_event_confidence / query.min_claim_confidence; 0 shows all.",
    )(func)


def emit_json(obj: Any) -> None:
    """One JSON value on one line of stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def emit_jsonl(rows: Iterable[Any]) -> None:
    for row in rows:
        emit_json(row)
