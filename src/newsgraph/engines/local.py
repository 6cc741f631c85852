"""The local engine: the pipeline in this process, or in a pool of worker processes.

``run_pipeline`` streams documents through the per-document pipeline and yields results in input
order, with ingest failures passed through at their place. With ``workers > 1`` it sends chunks of
documents to a pool of *spawned* processes; each worker sets one BLAS thread and loads the spaCy
model once (in its initializer), then reads chunk after chunk. At most ``2 * workers`` chunks are in
flight, so an arbitrarily long input streams in bounded memory.

A document never takes the batch down: a stage error is a ``Failure`` (``NG203``) from the runner;
an exception from the parse itself makes the worker re-read its chunk one document at a time; and a
worker process that dies (segfault, out-of-memory kill, ``os._exit``) breaks the pool, after which
the engine starts a fresh pool and re-reads the unfinished chunks one document at a time in an
isolated worker, so the document that kills its worker becomes a ``Failure`` (``NG204``) and the
others are read normally. A run that does not end normally (SIGTERM turned into ``SystemExit`` by
the CLI, Ctrl-C, an error in the caller, a consumer closing the generator) terminates its workers
at once instead of waiting for their chunks; workers ignore SIGINT (the main process stops them)
and end themselves if the main process disappears (SIGKILL), so no process outlives the command.
With ``doc_timeout`` set, a document whose stages are stuck (a loop that
never ends) becomes a ``Failure`` (``NG205``) too, instead of hanging the run. The limit is CPU
time of the process reading the document, not wall-clock time, so machine load does not decide
whether a long document passes (see ``_time_limit``).
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.config import Config, load_config
from newsgraph.engines.registry import EngineOptions, EngineSpec, register
from newsgraph.errors import (
    DocTimeoutError,
    Failure,
    ModelLoadError,
    NewsgraphError,
    StageConfigError,
    StageFailedError,
    WorkerCrashedError,
)
from newsgraph.model.records import DocResult, Document

if TYPE_CHECKING:  # the runner imports spaCy and numpy; a worker must set its BLAS threads first
    from newsgraph.pipeline.runner import Pipeline

log = logging.getLogger(__name__)

Item = DocResult | Failure

# The pipeline of this worker process, built once by ``_init_worker``, or why it could not be.
_WORKER_PIPELINE: Pipeline | None = None
_WORKER_ERROR: NewsgraphError | None = None
_WORKER_TIMEOUT: float | None = None


def run_pipeline(
    documents: Iterable[Document | Failure],
    *,
    workers: int = 1,
    config: Config | None = None,
    chunk_size: int | None = None,
    plugins: Sequence[str] = (),
    doc_timeout: float | None = None,
) -> Iterator[DocResult | Failure]:
    """Results in input order; failures from ingest pass through unchanged.

    ``workers`` <= 1 reads in this process, loading the model at the first document (a run
    whose documents are all known already, or all failures, never loads spaCy); more starts that
    many worker processes.
    ``chunk_size`` is the number of documents sent to a worker at once (default: the configured
    ``pipeline.batch_size``). ``plugins`` are module names imported in every process before the
    pipeline is assembled, so stages registered by them exist in spawned workers too.
    ``doc_timeout`` (CPU seconds) bounds the reading of each document: one that overruns it
    twice (a stage stuck in a loop) becomes a ``Failure`` (``NG205``) instead of a hang. It needs
    POSIX signals and is ignored outside the main thread.
    """
    config = config or load_config()
    size = max(1, chunk_size or config.pipeline.batch_size)
    if workers <= 1:
        yield from _run_inline(documents, config, size, tuple(plugins), doc_timeout)
    else:
        pool = _PoolRun(config, workers, size, tuple(plugins), doc_timeout)
        yield from pool.run(documents)


# --- in this process --------------------------------------------------------------------------
def _run_inline(
    documents: Iterable[Document | Failure],
    config: Config,
    size: int,
    plugins: tuple[str, ...],
    timeout: float | None,
) -> Iterator[Item]:
    pipeline: Pipeline | None = None  # built at the first document to read (not for a stream
    # of failures and stored results only: importing an export needs no model)
    for chunk in _chunks(documents, size):
        if isinstance(chunk, Failure | DocResult):
            yield chunk
        else:
            pipeline = pipeline or _build_pipeline(config, plugins)
            yield from _read_chunk(pipeline, chunk, timeout)


def _build_pipeline(config: Config, plugins: tuple[str, ...]) -> Pipeline:
    for name in plugins:
        importlib.import_module(name)
    from newsgraph.pipeline.runner import Pipeline

    return Pipeline(config)


def _read_chunk(pipeline: Pipeline, docs: list[Document], timeout: float | None) -> list[Item]:
    """Read a chunk through ``nlp.pipe``; a document that breaks the parse or overruns its time
    limit is read again alone (and becomes a Failure if it does so again), then the rest goes on.
    """
    out: list[Item] = []
    while len(out) < len(docs):
        try:
            _pipe_into(pipeline, docs[len(out) :], out, timeout)
        except _Timeout:
            log.warning("document %s overran %ss; reading it alone", docs[len(out)].id, timeout)
            out.append(_read_one(pipeline, docs[len(out)], timeout))
        except Exception as err:  # the batch parse raised: isolate the next unread document
            log.warning("a batch failed (%s); reading %s alone", err, docs[len(out)].id)
            out.append(_read_one(pipeline, docs[len(out)], timeout))
    return out


def _pipe_into(
    pipeline: Pipeline, docs: list[Document], out: list[Item], timeout: float | None
) -> None:
    """Append ``pipeline.pipe(docs)`` to ``out``, each next result within ``timeout`` seconds."""
    results = pipeline.pipe(docs)
    for _ in docs:
        with _time_limit(timeout):
            item = next(results)
        out.append(item)


def _read_one(pipeline: Pipeline, doc: Document, timeout: float | None) -> Item:
    try:
        with _time_limit(timeout):
            return pipeline.extract(doc)
    except _Timeout:
        message = f"reading {doc.id} took more than {timeout:g} s of CPU time"
        return _failure(doc, DocTimeoutError(message))
    except NewsgraphError as err:
        return _failure(doc, err)
    except Exception as err:  # the parse of this one document broke
        return _failure(doc, StageFailedError(f"{type(err).__name__}: {err}"))


class _Timeout(BaseException):
    """Raised by the time-limit alarm: a BaseException, so a stage's ``except Exception`` (or the
    runner's, which turns stage errors into failures) cannot swallow it."""


# A document blocked without using CPU (waiting on a lock, a pipe) is stopped by a wall-clock
# backstop this many times its CPU limit: far enough that load from other processes (a share of
# the cores as small as a tenth) does not decide whether a document passes.
WALL_BACKSTOP = 10.0


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_Timeout` in this thread after ``seconds`` of this process's CPU time
    (``ITIMER_PROF``: user + system time, so the same document passes or fails whatever else
    the machine runs), or after ``WALL_BACKSTOP * seconds`` of wall-clock time for one that
    waits instead of computing. POSIX main thread only. The worker reads one document at a
    time, so the process's CPU time is the document's.
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _Timeout

    previous_prof = signal.signal(signal.SIGPROF, on_alarm)
    previous_alarm = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WALL_BACKSTOP)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous_prof)
        signal.signal(signal.SIGALRM, previous_alarm)


def _failure(doc: Document, err: NewsgraphError) -> Failure:
    origin = doc.origin
    return Failure.from_error(
        err, input=origin.input if origin else doc.id, line=origin.line if origin else None
    )


def _chunks(
    documents: Iterable[Document | Failure], size: int
) -> Iterator[list[Document] | Failure | DocResult]:
    """Consecutive documents in chunks of ``size``; a failure closes the open chunk, and so does
    a document that comes with its extractions (``Document.stored``: a contract v1 record read
    back), which passes through as its result without being read again."""
    pending: list[Document] = []
    for item in documents:
        passed = item if isinstance(item, Failure) else item.stored
        if passed is not None:
            if pending:
                yield pending
                pending = []
            yield passed
            continue
        assert isinstance(item, Document)
        pending.append(item)
        if len(pending) >= size:
            yield pending
            pending = []
    if pending:
        yield pending


# --- in a pool of worker processes ------------------------------------------------------------
def _succeeded(future: Future[list[Item]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _init_worker(config: Config, plugins: tuple[str, ...], timeout: float | None) -> None:
    """Worker initializer: one BLAS thread, then the model, once per process."""
    from newsgraph.pipeline.nlp import limit_blas_threads

    limit_blas_threads()
    # Ctrl-C reaches the whole process group: the main process stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(os.getppid())
    global _WORKER_PIPELINE, _WORKER_ERROR, _WORKER_TIMEOUT
    _WORKER_TIMEOUT = timeout
    try:
        _WORKER_PIPELINE = _build_pipeline(config, plugins)
    except NewsgraphError as err:
        # Raised from every task instead: a failing initializer would only look like a crash.
        _WORKER_ERROR = err


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """End this worker when its parent is gone (killed with no chance to stop the pool)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool``'s workers now, without waiting for the chunks they are reading."""
    # ProcessPoolExecutor has no public way to stop running tasks; its process table is stable
    # across CPython 3.9-3.13.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=5)
    pool.shutdown(wait=True, cancel_futures=True)


def _work(docs: list[Document]) -> list[Item]:
    """The task a worker runs: one chunk through this process's pipeline."""
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    assert _WORKER_PIPELINE is not None, "worker initializer did not run"
    return _read_chunk(_WORKER_PIPELINE, docs, _WORKER_TIMEOUT)


@dataclass
class _Slot:
    """One place in the output order: a passed-through failure or stored result, or a chunk
    being read."""

    docs: list[Document]
    future: Future[list[Item]] | None = None
    failure: Failure | DocResult | None = None


class _PoolRun:
    """One ordered run over a spawned process pool, replacing the pool if a worker dies."""

    def __init__(
        self,
        config: Config,
        workers: int,
        size: int,
        plugins: tuple[str, ...],
        timeout: float | None,
    ) -> None:
        self.config, self.workers, self.size, self.plugins = config, workers, size, plugins
        self.timeout = timeout
        self.window = 2 * workers
        self.pool: ProcessPoolExecutor | None = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        from newsgraph.pipeline.nlp import limit_blas_threads

        # Spawned children inherit this environment; setting it here also covers modules (such as
        # a benchmark's __main__) that a child re-imports before its initializer runs.
        limit_blas_threads()
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.config, self.plugins, self.timeout),
        )

    def run(self, documents: Iterable[Document | Failure]) -> Iterator[Item]:
        # Check the stage list here, so a config mistake raises at once as it does in-process.
        from newsgraph.pipeline.registry import resolve_stages

        for name in self.plugins:
            importlib.import_module(name)
        resolve_stages(self.config.pipeline.stages)
        self.pool = self._new_pool(self.workers)
        slots: deque[_Slot] = deque()
        finished = False
        try:
            for chunk in _chunks(documents, self.size):
                if isinstance(chunk, Failure | DocResult):
                    slots.append(_Slot(docs=[], failure=chunk))
                else:
                    slots.append(_Slot(docs=chunk, future=self.pool.submit(_work, chunk)))
                while sum(s.future is not None for s in slots) > self.window:
                    yield from self._pop(slots)
            while slots:
                yield from self._pop(slots)
            finished = True
        finally:
            # Unfinished futures are not cancelled here: the pool's own thread fails them when
            # its workers stop (cancelling them first makes it raise InvalidStateError).
            if finished:
                self.pool.shutdown(wait=True, cancel_futures=True)
            else:  # interrupted (signal, caller error, generator closed): do not wait for chunks
                _terminate(self.pool)

    def _pop(self, slots: deque[_Slot]) -> Iterator[Item]:
        slot = slots[0]
        if slot.failure is not None:
            slots.popleft()
            yield slot.failure
            return
        assert slot.future is not None
        try:
            results = slot.future.result()
        except BrokenProcessPool:
            self._recover(slots)
            return  # the recovered slots now hold their results; the next pop yields them
        except (StageConfigError, ModelLoadError):
            raise  # the workers cannot build the pipeline: no document can be read
        except Exception as err:  # pickling or another task-level error: isolate the chunk
            log.warning("a chunk failed in a worker (%s); isolating its documents", err)
            results = self._isolate(slot.docs)
        slots.popleft()
        yield from results

    def _recover(self, slots: deque[_Slot]) -> None:
        """A worker died: read every unfinished chunk again, one document per task, in isolation."""
        assert self.pool is not None
        self.pool.shutdown(wait=True, cancel_futures=True)
        log.warning(
            "a worker process died; re-reading %d unfinished chunks in isolation",
            sum(s.future is not None for s in slots),
        )
        for slot in slots:
            if slot.future is None:
                continue
            if _succeeded(slot.future):
                continue  # finished before the crash: keep its results
            done: Future[list[Item]] = Future()
            done.set_result(self._isolate(slot.docs))
            slot.future = done
        self.pool = self._new_pool(self.workers)

    def _isolate(self, docs: list[Document]) -> list[Item]:
        """Read ``docs`` one by one in a one-worker pool; a document that kills it is a Failure."""
        out: list[Item] = []
        pool = self._new_pool(1)
        try:
            for doc in docs:
                try:
                    out.extend(pool.submit(_work, [doc]).result())
                except (StageConfigError, ModelLoadError):
                    raise
                except BrokenProcessPool:
                    pool.shutdown(wait=True, cancel_futures=True)
                    out.append(
                        _failure(doc, WorkerCrashedError(f"a worker process died on {doc.id}"))
                    )
                    pool = self._new_pool(1)
                except Exception as err:
                    out.append(_failure(doc, StageFailedError(f"{type(err).__name__}: {err}")))
        except BaseException:
            _terminate(pool)
            raise
        pool.shutdown(wait=True, cancel_futures=True)
        return out


# --- the engine seam --------------------------------------------------------------------------
class LocalEngine:
    """The ``local`` engine: :func:`run_pipeline` in this process or a pool of ``workers``."""

    def __init__(self, options: EngineOptions) -> None:
        self.options = options

    def run(self, documents: Iterable[Document | Failure], *, config: Config) -> Iterator[Item]:
        return run_pipeline(
            documents,
            workers=self.options.workers,
            config=config,
            plugins=self.options.plugins,
            doc_timeout=config.pipeline.doc_timeout_s or None,
        )


register(
    EngineSpec(
        name="local",
        description="this process, or a pool of --workers processes on this machine",
        needs="nothing beyond newsgraph",
        create=LocalEngine,
        missing=lambda: None,
    )
)
