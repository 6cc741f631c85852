"""Times stage speed-ups that must not change what it finds: the case-sensitive twins of the
grammar's patterns, the direct calls into the recogniser's regex module, and its extractors
answering a repeated question from memory."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.pipeline.stages.times import recognition
from newsgraph.pipeline.stages.times.patterns import compiled_lower

# Sentences we wrote: mixed case, accents, caseless non-ASCII punctuation, all the pattern kinds.
TEXTS = [
    "On Tuesday Morning, Lagonia's Minister said the Vote of SEPT. 13, 2024 was moved to "
    "NEXT WEEK; “the last three years” were hard, she added at 10:35 A.M. EST on Friday.",
    "Inés Carvajal of Ostland spent Nine Months in Freedonia until the End of the Year — "
    "Twice A Week, Every Monday, the 1990s, Fiscal 1989, the Third Quarter, Q3 2013.",
    "Öland's council met Thursday night, two weeks ago, and again the day after; "
    "the MID-1990s and early March 2023 were quiet, yesterday and today less so.",
]


def _spans(text: str, nlp: Any) -> list[tuple[int, int, str, str | None]]:
    sdoc = nlp(text)
    return [(c.start, c.end, c.sem.type, c.sem.value) for c in recognition.find(text, sdoc)]


@pytest.mark.parametrize("text", TEXTS)
def test_twins_find_what_the_patterns_find(
    text: str, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert recognition._same_when_lowered(text, text.lower())
    fast = _spans(text, nlp)
    monkeypatch.setattr(recognition, "_same_when_lowered", lambda text, low: False)
    assert fast == _spans(text, nlp)
    assert fast  # the sentences do hold times


def test_twin_matches_carry_the_original_case() -> None:
    twins = {name: (rx, twin) for name, rx, twin in compiled_lower()}
    rx, twin = twins["date_mdy"]
    assert twin is not None
    text = "Voting in Carpathia ends on SEPT. 13, 2024."
    (m,) = recognition._matches(rx, twin, text, text.lower())
    assert m.group("mon") == "SEPT." and m.group() == "SEPT. 13, 2024"


def test_patterns_with_their_own_capitals_have_no_twin() -> None:
    # time zones (EST, GMT) are written in capitals in the pattern itself
    twins = {name: twin for name, _, twin in compiled_lower()}
    assert twins["time_mil"] is None and twins["qcode"] is None
    assert twins["duration"] is not None and twins["month"] is not None


def test_texts_whose_letters_fold_apart_take_the_case_insensitive_scan() -> None:
    # "İ" lower-cases to two characters; "ı" and "ſ" match "i" and "s" ignoring case, yet
    # lower-casing leaves them as they are: the twin would miss "ſix days"
    for text in ("İzmir voted on Friday.", "The vote laſted ſix days.", "Bakı, last week."):
        assert not recognition._same_when_lowered(text, text.lower())
    assert recognition._same_when_lowered("Inés left on Friday.", "inés left on friday.")


def test_direct_regex_calls_give_the_same_matches() -> None:
    import regex  # type: ignore[import-untyped]

    from newsgraph.pipeline.stages.times import msrec

    msrec.model()
    pattern = regex.compile(r"(?P<n>\d+)\s+days", regex.I)
    text = "It lasted 3 Days, then 12 days more."
    assert getattr(regex.finditer, "_newsgraph_direct", False)
    assert [m.span() for m in regex.finditer(pattern, text)] == [(10, 16), (23, 30)]
    assert regex.search(pattern, text).group("n") == "3"
    assert regex.match(pattern, text) is None
    # anything but a compiled pattern alone goes to the module's own function
    assert [m.span() for m in regex.finditer(r"\d+", text, pos=12)] == [(23, 25)]
    assert regex.search(r"DAYS", text, regex.I).span() == (12, 16)
    with pytest.raises(ValueError):
        regex.search(pattern, text, regex.I)  # flags with a compiled pattern stay an error


def test_every_twin_agrees_with_its_pattern_on_mixed_case() -> None:
    # each text in several seeded case mixtures: same matches, same groups, pattern by pattern
    import random

    rng = random.Random(11)
    texts = [
        *TEXTS,
        "The hearing in Lagonia, set for 9 a.m. on OCT. 9, was put off until the Spring of 2025; "
        "twice a Year since the 1980s, at the End of the Month, a fortnight-long Festival.",
    ]
    for text in texts:
        for _ in range(4):
            mixed = "".join(ch.upper() if rng.random() < 0.3 else ch for ch in text)
            low = mixed.lower()
            assert recognition._same_when_lowered(mixed, low)
            for name, rx, twin in compiled_lower():
                if twin is None:
                    continue
                fast = [
                    (m.span(), m.groupdict()) for m in recognition._matches(rx, twin, mixed, low)
                ]
                slow = [(m.span(), m.groupdict()) for m in rx.finditer(mixed)]
                assert fast == slow, (name, mixed)


def test_plain_word_triggers_are_searched_as_words() -> None:
    import re

    from newsgraph.pipeline.stages.times.patterns import Words, triggers

    words = Words.of("(?:jan|feb|mar)")
    assert words is not None and words.words == ("jan", "feb", "mar")
    assert Words.of("-earlier|-ago") is not None
    for body in (r"\d/\d", r"for\s(?:some\s+time)", "(?:jan|feb", "q[1-4]", r"year(?:'s)?[-\s]end"):
        assert Words.of(body) is None, body
    text = "the ostland council met in february, twice a week."
    for name, gate in triggers().items():
        if isinstance(gate, Words):
            expected = re.search("|".join(map(re.escape, gate.words)), text) is not None
            assert (gate.search(text) is not None) == expected, name
    assert isinstance(triggers()["month"], Words) and triggers()["month"].search(text)
    assert triggers()["century"].search(text) is None


# Strings like the DATE/TIME entities the recogniser is asked about, our own words.
RECOGNISER_TEXTS = [
    "the latest week",
    "Nine mths",
    "last Friday night",
    "between March 3 and April 5, 2024",
    "the second half of 2023",
    "no later than June one",
    "15-1/2 year",
    "three weeks ago",
    "every Monday morning",
    "5 p.m. EST Friday",
    "more than 10 years ago",
    "the week ending March 14",
    "Lagonia's fiscal 2025",
]


def _recognised(text: str, memo: bool) -> list[tuple[Any, ...]]:
    from newsgraph.pipeline.stages.times import msrec

    msrec._memo = {} if memo else None
    try:
        found = msrec.model().parse(text, msrec._REF_DATE)
    finally:
        msrec._memo = None
    return [(r.start, r.end, r.text, r.type_name, repr(r.resolution)) for r in found]


@pytest.mark.parametrize("text", RECOGNISER_TEXTS)
def test_extractor_memo_gives_the_recognisers_own_results(text: str) -> None:
    assert _recognised(text, memo=True) == _recognised(text, memo=False)


def test_extractor_memo_lives_only_inside_one_read() -> None:
    from newsgraph.pipeline.stages.times import msrec

    msrec.read.cache_clear()
    assert msrec.read("the end of March")  # a date the recogniser reads
    assert msrec._memo is None  # outside read the extractors run as written
