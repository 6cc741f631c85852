"""Reading stored contract objects back: ``documents.result`` plus ``documents.text``.

The writer keeps ``doc.text`` only once (in ``documents.text``); these functions put it back, so
callers get exactly what ``DocResult.to_dict()`` gave when the document was written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsgraph.model.records import DocResult, Document

if TYPE_CHECKING:
    from newsgraph.store.core import Store

_DOC_KEYS = tuple(Document("", "", "", "").to_dict())


def contract_object(result_json: str, text: str) -> dict[str, Any]:
    """The full contract object from a stored ``result`` and the document's text."""
    data: dict[str, Any] = json.loads(result_json)
    doc = data.get("doc", {})
    doc["text"] = text
    ordered = {k: doc.get(k) for k in _DOC_KEYS}
    ordered.update((k, v) for k, v in doc.items() if k not in ordered)
    data["doc"] = ordered
    return data


def iter_contract_objects(
    store: Store, ids: Iterable[str] | None = None, batch: int = 500
) -> Iterator[dict[str, Any]]:
    """Contract objects of the given documents (all, by id, when ``ids`` is None)."""
    if ids is None:
        cur = store.con.execute("SELECT CAST(result AS VARCHAR), text FROM documents ORDER BY id")
    else:
        cur = store.con.execute(
            "SELECT CAST(result AS VARCHAR), text FROM documents WHERE id IN "
            "(SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]'))) ORDER BY id",
            [json.dumps(list(ids))],
        )
    while rows := cur.fetchmany(batch):
        for result_json, text in rows:
            yield contract_object(result_json, text)


def iter_results(store: Store, ids: Iterable[str] | None = None) -> Iterator[DocResult]:
    """Stored documents as :class:`DocResult` (for exports and re-processing)."""
    for data in iter_contract_objects(store, ids):
        yield DocResult.from_dict(data)


def json_value(value: Any, default: Any = None) -> Any:
    """A JSON column's value as Python (DuckDB returns JSON as text); ``default`` if unreadable."""
    if value is None:
        return default
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return default
    return value
