"""Records a person marked wrong (``wrong_claim`` / ``wrong_event`` decisions) are left out of every
read: lists of claims and events, timelines, dossiers. The document view is the one exception: it
shows every extraction of the article, the marked ones flagged, so the mark can be seen and undone.

A decision's ``a`` is the record's ``doc_id/record_id`` (see :mod:`newsgraph.resolve.decisions`),
so the filter is one anti-join on the small ``decisions`` table.
"""

from __future__ import annotations

from newsgraph.store import Store

# Record kind as queries name it -> the decision kind that marks it wrong.
WRONG_KIND = {"claim": "wrong_claim", "event": "wrong_event"}


def not_wrong(kind: str, table: str | None = None) -> str:
    """SQL condition true for the rows of a claim or event not marked wrong; add it to a query's
    ``WHERE``. ``table`` is the name or alias the query gives the record table (default:
    ``claims`` / ``events``); columns are qualified with it, as ``decisions`` has an ``id`` too."""
    t = table or f"{kind}s"
    return (
        f"NOT EXISTS (SELECT 1 FROM decisions AS wrong WHERE wrong.kind = '{WRONG_KIND[kind]}' "
        f"AND wrong.a = {t}.doc_id || '/' || {t}.id)"
    )


def wrong_marks(store: Store, doc_id: str | None = None) -> dict[str, dict[str, str]]:
    """``{"claims": {record_id: decision_id}, "events": {...}}`` for one document (or, keyed by
    ``doc_id/record_id``, for every document when ``doc_id`` is None)."""
    out: dict[str, dict[str, str]] = {"claims": {}, "events": {}}
    rows = store.con.execute(
        "SELECT kind, a, id FROM decisions WHERE kind IN ('wrong_claim', 'wrong_event')"
    ).fetchall()
    for kind, anchor, decision in rows:
        doc, _, record = str(anchor).rpartition("/")
        if doc_id is not None and doc != doc_id:
            continue
        table = "claims" if kind == "wrong_claim" else "events"
        out[table][record if doc_id is not None else str(anchor)] = str(decision)
    return out
