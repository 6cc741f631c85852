"""The Spark engine: the per-document pipeline in PySpark executors, results as Parquet.

``pip install 'newsgraph[spark]'`` brings PySpark; Spark needs a Java runtime (17 or later).
The driver (this process) reads the inputs with our readers (so ingest's look-up of stored ids
and the readers' failures stay as they are) and hands the documents to Spark in batches of
``BATCH`` documents; Spark partitions each batch and every executor runs
:func:`newsgraph.engines.spark_tasks.read_partition` over its partitions, loading the spaCy model
once per Python worker. The executors write the rows (contract v1 records as JSON, failures as
rows) as Parquet partitioned by date under ``out``; the driver then reads each batch's files back
in input order and yields the results, so the store is loaded from that Parquet. Spark extracts
the next batch while the caller consumes the previous one (ingest writing it to the store).

Nothing is downloaded at run time: no ``--packages``, no Ivy, the web UI off, and every
scratch directory (Spark's local dirs, the JVM's temp dir, the warehouse) in a temporary
directory removed after the run. The master is ``EngineOptions.master`` (default ``local[*]``).
For a local master the executors' Python is this interpreter; on a cluster it is whatever the
configuration names (``spark.pyspark.python``, a packed environment in ``spark.archives``; see
the README's "Running on a Spark cluster").

A session already active in this process (``spark-submit``, a notebook, a test fixture) is used
as it is and left running; a session this engine starts is stopped at the end of the run.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from newsgraph.config import Config
from newsgraph.engines.registry import EngineOptions, EngineSpec, Item, register
from newsgraph.engines.spark_tasks import read_partition
from newsgraph.errors import EngineUnavailableError, Failure, PipelineError, WorkerCrashedError
from newsgraph.model.records import Document

log = logging.getLogger(__name__)

BATCH = 10_000  # documents handed to Spark per job: bounds the driver's memory on long inputs
SLICES_PER_CORE = 4  # partitions per core of the cluster, so a slow partition does not idle cores
BLAS_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
LOG_CONFIG = Path(__file__).with_name("log4j2.properties")  # errors only, unless -v


def missing() -> str | None:
    """Why the Spark engine cannot run here (no pyspark, no Java), or ``None``."""
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install 'newsgraph[spark]')"
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and Path(java_home, "bin", "java").exists()) and not shutil.which("java"):
        return "no Java runtime (java not on PATH and JAVA_HOME unset; Spark needs Java 17+)"
    return None


class SparkEngine:
    """The ``spark`` engine (see the module docstring). ``startup_s`` is how long the last run
    took to get a Spark session (0 when one was active already)."""

    def __init__(self, options: EngineOptions) -> None:
        self.options = options
        self.startup_s = 0.0
        if options.out is not None and "://" in options.out:
            raise EngineUnavailableError(
                f"--out {options.out!r}: the Spark engine reads its Parquet back on the driver",
                hint="give a filesystem path the driver and the executors share (a mount)",
            )

    def run(self, documents: Iterable[Document | Failure], *, config: Config) -> Iterator[Item]:
        scratch = Path(tempfile.mkdtemp(prefix="newsgraph-spark-"))
        out = Path(self.options.out) if self.options.out else scratch / "out"
        if out.exists() and any(out.iterdir()):
            shutil.rmtree(scratch, ignore_errors=True)
            raise EngineUnavailableError(
                f"--out {out}: the directory is not empty", hint="name a new or empty directory"
            )
        # Check the stage list here, so a config mistake raises at once, as in the local engine.
        from newsgraph.pipeline.registry import resolve_stages

        for name in self.options.plugins:
            importlib.import_module(name)
        resolve_stages(config.pipeline.stages)
        session, started = self._session(scratch)
        read = functools.partial(
            read_partition, config, self.options.plugins, config.pipeline.doc_timeout_s or None
        )
        group = f"newsgraph-{os.getpid()}-{id(self)}"
        # One batch is extracted by Spark (in a driver thread that waits for its job) while the
        # previous one is yielded to the caller (ingest writes it to the store): the cluster does
        # not wait for the store, and at most three batches are held on the driver.
        runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-spark")
        jobs: list[Future[list[str]]] = []  # submitted, not yet yielded (at most two)
        try:
            seq = 0
            for index, batch in enumerate(_batches(documents, BATCH)):
                numbered = list(enumerate(batch, start=seq))
                seq += len(batch)
                jobs.append(runner.submit(_run_job, session, read, numbered, out, index, group))
                if len(jobs) > 1:
                    yield from read_back(jobs.pop(0).result())
            while jobs:
                yield from read_back(jobs.pop(0).result())
        finally:
            if any(not job.done() for job in jobs):  # stopped early: do not wait for Spark
                session.sparkContext.cancelJobGroup(group)
            runner.shutdown(wait=True, cancel_futures=True)
            if started:
                session.stop()
            shutil.rmtree(scratch, ignore_errors=True)

    def _session(self, scratch: Path) -> tuple[Any, bool]:
        """The active Spark session, or a new one configured for this run (and whether it is
        new, so the run stops only what it started)."""
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            return active, False
        start = time.perf_counter()
        session = build_session(self.options, scratch)
        self.startup_s = time.perf_counter() - start
        return session, True


def _run_job(
    session: Any,
    read: Any,
    numbered: list[tuple[int, Document | Failure]],
    out: Path,
    index: int | str,
    group: str,
) -> list[str]:
    """Extract one batch in Spark; the Parquet files it added under ``out``.

    The job writes into its own staging directory (``out/.batch-N``, partitioned by date), whose
    files are then moved into ``out/date=…/``: the batch's files are known without listing the
    whole output, and ``out`` only ever holds finished batches.

    A document that kills its Python worker (a segfault in a native library, an out-of-memory
    kill) fails the whole job in Spark, where the local engine loses only that document. So when
    a job fails that way, the batch is cut in halves and each half run again, down to the one
    document whose job still crashes: it becomes a ``NG204`` failure row, as in the local
    engine, and the rest of the batch is extracted (:func:`_isolate`). Other job failures
    (configuration, the cluster) still stop the run.
    """
    try:
        return _write_job(session, read, numbered, out, index, group)
    except _WorkerCrashed as crash:
        log.warning(
            "a Spark Python worker crashed on batch %s (%d documents): isolating the document (%s)",
            index,
            len(numbered),
            crash,
        )
        return _isolate(session, read, numbered, out, str(index), group)


class _WorkerCrashed(Exception):
    """A Spark job failed because a Python worker process died."""


# What Spark says when a Python worker died under a task (PySpark 3.x and 4.x wordings).
_CRASH_SIGNS = ("Python worker exited unexpectedly", "worker crashed", "EOFException")


def _isolate(
    session: Any,
    read: Any,
    numbered: list[tuple[int, Document | Failure]],
    out: Path,
    label: str,
    group: str,
) -> list[str]:
    """Run ``numbered`` again in halves until the crashing documents are single (see
    :func:`_run_job`); every other document is extracted as usual. About twice the batch's work
    when one document crashes, and only on that rare path."""
    if len(numbered) == 1:
        seq, item = numbered[0]
        if isinstance(item, Failure):  # never reaches the pipeline: it cannot have crashed
            return [_write_failure(out, label, seq, item)]
        err = WorkerCrashedError(f"a Spark Python worker died on {item.id}")
        origin = item.origin
        failure = Failure.from_error(
            err, input=origin.input if origin else item.id, line=origin.line if origin else None
        )
        return [_write_failure(out, label, seq, failure)]
    files: list[str] = []
    middle = len(numbered) // 2
    for part, half in (("a", numbered[:middle]), ("b", numbered[middle:])):
        if not half:
            continue
        try:
            files += _write_job(session, read, half, out, f"{label}{part}", group)
        except _WorkerCrashed:
            files += _isolate(session, read, half, out, f"{label}{part}", group)
    return files


def _write_failure(out: Path, label: str, seq: int, failure: Failure) -> str:
    """One failure row as a Parquet file under ``out/date=undated`` (the driver writes it:
    the document cannot run in an executor)."""
    import duckdb

    from newsgraph.engines.spark_tasks import COLUMNS, UNDATED, to_row

    row = dict(zip((name for name, _ in COLUMNS), to_row(seq, failure), strict=True))
    names = [name for name, _ in COLUMNS if name != "date"]  # the directory holds the date
    kinds = dict(COLUMNS)
    values = [row[name] for name in names]
    target = out / f"date={UNDATED}" / f"crash-{label}.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    select = ", ".join(f"CAST(? AS {_DUCK_TYPES[kinds[n]]}) AS {n}" for n in names)
    con = duckdb.connect()
    try:
        con.execute(f"COPY (SELECT {select}) TO '{_sql_str(str(target))}' (FORMAT parquet)", values)
    finally:
        con.close()
    return str(target)


_DUCK_TYPES = {"bigint": "BIGINT", "string": "VARCHAR", "int": "INTEGER"}


def _sql_str(value: str) -> str:
    return value.replace("'", "''")


def _write_job(
    session: Any,
    read: Any,
    numbered: list[tuple[int, Document | Failure]],
    out: Path,
    index: int | str,
    group: str,
) -> list[str]:
    """One Spark job over ``numbered``; raises :class:`_WorkerCrashed` when a Python worker
    died, :class:`PipelineError` on any other failure of the job."""
    from newsgraph.engines.spark_tasks import COLUMNS

    context = session.sparkContext
    context.setJobGroup(group, "newsgraph: the pipeline over a batch of documents", True)
    staging = out / f".batch-{index}"
    slices = max(1, min(len(numbered), context.defaultParallelism * SLICES_PER_CORE))
    rows = context.parallelize(numbered, slices).mapPartitions(read)
    schema = ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
    frame = session.createDataFrame(rows, schema, verifySchema=False)
    try:
        frame.write.mode("overwrite").partitionBy("date").parquet(str(staging))
    except Exception as err:  # a Py4J or PySpark error: say what failed in the executors
        shutil.rmtree(staging, ignore_errors=True)
        if any(sign in str(err) for sign in _CRASH_SIGNS):
            raise _WorkerCrashed(_last_line(err)) from err
        raise PipelineError(
            f"the Spark job failed: {_last_line(err)}",
            hint="the executors' log says more (run with -v for Spark's messages)",
        ) from err
    files: list[str] = []
    for path in sorted(staging.glob("date=*/*.parquet")):
        target = out / path.parent.name / f"b{index}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        files.append(str(target))
    shutil.rmtree(staging, ignore_errors=True)
    return files


def build_session(options: EngineOptions, scratch: Path) -> Any:
    """A Spark session for ``options`` that downloads nothing and writes only under ``scratch``."""
    from pyspark.sql import SparkSession

    master = options.master or "local[*]"
    tmp = str(scratch)
    java_opts = f"-Djava.io.tmpdir={tmp} -Dderby.system.home={tmp}"
    if not log.isEnabledFor(logging.INFO):  # Spark's start-up chatter only with -v
        java_opts += f" -Dlog4j2.configurationFile={LOG_CONFIG}"
    builder = (
        SparkSession.builder.appName("newsgraph")
        .master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.local.dir", tmp)
        .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
        .config("spark.jars.ivy", str(scratch / "ivy"))
        .config("spark.driver.extraJavaOptions", java_opts)
        .config("spark.executor.extraJavaOptions", java_opts)
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    )
    for var in BLAS_VARS:  # one BLAS thread per Python worker, as in the local pool
        builder = builder.config(f"spark.executorEnv.{var}", "1")
    if master.startswith("local"):
        # The executors are this machine's: their Python is this interpreter (this environment),
        # unless PYSPARK_PYTHON says otherwise. PySpark reads the variable, not the setting.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # Everything stays on the loopback interface: no address of this machine is looked up.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
    for key, value in options.conf:
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    if not log.isEnabledFor(logging.INFO):
        session.sparkContext.setLogLevel("ERROR")
    return session


def read_back(files: list[str]) -> Iterator[Item]:
    """The results and failures in ``files`` (one batch's Parquet), in input order."""
    if not files:
        return
    import duckdb

    from newsgraph.engines.spark_tasks import COLUMNS, from_row

    names = [name for name, _ in COLUMNS if name != "date"]
    con = duckdb.connect()
    try:
        cursor = con.execute(
            f"SELECT {', '.join(names)} FROM read_parquet(?, hive_partitioning = false) "
            "ORDER BY seq",
            [files],
        )
        while chunk := cursor.fetchmany(256):
            for values in chunk:
                yield from_row(dict(zip(names, values, strict=True)))
    finally:
        con.close()


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    batch: list[Document | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _last_line(err: Exception) -> str:
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "Exception" in line]
    return (errors or lines or [type(err).__name__])[-1][:300]


register(
    EngineSpec(
        name="spark",
        description="PySpark executors (--master local[N] or a cluster URL); Parquet by date",
        needs="pip install 'newsgraph[spark]' and a Java 17+ runtime",
        create=SparkEngine,
        missing=missing,
    )
)
