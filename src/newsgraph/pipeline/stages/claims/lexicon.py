"""The word lists claims are read with, loaded once from ``model/data/claims_*`` files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsgraph.model.data import load_lines, load_toml, load_tsv


@dataclass(frozen=True)
class Cue:
    lemma: str
    status: str
    frame: str  # clause | object (verbs); clause | stance (nouns)
    speech: bool


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    # Nouns with a prepositional or to-infinitive content ("call for…"), with their prepositions.
    noun_objects: dict[str, tuple[Cue, frozenset[str]]]
    adjectives: dict[str, Cue]  # "concerned that…", "eager to…", "skeptical of…"
    hedges: frozenset[str]
    denial_predicates: frozenset[str]
    denied_objects: frozenset[str]
    negators: frozenset[str]
    allegation_markers: frozenset[str]
    channels: dict[str, str]
    intermediary_verbs: frozenset[str]
    establishing_heads: frozenset[str]
    refusal_verbs: frozenset[str]
    readiness_adjectives: frozenset[str]
    unreadiness_adjectives: frozenset[str]
    intent_verbs: frozenset[str]
    information_sources: frozenset[str]
    finding_verbs: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All claim word lists (read once per process)."""
    verbs = {
        r["lemma"]: Cue(r["lemma"], r["status"], r["frame"], r["speech"] == "yes")
        for r in load_tsv("claims_cues.tsv")
    }
    nouns = {
        r["lemma"]: Cue(r["lemma"], r["status"], r["frame"], False)
        for r in load_tsv("claims_nominal_cues.tsv")
    }
    noun_objects = {
        r["lemma"]: (
            Cue(r["lemma"], r["status"], "object", False),
            frozenset(p.strip() for p in r["preps"].split(",") if p.strip()),
        )
        for r in load_tsv("claims_nominal_objects.tsv")
    }
    adjectives = {
        r["lemma"]: Cue(r["lemma"], r["status"], "complement", False)
        for r in load_tsv("claims_adjective_cues.tsv")
    }
    neg = load_toml("claims_negation.toml")
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        noun_objects=noun_objects,
        adjectives=adjectives,
        hedges=frozenset(load_lines("claims_hedges.txt")),
        denial_predicates=frozenset(neg["denial_predicates"]),
        denied_objects=frozenset(neg["denied_objects"]),
        negators=frozenset(neg["negators"]),
        allegation_markers=frozenset(neg["allegation_markers"]),
        channels={r["noun"]: r["channel"] for r in load_tsv("claims_channels.tsv")},
        intermediary_verbs=frozenset(load_lines("claims_intermediaries.txt")),
        establishing_heads=frozenset(load_lines("claims_established.txt")),
        refusal_verbs=frozenset(neg["refusal_verbs"]),
        readiness_adjectives=frozenset(neg["readiness_adjectives"]),
        unreadiness_adjectives=frozenset(neg["unreadiness_adjectives"]),
        intent_verbs=frozenset(neg["intent_verbs"]),
        information_sources=frozenset(neg["information_sources"]),
        finding_verbs=frozenset(neg["finding_verbs"]),
    )
