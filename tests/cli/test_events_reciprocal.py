"""Reciprocal events: ``directed_pairs`` expands them; the store keeps the flag; ``events``,
``doc`` and ``show`` print "A, B <-> each other". A hand-made article, no spaCy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.model.records import DocResult, Document, Event, EventArgument, directed_pairs
from newsgraph.query.events import find_events
from newsgraph.store import Store
from tests.store.builders import Builder, span

TEXT = "Ostland and Lagonia signed a fisheries accord. Ostland accused Lagonia of spying."


def _event(
    eid: str, etype: str, trigger: str, args: list[tuple[str, str, str]], **kw: object
) -> Event:
    arguments = [EventArgument(role, *span(TEXT, text), text, ent) for role, text, ent in args]
    return Event(
        eid,
        etype,
        None,
        None,
        [],
        [a.entity for a in arguments if a.role == "source" and a.entity],
        [a.entity for a in arguments if a.role == "target" and a.entity],
        *span(TEXT, trigger),
        0,
        len(TEXT),
        arguments=arguments,
        **kw,  # type: ignore[arg-type]
    )


def article() -> DocResult:
    b = Builder(Document("d1", "2024-05-02", "day", TEXT, title="Fisheries"))
    b.entity("e1", "Ostland", "GPE")
    b.entity("e2", "Lagonia", "GPE")
    for n in range(2):
        b.mention("Ostland", "e1", "GPE", nth=n)
        b.mention("Lagonia", "e2", "GPE", nth=n)
    b.result.events = [
        _event(
            "v1",
            "SUPPORT",
            "signed",
            [("source", "Ostland", "e1"), ("source", "Lagonia", "e2")],
            reciprocal=True,
        ),
        _event(
            "v2", "ACCUSE", "accused", [("source", "Ostland", "e1"), ("target", "Lagonia", "e2")]
        ),
    ]
    return b.result


def test_directed_pairs_of_reciprocal_and_one_sided_events() -> None:
    signed, accused = article().events
    assert [(s.entity, t.entity) for s, t in directed_pairs(signed) if s and t] == [
        ("e1", "e2"),
        ("e2", "e1"),
    ]
    assert [(s.entity, t.entity) for s, t in directed_pairs(accused) if s and t] == [("e1", "e2")]
    one_sided = Event(**{**accused.__dict__, "arguments": accused.arguments[:1]})
    assert [(s and s.entity, t) for s, t in directed_pairs(one_sided)] == [("e1", None)]
    # The same actor on both sides is never a pair.
    same = [accused.arguments[0], EventArgument("target", 0, 7, "Ostland", "e1")]
    self_pair = Event(**{**accused.__dict__, "arguments": same})
    assert directed_pairs(self_pair) == []


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("recip") / "recip.duckdb"
    with Store(path) as store:
        store.write_batch([article()], [])
    return str(path)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_store_and_query_keep_the_flag(db: str) -> None:
    with Store(Path(db)) as store:
        rows = {r.id: r for r in find_events(store)}
    assert rows["v1"].reciprocal and not rows["v2"].reciprocal
    assert rows["v1"].sources == ["Ostland", "Lagonia"] and rows["v1"].targets == []


def test_cli_prints_reciprocal_events_as_each_other(db: str) -> None:
    out = _run("events", "--db", db)
    assert "Ostland, Lagonia <-> each other" in out
    assert "Ostland -> Lagonia" in out  # one-sided events keep their arrow
    rows = [json.loads(x) for x in _run("events", "--db", db, "--json").splitlines()]
    assert [r["reciprocal"] for r in rows] == [True, False]
    assert "Ostland, Lagonia <-> each other" in _run("doc", "d1", "--db", db)
    assert "Ostland, Lagonia <-> each other" in _run("show", "Ostland", "--db", db)
