"""Opening the store: the one place every surface (CLI, API, pages, exports) gets a
:class:`~newsgraph.store.Store` from, so that how readers and writers share the file is decided
once.

DuckDB lets one process write a file, or any number read it, never both: a reader that opens the
file while an ingest holds it gets "Conflicting lock is held", and so does a writer while a reader
holds it. newsgraph therefore holds the file only for short spells:

* the ingest job opens it for each batch it writes and closes it again (``app.ingest``), so the
  minutes spent reading articles leave the file free;
* readers open it for one read (the CLI: one command). A server's requests share one warm
  read-only connection (:mod:`newsgraph.app.warm`), closed :data:`SERVER_IDLE_S` after the last
  request, around the server's own writes, and as soon as another process waits to write
  (:func:`writer_waiting`);
* both retry a refused open with growing pauses, readers for at most :data:`READ_WAIT_S` seconds,
  writers for at most :data:`WRITE_WAIT_S`, then raise :class:`~newsgraph.errors.StoreBusyError`
  with a message saying so.

``NEWSGRAPH_READ_WAIT_S`` and ``NEWSGRAPH_WRITE_WAIT_S`` override the two bounds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from newsgraph.errors import StoreBusyError
from newsgraph.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

READ_WAIT_S = 30.0  # a batch write takes well under a second; resolution of a big store longer
WRITE_WAIT_S = 300.0  # readers let go within a request, or SERVER_IDLE_S after the last one
SERVER_IDLE_S = 1.0
_FIRST_PAUSE_S = 0.02
_MAX_PAUSE_S = 0.5


def wait_bound(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        log.warning("%s=%r is not a number of seconds; using %s", name, value, default)
        return default


def retrying(
    open_: Callable[[], T],
    *,
    wait_s: float,
    what: str,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """``open_()``, called again with growing pauses while it raises :class:`StoreBusyError`,
    for at most ``wait_s`` seconds; then the last error, its message saying how long we waited."""
    deadline = clock() + wait_s
    pause = _FIRST_PAUSE_S
    while True:
        try:
            return open_()
        except StoreBusyError as err:
            left = deadline - clock()
            if left <= 0:
                raise StoreBusyError(
                    f"{err.message}; still busy after waiting {wait_s:g}s to {what}",
                    hint="another process (an ingest or resolve) is writing to it; try again "
                    "when it has finished, or raise NEWSGRAPH_READ_WAIT_S / NEWSGRAPH_WRITE_WAIT_S",
                ) from err
            log.debug("database busy; retrying in %.2fs", min(pause, left))
            sleep(min(pause, left))
            pause = min(pause * 2, _MAX_PAUSE_S)


def open_reader(path: str | Path, wait_s: float | None = None) -> Store:
    """The store at ``path`` opened read-only, waiting (bounded) while a writer holds it."""
    bound = wait_bound("NEWSGRAPH_READ_WAIT_S", READ_WAIT_S) if wait_s is None else wait_s
    return retrying(lambda: Store(path, read_only=True), wait_s=bound, what="read it")


def waiting_marker(path: str | Path) -> Path:
    """The file a writer kept waiting leaves beside the database (``news.duckdb.writer-waiting``,
    holding its process id) so that a server lets go of the file instead of holding it between
    requests that come less than :data:`SERVER_IDLE_S` apart."""
    return Path(f"{path}.writer-waiting")


def writer_waiting(path: str | Path) -> bool:
    """Whether another live process waits to write ``path`` (a marker left by a killed writer,
    or by this process, does not count)."""
    try:
        pid = int(waiting_marker(path).read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return False
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def open_writer(
    path: str | Path, wait_s: float | None = None, *, refresh_index_on_close: bool = True
) -> Store:
    """The store at ``path`` opened for writing, waiting (bounded) while others hold it; while
    it waits, :func:`waiting_marker` asks servers to let go."""
    bound = wait_bound("NEWSGRAPH_WRITE_WAIT_S", WRITE_WAIT_S) if wait_s is None else wait_s
    marker = waiting_marker(path)
    marked = False

    def open_() -> Store:
        nonlocal marked
        try:
            return Store(path, refresh_index_on_close=refresh_index_on_close)
        except StoreBusyError:
            if not marked:
                try:
                    marker.write_text(str(os.getpid()), encoding="ascii")
                    marked = True
                except OSError:
                    pass  # a directory we may not write: readers are not told, only waited for
            raise

    try:
        return retrying(open_, wait_s=bound, what="write to it")
    finally:
        if marked:
            with contextlib.suppress(OSError):
                marker.unlink()


@contextmanager
def read_store(path: str | Path, wait_s: float | None = None) -> Iterator[Store]:
    """The store at ``path`` opened read-only for the length of one read."""
    with open_reader(path, wait_s) as store:
        yield store


@contextmanager
def write_store(
    path: str | Path, wait_s: float | None = None, *, refresh_index: bool = True
) -> Iterator[Store]:
    """The store at ``path`` opened for one write (a decision, a batch), then released. With
    ``refresh_index`` a stale search index is rebuilt on a clean exit (as ``Store`` does). In a
    server, the warm reader must have let go first (:meth:`newsgraph.app.warm.WarmReader.writing`;
    the app does it around every POST and DELETE)."""
    with open_writer(path, wait_s, refresh_index_on_close=refresh_index) as store:
        yield store
