"""Opening the store: the one place every surface (CLI, API, pages, exports) gets a
:class:`~newsgraph.store.Store` from, so that how readers and writers share the file is decided
once.

DuckDB lets one process write a file, or any number read it, never both: a reader that opens the
file while an ingest holds it gets "Conflicting lock is held", and so does a writer while a reader
holds it. newsgraph therefore holds the file only for short spells:

* the ingest job opens it for each batch it writes and closes it again (``app.ingest``), so the
  minutes spent reading articles leave the file free;
* readers open it for one read (the CLI: one command). A server calls :func:`share_reads`: its
  requests then share one read-only connection (each its own cursor), warm (catalog, search index)
  from one request to the next, closed :data:`SERVER_IDLE_S` after the last request ends, or at
  once when the server itself writes (a correction), so an ingest gets the file between requests;
* both retry a refused open with growing pauses, readers for at most :data:`READ_WAIT_S` seconds,
  writers for at most :data:`WRITE_WAIT_S`, then raise :class:`~newsgraph.errors.StoreBusyError`
  with a message saying so.

``NEWSGRAPH_READ_WAIT_S`` and ``NEWSGRAPH_WRITE_WAIT_S`` override the two bounds.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import threading
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


def _bound(name: str, default: float) -> float:
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
    bound = _bound("NEWSGRAPH_READ_WAIT_S", READ_WAIT_S) if wait_s is None else wait_s
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
    bound = _bound("NEWSGRAPH_WRITE_WAIT_S", WRITE_WAIT_S) if wait_s is None else wait_s
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


class SharedReader:
    """One read-only :class:`Store` for many reads in this process (a server's requests): each
    read gets a cursor of its own (DuckDB's way to share a connection between threads). The file
    is closed ``idle_s`` seconds after the last read ends (at once when ``idle_s`` is 0), and
    before this process writes (:meth:`writing`), since DuckDB lets one process hold a file
    read-only or writable, not both."""

    def __init__(self, path: str, idle_s: float) -> None:
        self.path = path
        self.idle_s = idle_s
        self._cond = threading.Condition()
        self._store: Store | None = None
        self._active = 0
        self._writers = 0
        self._last_end = 0.0
        self._timer: threading.Timer | None = None
        self.opened = 0  # how many times the file was opened (tests, benchmarks)
        self.sleep: Callable[[float], None] = time.sleep

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @contextmanager
    def read(self, wait_s: float | None = None) -> Iterator[Store]:
        with self._cond:
            while self._writers:
                self._cond.wait()
            if writer_waiting(self.path):
                self._let_writer_in(wait_s)
            if self._store is None:
                self._store = open_reader(self.path, wait_s)
                self.opened += 1
            base = self._store
            self._active += 1
        view = copy.copy(base)
        view.con = base.con.cursor()
        try:
            yield view
        finally:
            view.con.close()
            with self._cond:
                if view._fts_loaded is not None:
                    base._fts_loaded = view._fts_loaded
                self._active -= 1
                self._last_end = time.monotonic()
                if self._active == 0:
                    self._cond.notify_all()
                    self._schedule_release()

    def _let_writer_in(self, wait_s: float | None) -> None:
        """Another process waits to write: close the file once no read runs, and wait (bounded)
        until the writer has it, before opening again. Called holding the condition."""
        while self._active:
            self._cond.wait()
        self._close()
        bound = _bound("NEWSGRAPH_READ_WAIT_S", READ_WAIT_S) if wait_s is None else wait_s
        deadline = time.monotonic() + bound
        pause = _FIRST_PAUSE_S
        while writer_waiting(self.path) and time.monotonic() < deadline:
            self.sleep(pause)
            pause = min(pause * 2, _MAX_PAUSE_S)

    def _schedule_release(self) -> None:
        if self.idle_s <= 0:
            self._close()
            return
        if self._timer is None:
            self._timer = threading.Timer(self.idle_s, self._release_if_idle)
            self._timer.daemon = True
            self._timer.start()

    def _release_if_idle(self) -> None:
        with self._cond:
            self._timer = None
            if self._active or self._store is None:
                return
            idle = time.monotonic() - self._last_end
            if idle >= self.idle_s:
                self._close()
            else:  # a read ended meanwhile: wait out the rest of its idle time
                self._timer = threading.Timer(self.idle_s - idle, self._release_if_idle)
                self._timer.daemon = True
                self._timer.start()

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold new reads, wait for those running, close the file; reads resume after."""
        with self._cond:
            self._writers += 1
            while self._active:
                self._cond.wait()
            self._close()
        try:
            yield
        finally:
            with self._cond:
                self._writers -= 1
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._close()


_SHARED: dict[str, SharedReader] = {}
_SHARED_LOCK = threading.Lock()


def _key(path: str | Path) -> str:
    return os.path.abspath(str(path))


def share_reads(path: str | Path, idle_s: float = SERVER_IDLE_S) -> SharedReader:
    """From now on, reads of ``path`` in this process share one warm read-only connection (see
    :class:`SharedReader`); a server calls this once at start. Returns the shared reader."""
    with _SHARED_LOCK:
        shared = _SHARED.get(_key(path))
        if shared is None:
            shared = _SHARED[_key(path)] = SharedReader(str(path), idle_s)
        shared.idle_s = idle_s
        return shared


def stop_sharing(path: str | Path) -> None:
    """Close the shared connection to ``path`` and go back to one open per read."""
    with _SHARED_LOCK:
        shared = _SHARED.pop(_key(path), None)
    if shared is not None:
        shared.close()


@contextmanager
def read_store(path: str | Path, wait_s: float | None = None) -> Iterator[Store]:
    """The store at ``path`` opened read-only for the length of one read (a cursor of the shared
    connection when :func:`share_reads` was called for it)."""
    shared = _SHARED.get(_key(path))
    if shared is not None:
        with shared.read(wait_s) as store:
            yield store
        return
    with open_reader(path, wait_s) as store:
        yield store


@contextmanager
def write_store(
    path: str | Path, wait_s: float | None = None, *, refresh_index: bool = True
) -> Iterator[Store]:
    """The store at ``path`` opened for one write (a decision, a batch), then released. With
    ``refresh_index`` a stale search index is rebuilt on a clean exit (as ``Store`` does)."""
    shared = _SHARED.get(_key(path))
    if shared is None:
        with open_writer(path, wait_s, refresh_index_on_close=refresh_index) as store:
            yield store
        return
    with shared.writing(), open_writer(path, wait_s, refresh_index_on_close=refresh_index) as st:
        yield st
