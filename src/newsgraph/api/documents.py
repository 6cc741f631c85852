"""``/api/v1/documents`` and ``/api/v1/search``: articles, one article with everything read
from it (same object as ``newsgraph doc --json``), full-text search (``newsgraph search``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from newsgraph.api.common import DEFAULT, DateFrom, DateTo, Limit, Offset, PageOf, Reading
from newsgraph.app import browse
from newsgraph.query.docs import DocumentSummary
from newsgraph.query.search import SearchHit

router = APIRouter(tags=["documents"])
Words = Annotated[str, Query(min_length=1, max_length=500, description="Words to find.")]


class DocumentPage(PageOf[DocumentSummary]):
    method: str | None = Field(None, description="With q: bm25 (the index) or scan.")
    note: str | None = None


class DocumentView(BaseModel):
    """The contract v1 object as stored (``doc`` with ``text`` and ``repairs``; ``mentions``,
    ``entities``, ``timexes``, ``claims``, ``events``, ``flags`` with offsets into ``doc.text``),
    plus ``doc_id``, ``actors`` (doc-level entity id -> canonical ``entity_id`` and ``name``),
    ``ingested_at`` and ``wrong`` (records a person marked wrong)."""

    model_config = ConfigDict(extra="allow")

    doc_id: str
    contract: int
    doc: dict[str, Any]
    mentions: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    timexes: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    events: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    actors: dict[str, dict[str, str]]
    ingested_at: str | None = None


class SearchPage(BaseModel):
    """Articles matching ``query``, best first: ``hits`` from ``offset`` of ``total``."""

    query: str
    method: str = Field(description="bm25 (the index) or scan (no usable index).")
    note: str | None = None
    hits: list[SearchHit]
    total: int
    limit: int | None
    offset: int


@router.get(
    "/documents",
    response_model=DocumentPage,
    summary="Articles, newest first (best match first with q); filter by date and source",
)
def list_documents(
    store: Reading,
    q: Annotated[str | None, Query(max_length=500, description="Words the article holds.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    source: Annotated[str | None, Query(max_length=300, description="The article's source.")] = (
        None
    ),
    limit: Limit = DEFAULT,
    offset: Offset = 0,
) -> dict[str, Any]:
    return browse.documents(
        store,
        q=q,
        date_from=date_from,
        date_to=date_to,
        source=source,
        limit=limit,
        offset=offset,
    ).to_dict()


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentView,
    summary="One article: text, repairs, flags and every extraction with its offsets",
)
def get_document(
    store: Reading,
    doc_id: Annotated[
        str, Path(min_length=1, max_length=200, description="Document id or a unique prefix.")
    ],
) -> dict[str, Any]:
    return browse.document(store, doc_id).to_dict()


@router.get("/search", response_model=SearchPage, summary="Full-text search over the articles")
def search(store: Reading, q: Words, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return browse.search(store, q, limit=limit, offset=offset).to_dict()
