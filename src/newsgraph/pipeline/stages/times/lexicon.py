"""The words of temporal expressions, read once from ``model/data/times_lexicon.toml``.

Kept as data so that the recogniser's vocabulary can grow without touching the grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.model.data import load_toml


@dataclass(frozen=True)
class Unit:
    name: str
    letter: str
    time: bool
    granularity: str


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, Unit]
    unit_forms: dict[str, str]  # every spelling (singular included) -> unit name
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    refs: dict[str, str]
    sets: dict[str, str]
    day_words: dict[str, int]
    future_lemmas: frozenset[str]
    not_time_after_number: frozenset[str]
    holidays: dict[str, str]
    recogniser_ignore: frozenset[str]
    generic_today_nouns: frozenset[str]
    idioms: tuple[str, ...]
    time_zones: tuple[str, ...]
    far_days: int
    duration_tolerance: float

    def unit(self, word: str) -> Unit | None:
        name = self.unit_forms.get(word.lower().rstrip("."))
        return self.units.get(name) if name else None

    def month(self, word: str) -> int | None:
        return self.months.get(word.lower().rstrip("."))

    def weekday(self, word: str) -> int | None:
        w = word.lower().rstrip(".")
        return self.weekdays.get(w[:-1] if w.endswith("s") and w[:-1] in self.weekdays else w)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_toml("times_lexicon.toml")
    units = {
        name: Unit(name, u["letter"], bool(u.get("time", False)), u["granularity"])
        for name, u in raw["units"].items()
    }
    forms = {name: name for name in units}
    forms.update(raw["unit_forms"])
    return Lexicon(
        months=dict(raw["months"]),
        weekdays=dict(raw["weekdays"]),
        numbers={k: float(v) for k, v in raw["numbers"].items()},
        ordinals=dict(raw["ordinals"]),
        units=units,
        unit_forms=forms,
        seasons=dict(raw["seasons"]),
        parts_of_day=dict(raw["parts_of_day"]),
        refs=dict(raw["refs"]),
        sets=dict(raw["sets"]),
        day_words=dict(raw["day_words"]),
        future_lemmas=frozenset(raw["future_lemmas"]["words"]),
        not_time_after_number=frozenset(raw["not_time_after_number"]["words"]),
        holidays=dict(raw.get("holidays", {})),
        recogniser_ignore=frozenset(raw.get("recogniser_ignore", {}).get("words", [])),
        generic_today_nouns=frozenset(raw.get("generic_today", {}).get("words", [])),
        idioms=tuple(raw.get("idioms", {}).get("phrases", [])),
        time_zones=tuple(raw.get("time_zones", {}).get("words", [])),
        far_days=int(raw["flags"]["far_days"]),
        duration_tolerance=float(raw["flags"]["duration_tolerance"]),
    )


def alternation(
    words: list[str] | set[str] | dict[str, Any],
    *,
    dotted: bool = False,
    full: frozenset[str] = frozenset(),
) -> str:
    """A regex alternation of ``words``, longest first; abbreviations take an optional dot."""
    items = sorted(set(words), key=len, reverse=True)
    parts = []
    for w in items:
        esc = re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[-\\s]?")
        parts.append(esc + (r"\.?" if dotted and len(w) <= 4 and w not in full else ""))
    return "(?:" + "|".join(parts) + ")"
