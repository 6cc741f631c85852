"""Automatic clustering of doc-level entities into canonical entities, in five passes.

Blocking is by folded name keys, so the cost grows with the number of distinct names, not with
the number of pairs. Only name forms link (``normalize.make_form``): a generic ORG form ("the
Bank", "Co Inc", "Finance Ministry") or a PERSON form that names an organisation ("The Reagan
administration") links nothing. Passes, in order (each only ever merges within one type group):

1. **same name** — entities sharing a full name form (name or alias, folded: accents, case,
   titles, legal suffixes), or a gazetteer place id, merge ("same-name", "alias", "place-id").
   Acronym-only entities ("GM") merge with each other by their letters. A multi-word name that
   looks like a person's (no generic word, no legal form), typed PERSON in most articles and ORG
   in a few (an NER slip), joins the majority ("type-vote").
2. **acronym** — an acronym-only group links to the one group that declares the acronym as an
   alias in some article ("AMLO" ↔ Andrés Manuel López Obrador), or whose full name has those
   initials when the story context supports it (same article, or a dominated story); failing
   that, to the one full name of its own article it loosely abbreviates ("SIA" ~ Singapore
   Airlines, "RAF" ~ United Kingdom's Royal Air Force).
3. **surname / short name** — a PERSON group whose names are all word-suffixes (or one non-first
   word: "Aldana" of "Rodrigo Aldana Ferrer") of one other group's full name links to it
   ("García Luna" → "Genaro García Luna"); an ORG group without a legal form of its own known by
   a word-prefix of a longer, at least as often mentioned ORG name likewise ("Northrop" →
   "Northrop Grumman"). With several candidates ("Smith" with John and Jane Smith) only when the
   story context singles one out (see ``context.py``).
4. **tail** — an ORG group that is a part of one other ORG name of its own articles ("Exchange
   Commission", "the Bank"; see ``tails.py``).
5. **single name** — one-word PERSON names that fit no full name at all ("Madonna") merge by name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from newsgraph.resolve.context import StoryContext
from newsgraph.resolve.model import DocEntity, Link, Profile, copy_key, place_ids, profile
from newsgraph.resolve.normalize import (
    LOOSE_MIN,
    fold,
    initials,
    loose_acronym,
    make_form,
    rules,
)
from newsgraph.resolve.tails import part_of
from newsgraph.resolve.unionfind import UnionFind

# Per article, the (type, name) of its entities not being clustered; or a function giving them
# for some articles (read only when story context is needed, and only for those articles).
Outside = dict[str, list[tuple[str, str]]] | Callable[[set[str]], dict[str, list[tuple[str, str]]]]


class Clusterer:
    """The passes over ``entities`` (sorted by ``doc_id, entity_id``).

    ``comp`` numbers the blocking components (:mod:`newsgraph.resolve.components`; default: one
    component) and ``outside`` names, per article, the entities of the component's articles that
    are not in ``entities`` (incremental resolution loads only the components it recomputes):
    story context looks only at them, so each component clusters as it would alone.
    """

    def __init__(
        self,
        entities: Sequence[DocEntity],
        comp: Sequence[int] | None = None,
        outside: Outside | None = None,
        profiles: list[Profile] | None = None,
    ) -> None:
        self.entities = entities
        self.comp: Sequence[int] = comp if comp is not None else [0] * len(entities)
        self.outside = outside or {}
        self.profiles: list[Profile] = (
            profiles if profiles is not None else [profile(e) for e in entities]
        )
        self.uf = UnionFind(len(entities))
        # Short forms with several candidates (or acronyms that only fit initials), settled by
        # story context once the unambiguous links are made: (root, candidate roots, evidence
        # prefix, whether even a single candidate needs the context's support).
        self.deferred: list[tuple[int, list[int], str, bool]] = []
        # Full forms per group root, kept up to date by _link (a popular group gains members
        # one by one; recomputing its forms each time would make the pass quadratic).
        self._full: dict[int, set[tuple[str, ...]]] = {}
        self._doc_index: dict[str, list[int]] | None = None

    def run(self) -> UnionFind:
        self.same_name()
        self.type_vote()
        self.acronyms()
        self.surnames()
        self.tails()
        self.by_context()
        self.single_names()
        return self.uf

    def name_of(self, root: int) -> str:
        return self.entities[self.uf.seed[self.uf.find(root)]].name

    # -- pass 1 ------------------------------------------------------------------------------
    def same_name(self) -> None:
        first: dict[tuple[str, str], int] = {}
        uf = self.uf
        find = uf.find
        keyed: dict[tuple[str, str], str | None] = {}

        def name_key(name: str, group: str) -> str | None:
            """The folded key of an entity name (None: no name), once per name."""
            if (name, group) not in keyed:
                form = make_form(name, group)
                keyed[(name, group)] = form.key if form is not None else None
            return keyed[(name, group)]

        # The reason of a join depends only on the key, the first holder and the joining name:
        # the members of a popular group ("U.S.", ~27,000 at 100k) share one Link object.
        reasons: dict[tuple[str, str, str, int, str], Link] = {}

        def reason(key: str, rule: str, shown: str, j: int, name: str, group: str) -> Link:
            memo = (key, rule, shown, j, name)
            link = reasons.get(memo)
            if link is None:
                if rule == "same-name" and not (
                    name_key(name, group) == key and name_key(self.entities[j].name, group) == key
                ):
                    rule = "alias"  # the key came from an alias of one of them
                if rule == "same-article":
                    evidence = f"same-article: {shown} repeats {self.entities[j].doc_id}"
                else:
                    evidence = f"{rule}: {shown!r} = {self.entities[j].name!r}"
                link = reasons[memo] = Link(rule, evidence)
            return link

        # A popular actor's entities share one profile and one attributes object (both cached
        # at loading): their name and place keys are listed once per object.
        by_profile: dict[int, list[tuple[str, str, str]]] = {}
        by_attributes: dict[int, list[tuple[str, str, str]]] = {}
        for i, (e, p) in enumerate(zip(self.entities, self.profiles, strict=True)):
            keys = by_profile.get(id(p))
            if keys is None:
                keys = [(f.key, "same-name", f.raw) for f in p.full]
                if p.acronym_only:
                    keys += [(a, "same-name", a.upper()) for a in sorted(p.acronyms)]
                by_profile[id(p)] = keys
            if e.attributes:
                places = by_attributes.get(id(e.attributes))
                if places is None:
                    places = by_attributes[id(e.attributes)] = [
                        (k, "place-id", k) for k in place_ids(e)
                    ]
                if places:
                    keys = keys + places
            copy = copy_key(e)
            if copy is not None:  # the same article stored again under another id
                keys = [*keys, (copy, "same-article", e.doc_id)]
            # Unions only ever join the current entity to an earlier one, so until its first
            # join it is a group of its own: that join is an ``attach`` (no find, no size test).
            alone = True
            for key, rule, shown in keys:
                j = first.setdefault((p.group, key), i)
                if j == i:
                    continue  # the first holder of the key: still alone
                if alone:
                    uf.attach(i, j, reason(key, rule, shown, j, e.name, p.group))
                    alone = False
                elif find(i) != find(j):  # a union of one group would record nothing
                    link = reason(key, rule, shown, j, e.name, p.group)
                    uf.union(i, j, link.rule, link.evidence)

    def type_vote(self) -> None:
        """Join doc-entities whose multi-word full name is typed otherwise by most articles."""
        r = rules()
        if not r.type_vote_share or len(r.type_vote_groups) < 2:
            return
        seen: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for i, p in enumerate(self.profiles):
            if p.group in r.type_vote_groups:
                for f in p.full:
                    if len(f.tokens) > 1 and person_like(f.raw):
                        seen[f.key][p.group].append(i)
        for key in sorted(k for k, by_type in seen.items() if len(by_type) > 1):
            by_type = seen[key]
            total = sum(len(v) for v in by_type.values())
            major = max(sorted(by_type), key=lambda g: len(by_type[g]))
            if len(by_type[major]) < r.type_vote_share * total:
                continue
            target = by_type[major][0]
            for g, members in sorted(by_type.items()):
                if g == major:
                    continue
                for i in members:
                    self.uf.union(
                        i,
                        target,
                        "type-vote",
                        f"type-vote: {key!r} is {major} in {len(by_type[major])} of {total} "
                        f"articles, {g} here",
                    )

    # -- pass 2 ------------------------------------------------------------------------------
    def acronyms(self) -> None:
        index: dict[tuple[str, str], set[int]] = defaultdict(set)
        declared: dict[tuple[str, str], set[int]] = defaultdict(set)
        for i, p in enumerate(self.profiles):
            if not p.full:
                continue
            for f in p.full:
                for a in initials(f.tokens):
                    index[(p.group, a)].add(i)
            for a in p.acronyms:  # declared in an article beside a full name
                index[(p.group, a)].add(i)
                declared[(p.group, a)].add(i)
        # One decision per acronym-only group (after pass 1 all "GM"-only entities are one).
        todo: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(self.profiles):
            if p.acronym_only:
                todo[self.uf.find(i)].append(i)
        for first in sorted(todo):
            members = todo[first]
            group = self.profiles[first].group
            root = self.uf.find(first)
            found = False
            for a in sorted({a for m in members for a in self.profiles[m].acronyms}):
                cands = sorted({self.uf.find(j) for j in index.get((group, a), ())} - {root})
                if not cands:
                    continue
                # An acronym an article declares beside a full name beats initials that merely
                # fit ("GM" declared for General Motors vs a typo "General Motor").
                # Initials alone are weak evidence across articles (SEC is also Japan's
                # Securities Exchange Council): without a declaration, the story context must
                # support the one candidate too.
                said = sorted({self.uf.find(j) for j in declared.get((group, a), ())} - {root})
                if said:
                    self._pick(root, said, f"acronym: {a.upper()} = ")
                else:
                    self.deferred.append((root, cands, f"acronym: {a.upper()} = ", True))
                found = True
                break
            if not found:
                self._same_article_acronym(root, members)

    def _same_article_acronym(self, root: int, members: list[int]) -> None:
        """Fallback: the one full name in the acronym's own articles it loosely abbreviates."""
        group = self.profiles[root].group
        cands: dict[int, tuple[str, str]] = {}
        for i in members:
            # Shorter acronyms abbreviate nothing loosely ("US" of a popular place's members).
            acronyms = [a for a in self.profiles[i].acronyms if len(a) >= LOOSE_MIN]
            if not acronyms:
                continue
            for j in self._by_doc().get(self.entities[i].doc_id, ()):
                p = self.profiles[j]
                if p.group != group or self.uf.find(j) == root:
                    continue
                for a in acronyms:
                    for f in p.full:
                        if loose_acronym(a, f.tokens):
                            cands[self.uf.find(j)] = (a, f.raw)
            if len(cands) > 1:
                return  # candidates are only ever added: no single one is left
        if len(cands) == 1:
            ((target, (a, raw)),) = cands.items()
            self.uf.union(root, target, "acronym", f"acronym (same article): {a.upper()} ~ {raw!r}")

    def _by_doc(self) -> dict[str, list[int]]:
        if self._doc_index is None:
            self._doc_index = {}
            for j, ent in enumerate(self.entities):
                self._doc_index.setdefault(ent.doc_id, []).append(j)
        return self._doc_index

    # -- pass 3 ------------------------------------------------------------------------------
    def surnames(self) -> None:
        self.short_forms("PERSON", prefix=False, rule="surname")
        self.short_forms("ORG", prefix=True, rule="short-name")

    def short_forms(self, group: str, *, prefix: bool, rule: str) -> None:
        """Link groups known only by a part of one other group's full name.

        PERSON: word-suffixes ("García Luna" of "Genaro García Luna"). ORG: word-prefixes whose
        dropped words are letters only ("Northrop" of "Northrop Grumman", never "Airbus" of
        "Airbus A380"), and only when the short group is not mentioned more often than the full
        one: a well-known short name ("Boeing") is its own entity, not a truncation, and never
        has a legal form: "Siemens AG" is the parent company, not short for "Siemens Public
        Switching Systems Inc".
        """
        parts: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for i, p in enumerate(self.profiles):
            if p.group != group:
                continue
            for f in p.full:
                for k in range(1, len(f.tokens)):
                    if not prefix:
                        parts[f.tokens[k:]].add(i)
                        # A paternal surname alone ("Aldana" of "Rodrigo Aldana Ferrer").
                        parts[f.tokens[k : k + 1]].add(i)
                    elif all(t.isalpha() for t in f.tokens[k:]):
                        parts[f.tokens[:k]].add(i)
        order = []
        for i, p in enumerate(self.profiles):
            if p.group != group or not (p.full or p.partial):
                continue
            top = max((*p.full, *p.partial), key=lambda f: (len(f.tokens), f.key))
            if top.tokens in parts:
                order.append((-len(top.tokens), top.key, i))
        done: set[int] = set()
        for _, _, i in sorted(order):
            root = self.uf.find(i)
            if root in done:
                continue
            done.add(root)
            if prefix and self._has_legal_form(root):
                continue  # "Siemens AG" is the whole company, not short for a longer name
            forms = self._forms(root)
            longest = max(forms, key=lambda t: (len(t), t))
            cands = sorted(
                c
                for c in {self.uf.find(j) for j in parts.get(longest, ())} - {root}
                if self._fits(forms, c, prefix)
                and (not prefix or self._mentions(root) <= self._mentions(c))
            )
            if cands:
                self._pick(root, cands, f"{rule}: {' '.join(longest)!r} of ")

    def _has_legal_form(self, root: int) -> bool:
        """Whether some name of the group carried a legal form that matching dropped."""
        return any(
            fold(f.raw).split()[-1:] != list(f.tokens[-1:])
            for m in self.uf.group(root)
            for f in self.profiles[m].full
        )

    def _mentions(self, root: int) -> int:
        return sum(self.entities[m].n_mentions or 1 for m in self.uf.group(root))

    def _forms(self, root: int) -> set[tuple[str, ...]]:
        out: set[tuple[str, ...]] = set()
        for m in self.uf.group(root):
            p = self.profiles[m]
            out.update(f.tokens for f in (*p.full, *p.partial))
        return out

    def _fits(self, forms: set[tuple[str, ...]], cand: int, prefix: bool) -> bool:
        """Every name of the short group is a word-suffix (ORG: prefix) of a full name of
        ``cand``; for people a single word may also be a middle surname (Spanish naming)."""
        full = self._full_forms(cand)
        if prefix:
            return all(
                t in full or any(len(c) > len(t) and c[: len(t)] == t for c in full) for t in forms
            )
        return all(
            t in full
            or any(
                len(c) > len(t) and (c[-len(t) :] == t or (len(t) == 1 and t[0] in c[1:]))
                for c in full
            )
            for t in forms
        )

    def tails(self) -> None:
        """Link ORG groups that are a part of one other ORG name of their own articles
        ("Exchange Commission", "the Bank"; see ``tails.py``), and not mentioned more often."""
        by_doc = self._by_doc()
        todo: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(self.profiles):
            if p.group == "ORG" and not p.acronyms:
                todo[self.uf.find(i)].append(i)
        for first in sorted(todo):
            root = self.uf.find(first)
            targets: dict[int, str] = {}
            for i in todo[first]:
                found = part_of(i, self.entities, self.profiles, by_doc[self.entities[i].doc_id])
                for j, evidence in found.items():
                    targets.setdefault(self.uf.find(j), evidence)
            targets.pop(root, None)
            if len(targets) == 1:
                ((target, evidence),) = targets.items()
                # A name of its own ("Boeing") said more often than the longer one is no part;
                # a generic form is a part whatever its count.
                named = any(self.profiles[m].full for m in self.uf.group(root))
                if not named or self._mentions(root) <= self._mentions(target):
                    self._link(root, target, evidence, " (same article)")

    # -- pass 4 ------------------------------------------------------------------------------
    def single_names(self) -> None:
        # One-word names that end some full PERSON name are surnames: never merged by name alone.
        surnames = {
            f.tokens[-1]
            for p in self.profiles
            if p.group == "PERSON"
            for f in p.full
            if len(f.tokens) > 1
        }
        first: dict[str, int] = {}
        for i, p in enumerate(self.profiles):
            if p.group != "PERSON" or p.full or len(p.partial) != 1:
                continue
            key = p.partial[0].key
            if not self._bare(i, key):
                continue  # already linked to a full name
            j = first.setdefault(key, i)
            if j != i and key not in surnames:
                self.uf.union(i, j, "single-name", f"single-name: {p.partial[0].raw!r}")

    def _bare(self, i: int, key: str) -> bool:
        """Whether every member of ``i``'s group is known by the one-word name ``key`` only
        (copies of an article are one group, and still a bare name; a group's size says nothing)."""
        for m in self.uf.group(i):
            p = self.profiles[m]
            if p.full or p.acronyms or len(p.partial) != 1 or p.partial[0].key != key:
                return False
        return True

    # -- shared --------------------------------------------------------------------------------
    def _pick(self, root: int, cands: list[int], evidence: str) -> int | None:
        """Link ``root`` to its only candidate; defer a choice between several to the context."""
        if len(cands) > 1:
            self.deferred.append((root, cands, evidence, False))
            return None
        self._link(root, cands[0], evidence, "")
        return cands[0]

    def _link(self, root: int, target: int, evidence: str, why: str) -> None:
        rule = evidence.split(":", 1)[0]
        a, b = self.uf.find(root), self.uf.find(target)
        forms_a, forms_b = self._full.pop(a, None), self._full.pop(b, None)
        self.uf.union(root, target, rule, f"{evidence}{self.name_of(target)!r}{why}")
        if forms_b is not None:
            self._full[self.uf.find(b)] = forms_b | (
                forms_a if forms_a is not None else self._collect_full(a)
            )

    def _full_forms(self, root: int) -> set[tuple[str, ...]]:
        forms = self._full.get(root)
        if forms is None:
            forms = self._full[root] = self._collect_full(root)
        return forms

    def _collect_full(self, root: int) -> set[tuple[str, ...]]:
        return {f.tokens for m in self.uf.group(root) for f in self.profiles[m].full}

    def by_context(self) -> None:
        """Settle the deferred ambiguous short forms by story context (see ``context.py``)."""
        if not self.deferred:
            return
        context = StoryContext(self.entities, self.uf, self.comp, {})
        snap = context.root
        if callable(self.outside):  # read only the articles the context will look at
            docs: set[str] = set()
            for root, cands, _, _ in self.deferred:
                for x in (root, *cands):
                    docs.update(context.docs.get(snap[x], ()))
            context.outside = self.outside(docs)
        else:
            context.outside = self.outside
        for root, cands, evidence, need_support in self.deferred:
            r = snap[root]
            options = sorted({snap[c] for c in cands} - {r})
            if not options:
                continue
            if len(options) == 1 and not need_support:
                chosen: tuple[int, str] | None = (options[0], "")
            else:
                chosen = context.choose(r, options, self.name_of, strict=need_support)
                if chosen is not None:
                    chosen = (chosen[0], f" ({chosen[1]})")
            if chosen is not None:
                self._link(root, chosen[0], evidence, chosen[1])


def person_like(raw: str) -> bool:
    """Whether a multi-word name may be a person's: no generic organisation word or legal form
    ("Reagan Administration", "Walt Disney Co" are organisations whatever the NER said)."""
    r = rules()
    return not any(t in r.generic or t in r.legal_forms for t in fold(raw).split())
