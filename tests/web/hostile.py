"""A fictional article whose text holds markup that must never run in a page, built by hand (no
spaCy) with a mention over the script tag, so escaping is tested inside highlights too."""

from __future__ import annotations

from newsgraph.model.records import DocResult, Document, Entity, Mention

HOSTILE_TEXT = (
    "Carpathian officials denied the report. "
    '<script>window.__pwned = "script";</script> '
    '<img src="nowhere.png" onerror="window.__pwned = \'img\'"> '
    "Mayor Odile Varga of Ostland said the <b>port</b> would reopen & stay open."
)
HOSTILE_TITLE = 'Port <i>"reopens"</i><script>window.__pwned = "title";</script>'


def hostile_result() -> DocResult:
    text = HOSTILE_TEXT
    start = text.index("<script>")
    name = text.index("Odile Varga")
    doc = Document("hostile0001", "2024-05-02", "day", text, title=HOSTILE_TITLE)
    result = DocResult(doc=doc, sentences=[(0, len(text))])
    result.mentions += [
        Mention("m1", start, start + 20, text[start : start + 20], "ORG", "e1"),
        Mention("m2", name, name + 11, "Odile Varga", "PERSON", "e2"),
    ]
    result.entities += [
        Entity("e1", "<script>alert(1)</script>", "ORG"),
        Entity("e2", "Odile Varga", "PERSON"),
    ]
    return result
