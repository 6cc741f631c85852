"""An article's text as HTML with what was extracted marked at its offsets.

Every extraction is a :class:`Span` (start and end are code-point offsets into ``doc.text``, end
exclusive, as the contract gives them). Spans nest: a claim's content holds mentions and dates.
Where two spans cross, the inner one is closed and opened again, so the markup stays well formed;
every piece carries the whole span's ``data-start``/``data-end`` and ``data-ann`` key, and only
the first piece its ``id`` (a link target). All text and attribute values are escaped here: the
article's own characters can never become markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

# Outer first when two spans start together and end together.
RANK = {
    "focus": 0,
    "claim-content": 1,
    "flag": 2,
    "repair": 3,
    "claim-speaker": 4,
    "claim-cue": 5,
    "event": 6,
    "mention": 7,
    "timex": 8,
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # a key of RANK
    key: str  # unique in the document: the element id of the first piece ("claim-c1")
    title: str  # what was extracted, shown on hover
    classes: tuple[str, ...] = ()
    data: Mapping[str, str] = field(default_factory=dict)

    def order(self) -> tuple[int, int, int, str]:
        return (self.start, -self.end, RANK.get(self.kind, 9), self.key)


def valid(spans: Iterable[Span], length: int) -> list[Span]:
    """The spans that lie inside a text of ``length`` characters and are not empty."""
    return sorted(
        (s for s in spans if 0 <= s.start < s.end <= length),
        key=Span.order,
    )


def _open(span: Span, first: bool) -> str:
    attrs = {
        "class": " ".join(("hl", f"hl-{span.kind}", *span.classes)),
        "data-ann": span.key,
        "data-start": str(span.start),
        "data-end": str(span.end),
        "title": span.title,
        **{f"data-{k}": v for k, v in span.data.items()},
    }
    if first:
        attrs["id"] = span.key
    return "<span " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items()) + ">"


def render(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` escaped, with each span wrapped in ``<span class="hl hl-KIND" …>`` pieces."""
    ordered = valid(spans, len(text))
    cuts = sorted({0, len(text), *(s.start for s in ordered), *(s.end for s in ordered)})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[str] = set()
    for a, b in pairwise(cuts):
        active = [s for s in ordered if s.start <= a and s.end >= b]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        out.extend("</span>" for _ in stack[keep:])
        for span in active[keep:]:
            out.append(_open(span, span.key not in opened))
            opened.add(span.key)
        stack = active
        out.append(str(escape(text[a:b])))
    out.extend("</span>" for _ in stack)
    return Markup("".join(out))
