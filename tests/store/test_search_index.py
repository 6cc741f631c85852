"""Our BM25 index in store tables: incremental updates equal a rebuild, scores equal those of
DuckDB's fts extension given our stop list, ranking is sane, old stores upgrade, and an index
built under another stop list is rebuilt (writable) or not trusted (read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsgraph.model.data import load_lines
from newsgraph.model.records import DocResult, Document
from newsgraph.query import search
from newsgraph.query.docs import documents_page
from newsgraph.store import Store, fts

ARTICLES = [
    ("n01", "Ostland talks", "Mirela Vantor, the foreign minister of Ostland, met envoys."),
    ("n02", "Harbour strike", "Dockers in Lagonia stopped work at the harbour of Port Zemla."),
    ("n03", "Envoys", "The envoys of Carpathia and Ostland signed a grain accord on Tuesday."),
    ("n04", "Zoë Brannick", "Zoë Brannick, a judge in Freedonia, convicted two smugglers."),
    ("n05", None, "Smugglers smuggled smuggled goods; the smuggling ring was convicted."),
    ("n06", "Weather", "Rain fell on Port Zemla, and the harbour closed for a day."),
    ("n07", "Minister resigns", "Ostland's minister resigned. The minister denied bribery."),
    ("n08", "Grain", "Grain prices rose in Carpathia after the accord with Ostland."),
    ("n09", "Court", "The court of Freedonia heard the smuggling case against the ring."),
    ("n10", "Mixed", "It is what it is: the and of or, nothing but stop words here."),
    ("n11", "Long report", "Ostland " + "weather report and long filler text. " * 40),
]


def doc(id_: str, title: str | None, text: str) -> DocResult:
    return DocResult(doc=Document(id_, "2025-03-04", "day", text, title=title))


def index_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(store.con.execute(f"SELECT * FROM {t}").fetchall()) for t in fts.INDEX_TABLES}


def _store_unindexed(store: Store, docs: list[DocResult]) -> None:
    """Write ``docs`` as a store without the extension would: stored, not indexed."""
    loaded = store._fts_loaded
    store._fts_loaded = False
    try:
        store.write_batch(docs)
    finally:
        store._fts_loaded = loaded


def test_incremental_updates_equal_a_rebuild(tmp_path: Path) -> None:
    docs = [doc(*a) for a in ARTICLES]
    with Store(tmp_path / "inc.duckdb") as store:
        for batch in (docs[:3], docs[3:4], docs[4:9], docs[9:]):
            store.write_batch(batch)  # each batch indexes its own articles
            assert not store.index_stale()
        incremental = index_rows(store)
        results = {q: search(store, q).to_dict() for q in ("ostland minister", "smuggle", "zoe")}
        store.refresh_search_index(full=True)
        assert index_rows(store) == incremental
    with Store(tmp_path / "once.duckdb") as store:
        _store_unindexed(store, list(reversed(docs)))
        assert store.index_stale()
        store.refresh_search_index()  # all at once, in another order
        assert index_rows(store) == incremental
        for q, expected in results.items():
            got = search(store, q).to_dict()
            assert [h["id"] for h in got["hits"]] == [h["id"] for h in expected["hits"]]
            assert [h["score"] for h in got["hits"]] == pytest.approx(
                [h["score"] for h in expected["hits"]]
            )
    assert len(incremental["search_docs"]) == len(ARTICLES)


def test_an_update_indexes_only_the_new_documents(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([doc(*a) for a in ARTICLES[:5]])
        _store_unindexed(store, [doc(*a) for a in ARTICLES[5:7]])
        with store.transaction() as con:
            assert fts.update_index(con, ["n01", "n06", "nope"]) == 1  # only n06 was missing
            assert fts.update_index(con) == 1  # n07
            assert fts.update_index(con) == 0
        df = dict(store.con.execute("SELECT term, df FROM search_terms").fetchall())
    assert df["ostland"] == 3 and df["harbour"] == 2 and df["minist"] == 2
    assert "the" not in df and "and" not in df  # stop words are not indexed


def _fts_scores(path: Path, query: str) -> dict[str, float]:
    """Scores DuckDB's own fts index gives (the index we replaced), built on a copy."""
    con = duckdb.connect(str(path))
    try:
        fts.load(con)
        # Our stop list, given to the extension as the table it reads stop words from.
        con.execute("CREATE TABLE our_stopwords (sw VARCHAR)")
        con.executemany(
            "INSERT INTO our_stopwords VALUES (?)", [[w] for w in load_lines(fts.STOPWORDS_FILE)]
        )
        con.execute(
            "PRAGMA create_fts_index('documents', 'id', 'title', 'text', "
            "stemmer = 'english', stopwords = 'our_stopwords', ignore = '(\\.|[^a-z0-9])+', "
            "strip_accents = 1, lower = 1, overwrite = 1)"
        )
        rows = con.execute(
            "SELECT id, score FROM (SELECT id, fts_main_documents.match_bm25(id, ?) AS score "
            "FROM documents) WHERE score IS NOT NULL",
            [query],
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1] for r in rows}


@pytest.mark.parametrize(
    "query", ["ostland", "ostland minister", "smuggling convicted", "ZOË", "port zemla harbour"]
)
def test_scores_equal_those_of_the_fts_extension(tmp_path: Path, query: str) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_batch([doc(*a) for a in ARTICLES])
        result = search(store, query, limit=None)
    expected = _fts_scores(path, query)
    assert expected, query
    assert {h.id: h.score for h in result.hits} == pytest.approx(expected)
    assert result.total == len(expected)


def test_ranking_is_sane(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([doc(*a) for a in ARTICLES])
        # Both words beat one word; the short article about the minister beats the one that
        # names Ostland once among filler.
        ids = [h.id for h in search(store, "Ostland minister").hits]
        assert ids[:2] == ["n07", "n01"]
        assert ids.index("n11") > ids.index("n03")
        # Stemming: "smuggle" finds smuggled and smuggling (Snowball keeps "smuggler" apart);
        # more occurrences first.
        ids = [h.id for h in search(store, "smuggle").hits]
        assert ids == ["n05", "n09"]
        assert {h.id for h in search(store, "smugglers").hits} == {"n04", "n05"}
        # Accents and case: "ZOE" finds "Zoë" (title and text).
        assert [h.id for h in search(store, "ZOE").hits] == ["n04"]
        # Stop words alone match nothing; a word nobody wrote matches nothing.
        assert search(store, "what is the").hits == []
        assert search(store, "Ruritania").total == 0


def test_one_and_several_terms_page_and_count_alike(tmp_path: Path) -> None:
    """The one-term path (straight from the postings) and the grouped path agree with the
    relation the documents list joins, window by window."""
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([doc(*a) for a in ARTICLES])
        for query in ("ostland", "ostland grain harbour"):
            full = [(h.id, h.score) for h in search(store, query, limit=None).hits]
            pages = [search(store, query, limit=2, offset=o) for o in range(0, 8, 2)]
            assert [(h.id, h.score) for p in pages for h in p.hits] == full[:8]
            assert {p.total for p in pages} == {len(full)}
            listed = documents_page(store, q=query, limit=None)
            assert listed.total == len(full)
            assert [i.doc_id for i in listed.items] == [i for i, _ in full]
            beyond = search(store, query, limit=5, offset=50)
            assert beyond.hits == [] and beyond.total == len(full)
            windows = [documents_page(store, q=query, limit=2, offset=o) for o in range(0, 8, 2)]
            assert [i.doc_id for w in windows for i in w.items] == [i for i, _ in full][:8]
            assert {w.total for w in windows} == {len(full)}
            assert documents_page(store, q=query, limit=5, offset=50).total == len(full)
        # Without a query: newest first, the same total whatever the window.
        unfiltered = [documents_page(store, limit=4, offset=o) for o in (0, 4, 8, 12)]
        assert {w.total for w in unfiltered} == {len(ARTICLES)}
        assert sum(len(w.items) for w in unfiltered) == len(ARTICLES)


def _make_old_store(path: Path) -> None:
    """A store as the previous version left it: DuckDB fts's index schema, its staleness mark,
    no tables of ours."""
    with Store(path) as store:
        store.write_batch([doc(*a) for a in ARTICLES[:4]])
    con = duckdb.connect(str(path))
    fts.load(con)
    for table in fts.INDEX_TABLES:
        con.execute(f"DROP TABLE {table}")
    con.execute(
        "PRAGMA create_fts_index('documents', 'id', 'title', 'text', stemmer = 'english', "
        "stopwords = 'english', strip_accents = 1, lower = 1, overwrite = 1)"
    )
    con.execute("INSERT INTO meta VALUES ('fts_stale', '0')")
    con.close()


def test_an_old_store_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _make_old_store(path)
    with Store(path, read_only=True) as store:  # not upgraded: scans, and says why
        result = search(store, "ostland")
    assert result.method == "scan" and result.note
    assert {h.id for h in result.hits} == {"n01", "n03"}
    with Store(path) as store:  # writable: the old index goes, ours is built by the search
        assert store.get_meta("fts_stale") is None
        result = search(store, "ostland")
        assert result.method == "bm25" and {h.id for h in result.hits} == {"n01", "n03"}
    con = duckdb.connect(str(path), read_only=True)
    schemas = {r[0] for r in con.execute("SELECT schema_name FROM duckdb_schemas()").fetchall()}
    con.close()
    assert fts.OLD_INDEX_SCHEMA not in schemas
    with Store(path, read_only=True) as store:
        assert search(store, "ostland").method == "bm25"


def test_an_index_built_with_another_stop_list_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_batch([doc(*a) for a in ARTICLES])
        want = index_rows(store)
        # As an older version left it: "ostland" was a stop word then, and the stamp says so.
        store.con.execute("DELETE FROM search_postings WHERE term = 'ostland'")
        store.con.execute("DELETE FROM search_terms WHERE term = 'ostland'")
        store.con.execute("UPDATE meta SET value = '1:oldlist' WHERE key = ?", [fts.ANALYSIS_KEY])
    with Store(path, read_only=True) as store:  # cannot rebuild: scans, and says why
        assert store.index_stale()
        result = search(store, "ostland")
        assert result.method == "scan" and result.note
        assert {h.id for h in result.hits} == {"n01", "n03", "n07", "n08", "n11"}
    with Store(path) as store:  # writable: emptied on open, indexed again by the first search
        result = search(store, "ostland")
        assert result.method == "bm25" and len(result.hits) == 5
        assert index_rows(store) == want
        assert not store.index_stale()
