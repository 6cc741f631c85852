"""Opening the store for a read: the one place every read surface (CLI, API, pages, exports) gets
a read-only :class:`~newsgraph.store.Store` from, so that how readers share the file with a running
ingest is decided once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.store import Store


@contextmanager
def read_store(path: str | Path) -> Iterator[Store]:
    """The store at ``path`` opened read-only for the length of one read."""
    with Store(path, read_only=True) as store:
        yield store
