"""Ingest: read sources (seed text, JSONL, CSV, HTML; files, directories, stdin) into Documents.

Bad input never raises out of :func:`read_inputs`: it yields a :class:`~newsgraph.errors.Failure`
with the input, line, stable error code and reason, and goes on with the next document.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsgraph.errors import Failure
from newsgraph.model.records import Document
from newsgraph.config import IngestConfig


def read_inputs(
    paths: Sequence[str],
    fmt: str | None = None,
    config: IngestConfig | None = None,
    repair: bool | None = None,
) -> Iterator[Document | Failure]:
    """Documents (and failures) from files, directories (recursively) or ``-`` (stdin).

    ``fmt`` forces one format (seed | jsonl | csv | html); otherwise it is chosen by extension.
    ``repair`` overrides ``config.repair``.
    """
    raise NotImplementedError  # filled by the ingest work (issue 2)
