"""Finding temporal expressions: our TimeML grammar, unioned with spaCy's DATE/TIME entities, with
Microsoft Recognizers-Text reading the entities our grammar does not cover.

The grammar (:mod:`patterns`) gives TimeML extents and meanings in one pass over the text; a
pattern whose trigger word is absent from the article is not run. spaCy's entities add recall: a
month name alone ("in March", which the grammar leaves alone) is read directly, and the recogniser
(slow: ~5-20 ms a call) runs only on the leftover multi-word entity strings, cached, so its cost
stays small per article. Ages, counts, scores, fractions ("three-quarters of"), ordinals ("a second
group"), "today's youth" and quoted programme names ("This Week") are not times: a number is only
a year when the grammar reads it as one and it does not count something.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsgraph.pipeline.intervals import IntervalIndex
from newsgraph.pipeline.stages.times import msrec, not_times
from newsgraph.pipeline.stages.times.lexicon import lexicon
from newsgraph.pipeline.stages.times.normalisation import duration_value, normalise
from newsgraph.pipeline.stages.times.patterns import Words, compiled_lower, triggers
from newsgraph.pipeline.stages.times.sem import Sem


@dataclass
class Candidate:
    start: int
    end: int
    sem: Sem
    source: str  # pattern name | "msrec"
    # Not a TIMEX3, yet it names the period under discussion ("the quarter-to-quarter
    # comparison"): anchoring counts it, the output leaves it out.
    silent: bool = False


# Words before a bare plural unit that make it a duration ("for years", "within weeks").
_BARE_PLURAL_CUE = re.compile(
    r"(?:\b(?:for|in|within|over|after|during|took|takes|take|lasted|last|lasts|spent|spend|"
    r"spending|than)\s+)$",
    re.IGNORECASE,
)
_YEAR_CUE = re.compile(
    r"\b(?:in|since|by|until|till|from|of|before|after|during|through|to|and|between|circa|"
    r"early|late|mid|fiscal)\s+$",
    re.IGNORECASE,
)
_NOT_A_YEAR_BEFORE = re.compile(r"(?:\$|#|\bNo\.?|\bNumber|\bFlight|\bRoute|\bRoom)\s*$")
_AGE_AFTER = re.compile(r"[-\s]*(?:old|olds|of\s+age)\b|-year-old", re.IGNORECASE)
_AGE_IN = re.compile(r"\b\w+[-\s](?:year|month|week|day)s?[-\s]old\b", re.IGNORECASE)
# "the year ended Sept. 30": twelve months up to a day, a duration rather than a date.
_YEAR_ENDED = re.compile(r"\s+(?:ended|ending|to|through)\b", re.IGNORECASE)
_A_SECOND = re.compile(r"(?:a|one)\s+second", re.IGNORECASE)
_FRACTION = re.compile(r"\w-quarters$", re.IGNORECASE)
_TRIM_LEFT = re.compile(r"^(?:only|just|some|about|around)\s+", re.IGNORECASE)
_PRIORITY = {"date_mdy": 0, "date_dmy": 0, "month_year": 1, "time": 1, "time_mil": 1, "quarter": 1}


def find(text: str, sdoc: Any) -> list[Candidate]:
    """Temporal expressions in ``text`` (non-overlapping, in order), not yet anchored."""
    cands: list[Candidate] = []
    prefixes: dict[int, int] = {}  # end -> start of "the end of" style prefixes
    low = text.lower()
    gates = triggers()
    caseless = _same_when_lowered(text, low)
    present: dict[object, bool] = {}  # patterns share triggers ("jan|feb|..."): search once
    for name, rx, twin in compiled_lower():
        gate = gates.get(name)
        if gate is not None:
            key = gate.words if isinstance(gate, Words) else gate.pattern
            if key not in present:
                present[key] = gate.search(low) is not None
            if not present[key]:
                continue  # its trigger is absent: the pattern cannot match in this text
        for m in _matches(rx, twin if caseless else None, text, low):
            if name == "span_of":
                prefixes[m.end()] = m.start()
                continue
            cand = _candidate(name, m, text, sdoc)
            if cand is not None:
                cands.append(cand)
    chosen = _select(cands)
    chosen = _merge_times(chosen, text)
    chosen = _conjoined_days(chosen, text)
    for c in chosen:
        if c.start in prefixes:
            c.start = prefixes[c.start]
            if c.source == "the_unit" and c.sem.type == "DURATION":
                # "the end of the year" is a point in the current year, not an amount of time
                c.sem = Sem("DATE", "year", rel="dct", unit="year")
        elif c.source == "the_unit" and text[c.end - 4 : c.end].lower() == "year":
            # "earlier in the year", "a high for the year": the year under way, as "the month" is;
            # "the (fiscal) year ended June 30" is the twelve months up to that day
            if _YEAR_ENDED.match(text, c.end):
                c.sem = Sem("DURATION", "duration", value="P1Y")
            elif c.sem.type == "DURATION":
                c.sem = Sem("DATE", "year", rel="dct", unit="year")
    chosen.extend(_from_entities(sdoc, chosen))
    for c in chosen:
        c.silent = not_times.to_compound(c.start, c.end, text)
    chosen = [
        c
        for c in chosen
        if not _AGE_AFTER.match(text, c.end)
        and not not_times.generic_today(c.start, c.end, text)
        and not not_times.programme_title(c.start, c.end, text)
        and not not_times.in_name(c.start, c.end, text)
        and not not_times.idiom(c.start, c.end, text)
        and not not_times.kind_of_year(c.start, c.end, text)
    ]
    chosen.sort(key=lambda c: c.start)
    return chosen


# Characters the regex engine matches to an ASCII letter ignoring case, though lower-casing
# does not make them that letter (dotless i, long s).
_FOLDED_APART = re.compile("[\u0131\u017f]")


def _same_when_lowered(text: str, low: str) -> bool:
    """Whether a case-insensitive ASCII pattern matches ``text`` exactly where its case-sensitive
    twin matches ``low``: every character lower-cased in place, none folded apart."""
    return len(low) == len(text) and _FOLDED_APART.search(text) is None


def _matches(
    rx: re.Pattern[str], twin: re.Pattern[str] | None, text: str, low: str
) -> list[re.Match[str]]:
    """``rx.finditer(text)``, found by the faster case-sensitive ``twin`` on ``low`` when given.

    Each match the twin finds is read again by ``rx`` at the same place, so the groups keep the
    text's case; were a reading ever to differ, the whole text is scanned by ``rx`` instead.
    """
    if twin is None:
        return list(rx.finditer(text))
    out = []
    for found in twin.finditer(low):
        m = rx.match(text, found.start())
        if m is None or m.end() != found.end():
            return list(rx.finditer(text))
        out.append(m)
    return out


def _candidate(name: str, m: re.Match[str], text: str, sdoc: Any) -> Candidate | None:
    groups = m.groupdict()
    sem = normalise(name, groups, m.group())
    start, end = m.start(), m.end()
    if sem is None:
        bare = name == "vague" and not groups.get("rel") and not groups.get("q")
        if bare and _BARE_PLURAL_CUE.search(text[max(0, start - 12) : start]):
            # "for years", "within weeks": a vague duration only after such a word
            unit = lexicon().unit(groups.get("unit") or "")
            if unit is not None:
                value = duration_value(None, unit.name, lexicon())
                return Candidate(
                    m.start("unit"), end, Sem("DURATION", "duration", value=value), name
                )
        return None
    if name == "shift" and sem.type == "DURATION":
        end = m.end("unit")
    if name in ("duration", "quarter") and groups.get("the") and re.search(r"-\w+$", m.group()):
        start = m.start("the") + 4  # "the eight-year term": the adjective alone
    if name == "vague" and groups.get("the") and not groups.get("rel"):
        start = m.start("unit") if not groups.get("q") else m.start("q")  # "the weeks": "weeks"
    if name == "year" and not _is_year(m, text, sdoc):
        return None
    if name == "duration" and sem.type == "DURATION" and not _duration_ok(m, text, sdoc):
        return None
    if name == "duration" and _some_day(m, text, sdoc):
        # "Islam will one day be ...": an indefinite time to come, not a length of one day
        sem = Sem("DATE", "ref", value="FUTURE_REF")
    if name == "set_per" and not re.search(
        r"[\d%]|\btimes?\b|once|twice|million|billion", text[max(0, start - 30) : start + 12]
    ):
        return None
    return Candidate(start, end, sem, name)


def _is_year(m: re.Match[str], text: str, sdoc: Any) -> bool:
    """A four-digit number is a year unless it counts something ("2,000 people") or is a code."""
    before = text[max(0, m.start() - 12) : m.start()]
    if _NOT_A_YEAR_BEFORE.search(before):
        return False
    year = int(m.group("year"))
    tok = _token_at(sdoc, m.start("year"))
    if tok is not None:
        prev = sdoc[tok.i - 1] if tok.i > 0 else None
        # "the 1992 protests", "the 2000 Olympics": after a determiner the number modifies the
        # noun as a year does; "2,000 people", "1990 shares" count it
        determined = prev is not None and prev.lower_ in _YEAR_DETERMINERS
        nxt = sdoc[tok.i + 1] if tok.i + 1 < len(sdoc) else None
        if nxt is not None and (
            (nxt.tag_ in ("NNS", "NNPS") and tok.head.i == nxt.i and not determined)
            or nxt.lower_ in ("%", "percent")
        ):
            return False
        if prev is not None and m.start() == m.start("year") and not_times.name_before_number(prev):
            return False  # "Orion 1980", "Windows 95": a number that ends a name
    if 1900 <= year <= 2099:
        return True
    return bool(_YEAR_CUE.search(before))


_YEAR_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "this", "that", "'s"})


_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|can|should|must|shall|'ll|'d)\s+$", re.IGNORECASE
)


def _some_day(m: re.Match[str], text: str, sdoc: Any) -> bool:
    """ "one day" as an adverb of the future: after a modal ("will one day be") or before a
    bare verb ("he hopes he one day follow[s]") rather than counted ("in one day")."""
    if m.group().lower() != "one day":
        return False
    if _MODAL_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return True
    nxt = _token_at(sdoc, m.end() + 1) if re.match(r"\s+\w", text[m.end() : m.end() + 2]) else None
    prev = _token_at(sdoc, m.start() - 2) if m.start() >= 2 else None
    return (
        nxt is not None
        and nxt.tag_ in ("VB", "VBP", "VBZ")
        and prev is not None
        and prev.pos_ in ("PRON", "PROPN", "NOUN")
    )


def _duration_ok(m: re.Match[str], text: str, sdoc: Any) -> bool:
    """Reject ages ("56 years old", "a 56-year-old") and counts that only look like durations."""
    after = text[m.end() : m.end() + 12].lower()
    if re.match(r"[-\s]*(?:old|of age|younger|older)\b", after):
        return False
    # "three-quarters of its food": a hyphenated fraction, not nine months
    if not m.group("the") and _FRACTION.search(m.group()) and re.match(r"\s+of\b", after):
        return False
    if _A_SECOND.fullmatch(m.group()):
        # "a second group", "a second betrayal": the ordinal before a noun, not one second
        nxt = _token_at(sdoc, m.end() + 1) if re.match(r"\s+\w", after) else None
        return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ")
    return True


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest first; a shorter match is dropped where it overlaps a longer one."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), _PRIORITY.get(c.source, 5), c.start))
    taken: list[Candidate] = []
    near: IntervalIndex[Candidate] = IntervalIndex()  # only a nearby match can overlap
    for c in order:
        if all(c.end <= t.start or c.start >= t.end for t in near.near(c.start, c.end)):
            taken.append(c)
            near.add(c.start, c.end, c)
    taken.sort(key=lambda c: c.start)
    return taken


_TIME_JOIN = re.compile(r"^(?:,?\s+(?:on\s+|at\s+)?|\s*,\s*)$", re.IGNORECASE)
_DAYISH = {"weekday", "dayword", "date_mdy", "date_dmy", "date_iso", "date_slash"}


def _merge_times(cands: list[Candidate], text: str) -> list[Candidate]:
    """Join a clock time and its day ("3 p.m. Friday", "Friday at 3 p.m.") into one TIME."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and _TIME_JOIN.match(text[c.end : nxt.start]):
            pair = (c, nxt) if c.source in _DAYISH else (nxt, c)
            day, clock = pair
            if (
                day.source in _DAYISH
                and clock.source in ("time", "noon", "time24", "time_mil")
                and not day.sem.part
            ):
                sem = Sem(**{**day.sem.__dict__})
                sem.type, sem.granularity = "TIME", "minute"
                sem.hour, sem.minute = clock.sem.hour, clock.sem.minute
                out.append(Candidate(c.start, nxt.end, sem, day.source))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


# "April 24 and 25": a second day of the same month, joined to a month-day date.
_AND_DAY = re.compile(
    r"\s+(?:and|or|&)\s+(?P<day>[0-3]?\d(?!\d))(?:st|nd|rd|th)?(?![\d:.,]\d|\s*(?:%|[A-Za-z]))"
)


def _conjoined_days(cands: list[Candidate], text: str) -> list[Candidate]:
    """Add the bare day of "April 24 and 25" as a date of its own, in the first one's month."""
    out: list[Candidate] = []
    for i, c in enumerate(cands):
        out.append(c)
        if c.source != "date_mdy" or not c.sem.month or not c.sem.day:
            continue
        m = _AND_DAY.match(text, c.end)
        nxt = cands[i + 1].start if i + 1 < len(cands) else len(text)
        if m is None or m.end() > nxt or not 1 <= int(m["day"]) <= 31:
            continue
        sem = Sem(**{**c.sem.__dict__, "day": int(m["day"]), "weekday": None})
        out.append(Candidate(m.start("day"), m.end(), sem, "date_mdy"))
    return out


def _token_at(sdoc: Any, char: int) -> Any:
    span = sdoc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


_SPACE = re.compile(r"\s")
_ENTITY_MONTH = re.compile(r"(?:(?P<mod>early|mid|late)[-\s]?)?(?P<mon>[A-Z][a-z]+)")


def _entity_month(text: str) -> tuple[int, Sem] | None:
    """``(start, meaning)`` of an entity that is a month name alone, optionally "early"/"late"."""
    m = _ENTITY_MONTH.fullmatch(text)
    if m is None:
        return None
    month = lexicon().month(m["mon"])
    if month is None or len(m["mon"]) < 3:
        return None
    return m.start(), Sem("DATE", "month", month=month, rel="tense")


def _from_entities(sdoc: Any, taken: list[Candidate]) -> list[Candidate]:
    """spaCy DATE/TIME entities that the grammar missed, read by the recogniser."""
    out: list[Candidate] = []
    near = IntervalIndex((t.start, t.end, t) for t in taken)
    near_all = IntervalIndex((t.start, t.end, t) for t in taken)  # taken and out
    for ent in sdoc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(
            ent.start_char < t.end and t.start < ent.end_char
            for t in near.near(ent.start_char, ent.end_char)
        ):
            continue
        if not any(ch.isalpha() for ch in ent.text):
            continue  # bare numbers ("56") are ages and counts far more often than dates
        if _AGE_IN.search(ent.text) or len(ent.text) > 60:
            continue  # ages ("44-year-old", "52 years old") are never times; skip the slow call
        text = _TRIM_LEFT.sub("", ent.text)
        offset = ent.start_char + (len(ent.text) - len(text))
        month = _entity_month(text)
        if month is not None:
            # "in March", "early May": the grammar leaves these ambiguous words to the tagger;
            # read them here rather than through the slow recogniser
            out.append(Candidate(offset + month[0], offset + len(text), month[1], "entity"))
            near_all.add(out[-1].start, out[-1].end, out[-1])
            continue
        if not _SPACE.search(text):
            continue  # one word the grammar did not read: nothing the recogniser adds ("annual")
        ignore = lexicon().recogniser_ignore
        for rstart, rend, sem in msrec.read(text):
            if text[rstart:rend].lower() in ignore:
                continue
            if ent.label_ == "TIME" and sem.granularity in ("year", "decade", "century"):
                continue  # a time of day is never a year ("1100 EST" is not the year 1100)
            start, end = offset + rstart, offset + rend
            if any(start < t.end and t.start < end for t in near_all.near(start, end)):
                continue
            out.append(Candidate(start, end, sem, "msrec"))
            near_all.add(start, end, out[-1])
    return out
