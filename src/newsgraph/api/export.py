"""``GET /api/v1/export``: a single-file export streamed as the response body.

The same use case as ``newsgraph export`` (:func:`newsgraph.app.export.run_export`), the same
filters. Everything that can fail before the first byte (unknown format, a per-table format that
needs a directory, an actor that does not exist or is ambiguous, a malformed date) is answered
with an error status and a JSON body; then the writer runs in a worker thread and its bytes flow
to the client through a small bounded queue, so a large export never sits in memory and a client
that goes away stops the writer.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Iterator
from typing import Annotated, BinaryIO, cast

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from newsgraph.app.export import check_export, run_export
from newsgraph.errors import AmbiguousNameError, NewsgraphError, NotFoundError
from newsgraph.export import ExportFilter

router = APIRouter()

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CHUNK = 1 << 16  # bytes gathered before they are handed to the response
_QUEUE = 16  # chunks waiting at most (about 1 MiB)


class _Closed(Exception):
    """The client went away: the writer stops."""


class _Pipe:
    """A binary file the writer thread writes into and the response generator reads from."""

    def __init__(self) -> None:
        self.chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(_QUEUE)
        self.buffer = bytearray()
        self.closed = threading.Event()

    def _put(self, item: bytes | BaseException | None) -> None:
        while not self.closed.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Closed

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= _CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self._put(bytes(self.buffer))
            self.buffer.clear()

    def finish(self, error: BaseException | None) -> None:
        try:
            if error is None:
                self.flush()
            self._put(error)
        except _Closed:
            pass

    def read(self) -> Iterator[bytes]:
        try:
            while (item := self.chunks.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self.closed.set()


def _stream(db: str, fmt: str, flt: ExportFilter) -> Iterator[bytes]:
    pipe = _Pipe()

    def work() -> None:
        error: BaseException | None = None
        try:
            run_export(db, fmt, flt, cast(BinaryIO, pipe))
        except _Closed:
            return
        except BaseException as err:  # handed to the response, which ends the body early
            error = err
        pipe.finish(error)

    threading.Thread(target=work, name="newsgraph-export", daemon=True).start()
    yield from pipe.read()


def _date(value: str | None, name: str) -> str | None:
    if value is not None and not _DATE.match(value.strip()):
        raise HTTPException(422, f"{name}: use YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value.strip() if value else None


@router.get(
    "/export",
    summary="The record in an export format (single-file formats), streamed",
    response_class=StreamingResponse,
)
def export(
    request: Request,
    format: Annotated[str, Query(description="An export format (see newsgraph export --list).")],
    entity: Annotated[str | None, Query(description="Only records about this actor.")] = None,
    date_from: Annotated[str | None, Query(alias="from", description="From this date.")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="Up to this date.")] = None,
    q: Annotated[str | None, Query(description="Only articles matching this search.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
) -> StreamingResponse:
    db = str(request.app.state.settings.db)
    flt = ExportFilter(
        entity=entity or None,
        date_from=_date(date_from, "from"),
        date_to=_date(date_to, "to"),
        query=q or None,
        min_confidence=min_confidence,
    )
    try:
        exporter = check_export(db, format, flt, to_stream=True)
    except (NotFoundError, AmbiguousNameError) as err:
        status = 404 if isinstance(err, NotFoundError) else 409
        raise HTTPException(status, {"code": err.code, "message": err.describe()}) from None
    except NewsgraphError as err:
        raise HTTPException(400, {"code": err.code, "message": err.describe()}) from None
    filename = f"newsgraph-{exporter.name}{exporter.extension}"
    return StreamingResponse(
        _stream(db, exporter.name, flt),
        media_type=exporter.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
