"""The records a dossier is made of (shared by the dossier read from raw rows,
:mod:`newsgraph.query.dossier`, and from the summary resolution writes,
:mod:`newsgraph.query.dossier_summary`), and the two helpers both build them with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgraph.query.common import DocInfo, Record, fold, loads
from newsgraph.query.entities import EntitySummary
from newsgraph.query.timeline import TimelineItem


@dataclass
class Source(Record):
    """Where a statement about the actor comes from."""

    doc_id: str
    doc_date: str
    doc_title: str | None
    sentence: str
    evidence: str | None = None  # the exact words, when the pipeline gave their span


@dataclass
class NameCount(Record):
    text: str
    kind: str  # name | nominal | pronoun | acronym | nickname | alias
    count: int


@dataclass
class RoleItem(Record):
    title: str
    of: str | None = None
    org: str | None = None
    former: bool = False
    start: str | None = None
    end: str | None = None
    sources: list[Source] = field(default_factory=list)
    n_sources: int = 0  # articles stating it (``sources`` may list only the latest of them)


@dataclass
class AttributeItem(Record):
    """One value of an attribute; ``as_of`` is the latest date it was stated for."""

    name: str
    value: Any
    as_of: str | None
    sources: list[Source] = field(default_factory=list)
    n_sources: int = 0  # articles stating it (``sources`` may list only the latest of them)


@dataclass
class DocRef(Record):
    id: str
    date: str
    title: str | None
    mentions: int
    doc_id: str = ""  # ``id`` under the key every record uses for a document

    def __post_init__(self) -> None:
        self.doc_id = self.doc_id or self.id


@dataclass
class Dossier(Record):
    entity: EntitySummary
    names: list[NameCount]
    roles: list[RoleItem]
    attributes: list[AttributeItem]
    timeline: list[TimelineItem]
    documents: list[DocRef]
    n_mentions: int
    n_docs: int


def name_counts(
    name_rows: list[tuple[str, Any]], forms: Counter[tuple[str, str]]
) -> list[NameCount]:
    """Surface forms with how often they occur; names before descriptions before pronouns."""
    counts: Counter[tuple[str, str]] = Counter()
    for (text, kind), n in forms.items():
        counts[(" ".join(text.split()), kind)] += n
    seen = {fold(t) for t, _ in counts}
    for name, aliases in name_rows:
        for text in [name, *(loads(aliases, []) or [])]:
            if isinstance(text, str) and fold(text) not in seen:
                seen.add(fold(text))
                counts[(text, "alias")] += 0
    order = {"name": 0, "acronym": 1, "nickname": 1, "alias": 2, "nominal": 3, "pronoun": 4}
    items = [NameCount(t, k, n) for (t, k), n in counts.items()]
    items.sort(key=lambda x: (order.get(x.kind, 2), -x.count, x.text))
    return items


def source_of(doc: DocInfo, start: Any, end: Any) -> Source:
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc.text):
        return Source(doc.id, doc.date, doc.title, doc.sentence(start, end), doc.text[start:end])
    return Source(doc.id, doc.date, doc.title, "", None)
