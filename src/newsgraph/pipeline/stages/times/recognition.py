"""Finding temporal expressions: our TimeML grammar, unioned with spaCy's DATE/TIME entities, with
Microsoft Recognizers-Text reading the entities our grammar does not cover.

The grammar (:mod:`patterns`) gives TimeML extents and meanings in one pass over the text. spaCy's
entities add recall; the recogniser (slow: ~5-10 ms a call) runs only on those leftover entity
strings, cached, so its cost stays small per article. Ages, counts and scores are not dates:
a number is only a year when the grammar reads it as one and it does not count something.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsgraph.pipeline.stages.times import msrec
from newsgraph.pipeline.stages.times.lexicon import lexicon
from newsgraph.pipeline.stages.times.normalisation import duration_value, normalise
from newsgraph.pipeline.stages.times.patterns import compiled
from newsgraph.pipeline.stages.times.sem import Sem


@dataclass
class Candidate:
    start: int
    end: int
    sem: Sem
    source: str  # pattern name | "msrec"


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
# "earlier in the year": the period under way, a date rather than a duration.
_IN_PERIOD = re.compile(r"\b(?:earlier|later|early|late)\s+in\s+$", re.IGNORECASE)
_TRIM_LEFT = re.compile(r"^(?:only|just|some|about|around)\s+", re.IGNORECASE)
_PRIORITY = {"date_mdy": 0, "date_dmy": 0, "month_year": 1, "time": 1, "quarter": 1}


def find(text: str, sdoc: Any) -> list[Candidate]:
    """Temporal expressions in ``text`` (non-overlapping, in order), not yet anchored."""
    cands: list[Candidate] = []
    prefixes: dict[int, int] = {}  # end -> start of "the end of" style prefixes
    for name, rx in compiled():
        for m in rx.finditer(text):
            if name == "span_of":
                prefixes[m.end()] = m.start()
                continue
            cand = _candidate(name, m, text, sdoc)
            if cand is not None:
                cands.append(cand)
    chosen = _select(cands)
    chosen = _merge_times(chosen, text)
    for c in chosen:
        if c.start in prefixes:
            c.start = prefixes[c.start]
            if c.source == "the_unit" and c.sem.type == "DURATION":
                # "the end of the year" is a point in the current year, not an amount of time
                c.sem = Sem("DATE", "year", rel="dct", unit="year")
        elif (
            c.source == "the_unit"
            and c.sem.type == "DURATION"
            and _IN_PERIOD.search(text, max(0, c.start - 16), c.start)
        ):
            c.sem = Sem("DATE", "year", rel="dct", unit="year")  # "earlier in the year"
    chosen.extend(_from_entities(sdoc, chosen))
    chosen = [c for c in chosen if not _AGE_AFTER.match(text, c.end)]
    chosen.sort(key=lambda c: c.start)
    return chosen


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
        # "2,000 people", "1990 shares": a count of the plural noun that follows
        nxt = sdoc[tok.i + 1] if tok.i + 1 < len(sdoc) else None
        if nxt is not None and (
            (nxt.tag_ in ("NNS", "NNPS") and tok.head.i == nxt.i) or nxt.lower_ in ("%", "percent")
        ):
            return False
    if 1900 <= year <= 2099:
        return True
    return bool(_YEAR_CUE.search(before))


def _duration_ok(m: re.Match[str], text: str, sdoc: Any) -> bool:
    """Reject ages ("56 years old", "a 56-year-old") and counts that only look like durations."""
    after = text[m.end() : m.end() + 12].lower()
    return not re.match(r"[-\s]*(?:old|of age|younger|older)\b", after)


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest first; a shorter match is dropped where it overlaps a longer one."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), _PRIORITY.get(c.source, 5), c.start))
    taken: list[Candidate] = []
    for c in order:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
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
                and clock.source in ("time", "noon", "time24")
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


def _token_at(sdoc: Any, char: int) -> Any:
    span = sdoc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _from_entities(sdoc: Any, taken: list[Candidate]) -> list[Candidate]:
    """spaCy DATE/TIME entities that the grammar missed, read by the recogniser."""
    out: list[Candidate] = []
    for ent in sdoc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(ent.start_char < t.end and t.start < ent.end_char for t in taken):
            continue
        if not any(ch.isalpha() for ch in ent.text):
            continue  # bare numbers ("56") are ages and counts far more often than dates
        if _AGE_IN.search(ent.text) or len(ent.text) > 60:
            continue  # ages ("44-year-old", "52 years old") are never times; skip the slow call
        text = _TRIM_LEFT.sub("", ent.text)
        offset = ent.start_char + (len(ent.text) - len(text))
        ignore = lexicon().recogniser_ignore
        for rstart, rend, sem in msrec.read(text):
            if text[rstart:rend].lower() in ignore:
                continue
            start, end = offset + rstart, offset + rend
            if any(start < t.end and t.start < end for t in taken + out):
                continue
            out.append(Candidate(start, end, sem, "msrec"))
    return out
