"""One warm read-only connection for a server, shared by its requests.

Opening the store per request would pay, on every request, for the catalog check and for
DuckDB's cold caches (the first full-text query after opening reads the whole index). A server
therefore keeps one read-only :class:`~newsgraph.store.Store` open while requests come, and each
request reads through its own cursor (DuckDB connections are not shared across threads; cursors
of one connection are, and see the same database and loaded extensions).

DuckDB lets one process write a file or any number read it, never both, so the warm connection
is let go:

* after :data:`~newsgraph.app.access.SERVER_IDLE_S` without a request, so an ingest or a
  ``newsgraph merge`` in another process gets the file between bursts of browsing;
* after :data:`MAX_HOLD_S` of continuous use: new requests wait until the running ones finish,
  the file is released for :data:`YIELD_S`, then opened again (an ingest batch that was waiting
  for it gets in; the reopen retries while it writes, see :func:`newsgraph.app.access.open_reader`);
* around a write made by the server itself (:meth:`WarmReader.writing`): a process cannot hold a
  file read-only and writable at once;
* as soon as another process waits to write (:func:`newsgraph.app.access.writer_waiting`: a writer
  refused once leaves a marker file beside the database): the next request waits until the
  running ones finish, the file is closed, and it is opened again once the writer has it (bounded
  by the read wait), so requests that come without pause cannot starve an ingest.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from newsgraph.app.access import (
    READ_WAIT_S,
    SERVER_IDLE_S,
    open_reader,
    wait_bound,
    writer_waiting,
)
from newsgraph.store import Store

MAX_HOLD_S = 10.0
YIELD_S = 0.5


class WarmReader:
    """A read-only store kept open across requests (see the module docstring)."""

    def __init__(
        self, db: str, *, idle_s: float = SERVER_IDLE_S, max_hold_s: float = MAX_HOLD_S
    ) -> None:
        self.db = db
        self.idle_s = idle_s
        self.max_hold_s = max_hold_s
        self._cond = threading.Condition()
        self._store: Store | None = None
        self._opened = 0.0
        self._last = 0.0
        self._readers = 0
        self._writers = 0
        self._draining = False
        self._closer: threading.Timer | None = None
        self.opened = 0  # how many times the file was opened (tests, benchmarks)
        self.sleep: Callable[[float], None] = time.sleep

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A store view for one request: the warm connection's own cursor."""
        with self._cond:
            while self._writers or self._draining:
                self._cond.wait()
            if writer_waiting(self.db):
                self._let_writer_in()
            if self._store is None:
                self._store = open_reader(self.db)
                self._opened = time.monotonic()
                self.opened += 1
            self._readers += 1
            base = self._store
        view = copy.copy(base)
        view.con = base.con.cursor()
        try:
            yield view
        finally:
            view.con.close()
            with self._cond:
                self._readers -= 1
                self._last = time.monotonic()
                held = self._last - self._opened
                if self._readers == 0 and held >= self.max_hold_s:
                    self._release(pause=YIELD_S)
                self._cond.notify_all()
            self._schedule_close()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold off readers and let go of the file while the server itself writes to it."""
        with self._cond:
            self._writers += 1
            while self._readers:
                self._cond.wait()
            self._close()
        try:
            yield
        finally:
            with self._cond:
                self._writers -= 1
                self._cond.notify_all()

    def close(self) -> None:
        """Let go of the file now (the server is stopping)."""
        with self._cond:
            self._close()
            if self._closer is not None:
                self._closer.cancel()

    @property
    def is_open(self) -> bool:
        return self._store is not None

    # --- internals (call with the condition held) --------------------------------------------
    def _let_writer_in(self) -> None:
        """Another process waits to write: close the file once no request reads it, then wait
        (at most the read wait) until the writer has it, before opening it again."""
        while self._readers:
            self._cond.wait()
        self._close()
        deadline = time.monotonic() + wait_bound("NEWSGRAPH_READ_WAIT_S", READ_WAIT_S)
        pause = 0.02
        while writer_waiting(self.db) and time.monotonic() < deadline:
            self.sleep(pause)
            pause = min(pause * 2, 0.5)

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _release(self, pause: float) -> None:
        """Close and keep new readers out for ``pause`` seconds (a waiting writer gets in)."""
        self._close()
        self._draining = True

        def reopen() -> None:
            with self._cond:
                self._draining = False
                self._cond.notify_all()

        timer = threading.Timer(pause, reopen)
        timer.daemon = True
        timer.start()

    def _schedule_close(self) -> None:
        """Close the connection once no request has come for ``idle_s``."""

        def maybe_close() -> None:
            with self._cond:
                idle = time.monotonic() - self._last
                if self._readers == 0 and idle >= self.idle_s:
                    self._close()

        with self._cond:
            if self._closer is not None:
                self._closer.cancel()
            self._closer = threading.Timer(self.idle_s, maybe_close)
            self._closer.daemon = True
            self._closer.start()
