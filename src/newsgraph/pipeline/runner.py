"""The per-document pipeline: ``Document -> DocResult``, pure, over one spaCy parse.

The model is loaded once per process; ``Pipeline.pipe`` batches documents through ``nlp.pipe`` (a
long article is parsed alone, in windows: ``pipeline.parse``) and then runs the registered stages
in their declared order. No database, no global state that changes: the same object runs
in-process, in a process pool and inside a Spark executor.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from newsgraph import __version__
from newsgraph.config import Config, load_config
from newsgraph.errors import Failure, NewsgraphError, StageFailedError
from newsgraph.model.records import DocResult, Document
from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.doctext import seed_text
from newsgraph.pipeline.nlp import load_nlp
from newsgraph.pipeline.parse import parse, parse_many
from newsgraph.pipeline.registry import StageSpec, resolve_stages

log = logging.getLogger(__name__)


class Pipeline:
    """Assembled, checked stages plus the spaCy model they run over."""

    def __init__(self, config: Config | None = None, stages: Sequence[str] | None = None) -> None:
        self.config = config or load_config()
        names = tuple(stages) if stages is not None else self.config.pipeline.stages
        self.stages: list[StageSpec] = resolve_stages(names)
        self.nlp = load_nlp(self.config.pipeline.model, self.config.pipeline.ops)
        self.meta = {
            "newsgraph": __version__,
            "model": f"{self.nlp.meta.get('name')}-{self.nlp.meta.get('version')}",
            "stages": [s.name for s in self.stages],
        }

    def extract(self, document: Document) -> DocResult:
        """Read one document; raises :class:`StageFailedError` if a stage breaks."""
        return self._run_stages(document, parse(self.nlp, document.text))

    def pipe(self, documents: Iterable[Document]) -> Iterator[DocResult | Failure]:
        """Read documents in batches; a document whose stages break becomes a ``Failure``."""
        docs = iter(documents)
        batch_size = self.config.pipeline.batch_size
        while True:
            batch = [d for _, d in zip(range(batch_size), docs, strict=False)]
            if not batch:
                return
            parsed = parse_many(self.nlp, [d.text for d in batch], batch_size=batch_size)
            for document, sdoc in zip(batch, parsed, strict=True):
                try:
                    yield self._run_stages(document, sdoc)
                except NewsgraphError as err:
                    origin = document.origin
                    yield Failure.from_error(
                        err,
                        input=origin.input if origin else document.id,
                        line=origin.line if origin else None,
                    )

    def _run_stages(self, document: Document, sdoc: object) -> DocResult:
        result = DocResult(doc=document, flags=list(document.flags), pipeline=dict(self.meta))
        seed_text(sdoc, document.text)  # the parse of this very text: stages need not rebuild it
        ctx = StageContext(document=document, doc=sdoc, result=result)  # type: ignore[arg-type]
        for spec in self.stages:
            try:
                spec.func(ctx)
            except NewsgraphError:
                raise
            except Exception as err:  # a stage bug must not take the batch down
                log.exception("stage %s failed on document %s", spec.name, document.id)
                raise StageFailedError(
                    f"stage {spec.name} failed on document {document.id}: "
                    f"{type(err).__name__}: {err}"
                ) from err
        return result


@lru_cache(maxsize=2)
def default_pipeline() -> Pipeline:
    """The pipeline with shipped defaults, built once per process."""
    return Pipeline()


def extract(document: Document) -> DocResult:
    """The pure per-document function: ``Document -> DocResult`` with the default config."""
    return default_pipeline().extract(document)
