"""Text rendering helpers of the read commands."""

from __future__ import annotations

from newsgraph.cli.textfmt import quote


def test_quote_wraps_plain_text_once() -> None:
    assert quote("that the links are public") == "“that the links are public”"


def test_quote_keeps_a_direct_quote_as_it_is() -> None:
    assert quote("“I arrested them,”") == "“I arrested them,”"


def test_quote_shortens_long_text_at_a_word() -> None:
    out = quote("word " * 200, limit=40)
    assert len(out) <= 42 and out.endswith("…”")
