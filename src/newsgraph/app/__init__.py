"""The use cases every surface calls: the ingest job, resolution, merge and split decisions, and
the one entity lookup. The CLI (and the web server, and the benchmarks) are thin wrappers: parse
options, call a function here or in :mod:`newsgraph.query`, format the result."""

from __future__ import annotations

from newsgraph.app.lookup import find_canonical, find_entity
from newsgraph.app.resolution import merge, resolve, run_resolution, split

__all__ = ["find_canonical", "find_entity", "merge", "resolve", "run_resolution", "split"]
