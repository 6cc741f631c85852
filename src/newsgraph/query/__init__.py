"""Plain-Python reads over a :class:`~newsgraph.store.Store`: actors, dossiers, timelines, search,
documents and failures. The CLI, the API and the web pages only call these; each returns typed
dataclasses with ``to_dict()`` for JSON."""

from __future__ import annotations

from newsgraph.query.docs import FailureRow, StoredDocument, get_document, list_failures
from newsgraph.query.dossier import dossier
from newsgraph.query.dossier_records import Dossier
from newsgraph.query.entities import EntitySummary, find_entity, list_entities
from newsgraph.query.search import SearchHit, SearchResult, search
from newsgraph.query.timeline import TimelineItem, timeline

__all__ = [
    "Dossier",
    "EntitySummary",
    "FailureRow",
    "SearchHit",
    "SearchResult",
    "StoredDocument",
    "TimelineItem",
    "dossier",
    "find_entity",
    "get_document",
    "list_entities",
    "list_failures",
    "search",
    "timeline",
]
