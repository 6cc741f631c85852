"""Who acts on whom: no actor is its own target, and mutual acts are reciprocal.

* An actor is never its own target. A target that *is* one of the sources (the same entity, or
  the same words when neither is named: "Ostland accused Ostland", a pronoun resolved to the
  subject) is dropped. A target that only *belongs* to a source's country or organisation
  ("Lagonian police arrested Lagonian journalists": both read as Lagonia) is a domestic act, not
  a self-directed one: it is kept, without the entity, so the event does not claim that Lagonia
  acted on itself.
* A reciprocal event is an act of a type that can be mutual (``reciprocal = true`` in
  ``events_types.toml``), told with a mutual trigger ("signed", "talks", "clashed"), with two or
  more distinct parties and no separate target: "Ostland and Lagonia signed a fisheries accord",
  "a delegation from Freedonia held talks with President Orlov". PLOVER codes every party as a
  source; the event is marked ``reciprocal`` and ``directed_pairs`` (model.records) expands it
  into each party acting on each other one.
"""

from __future__ import annotations

from newsgraph.model.records import EventArgument, party_key


def without_self_targets(
    args: list[EventArgument], indirect: set[tuple[int, int]]
) -> list[EventArgument]:
    """``args`` less targets that are one of the sources (see the module docstring);
    ``indirect`` holds the spans of arguments linked to an entity they belong to, not one they
    are ("Lagonian journalists", "troops in Carpathia")."""
    sources = {party_key(a) for a in args if a.role == "source"}
    words = {_words(a) for a in args if a.role == "source"}
    out: list[EventArgument] = []
    for a in args:
        if a.role == "target" and _words(a) in words:
            continue  # the very phrase that is a source, linked or not
        if a.role == "target" and party_key(a) in sources:
            if (a.start, a.end) not in indirect or a.entity is None:
                continue
            a = EventArgument(a.role, a.start, a.end, a.text, None)
            if party_key(a) in sources:
                continue
        out.append(a)
    return out


def named_first(
    args: list[EventArgument], mutual: bool, proper: set[tuple[int, int]]
) -> list[EventArgument]:
    """On a side with an actor named by a proper name (``proper``: spans showing one), leave out
    the actors without an entity listed with it: "the US and other developed nations",
    "withdraw inspectors and aid workers from Iraq". Such an actor cannot be told apart from
    any other, and coding it beside a named one adds a pair no reader can follow. Descriptions
    side by side ("the kidnapped woman and two reporters") are all kept, and so are the parties
    of a mutual act (``mutual``): an unnamed party to talks is still a party."""
    sides = {a.role for a in args if a.entity is not None and (a.start, a.end) in proper}
    if mutual:
        sides.discard("source")
    return [a for a in args if a.entity is not None or a.role not in sides]


def partners_as_targets(
    args: list[EventArgument], partners: set[tuple[int, int]]
) -> list[EventArgument]:
    """A mutual act told as one party's intention or answer ("said they would meet X", re-coded
    AGREE) is that party's act toward the others: its partners become targets."""
    return [
        EventArgument("target", a.start, a.end, a.text, a.entity)
        if a.role == "source" and (a.start, a.end) in partners
        else a
        for a in args
    ]


def is_reciprocal(mutual: bool, args: list[EventArgument]) -> bool:
    """Whether an event told with a mutual trigger of a reciprocal-capable type (``mutual``)
    is reciprocal: two or more distinct parties, all sources, and no separate target."""
    if not mutual or any(a.role == "target" for a in args):
        return False
    return len({party_key(a) for a in args if a.role == "source"}) >= 2


def _words(a: EventArgument) -> str:
    return " ".join(a.text.lower().split())
