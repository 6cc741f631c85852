"""The export use case: the record of a store in a registered format, for every surface.

``newsgraph export`` and ``GET /api/v1/export`` both call :func:`run_export`; :func:`check_export`
does the checks that can fail before any byte is written (the format exists, the target suits
it, the actor named by ``--entity`` exists and is the only one), so that an HTTP response can
still answer with an error status instead of a broken file.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from newsgraph.app.access import read_store
from newsgraph.errors import ExportError
from newsgraph.export import Exporter, ExportFilter, ExportStats, get_exporter
from newsgraph.query.entities import find_entity


def check_export(db: str | Path, name: str, flt: ExportFilter, *, to_stream: bool) -> Exporter:
    """The exporter ``name``, after checking that it can write where asked (a directory format
    cannot write to a stream) and that ``flt.entity`` finds exactly one actor in ``db``. Raises
    ``UnknownExporterError`` (NG601), ``ExportError`` (NG600), ``NotFoundError`` or
    ``AmbiguousNameError``."""
    exporter = get_exporter(name)
    if to_stream and exporter.directory:
        raise ExportError(
            f"format {name!r} writes one file per table into a directory",
            hint=f"give a directory: newsgraph export --format {name} -o DIR",
        )
    if exporter.needs_entity and not flt.entity:
        raise ExportError(
            f"format {name!r} is about one actor: give the entity (an id or a name)",
            hint="'newsgraph entities' lists the actors",
        )
    if flt.entity:
        with read_store(db) as store:
            find_entity(store, flt.entity)
    return exporter


def run_export(db: str | Path, name: str, flt: ExportFilter, out: BinaryIO | Path) -> ExportStats:
    """Write the records of ``db`` that ``flt`` selects as format ``name`` to ``out``: a binary
    stream, or a path (a file, or a directory for per-table formats). Returns what was written."""
    exporter = check_export(db, name, flt, to_stream=not isinstance(out, Path))
    with read_store(db) as store:
        return exporter.write(store, flt, out)
