"""The local engine: the pipeline in this process, or in a pool of worker processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsgraph.config import Config
from newsgraph.errors import Failure
from newsgraph.model.records import DocResult, Document
from newsgraph.pipeline.runner import Pipeline


def run_pipeline(
    documents: Iterable[Document | Failure],
    *,
    workers: int = 1,
    config: Config | None = None,
) -> Iterator[DocResult | Failure]:
    """Results in input order; failures from ingest pass through unchanged."""
    pipeline = Pipeline(config)
    pending: list[Document] = []
    for item in documents:
        if isinstance(item, Failure):
            yield from pipeline.pipe(pending)
            pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= pipeline.config.pipeline.batch_size:
            yield from pipeline.pipe(pending)
            pending = []
    yield from pipeline.pipe(pending)
