"""The articles' text hashes kept in ``resolve_texts`` (copies of an article share one): every
article has its row after any resolution, also in a store resolved before the table existed,
and the incremental path finds the copies of old articles through them (hand-built fictional
articles; no spaCy)."""

from __future__ import annotations

import hashlib

from newsgraph.resolve import resolve_store, texts
from tests.resolve.conftest import TmpStore, resolved_rows
from tests.resolve.test_incremental import ARTICLES, _add


def _stored(store: TmpStore) -> set[tuple[str, str]]:
    return {
        (str(d), str(h))
        for d, h in store.con.execute("SELECT doc_id, hash FROM resolve_texts").fetchall()
    }


def _expected(store: TmpStore) -> set[tuple[str, str]]:
    """Every stored article with the md5 of its text, computed here in Python."""
    return {
        (str(d), hashlib.md5(str(t).encode()).hexdigest())
        for d, t in store.con.execute("SELECT id, text FROM documents").fetchall()
    }


def test_every_article_is_hashed_after_full_and_incremental_resolution(
    tmp_store: TmpStore,
) -> None:
    for doc, rows in ARTICLES[:4]:
        _add(tmp_store, doc, rows)
    assert resolve_store(tmp_store).mode == "full"
    assert _stored(tmp_store) == _expected(tmp_store)
    for doc, rows in ARTICLES[4:]:
        _add(tmp_store, doc, rows)
        assert resolve_store(tmp_store).mode == "incremental"
        assert _stored(tmp_store) == _expected(tmp_store)
    assert len(_stored(tmp_store)) == len(ARTICLES)


def test_a_store_resolved_before_the_hashes_were_kept_still_finds_copies(
    tmp_store: TmpStore,
) -> None:
    for doc, rows in ARTICLES:
        _add(tmp_store, doc, rows)
    resolve_store(tmp_store)
    tmp_store.con.execute("DROP TABLE resolve_texts")  # a store written before the table
    doc, rows = ARTICLES[1]  # "Vell" (no name rule links it: it ends "Mara Vell"), "OFB", ...
    _add(tmp_store, "a02-again", rows, copy_of=doc)
    stats = resolve_store(tmp_store)
    assert stats.mode == "incremental"
    # The copy joins its original through the old article's text hash, hashed now.
    assert tmp_store.link("a02-again", "e1")[0] == "same-article"
    for eid, *_ in rows:
        assert tmp_store.canonical_of("a02-again", eid) == tmp_store.canonical_of(doc, eid)
    assert _stored(tmp_store) == _expected(tmp_store)
    step = resolved_rows(tmp_store.con)
    resolve_store(tmp_store, full=True)
    assert resolved_rows(tmp_store.con) == step


def test_fill_hashes_the_missing_articles_wherever_they_are_stored(tmp_store: TmpStore) -> None:
    for doc, rows in ARTICLES[:6]:
        _add(tmp_store, doc, rows)
    assert texts.fill(tmp_store.con) == 6
    assert texts.fill(tmp_store.con) == 0  # nothing missing: nothing read
    # A row lost in the middle of the table (a run killed between the two statements cannot do
    # this, but the rowid range must cover any missing article) and two articles appended.
    tmp_store.con.execute("DELETE FROM resolve_texts WHERE doc_id = 'a03'")
    for doc, rows in ARTICLES[6:]:
        _add(tmp_store, doc, rows)
    assert texts.fill(tmp_store.con) == 3
    assert _stored(tmp_store) == _expected(tmp_store)
