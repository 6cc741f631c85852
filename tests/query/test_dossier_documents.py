"""A dossier that lists only the latest articles (the API and the actor page) picks them in SQL
and shows exactly the tail of the full list, with the same counts."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.query import dossier
from newsgraph.store import Store
from tests.store.sample_store import sample_store_path


@pytest.mark.parametrize("n", [1, 3, 1000])
def test_latest_documents_are_the_tail_of_the_full_list(
    pipeline: Any, tmp_path_factory: pytest.TempPathFactory, n: int
) -> None:
    path = sample_store_path(pipeline, tmp_path_factory)
    with Store(path, read_only=True) as store:
        full = dossier(store, "Aldana", with_timeline=False, max_sources=10)
        cut = dossier(store, "Aldana", with_timeline=False, max_sources=10, max_documents=n)
    assert len(full.documents) > 3  # the actor of the samples is in many articles
    assert cut.documents == full.documents[-n:]
    assert (cut.n_docs, cut.n_mentions) == (full.n_docs, full.n_mentions)
    assert cut.roles == full.roles and cut.attributes == full.attributes
