"""Typed records of JSON contract v1 (see DESIGN.md and the README's contract section).

Every record that stores a value from an article carries character offsets into ``Document.text``
(Python string indices, end exclusive), so each fact points to the characters that support it.
The contract is public: fields may be added, never renamed or removed.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

CONTRACT_VERSION = 1

# Types ``copy.deepcopy`` returns as they are: ``plain`` passes them through without a call.
_ATOMIC = frozenset({type(None), bool, int, float, complex, str, bytes})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(obj: Any) -> Any:
    """``dataclasses.asdict(obj)`` for a record, equal to it in every value and type, at a
    fraction of its cost: the field names are read once per class, and strings, numbers and
    None are kept as they are (``asdict`` deep-copies each leaf; for these the copy is the
    value itself). Every result of every article goes through this on its way out."""
    cls = type(obj)
    if cls in _ATOMIC:
        return obj
    names = _FIELD_NAMES.get(cls)
    if names is None and dataclasses.is_dataclass(cls):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    if names is not None:
        return {name: plain(getattr(obj, name)) for name in names}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a named tuple, as asdict does
        return cls(*[plain(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return cls(plain(v) for v in obj)
    if isinstance(obj, dict):
        return cls((plain(k), plain(v)) for k, v in obj.items())
    return copy.deepcopy(obj)


# Precision of a publication date, named after the ISO prefix it keeps.
DATE_PRECISIONS = ("year", "month", "day")


@dataclass(frozen=True)
class Repair:
    """One change ingest made to the input text.

    ``start``/``end`` locate ``after`` in the repaired ``Document.text``; ``before`` is what the
    input held there, so the original text can always be rebuilt.
    """

    start: int
    end: int
    before: str
    after: str
    kind: str = "text"  # glued-words | mojibake | whitespace | control-chars | ...


@dataclass(frozen=True)
class Origin:
    """Where a document was read from (not in the contract; kept for failures and provenance)."""

    input: str
    line: int | None = None


@dataclass(frozen=True)
class Document:
    """One dated article, as ingest produced it."""

    id: str
    date: str  # ISO prefix: 2024 | 2024-10 | 2024-09-17
    date_precision: str  # year | month | day
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    repairs: tuple[Repair, ...] = ()
    # Flags raised while reading the input (e.g. glued words too uncertain to repair); the
    # pipeline copies them into ``DocResult.flags``.
    flags: tuple[Flag, ...] = ()
    origin: Origin | None = field(default=None, compare=False)
    # The source's own id (an "id" field in JSONL/CSV); ``id`` stays content-derived.
    source_id: str | None = None
    # Not in the contract: the records already extracted from this document, when the input was
    # a contract v1 record (``newsgraph export --format jsonl``); the engine passes them through
    # instead of reading the text again.
    stored: DocResult | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "date_precision": self.date_precision,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "text": self.text,
            "repairs": [plain(r) for r in self.repairs],
            "source_id": self.source_id,
        }


@dataclass
class Mention:
    id: str
    start: int
    end: int
    text: str
    type: str  # PERSON ORG GPE LOC NORP ...
    entity: str | None = None
    kind: str = "name"  # name | nominal | pronoun | acronym | nickname


@dataclass
class Role:
    title: str
    org: str | None = None  # entity id of the organisation, when known
    of: str | None = None  # entity id of the person/body the role is held under or for
    former: bool = False
    start: str | None = None  # TIMEX3 value when the text dates the role
    end: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Timex:
    id: str
    start: int
    end: int
    text: str
    type: str  # DATE TIME DURATION SET
    value: str
    granularity: str  # year | quarter | month | week | day | hour | minute | second | duration
    anchor: str | None = None  # doc | <timex id> | None for absolute expressions
    flags: list[str] = field(default_factory=list)


@dataclass
class DateRef:
    value: str
    granularity: str
    anchor: str | None = None  # "doc" when it fell back to the article date


@dataclass
class Claim:
    id: str
    speaker: str | None  # entity id
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    kind: str  # direct | indirect | mixed
    channel: str | None = None
    status: str = "asserted"  # asserted | alleged | denied | hedged | established
    targets: list[str] = field(default_factory=list)
    timex: str | None = None
    date: DateRef | None = None
    parent: str | None = None
    intermediary: str | None = None  # entity id of whoever relayed it (a lawyer releasing a letter)
    # Additive: how sure the claims stage is that this is a correct attribution (0-1); read
    # commands hide claims below ``query.min_claim_confidence`` unless told otherwise.
    confidence: float | None = None


@dataclass
class Evidence:
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int


@dataclass
class EventArgument:
    """An actor of an event as the text gives it: its span, and its entity when one is known
    (``entity`` is an entity id, or a mention id when the actor is a name the actors stage left
    without an entity; None for an unnamed actor such as "police")."""

    role: str  # source | target
    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass
class Event:
    id: str
    type: str  # one of PLOVER's 16
    mode: str | None
    cameo: str | None
    contexts: list[str]
    source: list[str]
    target: list[str]
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    timex: str | None = None
    date: DateRef | None = None
    place: str | None = None  # entity id of the place
    modality: str = "occurred"  # occurred | alleged | scheduled | hypothetical | negated
    claim: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    # Additive (events.rules.v1): each source/target actor with its text span.
    arguments: list[EventArgument] = field(default_factory=list)
    # Additive: how sure the events stage is that type and actors are right (0-1); read commands
    # hide events below ``query.min_event_confidence`` unless told otherwise.
    confidence: float | None = None
    # Additive: an act every party does to every other ("Ostland and Lagonia signed an accord",
    # "X held talks with Y"). All parties are in ``source``, ``target`` is empty, as PLOVER
    # codes it; :func:`directed_pairs` expands it into the (source, target) pairs a coder emits.
    reciprocal: bool = False


def party_key(a: EventArgument) -> str:
    """What identifies an event's actor within an article: its entity, else its words."""
    return a.entity or " ".join(a.text.lower().split())


def directed_pairs(event: Event) -> list[tuple[EventArgument | None, EventArgument | None]]:
    """The event's ``(source, target)`` actor pairs, one per directed relation a coder would
    record: every source with every target (``None`` on a side the text leaves empty); for a
    reciprocal event, every party with every other party, both ways. An actor is never paired
    with itself (same entity, or the same words when neither has one)."""
    sources = [a for a in event.arguments if a.role == "source"]
    targets = [a for a in event.arguments if a.role == "target"]
    if event.reciprocal:
        parties: dict[str, EventArgument] = {}
        for a in sources + targets:
            parties.setdefault(party_key(a), a)
        listed = list(parties.values())
        return [(s, t) for s in listed for t in listed if s is not t]
    if not sources or not targets:
        one: list[EventArgument | None] = list(sources or targets)
        return [(a, None) if sources else (None, a) for a in one]
    return [(s, t) for s in sources for t in targets if party_key(s) != party_key(t)]


@dataclass
class Flag:
    kind: str  # weekday-mismatch | glued-words | far-date | ...
    start: int
    end: int
    message: str


@dataclass
class DocResult:
    """Everything the pipeline read from one document: the v1 contract object."""

    doc: Document
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    pipeline: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The contract object (``sentences`` and ``pipeline`` are additive fields)."""
        return {
            "contract": CONTRACT_VERSION,
            "doc": self.doc.to_dict(),
            "mentions": [plain(m) for m in self.mentions],
            "entities": [plain(e) for e in self.entities],
            "timexes": [plain(t) for t in self.timexes],
            "claims": [plain(c) for c in self.claims],
            "events": [plain(e) for e in self.events],
            "flags": [plain(f) for f in self.flags],
            "sentences": [list(s) for s in self.sentences],
            "pipeline": dict(self.pipeline),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocResult:
        """Rebuild a result from its contract object (used by the store and the Spark engine)."""
        d = data["doc"]
        doc = Document(
            id=d["id"],
            date=d["date"],
            date_precision=d["date_precision"],
            text=d["text"],
            title=d.get("title"),
            url=d.get("url"),
            source=d.get("source"),
            repairs=tuple(Repair(**r) for r in d.get("repairs", [])),
            source_id=d.get("source_id"),
        )

        def date_ref(value: dict[str, Any] | None) -> DateRef | None:
            return DateRef(**value) if value else None

        def entity(e: dict[str, Any]) -> Entity:
            return Entity(**{**e, "roles": [Role(**r) for r in e.get("roles", [])]})

        def claim(c: dict[str, Any]) -> Claim:
            return Claim(**{**c, "date": date_ref(c.get("date"))})

        def event(e: dict[str, Any]) -> Event:
            return Event(
                **{
                    **e,
                    "date": date_ref(e.get("date")),
                    "evidence": [Evidence(**v) for v in e.get("evidence", [])],
                    "arguments": [EventArgument(**a) for a in e.get("arguments", [])],
                    # Additive: results written before it have none (not reciprocal).
                    "reciprocal": bool(e.get("reciprocal")),
                }
            )

        return cls(
            doc=doc,
            mentions=[Mention(**m) for m in data.get("mentions", [])],
            entities=[entity(e) for e in data.get("entities", [])],
            timexes=[Timex(**t) for t in data.get("timexes", [])],
            claims=[claim(c) for c in data.get("claims", [])],
            events=[event(e) for e in data.get("events", [])],
            flags=[Flag(**f) for f in data.get("flags", [])],
            sentences=[(s[0], s[1]) for s in data.get("sentences", [])],
            pipeline=dict(data.get("pipeline", {})),
        )
