"""Small helpers for ingest tests (hand-built inputs; no spaCy)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsgraph.config import IngestConfig
from newsgraph.errors import Failure
from newsgraph.ingest import read_inputs
from newsgraph.model.records import Document

CONFIG = IngestConfig(max_chars=1_000_000, repair=True)

ARTICLE = (
    "Maria Ortega, who leads the port authority, said on Monday that cargo volumes rose "
    "“sharply” in the first quarter.\n\nThe authority’s report will be published in May."
)


def read(paths: Sequence[str | Path], **kw: object) -> list[Document | Failure]:
    kw.setdefault("config", CONFIG)
    return list(read_inputs([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def docs(items: Sequence[Document | Failure]) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def failures(items: Sequence[Document | Failure]) -> list[Failure]:
    return [f for f in items if isinstance(f, Failure)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path
