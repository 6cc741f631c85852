"""What every read route shares: the store of the request (the server's shared warm connection, see
:func:`newsgraph.app.access.share_reads`), errors as HTTP statuses, and
the page envelope of every list.

Errors: a filter that cannot match (:class:`~newsgraph.errors.BadFilterError`) is a 422 whose
``detail`` has FastAPI's own shape (``[{"loc": ["query", PARAM], "msg": …, "type": …}]``), so a
client reads every validation error the same way; an unknown id or name is a 404, a name that
fits several actors a 422 listing them, a database held by a writer for too long a 503.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from newsgraph.app.access import read_store
from newsgraph.app.browse import DEFAULT_LIMIT, MAX_LIMIT
from newsgraph.errors import (
    AmbiguousNameError,
    BadFilterError,
    NewsgraphError,
    NotFoundError,
    StoreBusyError,
)
from newsgraph.store import Store

T = TypeVar("T")

Limit = Annotated[
    int, Query(ge=0, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
]
Offset = Annotated[int, Query(ge=0, description="Items to skip (the page's start).")]
DateFrom = Annotated[
    str | None,
    Query(alias="from", description="From this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD."),
]
DateTo = Annotated[
    str | None,
    Query(alias="to", description="Up to this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD."),
]
MinConfidence = Annotated[
    float | None,
    Query(
        ge=0.0,
        le=1.0,
        description="Hide records less sure than this (0-1); default: the configured threshold.",
    ),
]
DEFAULT = DEFAULT_LIMIT


class PageOf(BaseModel, Generic[T]):
    """One page of a list: ``items`` from ``offset``, at most ``limit``, of ``total`` matches."""

    items: list[T]
    total: int = Field(description="How many match the filters, over all pages.")
    limit: int | None
    offset: int


def reading(request: Request) -> Iterator[Store]:
    """FastAPI dependency: the store for this request, errors turned into HTTP statuses."""
    with read_store(request.app.state.settings.db) as store:
        try:
            yield store
        except NewsgraphError as err:
            raise http_error(err) from err


# A route's store parameter: ``store: Reading``.
Reading = Annotated[Store, Depends(reading)]


def http_error(err: NewsgraphError) -> HTTPException:
    """The HTTP error for a use case's error (see the module docstring)."""
    if isinstance(err, BadFilterError):
        detail = [{"loc": ["query", err.param], "msg": err.message, "type": "value_error"}]
        return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail)
    if isinstance(err, NotFoundError):
        return HTTPException(status.HTTP_404_NOT_FOUND, err.describe())
    if isinstance(err, AmbiguousNameError):
        return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, err.describe())
    if isinstance(err, StoreBusyError):
        return HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE, err.describe(), headers={"Retry-After": "5"}
        )
    return HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, err.describe())
