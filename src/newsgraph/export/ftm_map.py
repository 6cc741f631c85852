"""How our records become FollowTheMoney entities (the ``ftm`` export), one function per record.

* An actor becomes a Person (PERSON), a PublicBody (an ORG whose name holds a word of
  ``export_ftm_public_bodies.txt``; a GPE that acts — a source or target of an event, a speaker or
  target of a claim — as a state does), an Organization (other ORGs), a Territory (a GPE that only
  situates, when its name is a country's) or an Address (other places: GPE, LOC, FAC). Other
  types (NORP, …) are not actors FtM models and are left out.
* An article becomes an Article with its text (``bodyText``), date, title, URL and publisher; each
  actor it mentions, a Documentation linking the two.
* An event becomes an Event (name, date, organiser = its sources, involved = its parties, the
  sentence as description, the article as proof) and, per directed pair of actors, an UnknownLink
  (subject acts on object; role = the PLOVER type).
* A claim becomes an UnknownLink per target (the speaker speaks about the target; role = the cue,
  status = the claim's status, description = what was said), or, with no target, a Documentation
  of the speaker in the article.

Ids are derived from ours (``ng-`` + document, record and canonical entity ids), so re-exporting
gives the same ids and Aleph updates rather than duplicates.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from newsgraph.model.data import load_lines
from newsgraph.query.common import fold

# FtM entity ids: letters, digits and "-" (FtM allows "." but reads what follows it as a
# namespace signature), starting and ending with a letter or digit.
_SAFE = re.compile(r"[0-9a-zA-Z]([0-9a-zA-Z-]*[0-9a-zA-Z])?")
LEGAL = model.get("LegalEntity")
NAME_CHARS = 120  # an Event's name: the start of its sentence when nothing shorter fits


def ftm_id(*parts: str) -> str:
    """``ng-`` and the parts joined by ``-`` (``_`` written ``-``: ``ce_1a2b`` → ``ce-1a2b``); a
    part that is not a plain token (an actor id before resolution, ``PERSON/vera kessel``) is
    replaced by a hash of it."""
    out = []
    for part in parts:
        token = part.replace("_", "-")
        out.append(
            token if _SAFE.fullmatch(token) else hashlib.sha1(part.encode()).hexdigest()[:20]
        )
    return "ng-" + "-".join(out)


@cache
def _public_words() -> frozenset[str]:
    return frozenset(load_lines("export_ftm_public_bodies.txt"))


def actor_schema(type_: str, name: str, acts: bool) -> str | None:
    """The FtM schema of an actor of our ``type_`` (None: not exported)."""
    t = (type_ or "").upper()
    if t == "PERSON":
        return "Person"
    if t == "ORG":
        words = set(fold(name).split())
        return "PublicBody" if words & _public_words() else "Organization"
    if t == "GPE":
        if acts:
            return "PublicBody"
        return "Territory" if registry.country.clean(name) else "Address"
    if t in ("LOC", "FAC"):
        return "Address"
    return None


@dataclass(frozen=True)
class Actor:
    """An exported actor: its FtM id and schema (references check the schema's range)."""

    id: str
    schema: str

    @property
    def legal(self) -> bool:
        schema = model.get(self.schema)
        return schema is not None and schema.is_a(LEGAL)


def _make(schema: str, id_: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = id_
    return proxy


def actor_entity(
    node: str,
    name: str,
    type_: str,
    acts: bool,
    aliases: Iterable[str] = (),
    attributes: dict[str, Any] | None = None,
) -> EntityProxy | None:
    schema = actor_schema(type_, name, acts)
    if schema is None:
        return None
    proxy = _make(schema, ftm_id(node))
    attributes = attributes or {}
    if schema == "Address":
        proxy.add("full", name)
    else:
        proxy.add("name", name)
        proxy.add("alias", [a for a in aliases if fold(a) != fold(name)])
    if schema in ("Territory", "Address", "PublicBody") and (type_ or "").upper() == "GPE":
        proxy.add("country", registry.country.clean(name))
    if schema == "Person":
        gender = {"m": "male", "f": "female"}.get(str(attributes.get("gender", "")))
        proxy.add("gender", gender)
    descriptions = attributes.get("descriptions")
    if isinstance(descriptions, list) and schema != "Address":
        proxy.add("description", [str(d) for d in descriptions[:10]])
    proxy.add("notes", f"newsgraph actor {node} ({type_})")
    return proxy


@dataclass(frozen=True)
class ArticleInfo:
    doc_id: str
    date: str
    title: str | None
    url: str | None
    source: str | None
    text: str

    @property
    def ftm_id(self) -> str:
        return ftm_id("doc", self.doc_id)

    def sentence(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        return " ".join(self.text[start:end].split())


def article_entity(a: ArticleInfo) -> EntityProxy:
    proxy = _make("Article", a.ftm_id)
    title = a.title or " ".join(a.text[:80].split())
    proxy.add("name", title)
    proxy.add("title", a.title)
    proxy.add("bodyText", a.text)
    proxy.add("publishedAt", a.date)
    proxy.add("sourceUrl", a.url)
    proxy.add("publisher", a.source)
    proxy.add("language", "eng")
    return proxy


def documentation(
    a: ArticleInfo, actor: Actor, role: str, key: str, **props: str | None
) -> EntityProxy:
    """A Documentation of ``actor`` in the article ``a``; ``key`` makes its id unique."""
    proxy = _make("Documentation", ftm_id("docu", a.doc_id, key))
    proxy.add("document", a.ftm_id)
    proxy.add("entity", actor.id)
    proxy.add("role", role)
    for prop, value in props.items():
        proxy.add(prop, value)
    return proxy


def _record_date(value: str | None, fallback: str) -> str:
    """A DateRef value FtM can hold (ISO prefix), else the article's date."""
    m = re.match(r"^\d{4}(-\d{2}(-\d{2})?)?", value or "")
    return m.group(0) if m else fallback


@dataclass(frozen=True)
class EventInfo:
    doc_id: str
    id: str
    type: str
    mode: str | None
    modality: str
    date: str | None
    sentence: str
    sources: list[Actor]
    targets: list[Actor]
    reciprocal: bool
    place: str | None
    confidence: float | None


def event_entities(a: ArticleInfo, ev: EventInfo, names: dict[str, str]) -> list[EntityProxy]:
    """The Event and one UnknownLink per directed pair of its actors."""
    day = _record_date(ev.date, a.date)
    label = ev.type + (f" ({ev.mode})" if ev.mode else "")
    src = ", ".join(names.get(x.id, "") for x in ev.sources if names.get(x.id))
    tgt = ", ".join(names.get(x.id, "") for x in ev.targets if names.get(x.id))
    arrow = " ↔ " if ev.reciprocal else " → "
    who = arrow.join(p for p in (src, tgt) if p)
    event = _make("Event", ftm_id("event", ev.doc_id, ev.id))
    event.add("name", f"{label}: {who}" if who else f"{label}: {ev.sentence[:NAME_CHARS]}")
    event.add("date", day)
    event.add("description", ev.sentence)
    event.add("organizer", [x.id for x in ev.sources if x.legal and not ev.reciprocal])
    event.add("involved", [x.id for x in ev.sources + ev.targets if x.legal])
    event.add("location", ev.place)
    event.add("proof", a.ftm_id)
    event.add("sourceUrl", a.url)
    event.add("recordId", f"{ev.doc_id}/{ev.id}")
    event.add("keywords", [ev.type, ev.mode, ev.modality])
    event.add("summary", _summary(ev.modality, ev.confidence))
    out = [event]
    if ev.reciprocal:
        parties = list(dict.fromkeys(ev.sources + ev.targets))
        pairs = [(s, t) for i, s in enumerate(parties) for t in parties[i + 1 :]]
    else:
        pairs = [(s, t) for s in ev.sources for t in ev.targets if s.id != t.id]
    for k, (s, t) in enumerate(pairs, 1):
        link = _make("UnknownLink", ftm_id("link", ev.doc_id, ev.id, str(k)))
        link.add("subject", s.id)
        link.add("object", t.id)
        link.add("role", label)
        link.add("status", ev.modality)
        link.add("date", day)
        link.add("description", ev.sentence)
        link.add("proof", a.ftm_id)
        link.add("sourceUrl", a.url)
        link.add("recordId", f"{ev.doc_id}/{ev.id}")
        out.append(link)
    return out


def _summary(status: str, confidence: float | None) -> str:
    conf = f", confidence {confidence:.2f}" if confidence is not None else ""
    return f"{status}{conf} (extracted by newsgraph, not reviewed)"


@dataclass(frozen=True)
class ClaimInfo:
    doc_id: str
    id: str
    cue: str
    status: str
    date: str | None
    content: str
    sentence: str
    speaker: Actor
    targets: list[Actor]
    confidence: float | None


def claim_entities(a: ArticleInfo, c: ClaimInfo) -> list[EntityProxy]:
    """An UnknownLink per target (speaker → target), or a Documentation of the speaker."""
    day = _record_date(c.date, a.date)
    common = {
        "date": day,
        "description": c.content,
        "summary": _summary(c.status, c.confidence) + f": {c.sentence}",
        "sourceUrl": a.url,
        "recordId": f"{c.doc_id}/{c.id}",
        "status": c.status,
    }
    targets = [t for t in c.targets if t.id != c.speaker.id]
    if not targets:
        return [documentation(a, c.speaker, f"claim: {c.cue}", f"{c.id}", **common)]
    out = []
    for k, t in enumerate(targets, 1):
        link = _make("UnknownLink", ftm_id("claim", c.doc_id, c.id, str(k)))
        link.add("subject", c.speaker.id)
        link.add("object", t.id)
        link.add("role", f"claim: {c.cue}")
        link.add("proof", a.ftm_id)
        for prop, value in common.items():
            link.add(prop, value)
        out.append(link)
    return out
