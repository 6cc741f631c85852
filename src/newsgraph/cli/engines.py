"""``newsgraph engines``: the engines that can run the pipeline, and the options that pick one
(``--engine``, ``--master``, ``--conf``), shared by ``ingest`` and ``extract``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsgraph.cli.common import emit_json
from newsgraph.engines.registry import Engine, EngineOptions, create, engine_names, registered

F = TypeVar("F", bound=Callable[..., Any])


def engine_options(func: F) -> F:
    """``--engine NAME``, ``--master URL`` and ``--conf KEY=VALUE`` (repeatable)."""
    func = click.option(
        "--conf",
        "engine_conf",
        multiple=True,
        metavar="KEY=VALUE",
        help="A setting for the engine (Spark: any Spark configuration, e.g. "
        "spark.executor.memory=4g); repeatable.",
    )(func)
    func = click.option(
        "--master",
        default=None,
        metavar="URL",
        help="Spark master: local[N], spark://host:7077, yarn, k8s://... (default local[*]).",
    )(func)
    func = click.option(
        "--engine",
        "engine_name",
        type=click.Choice(engine_names()),
        default="local",
        show_default=True,
        help="What runs the pipeline: this machine's processes (local) or PySpark (spark); "
        "'newsgraph engines' lists them.",
    )(func)
    return func


def build_engine(
    name: str,
    *,
    workers: int,
    master: str | None,
    conf: tuple[str, ...],
    out: str | None = None,
) -> Engine:
    """The engine the options name; a ``--master``, ``--conf`` or ``--out`` the engine would
    ignore is a usage error, not silently dropped."""
    if name == "local" and (master or conf or out):
        raise click.UsageError("--master, --conf and --out need --engine spark")
    pairs: list[tuple[str, str]] = []
    for item in conf:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--conf")
        pairs.append((key.strip(), value.strip()))
    options = EngineOptions(workers=workers, master=master, out=out, conf=tuple(pairs))
    return create(name, options)


@click.command("engines")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def command(as_json: bool) -> None:
    """List the engines that can run the pipeline, and whether each can run here."""
    rows = [
        {
            "name": spec.name,
            "description": spec.description,
            "needs": spec.needs,
            "missing": spec.missing(),
        }
        for spec in registered().values()
    ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        state = "ready" if row["missing"] is None else f"unavailable: {row['missing']}"
        click.echo(f"{row['name']:<8} {row['description']}")
        click.echo(f"{'':<8} needs {row['needs']}; {state}")
