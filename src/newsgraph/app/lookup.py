"""The one way every surface finds an actor from what a person typed: an id, a name or an alias.

``show``, ``merge``, ``split``, ``mentions --entity`` (and the web pages) all call
:func:`find_entity`, so a name that ``show`` finds is the entity ``merge`` acts on. Names are folded
by :func:`newsgraph.query.common.fold` (accents, case and punctuation ignored).
"""

from __future__ import annotations

from newsgraph.errors import NotFoundError
from newsgraph.query.entities import EntitySummary
from newsgraph.query.entities import find_entity as _find_entity
from newsgraph.store import Store


def find_entity(store: Store, ref: str) -> EntitySummary:
    """The actor whose id is ``ref``, else whose name, else whose alias folds to it, else whose
    name (then an alias) contains all its words. Raises ``NotFoundError`` or
    ``AmbiguousNameError`` listing the candidates."""
    return _find_entity(store, ref)


def find_canonical(store: Store, ref: str) -> EntitySummary:
    """Like :func:`find_entity`, for a command that needs a canonical (resolved) entity, such as a
    merge or split decision: before resolution has run there is none to decide about."""
    found = find_entity(store, ref)
    if not found.resolved:
        raise NotFoundError(
            f"no canonical entity named {ref!r}: resolution has not run",
            hint="run 'newsgraph resolve' first",
        )
    return found
