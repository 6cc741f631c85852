"""Canonical entity records from final groups: name, type, aliases, counts, attributes, stable id.

* name: the most complete proper name: a full form (never an acronym or surname-only form when
  the group has one), written as a proper name (no lower-case word: never "bill Reagan" when
  "Ronald Reagan" is known), then the most mentioned, then the longer, then alphabetical.
  Lower-case words before the first capitalised one are cut from it ("'s Socialist Party").
* aliases: every name form with its mention count; forms that are no name of the entity (a
  generic "Bank" or "Co Inc", "The Reagan administration" on a person) are left out, because a
  reader takes an alias for a name the entity is known by everywhere.
* id: ``ce_`` + 12 hex digits of SHA-1 over the type group and the folded name, so the same data
  gives the same ids on every run, and adding articles keeps an id unless the most frequent name
  changes. Two groups with the same folded name (possible after a split) are told apart by the
  anchor of their smallest member. A group known by no name form (a generic "Congress" that no
  rule links) always takes its smallest member's anchor too: such groups are many and unrelated,
  and their ids must not depend on each other (incremental resolution recomputes one alone).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsgraph.resolve.model import Canonical, DocEntity, Profile
from newsgraph.resolve.normalize import fold, make_form, proper, rules, trim_fragment


def _rank(profile: Profile, raw: str) -> int:
    """0 for a full name, 1 for an acronym, 2 for a surname-only form, 3 for no name at all."""
    form = make_form(raw, profile.group)
    if form is None:
        return 3
    if form.acronym is not None:
        return 1
    if any(f.tokens == form.tokens for f in profile.full):
        return 0
    return 2


def _titled(raw: str, group: str) -> bool:
    """A PERSON form that starts with a title ("Chancellor Nigel Lawson"): the plain name is the
    better canonical name."""
    words = raw.split()
    return group == "PERSON" and len(words) > 1 and fold(words[0]) in rules().titles


_POSSESSIVE = re.compile(r"\w['’]s\b")  # "Texas Air Corp's Eastern Airlines" names two


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return len(longer) > n and any(longer[k : k + n] == shorter for k in range(len(longer) - n + 1))


def _choose_name(names: list[str], forms: Counter[str], rank: dict[str, int], group: str) -> str:
    """The most complete proper name among ``names``.

    Full names before acronyms and surnames, proper names before fragments with a lower-case
    word, a full name before one it contains ("International Business" when "International
    Business Machines" is said at least half as often: a rarer longer form is more likely an
    over-long NER span such as "Bank of England Robin Leigh"), plain names before titled ones,
    then the most mentioned, the longer, alphabetical.
    """
    tokens: dict[str, tuple[str, ...]] = {}
    for raw in names:
        form = make_form(raw, group)
        if form is not None and rank.get(raw) == 0 and proper(raw) and not _POSSESSIVE.search(raw):
            tokens[raw] = form.tokens
    said: Counter[tuple[str, ...]] = Counter()
    for raw, t in tokens.items():
        said[t] += forms[raw]
    incomplete = {t for t in said if any(_contains(o, t) and 2 * said[o] >= said[t] for o in said)}
    return min(
        names,
        key=lambda r: (
            rank.get(r, 3),
            not proper(r),
            tokens.get(r) in incomplete,
            _titled(r, group),
            -forms[r],
            -len(r.split()),
            r,
        ),
    )


MAX_LIST = 20  # list attributes (descriptions) keep at most this many distinct items


EVIDENCE_SUFFIX = "_evidence"


def merge_attributes(values: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per key, the value most articles give (ties: the first seen); lists are united instead
    ("descriptions" from every article), keeping first-seen order. Evidence offsets
    (``<key>_evidence``) point into one article's text, so they stay on the document entities
    (the dossier reads them there) and are not merged."""
    counts: dict[str, Counter[Any]] = {}
    lists: dict[str, list[Any]] = {}
    # The same decoded object recurs thousands of times in a popular actor (``run._attributes``
    # decodes each distinct JSON text once): vote once per object with its count, in first-seen
    # order. Extending a list again with the same items adds nothing, so the result is the same.
    seen: dict[int, list[Any]] = {}
    for attrs in values:
        entry = seen.get(id(attrs))
        if entry is None:
            seen[id(attrs)] = [attrs, 1]
        else:
            entry[1] += 1
    for attrs, n in seen.values():
        for key, value in attrs.items():
            if key.endswith(EVIDENCE_SUFFIX):
                continue
            if isinstance(value, list):
                merged = lists.setdefault(key, [])
                merged.extend(v for v in value if v not in merged and len(merged) < MAX_LIST)
            counts.setdefault(key, Counter())[_vote_key(value)] += n
    out = {k: _voted(c.most_common(1)[0][0]) for k, c in counts.items()}
    for key, merged in lists.items():
        if isinstance(out.get(key), list):
            out[key] = merged
    return out


_SCALARS = (str, int, bool, type(None))


def _vote_key(value: Any) -> Any:
    """What two equal attribute values share, as their JSON text would: a string, integer,
    boolean or null as itself with its type (1 and True differ), a float as its text (0.0 and
    -0.0 differ), anything else as its sorted JSON text. Scalars are most values, and
    json.dumps of each was most of the cost of merging a popular actor's attributes."""
    kind = type(value)
    if kind in _SCALARS:
        return (kind, value)
    if kind is float:
        return (kind, repr(value))
    return json.dumps(value, sort_keys=True)


def _voted(key: Any) -> Any:
    """The value a :func:`_vote_key` stands for."""
    if isinstance(key, tuple):
        return float(key[1]) if key[0] is float else key[1]
    return json.loads(key)


def build(
    entities: Sequence[DocEntity],
    profiles: Sequence[Profile],
    groups: dict[int, list[int]],
) -> list[Canonical]:
    out: list[Canonical] = []
    nameless: set[int] = set()  # groups known by no name form
    for members in groups.values():
        members = sorted(members, key=lambda m: (entities[m].doc_id, entities[m].entity_id))
        forms: Counter[str] = Counter()
        rank: dict[str, int] = {}
        types: Counter[str] = Counter()
        attrs = []
        for m in members:
            e, p = entities[m], profiles[m]
            # e.raw_forms() without building it: the mention forms, then the declared name and
            # aliases not among them, once each (a popular actor has tens of thousands).
            for raw, n in e.forms.items():
                forms[raw] += n
                if raw not in rank:
                    rank[raw] = _rank(p, raw)
            declared = (e.name, *e.aliases) if e.aliases else (e.name,)
            for k, raw in enumerate(declared):
                if raw and raw not in e.forms and raw not in declared[:k]:
                    forms[raw] += 1
                    if raw not in rank:
                        rank[raw] = _rank(p, raw)
            types[e.type] += e.n_mentions + 1
            if e.attributes:
                attrs.append(e.attributes)
        named = [r for r in forms if rank[r] < 3]
        if not named:
            nameless.add(len(out))
        names = named or list(forms) or [entities[members[0]].name]
        name = trim_fragment(_choose_name(names, forms, rank, profiles[members[0]].group))
        shown = [r for r in forms if rank[r] < 3] or list(forms)
        out.append(
            Canonical(
                id="",
                name=name,
                type=min(types, key=lambda t: (-types[t], t)),
                aliases=[
                    {"name": r, "count": forms[r]}
                    for r in sorted(shown, key=lambda r: (-forms[r], r))
                ],
                n_mentions=sum(entities[m].n_mentions for m in members),
                n_docs=len({entities[m].doc_id for m in members}),
                attributes=merge_attributes(attrs),
                members=members,
            )
        )
    _assign_ids(out, entities, profiles, nameless)
    return out


def _assign_ids(
    canonicals: list[Canonical],
    entities: Sequence[DocEntity],
    profiles: Sequence[Profile],
    nameless: set[int],
) -> None:
    def digest(text: str) -> str:
        return "ce_" + hashlib.sha1(text.encode()).hexdigest()[:12]

    by_base: dict[str, list[Canonical]] = {}
    for k, c in enumerate(canonicals):
        base = f"{profiles[c.members[0]].group}|{fold(c.name)}"
        if k in nameless:
            c.id = digest(f"{base}|{entities[c.members[0]].key}")
        else:
            by_base.setdefault(base, []).append(c)
    for base, same in by_base.items():
        same.sort(key=lambda c: (-len(c.members), entities[c.members[0]].key))
        same[0].id = digest(base)
        for c in same[1:]:
            c.id = digest(f"{base}|{entities[c.members[0]].key}")
