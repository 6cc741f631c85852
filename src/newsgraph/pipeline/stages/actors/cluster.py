"""Grouping one article's name mentions into entities.

People are clustered by name form, most complete names first: a shorter form joins the one person
whose name it is a strong sub-form of (``names.strong_match``); a form that fits several people
("Smith" with John Smith and Mary Smith about) is kept apart, flagged ambiguous. Types must agree,
except for evident NER errors: a multiword ORG/GPE span that is a sub-form of a person's name
("López Obrador" tagged ORG) and an acronym that spells a person's or organisation's initials
("AMLO") are moved to that entity. Organisations match on names without legal suffixes, places
and groups on folded names. An acronym in parentheses right after a name whose initials it
follows is that name's alias ("Barclays de Zoete Wedd (BZW)").
"""

from __future__ import annotations

from collections import defaultdict

from newsgraph.pipeline.stages.actors.lexicon import Lexicon
from newsgraph.pipeline.stages.actors.names import (
    Key,
    acronym_of,
    first_name_match,
    fold,
    initials,
    initials_in_order,
    looks_like_acronym,
    name_key,
    strong_match,
)
from newsgraph.pipeline.stages.actors.places import city_population, names_a_region
from newsgraph.pipeline.stages.actors.state import Ent, Ment, Work

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# A city this large is a place even when a person of the article bears its name ("Washington"
# after "George Washington"); smaller towns share their names with many families.
BIG_CITY = 100_000


class _Clusterer:
    def __init__(self, work: Work, names: list[Ment], lex: Lexicon) -> None:
        self.work = work
        self.lex = lex
        self.names = names
        self.keys = {id(m): name_key(m.name_words(work.doc)) for m in names}
        self.assign: dict[int, int] = {}  # id(mention) -> entity index
        self.people: list[int] = []
        self.others: dict[tuple[str, Key], int] = {}
        # name mentions by end token, and by the initials they spell (built on the first
        # acronym): an acronym looks up the names it may stand for instead of scanning all
        self._by_end: dict[int, list[Ment]] | None = None
        self._by_initials: dict[str, list[Ment]] = {}

    def new(self, type_: str) -> int:
        self.work.entities.append(Ent(type=type_))
        return len(self.work.entities) - 1

    def key_of(self, m: Ment) -> Key:
        return self.keys[id(m)]

    # -- people ---------------------------------------------------------------------------
    def harmonise_types(self) -> None:
        """ORG spans that the same article elsewhere tags as a person: "Aldana" tagged ORG once
        and PERSON once; "Rodrigo Aldana Ferrer" tagged ORG while "Aldana" is a PERSON."""
        first_seen: dict[Key, int] = {}
        for m in self.names:
            if m.type == "PERSON" and self.key_of(m):
                first_seen.setdefault(self.key_of(m), m.start)
        for m in self.names:
            key = self.key_of(m)
            if m.type != "ORG" or m.kind != "name" or not key or self._org_words(key):
                continue
            shorter = {pk for pk in first_seen if len(pk) < len(key) and strong_match(pk, key)}
            # a lone surname after the full name ("Quesada" tagged ORG after "Ramiro Quesada")
            longer = {
                pk
                for pk, at in first_seen.items()
                if len(pk) > len(key) and at < m.start and strong_match(key, pk)
            }
            if key in first_seen or (len(key) >= 2 and len(shorter) == 1) or len(longer) == 1:
                m.type = "PERSON"
        self.surnames_typed_as_places(first_seen)
        self.short_forms_of_orgs()

    def surnames_typed_as_places(self, first_seen: dict[Key, int]) -> None:
        """A one-word place span that is the surname of exactly one person named in full
        earlier ("accusations against Villalba" after "President Ernesto Villalba Cruz") is that
        person, unless it reads as a place (``_reads_as_place``) or starts an organisation's
        name in the article. The same word tagged PERSON once and GPE once is no evidence
        either way ("Easter"), so a full name must come first."""
        # "Rexnord" beside "Rexnord Corp": a company's short name, whatever else the NER thinks
        org_starts = {
            self.key_of(o)[:1] for o in self.names if o.type == "ORG" and len(self.key_of(o)) > 1
        }
        for m in self.names:
            key = self.key_of(m)
            if m.type not in PLACE_TYPES or m.kind != "name" or len(key) != 1:
                continue
            if self._org_words(key):
                continue
            longer = {
                pk
                for pk, at in first_seen.items()
                if len(pk) > len(key) and at < m.start and strong_match(key, pk)
            }
            if len(longer) != 1 or key in org_starts:
                continue
            if self._reads_as_place(m):
                continue
            m.type = "PERSON"

    def _reads_as_place(self, m: Ment) -> bool:
        """Is a place-typed one-word span a place whatever the article's people are called: the
        object of "in"/"from"/… (``actors_place_prepositions.txt``), a country, state or
        nationality, or a city of ``BIG_CITY`` people or more ("Washington", "Houston")? A
        small town's name is no evidence: many surnames are some town's name ("Quesada")."""
        doc = self.work.doc
        last = doc[m.end - 1]
        if last.dep_ == "pobj" and last.head.lower_ in self.lex.place_prepositions:
            return True
        surface = m.text(doc)
        if names_a_region(surface, self.lex):
            return True
        return city_population(surface) >= BIG_CITY

    def short_forms_of_orgs(self) -> None:
        """A PERSON or NORP span that is an organisation's name given earlier without its legal
        suffix ("Greenlawn" after "Greenlawn Corp") or its start ("Fairchild" after "Fairchild
        Semiconductor Corp"; PERSON only), and no person's name nor a nationality, is that
        organisation."""
        # each organisation name once, with where it first comes: "named before m" asks no more
        orgs: dict[Key, int] = {}
        for m in self.names:
            if m.type == "ORG" and m.kind == "name" and self.key_of(m):
                orgs.setdefault(self.org_key(self.key_of(m)), m.start)
        person_keys = {self.key_of(m) for m in self.names if m.type == "PERSON"}
        for m in self.names:
            key = self.key_of(m)
            if m.type not in ("PERSON", "NORP") or m.kind != "name" or not key:
                continue
            if m.nickname or m.titles or names_a_region(" ".join(key), self.lex):
                continue
            if any(len(pk) > len(key) and strong_match(key, pk) for pk in person_keys):
                continue
            longer = {
                ok
                for ok, at in orgs.items()
                if at < m.start
                # a NORP only as the whole name: "European" is no short "European Union"
                and (ok == key or (m.type == "PERSON" and self._starts(ok, key)))
                # "Reagan" after "the Reagan administration" is the person it is named after
                and not (m.type == "PERSON" and self._named_after(ok, key))
            }
            if len(longer) == 1:
                m.type = "ORG"

    def _org_words(self, key: Key) -> bool:
        return any(k in self.lex.org_heads or k in self.lex.org_suffixes for k in key)

    def people_pass(self) -> None:
        by_key: dict[Key, list[Ment]] = defaultdict(list)
        for m in self.names:
            if m.type == "PERSON" and self.key_of(m) and m.kind != "acronym":
                by_key[self.key_of(m)].append(m)
        for key in sorted(by_key, key=lambda k: (-len(k), by_key[k][0].start)):
            strong, weak = self.person_candidates(key, by_key[key][0].start)
            if len(strong) == 1:
                e = strong.pop()
            elif not strong and len(weak) == 1:
                e = weak.pop()
            else:
                e = self.new("PERSON")
                self.people.append(e)
                self.work.entities[e].ambiguous = len(strong) > 1
            ent = self.work.entities[e]
            if key not in ent.keys:
                ent.keys.append(key)
            ent.mentions_pending.extend(by_key[key])
            for m in by_key[key]:
                self.assign[id(m)] = e
                if m.nickname:
                    nick = self.work.doc[m.nickname[0] : m.nickname[1]].text
                    if nick not in ent.nicknames:
                        ent.nicknames.append(nick)

    def person_candidates(self, key: Key, first: int) -> tuple[set[int], set[int]]:
        """People ``key`` may name. A shorter form must come after a longer form of the same
        person: news introduces people by full name, so a surname used before any full name
        it fits ("Aldana" ... later "his wife, Carmen Ibarra de Aldana") is someone else."""
        strong: set[int] = set()
        weak: set[int] = set()
        for e in self.people:
            ent = self.work.entities[e]
            if ent.ambiguous:
                if key in ent.keys:
                    strong.add(e)
                continue
            introduced = min(
                (m.start for m in ent.mentions_pending if len(self.key_of(m)) > len(key)),
                default=None,
            )
            late = introduced is None or introduced > first
            if late and not any(len(k) == len(key) for k in ent.keys):
                continue
            for k in ent.keys:
                if strong_match(key, k) or strong_match(k, key):
                    strong.add(e)
                elif first_name_match(key, k):
                    weak.add(e)
        return strong, weak

    def retype_to_person(self, m: Ment, key: Key) -> int | None:
        """A multiword ORG/place span that is a sub-form of exactly one person's name."""
        if m.type not in ("ORG", *PLACE_TYPES) or len(key) < 2:
            return None
        if self._org_words(key):
            return None
        hits = {
            e
            for e in self.people
            if not self.work.entities[e].ambiguous
            and any(strong_match(key, k) for k in self.work.entities[e].keys if len(k) > len(key))
        }
        return hits.pop() if len(hits) == 1 else None

    # -- organisations, places, groups ----------------------------------------------------
    def org_key(self, key: Key) -> Key:
        k = list(key)
        while len(k) > 1 and k[-1] in self.lex.org_suffixes:
            k.pop()
        return tuple(k)

    def other_entity(self, m: Ment, key: Key) -> int:
        type_ = m.type or "ORG"
        group = "PLACE" if type_ in PLACE_TYPES else type_
        k = self.org_key(key) if type_ == "ORG" else key
        generic = type_ == "ORG" and len(k) == 1 and k[0] in self.lex.org_heads
        if generic and (e := self.org_short_form(k, m)) is not None:
            return e  # decided at each mention: another bank may come up later
        if (group, k) in self.others:
            return self.others[(group, k)]
        if type_ == "ORG" and not generic:
            e = self.org_short_form(k, m)
            if e is not None:
                self.others[(group, k)] = e
                return e
            # "Sinaloa" ~ "Sinaloa Cartel": the same name with only organisation heads added
            for (g, other), e in self.others.items():
                if g != "ORG":
                    continue
                short, long_ = (k, other) if len(k) < len(other) else (other, k)
                rest = long_[len(short) :]
                if long_[: len(short)] == short and all(w in self.lex.org_heads for w in rest):
                    self.others[(group, k)] = e
                    return e
        e = self.new(type_)
        self.others[(group, k)] = e
        return e

    def _named_after(self, org: Key, name: Key) -> bool:
        """Is ``org`` ``name`` plus organisation heads only ("Reagan administration")?"""
        rest = org[len(name) :]
        return bool(rest) and all(w in self.lex.org_heads for w in rest)

    def _starts(self, long_: Key, short: Key) -> bool:
        """Is ``short`` a proper name at the start of ``long_`` (not a generic word, not a
        country: "Bank", "Ostland" are no short forms of "Bank of Ostland")?"""
        if len(short) >= len(long_) or long_[: len(short)] != short:
            return False
        if all(w in self.lex.org_heads or w in self.lex.org_suffixes for w in short):
            return False
        return not names_a_region(" ".join(short), self.lex)

    def org_short_form(self, k: Key, m: Ment) -> int | None:
        """The one organisation named earlier whose name ``k`` shortens: its start ("Fairchild"
        of "Fairchild Semiconductor Corp") or, two words or more, its end ("Exchange Commission"
        of "Securities and Exchange Commission"); a lone head word, the one organisation
        named with it ("the Bank" of "Bank of Lagonia")."""
        if m.kind != "name":
            return None
        if len(k) == 1 and k[0] in self.lex.org_heads:
            # "the Bank" after "the Bank of Lagonia": the one organisation with that head word
            heads = {
                e
                for (g, other), e in self.others.items()
                if g == "ORG" and k[0] in other and other != k
            }
            return heads.pop() if len(heads) == 1 else None
        hits = set()
        for (g, other), e in self.others.items():
            if g != "ORG" or len(other) <= len(k):
                continue
            tail = len(k) >= 2 and other[-len(k) :] == k
            if self._starts(other, k) or tail:
                hits.add(e)
        return hits.pop() if len(hits) == 1 else None

    # -- acronyms -------------------------------------------------------------------------
    def acronym_entity(self, m: Ment) -> int | None:
        """The entity an acronym stands for: the name right before "(ACR)", else initials."""
        doc = self.work.doc
        text = m.text(doc)
        if self._by_end is None:
            self._index_names()
            assert self._by_end is not None
        if m.start >= 2 and doc[m.start - 1].text in ("(", ","):
            for other in self._by_end.get(m.start - 1, []):
                if id(other) in self.assign:
                    words = other.name_words(doc)
                    if initials_in_order(text, words):
                        return self.assign[id(other)]
        hits: set[int] = set()
        if m.type in (None, "PERSON", "ORG"):
            for e in self.people:
                ent = self.work.entities[e]
                spelled = any(len(k) >= 2 and acronym_of(text, k, ()) for k in ent.keys)
                if spelled and not ent.ambiguous:
                    hits.add(e)
        if m.type in (None, "ORG", "PERSON"):
            for other in self._by_initials.get(text.replace(".", "").upper(), []):
                e2 = self.assign.get(id(other))
                if e2 is None or self.work.entities[e2].type != "ORG":
                    continue
                words = other.name_words(doc)
                if acronym_of(text, words, self.lex.acronym_stopwords):
                    hits.add(e2)
        return hits.pop() if len(hits) == 1 else None

    def _index_names(self) -> None:
        """Name mentions by end token and by their initials (with and without the acronym
        stopwords), in list order: what ``acronym_entity`` looks up."""
        doc = self.work.doc
        self._by_end = {}
        for other in self.names:
            self._by_end.setdefault(other.end, []).append(other)
            words = other.name_words(doc)
            if len(words) < 2:
                continue  # ``acronym_of`` needs two words
            spelled = {initials(words), initials(words, self.lex.acronym_stopwords)}
            for key in spelled:
                self._by_initials.setdefault(key, []).append(other)

    def place_candidate(self, m: Ment, key: Key, nick_index: dict[str, int]) -> None:
        """A proper-noun run the NER missed: a person's name form, or dropped."""
        folded = " ".join(key)
        if folded in nick_index:
            m.kind, m.type = "nickname", "PERSON"
            self.assign[id(m)] = nick_index[folded]
            return
        if len(key) == 1 and any(k[0] == key[0] for (g, k) in self.others if g == "ORG"):
            return  # "Dean" with "Dean Foods" and "Howard Dean" about: could be either
        hits = {
            e
            for e in self.people
            if not self.work.entities[e].ambiguous
            and any(strong_match(key, k) for k in self.work.entities[e].keys)
        }
        if len(hits) == 1:
            m.kind, m.type = "name", "PERSON"
            self.assign[id(m)] = hits.pop()

    def is_acronym(self, m: Ment, key: Key) -> bool:
        if m.kind == "acronym" or m.type is None:
            return True
        return (
            m.type in ("ORG", "PERSON")
            and len(key) == 1
            and looks_like_acronym(m.text(self.work.doc))
        )

    # -- driver ---------------------------------------------------------------------------
    def run(self) -> None:
        self.harmonise_types()
        self.people_pass()
        nick_index = {fold(n): e for e in self.people for n in self.work.entities[e].nicknames}
        acronyms: list[Ment] = []
        for m in self.names:
            key = self.key_of(m)
            if id(m) in self.assign or not key:
                continue
            if m.kind == "candidate":
                self.place_candidate(m, key, nick_index)
                continue
            if self.is_acronym(m, key):
                acronyms.append(m)
                continue
            folded = " ".join(key)
            if folded in nick_index:
                m.kind, m.type = "nickname", "PERSON"
                self.assign[id(m)] = nick_index[folded]
                continue
            person = self.retype_to_person(m, key)
            if person is not None:
                m.type = "PERSON"
                self.assign[id(m)] = person
                continue
            self.assign[id(m)] = self.other_entity(m, key)
        for m in acronyms:
            e = self.acronym_entity(m)
            if e is not None:
                m.kind = "acronym"
            elif m.type is not None:
                e = self.other_entity(m, self.key_of(m))
            if e is None:
                continue  # an unexplained all-capitals word: no evidence it names an actor
            m.type = self.work.entities[e].type
            self.assign[id(m)] = e
        for m in self.names:
            if id(m) in self.assign:
                self.work.add(m, self.assign[id(m)])
        for ent in self.work.entities:
            found = {self.keys[id(m)] for m in ent.mentions if m.kind == "name"}
            ent.keys = sorted(set(ent.keys) | found, key=len, reverse=True)


def cluster(work: Work, names: list[Ment], lex: Lexicon) -> None:
    """Create entities for ``names`` and add every kept mention to ``work``."""
    _Clusterer(work, names, lex).run()
