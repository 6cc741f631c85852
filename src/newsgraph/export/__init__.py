"""Exports: the record in the formats other tools read, one registered module per format."""

from __future__ import annotations

from newsgraph.export.registry import (
    Exporter,
    ExportFilter,
    ExportStats,
    get_exporter,
    register,
    registered,
)

__all__ = ["ExportFilter", "ExportStats", "Exporter", "get_exporter", "register", "registered"]
