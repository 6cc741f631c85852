"""Corrections over HTTP: ``GET/POST /api/v1/decisions``, ``GET/DELETE /api/v1/decisions/{id}``.

The same use cases as ``newsgraph merge / split / wrong / undo / decisions``
(:mod:`newsgraph.app.decisions`). Reading is open; a write needs a server started with
``--allow-writes`` (else 403) and the token it printed, sent as ``Authorization: Bearer TOKEN``
(else 401 without a token, 403 with another one). Every other route leaves the database as it is.
Reads go through the server's shared warm connection (:func:`newsgraph.app.access.share_reads`),
which ``write_store`` lets go around each write, so the use cases can open the file for writing.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Header, HTTPException, Path, Query, Request, status
from pydantic import BaseModel, ConfigDict, Field

from newsgraph.app import decisions as use
from newsgraph.app.access import read_store
from newsgraph.errors import (
    AmbiguousNameError,
    NewsgraphError,
    NotFoundError,
    SameEntityError,
    StoreBusyError,
)

router = APIRouter(tags=["decisions"])

Kind = Literal["merge", "split", "wrong_claim", "wrong_event"]
_Text = Annotated[str, Field(min_length=1, max_length=500)]
_Note = Annotated[str | None, Field(default=None, max_length=2000)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MergeRequest(_Body):
    """Two actors (canonical ids, names or aliases) are one."""

    kind: Literal["merge"]
    a: _Text
    b: _Text
    note: _Note = None


class SplitRequest(_Body):
    """The articles that call ``entity`` by ``alias`` mean someone else."""

    kind: Literal["split"]
    entity: _Text
    alias: _Text
    note: _Note = None


class WrongRequest(_Body):
    """The claim (``wrong_claim``) or event (``wrong_event``) ``record_id`` of document ``doc_id``
    (id or unique prefix) is wrong."""

    kind: Literal["wrong_claim", "wrong_event"]
    doc_id: _Text
    record_id: _Text
    note: _Note = None


DecisionRequest = Annotated[MergeRequest | SplitRequest | WrongRequest, Field(discriminator="kind")]


def _db(request: Request) -> str:
    return str(request.app.state.settings.db)


def _error(err: NewsgraphError) -> HTTPException:
    """The HTTP error for a use case's error: not found 404, same entity 409, ambiguous 422,
    busy 503 (with Retry-After)."""
    if isinstance(err, NotFoundError):
        return HTTPException(status.HTTP_404_NOT_FOUND, err.describe())
    if isinstance(err, SameEntityError):
        return HTTPException(status.HTTP_409_CONFLICT, err.describe())
    if isinstance(err, AmbiguousNameError):
        return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, err.describe())
    if isinstance(err, StoreBusyError):
        return HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE, err.describe(), headers={"Retry-After": "5"}
        )
    raise err


def require_writer(request: Request, authorization: str | None) -> None:
    """403 unless the server accepts writes, 401 without a bearer token, 403 with a wrong one."""
    settings = request.app.state.settings
    if not settings.allow_writes:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "this server is read-only; start it with 'newsgraph serve --allow-writes' to accept "
            "corrections",
        )
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "writes need the token 'newsgraph serve --allow-writes' printed at start-up, sent as "
            "'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not secrets.compare_digest(token.strip().encode(), str(settings.token).encode()):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "the token does not match the one this server printed at start-up",
        )


@router.get("/decisions", summary="The corrections, newest first (paginated)")
def list_decisions(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    kind: Kind | None = None,
) -> dict[str, Any]:
    """``{total, limit, offset, items}``; each item says what it is about in words (``text``)
    and structured (``refers``), and whether the store shows it now (``applied``)."""
    try:
        with read_store(request.app.state.settings.db) as store:
            return use.list_decisions(store, limit=limit, offset=offset, kind=kind).to_dict()
    except NewsgraphError as err:
        raise _error(err) from err


@router.get("/decisions/{decision_id}", summary="One correction")
def get_decision(
    request: Request, decision_id: Annotated[str, Path(min_length=1, max_length=64)]
) -> dict[str, Any]:
    try:
        with read_store(request.app.state.settings.db) as store:
            return use.show_decision(store, decision_id).to_dict()
    except NewsgraphError as err:
        raise _error(err) from err


@router.post(
    "/decisions",
    status_code=status.HTTP_201_CREATED,
    summary="Make a correction: merge two actors, split an alias, mark a claim or event wrong",
)
def post_decision(
    request: Request,
    body: Annotated[DecisionRequest, Body()],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """The decision made (``decision`` id, ``kind``, ``text``; a merge gives the merged
    ``entity_id``, a split the kept ``entity_id``, a wrong mark its ``doc_id`` and
    ``record_id``)."""
    require_writer(request, authorization)
    db = _db(request)
    try:
        if isinstance(body, MergeRequest):
            return use.merge(db, body.a, body.b, body.note)
        if isinstance(body, SplitRequest):
            return use.split(db, body.entity, body.alias, body.note)
        what: use.RecordKind = "claim" if body.kind == "wrong_claim" else "event"
        return use.mark_wrong(db, what, body.doc_id, body.record_id, body.note)
    except NewsgraphError as err:
        raise _error(err) from err


@router.delete("/decisions/{decision_id}", summary="Undo a correction")
def delete_decision(
    request: Request,
    decision_id: Annotated[str, Path(min_length=1, max_length=64)],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Forget the decision: a merge or split is reverted by resolving again, a record marked
    wrong is shown again. ``{decision, kind, text}``."""
    require_writer(request, authorization)
    try:
        return use.undo(_db(request), decision_id)
    except NewsgraphError as err:
        raise _error(err) from err
