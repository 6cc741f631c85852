"""Microsoft Recognizers-Text as a second reader: built once per process, called on short strings.

Its TIMEX values (``XXXX-10-09``, ``P6M``, ``XXXX-WXX-5``) are read back into a :class:`Sem`, so
that the article date, the discourse and tense anchor them the same way as our own expressions.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from newsgraph.pipeline.stages.times.sem import Sem

# A reference date no news text names: values the recogniser computes from it are relative ones,
# read back as offsets from the article date.
_REF_DATE = dt.datetime(1900, 6, 15)
_REF_YEARS = range(1890, 1911)


@lru_cache(maxsize=1)
def model() -> Any:
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_text import Culture

    _direct_calls()
    _memoise_extractors()
    return DateTimeRecognizer(Culture.English).get_datetime_model()


def _direct_calls() -> None:
    """Let ``regex.finditer(pattern, text)`` on an already compiled pattern call the pattern.

    The recogniser runs hundreds of compiled patterns per string through the module functions
    (``regex.finditer(p, s)``), and each such call first looks the pattern up in the module's
    compile cache (a locale query and flag arithmetic: about a third of the recogniser's time).
    For a compiled pattern with no other argument that lookup ends by returning the pattern
    itself, so calling its method directly gives the same matches. Any other call (a string
    pattern, flags, positions, keyword arguments) goes to the original function unchanged.
    """
    import regex  # type: ignore[import-untyped]

    if getattr(regex.finditer, "_newsgraph_direct", False):
        return
    compiled = type(regex.compile(""))
    for name in ("finditer", "search", "match"):
        setattr(regex, name, _direct(getattr(regex, name), name, compiled))


def _direct(original: Any, name: str, compiled: type) -> Any:
    def call(pattern: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and type(pattern) is compiled:
            return getattr(pattern, name)(string)
        return original(pattern, string, *args, **kwargs)

    call._newsgraph_direct = True  # type: ignore[attr-defined]
    call.__doc__ = original.__doc__
    return call


# Results of the inner extractors during one ``read`` call: (id of the extractor, source,
# reference) -> (the extractor, copies of what it returned). Holding the extractor keeps its id
# from being reused by another object within the call. None outside ``read``: the extractors
# then run as written.
_memo: dict[tuple[int, str, Any], tuple[Any, list[Any]]] | None = None


def _memoise_extractors() -> None:
    """Within one recogniser call, let the date, time, duration and number extractors answer a
    repeated question from memory.

    The recogniser's compound extractors (date-time, periods, sets) run the same inner
    extractors again on the same string with the same reference date, about ten times per
    string for the date extractor and forty for the number extractors: half of those calls
    repeat an earlier one. Each extractor's result depends only on its configuration, the string
    and the reference date, so a repeat gets copies of the first answer's results (fresh
    ``ExtractResult`` and ``MetaData`` objects, since callers adjust the ones they receive). A
    result holding anything but a string, number or nothing as its ``data``, or a call without
    a reference date (the clock's date), is not remembered.
    """
    from recognizers_date_time.date_time.base_date import BaseDateExtractor
    from recognizers_date_time.date_time.base_duration import BaseDurationExtractor
    from recognizers_date_time.date_time.base_time import BaseTimeExtractor
    from recognizers_number.number.extractors import BaseNumberExtractor

    for cls in (BaseDateExtractor, BaseTimeExtractor, BaseDurationExtractor):
        if not getattr(cls.extract, "_newsgraph_memo", False):
            cls.extract = _memo_dated(cls.extract)
    if not getattr(BaseNumberExtractor.extract, "_newsgraph_memo", False):
        BaseNumberExtractor.extract = _memo_plain(BaseNumberExtractor.extract)


def _copies(results: list[Any]) -> list[Any] | None:
    """Fresh copies of extract results, or None when one holds data that copying would share."""
    out = []
    for er in results:
        if er.data is not None and type(er.data) not in (str, int, float, bool):
            return None
        c = copy.copy(er)
        if er.meta_data is not None:
            c.meta_data = copy.copy(er.meta_data)
        out.append(c)
    return out


def _recall(extractor: Any, key: tuple[int, str, Any], compute: Any) -> list[Any]:
    memo = _memo
    if memo is None:
        result: list[Any] = compute()
        return result
    kept = memo.get(key)
    if kept is not None and kept[0] is extractor:
        return _copies(kept[1]) or []  # kept holds only copyable results
    result = compute()
    stored = _copies(result) if type(result) is list else None
    if stored is not None:
        memo[key] = (extractor, stored)
    return result


def _memo_dated(original: Any) -> Any:
    def extract(self: Any, source: str, reference: Any = None) -> Any:
        if reference is None or type(source) is not str:
            return original(self, source, reference)
        key = (id(self), source, reference)
        return _recall(self, key, lambda: original(self, source, reference))

    extract._newsgraph_memo = True  # type: ignore[attr-defined]
    extract.__doc__ = original.__doc__
    return extract


def _memo_plain(original: Any) -> Any:
    def extract(self: Any, source: str) -> Any:
        if type(source) is not str:
            return original(self, source)
        return _recall(self, (id(self), source, None), lambda: original(self, source))

    extract._newsgraph_memo = True  # type: ignore[attr-defined]
    extract.__doc__ = original.__doc__
    return extract


@lru_cache(maxsize=4096)
def read(text: str) -> tuple[tuple[int, int, Sem], ...]:
    """``(start, end, meaning)`` of each expression the recogniser finds in ``text``."""
    global _memo
    recogniser = model()
    _memo = {}
    try:
        found = recogniser.parse(text, _REF_DATE)
    finally:
        _memo = None
    out = []
    for r in found:
        values = (r.resolution or {}).get("values") or []
        if not values:
            continue
        timex = str(values[0].get("timex", ""))
        kind = r.type_name.rsplit(".", 1)[-1]
        sem = from_timex(timex, kind)
        if sem is not None:
            start = r.start
            if text[:start].lower().endswith("the "):
                start -= 4  # TimeML keeps the determiner
            out.append((start, r.start + len(r.text), sem))
    return tuple(out)


def from_timex(timex: str, kind: str) -> Sem | None:
    """A :class:`Sem` for the recogniser's TIMEX ``timex`` of result kind ``kind``."""
    if kind == "set":
        value = timex if timex.startswith("P") or timex.startswith("XXXX") else f"XXXX-{timex}"
        return Sem("SET", "set", value=value)
    if kind == "duration" and timex.startswith("P"):
        return Sem("DURATION", "duration", value=timex)
    if timex in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return Sem("DATE", "ref", value=timex)
    if (m := re.match(r"(\d{4})", timex)) and int(m[1]) in _REF_YEARS:
        return _relative(timex)
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", timex):
        return Sem(
            "DATE", "day", year=int(m[1]), month=int(m[2]), day=int(m[3]), explicit_year=True
        )
    if m := re.fullmatch(r"(\d{4})-(\d\d)", timex):
        return Sem("DATE", "month", year=int(m[1]), month=int(m[2]), explicit_year=True)
    if m := re.fullmatch(r"(\d{4})", timex):
        return Sem("DATE", "year", year=int(m[1]), explicit_year=True)
    if m := re.fullmatch(r"XXXX-(\d\d)-(\d\d)", timex):
        return Sem("DATE", "day", month=int(m[1]), day=int(m[2]), rel="tense")
    if m := re.fullmatch(r"XXXX-(\d\d)", timex):
        return Sem("DATE", "month", month=int(m[1]), rel="tense")
    if m := re.fullmatch(r"XXXX-WXX-(\d)", timex):
        return Sem("DATE", "day", weekday=int(m[1]), rel="weekday")
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", timex):
        return Sem("DATE", "season", year=int(m[1]), season=m[2], explicit_year=True)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", timex):
        return Sem("DATE", "quarter", year=int(m[1]), quarter=int(m[2]), explicit_year=True)
    if m := re.fullmatch(r"(\d{3})", timex):
        return Sem("DATE", "decade", value=timex)
    return None


def _relative(timex: str) -> Sem | None:
    """A value computed from the sentinel reference date, as an offset from the article date."""
    ref = _REF_DATE.date()
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", timex):
        days = (dt.date(int(m[1]), int(m[2]), int(m[3])) - ref).days
        return Sem("DATE", "day", rel="dct", shift=days, shift_unit="day")
    if m := re.fullmatch(r"(\d{4})-(\d\d)", timex):
        months = (int(m[1]) - ref.year) * 12 + int(m[2]) - ref.month
        return Sem("DATE", "month", rel="dct", shift=months, shift_unit="month", unit="month")
    if m := re.fullmatch(r"(\d{4})", timex):
        return Sem(
            "DATE", "year", rel="dct", shift=int(m[1]) - ref.year, shift_unit="year", unit="year"
        )
    return None
