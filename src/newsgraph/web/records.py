"""List pages of claims and events (filters, paged) and the decisions page (the user's merges,
splits and marks, with the forms that make and undo them)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.app.decisions import list_decisions
from newsgraph.app.reads import event_types, min_confidence_for
from newsgraph.errors import AmbiguousNameError, NotFoundError
from newsgraph.query.claims import STATUSES, find_claims
from newsgraph.query.events import find_events
from newsgraph.store import Store
from newsgraph.web.render import MAX_PAGE_SIZE, PAGE_SIZE, open_store, page, pager

router = APIRouter()
StoreDep = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Query(ge=0)]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    store: StoreDep,
    speaker: Annotated[str, Query(max_length=200)] = "",
    target: Annotated[str, Query(max_length=200)] = "",
    status: Annotated[str, Query(max_length=40)] = "",
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> HTMLResponse:
    error = None
    rows: list[Any] = []
    if status and status not in STATUSES:
        error = f"unknown status {status!r}: one of {', '.join(STATUSES)}"
    else:
        try:
            rows = find_claims(
                store,
                speaker=speaker or None,
                target=target or None,
                status=status or None,
                min_confidence=min_confidence_for(None)["claim"],
            )
        except (NotFoundError, AmbiguousNameError) as exc:
            error = str(exc)
    return page(
        request,
        "claims.html",
        status_code=422 if error else 200,
        rows=rows[offset : offset + limit],
        speaker=speaker,
        target=target,
        status=status,
        statuses=STATUSES,
        error=error,
        pager=pager(request, len(rows), limit, offset),
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    store: StoreDep,
    actor: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query(max_length=40)] = "",
    date_from: Annotated[str, Query(alias="from", pattern=DATE)] = "",
    date_to: Annotated[str, Query(alias="to", pattern=DATE)] = "",
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> HTMLResponse:
    error = None
    rows: list[Any] = []
    types = event_types()
    if type and type.upper() not in types:
        error = f"unknown event type {type!r}: one of {', '.join(types)}"
    else:
        try:
            rows = find_events(
                store,
                actor=actor or None,
                type=type or None,
                date_from=date_from or None,
                date_to=date_to or None,
                min_confidence=min_confidence_for(None)["event"],
            )
        except (NotFoundError, AmbiguousNameError) as exc:
            error = str(exc)
    return page(
        request,
        "events.html",
        status_code=422 if error else 200,
        rows=rows[offset : offset + limit],
        actor=actor,
        type=type,
        types=types,
        date_from=date_from,
        date_to=date_to,
        error=error,
        pager=pager(request, len(rows), limit, offset),
    )


@router.get("/decisions", response_class=HTMLResponse)
def decisions(
    request: Request, store: StoreDep, limit: Limit = PAGE_SIZE, offset: Offset = 0
) -> HTMLResponse:
    """The user's decisions, newest first, with the forms that make and undo them."""
    found = list_decisions(store, limit=limit, offset=offset)
    return page(
        request,
        "decisions.html",
        rows=found.items,
        pager=pager(request, found.total, limit, offset),
    )
