"""Trust checks on Reuters-21578: errors a new user would publish, counted (issues 10 and 11).

(a) **Business-news violence.** On the first ``--business`` Reuters articles whose topics are only
    ``earn`` and/or ``acq`` (company results and takeovers: no violence, no coercion), ASSAULT,
    COERCE, THREATEN and MOBILIZE events per 100 articles: all of them (``conflict_per_100_*``),
    and those a read command shows at the default ``query.min_event_confidence``
    (``conflict_shown_per_100_*``). Target: at most 1. The event confidence model trains on later
    earn/acq articles only (``benchmarks/_events_confidence.py``), never on these.
(b) **Store checks.** The first ``--articles`` Reuters articles (all topics) ingested and resolved
    into a temporary DuckDB, then counted there:

    * ``generic_alias_entities``: canonical entities one of whose names (name or alias, a leading
      "the" and dots dropped) is a single generic organisation word: an organisation head noun
      (``actors_org_heads.txt``: Bank, Group, Ministry; not Congress, Senate, Parliament) or a
      legal-form suffix (``resolve_org_suffixes.txt``: Co, Corp, Inc), unless it is the initials
      of the entity's name ("SPA" for Saudi Press Agency);
    * ``person_digit_or_suffix``: canonical PERSON entities whose name or an alias contains a digit
      or ends in a legal-form suffix ("Revs 12.2 mln vs", "Acme Corp");
    * ``pronoun_speaker_claims``: claims whose speaker span is a pronoun and whose speaker is left
      unresolved (no entity, or an entity named only by pronouns) without saying so; the claims
      stage's abstentions (speaker null, flagged ``speaker-unresolved``) are
      ``pronoun_speaker_abstained``, not errors;
    * ``clock_dated_records``: claims and events whose date comes from a time expression holding
      a clock time (``1100 EST``, ``0930 GMT``, ``10:30``; a bare four-digit number only when its
      year would be before 1800) and whose date value's year is that number read as a year ("at
      1100 EST" dated 1100); "this afternoon" is not counted;
    * ``self_target_events``: events whose source and target share an actor (after resolution).

    * ``resolve_*``: the over-merge counts of ``benchmarks/_resolve_precision.py`` (generic-word
      links between articles, organisations merged with people or places, fragment names);
    * ``actors_*``: the junk and mistyped in-document actors of ``benchmarks/_actors_precision.py``.

    Each should be 0 or near it; ``benchmarks/floors.toml`` pins ceilings (``__max``).

    .venv/bin/python benchmarks/reuters_trust.py [--business 1500] [--articles 1000] [--examples]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from benchmarks import _actors_precision as actors_precision  # noqa: E402
from benchmarks import _resolve_precision as resolve_precision  # noqa: E402
from benchmarks._reuters import business_docs, reuters_path  # noqa: E402
from benchmarks.common import Timer, record  # noqa: E402

CONFLICT = ("ASSAULT", "COERCE", "THREATEN", "MOBILIZE")
# Pronouns beyond the third-person singular ones the actors stage lists (actors_pronouns.tsv).
OTHER_PRONOUNS = ("i", "me", "we", "us", "you", "they", "them", "this", "that", "one")
# Organisation heads that, alone, name one country's legislature in this corpus ("Congress" is the
# US Congress in nearly every Reuters story): not counted as generic aliases.
LEGISLATURES = ("congress", "senate", "parliament")
CLOCK = re.compile(r"\b(?:([01]\d|2[0-3])[0-5]\d|\d{1,2}[:.][0-5]\d)\b")
# What makes a four-digit number a clock time rather than a year ("1930 GMT", "at 2000 hrs"); a
# year before 1800 read from a clock-like number counts too ("1100" -> year 1100).
CLOCK_WORDS = re.compile(
    r"(?i)\b(?:gmt|utc|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|hrs|hours|local|[ap]\.?m\.?)\b|:"
)


def business_rate(limit: int, threshold: float, examples: bool) -> dict[str, Any]:
    """Conflict events per 100 earn/acq articles (all, and those shown at ``threshold``)."""
    from newsgraph.model.records import DocResult
    from newsgraph.pipeline import Pipeline

    docs = business_docs()[:limit]
    pipeline = Pipeline()
    n = conflict = shown = failed = 0
    for r in pipeline.pipe(docs):
        if not isinstance(r, DocResult):
            failed += 1
            continue
        n += 1
        for ev in r.events:
            if ev.type not in CONFLICT:
                continue
            conflict += 1
            ok = ev.confidence is None or ev.confidence >= threshold
            shown += ok
            if examples:
                sent = r.doc.text[ev.sentence_start : ev.sentence_end].replace("\n", " ")
                mark = "SHOWN " if ok else "hidden"
                print(f"   {mark} {ev.type} {ev.confidence} {r.doc.id}: {sent[:160]}")
    per = 100 / max(1, n)
    return {
        "business_articles": n,
        "business_failed": failed,
        "conflict_events_business": conflict,
        "conflict_per_100_business": round(conflict * per, 2),
        "conflict_shown_per_100_business": round(shown * per, 2),
    }


def _words(name: str) -> tuple[str, ...]:
    from newsgraph.model.data import load_lines

    return tuple(w.lower() for w in load_lines(name))


def _jsonv(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def store_checks(limit: int, examples: bool) -> dict[str, Any]:
    """Ingest + resolve the first ``limit`` Reuters articles into a temp store; count errors."""
    from newsgraph.app.ingest import ingest_paths
    from newsgraph.model.data import load_tsv
    from newsgraph.query.common import alias_counts
    from newsgraph.store import Store

    generic = set(_words("actors_org_heads.txt")) | set(_words("resolve_org_suffixes.txt"))
    generic -= set(LEGISLATURES)
    suffixes = set(_words("resolve_org_suffixes.txt")) - {"group", "company"}
    pronouns = {row["pronoun"].lower() for row in load_tsv("actors_pronouns.tsv")}
    pronouns |= set(OTHER_PRONOUNS)
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "reuters.jsonl"
        with reuters_path().open(encoding="utf-8") as fin, src.open("w", encoding="utf-8") as fout:
            fout.writelines(itertools.islice(fin, limit))
        db = Path(tmp) / "trust.duckdb"
        with Timer() as t:
            summary = ingest_paths([str(src)], str(db))
        out["store_articles"] = summary.new
        out["store_failed"] = len(summary.failures)
        out["store_ingest_wall_s"] = round(t.wall, 1)
        with Store(db, read_only=True) as store:
            con = store.con
            bad_alias: list[str] = []
            bad_person: list[str] = []
            for name, etype, aliases in con.execute(
                "SELECT name, type, aliases FROM canonical_entities ORDER BY id"
            ).fetchall():
                names = [name, *(a for a, _ in alias_counts(aliases))]
                folded = [re.sub(r"^the\s+", "", n.lower().replace(".", "")).strip() for n in names]
                initials = "".join(w[0] for w in folded[0].split() if w)
                if any(f in generic and f != initials for f in folded):
                    bad_alias.append(f"{name} (also: {', '.join(names[1:6])})")
                if etype == "PERSON" and any(
                    re.search(r"\d", n) or (f.split() and f.split()[-1] in suffixes)
                    for n, f in zip(names, folded, strict=True)
                ):
                    bad_person.append(name)
            out["canonical_entities"] = len(
                con.execute("SELECT id FROM canonical_entities").fetchall()
            )
            out["generic_alias_entities"] = len(bad_alias)
            out["person_digit_or_suffix"] = len(bad_person)

            entity_names: dict[tuple[str, str], str] = {
                (d, e): n
                for d, e, n in con.execute("SELECT doc_id, id, name FROM entities").fetchall()
            }
            texts = dict(con.execute("SELECT id, text FROM documents").fetchall())
            # A pronoun speaker the claims stage could not decide is left null and flagged
            # speaker-unresolved on its span: an abstention (issue 11 asks for it), counted apart
            # from an unresolved pronoun nobody flagged or a pronoun standing as the speaker.
            abstained = set(
                con.execute(
                    "SELECT doc_id, start, \"end\" FROM flags WHERE kind = 'speaker-unresolved'"
                ).fetchall()
            )
            pron_claims: list[str] = []
            flagged = 0
            for doc_id, speaker, s, e in con.execute(
                "SELECT doc_id, speaker, speaker_start, speaker_end FROM claims "
                "WHERE speaker_start IS NOT NULL"
            ).fetchall():
                span = texts[doc_id][s:e].lower().strip()
                if span not in pronouns:
                    continue
                name = entity_names.get((doc_id, speaker or ""), "")
                if speaker is None and (doc_id, s, e) in abstained:
                    flagged += 1
                elif speaker is None or name.lower() in pronouns:
                    pron_claims.append(f"{doc_id}: {texts[doc_id][s:e]}")
            out["claims"] = len(con.execute("SELECT id FROM claims").fetchall())
            out["pronoun_speaker_claims"] = len(pron_claims)
            out["pronoun_speaker_abstained"] = flagged

            timex_text = {
                (d, i): x
                for d, i, x in con.execute("SELECT doc_id, id, text FROM timexes").fetchall()
            }
            clock: list[str] = []
            for table in ("claims", "events"):
                for doc_id, rid, timex, date in con.execute(
                    f"SELECT doc_id, id, timex, date FROM {table} WHERE timex IS NOT NULL"
                ).fetchall():
                    text = timex_text.get((doc_id, timex), "")
                    value = str((_jsonv(date) or {}).get("value", ""))
                    hits = {
                        m.group(0).replace(":", "").replace(".", "") for m in CLOCK.finditer(text)
                    }
                    year = value[:4]
                    clockish = CLOCK_WORDS.search(text) or (year.isdigit() and int(year) < 1800)
                    if clockish and year in {h.zfill(4) for h in hits}:
                        clock.append(f"{table} {doc_id}/{rid}: {text!r} -> {value}")
            out["clock_dated_records"] = len(clock)

            canon = {
                (d, e): c
                for d, e, c in con.execute(
                    "SELECT doc_id, entity_id, canonical_id FROM entity_links"
                ).fetchall()
            }
            selfish: list[str] = []
            for doc_id, rid, source, target in con.execute(
                "SELECT doc_id, id, source, target FROM events"
            ).fetchall():
                srcs = {canon.get((doc_id, x), x) for x in _jsonv(source) or []}
                tgts = {canon.get((doc_id, x), x) for x in _jsonv(target) or []}
                if srcs & tgts:
                    selfish.append(f"{doc_id}/{rid}")
            out["events"] = len(con.execute("SELECT id FROM events").fetchall())
            out["self_target_events"] = len(selfish)
            # The resolution and in-document actor counts of their own modules, on this store.
            over = resolve_precision.count(con)
            out.update({f"resolve_{k}": v for k, v in over.items() if k != "canonical_entities"})
        actors = actors_precision.count(db)
        out.update({f"actors_{k}": sum(c.values()) for k, c in actors.items()})
    if examples:
        for title, items in (
            ("generic alias", bad_alias),
            ("PERSON with digits/suffix", bad_person),
            ("pronoun speaker", pron_claims),
            ("clock-dated", clock),
            ("self-target", selfish),
        ):
            print(f"   {title}: {items[:8]}")
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--business", type=int, default=1500, help="earn/acq articles for (a)")
    ap.add_argument("--articles", type=int, default=1000, help="Reuters articles for (b)")
    ap.add_argument("--examples", action="store_true", help="print what each count counted")
    args = ap.parse_args(argv)
    from newsgraph.config import load_config

    threshold = load_config().query.min_event_confidence
    metrics: dict[str, Any] = {"min_event_confidence": threshold}
    if args.business:
        metrics.update(business_rate(args.business, threshold, args.examples))
    if args.articles:
        metrics.update(store_checks(args.articles, args.examples))
    full = args.business == 1500 and args.articles == 1000
    command = "make bench  (or: .venv/bin/python benchmarks/reuters_trust.py)"
    if not full:
        command = f".venv/bin/python benchmarks/reuters_trust.py --business {args.business} " + (
            f"--articles {args.articles}"
        )
    record("reuters_trust", metrics, command, save=full)


if __name__ == "__main__":
    main()
