"""One entity lookup for every surface: what ``show`` finds is what ``merge`` and ``split`` use."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.app import find_canonical, find_entity, merge, resolve, split
from newsgraph.errors import NotFoundError, SameEntityError
from newsgraph.query import dossier
from newsgraph.store import Store
from tests.cli.test_resolve_commands import _batch

# How people type the names of the hand-built store's actors (tests/cli/test_resolve_commands).
TYPED = ["General Motors", "general motors", "GENERAL-MOTORS", "gm", "Ford", "barra", "Mary Barra"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "app.duckdb")
    with Store(path, refresh_index_on_close=False) as store:
        _batch(store, ["d1", "d2", "d3"])
    return path


def test_show_and_merge_find_the_same_entity(db: str) -> None:
    resolve(db)
    with Store(db, read_only=True) as store:
        for typed in [*TYPED, "joaquin guzman", "JOAQUÍN GUZMÁN", "el chapo"]:
            shown = dossier(store, typed).entity.id
            assert find_entity(store, typed).id == shown, typed
            assert find_canonical(store, typed).id == shown, typed
            assert shown.startswith("ce_")
        # by id too
        gm = find_entity(store, "gm").id
        assert find_canonical(store, gm).id == gm


def test_merge_acts_on_what_show_found(db: str) -> None:
    resolve(db)
    with Store(db, read_only=True) as store:
        assert dossier(store, "ford").entity.id != dossier(store, "General Motors").entity.id
    out = merge(db, "FORD", "general-motors", note="same maker in this fiction")
    assert out["kind"] == "merge" and out["entity_id"].startswith("ce_")
    with Store(db, read_only=True) as store:
        merged = out["entity_id"]
        assert dossier(store, "ford").entity.id == dossier(store, "gm").entity.id == merged
    with pytest.raises(SameEntityError):
        merge(db, "Ford", "GM")
    back = split(db, "gm", "Ford")
    assert back["kind"] == "split"
    with Store(db, read_only=True) as store:
        assert dossier(store, "ford").entity.id != dossier(store, "gm").entity.id


def test_lookup_errors(db: str) -> None:
    with Store(db, read_only=True) as store:
        # Before resolution: show finds a name group, a decision needs a canonical entity.
        assert not find_entity(store, "gm").resolved
        with pytest.raises(NotFoundError):
            find_canonical(store, "gm")
    resolve(db)
    with Store(db, read_only=True) as store:
        with pytest.raises(NotFoundError):
            find_entity(store, "Nobody Known")
        with pytest.raises(NotFoundError):
            find_entity(store, "")


PUNCTUATED = "The U.S. envoy met Mary O'Brien in Lagonia. O'Brien's office said so."


def _punctuated_store(path: str) -> None:
    with Store(path, refresh_index_on_close=False) as store:
        store.con.execute(
            "INSERT INTO documents (id, date, date_precision, text, result, ingested_at) "
            "VALUES ('p1', '2024-01-01', 'day', ?, '{}', now())",
            [PUNCTUATED],
        )
        for eid, name, etype, form in [
            ("e1", "U.S.", "GPE", "U.S."),
            ("e2", "Mary O'Brien", "PERSON", "Mary O'Brien"),
            ("e3", "Lagonia", "GPE", "Lagonia"),
        ]:
            store.con.execute(
                "INSERT INTO entities VALUES ('p1', ?, ?, ?, '[]', '[]', '{}')", [eid, name, etype]
            )
            start = PUNCTUATED.index(form)
            store.con.execute(
                "INSERT INTO mentions VALUES ('p1', ?, ?, ?, ?, ?, ?, 'name')",
                [f"m{eid}", start, start + len(form), form, etype, eid],
            )


def test_names_fold_one_way_for_every_surface(tmp_path: Path) -> None:
    """ "US" finds "U.S." and "obrien" finds "O'Brien": the name folding resolution uses, before
    and after resolution, in show and in merge alike."""
    db = str(tmp_path / "punct.duckdb")
    _punctuated_store(db)
    typed = {"U.S.": ["US", "us", "u.s.", "U.S"], "Mary O'Brien": ["mary obrien", "O'Brien"]}
    with Store(db, read_only=True) as store:
        for name, refs in typed.items():
            for ref in refs:
                assert find_entity(store, ref).name == name, ref
    resolve(db)
    with Store(db, read_only=True) as store:
        for name, refs in typed.items():
            for ref in refs:
                shown = dossier(store, ref).entity
                assert shown.name == name, ref
                assert find_canonical(store, ref).id == shown.id, ref
    out = merge(db, "US", "lagonia")
    with Store(db, read_only=True) as store:
        merged = out["entity_id"]
        assert dossier(store, "u.s.").entity.id == merged == find_entity(store, "Lagonia").id
