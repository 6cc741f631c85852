"""A parsed document's token strings as plain lists, built once per ``Doc``.

spaCy makes a new ``Token`` object for every ``doc[i]`` and every step of ``for t in doc``, and
each string attribute (``.tag_``, ``.dep_``, ``.text``, ``.lower_``) is a look-up in the string
store: a stage pass that looks at every token only to skip most of them pays both for each token.
Here the tag, coarse part of speech, dependency label, text and lower-cased text of every
token are read in one ``Doc.to_array`` call and turned into lists of the same strings spaCy
returns, so a loop can test them by index and make a ``Token`` only for the few it keeps. The
parse is not changed by any stage, so the lists stay true for the document's life.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_KEY = "newsgraph.tokattrs"


@dataclass(frozen=True)
class TokenAttrs:
    """Per token index: ``tag[i] == doc[i].tag_``, ``pos[i] == doc[i].pos_``,
    ``dep[i] == doc[i].dep_``, ``text[i] == doc[i].text``, ``lower[i] == doc[i].lower_``."""

    tag: list[str]
    pos: list[str]
    dep: list[str]
    text: list[str]
    lower: list[str]


def token_attrs(doc: Any) -> TokenAttrs:
    """The :class:`TokenAttrs` of ``doc``, computed at most once per ``Doc``."""
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, TokenAttrs):
        return cached
    from spacy.attrs import DEP, LOWER, ORTH, POS, TAG
    from spacy.parts_of_speech import NAMES

    strings = doc.vocab.strings
    columns: list[list[str]] = []
    if len(doc):
        tags, pos, deps, orths, lowers = doc.to_array([TAG, POS, DEP, ORTH, LOWER]).T.tolist()
        for hashes in (tags, deps, orths, lowers):
            names = {h: strings[h] for h in set(hashes)}
            columns.append([names[h] for h in hashes])
        columns.insert(1, [NAMES[p] for p in pos])  # what ``Token.pos_`` reads
    else:
        columns = [[], [], [], [], []]
    built = TokenAttrs(*columns)
    doc.user_data[_KEY] = built
    return built


_LEMMA_KEY = "newsgraph.tokattrs.lemmas"


def lower_lemmas(doc: Any) -> list[str]:
    """Per token index, ``doc[i].lemma_.lower()``: the form the rule stages look words up by,
    read in one ``Doc.to_array`` call and computed at most once per ``Doc``."""
    cached = doc.user_data.get(_LEMMA_KEY)
    if isinstance(cached, list):
        return cached
    from spacy.attrs import LEMMA

    built: list[str] = []
    if len(doc):
        strings = doc.vocab.strings
        hashes = doc.to_array([LEMMA]).tolist()
        names = {h: strings[h].lower() for h in set(hashes)}
        built = [names[h] for h in hashes]
    doc.user_data[_LEMMA_KEY] = built
    return built
