"""The text hash of every article, kept in the store so resolution need not read the texts.

Same-article linking (:func:`newsgraph.resolve.model.copy_key`) tells copies of an article apart
by the md5 of its text. Computing it while loading the entities read ``documents.text`` of every
article of the touched components for each chunk of an incremental update: ~1 CPU s of an update
of 100 articles into 100,000, most of it reading and decompressing the text column (DuckDB reads
a column whole for a join, however few rows match).

* ``resolve_texts(doc_id, hash)``: one row per stored article, ``hash`` = ``md5(text)``.

An article's text never changes (an id already stored is skipped by the writer) and articles are
never deleted, so a row, once written, stays right: the table is filled, not rewritten. Every
resolution first hashes the articles that have no row (:func:`fill`): all of them in a store
made before this table, else the articles ingested since (appended last, so only the row groups
from the first of them on are read, by ``rowid``). After any resolution the table holds every
article, whichever path ran, so the incremental path and a full rebuild leave it equal.
"""

from __future__ import annotations

import duckdb

DDL = """CREATE TABLE IF NOT EXISTS resolve_texts (
    doc_id VARCHAR NOT NULL,
    hash VARCHAR NOT NULL
)"""


def fill(con: duckdb.DuckDBPyConnection) -> int:
    """Hash the stored articles ``resolve_texts`` lacks; how many. Reads the text column only
    from the first such article's row group on (by ``rowid``), and only when some are missing
    (the two row counts differ: every hashed article is stored, each once)."""
    con.execute(DDL)
    counts = con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM resolve_texts)"
    ).fetchone()
    if counts is None or counts[0] == counts[1]:
        return 0
    # Only the id column is read to find them.
    bounds = con.execute(
        "SELECT min(d.rowid), max(d.rowid), count(*) FROM documents d "
        "ANTI JOIN resolve_texts h ON h.doc_id = d.id"
    ).fetchone()
    if bounds is None or not bounds[2]:
        return 0
    con.execute(
        "INSERT INTO resolve_texts SELECT d.id, md5(d.text) FROM documents d "
        "ANTI JOIN resolve_texts h ON h.doc_id = d.id WHERE d.rowid BETWEEN ? AND ? "
        "ORDER BY d.rowid",
        [bounds[0], bounds[1]],
    )
    return int(bounds[2])
