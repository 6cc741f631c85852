"""How resolution writes its blocking index (``resolve_keys``): a merge relabels the stored
entities' rows in place, so an update leaves no deleted copies of them in the file."""

from __future__ import annotations

from newsgraph.resolve import resolve_store
from tests.resolve.conftest import TmpStore, resolved_rows


def _article(store: TmpStore, doc: str, rows: list[tuple[str, str, list[str]]]) -> None:
    store.con.execute(
        "INSERT INTO documents (id, date, date_precision, text, result, ingested_at) "
        "VALUES (?, '2024-03-02', 'day', 'An article we wrote.', '{}', now())",
        [doc],
    )
    for eid, name, names in rows:
        store.add(doc, eid, name, "ORG", mentions=names or None, aliases=names[1:])


def test_a_merge_relabels_the_stored_keys_in_place(tmp_store: TmpStore) -> None:
    _article(tmp_store, "w01", [("e1", "Northern Salt Guild", [])])
    _article(tmp_store, "w02", [("e1", "Salt Guild of the North", [])])
    resolve_store(tmp_store, full=True)
    keys = "SELECT doc_id, entity_id, key, rowid, component FROM resolve_keys"
    before = {r[:3]: r[3:] for r in tmp_store.con.execute(keys).fetchall()}
    assert len({c for _, c in before.values()}) == 2  # two components
    # An article naming the guild both ways bridges them: one of the two is relabelled.
    both = ["Northern Salt Guild", "Salt Guild of the North"]
    _article(tmp_store, "w03", [("e1", both[0], both)])
    assert resolve_store(tmp_store).mode == "incremental"
    after = {r[:3]: r[3:] for r in tmp_store.con.execute(keys).fetchall()}
    assert len({c for _, c in after.values()}) == 1
    assert {k: v for k, v in before.items() if after[k][1] != v[1]}  # some were relabelled
    # Every stored row is still the row it was (its rowid), with the new label where it moved.
    assert all(after[k][0] == rowid for k, (rowid, _) in before.items())
    step = resolved_rows(tmp_store.con)
    resolve_store(tmp_store, full=True)
    assert resolved_rows(tmp_store.con) == step
