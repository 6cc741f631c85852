"""Store upkeep use cases: rewriting a store compactly (``newsgraph compact``)."""

from __future__ import annotations

from pathlib import Path

from newsgraph.store.compact import CompactStats, compact


def compact_store(db: str | Path) -> CompactStats:
    """Rewrite the store ``db`` into a new file with the current block size, check the copy and
    swap it in (:func:`newsgraph.store.compact.compact`); refused while another process has it
    open."""
    return compact(db)
