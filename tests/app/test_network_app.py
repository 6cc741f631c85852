"""The network use case: the read commands' confidence defaults, and bad filters named."""

from __future__ import annotations

import pytest

from newsgraph.app.network import actor_network
from newsgraph.errors import QueryError
from newsgraph.store import Store
from tests.query.test_network import resolved, store  # noqa: F401


def test_defaults_hide_unsure_records(resolved: Store) -> None:  # noqa: F811
    ids = {e.id for e in actor_network(resolved).edges}
    assert "ce_ver->ce_car" not in ids  # a claim at 0.3, under the default 0.4
    assert "ce_ver->ce_car" in {e.id for e in actor_network(resolved, min_confidence=0).edges}


def test_filters_and_errors(resolved: Store) -> None:  # noqa: F811
    net = actor_network(resolved, "Lagonia", depth=2, min_confidence=0)
    assert net.center == "ce_lag" and {n.id for n in net.nodes} >= {"ce_ost", "ce_car"}
    aid = actor_network(resolved, event_types_=["aid"], kinds=["event"], min_confidence=0)
    assert [e.id for e in aid.edges] == ["ce_fre->ce_car"]
    with pytest.raises(QueryError, match="PLOVER"):
        actor_network(resolved, event_types_=["HUG"])
    with pytest.raises(QueryError, match="depth"):
        actor_network(resolved, "Lagonia", depth=0)
