"""Ingest: read sources (seed text, JSONL, CSV, HTML; files, directories, stdin) into Documents.

Bad input never raises out of :func:`read_inputs`: it yields a :class:`~newsgraph.errors.Failure`
with the input, line, stable error code and reason, and goes on with the next document.

Modules: ``sources`` (paths, directories, stdin, formats, size limits), ``decode`` (bytes to text),
``formats/`` (one reader per format), ``dates`` (publication dates), ``ids`` (content-derived ids),
``repair/`` (text repairs recorded as ``Repair`` s), ``build`` (checks and assembly).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from newsgraph.config import IngestConfig
from newsgraph.errors import Failure, InputError, NewsgraphError
from newsgraph.ingest.build import RawRecord, build_document
from newsgraph.ingest.sidecar import read_sidecar
from newsgraph.ingest.sources import FORMATS, expand, format_of, read_source
from newsgraph.model.records import Document

__all__ = ["FORMATS", "read_inputs"]

log = logging.getLogger(__name__)


def read_inputs(
    paths: Sequence[str],
    fmt: str | None = None,
    config: IngestConfig | None = None,
    repair: bool | None = None,
    default_date: str | None = None,
) -> Iterator[Document | Failure]:
    """Documents (and failures) from files, directories (recursively) or ``-`` (stdin).

    ``fmt`` forces one format (seed | jsonl | csv | html); otherwise it is chosen by extension.
    ``repair`` overrides ``config.repair``. ``default_date`` (ISO ``YYYY[-MM[-DD]]``, checked by
    the caller) is the date of documents that have none of their own and no date sidecar file
    (``NAME.date``, see :mod:`newsgraph.ingest.sidecar`).
    """
    if config is None:
        from newsgraph.config import load_config

        config = load_config().ingest
    if fmt is not None:
        format_of("-", fmt)  # a wrong --format is the caller's error, not a per-document one
    do_repair = config.repair if repair is None else repair
    for item in expand(paths, fmt):
        if isinstance(item, InputError):
            yield Failure.from_error(item, item.input or "", item.line)
            continue
        yield from _read_one(item, fmt, config, do_repair, default_date)


def _read_one(
    name: str, fmt: str | None, config: IngestConfig, repair: bool, default_date: str | None
) -> Iterator[Document | Failure]:
    records = read_source(name, fmt, config)
    default_from = None
    if (sidecar := read_sidecar(name)) is not None:  # the file's own default comes first
        default_from, default_date = f"the date file {sidecar[0]}", sidecar[1]
    while True:
        try:
            raw = next(records)
        except StopIteration:
            return
        except OSError as err:
            yield Failure.from_error(InputError(f"cannot read: {err.strerror or err}"), name)
            return
        except Exception as err:  # a reader bug loses this file's rest, never the other files
            log.exception("reading %s failed", name)
            yield Failure(name, None, InputError.code, f"internal error reading the file: {err!r}")
            return
        if isinstance(raw, InputError):
            yield Failure.from_error(raw, name, raw.line)
            continue
        yield _build(raw, config, repair, default_date, default_from)


def _build(
    raw: RawRecord,
    config: IngestConfig,
    repair: bool,
    default_date: str | None,
    default_from: str | None = None,
) -> Document | Failure:
    try:
        return build_document(
            raw,
            repair=repair,
            max_chars=config.max_chars,
            default_date=default_date,
            default_from=default_from,
        )
    except NewsgraphError as err:
        return Failure.from_error(err, raw.input, raw.line)
    except Exception as err:  # a bug must not take the batch down; it is logged with its trace
        log.exception("ingest failed on %s:%s", raw.input, raw.line)
        return Failure(raw.input, raw.line, InputError.code, f"internal error: {err!r}")
