"""The paginated reads every surface calls: the JSON API, the pages and the CLI read commands.

Each function takes an open :class:`~newsgraph.store.Store` (see :mod:`newsgraph.app.access`),
checks its filters (:class:`~newsgraph.errors.BadFilterError` names the parameter: an unknown type
or an impossible date is an error, never an empty list), applies the configured confidence
defaults, and returns a :class:`~newsgraph.query.page.Page` — ``items`` of one ``limit``/
``offset`` window and the ``total`` that match — or one record. Filtering, ordering and paging
happen in SQL (see :mod:`newsgraph.query.page`).

Keys are the same in every record: ``doc_id`` is a document's id, ``entity_id`` (and
``*_entity_id(s)``) a canonical actor's id (``ce_…``); a record's own id is ``id``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.app.lookup import find_entity
from newsgraph.app.reads import event_types, min_confidence_for
from newsgraph.errors import BadFilterError
from newsgraph.model.data import load_lines
from newsgraph.query import Dossier, EntitySummary, dossier
from newsgraph.query.claims import STATUSES, ClaimRow, claims_page
from newsgraph.query.docs import (
    DocumentSummary,
    FailureRow,
    StoredDocument,
    documents_page,
    failures_page,
    get_document,
)
from newsgraph.query.entities import entities_window
from newsgraph.query.events import MODALITIES, EventRow, events_page
from newsgraph.query.network import MAX_DEPTH, Network, NetworkSpec
from newsgraph.query.network import network as _network
from newsgraph.query.page import DEFAULT_LIMIT, MAX_LIMIT, Page
from newsgraph.query.search import SearchResult
from newsgraph.query.search import search as _search
from newsgraph.query.stats import StoreStats, store_stats
from newsgraph.query.timeline import TimelineItem, timeline_counts, timeline_page
from newsgraph.query.timeline_records import KINDS
from newsgraph.store import Store

__all__ = [
    "DEFAULT_LIMIT",
    "KINDS",
    "MAX_LIMIT",
    "MODALITIES",
    "STATUSES",
    "ClaimRow",
    "DocumentSummary",
    "EntityDossier",
    "EventRow",
    "FailureRow",
    "Page",
    "StoredDocument",
    "TimelineItem",
    "check_date",
    "claims",
    "document",
    "documents",
    "entities",
    "entity",
    "entity_types",
    "events",
    "failures",
    "network",
    "search",
    "stats",
    "timeline",
]

DOSSIER_DOCUMENTS = 50  # articles listed in a dossier (the most recent)
DOSSIER_SOURCES = 10  # sources listed per role and attribute (the most recent)

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# --- checking filters -------------------------------------------------------------------------
def entity_types() -> list[str]:
    """The entity types a ``type`` filter accepts (the NER labels)."""
    return list(load_lines("query_entity_types.txt"))


def check_date(param: str, value: str | None) -> str | None:
    """``value`` when it is a date that exists as precise as wanted (``YYYY[-MM[-DD]]``)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    m = _DATE.match(text)
    if m:
        try:
            dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
            return text
        except ValueError:
            pass
    raise BadFilterError(
        param,
        f"{value!r} is not a date that exists; use YYYY, YYYY-MM or YYYY-MM-DD "
        "(for example 2024, 2024-03 or 2024-03-15)",
    )


def _check_choice(param: str, value: str | None, choices: Iterable[str], upper: bool) -> str | None:
    if value is None or not value.strip():
        return None
    text = value.strip().upper() if upper else value.strip().lower()
    allowed = list(choices)
    if text not in allowed:
        raise BadFilterError(param, f"{value!r} is not one of {', '.join(allowed)}")
    return text


def _check_window(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise BadFilterError("limit", f"{limit} is negative")
    if offset < 0:
        raise BadFilterError("offset", f"{offset} is negative")


def _check_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    start, end = check_date("from", date_from), check_date("to", date_to)
    if start and end and start > end[: len(start)]:
        raise BadFilterError("to", f"{end} is before from={start}")
    return start, end


def _check_confidence(value: float | None) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise BadFilterError("min_confidence", f"{value} is not between 0 and 1")


# --- actors -----------------------------------------------------------------------------------
def entities(
    store: Store,
    *,
    q: str | None = None,
    type: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[EntitySummary]:
    """Actors most mentioned first; ``q`` keeps those whose name or an alias contains it
    (accents, case and punctuation ignored), ``type`` one entity type."""
    _check_window(limit, offset)
    type_ = _check_choice("type", type, entity_types(), upper=True)
    items, total = entities_window(store, type=type_, query=q, limit=limit, offset=offset)
    return Page(items, total, limit, offset)


@dataclass
class EntityDossier:
    """An actor's dossier without its timeline (paged apart, :func:`timeline`): names, roles and
    attributes with their sources, the articles, and how many events and claims involve it."""

    dossier: Dossier
    n_events: int
    n_claims: int

    def to_dict(self) -> dict[str, Any]:
        out = self.dossier.to_dict()
        out.pop("timeline", None)
        # The latest articles only: a frequent actor is in thousands (``n_docs`` counts them;
        # ``/documents`` and the timeline page through them).
        out["documents"] = out["documents"][-DOSSIER_DOCUMENTS:]
        out["entity_id"] = self.dossier.entity.id
        out["n_events"] = self.n_events
        out["n_claims"] = self.n_claims
        return out


def entity(store: Store, ref: str, *, min_confidence: float | None = None) -> EntityDossier:
    """The dossier of the actor ``ref`` names (id, name or alias: the one lookup; raises
    ``NotFoundError`` / ``AmbiguousNameError``)."""
    _check_confidence(min_confidence)
    d = dossier(
        store,
        ref,
        with_timeline=False,
        max_sources=DOSSIER_SOURCES,
        max_documents=DOSSIER_DOCUMENTS,
    )
    counts = timeline_counts(store, d.entity, min_confidence=min_confidence_for(min_confidence))
    return EntityDossier(d, n_events=counts["event"], n_claims=counts["claim"])


def timeline(
    store: Store,
    ref: str,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    modality: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[TimelineItem]:
    """The actor's events and claims by date: ``kind`` one of event/claim, ``modality`` an
    event modality or a claim status (alleged, denied, …) kept on either kind."""
    _check_window(limit, offset)
    _check_confidence(min_confidence)
    start, end = _check_range(date_from, date_to)
    kind_ = _check_choice("kind", kind, KINDS, upper=False)
    modality_ = _check_choice(
        "modality", modality, dict.fromkeys([*MODALITIES, *STATUSES]), upper=False
    )
    found = find_entity(store, ref)
    return timeline_page(
        store,
        found,
        start,
        end,
        kinds=(kind_,) if kind_ else KINDS,
        modality=modality_,
        min_confidence=min_confidence_for(min_confidence),
        limit=limit,
        offset=offset,
    )


def network(
    store: Store,
    ref: str,
    *,
    depth: int = 1,
    min_weight: int = 1,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    node_types: Iterable[str] = (),
    event_type: str | None = None,
    min_confidence: float | None = None,
    max_nodes: int | None = 200,
    support_limit: int | None = 50,
) -> Network:
    """The actors within ``depth`` hops of the actor ``ref`` and the weighted edges between them
    (events: source to target; claims: speaker to target), each edge with its supporting records;
    ``node_types`` keeps actors of those types, ``event_type`` events of one PLOVER type; each
    edge lists its ``support_limit`` earliest supporting records (None: all)."""
    if not 1 <= depth <= MAX_DEPTH:
        raise BadFilterError("depth", f"{depth} is not between 1 and {MAX_DEPTH}")
    if min_weight < 1:
        raise BadFilterError("min_weight", f"{min_weight} is less than 1")
    _check_confidence(min_confidence)
    start, end = _check_range(date_from, date_to)
    kind_ = _check_choice("kind", kind, KINDS, upper=False)
    types = [t for raw in node_types for t in [_check_choice("type", raw, entity_types(), True)]]
    event_type_ = _check_choice("event_type", event_type, event_types(), upper=True)
    spec = NetworkSpec(
        depth=depth,
        min_weight=min_weight,
        date_from=start,
        date_to=end,
        node_types=tuple(t for t in types if t),
        event_types=(event_type_,) if event_type_ else (),
        kinds=(kind_,) if kind_ else KINDS,
        min_confidence=min_confidence_for(min_confidence),
        max_nodes=max_nodes,
        support_limit=support_limit,
    )
    return _network(store, find_entity(store, ref).id, spec)


# --- documents --------------------------------------------------------------------------------
def documents(
    store: Store,
    *,
    q: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    source: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[DocumentSummary]:
    """Articles newest first, or best match first for ``q``; by article date and source."""
    _check_window(limit, offset)
    start, end = _check_range(date_from, date_to)
    return documents_page(
        store, q=q, date_from=start, date_to=end, source=source, limit=limit, offset=offset
    )


def document(store: Store, doc_id: str) -> StoredDocument:
    """One article with everything read from it: text, repairs, flags, mentions, entities,
    times, claims and events with their offsets, and each entity's canonical actor."""
    return get_document(store, doc_id)


def search(store: Store, q: str, *, limit: int | None = 20, offset: int = 0) -> SearchResult:
    """Articles matching the words of ``q``, best first (BM25), with a snippet each."""
    _check_window(limit, offset)
    if not q or not q.strip():
        raise BadFilterError("q", "the query is empty")
    return _search(store, q, limit=limit, offset=offset)


# --- records ----------------------------------------------------------------------------------
def claims(
    store: Store,
    *,
    speaker: str | None = None,
    target: str | None = None,
    status: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[ClaimRow]:
    """Claims by date: ``speaker``/``target`` an actor (id, name or alias), ``status`` one of
    :data:`STATUSES`; below the configured confidence unless ``min_confidence`` says."""
    _check_window(limit, offset)
    _check_confidence(min_confidence)
    start, end = _check_range(date_from, date_to)
    status_ = _check_choice("status", status, STATUSES, upper=False)
    return claims_page(
        store,
        speaker=speaker or None,
        target=target or None,
        status=status_,
        date_from=start,
        date_to=end,
        min_confidence=min_confidence_for(min_confidence)["claim"],
        limit=limit,
        offset=offset,
    )


def events(
    store: Store,
    *,
    actor: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_confidence: float | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[EventRow]:
    """Events by date: ``actor`` as source or target (id, name or alias), ``type`` a PLOVER
    type, ``modality`` one of :data:`MODALITIES`."""
    _check_window(limit, offset)
    _check_confidence(min_confidence)
    start, end = _check_range(date_from, date_to)
    type_ = _check_choice("type", type, event_types(), upper=True)
    modality_ = _check_choice("modality", modality, MODALITIES, upper=False)
    return events_page(
        store,
        actor=actor or None,
        type=type_,
        modality=modality_,
        date_from=start,
        date_to=end,
        min_confidence=min_confidence_for(min_confidence)["event"],
        limit=limit,
        offset=offset,
    )


def failures(
    store: Store, *, limit: int | None = DEFAULT_LIMIT, offset: int = 0
) -> Page[FailureRow]:
    """Inputs ingest could not read, most recently seen first, with the reason."""
    _check_window(limit, offset)
    return failures_page(store, limit=limit, offset=offset)


def stats(store: Store) -> StoreStats:
    """What the store holds, in numbers."""
    return store_stats(store)
