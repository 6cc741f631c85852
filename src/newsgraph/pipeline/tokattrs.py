"""A parsed document's token strings as plain lists, built once per ``Doc``.

spaCy makes a new ``Token`` object for every ``doc[i]`` and every step of ``for t in doc``, and
each string attribute (``.tag_``, ``.dep_``, ``.text``, ``.lower_``) is a look-up in the string
store: a stage pass that looks at every token only to skip most of them pays both for each token.
Here the tag, coarse part of speech, dependency label, text and lower-cased text of every
token are read in one ``Doc.to_array`` call and turned into lists of the same strings spaCy
returns, so a loop can test them by index and make a ``Token`` only for the few it keeps. The
parse is not changed by any stage, so the lists stay true for the document's life.

A hash names the same string in every document (spaCy's hashes are of the string itself), so the
strings are looked up in spaCy's string store once per process, not once per document: most of
an article's words, and every tag and label, were seen in the articles before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_KEY = "newsgraph.tokattrs"

# Hash -> string, and hash -> lower-cased string, shared by every document of the process. Bounded:
# emptied when it passes ``_MAX_STRINGS`` (a long run over varied text meets new words without
# end; an entry costs about 100 bytes, and refilling costs one string-store look-up per word).
_MAX_STRINGS = 500_000
_strings: dict[int, str] = {}
_lowered: dict[int, str] = {}


def _names(hashes: list[int], cache: dict[int, str], strings: Any, lower: bool) -> list[str]:
    """``[strings[h] for h in hashes]`` (lower-cased when ``lower``), through ``cache``: each hash
    not seen before is looked up once in the string store ``strings``."""
    try:
        return list(map(cache.__getitem__, hashes))
    except KeyError:
        if len(cache) > _MAX_STRINGS:
            cache.clear()
        for h in set(hashes).difference(cache):
            cache[h] = strings[h].lower() if lower else strings[h]
        return list(map(cache.__getitem__, hashes))


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
            columns.append(_names(hashes, _strings, strings, lower=False))
        columns.insert(1, list(map(NAMES.__getitem__, pos)))  # what ``Token.pos_`` reads
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
        hashes = doc.to_array([LEMMA]).tolist()
        built = _names(hashes, _lowered, doc.vocab.strings, lower=True)
    doc.user_data[_LEMMA_KEY] = built
    return built
