"""``jsonl``: contract v1 records, one document per line, as ``newsgraph extract`` prints them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsgraph.export.registry import Exporter, ExportFilter, ExportStats, register

if TYPE_CHECKING:
    from newsgraph.store import Store


def write(store: Store, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    """Not written yet (the export issue fills this in)."""
    raise NotImplementedError


register(
    Exporter(
        name="jsonl",
        extension=".jsonl",
        media_type="application/x-ndjson",
        description="contract v1 records, one document per line (what 'newsgraph extract' prints)",
        write=write,
    )
)
