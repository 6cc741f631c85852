"""Full-text search index: loaded offline by path, written with each batch, caught up before a
search or on close when articles were stored without it, a scan when it cannot be used."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.errors import FtsUnavailableError
from newsgraph.model.records import DocResult, Document
from newsgraph.query import search
from newsgraph.store import Store, fts
from tests.store.builders import corpus


def doc(id_: str, text: str, title: str = "t") -> DocResult:
    return DocResult(doc=Document(id_, "2024-01-02", "day", text, title=title))


def test_autoinstall_and_autoload_are_off() -> None:
    with Store(":memory:") as store:
        for name in ("autoinstall_known_extensions", "autoload_known_extensions"):
            row = store.con.execute(f"SELECT current_setting('{name}')").fetchone()
            assert row is not None and row[0] is False


def test_extension_is_loaded_from_the_package_file() -> None:
    path = fts.extension_path()
    assert path.name == "fts.duckdb_extension" and path.is_file()
    with Store(":memory:") as store:
        assert store.load_fts()
        row = store.con.execute(
            "SELECT loaded, install_path FROM duckdb_extensions() WHERE extension_name = 'fts'"
        ).fetchone()
        assert row is not None and row[0] is True


def test_search_finds_a_word_and_ranks_by_bm25(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(
            [
                doc("d1", "The senator spoke about budgets and the weather."),
                doc("d2", "Bribes, bribes and more bribes: the bribery trial opened."),
                doc("d3", "A quiet day at the harbour."),
                doc("d4", "Prosecutors say the mayor took a bribe."),
            ]
        )
        result = search(store, "bribe")
    assert result.method == "bm25"
    ids = [h.id for h in result.hits]
    assert ids[:2] == ["d2", "d4"]  # stemming: "bribes" matches "bribe"; more hits rank higher
    assert "d3" not in ids and "d1" not in ids
    assert result.hits[0].score > result.hits[1].score
    assert "ribe" in result.hits[0].snippet.lower()


def test_accents_and_case_are_ignored(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(corpus())
        hits = search(store, "GARCIA").hits
    assert {h.id for h in hits} == {"aaa111", "bbb222"}


def test_a_write_indexes_its_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([doc("d1", "first article about ports")])
        assert not store.index_stale()
        assert [h.id for h in search(store, "ports").hits] == ["d1"]
        store.write_batch([doc("d2", "second article about ports and ships")])
        assert not store.index_stale()
        assert {h.id for h in search(store, "ports").hits} == {"d1", "d2"}


def _write_without_extension(
    path: Path, monkeypatch: pytest.MonkeyPatch, docs: list[DocResult], **kw: bool
) -> None:
    """Write ``docs`` as if the extension were missing: they are stored, not indexed."""

    def missing() -> Path:
        raise FtsUnavailableError("not installed")

    with monkeypatch.context() as m:
        m.setattr(fts, "extension_path", missing)
        with Store(path, **kw) as store:
            store.write_batch(docs)
            assert store.index_stale()


def test_articles_written_without_the_extension_are_indexed_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    _write_without_extension(path, monkeypatch, [doc("d1", "first article about ports")])
    with Store(path) as store:
        assert store.index_stale()
        assert [h.id for h in search(store, "ports").hits] == ["d1"]  # indexed by the search
        assert not store.index_stale()


def test_closing_a_writer_refreshes_the_index_for_readers(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_batch([doc("d1", "harbour cranes")])
    with Store(path, read_only=True) as store:
        assert not store.index_stale()
        result = search(store, "cranes")
    assert result.method == "bm25" and [h.id for h in result.hits] == ["d1"]


def test_read_only_store_with_stale_index_scans_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    docs = [doc("d1", "harbour cranes"), doc("d2", "cranes, cranes, cranes")]
    _write_without_extension(path, monkeypatch, docs, refresh_index_on_close=False)
    with Store(path, read_only=True) as store:
        result = search(store, "cranes")
    assert result.method == "scan" and result.note
    assert [h.id for h in result.hits] == ["d2", "d1"]


def test_missing_extension_falls_back_to_a_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Path:
        raise FtsUnavailableError("not installed")

    monkeypatch.setattr(fts, "extension_path", missing)
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([doc("d1", "García Luna was convicted"), doc("d2", "nothing here")])
        result = search(store, "garcia")
        with pytest.raises(FtsUnavailableError):
            store.refresh_search_index(required=True)
    assert result.method == "scan" and "unavailable" in (result.note or "")
    assert [h.id for h in result.hits] == ["d1"]


def test_snippet_is_cut_around_the_first_match() -> None:
    from newsgraph.query.search import make_snippet

    text = "word " * 200 + "The Conviction of the official was upheld. " + "tail " * 200
    snippet, start, end = make_snippet(text, ["convicted"])
    assert start is not None and end is not None
    assert text[start:end] == "Conviction"
    assert "Conviction" in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 260


def test_title_is_searched_too(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(
            [
                replace(
                    doc("d1", "body text"),
                    doc=Document("d1", "2024", "year", "body text", title="Earthquake report"),
                )
            ]
        )
        assert [h.id for h in search(store, "earthquake").hits] == ["d1"]


def test_search_on_an_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        result = search(store, "anything")
    assert result.hits == [] and result.note


def test_a_reader_between_batches_finds_them_by_the_index(tmp_path: Path) -> None:
    """An ingest lets readers in between its batches, before its final spell: what they find
    by search is every batch written so far, ranked by the index, not a scan."""
    path = tmp_path / "s.duckdb"
    with Store(path, refresh_index_on_close=False) as store:
        store.write_batch([doc("d1", "harbour cranes"), doc("d2", "cranes, cranes, cranes")])
    with Store(path, read_only=True) as store:
        result = search(store, "cranes")
    assert result.method == "bm25" and result.note is None
    assert [h.id for h in result.hits] == ["d2", "d1"]
