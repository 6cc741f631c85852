"""List pages of claims and events (filters, paged) and the decisions page (the user's merges,
splits and marks, with the forms that make and undo them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.app import browse
from newsgraph.app.decisions import list_decisions
from newsgraph.app.reads import event_types
from newsgraph.errors import AmbiguousNameError, BadFilterError, NotFoundError
from newsgraph.query.page import Page
from newsgraph.store import Store
from newsgraph.web.render import MAX_PAGE_SIZE, PAGE_SIZE, open_store, page, pager

router = APIRouter()
StoreDep = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Query(ge=0)]
Text = Annotated[str, Query(max_length=200)]
Date = Annotated[str, Query(max_length=10)]


def _list_page(
    request: Request,
    template: str,
    context: dict[str, Any],
    read: Callable[[], Page[Any]],
    limit: int,
    offset: int,
) -> HTMLResponse:
    """A filtered list page: the rows ``read`` returns with their pager, or the form again with
    a 422 naming what is wrong when a filter cannot match (an unknown actor, a bad date)."""
    try:
        found = read()
    except (BadFilterError, NotFoundError, AmbiguousNameError) as exc:
        return page(request, template, 422, rows=[], pager=None, error=exc, **context)
    return page(
        request,
        template,
        rows=found.items,
        error=None,
        pager=pager(request, found.total, limit, offset),
        **context,
    )


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    store: StoreDep,
    speaker: Text = "",
    target: Text = "",
    status: Text = "",
    date_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> HTMLResponse:
    context = {
        "speaker": speaker,
        "target": target,
        "status": status,
        "date_from": date_from,
        "date_to": date_to,
        "statuses": browse.STATUSES,
    }
    return _list_page(
        request,
        "claims.html",
        context,
        lambda: browse.claims(
            store,
            speaker=speaker or None,
            target=target or None,
            status=status or None,
            date_from=date_from or None,
            date_to=date_to or None,
            limit=limit,
            offset=offset,
        ),
        limit,
        offset,
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    store: StoreDep,
    actor: Text = "",
    type: Text = "",
    modality: Text = "",
    date_from: Annotated[str, Query(alias="from", max_length=10)] = "",
    date_to: Annotated[str, Query(alias="to", max_length=10)] = "",
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> HTMLResponse:
    context = {
        "actor": actor,
        "type": type,
        "modality": modality,
        "date_from": date_from,
        "date_to": date_to,
        "types": event_types(),
        "modalities": browse.MODALITIES,
    }
    return _list_page(
        request,
        "events.html",
        context,
        lambda: browse.events(
            store,
            actor=actor or None,
            type=type or None,
            modality=modality or None,
            date_from=date_from or None,
            date_to=date_to or None,
            limit=limit,
            offset=offset,
        ),
        limit,
        offset,
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
