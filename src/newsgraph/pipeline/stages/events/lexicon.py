"""The event lexicon: PLOVER types, trigger words, cue lists and contexts, read from data files.

Everything language- or ontology-specific lives in ``model/data/events_*``; this module turns those
files into lookup tables once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.model.data import load_toml, load_tsv


@dataclass(frozen=True)
class TriggerSense:
    """What a trigger word means: PLOVER type and mode, and who its subject is."""

    type: str
    mode: str | None
    frame: str  # agent | mutual | undergoer
    rest: tuple[str, ...] = ()  # lemmas of the dependents a multi-word entry needs


@dataclass(frozen=True)
class EventType:
    name: str
    quad: str
    cameo: str
    cooperative: bool
    modes: dict[str, str] = field(default_factory=dict)  # mode -> CAMEO root
    reciprocal: bool = False  # a mutual act of the type is each party's act on the others

    def cameo_for(self, mode: str | None) -> str:
        return self.modes.get(mode or "", self.cameo)


@dataclass(frozen=True)
class Lexicon:
    types: dict[str, EventType]
    aliases: dict[str, str]
    # (lemma, pos) -> senses; multi-word senses are listed under their head word, longest first.
    triggers: dict[tuple[str, str], tuple[TriggerSense, ...]]
    # multi-word nouns matched as lemma sequences ("state of emergency"), longest first.
    noun_phrases: tuple[tuple[tuple[str, ...], TriggerSense], ...]
    cues: dict[str, frozenset[str]]
    reversal: dict[str, tuple[str, str | None]]
    contexts: dict[tuple[str, ...], str]

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def canonical_type(self, name: str) -> str:
        name = name.upper()
        return self.aliases.get(name, name)


def _flatten(prefix: str, table: dict[str, object], out: dict[str, frozenset[str]]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, list):
            out[name] = frozenset(str(v) for v in value)
        elif isinstance(value, dict) and key != "map":
            _flatten(f"{name}.", value, out)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon built from the shipped data files (cached per process)."""
    onto = load_toml("events_types.toml")
    types = {
        name: EventType(
            name=name,
            quad=str(spec["quad"]),
            cameo=str(spec["cameo"]),
            cooperative=bool(spec["cooperative"]),
            modes={str(k): str(v) for k, v in spec.get("modes", {}).items()},
            reciprocal=bool(spec.get("reciprocal", False)),
        )
        for name, spec in onto["types"].items()
    }
    aliases = {str(k): str(v) for k, v in onto.get("aliases", {}).items()}

    triggers: dict[tuple[str, str], list[TriggerSense]] = {}
    phrases: list[tuple[tuple[str, ...], TriggerSense]] = []
    for row in load_tsv("events_triggers.tsv"):
        words = tuple(row["lemma"].lower().split())
        etype = row["type"]
        if etype not in types:
            raise ValueError(f"events_triggers.tsv: unknown type {etype!r}")
        sense = TriggerSense(
            type=etype, mode=row["mode"] or None, frame=row["frame"] or "agent", rest=words[1:]
        )
        if row["pos"] == "N" and len(words) > 1:
            phrases.append((words, sense))
        else:
            triggers.setdefault((words[0], row["pos"]), []).append(sense)
    ordered = {
        key: tuple(sorted(senses, key=lambda s: -len(s.rest))) for key, senses in triggers.items()
    }
    phrases.sort(key=lambda p: -len(p[0]))

    cue_data = load_toml("events_cues.toml")
    cues: dict[str, frozenset[str]] = {}
    _flatten("", cue_data, cues)
    # Ordinary words for people ("woman", "reporter", "hostage") are actors too.
    persons = load_toml("events_senses.toml")["classes"]["persons"]
    cues["actors.nouns"] = cues.get("actors.nouns", frozenset()) | frozenset(persons)
    reversal: dict[str, tuple[str, str | None]] = {}
    for src, dst in cue_data["reversal"]["map"].items():
        dtype, _, dmode = str(dst).partition("/")
        reversal[str(src)] = (dtype, dmode or None)

    contexts = {
        tuple(row["cue"].lower().split()): row["context"] for row in load_tsv("events_contexts.tsv")
    }
    return Lexicon(
        types=types,
        aliases=aliases,
        triggers=ordered,
        noun_phrases=tuple(phrases),
        cues=cues,
        reversal=reversal,
        contexts=contexts,
    )
