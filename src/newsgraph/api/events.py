"""``/api/v1/events``: PLOVER events (same records as ``newsgraph events --json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from newsgraph.api.common import DEFAULT, DateFrom, DateTo, Limit, MinConfidence, Offset, PageOf
from newsgraph.api.common import reading as _reading
from newsgraph.app import browse
from newsgraph.query.events import EventRow
from newsgraph.store import Store

router = APIRouter(tags=["events"])
Reading = Annotated[Store, Depends(_reading)]


@router.get(
    "/events",
    response_model=PageOf[EventRow],
    summary="Events by date; filter by actor, PLOVER type, modality, date and confidence",
)
def list_events(
    store: Reading,
    actor: Annotated[
        str | None, Query(max_length=300, description="Source or target: actor id or name.")
    ] = None,
    type: Annotated[str | None, Query(description="A PLOVER type, e.g. ACCUSE.")] = None,
    modality: Annotated[
        str | None, Query(description="occurred, alleged, scheduled, hypothetical or negated")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    min_confidence: MinConfidence = None,
    limit: Limit = DEFAULT,
    offset: Offset = 0,
) -> dict[str, Any]:
    return browse.events(
        store,
        actor=actor,
        type=type,
        modality=modality,
        date_from=date_from,
        date_to=date_to,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
    ).to_dict()
