"""benchmarks/_resolve_precision.py counts what issue 11 forbids, on a store we built."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgraph.resolve import resolve_store
from tests.resolve.conftest import TmpStore

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks._resolve_precision import count


def test_counts_are_zero_after_resolution(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Bank of Carpathia", "ORG", ["Bank of Carpathia", "Bank"])
    tmp_store.add("d2", "e1", "First Bank of Ostland", "ORG", aliases=["Bank"])
    tmp_store.add("d3", "e1", "Co Inc", "ORG")
    tmp_store.add("d4", "e1", "Co Ltd", "ORG")
    tmp_store.add("d5", "e1", "bill Dunov", "PERSON", ["bill Dunov", "The Dunov administration"])
    resolve_store(tmp_store)
    found = count(tmp_store.con)
    for key in ("generic_alias", "generic_links", "mixed_types", "person_org_alias"):
        assert found[key] == 0, key
    assert found["lowercase_lead"] == 0


def test_counts_catch_an_over_merge(tmp_store: TmpStore) -> None:
    tmp_store.add("d1", "e1", "Bank of Carpathia", "ORG")
    tmp_store.add("d2", "e1", "Dunov", "PERSON")
    resolve_store(tmp_store)
    # What the old rules wrote: one entity for a bank and a person, known as "Bank".
    cid = tmp_store.canonical_of("d1", "e1")
    tmp_store.con.execute(
        "UPDATE entity_links SET canonical_id = ?, rule = 'alias', "
        "evidence = 'alias: ''Bank'' = ''Bank of Carpathia''' WHERE doc_id = 'd2'",
        [cid],
    )
    aliases = [{"name": "Bank of Carpathia", "count": 1}, {"name": "Bank", "count": 1}]
    tmp_store.con.execute(
        "UPDATE canonical_entities SET name = 'bill Carpathia', n_docs = 2, aliases = ? "
        "WHERE id = ?",
        [json.dumps(aliases), cid],
    )
    found = count(tmp_store.con)
    assert found["generic_alias"] == 1
    assert found["mixed_types"] == 1
    assert found["lowercase_lead"] == 1
