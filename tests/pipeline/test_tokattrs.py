"""The per-document token string lists equal what spaCy's tokens say, index by index."""

from __future__ import annotations

from typing import Any

from newsgraph.pipeline.tokattrs import lower_lemmas, token_attrs

TEXT = (
    "Lagonia's Minister, Inés Carvajal, said: “The port of Puerto Almendra reopens Monday.”\n\n"
    "Her lawyer — who spoke to the Ostland Gazette — denied it. ORION 1980 was not there."
)


def test_lists_equal_the_token_attributes(nlp: Any) -> None:
    doc = nlp(TEXT)
    attrs = token_attrs(doc)
    assert attrs.tag == [t.tag_ for t in doc]
    assert attrs.pos == [t.pos_ for t in doc]
    assert attrs.dep == [t.dep_ for t in doc]
    assert attrs.text == [t.text for t in doc]
    assert attrs.lower == [t.lower_ for t in doc]
    assert token_attrs(doc) is attrs  # built once per document
    assert token_attrs(nlp(TEXT)) is not attrs


def test_an_empty_document_has_empty_lists(nlp: Any) -> None:
    attrs = token_attrs(nlp(""))
    assert attrs.tag == attrs.pos == attrs.dep == attrs.text == attrs.lower == []


def test_lower_lemmas_equal_the_tokens_lemmas(nlp: Any) -> None:
    doc = nlp(TEXT + " The Carpathian envoys were Staging talks.")
    lemmas = lower_lemmas(doc)
    assert lemmas == [t.lemma_.lower() for t in doc]
    assert any(t.lemma_ != t.lemma_.lower() for t in doc)  # the text has capitalised lemmas
    assert lower_lemmas(doc) is lemmas  # built once per document
    assert lower_lemmas(nlp("")) == []


def test_strings_are_shared_across_documents_and_stay_right(nlp: Any, monkeypatch: Any) -> None:
    """The hash -> string look-ups are kept for the next document (one string-store look-up per
    word per process); a word met first in a later document, and a cache emptied at its bound,
    still give every list exactly what the tokens say."""
    from newsgraph.pipeline import tokattrs

    token_attrs(nlp(TEXT))
    lower_lemmas(nlp(TEXT))
    assert tokattrs._strings.get(nlp.vocab.strings["Carvajal"]) == "Carvajal"
    assert tokattrs._lowered.get(nlp.vocab.strings["Lagonia"]) == "lagonia"
    later = nlp("Quintessa Marlowe-Ibarra denied it on Tuesday, the Ostland Gazette said.")
    attrs = token_attrs(later)
    assert attrs.text == [t.text for t in later]
    assert attrs.lower == [t.lower_ for t in later]
    assert lower_lemmas(later) == [t.lemma_.lower() for t in later]
    monkeypatch.setattr(tokattrs, "_MAX_STRINGS", 0)  # every miss now empties the cache first
    doc = nlp("Zephyrine Okonkwo-Lindqvist met Tarrow officials in Velmora.")
    attrs = token_attrs(doc)
    assert attrs.tag == [t.tag_ for t in doc] and attrs.dep == [t.dep_ for t in doc]
    assert attrs.text == [t.text for t in doc]
    assert lower_lemmas(doc) == [t.lemma_.lower() for t in doc]
    assert "Carvajal" not in tokattrs._strings.values()
