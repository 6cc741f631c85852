"""Cross-document entity resolution: doc-level entities -> canonical actors, with reasons.

``resolve_store(store)`` rebuilds ``canonical_entities`` and ``entity_links`` from ``entities``,
``mentions`` and the user's ``decisions``; see ``cluster.py`` for the rules and ``decisions.py``
for merge/split judgements.
"""

from newsgraph.resolve.run import ResolveStats, resolve_connection, resolve_store

__all__ = ["ResolveStats", "resolve_connection", "resolve_store"]
