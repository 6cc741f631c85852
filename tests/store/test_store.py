"""Store: schema, idempotent transactional writes, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import Failure, NotFoundError, SchemaVersionError, StoreError
from newsgraph.model.records import DocResult
from newsgraph.store import Store, reader, schema, writer
from tests.store.builders import corpus, garcia_luna_2024

TABLES = (
    "documents",
    "sentences",
    "mentions",
    "entities",
    "timexes",
    "claims",
    "events",
    "flags",
    "failures",
)


def counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in TABLES}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


def test_schema_has_the_agreed_tables_and_columns(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        cols = {
            t: schema.table_columns(store.con, t)
            for t in (
                "documents",
                "failures",
                "mentions",
                "entities",
                "canonical_entities",
                "entity_links",
                "decisions",
                "event_links",
            )
        }
    assert cols["documents"] == [
        "id",
        "date",
        "date_precision",
        "title",
        "url",
        "source",
        "text",
        "repairs",
        "result",
        "ingested_at",
    ]
    assert cols["failures"][:5] == ["input", "line", "code", "message", "first_seen"]
    assert cols["mentions"] == ["doc_id", "id", "start", "end", "text", "type", "entity", "kind"]
    assert cols["entities"] == ["doc_id", "id", "name", "type", "aliases", "roles", "attributes"]
    assert cols["canonical_entities"] == [
        "id",
        "name",
        "type",
        "aliases",
        "n_mentions",
        "n_docs",
        "attributes",
    ]
    assert cols["entity_links"] == ["doc_id", "entity_id", "canonical_id", "rule", "evidence"]
    assert cols["decisions"] == ["id", "kind", "a", "b", "note", "created_at"]
    assert cols["event_links"] == ["doc_id", "event_id", "cluster_id", "rule"]


def test_every_record_field_has_a_column(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        assert schema.missing_columns(store.con) == []


def test_migration_adds_a_missing_record_column(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        # A store from before the column (and before the lookup indexes: DuckDB cannot drop a
        # column of an indexed table, so the old file is made by dropping the index first).
        store.con.execute("DROP INDEX idx_mentions_doc")
        store.con.execute("ALTER TABLE mentions DROP COLUMN kind")
        assert ("mentions", "kind", "VARCHAR") in schema.missing_columns(store.con)
    with Store(db, refresh_index_on_close=False) as store:
        assert "kind" in schema.table_columns(store.con, "mentions")
        indexes = {
            r[0] for r in store.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()
        }
        assert "idx_mentions_doc" in indexes


def test_schema_version_mismatch_is_refused(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        store.set_meta("schema_version", "999")
    with pytest.raises(SchemaVersionError):
        Store(db)
    with pytest.raises(SchemaVersionError):
        Store(db, read_only=True)


def test_foreign_database_is_refused(db: Path) -> None:
    import duckdb

    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE something (x INTEGER)")
    con.close()
    with pytest.raises(SchemaVersionError):
        Store(db)


def test_read_only_needs_an_existing_file(db: Path) -> None:
    with pytest.raises(NotFoundError):
        Store(db, read_only=True)


def test_write_batch_stores_every_record(db: Path) -> None:
    results = corpus()
    with Store(db, refresh_index_on_close=False) as store:
        stats = store.write_batch(results, [])
        assert (stats.new, stats.unchanged, stats.failed) == (3, 0, 0)
        c = counts(store)
    assert c["documents"] == 3
    for table in ("mentions", "entities", "timexes", "claims", "events", "flags", "sentences"):
        want = sum(len(getattr(r, table)) for r in results)
        assert c[table] == want, table


def test_stored_result_round_trips_to_the_same_contract_object(db: Path) -> None:
    original = garcia_luna_2024()
    with Store(db, refresh_index_on_close=False) as store:
        store.write_batch([original])
        row = store.con.execute("SELECT CAST(result AS VARCHAR), text FROM documents").fetchone()
        claim = store.con.execute("SELECT status, targets, date FROM claims").fetchone()
        results = list(reader.iter_results(store))
    assert row is not None and claim is not None
    assert "text" not in json.loads(row[0])["doc"]  # stored once, in documents.text
    assert reader.contract_object(row[0], row[1]) == original.to_dict()
    assert [r.to_dict() for r in results] == [original.to_dict()]
    assert claim[0] == "alleged"
    assert json.loads(claim[1]) == ["e3"]
    assert json.loads(claim[2])["value"] == "2024-09-17"


def test_fast_serialisation_equals_to_dict() -> None:
    for r in corpus():
        data = json.loads(writer.dumps(writer.stored_result(r)))
        data["doc"]["text"] = r.doc.text
        assert data == r.to_dict()


def test_writing_the_same_batch_twice_changes_nothing(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        first = store.write_batch(corpus())
        before = counts(store)
        stamp = store.con.execute("SELECT max(ingested_at) FROM documents").fetchone()
        second = store.write_batch(corpus())
        assert counts(store) == before
        assert store.con.execute("SELECT max(ingested_at) FROM documents").fetchone() == stamp
    assert first.new == 3 and second.new == 0 and second.unchanged == 3


def test_duplicate_within_a_batch_is_stored_once(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        stats = store.write_batch([garcia_luna_2024(), garcia_luna_2024()])
        assert (stats.new, stats.unchanged) == (1, 1)
        assert store.count("documents") == 1
        assert store.count("claims") == 1


def test_known_ids(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        store.write_batch(corpus()[:1])
        assert store.known_ids(["aaa111", "nope", "aaa111"]) == {"aaa111"}
        assert store.known_ids([]) == set()


def test_failed_write_rolls_the_whole_batch_back(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        store.write_batch([corpus()[2]])
        before = counts(store)
        real = writer._Loader.insert
        calls = {"n": 0}

        def flaky(self: writer._Loader, table: str, *args: object, **kw: object) -> None:
            calls["n"] += 1
            if calls["n"] == 3:  # documents and sentences are in; mentions fail
                raise RuntimeError("disk full")
            real(self, table, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(writer._Loader, "insert", flaky)
        with pytest.raises(RuntimeError):
            store.write_batch(corpus()[:2], [Failure("x.jsonl", 3, "NG105", "bad line")])
        assert calls["n"] == 3
        assert counts(store) == before
        monkeypatch.setattr(writer._Loader, "insert", real)
        stats = store.write_batch(corpus()[:2])
        assert stats.new == 2


def test_database_error_becomes_store_error(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    def broken(self: writer._Loader, *args: object, **kw: object) -> None:
        self.store.con.execute("INSERT INTO documents (id) VALUES ('x')")  # violates NOT NULL

    with Store(db, refresh_index_on_close=False) as store:
        monkeypatch.setattr(writer._Loader, "insert", broken)
        with pytest.raises(StoreError):
            store.write_batch(corpus()[:1])
        assert store.count("documents") == 0
    assert issubclass(duckdb.ConstraintException, duckdb.Error)


def test_failures_are_deduplicated(db: Path) -> None:
    bad = Failure("feed.jsonl", 7, "NG105", "malformed JSON")
    no_line = Failure("blob.bin", None, "NG106", "binary file")
    with Store(db, refresh_index_on_close=False) as store:
        s1 = store.write_batch([], [bad, bad, no_line])
        s2 = store.record_failures([bad, no_line])
        s3 = store.record_failures([Failure("feed.jsonl", 7, "NG104", "impossible date")])
        rows = store.con.execute(
            "SELECT input, line, code FROM failures ORDER BY input, code"
        ).fetchall()
    assert (s1.failed, s2.failed, s3.failed) == (3, 2, 1)  # this run's failures
    assert rows == [
        ("blob.bin", None, "NG106"),
        ("feed.jsonl", 7, "NG104"),
        ("feed.jsonl", 7, "NG105"),
    ]


def test_read_only_store_refuses_writes(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        store.write_batch(corpus()[:1])
    with Store(db, read_only=True) as store, pytest.raises(StoreError):
        store.write_batch(corpus()[1:2])


def test_a_batch_survives_reopening(db: Path) -> None:
    with Store(db, refresh_index_on_close=False) as store:
        store.write_batch(corpus())
    with Store(db, read_only=True) as store:
        assert store.count("documents") == 3
        assert store.count("mentions") == sum(len(r.mentions) for r in corpus())


KILL_SCRIPT = """
import sys
from dataclasses import replace
sys.path.insert(0, sys.argv[2])
from newsgraph.store import Store
from tests.store.builders import garcia_luna_2024

base = garcia_luna_2024()
with Store(sys.argv[1], refresh_index_on_close=False) as store:
    for b in range(int(sys.argv[3])):
        batch = [replace(base, doc=replace(base.doc, id=f"{b:04d}-{i:02d}")) for i in range(20)]
        store.write_batch(batch)
        print(b, flush=True)
"""


def _batches(n: int) -> list[list[DocResult]]:
    from dataclasses import replace

    base = garcia_luna_2024()
    return [
        [replace(base, doc=replace(base.doc, id=f"{b:04d}-{i:02d}")) for i in range(20)]
        for b in range(n)
    ]


def test_killed_writer_leaves_whole_batches_and_a_rerun_matches_a_clean_run(
    tmp_path: Path,
) -> None:
    import os
    import signal
    import subprocess
    import sys

    killed, clean = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(killed), root, "400"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for _ in range(3):  # let a few batches commit, then kill it in the middle of the next
        proc.stdout.readline()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    per_doc = counts_of(garcia_luna_2024())
    with Store(killed, refresh_index_on_close=False) as store:
        c = counts(store)
        assert c["documents"] % 20 == 0 and 3 * 20 <= c["documents"] < 400 * 20
        for table, n in per_doc.items():
            assert c[table] == n * c["documents"], table
        done = c["documents"] // 20 + 2
        for batch in _batches(done):
            store.write_batch(batch)
        after_rerun = counts(store)
    with Store(clean, refresh_index_on_close=False) as store:
        for batch in _batches(done):
            store.write_batch(batch)
        assert counts(store) == after_rerun


def counts_of(result: DocResult) -> dict[str, int]:
    return {t: len(getattr(result, t)) for t in TABLES if t not in ("documents", "failures")}
