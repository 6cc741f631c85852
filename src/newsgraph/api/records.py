"""``/api/v1/claims`` and ``/api/v1/events``: the extracted records as lists filtered by actor,
kind, date and confidence (the same records as ``newsgraph claims --json`` and ``newsgraph events
--json``). Both share the filters every list of records has (dates, confidence, paging); each
adds its own (speaker and target and status; actor, PLOVER type and modality)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

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
from newsgraph.query.claims import ClaimRow
from newsgraph.query.events import EventRow

router = APIRouter()


def _actor(description: str) -> Any:
    return Query(max_length=300, description=description)


Speaker = Annotated[str | None, _actor("Actor id or name.")]
Target = Annotated[str | None, _actor("Actor id or name.")]
Actor = Annotated[str | None, _actor("Source or target: actor id or name.")]


@router.get(
    "/claims",
    response_model=PageOf[ClaimRow],
    summary="Claims by date; filter by speaker, target, status, date and confidence",
    tags=["claims"],
)
def list_claims(
    store: Reading,
    speaker: Speaker = None,
    target: Target = None,
    status: Annotated[
        str | None, Query(description="asserted, alleged, denied, hedged or established")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    min_confidence: MinConfidence = None,
    limit: Limit = DEFAULT,
    offset: Offset = 0,
) -> dict[str, Any]:
    shared = _shared(date_from, date_to, min_confidence, limit, offset)
    return browse.claims(store, speaker=speaker, target=target, status=status, **shared).to_dict()


@router.get(
    "/events",
    response_model=PageOf[EventRow],
    summary="Events by date; filter by actor, PLOVER type, modality, date and confidence",
    tags=["events"],
)
def list_events(
    store: Reading,
    actor: Actor = None,
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
    shared = _shared(date_from, date_to, min_confidence, limit, offset)
    return browse.events(store, actor=actor, type=type, modality=modality, **shared).to_dict()


def _shared(
    date_from: str | None,
    date_to: str | None,
    min_confidence: float | None,
    limit: int | None,
    offset: int,
) -> dict[str, Any]:
    """The filters every list of records takes, as the use cases name them."""
    return {
        "date_from": date_from,
        "date_to": date_to,
        "min_confidence": min_confidence,
        "limit": limit,
        "offset": offset,
    }
