"""The :class:`Store`: one DuckDB file holding documents, their extractions and what resolve adds.

Open it as a context manager; ``.con`` is the DuckDB connection for queries. A writable store
creates the schema in a new file and applies additive migrations; a read-only store only checks
the schema version (and can be shared by several readers). DuckDB never downloads or auto-loads
extensions from our connections: full-text search loads its extension by path (see ``fts``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import duckdb

from newsgraph import faults
from newsgraph.errors import Failure, NotFoundError, StoreError
from newsgraph.model.records import DocResult
from newsgraph.store import damage, fts, schema

log = logging.getLogger(__name__)

# DuckDB's block size for files a Store creates (an existing file keeps the size it was made
# with; ``newsgraph compact`` rewrites one with this size). At DuckDB's default (256 kB) every
# table an incremental ingest appends to gets a new row group whose segments sit in blocks of
# their own, mostly empty: a store grew ~7x faster per article by updates than by a bulk ingest.
# Smaller blocks waste less per table touched; the figures that chose this size are in
# docs/engineering/store.md.
BLOCK_SIZE = 16_384

CONNECT_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "default_block_size": str(BLOCK_SIZE),
}
# Readers (the server, the CLI's read commands) also set: a join with a small side (a page's
# articles: `doc_id IN (SELECT unnest(?))`) is pushed into the scan as an IN filter, which uses
# the `doc_id` index, only up to this many values; at DuckDB's default (50) a page of 51-1000
# articles scanned whole tables (5-30x the CPU). Writers keep DuckDB's default.
READ_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    **CONNECT_CONFIG,
    "dynamic_or_filter_threshold": 1000,
}


@dataclass(frozen=True)
class BatchStats:
    """What one write did: documents added, documents already present, failures recorded."""

    new: int = 0
    unchanged: int = 0
    failed: int = 0

    def __add__(self, other: BatchStats) -> BatchStats:
        return BatchStats(
            self.new + other.new, self.unchanged + other.unchanged, self.failed + other.failed
        )


class Store:
    """A newsgraph database. ``path`` may be ``":memory:"`` (tests)."""

    def __init__(
        self, path: str | Path, read_only: bool = False, *, refresh_index_on_close: bool = True
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.refresh_index_on_close = refresh_index_on_close
        in_memory = self.path == ":memory:"
        if read_only and not in_memory and not Path(self.path).exists():
            raise NotFoundError(
                f"no database at {self.path}",
                hint="run 'newsgraph ingest PATH --db FILE' first, or pass --db",
            )
        try:
            config = READ_CONFIG if read_only else CONNECT_CONFIG
            self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as err:
            raise damage.as_store_error(err, self.path) from err
        if not in_memory:
            damage.OPENED.append(self.path)
        self._fts_loaded: bool | None = None
        try:
            if read_only:
                schema.check_version(self.con)
            else:
                self._prepare()
            self._check_tables()
        except duckdb.Error as err:
            self.con.close()
            if damage.is_damage(err):
                raise damage.as_store_error(err, self.path) from err
            raise
        except BaseException:
            self.con.close()
            raise

    def _check_tables(self) -> None:
        """Read the catalog and the row counts of every table we use, so that a file whose
        metadata is damaged fails here, with a clear error, not in the middle of a command."""
        have = {r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        for table in _all_tables():
            if table in have:
                self.con.execute(f"SELECT count(*) FROM {table}").fetchone()

    def _prepare(self) -> None:
        tables = self.con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
        if tables and tables[0]:
            schema.check_version(self.con)
        schema.create(self.con)

    # --- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(refresh_index=exc_type is None and self.refresh_index_on_close)

    def close(self, refresh_index: bool = False) -> None:
        """Close the connection; with ``refresh_index`` the documents the search index lacks are
        indexed first (batches index their own articles, so normally none: a store from before
        the index, or written while the extension was missing), so that read-only readers
        (which cannot write it) find it complete."""
        try:
            if refresh_index and not self.read_only:
                self.refresh_search_index(required=False)
        finally:
            self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """``BEGIN`` … ``COMMIT``; any exception rolls everything back and propagates."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # --- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def resolution_pending(self) -> bool:
        """True when documents were written since cross-document resolution last completed."""
        return self.get_meta("resolve_pending") == "1"

    def mark_resolved(self) -> None:
        """Record that resolution (entities and event links) covers every stored document."""
        if not self.read_only:
            self.set_meta("resolve_pending", "0")

    # --- reads ------------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored as documents."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        # One JSON parameter: binding a long Python list to DuckDB is far slower.
        rows = self.con.execute(
            "SELECT id FROM documents WHERE id IN "
            "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
            [json.dumps(wanted)],
        ).fetchall()
        return {r[0] for r in rows}

    def count(self, table: str) -> int:
        if table not in _all_tables():
            raise StoreError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    # --- writes -----------------------------------------------------------------------------
    def write_batch(
        self, results: Sequence[DocResult], failures: Sequence[Failure] = ()
    ) -> BatchStats:
        """Store a batch in one transaction: new documents with all their records, and failures.

        Idempotent: a document whose id is stored already (or repeats within the batch) counts as
        unchanged and nothing of it is rewritten. Failures are kept once per (input, line, code).
        Raises :class:`StoreError` after rolling the whole batch back if any write fails.
        """
        from newsgraph.store import writer

        if self.read_only:
            raise StoreError("this store was opened read-only")
        try:
            with self.transaction():
                stats = writer.write(self, results, failures)
                faults.point("batch-written")
        except duckdb.Error as err:
            raise StoreError(f"write failed, batch rolled back: {err}") from err
        faults.point("batch-committed")
        return stats

    def record_failures(self, failures: Sequence[Failure]) -> BatchStats:
        return self.write_batch([], failures)

    def prune_failures(
        self, inputs: Iterable[str], keep: Iterable[tuple[str, int | None, str]]
    ) -> int:
        """Remove the failure rows of ``inputs`` that are not in ``keep`` (input, line, code).

        Ingest calls it once an input has been read again in full: a failure that the new read
        did not produce again (the input was fixed) is no longer listed. Returns rows removed.
        """
        if self.read_only:
            raise StoreError("this store was opened read-only")
        names = sorted(set(inputs))
        if not names:
            return 0
        kept = set(keep)
        rows = self.con.execute(
            "SELECT input, line, code FROM failures WHERE list_contains(?, input)", [names]
        ).fetchall()
        stale = [r for r in rows if (r[0], r[1], r[2]) not in kept]
        try:
            with self.transaction() as con:
                for name, line, code in stale:
                    con.execute(
                        "DELETE FROM failures WHERE input = ? AND line IS NOT DISTINCT FROM ? "
                        "AND code = ?",
                        [name, line, code],
                    )
        except duckdb.Error as err:
            raise StoreError(f"removing resolved failures failed: {err}") from err
        return len(stale)

    # --- search index -----------------------------------------------------------------------
    def load_fts(self) -> bool:
        """Load the ``fts`` extension once; False (with a warning) when it is unavailable."""
        if self._fts_loaded is None:
            try:
                fts.load(self.con)
                self._fts_loaded = True
            except StoreError as err:
                log.warning("%s", err.describe())
                self._fts_loaded = False
        return self._fts_loaded

    def index_stale(self) -> bool:
        """True when some document is not in the search index yet (read from the data: see
        :func:`fts.pending`), or the index was built under another analysis (a read-only
        open of a store indexed by an older version)."""
        return fts.pending(self.con) > 0 or not fts.analysis_current(self.con)

    def refresh_search_index(self, required: bool = True, *, full: bool = False) -> bool:
        """Index the documents the search index lacks (all of them again with ``full``). Returns
        False if the extension is missing and not ``required``; raises
        :class:`FtsUnavailableError` if it is missing and ``required``."""
        if not self.load_fts():
            if required:
                fts.load(self.con)  # raises the descriptive error
            return False
        # One transaction: a kill midway leaves the old index, never half of the new documents.
        with self.transaction():
            n = fts.rebuild_index(self.con) if full else fts.update_index(self.con)
            faults.point("index-written")
        log.debug("search index: %d documents indexed", n)
        return True


def _all_tables() -> list[str]:
    return [
        "meta",
        "documents",
        "failures",
        "decisions",
        "canonical_entities",
        "entity_links",
        "event_links",
        *fts.INDEX_TABLES,
        *schema.DOC_TABLES,
    ]
