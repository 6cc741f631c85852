"""The ``/api/v1`` router; each resource's routes live in their own module and are included here."""

from __future__ import annotations

from fastapi import APIRouter, Request

from newsgraph import __version__
from newsgraph.api import decisions, documents, entities, export, records, status

router = APIRouter(prefix="/api/v1")
for _module in (entities, documents, records, status):
    router.include_router(_module.router)
router.include_router(decisions.router)


@router.get("/version", summary="The server's newsgraph version and database")
def version(request: Request) -> dict[str, str]:
    return {"version": __version__, "db": request.app.state.settings.db}


router.include_router(export.router)
