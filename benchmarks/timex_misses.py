"""Why TIMEX3 values are wrong on TimeBank+AQUAINT: every matched expression whose value differs
from gold, put in one category, with counts per corpus half and examples.

    python benchmarks/timex_misses.py [--cache DIR] [--examples 5] [--show CAT] [--part AQUAINT]
        [--unmatched] [--kinds]

Categories, first that applies (gold value ``g``, ours ``s``, article date ``dct``):

* ``type``        the type differs (DATE vs DURATION, DATE vs SET, ...);
* ``ref``         either value is ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``;
* ``set``         a SET (frequency) with another value;
* ``duration``    a DURATION with another amount or unit;
* ``underspec``   either value has ``X`` digits (``XXXX-WXX-4`` against a resolved date);
* ``granularity`` the two values name different granularities (``1998`` vs ``P1Y`` is ``type``;
  ``1998`` vs ``1998-Q1``, ``1998-03`` vs ``1998-03-12``, ``1998-W10`` vs ``1998-03-09``);
* ``weekday``     a weekday named, the day differs: ``weekday:past`` when gold is earlier than
  ours (we looked forward), ``weekday:future`` when gold is later;
* ``month_year``  a month or a day of a month without a year, ours in the wrong year;
* ``anchor_doc``  gold equals the value counted from the article date, ours differs (we counted
  from a date in the discourse); ``anchor_discourse`` the other way (gold not counted from the
  article date, ours is);
* ``time_of_day`` the clock time or part of the day differs;
* ``other``.

Value F1 is ``2 x correct values / (gold + system)``, so a spurious expression costs about half a
wrong value: the unmatched expressions on either side are counted too, by lower-cased text.
``--kinds`` counts right values, wrong values and spurious expressions per kind of expression
("WD night", "last week", "a year ago"), with the break-even share of right values.

Exploration only: prints, records nothing. The parses can be cached (``--cache``) as spaCy
``DocBin`` files so that reruns after a rule change take seconds.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.timex_eval import (  # noqa: E402
    GoldDoc,
    Span,
    _match,
    load_corpus,
    read_times,
    score,
)

_REF = re.compile(r"_REF$")
_WEEKDAY = re.compile(
    r"\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\.?\b", re.IGNORECASE
)
_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(1[0-9]|20)\d\d\b|'\d\d\b")


def _shape(value: str) -> str:
    """The granularity a TIMEX3 value names (``1998-03-12``: day, ``1998-Q1``: quarter)."""
    if value.startswith("P"):
        return "duration"
    v = value.split("T")[0]
    if "T" in value:
        return "time"
    if re.fullmatch(r"[\dX]{4}-W[\dX]+(-WE)?", v):
        return "week"
    if re.fullmatch(r"[\dX]{4}-W[\dX]+-\d", v):
        return "day"
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", v):
        return "day"
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}", v):
        return "month"
    if re.fullmatch(r"[\dX]{4}-(SP|SU|FA|WI)", v):
        return "season"
    if re.fullmatch(r"[\dX]{4}-Q[\dX]", v):
        return "quarter"
    if re.fullmatch(r"[\dX]{4}-H[\dX]", v):
        return "half"
    if re.fullmatch(r"[\dX]{4}", v):
        return "year"
    if re.fullmatch(r"[\dX]{3}", v):
        return "decade"
    if re.fullmatch(r"[\dX]{2}", v):
        return "century"
    return "other"


def _iso_day(value: str) -> Any:
    import datetime as dt

    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def category(doc: GoldDoc, g: Span, s: Span) -> str:
    """The first category (module docstring) that the mismatch of ``g`` and ``s`` falls in."""
    if g.type != s.type:
        return f"type:{g.type}->{s.type}"
    if _REF.search(g.value) or _REF.search(s.value):
        return "ref"
    if g.type == "SET":
        return "set"
    if g.type == "DURATION":
        return "duration"
    if "X" in g.value or "X" in s.value:
        return "underspec"
    gs, ss = _shape(g.value), _shape(s.value)
    if gs != ss:
        return f"granularity:{gs}->{ss}"
    if gs == "time" and g.value.split("T")[0] == s.value.split("T")[0]:
        return "time_of_day"
    gd, sd = _iso_day(g.value), _iso_day(s.value)
    if _WEEKDAY.search(g.text) and gd and sd:
        return "weekday:past" if gd < sd else "weekday:future"
    if _MONTH.search(g.text) and not _YEAR.search(g.text) and g.value[4:] == s.value[4:]:
        return "month_year"
    if g.value[:4] == doc.dct[:4] and s.value[:4] != doc.dct[:4]:
        return "anchor_doc"
    if s.value[:4] == doc.dct[:4] and g.value[:4] != doc.dct[:4]:
        return "anchor_discourse"
    return "other"


def parses(docs: list[GoldDoc], cache: Path | None) -> list[Any]:
    """spaCy parses of the documents, read from ``cache`` when it holds them."""
    from spacy.tokens import DocBin

    from newsgraph.pipeline import Pipeline

    nlp = Pipeline(stages=["sentences.v1", "times.rules.v1"]).nlp
    path = cache / "timebank_aquaint.spacy" if cache else None
    if path is not None and path.exists():
        out = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(out) == len(docs) and all(d.text == g.text for d, g in zip(out, docs, strict=True)):
            return out
    out = [nlp(d.text) for d in docs]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=out).to_disk(path)
    return out


def run(docs: list[GoldDoc], parsed: list[Any]) -> list[list[Span]]:
    from newsgraph.pipeline import Pipeline

    return read_times(Pipeline(stages=["sentences.v1", "times.rules.v1"]), docs, parsed)


_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\b")
_MONTH_NAME = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:jan|feb|mar|apr|aug|sept?|oct|nov|dec)\.)"
)


def kind(text: str) -> str:
    """The kind of an expression, for counting: lower-cased, weekday and month names and number
    words collapsed, digits as ``9`` ("Friday night" and "Sunday night" are one kind)."""
    t = re.sub(r"\d", "9", text.lower())
    t = _WEEKDAY.sub("WD", t)
    t = _MONTH_NAME.sub("MON", t)
    return _NUMBER_WORD.sub("N", t)


def kinds_table(
    docs: list[GoldDoc], outputs: list[list[Span]], value_f1: float, least: int = 3
) -> list[str]:
    """Per kind of expression we tag: right values, wrong values, spurious ones. Value F1 is
    2 x right / (gold + ours), so leaving a kind untagged would raise it exactly when the kind's
    share of right values is below value F1 / 2 (marked ``< even``: arithmetic only; a real time
    expression whose gold values follow a convention stays tagged). Kinds with ``least`` or more
    errors, most errors first."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, system in zip(docs, outputs, strict=True):
        gold_of = {id(s): g for g, s in _match(doc.timexes, system)}
        for s in system:
            g = gold_of.get(id(s))
            outcome = "spurious" if g is None else ("right" if g.value == s.value else "wrong")
            counts[kind(s.text)][outcome] += 1
    line = value_f1 / 200
    rows = [f"{'kind':30} {'right':>5} {'wrong':>5} {'spur':>5}  share  (break-even {line:.3f})"]
    for k, c in sorted(counts.items(), key=lambda kc: -(kc[1]["wrong"] + kc[1]["spurious"])):
        if c["wrong"] + c["spurious"] < least:
            continue
        share = c["right"] / sum(c.values())
        mark = "  < even" if share < line else ""
        rows.append(
            f"{k!r:30} {c['right']:>5} {c['wrong']:>5} {c['spurious']:>5}  {share:.2f}{mark}"
        )
    return rows


def _context(doc: GoldDoc, s: Span, width: int = 60) -> str:
    before = doc.text[max(0, s.start - width) : s.start].replace("\n", " ")
    after = doc.text[s.end : s.end + width // 2].replace("\n", " ")
    return f"{before}[{s.text}]{after}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="folder for cached parses")
    ap.add_argument("--examples", type=int, default=4, help="examples printed per category")
    ap.add_argument("--show", default=None, help="print every mismatch of categories with prefix")
    ap.add_argument("--part", default=None, help="TimeBank or AQUAINT only")
    ap.add_argument(
        "--unmatched", action="store_true", help="print every spurious and missed one in context"
    )
    ap.add_argument(
        "--kinds", action="store_true", help="right/wrong/spurious per kind of expression tagged"
    )
    args = ap.parse_args(argv)

    docs = load_corpus()
    parsed = parses(docs, args.cache)
    if args.part:
        keep = [i for i, d in enumerate(docs) if d.part.lower() == args.part.lower()]
        docs, parsed = [docs[i] for i in keep], [parsed[i] for i in keep]
    outputs = run(docs, parsed)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    matched = wrong = 0
    unmatched: dict[str, Counter[str]] = {"spurious": Counter(), "missed": Counter()}
    contexts: list[str] = []
    for doc, system in zip(docs, outputs, strict=True):
        pairs = _match(doc.timexes, system)
        paired = {id(x) for pair in pairs for x in pair}
        unmatched["spurious"].update(s.text.lower() for s in system if id(s) not in paired)
        unmatched["missed"].update(g.text.lower() for g in doc.timexes if id(g) not in paired)
        if args.unmatched:
            contexts.extend(
                f"{side} {doc.name} {x.value} :: {_context(doc, x)}"
                for side, spans in (("spurious", system), ("missed", doc.timexes))
                for x in spans
                if id(x) not in paired
            )
        for g, s in pairs:
            matched += 1
            if g.value == s.value:
                continue
            wrong += 1
            cat = category(doc, g, s)
            counts[cat][doc.part] += 1
            examples[cat].append(
                f"{doc.name} dct={doc.dct} gold={g.value} ours={s.value} :: {_context(doc, s)}"
            )
    print(f"matched {matched}, value wrong {wrong} ({100 * wrong / max(matched, 1):.1f}%)")
    parts = sorted({d.part for d in docs})
    figures = [f"all {score(docs, outputs)['value_f1']}"]
    for part in parts:
        idx = [i for i, d in enumerate(docs) if d.part == part]
        sub = score([docs[i] for i in idx], [outputs[i] for i in idx])
        figures.append(f"{part} {sub['value_f1']}")
    print("value F1:", ", ".join(figures))
    print(f"{'category':32} {'all':>5} " + " ".join(f"{p:>9}" for p in parts))
    for cat in sorted(counts, key=lambda c: -sum(counts[c].values())):
        row = " ".join(f"{counts[cat][p]:>9}" for p in parts)
        print(f"{cat:32} {sum(counts[cat].values()):>5} {row}")
    for side, texts in unmatched.items():
        common = ", ".join(f"{t!r} {n}" for t, n in texts.most_common(args.examples * 3))
        print(f"{side} {sum(texts.values())}: {common}")
    for line in contexts:
        print("   ", line)
    if args.kinds:
        print()
        print("\n".join(kinds_table(docs, outputs, score(docs, outputs)["value_f1"])))
    for cat in sorted(examples):
        full = args.show is not None and cat.startswith(args.show)
        if args.show is not None and not full:
            continue
        print(f"\n-- {cat}")
        for line in examples[cat] if full else examples[cat][: args.examples]:
            print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
