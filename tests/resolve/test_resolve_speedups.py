"""The shortcuts that make reclustering a popular component cheaper give what the plain code
gives: attribute votes group values as their JSON text would, components are the smallest
member whatever the union order, and a cached profile equals a fresh one."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from newsgraph.resolve.canonical import merge_attributes
from newsgraph.resolve.components import components
from newsgraph.resolve.model import DocEntity, profile


def _by_json(values: list[dict[str, Any]]) -> dict[str, Any]:
    """The vote as it was written first: values counted by their sorted JSON text."""
    counts: dict[str, Counter[str]] = {}
    for attrs in values:
        for key, value in attrs.items():
            counts.setdefault(key, Counter())[json.dumps(value, sort_keys=True)] += 1
    return {k: json.loads(c.most_common(1)[0][0]) for k, c in counts.items()}


def test_attribute_votes_keep_apart_what_json_keeps_apart() -> None:
    # 1, True and 1.0 are equal in Python but not in JSON; so are 0.0 and -0.0.
    values: list[dict[str, Any]] = [
        {"rank": True, "lat": -0.0, "kind": "city", "geo": {"id": 7}},
        {"rank": 1, "lat": 0.0, "kind": "city", "geo": {"id": 7}},
        {"rank": 1.0, "lat": 0.0, "kind": "town", "geo": {"id": 8}},
        {"rank": 1, "lat": -0.0, "kind": "town", "geo": {"id": 8}},
        {"rank": None, "lat": 0.0, "kind": "town", "geo": {"id": 8}},
    ]
    merged = merge_attributes(values)
    assert merged == _by_json(values)
    assert merged["rank"] == 1 and type(merged["rank"]) is int
    assert str(merged["lat"]) == "0.0"
    assert merged["kind"] == "town" and merged["geo"] == {"id": 8}


def test_attribute_vote_ties_go_to_the_first_seen_value() -> None:
    values: list[dict[str, Any]] = [{"n": 2}, {"n": 1.5}, {"n": 1.5}, {"n": 2}, {"n": "2"}]
    assert merge_attributes(values)["n"] == 2


def test_a_shared_attributes_object_votes_as_its_copies_would() -> None:
    # Loading decodes each distinct JSON text once, so one dict stands for many entities; it
    # is counted once per entity, ties still go to the first seen, lists still unite in order.
    town: dict[str, Any] = {"kind": "town", "names": ["Lagos Vell", "Vell"], "n": 1}
    city: dict[str, Any] = {"kind": "city", "names": ["Ostland", "Vell"], "n": 1}
    shared = [city, town, town, city, town, city, {"kind": "port", "n": 2}]
    copies = [dict(v) for v in shared]
    assert merge_attributes(shared) == merge_attributes(copies) == _plain_merge(copies)
    assert merge_attributes(shared)["kind"] == "city"  # 3 against 3: the first seen
    assert merge_attributes([town, town, city])["kind"] == "town"
    assert merge_attributes(shared)["names"] == ["Ostland", "Vell", "Lagos Vell"]


def _plain_merge(values: list[dict[str, Any]]) -> dict[str, Any]:
    """The merge written plainly: one vote per dict, lists united in first-seen order."""
    out = _by_json(values)
    for key in out:
        items: list[Any] = []
        for attrs in values:
            if isinstance(attrs.get(key), list):
                items.extend(v for v in attrs[key] if v not in items)
        if isinstance(out[key], list):
            out[key] = items
    return out


def test_components_are_labelled_by_their_smallest_member() -> None:
    # 4 owns key 10, held by 1 and 3; 0 and 2 share key 20 which nobody owns (no link);
    # an extra edge joins 2 and 5.
    keys = [{20: False}, {10: False}, {20: False, 30: True}, {10: False}, {10: True}, {30: True}]
    assert components(6, keys, [(5, 2)]) == [0, 1, 2, 1, 1, 2]
    assert components(3, [{}, {}, {}]) == [0, 1, 2]


def test_a_cached_profile_equals_one_of_the_same_forms() -> None:
    a = DocEntity("d1", "e1", "Ostland", "GPE", forms={"Ostland": 2, "the Ostland": 1})
    b = DocEntity("d2", "e4", "Ostland", "GPE", forms={"Ostland": 1, "the Ostland": 3})
    c = DocEntity("d3", "e2", "Mara Vell", "PERSON", forms={"Vell": 1, "Mara Vell": 1})
    assert profile(a) is profile(b)  # the same forms in the same order: one shared profile
    assert profile(c).full[0].tokens == ("mara", "vell")
    assert [f.tokens for f in profile(c).partial] == [("vell",)]


def test_a_profile_reads_the_raw_forms_in_their_order() -> None:
    from newsgraph.resolve.model import _profile
    from newsgraph.resolve.normalize import type_group

    cases = [
        DocEntity("d1", "e1", "Mara Vell", "PERSON", forms={"Vell": 2}),
        DocEntity("d1", "e2", "Vell", "PERSON", aliases=["Mara Vell", "Vell", "Mara Vell"]),
        DocEntity("d1", "e3", "Ostland", "GPE", forms={"Ostland": 1}, aliases=["OST", ""]),
        DocEntity("d1", "e4", "", "ORG", forms={"Lagonia Rail": 1}),
    ]
    for e in cases:
        assert profile(e) is _profile(type_group(e.type), tuple(e.raw_forms()))
