"""Exporter registry: each output format is one module that registers an :class:`Exporter` (name,
file extension, media type, a one-line description, the writer), the built-ins exactly as a plug-in
would. ``newsgraph export --list`` and ``GET /api/v1/export`` read this registry.

A writer gets the open store, the :class:`ExportFilter` every format shares, and a target: a binary
stream for single-file formats, or a directory for formats with one file per table
(``Exporter.directory``). Writers stream: they read the store in pages, never the whole record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from newsgraph.errors import ExporterConflictError, UnknownExporterError

if TYPE_CHECKING:
    from newsgraph.store import Store


@dataclass(frozen=True)
class ExportFilter:
    """The filters every format takes. ``entity``: a canonical id or a name (the one lookup);
    ``date_from``/``date_to``: ISO bounds (YYYY[-MM[-DD]]) on the document date; ``query``:
    full-text search over the articles; ``min_confidence``: events and claims below it are left
    out (None: the config's defaults)."""

    entity: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    query: str | None = None
    min_confidence: float | None = None


@dataclass(frozen=True)
class ExportStats:
    """What a writer wrote, per kind of record (e.g. ``{"documents": 12, "events": 40}``)."""

    counts: dict[str, int] = field(default_factory=dict)


Writer = Callable[["Store", ExportFilter, "BinaryIO | Path"], ExportStats]


@dataclass(frozen=True)
class Exporter:
    """A registered format. ``directory``: it writes one file per table into a directory (so it
    cannot write to a stream); ``needs_entity``: it is about one actor, and refuses an export
    without ``ExportFilter.entity`` before writing anything."""

    name: str
    extension: str
    media_type: str
    description: str
    write: Writer
    directory: bool = False
    needs_entity: bool = False


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add ``exporter`` under its name; registering a different one under a taken name fails."""
    known = _REGISTRY.get(exporter.name)
    if known is not None and known.write is not exporter.write:
        raise ExporterConflictError(f"exporter {exporter.name!r} is registered twice")
    _REGISTRY[exporter.name] = exporter
    return exporter


def _load_builtins() -> None:
    # Importing the package registers every built-in format module.
    import newsgraph.export.formats  # noqa: F401


def registered() -> dict[str, Exporter]:
    _load_builtins()
    return dict(sorted(_REGISTRY.items()))


def get_exporter(name: str) -> Exporter:
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise UnknownExporterError(
            f"unknown export format {name!r}",
            hint=f"formats: {known} (newsgraph export --list)",
        ) from None
