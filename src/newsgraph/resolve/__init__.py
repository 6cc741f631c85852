"""Cross-document entity resolution: doc-level entities -> canonical actors, with reasons.

``resolve_store(store)`` rebuilds ``canonical_entities`` and ``entity_links`` from ``entities``,
``mentions`` and the user's ``decisions``; see ``cluster.py`` for the rules and ``decisions.py``
for merge/split judgements.

The names below are imported on first use (PEP 562), not with the package: read commands import
small modules of it (``decisions``, ``lookup``) and must not pay for numpy and the clustering
code that ``run`` pulls in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.resolve.run import ResolveStats, resolve_connection, resolve_store

__all__ = ["ResolveStats", "resolve_connection", "resolve_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsgraph.resolve import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
