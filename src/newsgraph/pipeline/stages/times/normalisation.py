"""Reading a matched expression into its meaning (:class:`Sem`): one handler per surface pattern.

A handler returns ``None`` to reject a match that only looks temporal ("May" the verb, "a quarter
of the vote", an age). Values follow TIMEX3: ``P58M``, ``PXY``, ``2013-Q1``, ``XXXX-WI``,
``PRESENT_REF``; the article date and the discourse are applied later, in :mod:`anchoring`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsgraph.pipeline.stages.times.lexicon import Lexicon, lexicon
from newsgraph.pipeline.stages.times.sem import Sem

Groups = dict[str, str | None]
Handler = Callable[[Groups, str, Lexicon], Sem | None]

_HANDLERS: dict[str, Handler] = {}
_FULL_MONTH = re.compile(r"^[A-Z][a-z]+$")
_AMBIGUOUS_MONTHS = {"may", "march"}
_VAGUE = {"few", "several", "many", "some", "a few"}


def handler(name: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[name] = func
        return func

    return register


def normalise(name: str, groups: Groups, text: str) -> Sem | None:
    """The meaning of ``text`` matched by pattern ``name``, or ``None`` when it is not a timex."""
    func = _HANDLERS.get(name)
    return func(groups, text, lexicon()) if func else None


def number(text: str | None, lx: Lexicon) -> float | None:
    """Value of a cardinal in digits or words ("58", "twenty four", "a", "a couple of");
    ``None`` for vague quantities ("several")."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text.lower().replace(",", "")).strip()
    if t in _VAGUE:
        return None
    if t == "a couple of":
        return 2.0
    if t == "a dozen":
        return 12.0
    if t in ("a half",):
        return 0.5
    if t == "one and a half":
        return 1.5
    try:
        return float(t)
    except ValueError:
        pass
    if m := re.fullmatch(r"(\d+)\s+1/2", t):
        return int(m[1]) + 0.5
    total = 0.0
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        val = lx.numbers.get(word)
        if val is None:
            return None
        if word in ("hundred", "dozen") and total:
            total *= val
        else:
            total += val
    return total


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + (1900 if y >= 50 else 2000) if y < 100 else y


def _month_ok(word: str, text: str) -> bool:
    """A bare month name must be capitalised; "May"/"March" and abbreviations need a day or year."""
    w = word.rstrip(".")
    if not w[:1].isupper():
        return False
    return w.lower() not in _AMBIGUOUS_MONTHS or bool(re.search(r"\d", text))


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def duration_value(n: float | None, unit: str, lx: Lexicon) -> str:
    u = lx.units[unit]
    prefix = "PT" if u.time else "P"
    scale = {"decade": (10, "Y"), "century": (100, "Y"), "quarter": (3, "M")}.get(unit)
    if scale and n is not None:
        return f"P{_fmt_num(n * scale[0])}{scale[1]}"
    if unit == "weekend":
        return "P2D" if n == 1 else f"P{_fmt_num(2 * n) if n else 'X'}D"
    if n is None:
        return f"{prefix}X{u.letter}"
    if n != int(n) and n > 1:  # "5 1/2 hours" -> PT5H30M
        part = duration_value(n - int(n), unit, lx)
        whole = f"{prefix}{int(n)}{u.letter}"
        return whole + (part[2:] if u.time else part[1:])
    if n != int(n):  # "a year and a half" -> P18M, "half an hour" -> PT30M
        smaller = {
            "year": ("M", 12),
            "month": ("D", 30),
            "day": ("H", 24),
            "hour": ("M", 60),
            "minute": ("S", 60),
        }
        if unit in smaller:
            letter, k = smaller[unit]
            pre = "PT" if unit in ("day", "hour", "minute") else "P"
            return f"{pre}{_fmt_num(n * k)}{letter}"
    return f"{prefix}{_fmt_num(n)}{u.letter}"


@handler("date_iso")
def _date_iso(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    y, m, d = int(g["year"] or 0), int(g["mon"] or 0), int(g["day"] or 0)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return Sem("DATE", "day", year=y, month=m, day=d, explicit_year=True)


@handler("date_slash")
def _date_slash(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    m, d = int(g["mon"] or 0), int(g["day"] or 0)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return Sem("DATE", "day", year=_year(g["year"]), month=m, day=d, explicit_year=True)


def _weekday(g: Groups, lx: Lexicon) -> int | None:
    word = g.get("wd")
    return lx.weekday(word) if word else None


@handler("date_mdy")
@handler("date_dmy")
def _date_md(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    month = lx.month(g["mon"] or "")
    day = int(g["day"] or 0)
    if month is None or not 1 <= day <= 31:
        return None
    if not (g["mon"] or "")[:1].isupper():
        return None
    year = _year(g["year"])
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    force = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(
        rel
    )
    return Sem(
        "DATE",
        "day",
        year=year,
        month=month,
        day=day,
        weekday=_weekday(g, lx),
        explicit_year=year is not None,
        rel=None if year else "tense",
        force_tense=force,
    )


@handler("month_year")
def _month_year(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    month = lx.month(g["mon"] or "")
    if month is None or not (g["mon"] or "")[:1].isupper():
        return None
    return Sem("DATE", "month", year=_year(g["year"]), month=month, explicit_year=True)


@handler("month")
def _month(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = g["mon"] or ""
    month = lx.month(word)
    if month is None or not (
        _month_ok(word, text) or (word[:1].isupper() and (g.get("rel") or g.get("yrel")))
    ):
        return None
    if (
        len(word.rstrip(".")) <= 4
        and not word.endswith(".")
        and word.lower() not in ("may", "june", "july")
    ):
        return None
    if word.lower() in _AMBIGUOUS_MONTHS and not g.get("rel") and not g.get("mod"):
        return None
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    yrel = (g.get("yrel") or "").lower()
    if yrel:  # "June last year"
        return Sem(
            "DATE",
            "month",
            month=month,
            rel="year",
            shift={"last": -1, "next": 1}.get(yrel, 0),
            shift_unit="year",
        )
    force = {
        "last": "past",
        "past": "past",
        "this past": "past",
        "previous": "past",
        "next": "future",
        "coming": "future",
        "following": "future",
    }.get(rel)
    # "last June": the June before the reference month, strictly
    return Sem(
        "DATE",
        "month",
        month=month,
        rel="tense",
        force_tense=force,
        shift=-1 if force == "past" else (1 if force else 0),
        shift_unit="strict" if force else None,
    )


@handler("year")
def _year_h(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    y = int(g["year"] or 0)
    if not 1000 <= y <= 2099:
        return None
    return Sem("DATE", "year", year=y, explicit_year=True)


@handler("decade")
def _decade(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    if g["dec"]:
        dec = int(g["dec"])
    elif g["dec2"]:
        dec = 190 + int(g["dec2"]) if int(g["dec2"]) >= 2 else 200 + int(g["dec2"])
    else:
        return None
    return Sem("DATE", "decade", value=f"{dec:03d}")


@handler("century")
def _century(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = (g["ord"] or "").lower()
    n = lx.ordinals.get(word)
    if n is None:
        digits = re.match(r"\d+", word)
        n = int(digits.group()) if digits else None
    if not n or n < 1:
        return None
    return Sem("DATE", "century", value=f"{n - 1:02d}")


_ORD_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@handler("quarter")
def _quarter(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    rels = (g["rels"] or "").lower().split()
    ordw = (g["ord"] or "").lower()
    half = (g["qh"] or "").lower() == "half"
    if not (g["the"] or g["thisyr"] or g["yrpos"] or rels or ordw):
        return None  # "a quarter of the vote"
    if half and not ordw:
        return None
    n = _ORD_Q.get(ordw) if ordw not in ("final",) else (2 if half else 4)
    if half and n not in (1, 2):
        return None
    year = _year(g["yrpos"] or g["ofyear"])
    sem = Sem("DATE", "half" if half else "quarter", year=year, explicit_year=year is not None)
    if half:
        sem.half = n
    else:
        sem.quarter = n
    ofrel = (g["ofrel"] or "").lower()
    if ofrel == "last" or "year-earlier" in rels or "year-ago" in rels:
        sem.shift, sem.shift_unit = -1, "year"
    elif ofrel == "next":
        sem.shift, sem.shift_unit = 1, "year"
    if year is None:
        if n is None:
            # "the quarter", "the latest quarter": the last completed one; "this quarter": current.
            step = {"this": 0, "current": 0, "next": 1}.get(rels[0] if rels else "", -1)
            sem.rel, sem.unit, sem.shift, sem.shift_unit = "dct", "quarter", step, "quarter"
            if "year-earlier" in rels or "year-ago" in rels:
                sem.shift, sem.period_shift = -5, -1
        else:
            sem.rel = "discourse" if sem.shift_unit == "year" and not ofrel else "year"
    return sem


@handler("qcode")
def _qcode(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    q = int((g["q"] or "Q0")[1])
    year = _year(g["year"])
    return Sem(
        "DATE",
        "quarter",
        quarter=q,
        year=year,
        explicit_year=year is not None,
        rel=None if year else "year",
    )


def _pod(word: str | None, lx: Lexicon) -> str | None:
    return lx.parts_of_day.get(word.lower()) if word else None


@handler("weekday")
def _weekday_h(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = g["wd"] or ""
    wd = lx.weekday(word)
    if wd is None or not word[:1].isupper():
        return None
    if len(word.rstrip(".")) <= 4 and not word.endswith("."):
        return None  # "Sun", "Wed" without a dot are names more often than days
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    shift = {"last": -1, "next": 1, "this past": -1, "this coming": 1}.get(rel, 0)
    pod = _pod(g["pod"], lx)
    return Sem(
        "TIME" if pod else "DATE",
        "part" if pod else "day",
        weekday=wd,
        part=pod,
        rel="weekday",
        shift=shift,
    )


@handler("dayword")
@handler("pod_day")
def _dayword(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = (g["dw"] or "").lower()
    pod = _pod(g["pod"], lx)
    if word == "tonight":
        pod = "NI"
    if word in lx.day_words:
        sem = Sem(
            "TIME" if pod else "DATE",
            "part" if pod else "day",
            rel="dct",
            shift=lx.day_words[word],
            shift_unit="day",
            part=pod,
        )
        return sem
    wd = lx.weekday(g["dw"] or "")
    if wd is None:
        return None
    return Sem(
        "TIME" if pod else "DATE", "part" if pod else "day", weekday=wd, part=pod, rel="weekday"
    )


@handler("pod_rel")
def _pod_rel(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    pod = _pod(g["pod"], lx)
    if pod is None:
        return None
    if rel == "the" and not g["pre"]:
        return None  # "the night" alone is rarely a date
    if rel in ("this", "last"):
        shift = -1 if rel == "last" and pod == "NI" else 0
        return Sem("TIME", "part", rel="dct", shift=shift, shift_unit="day", part=pod)
    shift = {"the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
    return Sem("TIME", "part", rel="discourse", shift=shift, shift_unit="day", part=pod)


@handler("pod_bare")
def _pod_bare(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    pod = _pod(re.sub(r"[-\s]+", "-", g["pod"] or ""), lx)
    return Sem("TIME", "part", rel="dct", part=pod) if pod else None


_TENS = {
    "ten": 1,
    "twenty": 2,
    "thirty": 3,
    "forty": 4,
    "fifty": 5,
    "sixty": 6,
    "seventy": 7,
    "eighty": 8,
    "ninety": 9,
    "oh": 0,
}
_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}


@handler("year_words")
def _year_words(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    century = 19 if (g["c"] or "").lower() == "nineteen" else 20
    tens = _TENS.get((g["t"] or "").lower())
    if tens is None:
        return None
    year = century * 100 + tens * 10 + _UNITS.get((g["u"] or "").lower(), 0)
    return Sem("DATE", "year", year=year, explicit_year=True)


@handler("holiday")
def _holiday(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    name = g["hol"] or ""
    rule = lx.holidays.get(re.sub(r"\s+", " ", name.lower()).replace("\u2019", "'"))
    if rule is None or not name[:1].isupper():
        return None
    rel = (g["rel"] or "").lower()
    force = {"last": "past", "next": "future"}.get(rel)
    return Sem("DATE", "day", holiday=rule, rel="tense", force_tense=force)


@handler("year_named")
def _year_named(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    if g["year"]:
        year = int(g["year"])
    else:
        year = 2000 + (
            _UNITS.get((g["u"] or "").lower(), 0) if (g["u"] or "").lower() != "ten" else 10
        )
    return Sem("DATE", "year", year=year, explicit_year=True)


@handler("year_end")
def _year_end(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    if g["yr"]:
        return Sem("DATE", "year", year=int(g["yr"]), explicit_year=True)
    return Sem("DATE", "year", rel="dct", unit="year")


@handler("long_adj")
def _long_adj(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = lx.unit(g["unit"] or "")
    if unit is None:
        return None
    n = number(g["num"], lx) if g["num"] else (None if (g["unit"] or "").endswith("s") else 1.0)
    return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))


@handler("overnight")
def _overnight(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    return Sem("TIME", "part", rel="dct", shift=-1, shift_unit="day", part="NI")


_REL_SHIFT = {
    "this past": -1,
    "this": 0,
    "current": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "same": 0,
    "the same": 0,
    "that": 0,
    "latest": 0,
    "recent": -1,
}
_ANAPHORIC = {"following", "previous", "preceding", "prior", "same", "the same", "that"}


@handler("rel_unit")
def _rel_unit(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    unit = (g["unit"] or "").lower()
    if rel == "recent" or (rel == "latest" and unit != "quarter"):
        return None
    if rel in ("past", "last") and unit in ("decade", "century"):
        return Sem("DURATION", "duration", value=duration_value(1, unit, lx))
    shift = _REL_SHIFT.get(rel, 0)
    # "the next day" counts from the story's last date, "next week" from the article date
    rel_mode = "discourse" if rel in _ANAPHORIC or (g["the"] and rel == "next") else "dct"
    if unit in lx.seasons and rel in ("last", "past", "this past", "previous", "next", "coming"):
        # "last spring": the spring before the current season, "next fall" the one after
        return Sem(
            "DATE",
            "season",
            season=lx.seasons[unit],
            rel="tense",
            shift=1 if shift > 0 else -1,
            shift_unit="strict",
            force_tense="future" if shift > 0 else "past",
        )
    if unit in lx.seasons or unit == "season":
        return Sem(
            "DATE",
            "season",
            season=lx.seasons.get(unit),
            rel=rel_mode,
            shift=shift,
            shift_unit="year",
            unit="year",
        )
    if unit == "weekend":
        return Sem("DATE", "weekend", rel=rel_mode, shift=shift, shift_unit="week", unit="weekend")
    gran = {"decade": "decade", "century": "century"}.get(unit, unit)
    return Sem("DATE", gran, rel=rel_mode, shift=shift, shift_unit=unit, unit=unit)


def _unit_name(word: str) -> str:
    return lexicon().unit_forms.get(word.lower(), word.lower())


@handler("the_unit")
def _the_unit(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = (g["unit"] or "").lower()
    det = (g["the"] or "").lower()
    adj = (g["adj"] or "").strip()
    if unit == "weekend":
        return Sem("DATE", "weekend", rel="weekend", unit="weekend")
    if det == "the" and not adj:
        if unit == "day":
            return None  # "the day" is rarely a date by itself
        if unit == "year":
            return Sem("DURATION", "duration", value="P1Y")  # "for the year"
    return Sem("DATE", unit, rel="dct", unit=unit)


@handler("unit_rel")
def _unit_rel(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = (g["unit"] or "").lower()
    step = -1 if (g["dir"] or "").lower() in ("before", "earlier") else 1
    return Sem("DATE", unit, rel="discourse", shift=step, shift_unit=unit, unit=unit)


@handler("shift")
def _shift(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = lx.unit(g["unit"] or "")
    if unit is None or unit.name == "weekend":
        return None
    n = number(g["num"], lx)
    direction = re.sub(r"\s+", " ", (g["dir"] or "").lower())
    if direction in ("before", "after", "since"):
        # "two years after the war": TimeML tags the duration only
        return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))
    sign = -1 if direction in ("ago", "earlier", "previously", "back") else 1
    gran = unit.granularity
    if n is None:
        return Sem("DATE", "ref", value="PAST_REF" if sign < 0 else "FUTURE_REF")
    mode = "dct" if direction in ("ago", "from now", "hence", "back") else "discourse"
    if n != int(n):
        return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))
    if unit.time:
        return Sem("TIME", gran, rel=mode, shift=int(sign * n), shift_unit=unit.name)
    return Sem(
        "DATE",
        gran,
        rel=mode,
        shift=int(sign * n),
        shift_unit=unit.name,
        unit=unit.name if mode == "dct" else None,
        period_shift=int(sign * n) if unit.name == "year" else 0,
    )


@handler("shift_adj")
def _shift_adj(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = (g["unit"] or "").lower()
    noun = (g["noun"] or "").lower()
    if noun in ("quarter", "period") and unit == "year":
        # "the year-ago quarter": the last completed quarter, a year back
        return Sem(
            "DATE",
            "quarter",
            rel="dct",
            unit="quarter",
            shift=-5,
            shift_unit="quarter",
            period_shift=-1,
        )
    return Sem(
        "DATE",
        unit,
        rel="discourse",
        shift=-1,
        shift_unit=unit,
        period_shift=-1 if unit == "year" else 0,
    )


@handler("duration")
def _duration(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = lx.unit(g["unit"] or "")
    if unit is None:
        return None
    n = number(g["num"], lx)
    if g["num2"] is not None:
        n = None  # "12 to 18 months": a range, vague in TIMEX3
    elif n is not None and g["half"]:
        n += 0.5
    numtext = (g["num"] or "").lower()
    if n is None and numtext in ("some", "many") and not g["rel"]:
        return None
    if re.fullmatch(r"\d+", numtext) and int(numtext) > 1000 and unit.name == "year":
        return None
    if unit.name == "quarter" and not (g["the"] or g["rel"]) and numtext in ("a", "an", "one"):
        return None  # "a quarter" is a fraction more often than three months
    return Sem("DURATION", "duration", value=duration_value(n, unit.name, lx))


@handler("vague")
def _vague(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    if not (g["rel"] or g["q"]):
        return None  # a bare plural is tagged only with a preposition (checked in recognition)
    unit = lx.unit(g["unit"] or "")
    if unit is None:
        return None
    return Sem("DURATION", "duration", value=duration_value(None, unit.name, lx))


@handler("ref")
def _ref(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    key = re.sub(r"\s+", " ", (g["ref"] or "").lower())
    value = lx.refs.get(key)
    return Sem("DATE", "ref", value=value) if value else None


@handler("time")
@handler("time24")
def _time(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    h = int(g["h"] or 0)
    mi = int(g["mi"] or 0)
    ampm = (g.get("ampm") or "").lower()
    if h > 24 or (ampm and not 1 <= h <= 12):
        return None
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    return Sem("TIME", "minute", hour=h, minute=mi, rel="dct")


@handler("noon")
def _noon(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = (g["word"] or "").lower()
    return Sem("TIME", "minute", hour=24 if word == "midnight" else 12, minute=0, rel="dct")


@handler("set")
def _set(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    what = g["what"] or ""
    every = 2 if (g["ord"] or "").lower() == "other" else 1
    unit = lx.unit(what)
    if unit is not None:
        if unit.name in ("quarter", "decade", "century"):
            return Sem("SET", "set", value=f"P{every}{unit.letter}")
        return Sem("SET", "set", value=duration_value(every, unit.name, lx))
    wd = lx.weekday(what)
    if wd is not None:
        return Sem("SET", "set", value=f"XXXX-WXX-{wd}")
    month = lx.month(what)
    if month is not None:
        return Sem("SET", "set", value=f"XXXX-{month:02d}")
    season = lx.seasons.get(what.lower())
    if season:
        return Sem("SET", "set", value=f"XXXX-{season}")
    pod = _pod(what, lx)
    return Sem("SET", "set", value=f"XXXX-XX-XXT{pod}") if pod else None


@handler("set_adv")
def _set_adv(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    value = lx.sets.get((g["adv"] or "").lower())
    return Sem("SET", "set", value=value) if value else None


@handler("set_per")
def _set_per(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    unit = lx.unit(g["unit"] or "")
    return Sem("SET", "set", value=duration_value(1, unit.name, lx)) if unit else None


@handler("weekday_plural")
def _weekday_plural(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    wd = lx.weekday(g["wd"] or "")
    return Sem("SET", "set", value=f"XXXX-WXX-{wd}") if wd else None


@handler("season")
def _season(g: Groups, text: str, lx: Lexicon) -> Sem | None:
    word = g["season"] or ""
    season = lx.seasons.get(word.lower())
    rel = (g["rel"] or "").lower()
    year = _year(g["year"])
    if season is None or (not rel and not year and not word[:1].isupper()):
        return None
    if word.lower() == "fall" and not (
        year or rel in ("this", "last", "next", "early", "late", "that")
    ):
        return None
    if year:
        return Sem("DATE", "season", season=season, year=year, explicit_year=True)
    shift = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    mode = (
        "discourse"
        if rel == "that"
        else ("dct" if rel in ("this", "last", "next", "past", "coming") else "tense")
    )
    return Sem(
        "DATE", "season", season=season, rel=mode, shift=shift, shift_unit="year", unit="year"
    )
