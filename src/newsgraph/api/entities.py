"""``/api/v1/entities``: actors, an actor's dossier and timeline (same records as
``newsgraph entities --json`` and ``newsgraph show --json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from newsgraph.api.common import DEFAULT, DateFrom, DateTo, Limit, MinConfidence, Offset, PageOf
from newsgraph.api.common import reading as _reading
from newsgraph.app import browse
from newsgraph.query.dossier import AttributeItem, DocRef, NameCount, RoleItem
from newsgraph.query.entities import EntitySummary
from newsgraph.query.timeline import TimelineItem
from newsgraph.store import Store

router = APIRouter(tags=["entities"])
Reading = Annotated[Store, Depends(_reading)]
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
    "/entities/{entity_id}",
    response_model=EntityDossier,
    summary="An actor's dossier: names, roles with evidence, attributes, counts",
)
def get_entity(store: Reading, entity_id: EntityRef) -> dict[str, Any]:
    return browse.entity(store, entity_id).to_dict()


@router.get(
    "/entities/{entity_id}/timeline",
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
