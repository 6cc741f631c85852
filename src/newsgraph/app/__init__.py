"""The use cases every surface calls: the ingest job, resolution, merge and split decisions, and
the one entity lookup. The CLI (and the web server, and the benchmarks) are thin wrappers: parse
options, call a function here or in :mod:`newsgraph.query`, format the result."""

from __future__ import annotations

from newsgraph.app.decisions import list_decisions, mark_wrong, merge, split, undo
from newsgraph.app.lookup import find_canonical, find_entity
from newsgraph.app.resolution import resolve, run_resolution

__all__ = [
    "find_canonical",
    "find_entity",
    "list_decisions",
    "mark_wrong",
    "merge",
    "resolve",
    "run_resolution",
    "split",
    "undo",
]
