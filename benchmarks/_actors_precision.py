"""Precision of in-document actors on Reuters-21578: counts of junk and mistyped actors.

Counts, over the document entities stored in ``documents.result`` of a store built by
``newsgraph ingest`` (``make bench`` records them through ``benchmarks/reuters_trust.py``, prefixed
``actors_``, on the first 1,000 Reuters articles):

* ``person_with_digits``: PERSON entities whose name holds a digit ("Revs 12.2 mln vs");
* ``person_company_suffix``: PERSON entities whose name ends in a legal suffix ("Gulfex Inc");
* ``junk_actors``: entities whose name is only table abbreviations and numbers ("cts", "Avg");
* ``tax_org``: ORG entities named after a tax ("Value Added Tax");
* ``person_short_of_org``: PERSON entities whose name starts an ORG of the same article
  ("Fairchild" beside "Fairchild Semiconductor Corp"; some are right: "Tower" of "the Tower
  commission");
* ``generic_org_names``: ORG entities named only by suffixes or head words ("Co", "Bank").

The word lists here are fixed on purpose (not the stage's data files), so that counts before and
after a change to those files compare.

    .venv/bin/python -m benchmarks._actors_precision --db reuters.duckdb
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

SUFFIX = re.compile(
    r"\b(inc|corp|corporation|ltd|co|plc|ag|sa|nv|n\.v|llc|lp|l\.p|gmbh|spa|bv|cos|limited|"
    r"incorporated|company)\.?$",
    re.I,
)
JUNK = frozenset(
    [
        "avg",
        "revs",
        "shr",
        "shrs",
        "cts",
        "mln",
        "vs",
        "dlrs",
        "pct",
        "qtr",
        "oper",
        "net",
        "bln",
        "mths",
        "div",
        "qtly",
        "nil",
    ]
)
GENERIC = frozenset(
    [
        "co",
        "inc",
        "corp",
        "ltd",
        "sa",
        "ag",
        "plc",
        "group",
        "holdings",
        "company",
        "bank",
        "commission",
        "exchange",
        "union",
        "association",
        "alliance",
        "ministry",
        "department",
        "office",
        "board",
        "the",
    ]
)


def count(db: Path) -> dict[str, Counter[str]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    out: dict[str, Counter[str]] = {
        k: Counter()
        for k in (
            "person_with_digits",
            "person_company_suffix",
            "junk_actors",
            "tax_org",
            "person_short_of_org",
            "generic_org_names",
        )
    }
    for (result,) in con.execute("SELECT result FROM documents").fetchall():
        entities = json.loads(result).get("entities", [])
        orgs = [e["name"].lower() for e in entities if e["type"] == "ORG"]
        for e in entities:
            name = e["name"]
            words = [w for w in re.split(r"[\s.,;:()]+", name.lower()) if w]
            if words and all(w in JUNK or not re.search(r"[a-z]", w) for w in words):
                out["junk_actors"][name] += 1
            if e["type"] == "ORG" and re.search(r"\btax(es)?$", name, re.I):
                out["tax_org"][name] += 1
            if e["type"] == "ORG" and words and all(w in GENERIC for w in words):
                out["generic_org_names"][name] += 1
            if e["type"] != "PERSON":
                continue
            if re.search(r"\d", name):
                out["person_with_digits"][name] += 1
            if SUFFIX.search(name.strip()):
                out["person_company_suffix"][name] += 1
            if any(o.startswith(name.lower() + " ") for o in orgs):
                out["person_short_of_org"][name] += 1
    con.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, type=Path, help="A database built by newsgraph ingest.")
    args = ap.parse_args()
    for key, c in count(args.db).items():
        print(f"   {key:<32} {sum(c.values()):<6} e.g. {[n for n, _ in c.most_common(4)]}")


if __name__ == "__main__":
    main()
