"""The word lists the actors stage reads, loaded once per process from ``model/data/actors_*``.

Role nouns, honorifics, pronouns, organisation suffixes and heads, name particles and demonyms are
data we maintain, not literals in code; this module only turns them into lookup tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsgraph.model.data import load_lines, load_tsv


@dataclass(frozen=True)
class RoleNoun:
    noun: str
    kind: str  # official | legal | security | business | media | other | family
    gender: str | None
    generic: bool  # "the <noun>" may restate any role of this kind ("the former official")


@dataclass(frozen=True)
class Pronoun:
    text: str
    gender: str  # m | f | n
    case: str  # subj | obj | poss | refl
    types: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, RoleNoun]  # single words and multiword titles, lower case
    multiword_roles: tuple[tuple[str, ...], ...]  # longest first
    honorifics: dict[str, str | None]  # word -> gender
    title_abbrevs: dict[str, str]  # "sen" -> "senator"
    pronouns: dict[str, Pronoun]
    org_suffixes: frozenset[str]
    org_heads: frozenset[str]
    person_nouns: frozenset[str]  # nouns for an unnamed person besides role nouns ("source")
    not_names: frozenset[str]  # words in no actor's name ("Shr", "cts", "vs")
    kickers: frozenset[str]  # story labels in capitals before a colon ("PROFILE:")
    not_org_heads: frozenset[str]  # last words of non-organisations typed ORG ("tax")
    particles: frozenset[str]
    acronym_stopwords: frozenset[str]
    role_verbs: frozenset[str]
    place_prepositions: frozenset[str]  # "in", "from": their object reads as a place
    demonyms: dict[str, str]  # folded demonym -> ISO country code
    place_aliases: dict[str, str]  # folded name -> ISO country code

    def role(self, word: str) -> RoleNoun | None:
        return self.roles.get(word.lower().rstrip("."))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All actor word lists (read once per process)."""
    from newsgraph.pipeline.stages.actors.names import fold

    roles = {
        r["noun"]: RoleNoun(r["noun"], r["kind"], r["gender"] or None, r["generic"] == "1")
        for r in load_tsv("actors_role_nouns.tsv")
    }
    multi = sorted(
        (tuple(n.split()) for n in roles if " " in n), key=lambda t: len(t), reverse=True
    )
    pronouns = {
        r["pronoun"]: Pronoun(
            r["pronoun"], r["gender"], r["case"], frozenset(r["types"].split(","))
        )
        for r in load_tsv("actors_pronouns.tsv")
    }
    return Lexicon(
        roles=roles,
        multiword_roles=tuple(multi),
        honorifics={r["word"]: (r["gender"] or None) for r in load_tsv("actors_honorifics.tsv")},
        title_abbrevs={r["abbrev"]: r["role"] for r in load_tsv("actors_title_abbrevs.tsv")},
        pronouns=pronouns,
        org_suffixes=frozenset(load_lines("actors_org_suffixes.txt")),
        org_heads=frozenset(load_lines("actors_org_heads.txt")),
        person_nouns=frozenset(load_lines("actors_person_nouns.txt")),
        not_names=frozenset(load_lines("actors_not_names.txt")),
        kickers=frozenset(load_lines("actors_kickers.txt")),
        not_org_heads=frozenset(load_lines("actors_not_org_heads.txt")),
        particles=frozenset(load_lines("actors_name_particles.txt")),
        acronym_stopwords=frozenset(load_lines("actors_acronym_stopwords.txt")),
        role_verbs=frozenset(load_lines("actors_role_verbs.txt")),
        place_prepositions=frozenset(load_lines("actors_place_prepositions.txt")),
        demonyms={fold(r["demonym"]): r["country"] for r in load_tsv("actors_demonyms.tsv")},
        place_aliases={fold(r["name"]): r["country"] for r in load_tsv("actors_place_aliases.tsv")},
    )
