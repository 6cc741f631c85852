"""Reading Reuters-21578 (``../shared/data/reuters21578/reuters21578.jsonl``) for benchmarks, and
running the pipeline's stages while keeping each document's parse (for features and checks)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import require_data
from newsgraph.model.records import DocResult, Document

BUSINESS_TOPICS = frozenset({"earn", "acq"})


def reuters_path() -> Path:
    return require_data("reuters21578") / "reuters21578.jsonl"


def rows() -> Iterator[dict[str, Any]]:
    """Every Reuters record in file order (``id``, ``date``, ``title``, ``text``, ``topics``...)."""
    with reuters_path().open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def is_business(row: dict[str, Any]) -> bool:
    """Whether the article's topics are only ``earn`` and/or ``acq`` (results and takeovers)."""
    topics = row.get("topics") or []
    return bool(topics) and set(topics) <= BUSINESS_TOPICS


def business_docs() -> list[Document]:
    """All earn/acq-only articles with text, in file order."""
    return [
        Document(id=r["id"], date=r["date"], date_precision="day", text=r["text"])
        for r in rows()
        if is_business(r) and r.get("text", "").strip()
    ]


def run_contexts(pipeline: Any, docs: list[Document]) -> Iterator[Any]:
    """Each document's ``StageContext`` after all stages ran (parse and result); documents whose
    stages fail are skipped with a warning (the trust figures count what a user would see)."""
    from newsgraph.pipeline.context import StageContext

    for d, sdoc in zip(docs, pipeline.nlp.pipe([d.text for d in docs], batch_size=32), strict=True):
        ctx = StageContext(document=d, doc=sdoc, result=DocResult(doc=d))
        try:
            for spec in pipeline.stages:
                spec.func(ctx)
        except Exception as err:  # one broken document must not stop a benchmark
            logging.warning("document %s failed: %s: %s", d.id, type(err).__name__, err)
            continue
        yield ctx
