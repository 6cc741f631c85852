"""``/api/v1/failures`` and ``/api/v1/stats``: what ingest could not read, and what the store
holds (``newsgraph failures --json``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from newsgraph.api.common import DEFAULT, Limit, Offset, PageOf, Reading
from newsgraph.app import browse
from newsgraph.query.docs import FailureRow
from newsgraph.query.stats import StoreStats

router = APIRouter(tags=["store"])


@router.get(
    "/failures",
    response_model=PageOf[FailureRow],
    summary="Inputs ingest could not read, most recently seen first, with the reason",
)
def list_failures(store: Reading, limit: Limit = DEFAULT, offset: Offset = 0) -> dict[str, Any]:
    return browse.failures(store, limit=limit, offset=offset).to_dict()


@router.get("/stats", response_model=StoreStats, summary="What the store holds, in numbers")
def stats(store: Reading) -> dict[str, Any]:
    return browse.stats(store).to_dict()
