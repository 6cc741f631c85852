"""``DocResult.to_dict`` converts records with ``records.plain`` instead of
``dataclasses.asdict``: the contract object must stay equal in every value and type."""

from __future__ import annotations

import dataclasses
from collections import namedtuple
from typing import Any

from newsgraph.model.records import (
    Claim,
    DateRef,
    DocResult,
    Document,
    Entity,
    Event,
    EventArgument,
    Evidence,
    Repair,
    Role,
    plain,
)


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (a tuple is no list)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def test_plain_is_asdict_for_every_record_kind() -> None:
    Pair = namedtuple("Pair", "a b")
    records: list[Any] = [
        Repair(3, 7, "Ostlandwho", "Ostland who", "glued-words"),
        Entity(
            "e1",
            "Ilse Varga",
            "PERSON",
            aliases=["Varga"],
            roles=[Role("minister", org="e2", evidence_start=4, evidence_end=12)],
            attributes={
                "gender": "female",
                "gender_evidence": [0, 2],
                "span": (1, 2),
                "pair": Pair(1, [2]),
                "set": {"x"},
                "nested": {"k": [(1, None)]},
            },
        ),
        Claim("c1", "e1", 0, 9, "said", 10, 14, 20, 40, "indirect", date=DateRef("2024", "year")),
        Event(
            "ev1", "PROTEST", None, "14", ["c"], ["e1"], [], 1, 2, 0, 9,
            evidence=[Evidence(1, 2, 0, 9)],
            arguments=[EventArgument("source", 0, 4, "Ilse", "e1")],
            confidence=0.25,
        ),
    ]  # fmt: skip
    for record in records:
        assert _same(plain(record), dataclasses.asdict(record)), record
    mutable = records[1]
    assert plain(mutable)["attributes"]["set"] is not mutable.attributes["set"]  # copied


def test_to_dict_is_unchanged_on_a_parsed_article(pipeline: Any) -> None:
    text = (
        "Carpathia's foreign minister, Ilse Varga, said on Monday that the border with Ostland "
        "would reopen. Protesters marched in Lagonia against the plan."
    )
    doc = Document(id="t", date="2024-03-05", date_precision="day", text=text)
    result = pipeline.extract(doc)
    assert result.mentions and result.entities and result.claims
    out = result.to_dict()
    for key, records in (("mentions", result.mentions), ("entities", result.entities),
                         ("timexes", result.timexes), ("claims", result.claims),
                         ("events", result.events), ("flags", result.flags)):  # fmt: skip
        assert _same(out[key], [dataclasses.asdict(r) for r in records])
    assert isinstance(out, dict) and isinstance(DocResult.from_dict(out), DocResult)
