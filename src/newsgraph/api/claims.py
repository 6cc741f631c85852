"""``/api/v1/claims``: who said what about whom (same records as ``newsgraph claims --json``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from newsgraph.api.common import DEFAULT, DateFrom, DateTo, Limit, MinConfidence, Offset, PageOf
from newsgraph.api.common import reading as _reading
from newsgraph.app import browse
from newsgraph.query.claims import ClaimRow
from newsgraph.store import Store

router = APIRouter(tags=["claims"])
Reading = Annotated[Store, Depends(_reading)]
Actor = Annotated[str | None, Query(max_length=300)]


@router.get(
    "/claims",
    response_model=PageOf[ClaimRow],
    summary="Claims by date; filter by speaker, target, status, date and confidence",
)
def list_claims(
    store: Reading,
    speaker: Annotated[str | None, Query(max_length=300, description="Actor id or name.")] = None,
    target: Annotated[str | None, Query(max_length=300, description="Actor id or name.")] = None,
    status: Annotated[
        str | None, Query(description="asserted, alleged, denied, hedged or established")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    min_confidence: MinConfidence = None,
    limit: Limit = DEFAULT,
    offset: Offset = 0,
) -> dict[str, Any]:
    return browse.claims(
        store,
        speaker=speaker,
        target=target,
        status=status,
        date_from=date_from,
        date_to=date_to,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
    ).to_dict()
