"""The text of a parsed document, built once: spaCy's ``Doc.text`` joins every token's text on
each access (about 0.1 ms for a news article), and several stages need the whole text.

The runner seeds it with the document's own text (the parse of that very string, so the two are
equal); a ``Doc`` made elsewhere (tests, benchmarks) computes it on first use and keeps it.
"""

from __future__ import annotations

from typing import Any

_KEY = "newsgraph.text"


def doc_text(doc: Any) -> str:
    """``doc.text``, computed at most once per ``Doc``."""
    text = doc.user_data.get(_KEY)
    if isinstance(text, str):
        return text
    built: str = doc.text
    doc.user_data[_KEY] = built
    return built


def seed_text(doc: Any, text: str) -> None:
    """Record ``text`` as ``doc``'s text: the string ``doc`` was parsed from."""
    doc.user_data[_KEY] = text
