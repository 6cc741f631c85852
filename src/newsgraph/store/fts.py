"""The full-text search index: BM25 postings in store tables, updated incrementally in SQL.

Tables (declared in :mod:`newsgraph.store.schema`):

* ``search_docs(doc_id, len)`` — one row per indexed document: its length in index terms;
* ``search_terms(term, df)`` — one row per stemmed term: how many documents contain it;
* ``search_postings(term, doc_id, tf, len)`` — one row per (term, document): how often the term
  occurs there, and the document's length again (so scoring a term reads one table).

A document's terms are its title and text, lower-cased with accents stripped, cut at every
character outside ``[a-z0-9]``, English function words left out (our list,
``model/data/search_stopwords.txt``) and stemmed with Snowball's English stemmer: the analysis
DuckDB's ``fts`` extension applies (given the same stop list, it scores as we do; a test checks
it). The extension is still loaded for its ``stem`` function (see below).

The analysis is stamped in ``meta`` (:data:`ANALYSIS_KEY`: a version and a digest of the stop
list). A store indexed under another analysis (an older stop list) is stale as a whole: opened
writable, its index is emptied and rebuilt by the next update; opened read-only, search scans.

Which documents are not yet indexed is read from the data: those with no ``search_docs`` row.
:func:`update_index` indexes exactly those, with a few set-based statements whose cost follows
the new documents (their words, the terms they touch), never the store; a run killed before its
transaction commits leaves the old index, and the next update catches up. Postings and document
frequencies are plain functions of the documents, so an index built in several updates holds
the same rows as one built at once (:func:`rebuild_index`).

DuckDB would download ``fts`` from its extension repository on first use, which cannot work here
(and should not happen behind a user's back anywhere). The PyPI package ``duckdb-ext-fts`` ships
the compiled extension inside ``site-packages/duckdb_ext/``; we ``LOAD`` that file by its path and
keep DuckDB's auto-install/auto-load switched off on every connection (see
``core.CONNECT_CONFIG``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
from collections.abc import Sequence
from pathlib import Path

import duckdb

from newsgraph.errors import FtsUnavailableError
from newsgraph.model.data import load_lines

log = logging.getLogger(__name__)

INDEX_TABLES = ("search_docs", "search_terms", "search_postings")
# The schema DuckDB's own fts index used (dropped when a store is upgraded, see ``schema``).
OLD_INDEX_SCHEMA = "fts_main_documents"
STOPWORDS_FILE = "search_stopwords.txt"
ANALYSIS_KEY = "search_analysis"
# Bump when the tokenising or stemming above changes (the stop list is covered by its digest).
ANALYSIS_VERSION = 2
_EXT_REL = Path("extensions") / f"v{duckdb.__version__}" / "linux_amd64" / "fts.duckdb_extension"


def tokens_sql(expr: str) -> str:
    """SQL list of the words of the text ``expr`` (may contain empty strings: filter them)."""
    return (
        f"string_split(regexp_replace(lower(strip_accents({expr})), '[^a-z0-9]+', ' ', 'g'), ' ')"
    )


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
    except duckdb.InterruptException:
        raise  # Ctrl-C, not a missing extension (which ``load_fts`` would only warn about)
    except duckdb.Error as err:
        raise FtsUnavailableError(f"cannot load {path}: {err}") from err


def analysis() -> str:
    """The stamp of the analysis this code indexes with: version and stop-list digest."""
    digest = hashlib.sha1("\n".join(load_lines(STOPWORDS_FILE)).encode()).hexdigest()[:12]
    return f"{ANALYSIS_VERSION}:{digest}"


def analysis_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the index was built under :func:`analysis` (an empty index always is)."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [ANALYSIS_KEY]).fetchone()
    if row is not None and row[0] == analysis():
        return True
    if not has_tables(con):
        return True  # nothing indexed under any analysis yet
    indexed = con.execute("SELECT count(*) FROM search_docs").fetchone()
    return not (indexed and indexed[0])


def stamp_analysis(con: duckdb.DuckDBPyConnection) -> None:
    """Make the index current: empty it when it was built under another analysis (the next
    update indexes every document again), then stamp this one. Needs a writable connection."""
    if not analysis_current(con):
        for table in INDEX_TABLES:
            con.execute(f"DELETE FROM {table}")
        log.info("search index built with another analysis: emptied, to be rebuilt")
    con.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [ANALYSIS_KEY, analysis()],
    )


def has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the store has the index tables (a store made before them has not, until it is
    opened writable)."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' "
        f"AND table_name IN ({', '.join('?' for _ in INDEX_TABLES)})",
        list(INDEX_TABLES),
    ).fetchone()
    return bool(row and row[0] == len(INDEX_TABLES))


def pending(con: duckdb.DuckDBPyConnection) -> int:
    """How many documents are not indexed yet (all of them when the tables are missing).
    Documents are never deleted, so a count comparison answers without a join."""
    if not has_tables(con):
        row = con.execute("SELECT count(*) FROM documents").fetchone()
    else:
        row = con.execute(
            "SELECT (SELECT count(*) FROM documents) - (SELECT count(*) FROM search_docs)"
        ).fetchone()
    return max(int(row[0]), 0) if row else 0


def update_index(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str] | None = None) -> int:
    """Index the documents that have no ``search_docs`` row yet (only those among ``doc_ids``
    when given: a batch just written); returns how many.

    Needs ``fts`` loaded (:func:`load`) for ``stem``. The caller holds the transaction (so that a
    kill leaves the old index whole); :meth:`Store.refresh_search_index` and the batch writer do.
    Cost: tokenising the new documents, an anti-join of their ids with ``search_docs`` and an
    update of the ``df`` of the terms they contain.
    """
    if doc_ids is None:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _search_new AS SELECT d.id AS doc_id FROM documents d "
            "WHERE NOT EXISTS (SELECT 1 FROM search_docs s WHERE s.doc_id = d.id)"
        )
    else:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _search_new AS SELECT DISTINCT d.id AS doc_id "
            "FROM documents d JOIN (SELECT unnest(?::VARCHAR[]) AS id) w ON w.id = d.id "
            "WHERE NOT EXISTS (SELECT 1 FROM search_docs s WHERE s.doc_id = d.id)",
            [list(doc_ids)],
        )
    row = con.execute("SELECT count(*) FROM _search_new").fetchone()
    added = int(row[0]) if row else 0
    if added:
        _index_new(con)
    con.execute("DROP TABLE IF EXISTS _search_new")
    return added


def _index_new(con: duckdb.DuckDBPyConnection) -> None:
    """Postings, lengths and document frequencies of the documents in ``_search_new``."""
    body = "coalesce(d.title, '') || ' ' || d.text"
    # Words counted per document first (a document repeats most of its words), so the stop-word
    # test and the stemmer run once per distinct word of the batch, not once per occurrence.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _search_words AS
        SELECT doc_id, w, count(*) AS n
        FROM (SELECT n.doc_id, unnest({tokens_sql(body)}) AS w
              FROM _search_new n JOIN documents d ON d.id = n.doc_id)
        WHERE w <> '' GROUP BY ALL"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _search_post AS
        WITH vocab AS (
            SELECT w, stem(w, 'english') AS term
            FROM (SELECT DISTINCT w FROM _search_words) x
            WHERE NOT EXISTS (SELECT 1 FROM (SELECT unnest(?::VARCHAR[]) AS sw) s
                              WHERE s.sw = x.w))
        SELECT v.term, x.doc_id, CAST(sum(x.n) AS INTEGER) AS tf
        FROM _search_words x JOIN vocab v USING (w) GROUP BY ALL""",
        [list(load_lines(STOPWORDS_FILE))],
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _search_len AS
        SELECT n.doc_id, CAST(coalesce(l.len, 0) AS INTEGER) AS len
        FROM _search_new n
        LEFT JOIN (SELECT doc_id, sum(tf) AS len FROM _search_post GROUP BY doc_id) l
        USING (doc_id)"""
    )
    con.execute("INSERT INTO search_docs SELECT doc_id, len FROM _search_len ORDER BY doc_id")
    con.execute(
        "INSERT INTO search_postings SELECT p.term, p.doc_id, p.tf, l.len "
        "FROM _search_post p JOIN _search_len l USING (doc_id) ORDER BY p.term, p.doc_id"
    )
    # Document frequencies: add the new documents' counts to the terms they touch; terms seen
    # for the first time get their row.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _search_df AS "
        "SELECT term, CAST(count(*) AS INTEGER) AS n FROM _search_post GROUP BY term"
    )
    con.execute("UPDATE search_terms t SET df = t.df + x.n FROM _search_df x WHERE t.term = x.term")
    con.execute(
        "INSERT INTO search_terms SELECT x.term, x.n FROM _search_df x "
        "WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.term = x.term) ORDER BY x.term"
    )
    for table in ("_search_words", "_search_post", "_search_len", "_search_df"):
        con.execute(f"DROP TABLE IF EXISTS {table}")


def rebuild_index(con: duckdb.DuckDBPyConnection) -> int:
    """Empty the index and index every document again (the caller holds the transaction);
    returns how many. Gives the same rows as any sequence of :func:`update_index`."""
    for table in INDEX_TABLES:
        con.execute(f"DELETE FROM {table}")
    return update_index(con)


def drop_old_index(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the schema DuckDB's ``fts`` index lived in (stores made before our own tables)."""
    con.execute(f"DROP SCHEMA IF EXISTS {OLD_INDEX_SCHEMA} CASCADE")


def _sql_str(value: str) -> str:
    return value.replace("'", "''")
