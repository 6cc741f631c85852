"""Inputs and outputs of cross-document resolution, independent of the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsgraph.resolve.normalize import Form, fold, make_form, rules, type_group


@dataclass
class DocEntity:
    """One doc-level entity with the name forms it is known by in its article.

    ``forms`` counts the name mentions (kinds in ``resolve_rules.toml``) by their exact text;
    ``name`` and ``aliases`` come from the entity record.
    """

    doc_id: str
    entity_id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    forms: dict[str, int] = field(default_factory=dict)
    n_mentions: int = 0
    attributes: dict[str, Any] = field(default_factory=dict)
    doc_hash: str = ""  # hash of the article text: the same text under another id is a copy

    @property
    def key(self) -> str:
        """The anchor a decision uses to point at this entity: ``doc_id/entity_id``."""
        return f"{self.doc_id}/{self.entity_id}"

    def raw_forms(self) -> dict[str, int]:
        """Every surface form with its mention count (declared forms count at least once)."""
        out = dict(self.forms)
        for raw in (self.name, *self.aliases):
            if raw and raw not in out:
                out[raw] = 1
        return out


@dataclass(frozen=True)
class Profile:
    """The matching view of a doc-entity: its folded full, partial and acronym forms."""

    group: str
    full: tuple[Form, ...]  # names that identify the entity on their own
    partial: tuple[Form, ...]  # PERSON forms that are a surname-only part of a fuller form
    acronyms: frozenset[str]  # folded letters of forms written as acronyms

    @property
    def acronym_only(self) -> bool:
        return not self.full and not self.partial and bool(self.acronyms)


def profile(entity: DocEntity) -> Profile:
    """Sort an entity's forms into full names, surname-only parts and acronyms.

    A PERSON form is partial when it is one word or a proper word-suffix of another form of the
    same entity ("García Luna" beside "Genaro García Luna"); partial forms never merge entities on
    their own (two Smiths), they only link to a full name when that is unambiguous.
    """
    group = type_group(entity.type)
    # The keys of entity.raw_forms(), in its order, without building the dict.
    forms = entity.forms
    raws = tuple(forms)
    if entity.name not in forms or entity.aliases:
        extra = [r for r in (entity.name, *entity.aliases) if r and r not in forms]
        if extra:
            raws += tuple(dict.fromkeys(extra))
    return _profile(group, raws)


@lru_cache(maxsize=200_000)
def _profile(group: str, raws: tuple[str, ...]) -> Profile:
    """The profile of the surface forms ``raws`` (in order: the first form of some tokens is
    kept) in a type group. Cached: the same forms recur across thousands of articles ("U.S."),
    and a profile is never modified (shared between entities)."""
    forms: dict[tuple[str, ...], Form] = {}
    acronyms: set[str] = set()
    for raw in raws:
        form = make_form(raw, group)
        if form is None:
            continue
        if form.acronym is not None:
            acronyms.add(form.acronym)
            continue
        forms.setdefault(form.tokens, form)
    full: list[Form] = []
    partial: list[Form] = []
    for tokens, form in sorted(forms.items()):
        if group == "PERSON" and (
            len(tokens) == 1
            or any(len(o) > len(tokens) and o[-len(tokens) :] == tokens for o in forms)
        ):
            partial.append(form)
        else:
            full.append(form)
    return Profile(group, tuple(full), tuple(partial), frozenset(acronyms))


def copy_key(entity: DocEntity) -> str | None:
    """What the entity's copies share: the article text, the entity id, name and type (the same
    article stored again under another id yields the same entities)."""
    if not entity.doc_hash:
        return None
    return f"c|{entity.doc_hash}|{entity.entity_id}|{fold(entity.name)}|{entity.type}"


def place_ids(entity: DocEntity) -> list[str]:
    """Gazetteer ids of a place entity (attributes set by the places stage), as match keys."""
    out = []
    for key in rules().place_id_keys:
        value = entity.attributes.get(key)
        if value not in (None, ""):
            out.append(f"{key}:{value}")
    return out


@dataclass
class Link:
    """Why a doc-entity belongs to its canonical entity."""

    rule: str  # seed | same-name | alias | place-id | type-vote | acronym | surname | short-name
    # | tail | single-name | user-merge | user-split
    evidence: str


@dataclass
class Canonical:
    """One resolved actor across articles."""

    id: str
    name: str
    type: str
    aliases: list[dict[str, Any]]
    n_mentions: int
    n_docs: int
    attributes: dict[str, Any]
    members: list[int]  # indices into the entity list
