"""Actor pages: the list (filter by name and type, paged) and one actor's page (names, roles,
attributes, timeline, network, articles)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.app import browse
from newsgraph.errors import AmbiguousNameError, BadFilterError, NotFoundError
from newsgraph.store import Store
from newsgraph.web.render import MAX_PAGE_SIZE, PAGE_SIZE, open_store, page, pager

router = APIRouter()
StoreDep = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Query(ge=0)]
TIMELINE_PAGE = 50  # timeline rows listed under the widget (the first page), paged beyond


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query(max_length=40)] = "",
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> HTMLResponse:
    context = {"q": q, "type": type, "types": browse.entity_types(), "error": None}
    try:
        found = browse.entities(store, q=q or None, type=type or None, limit=limit, offset=offset)
    except BadFilterError as exc:
        return page(request, "entities.html", 422, rows=[], pager=None, **{**context, "error": exc})
    return page(
        request,
        "entities.html",
        rows=found.items,
        pager=pager(request, found.total, limit, offset),
        **context,
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(
    request: Request,
    entity_id: str,
    store: StoreDep,
    offset: Offset = 0,
) -> HTMLResponse:
    try:
        found = browse.entity(store, entity_id)
    except AmbiguousNameError as exc:
        return page(request, "error.html", 404, title="Which actor?", error=exc)
    except NotFoundError as exc:
        return page(request, "error.html", 404, title="No such actor", error=exc)
    d = found.dossier
    items = browse.timeline(store, d.entity.id, limit=TIMELINE_PAGE, offset=offset)
    return page(
        request,
        "entity.html",
        d=d,
        e=d.entity,
        n_events=found.n_events,
        n_claims=found.n_claims,
        timeline=items.items,
        pager=pager(request, items.total, TIMELINE_PAGE, offset),
        names=[n for n in d.names if n.kind != "pronoun"],
        pronouns=[n for n in d.names if n.kind == "pronoun"],
    )
