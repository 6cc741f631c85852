"""The extract job: articles in, contract v1 results out, touching no database."""

from __future__ import annotations

from collections.abc import Iterator

from newsgraph.config import load_config
from newsgraph.engines.registry import Engine, EngineOptions, create
from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs
from newsgraph.model.records import DocResult


def extract_paths(
    paths: list[str],
    *,
    fmt: str | None = None,
    repair: bool | None = None,
    workers: int = 1,
    config_path: str | None = None,
    engine: Engine | None = None,
) -> Iterator[DocResult | Failure]:
    """Read ``paths`` (files, directories, ``-`` for stdin) and run the pipeline over each
    document; results and failures in input order, as they come. ``engine`` runs the pipeline
    (default: the local engine with ``workers`` processes)."""
    config = load_config(config_path)
    engine = engine or create("local", EngineOptions(workers=workers))
    items = read_inputs(paths, fmt=fmt, config=config.ingest, repair=repair)
    yield from engine.run(items, config=config)
