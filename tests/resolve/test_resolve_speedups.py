"""The shortcuts that make reclustering a popular component cheaper give what the plain code
gives: attribute votes group values as their JSON text would, components are the smallest
member whatever the union order, a cached profile equals a fresh one, and the same-name pass
joins as plain unions would."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from newsgraph.resolve.canonical import merge_attributes
from newsgraph.resolve.cluster import Clusterer
from newsgraph.resolve.components import components
from newsgraph.resolve.model import DocEntity, Link, copy_key, place_ids, profile
from newsgraph.resolve.normalize import make_form
from newsgraph.resolve.unionfind import UnionFind


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


def _plain_same_name(entities: list[DocEntity]) -> UnionFind:
    """Pass 1 written plainly: one ``union`` (with its own evidence) per join."""
    uf = UnionFind(len(entities))
    first: dict[tuple[str, str], int] = {}

    def key_of(name: str, group: str) -> str | None:
        form = make_form(name, group)
        return form.key if form is not None else None

    for i, e in enumerate(entities):
        p = profile(e)
        keys = [(f.key, "same-name", f.raw) for f in p.full]
        if p.acronym_only:
            keys += [(a, "same-name", a.upper()) for a in sorted(p.acronyms)]
        keys += [(k, "place-id", k) for k in place_ids(e)] if e.attributes else []
        copy = copy_key(e)
        if copy is not None:
            keys.append((copy, "same-article", e.doc_id))
        for key, rule, shown in keys:
            j = first.setdefault((p.group, key), i)
            if uf.find(i) == uf.find(j):
                continue
            if rule == "same-name" and not (
                key_of(e.name, p.group) == key == key_of(entities[j].name, p.group)
            ):
                rule = "alias"
            if rule == "same-article":
                evidence = f"same-article: {shown} repeats {entities[j].doc_id}"
            else:
                evidence = f"{rule}: {shown!r} = {entities[j].name!r}"
            uf.union(i, j, rule, evidence)
    return uf


def _state(uf: UnionFind) -> tuple[Any, ...]:
    n = len(uf.parent)
    roots = [uf.find(i) for i in range(n)]
    return (
        roots,
        {r: (uf.size[r], uf.seed[r], uf.members.get(r, [r])) for r in set(roots)},
        [(link.rule, link.evidence) if link else None for link in uf.links],
    )


def test_the_same_name_pass_joins_as_one_union_per_join_would() -> None:
    # Pass 1 attaches an entity's first join without a union, and shares one reason between
    # the joins of one key, holder and name: roots, sizes, seeds, member order and every
    # link's rule and evidence must come out as plain unions leave them.
    p = "PERSON"
    ents = [
        DocEntity("d1", "e1", "Mara Vell", p),
        DocEntity("d2", "e1", "Mara Quint", p, aliases=["Mara Vell"]),  # holds a key, then joins
        DocEntity("d3", "e1", "Mara Quint", p),  # same-name with d2, attached to d1's group
        DocEntity("d4", "e2", "Mara Q. Vell", p, aliases=["Mara Quint"]),  # alias, same key
        DocEntity("d5", "e1", "Tomas Brede", p),
        DocEntity("d5", "e2", "Tomas Brede", p),
        DocEntity("d6", "e1", "Tomas Brede", p, aliases=["Mara Vell"]),  # joins, then merges
        DocEntity("d7", "e3", "Tomas Brede", p, aliases=["Mara Quint"]),
        DocEntity("d8", "e1", "Mara Quint", p),
        DocEntity("d9", "e1", "Lagonia Rail", "ORG", doc_hash="h1"),
        DocEntity("d10", "e1", "Lagonia Rail Co", "ORG", doc_hash="h1"),
    ]
    fast = Clusterer(ents, profiles=[profile(e) for e in ents])
    fast.same_name()
    plain = _plain_same_name(ents)
    assert _state(fast.uf) == _state(plain)
    rules_of = [link.rule if link else "seed" for link in fast.uf.links]
    # d3 and d4 join d2 by the same key and shown form, but only d3 is called by it.
    assert rules_of[:5] == ["same-name", "alias", "same-name", "alias", "seed"]
    # d6 joins Vell's group alone, then brings Brede's (the smaller) in: Brede's seed is kept.
    assert {fast.uf.find(i) for i in range(9)} == {0} and fast.uf.seed[0] == 4


def test_attach_leaves_what_union_leaves() -> None:
    for target in (0, 2):  # a group of one; a group of three with another seed
        a, b = UnionFind(5), UnionFind(5)
        for uf in (a, b):
            uf.union(3, 2, "same-name", "x")
            uf.union(1, 2, "same-name", "y")
        a.attach(4, target, Link("alias", "z"))
        b.union(4, target, "alias", "z")
        assert _state(a) == _state(b)
