"""The Spark engine on ``local[2]`` gives the local engine's records, failures and store.

Runs when pyspark and a Java runtime are present (``make setup`` installs the ``spark`` extra;
``.ci/run`` installs Java), and is skipped with the reason otherwise. The inputs are the shipped
samples plus two broken files of our own, so ingest failures travel through the executors too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsgraph.app.extract import extract_paths
from newsgraph.app.ingest import ingest_paths
from newsgraph.engines import spark as spark_engine
from newsgraph.engines.registry import EngineOptions, create
from newsgraph.engines.spark import build_session, missing
from newsgraph.errors import Failure
from newsgraph.model.records import DocResult

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
MASTER = "local[2]"
PLUGIN = "tests.engines.plugin_stages"

pytestmark = [
    pytest.mark.slow,  # starts a JVM and loads the model in two Spark Python workers
    pytest.mark.skipif(missing() is not None, reason=f"Spark engine unavailable: {missing()}"),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, an empty article and a JSONL file with one good and one broken line."""
    root = tmp_path_factory.mktemp("spark-in")
    for path in SAMPLES.iterdir():
        if path.is_file() and path.name != "README.md":
            shutil.copy(path, root / path.name)
    (root / "20_empty.txt").write_text("", encoding="utf-8")
    (root / "21_feed.jsonl").write_text(
        '{"date": "2024-03-05", "text": "The Ostland minister Mara Velt visited Lagonia on '
        'Tuesday. Velt said the talks were useful."}\n{not json\n',
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One session for the module: both tests reuse its Python workers (one model load each)."""
    session = build_session(EngineOptions(master=MASTER), tmp_path_factory.mktemp("spark-tmp"))
    yield session
    session.stop()


def _as_json(items: list[DocResult | Failure]) -> list[dict[str, Any]]:
    return [i.to_dict() if isinstance(i, DocResult) else dict(i.__dict__) for i in items]


def test_spark_records_and_failures_equal_the_local_engines(
    inputs: Path, spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of 7 of the 20 inputs: three Spark jobs, each overlapping the read-back of the
    # previous one, and the order kept across them.
    monkeypatch.setattr(spark_engine, "BATCH", 7)
    out = tmp_path / "parquet"
    engine = create("spark", EngineOptions(master=MASTER, out=str(out)))
    on_spark = list(extract_paths([str(inputs)], engine=engine))
    local = list(extract_paths([str(inputs)]))
    assert [type(i).__name__ for i in on_spark] == [type(i).__name__ for i in local]
    assert _as_json(on_spark) == _as_json(local)
    failures = [i for i in local if isinstance(i, Failure)]
    assert sorted(f.code for f in failures) == ["NG102", "NG105"]
    # The executors wrote the Parquet, partitioned by date (failures under date=undated).
    dates = {p.name for p in out.iterdir()}  # no staging directory left behind
    expected = {f"date={r.doc.date}" for r in local if isinstance(r, DocResult)}
    assert dates == expected | {"date=undated"}


def _store_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every main-schema table but ``meta``, rows sorted, time stamps left out."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            t
            for (t,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                "AND table_name <> 'meta' ORDER BY 1"
            ).fetchall()
        ]
        rows: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            cols = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' "
                    "AND table_name = ? AND data_type NOT LIKE 'TIMESTAMP%' ORDER BY column_index",
                    [table],
                ).fetchall()
            ]
            select = ", ".join(f'"{c}"::VARCHAR' for c in cols)
            rows[table] = con.execute(f'SELECT {select} FROM "{table}" ORDER BY ALL').fetchall()
        return rows
    finally:
        con.close()


def test_spark_ingest_loads_the_same_store(inputs: Path, spark: Any, tmp_path: Path) -> None:
    engine = create("spark", EngineOptions(master=MASTER))
    on_spark = ingest_paths([str(inputs)], str(tmp_path / "spark.duckdb"), engine=engine)
    local = ingest_paths([str(inputs)], str(tmp_path / "local.duckdb"))
    assert on_spark.to_dict() == local.to_dict()
    assert on_spark.new > 0
    spark_rows = _store_rows(tmp_path / "spark.duckdb")
    assert spark_rows["documents"]
    assert spark_rows == _store_rows(tmp_path / "local.duckdb")


def test_a_document_that_kills_its_worker_fails_alone(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in the local engine: the crashing document is a NG204 failure naming its input and
    line, every other document of its batch (and the next batch) is extracted, order kept."""
    from newsgraph.config import load_config
    from newsgraph.model.records import Document, Origin

    monkeypatch.setattr(spark_engine, "BATCH", 5)
    config = load_config(pipeline__model="blank:en", pipeline__stages=["test.probe.v1"])
    texts = ["one", "two", "CRASH-ME now", "four", "five", "six", "seven"]
    docs: list[Document | Failure] = [
        Document(f"d{n}", "2024-09-17", "day", text, origin=Origin("feed.jsonl", n))
        for n, text in enumerate(texts, start=1)
    ]
    docs.insert(4, Failure(input="bad.jsonl", line=3, code="NG105", message="not JSON"))
    options = EngineOptions(master=MASTER, out=str(tmp_path / "pq"), plugins=(PLUGIN,))
    out = list(create("spark", options).run(docs, config=config))
    got = [i.doc.id if isinstance(i, DocResult) else f"{i.code}:{i.input}:{i.line}" for i in out]
    assert got == ["d1", "d2", "NG204:feed.jsonl:3", "d4", "NG105:bad.jsonl:3", "d5", "d6", "d7"]
    probed = [i for i in out if isinstance(i, DocResult)]
    assert all(any(f.kind == "probe" for f in r.flags) for r in probed)  # the stage ran
