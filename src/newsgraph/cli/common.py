"""Options and output helpers shared by commands."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "newsgraph.duckdb"


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


def min_confidence_for(given: float | None) -> dict[str, float]:
    """The least confidence shown per record kind: ``given`` for both, else the config's."""
    if given is not None:
        return {"event": given, "claim": given}
    from newsgraph.config import load_config

    q = load_config().query
    return {"event": q.min_event_confidence, "claim": q.min_claim_confidence}


def emit_json(obj: Any) -> None:
    """One JSON value on one line of stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def emit_jsonl(rows: Iterable[Any]) -> None:
    for row in rows:
        emit_json(row)
