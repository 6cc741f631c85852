"""The built-in formats: importing this package registers each one (as a plug-in module would)."""

from __future__ import annotations

from newsgraph.export.formats import (  # noqa: F401
    claimreview,
    ftm,
    gexf,
    graphml,
    jsonl,
    plover,
    tables,
    timelinejs,
)
