"""The surface grammar of English temporal expressions: named regular expressions over the text.

Each pattern name has a handler in :mod:`normalisation` that reads its groups into a
:class:`~newsgraph.pipeline.stages.times.sem.Sem` (or rejects the match). Extents follow TimeML:
determiners and modifiers such as "the", "nearly", "early" are inside; prepositions are outside.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.pipeline.stages.times.lexicon import Lexicon, alternation, lexicon

_END = r"(?![\w])"
_FULL_NAMES = frozenset({"may", "june", "july"})
_START = r"(?<![\w$#.,/-])"


def _pieces(lx: Lexicon) -> dict[str, str]:
    number_words = [w for w in lx.numbers if w not in ("a", "an", "half", "couple", "dozen")]
    numw = alternation(number_words)
    num = (
        r"(?:\d+\s+1/2|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
        + numw
        + r"(?:[\s-]+(?:and\s+)?"
        + numw
        + r")*(?:\s+dozen)?|a\s+dozen|a\s+couple\s+of|a\s+few|a|an|several|few|many|some|"
        + r"a\s+half|one\s+and\s+a\s+half)"
    )
    ordinal = alternation(list(lx.ordinals)) + r"|\d{1,2}(?:st|nd|rd|th)"
    return {
        "M": alternation(lx.months, dotted=True, full=_FULL_NAMES),
        "WD": alternation(lx.weekdays, dotted=True),
        "DN": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)",
        "YR": r"(?P<year>(?:1[0-9]|20)\d\d)(?![\d,.]\d)",
        # a year said in words, as in broadcast transcripts ("January nineteen ninety-seven")
        "YRW": r"(?P<yw>(?:nineteen|twenty)\s+(?:hundred\s+(?:and\s+)?)?"
        r"(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|oh)"
        r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?)",
        "NUM": num,
        "U": alternation(list(lx.unit_forms)),
        "ORD": "(?:" + ordinal + ")",
        "SEASON": alternation(lx.seasons),
        "POD": r"(?:mid[-\s]?(?:morning|afternoon|evening)|morning|afternoon|evening|night)",
        "MOD": r"(?:nearly|almost|approximately|more\s+than|less\s+than|no\s+more\s+than|"
        r"up\s+to|at\s+least|at\s+most|fewer\s+than|the\s+better\s+part\s+of)",
        "EML": r"(?:(?P<mod>early|mid|late)[-\s]?)",
        "REL": r"(?:this\s+past|that\s+same|this|last|next|past|coming|previous|following|"
        r"same|current|that|preceding|prior|latest|recent)",
        "DAYW": r"(?:today|yesterday|tomorrow|tonight)",
    }


# Pattern name -> regex template ({X} are the pieces above). Order matters only for ties.
_TEMPLATES: dict[str, str] = {
    "date_iso": r"(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)(?!\d)",
    "date_slash": r"(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}|\d{4})(?![\d/])",
    "date_mdy": r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?"
    r"(?:(?P<wd>{WD}),?\s+)?(?P<mon>{M})\s+{DN}(?:(?:,\s*|\s+){YR})?",
    "date_dmy": r"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?{DN}\s+(?:of\s+)?(?P<mon>{M})(?:,?\s+{YR})?",
    "week_of": r"the\s+week\s+of\s+(?P<mon>{M})\s+{DN}(?:(?:,\s*|\s+){YR})?",
    "month_year": r"{EML}?(?P<mon>{M})(?:\s+of)?,?\s+(?:fiscal\s+)?(?:{YR}|{YRW})",
    "month": r"(?:{EML}|(?P<rel>this\s+past|this|last|next|past|coming|previous|following|"
    r"same)\s+)?(?P<mon>{M})(?:(?:\s+of)?\s+(?P<yrel>this|last|next)\s+year)?",
    "year": r"(?:(?P<fiscal>fiscal)\s+(?:year\s+)?|(?P<prepost>pre|post)-)?{EML}?"
    r"(?P<year>(?:1[0-9]|20)\d\d)"
    r"(?![\d,.]\d)",
    "decade": r"(?:the\s+)?{EML}?(?:(?P<dec>(?:1[0-9]|20)\d)0'?s|'(?P<dec2>\d)0s)",
    "decade_words": r"the\s+{EML}?(?:nineteen[-\s]?)?(?P<dw>twenties|thirties|forties|fifties|"
    r"sixties|seventies|eighties|nineties)",
    "century": r"(?:the\s+)?{EML}?(?P<ord>{ORD})[-\s]century",
    "quarter": r"(?:(?P<the>the)\s+)?(?:(?P<thisyr>(?:this|last|next)\s+year's)\s+|"
    r"(?P<yrpos>(?:1[0-9]|20)\d\d)'?s?\s+)?"
    r"(?P<rels>(?:(?:this|last|next|latest|current|previous|past|most\s+recent|recent|same|"
    r"year-earlier|year-ago|fiscal|comparable|corresponding)\s+)*)"
    r"(?:(?:fiscal-)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[-\s]"
    r"(?:fiscal\s+)?)?"
    r"(?P<qh>quarter|half|period)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<ofyear>(?:1[0-9]|20)\d\d)|"
    r"(?P<ofrel>this|last|next)\s+year)|(?P<ago>\s+a\s+year\s+(?:ago|earlier)))?",
    # "the first two quarters of 1990": a half year, named by its quarters
    "two_quarters": r"(?:the\s+)?(?P<which>first|last)\s+two\s+(?:fiscal\s+)?quarters\s+of\s+"
    r"(?:fiscal\s+)?(?P<ofyear>(?:1[0-9]|20)\d\d)",
    "qcode": r"(?P<q>Q[1-4])(?:\s+(?P<year>(?:1[0-9]|20)\d\d))?",
    "weekday": r"(?:(?P<rel>this\s+past|this\s+coming|the\s+previous|the\s+following|this|last|"
    r"next|early|late)\s+)?"
    r"(?P<wd>{WD})"
    r"(?:\s+(?P<pod>{POD})(?P<plural>s)?)?",
    "dayword": r"(?:(?P<pre>early|late)\s+)?(?P<dw>{DAYW})(?:\s+(?P<pod>{POD}))?",
    "pod_day": r"(?:(?P<pre>early|late)\s+)?(?P<pod>{POD})\s+(?P<dw>{DAYW}|{WD})",
    "pod_rel": r"(?:(?P<pre>early|late|later)\s+|(?<=\bin\s)(?P<in>)|(?<=\bduring\s)(?P<in2>))?"
    r"(?P<rel>this|last|that|the\s+next|"
    r"the\s+following|the\s+previous|the\s+same|the)\s+(?P<pod>{POD})",
    "pod_bare": r"(?P<pod>mid[-\s]?(?:morning|afternoon|evening))",
    "overnight": r"overnight",
    "rel_unit": r"(?:(?P<pre>earlier|later|early|late)\s+)?(?:(?P<the>the)\s+)?"
    r"(?P<rel>{REL}|the\s+same)\s+(?P<unit>week|month|year|quarter|decade|century|weekend|day|"
    r"season|spring|summer|fall|autumn|winter)(?!-)",
    "the_unit": r"(?P<the>the|this)\s+"
    r"(?P<adj>(?:(?:current|full|fiscal|calendar|whole|entire)\s+)*)"
    r"(?P<unit>week|month|year|weekend|day)(?!-|\s+(?:before|after|earlier|later))",
    "unit_rel": r"(?P<the>the)\s+(?P<unit>day|week|month|year)\s+"
    r"(?P<dir>before|after|earlier|later)"
    r"(?=\s*[,.;:)]|\s+(?:that|and|but)\b)",
    "shift": r"(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM})\s+(?P<unit>{U})\s+(?:or\s+so\s+)?"
    r"(?P<dir>ago|earlier|later|before|after|from\s+now|hence|previously|back)",
    "shift_adj": r"(?:(?P<the>the)\s+)?(?P<unit>year|month|week|quarter|day)-(?P<dir>earlier|ago)"
    r"(?:\s+(?P<noun>period|quarter|nine\s+months|six\s+months|first\s+half|second\s+half))?",
    "duration": r"(?:(?P<the>the)\s+)?(?:(?P<mod>{MOD})\s+)?"
    r"(?:(?P<rel>past|last|next|first|coming|previous|following|latest|final|recent|initial|"
    r"entire|whole|full|same|additional|further|remaining|other)\s+)?"
    r"(?P<num>{NUM})(?:\s*(?:to|or|-|and)\s*(?P<num2>{NUM}))?[\s-]+"
    r"(?:(?:more|additional|further|full)\s+)?"
    r"(?P<unit>{U})"
    r"(?P<half>\s+and\s+a\s+half)?(?![\w-]|\s+old|\s+of\s+age)",
    "vague": r"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|coming|recent|previous|following|"
    r"ensuing|intervening|many|few|several|the\s+past\s+few|the\s+next\s+few)\s+)?"
    r"(?:(?P<q>few|several|many|couple\s+of)\s+)?"
    r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries|quarters)(?![\w-])",
    "ref": "(?P<ref>{REF})",
    # "for some time", "for a while": a duration of unknown length and unit
    "vague_span": r"(?<=\bfor\s)(?:quite\s+)?(?:some\s+time|a\s+(?:long\s+|short\s+|little\s+)?"
    r"while)(?!\s+(?:ago|before|after|later|earlier|now|since|back|next|last|this|in|on|during))",
    "time": r"(?:(?P<mod>about|around|approximately|shortly\s+(?:before|after)|"
    r"just\s+(?:before|after))\s+)?"
    r"(?P<h>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
    r"(?:\s+(?P<tz>{TZ}))?",
    # "4 in the morning", "10 o'clock at night": a clock hour placed by its part of the day
    "clock_pod": r"(?P<h>1[0-2]|[1-9])(?::(?P<mi>[0-5]\d))?(?:\s+o'clock)?\s+"
    r"(?:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+(?P<night>night))",
    "time24": r"(?P<h>[012]?\d)[:](?P<mi>[0-5]\d)(?:\s+(?P<tz>{TZ}))",
    # "at 1100 EST", "0900 GMT", "1430 hrs": a 24-hour clock time written without a colon; the
    # time zone (or "hrs", "local time") after it is what tells it from a year or a count
    "time_mil": r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:(?P<tz>{TZ})|hrs\b|local\s+time)",
    "noon": r"(?P<word>noon|midnight|midday)",
    "set": r"(?P<every>every|each)\s+(?:(?P<ord>other|{ORD})\s+)?(?P<what>{U}|{WD}|{M}|{SEASON}|"
    r"morning|afternoon|evening|night)",
    "set_adv": "(?P<adv>{SETW})",
    # the optional count carries its own space: a "\s*" of its own would try every start in a
    # run of blanks (quadratic in the run's length)
    "set_per": r"(?:(?P<times>once|twice|\w+\s+times)\s+)?(?:a|per)\s+"
    r"(?P<unit>year|month|week|day|quarter)",
    "weekday_plural": r"(?:on\s+)?(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|"
    r"sundays)",
    "season": r"(?:(?P<rel>this|last|next|early|late|the|that|past|coming)\s+)?"
    r"(?P<season>{SEASON})"
    r"(?:\s+(?:of\s+)?(?:(?P<year>(?:1[0-9]|20)\d\d)|{YRW}))?",
    "year_named": r"the\s+year\s+(?:(?P<year>(?:1[0-9]|20)\d\d)|"
    r"(?P<twok>two\s+thousand(?:\s+and)?(?:\s+(?P<u>one|two|three|four|five|six|seven|eight|nine|ten))?))",
    "year_words": r"(?P<c>nineteen|twenty)\s+(?:hundred\s+(?:and\s+)?)?"
    r"(?P<t>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|oh)(?:[-\s](?P<u>one|two|three|four|five|six|seven|eight|"
    r"nine))?",
    "year_period": r"the\s+(?P<year>(?:1[0-9]|20)\d\d)\s+(?:period|season|fiscal\s+year)",
    "year_end": r"(?P<pre>around\s+)?(?:the\s+)?(?P<yr>(?:1[0-9]|20)\d\d\s+)?"
    r"year(?:'s)?[-\s]end",
    "long_adj": r"(?:(?P<num>{NUM})[-\s])?(?P<unit>{U})-long",
    "holiday": r"(?:(?P<rel>last|this|next)\s+)?(?P<hol>{HOL})(?P<week>\s+week(?![\w-]))?",
    "span_of": r"(?P<pre>the\s+(?:end|beginning|start|middle|rest|remainder|close|turn)\s+of)\s+"
    r"(?=the\s+|this\s+|last\s+|next\s+|(?:1[0-9]|20)\d\d|{M})",
}


# Necessary conditions, searched in the lower-cased text, for the patterns that seldom match: a
# pattern whose trigger is absent from an article cannot match anywhere in it, so it is not run.
# Each trigger is a literal or a digit class (no IGNORECASE), which the regex engine finds far
# faster than a full pattern, which is tried at every character.
_MONTH3 = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_YEAR4 = r"(?:1[0-9]|20)\d\d"
_POD3 = r"(?:morning|afternoon|evening|night)"
_TRIGGERS: dict[str, str] = {
    "date_iso": r"\d{4}-\d\d-\d\d",
    "date_slash": r"\d/\d",
    "date_mdy": _MONTH3,
    "date_dmy": r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH3,
    "week_of": r"week\s+of\s+" + _MONTH3,
    "month_year": _YEAR4 + "|nineteen|twenty",
    "month": _MONTH3,
    "year": _YEAR4,
    "decade": r"\d0'?s",
    "century": "century",
    "decade_words": "ties",
    "clock_pod": r"\d(?:\s+o'clock)?\s+(?:in\s+the|at\s+night)",
    "vague_span": r"for\s(?:quite\s+)?(?:some\s+time|a\s+(?:long\s+|short\s+|little\s+)?while)",
    "quarter": "quarter|half|period",
    "two_quarters": r"two\s+(?:fiscal\s+)?quarters\s+of",
    "qcode": "q[1-4]",
    "weekday": "mon|tue|wed|thu|fri|sat|sun",
    "dayword": "today|yesterday|tomorrow|tonight",
    "pod_day": _POD3,
    "pod_rel": _POD3,
    "pod_bare": "morning|afternoon|evening",
    "overnight": "overnight",
    "shift_adj": "-earlier|-ago",
    "time": r"\d\s*[ap]\.?\s?m",
    "time24": r"\d:\d\d",
    "time_mil": r"\d\d\s*(?:hrs|local|{TZ})",
    "noon": "noon|midnight|midday",
    "set": "every|each",
    "set_adv": "{SETW}",
    "weekday_plural": "(?:mon|tues|wednes|thurs|fri|satur|sun)days",
    "season": "{SEASON}",
    "year_named": "year",
    "year_words": "nineteen|twenty",
    "year_period": _YEAR4,
    "year_end": r"year(?:'s)?[-\s]end",
    "long_adj": "-long",
    "holiday": "{HOL}",
    # the common patterns too: each needs a unit or direction word, which short articles
    # (tables of results, one-paragraph notices) often lack
    "duration": "{U}",
    "shift": r"ago|earlier|later|before|after|from\s+now|hence|previously|back",
    "vague": r"(?:year|month|week|day|decade|hour|minute|quarter)s|centuries",
    "rel_unit": "week|month|year|quarter|decade|century|day|season|spring|summer|fall|autumn|"
    "winter",
    "the_unit": "week|month|year|day",
    "unit_rel": r"(?:day|week|month|year)\s+(?:before|after|earlier|later)",
    "set_per": r"(?:a|per)\s+(?:year|month|week|day|quarter)",
    "ref": "{REF}",
    "span_of": r"(?:end|beginning|start|middle|rest|remainder|close|turn)\s+of\s",
}


class Words:
    """A trigger that is a set of plain words: ``search`` looks for each with ``in``, which
    finds a literal several times faster than the regex engine tries an alternation."""

    _PLAIN = re.compile(r"(?:\(\?:)?([a-z' -]+(?:\|[a-z' -]+)*)\)?")

    def __init__(self, words: list[str]) -> None:
        self.words = tuple(words)

    @classmethod
    def of(cls, body: str) -> Words | None:
        """The words of ``body`` if it is an alternation of plain words, else None."""
        m = cls._PLAIN.fullmatch(body)
        if m is None or (body.startswith("(?:") != body.endswith(")")):
            return None
        return cls(m.group(1).split("|"))

    def search(self, text: str) -> bool | None:
        """True when one of the words occurs in ``text`` (None otherwise, as a failed search)."""
        # map over ``str.__contains__``: the same short-circuit test without a generator frame
        return True if any(map(text.__contains__, self.words)) else None


@lru_cache(maxsize=1)
def triggers() -> dict[str, re.Pattern[str] | Words]:
    """Pattern name -> its trigger, for the lower-cased text: plain words or a case-sensitive
    regex."""
    lx = lexicon()
    words = {
        "SETW": lx.sets,
        "SEASON": lx.seasons,
        "HOL": lx.holidays,
        "TZ": lx.time_zones,
        "U": lx.unit_forms,
        "REF": lx.refs,
    }
    out: dict[str, re.Pattern[str] | Words] = {}
    for name, template in _TRIGGERS.items():
        body = template
        for key, items in words.items():
            body = body.replace("{" + key + "}", alternation([w.lower() for w in items]))
        out[name] = Words.of(body) or re.compile(body)
    return out


# A letter of the pattern itself (not of an escape such as ``\s`` or a group name): a pattern
# with an upper-case one cannot be run case-sensitively on the lower-cased text.
_ESCAPES_AND_NAMES = re.compile(r"\\.|\(\?P<\w+>")


@lru_cache(maxsize=1)
def compiled_lower() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]:
    """Each pattern with, where it can have one, a case-sensitive twin for the lower-cased text.

    Case-insensitive matching costs about twice a case-sensitive scan. Every pattern is ASCII,
    so on a text whose lower-casing keeps every character in its place (no "İ") and that has
    no character the regex engine folds onto an ASCII letter other than by lower-casing ("ı",
    "ſ"), the twin finds a match on the lower-cased text exactly where the pattern finds it on
    the text (:func:`recognition.find` checks this per text and re-reads each match with the
    pattern to get the original-case groups). Patterns with upper-case letters of their own
    (time zones) have no twin.
    """
    out = []
    for name, rx in compiled():
        plain = _ESCAPES_AND_NAMES.sub("", rx.pattern)
        ok = rx.pattern.isascii() and plain == plain.lower()
        out.append((name, rx, re.compile(rx.pattern) if ok else None))
    return tuple(out)


@lru_cache(maxsize=1)
def compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every pattern compiled once per process, case-insensitive."""
    lx = lexicon()
    pieces = _pieces(lx)
    pieces["REF"] = alternation(lx.refs)
    pieces["SETW"] = alternation(lx.sets)
    pieces["HOL"] = alternation(lx.holidays)
    pieces["TZ"] = alternation(list(lx.time_zones))
    out = []
    for name, template in _TEMPLATES.items():
        body = template
        for key, piece in pieces.items():
            body = body.replace("{" + key + "}", piece)
        end = "" if name == "span_of" else _END
        out.append((name, re.compile(_START + body + end, re.IGNORECASE)))
    return tuple(out)
