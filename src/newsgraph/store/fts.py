"""Full-text search over documents with DuckDB's ``fts`` extension (BM25), loaded offline by path.

DuckDB would download ``fts`` from its extension repository on first use, which cannot work here
(and should not happen behind a user's back anywhere). The PyPI package ``duckdb-ext-fts`` ships the
compiled extension inside ``site-packages/duckdb_ext/``; we ``LOAD`` that file by its path and keep
DuckDB's auto-install/auto-load switched off on every connection (see ``core.CONNECT_CONFIG``).

The index is a snapshot of ``documents``: writes mark it stale (``meta.fts_stale``) instead of
rebuilding it per batch, and it is rebuilt before the next search from a writable store (or when
a writing :class:`~newsgraph.store.core.Store` closes). A read-only store with a stale or missing
index searches by a plain scan instead and says so.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import duckdb

from newsgraph.errors import FtsUnavailableError

log = logging.getLogger(__name__)

INDEX_SCHEMA = "fts_main_documents"
_EXT_REL = Path("extensions") / f"v{duckdb.__version__}" / "linux_amd64" / "fts.duckdb_extension"


def extension_path() -> Path:
    """The ``fts`` extension file shipped by ``duckdb-ext-fts`` for this DuckDB version.

    ``duckdb_ext`` is a namespace package (its ``__file__`` is None), so we look along its
    ``__path__`` entries.
    """
    spec = importlib.util.find_spec("duckdb_ext")
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        candidate = Path(root) / _EXT_REL
        if candidate.is_file():
            return candidate
    where = ", ".join(roots) or "no duckdb_ext package installed"
    raise FtsUnavailableError(
        f"DuckDB full-text search extension not found ({_EXT_REL} under {where})"
    )


def load(con: duckdb.DuckDBPyConnection) -> None:
    """Load ``fts`` into ``con`` from the packaged file; never downloads."""
    path = extension_path()
    try:
        con.execute(f"LOAD '{_sql_str(str(path))}'")
    except duckdb.Error as err:
        raise FtsUnavailableError(f"cannot load {path}: {err}") from err


def index_exists(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?", [INDEX_SCHEMA]
    ).fetchone()
    return bool(row and row[0])


def build_index(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the BM25 index over documents(title, text); English stemming, accents stripped."""
    con.execute(
        "PRAGMA create_fts_index('documents', 'id', 'title', 'text', "
        "stemmer = 'english', stopwords = 'english', ignore = '(\\.|[^a-z0-9])+', "
        "strip_accents = 1, lower = 1, overwrite = 1)"
    )


def _sql_str(value: str) -> str:
    return value.replace("'", "''")
