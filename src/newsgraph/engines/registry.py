"""The engine seam: one interface for running the per-document pipeline over many documents.

An engine takes a stream of documents (and ingest failures, which it passes through at their
place) and yields a stream of results and failures, in input order. The jobs (``app.ingest``,
``app.extract``) only see this interface: which engine reads the documents (this process, a pool
of worker processes, a Spark cluster) is the caller's choice, made by name through this registry
(``newsgraph ingest --engine NAME``; ``newsgraph engines`` lists them). Each engine is one module
that registers an :class:`EngineSpec`, the built-ins exactly as a plug-in would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from newsgraph.config import Config
from newsgraph.errors import EngineUnavailableError, Failure, UnknownEngineError
from newsgraph.model.records import DocResult, Document

Item = DocResult | Failure


@dataclass(frozen=True)
class EngineOptions:
    """What a caller may ask of an engine; each engine reads the options that concern it.

    ``workers``: processes of the local engine. ``master``: the Spark master URL (``local[2]``,
    ``spark://host:7077``...). ``out``: where an engine that writes its results as files (Spark:
    Parquet partitioned by date) puts them; ``None`` is a temporary directory, removed after the
    run. ``conf``: extra ``key=value`` settings for the engine (Spark configuration).
    ``plugins``: modules imported in every worker before the pipeline is assembled.
    """

    workers: int = 1
    master: str | None = None
    out: str | None = None
    conf: tuple[tuple[str, str], ...] = ()
    plugins: tuple[str, ...] = ()


class Engine(Protocol):
    """Runs the per-document pipeline: documents in, results and failures out, in input order.

    A failure in the input passes through unchanged; a document that comes with its extractions
    (``Document.stored``) passes through as its result; every other document is read by the
    configured pipeline, and one that cannot be read becomes a :class:`Failure`.
    """

    def run(
        self, documents: Iterable[Document | Failure], *, config: Config
    ) -> Iterator[DocResult | Failure]: ...


@dataclass(frozen=True)
class EngineSpec:
    """A registered engine: its name, a one-line description, what it needs to run, a factory,
    and ``missing``, which says why it cannot run here (``None`` when it can)."""

    name: str
    description: str
    needs: str
    create: Callable[[EngineOptions], Engine]
    missing: Callable[[], str | None]


_REGISTRY: dict[str, EngineSpec] = {}


def register(spec: EngineSpec) -> EngineSpec:
    """Add ``spec`` under its name (registering the same name again replaces it)."""
    _REGISTRY[spec.name] = spec
    return spec


def _load_builtins() -> None:
    # Importing each built-in engine's module registers it; neither imports spaCy or pyspark.
    import newsgraph.engines.local
    import newsgraph.engines.spark  # noqa: F401


def registered() -> dict[str, EngineSpec]:
    """Every engine by name (built-ins first, then plug-ins, in registration order)."""
    _load_builtins()
    return dict(_REGISTRY)


def engine_names() -> list[str]:
    return list(registered())


def create(name: str, options: EngineOptions | None = None) -> Engine:
    """The engine ``name`` with ``options``; it fails now, with the reason, if it cannot run."""
    spec = registered().get(name)
    if spec is None:
        raise UnknownEngineError(f"no engine named {name!r} (known: {', '.join(registered())})")
    reason = spec.missing()
    if reason is not None:
        raise EngineUnavailableError(
            f"the {name} engine cannot run here: {reason}", hint=f"it needs {spec.needs}"
        )
    return spec.create(options or EngineOptions())
