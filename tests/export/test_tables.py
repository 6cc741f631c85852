"""Parquet and CSV exports read back with DuckDB, pyarrow and the csv module; filters filter."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from newsgraph.export.formats.tables import TABLES
from newsgraph.store import Store
from tests.export.conftest import export


@pytest.fixture(scope="module")
def parquet_dir(samples_db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pq") / "tables"
    code, _, err = export(samples_db, "-f", "parquet", "--min-confidence", "0", "-o", str(out))
    assert code == 0, err
    return out


def test_parquet_has_every_table_with_the_store_rows(parquet_dir: Path, samples_db: str) -> None:
    assert sorted(p.name for p in parquet_dir.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    with Store(samples_db, read_only=True) as store:
        for table in TABLES:
            n = pq.read_table(parquet_dir / f"{table}.parquet").num_rows
            assert n == store.count(table), table


def test_parquet_types_and_join_keys_read_in_duckdb(parquet_dir: Path) -> None:
    con = duckdb.connect()
    types = dict(
        con.execute(
            f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
            f"'{parquet_dir / 'events.parquet'}')"
        ).fetchall()
    )
    assert types["trigger_start"] == "INTEGER" and types["confidence"] == "DOUBLE"
    assert types["reciprocal"] == "BOOLEAN" and types["source"] == "VARCHAR"
    # Every event's actors are entities of its own document, joinable on (doc_id, id).
    rows = con.execute(
        f"SELECT e.doc_id, s.value FROM '{parquet_dir / 'events.parquet'}' e, json_each(e.source) s"
    ).fetchall()
    assert rows
    names = con.execute(
        f"SELECT count(*) FROM (SELECT e.doc_id, s.value ->> '$' AS eid FROM "
        f"'{parquet_dir / 'events.parquet'}' e, json_each(e.source) s) x "
        f"JOIN '{parquet_dir / 'entities.parquet'}' n ON n.doc_id = x.doc_id AND n.id = x.eid"
    ).fetchone()
    assert names is not None and names[0] > 0
    # Entities carry the canonical id, and every one of them is in canonical_entities.
    missing = con.execute(
        f"SELECT count(*) FROM '{parquet_dir / 'entities.parquet'}' n WHERE canonical_id NOT IN "
        f"(SELECT id FROM '{parquet_dir / 'canonical_entities.parquet'}')"
    ).fetchone()
    assert missing == (0,)


def test_csv_reads_with_the_csv_module_with_the_parquet_columns(
    samples_db: str, parquet_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    code, _, err = export(samples_db, "-f", "csv", "--min-confidence", "0", "-o", str(out))
    assert code == 0, err
    for table in TABLES:
        with (out / f"{table}.csv").open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        schema = pq.read_schema(parquet_dir / f"{table}.parquet")
        assert list(rows[0]) == schema.names, table
        assert len(rows) == pq.read_table(parquet_dir / f"{table}.parquet").num_rows
    with (out / "documents.csv").open(newline="", encoding="utf-8") as fh:
        docs = list(csv.DictReader(fh))
    # Article texts with newlines and quotes survive quoting; JSON columns are JSON.
    assert any("\n" in d["text"] for d in docs)
    assert all(isinstance(json.loads(d["repairs"]), list) for d in docs)


def test_filters_select_documents_and_confidence(samples_db: str, tmp_path: Path) -> None:
    def tables(*args: str) -> dict[str, int]:
        out = tmp_path / "-".join(a.strip("-") for a in args)
        code, _, err = export(samples_db, "-f", "parquet", "-o", str(out), *args)
        assert code == 0, err
        return {t: pq.read_table(out / f"{t}.parquet").num_rows for t in TABLES}

    everything = tables("--min-confidence", "0")
    aldana = tables("--min-confidence", "0", "--entity", "Aldana Ferrer")
    early = tables("--min-confidence", "0", "--to", "2023-06")
    comet = tables("--min-confidence", "0", "--query", "comet")
    sure = tables("--min-confidence", "0.9")
    assert 0 < aldana["documents"] < everything["documents"]
    assert 0 < early["documents"] < everything["documents"]
    assert comet["documents"] == 1
    assert sure["documents"] == everything["documents"]
    assert sure["events"] < everything["events"] and sure["claims"] < everything["claims"]
    con = duckdb.connect()
    dates = con.execute(
        f"SELECT max(date) FROM '{tmp_path / 'min-confidence-0-to-2023-06'}/documents.parquet'"
    ).fetchone()
    assert dates is not None and dates[0] <= "2023-06-30"


def test_directory_formats_refuse_stdout(samples_db: str) -> None:
    from newsgraph.errors import ExportError

    with pytest.raises(ExportError):
        export(samples_db, "-f", "csv")
