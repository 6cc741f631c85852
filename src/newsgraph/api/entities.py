"""``/api/v1/entities``: actors, an actor's dossier and timeline (same records as
``newsgraph entities --json`` and ``newsgraph show --json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from newsgraph.api.common import (
    DEFAULT,
    DateFrom,
    DateTo,
    Limit,
    MinConfidence,
    Offset,
    PageOf,
    Reading,
)
from newsgraph.app import browse
from newsgraph.query.dossier_records import AttributeItem, DocRef, NameCount, RoleItem
from newsgraph.query.entities import EntitySummary
from newsgraph.query.network import MAX_DEPTH, NetworkNode, SupportRef
from newsgraph.query.timeline import TimelineItem

router = APIRouter(tags=["entities"])
EntityRef = Annotated[
    str,
    Path(
        min_length=1,
        max_length=300,
        description="A canonical entity id (ce_…); a name or alias is looked up as by 'show'.",
    ),
]


class EntityDossier(BaseModel):
    """An actor's dossier without the timeline (``/entities/{id}/timeline`` pages it)."""

    entity_id: str
    entity: EntitySummary
    names: list[NameCount]
    roles: list[RoleItem]
    attributes: list[AttributeItem]
    documents: list[DocRef] = Field(
        description=f"The {browse.DOSSIER_DOCUMENTS} latest articles that mention the actor."
    )
    n_mentions: int
    n_docs: int
    n_events: int
    n_claims: int


class NetworkEdgeOut(BaseModel):
    """Actors ``source`` and ``target`` tied by ``weight`` records (``n_events`` events,
    ``n_claims`` claims), with the records themselves in ``support`` (kind, doc_id, record_id)."""

    id: str = Field(description="source->target, or source--target for a mutual edge")
    source: str
    target: str
    direction: str = Field(description="directed or mutual (reciprocal events)")
    weight: int
    n_events: int
    n_claims: int
    event_types: dict[str, int]
    modalities: dict[str, int]
    claim_statuses: dict[str, int]
    first_date: str | None
    last_date: str | None
    support: list[SupportRef] = Field(
        description="The supporting records, earliest first: at most the response's "
        "support_limit of them (weight counts them all; ask a larger support_limit for more)."
    )


class NetworkOut(BaseModel):
    """The actors around ``center`` (``depth`` hops) and the edges between them."""

    center: str | None
    depth: int | None
    nodes: list[NetworkNode]
    edges: list[NetworkEdgeOut]
    total_nodes: int
    total_edges: int = Field(
        description="Edges before max_edges cut them, among the nodes kept (edges to the actors "
        "that max_nodes left out are not counted)."
    )
    truncated: bool
    support_limit: int | None = Field(
        description="Each edge lists at most this many supporting records (None: all)."
    )


@router.get(
    "/entities",
    response_model=PageOf[EntitySummary],
    summary="Actors, most mentioned first; filter by name (q) and type",
)
def list_entities(
    store: Reading,
    q: Annotated[
        str | None, Query(max_length=300, description="Name or alias contains this.")
    ] = None,
    type: Annotated[
        str | None, Query(description="Entity type: PERSON, ORG, GPE, LOC, NORP, …")
    ] = None,
    limit: Limit = DEFAULT,
    offset: Offset = 0,
) -> dict[str, Any]:
    return browse.entities(store, q=q, type=type, limit=limit, offset=offset).to_dict()


@router.get(
    "/entities/{entity_id:path}/timeline",
    response_model=PageOf[TimelineItem],
    summary="An actor's events and claims by date, each with its source sentence",
)
def get_timeline(
    store: Reading,
    entity_id: EntityRef,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    kind: Annotated[str | None, Query(description="event or claim")] = None,
    modality: Annotated[
        str | None,
        Query(
            description="An event modality (occurred, alleged, scheduled, hypothetical, "
            "negated) or a claim status (asserted, alleged, denied, hedged, established)."
        ),
    ] = None,
    min_confidence: MinConfidence = None,
    limit: Limit = DEFAULT,
    offset: Offset = 0,
) -> dict[str, Any]:
    return browse.timeline(
        store,
        entity_id,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        modality=modality,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
    ).to_dict()


@router.get(
    "/entities/{entity_id:path}/network",
    response_model=NetworkOut,
    summary="The actors around an actor and the weighted edges between them, with sources",
)
def get_network(
    store: Reading,
    entity_id: EntityRef,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops from the actor.")] = 1,
    min_weight: Annotated[int, Query(ge=1, description="Least records per edge.")] = 1,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    kind: Annotated[str | None, Query(description="event or claim (default: both)")] = None,
    type: Annotated[
        list[str] | None, Query(description="Actor types kept (repeatable): PERSON, ORG, …")
    ] = None,
    event_type: Annotated[str | None, Query(description="A PLOVER type, e.g. ACCUSE.")] = None,
    min_confidence: MinConfidence = None,
    max_nodes: Annotated[int, Query(ge=1, le=1000, description="At most this many actors.")] = 200,
    support_limit: Annotated[
        int,
        Query(ge=0, le=100_000, description="Supporting records listed per edge, earliest first."),
    ] = 50,
) -> dict[str, Any]:
    return browse.network(
        store,
        entity_id,
        depth=depth,
        min_weight=min_weight,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        node_types=type or (),
        event_type=event_type,
        min_confidence=min_confidence,
        max_nodes=max_nodes,
        support_limit=support_limit,
    ).to_dict()


# Last: an id before resolution has run is TYPE/name (a slash), so this route takes the rest of the
# path, and the /timeline and /network routes above must be tried first.
@router.get(
    "/entities/{entity_id:path}",
    response_model=EntityDossier,
    summary="An actor's dossier: names, roles with evidence, attributes, counts",
)
def get_entity(store: Reading, entity_id: EntityRef) -> dict[str, Any]:
    return browse.entity(store, entity_id).to_dict()
