"""Telling a damaged or foreign database file from a busy or unwritable one.

DuckDB reports all of these as an error on ``connect`` or on the first query that reads a damaged
block (it checks a checksum on every block it reads). This module turns DuckDB's error into the
matching :class:`StoreError` subclass with a hint that fits: a damaged or foreign file
(``NG303``: restore or rebuild it), a file locked by another process (``NG304``: wait), or one we
may not write (``NG305``: permissions). The CLI uses :func:`as_store_error` for errors raised by
any later query too, so a damaged block met halfway through a command is an exit 2 with a clear
message, not a traceback.
"""

from __future__ import annotations

import re

from newsgraph.errors import DamagedStoreError, StoreAccessError, StoreBusyError, StoreError

# Phrases of DuckDB's error messages (1.x) for each kind of trouble.
_DAMAGED = re.compile(
    r"not a valid DuckDB database file|Corrupt database file|checksum|"
    r"Could not read enough bytes|database file .* is (?:corrupt|invalid)|"
    r"Serialization Error|invalid block|failed to read .*header",
    re.IGNORECASE,
)
_BUSY = re.compile(r"Could not set lock|Conflicting lock|lock on file", re.IGNORECASE)
_ACCESS = re.compile(r"Permission denied|read-only file system|Cannot open file", re.IGNORECASE)

# The database files this process opened, newest last (named in messages about damage that a
# later query meets, where DuckDB's own message does not say which file).
OPENED: list[str] = []


def is_damage(err: BaseException) -> bool:
    """Whether ``err`` (a DuckDB error) says the file is damaged or not a DuckDB database."""
    return bool(_DAMAGED.search(str(err)))


def as_store_error(err: BaseException, path: str | None = None) -> StoreError:
    """The :class:`StoreError` for DuckDB error ``err`` met while opening or reading ``path``."""
    where = path or (OPENED[-1] if OPENED else "the database")
    detail = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    if is_damage(err):
        return DamagedStoreError(f"{where} is damaged or not a newsgraph database ({detail})")
    if _BUSY.search(str(err)):
        return StoreBusyError(f"cannot open {where}: {detail}")
    if _ACCESS.search(str(err)):
        return StoreAccessError(f"cannot open {where}: {detail}")
    return StoreError(
        f"cannot open {where}: {detail}",
        hint="another process may be writing to it, or the file is damaged; use another --db",
    )
