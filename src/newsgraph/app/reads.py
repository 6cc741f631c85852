"""What the read surfaces assemble from :mod:`newsgraph.query`: the confidence defaults, the
vocabularies filters are checked against, and an actor's dossier with its mentions. The CLI's
read commands (and the web pages) call these so they show the same records by default."""

from __future__ import annotations

from typing import Any

from newsgraph.model.data import load_toml
from newsgraph.query import Dossier, dossier
from newsgraph.store import Store


def min_confidence_for(given: float | None) -> dict[str, float]:
    """The least confidence shown per record kind: ``given`` for both, else the config's
    ``query.min_event_confidence`` / ``query.min_claim_confidence``."""
    if given is not None:
        return {"event": given, "claim": given}
    from newsgraph.config import load_config

    q = load_config().query
    return {"event": q.min_event_confidence, "claim": q.min_claim_confidence}


def event_types() -> list[str]:
    """PLOVER's event types as the ontology data file lists them (what ``--type`` accepts)."""
    return sorted(load_toml("events_types.toml")["types"])


def actor_dossier(
    store: Store,
    ref: str,
    *,
    min_confidence: float | None = None,
    with_mentions: bool = False,
) -> tuple[Dossier, list[dict[str, Any]]]:
    """The dossier of the actor ``ref`` names (id, name or alias: the one lookup), events and
    claims filtered at :func:`min_confidence_for`; with its mentions (offsets into the stored
    texts) when ``with_mentions``, else an empty list."""
    from newsgraph.resolve.mentions import iter_mentions

    d = dossier(store, ref, min_confidence=min_confidence_for(min_confidence))
    mentions = list(iter_mentions(store.con, entity=d.entity.id)) if with_mentions else []
    return d, mentions
