"""Hand-made DocResults for store and query tests (no spaCy): three short fictional articles
about the same actors, with offsets computed from the text so they are always right."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.model.records import (
    Claim,
    DateRef,
    DocResult,
    Document,
    Entity,
    Event,
    Flag,
    Mention,
    Role,
    Timex,
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]


@dataclass
class Builder:
    """Adds records to one article by quoting its text."""

    doc: Document
    result: DocResult = field(init=False)

    def __post_init__(self) -> None:
        self.result = DocResult(doc=self.doc, sentences=sentences(self.doc.text))

    def mention(
        self, text: str, entity: str, type: str = "PERSON", nth: int = 0, kind: str = "name"
    ) -> None:
        s, e = span(self.doc.text, text, nth)
        m = self.result.mentions
        m.append(Mention(f"m{len(m) + 1}", s, e, text, type, entity, kind))

    def entity(self, eid: str, name: str, type: str = "PERSON", **kw: object) -> Entity:
        ent = Entity(eid, name, type, **kw)  # type: ignore[arg-type]
        self.result.entities.append(ent)
        return ent


def garcia_luna_2024() -> DocResult:
    text = (
        "Genaro García Luna, 56, wrote a letter from jail. "
        "Felipe Calderón's Secretary of Public Security, García Luna alleges that López Obrador "
        "has ties to drug trafficking leaders. "
        "García Luna was found guilty in February 2023. "
        "His sentencing is scheduled for October 9."
    )
    b = Builder(Document("aaa111", "2024-09-17", "day", text, title="García Luna writes from jail"))
    b.mention("Genaro García Luna", "e1")
    b.mention("García Luna", "e1", nth=1)
    b.mention("García Luna", "e1", nth=2)
    b.mention("His", "e1", kind="pronoun")
    b.mention("Felipe Calderón", "e2")
    b.mention("López Obrador", "e3")
    age = span(text, "Genaro García Luna, 56")
    role = span(text, "Felipe Calderón's Secretary of Public Security")
    b.entity(
        "e1",
        "Genaro García Luna",
        aliases=["García Luna"],
        roles=[
            Role(
                "Secretary of Public Security",
                of="e2",
                former=True,
                evidence_start=role[0],
                evidence_end=role[1],
            )
        ],
        attributes={"age": 56, "age_as_of": "2024-09-17", "age_evidence": list(age)},
    )
    b.entity("e2", "Felipe Calderón")
    b.entity("e3", "López Obrador")
    t1 = span(text, "February 2023")
    t2 = span(text, "October 9")
    b.result.timexes += [
        Timex("t1", *t1, "February 2023", "DATE", "2023-02", "month"),
        Timex("t2", *t2, "October 9", "DATE", "2024-10-09", "day", anchor="doc"),
    ]
    cue = span(text, "alleges")
    content = span(text, "López Obrador has ties to drug trafficking leaders")
    speaker = span(text, "García Luna", 1)
    b.result.claims.append(
        Claim(
            "c1",
            "e1",
            *speaker,
            "alleges",
            *cue,
            *content,
            "indirect",
            channel="letter",
            status="alleged",
            targets=["e3"],
            date=DateRef("2024-09-17", "day", "doc"),
        )
    )
    conv = span(text, "found guilty")
    sent = b.result.sentences[2]
    b.result.events += [
        Event(
            "v1",
            "SANCTION",
            "convict",
            "17",
            ["legal"],
            [],
            ["e1"],
            *conv,
            *sent,
            timex="t1",
            date=DateRef("2023-02", "month"),
        ),
        Event(
            "v2",
            "ACCUSE",
            "allege",
            "11",
            ["corruption"],
            ["e1"],
            ["e3"],
            *cue,
            *b.result.sentences[1],
            modality="alleged",
            claim="c1",
        ),
        Event(
            "v3",
            "SANCTION",
            None,
            "17",
            ["legal"],
            [],
            ["e1"],
            *span(text, "sentencing"),
            *b.result.sentences[3],
            timex="t2",
            modality="scheduled",
        ),
    ]
    b.result.flags.append(Flag("weekday-mismatch", *t2, "test flag"))
    return b.result


def garcia_luna_2019() -> DocResult:
    text = (
        "Former security chief Genaro Garcia Luna was arrested in Texas. "
        "Prosecutors said Garcia Luna took bribes from the Sinaloa cartel."
    )
    b = Builder(Document("bbb222", "2019-12-10", "day", text, title="Ex-official arrested"))
    b.mention("Genaro Garcia Luna", "e1")
    b.mention("Garcia Luna", "e1", nth=1)
    b.mention("Texas", "e2", type="GPE")
    b.mention("Sinaloa cartel", "e3", type="ORG")
    b.entity(
        "e1",
        "Genaro Garcia Luna",
        roles=[
            Role(
                "security chief",
                former=True,
                evidence_start=span(text, "Former security chief")[0],
                evidence_end=span(text, "Former security chief")[1],
            )
        ],
        attributes={"age": 51, "age_as_of": "2019-12-10"},
    )
    b.entity("e2", "Texas", "GPE")
    b.entity("e3", "Sinaloa cartel", "ORG")
    arrest = span(text, "arrested")
    b.result.events.append(
        Event(
            "v1",
            "COERCE",
            "arrest",
            "173",
            ["legal"],
            [],
            ["e1"],
            *arrest,
            *b.result.sentences[0],
            place="e2",
        )
    )
    cue = span(text, "said")
    b.result.claims.append(
        Claim(
            "c1",
            None,
            *span(text, "Prosecutors"),
            "said",
            *cue,
            *span(text, "Garcia Luna took bribes from the Sinaloa cartel"),
            "indirect",
            status="alleged",
            targets=["e1", "e3"],
        )
    )
    return b.result


def other_story() -> DocResult:
    text = (
        "The central bank raised interest rates in March. "
        "Analysts expect inflation to ease, said economist Maria Lopez."
    )
    b = Builder(Document("ccc333", "2023-03", "month", text, title="Rates rise"))
    b.mention("Maria Lopez", "e1")
    b.entity("e1", "Maria Lopez")
    return b.result


def corpus() -> list[DocResult]:
    return [garcia_luna_2024(), garcia_luna_2019(), other_story()]
