"""Over-merge and naming errors of cross-document resolution, counted on an existing store.

Reads ``canonical_entities``, ``entity_links`` and ``entities`` of a database built by
``newsgraph ingest`` (e.g. the first 1,000 Reuters articles) and counts what issue 11 says must
not happen (each should be 0 or near it):

* ``generic_alias``: ORG canonical entities of several articles whose aliases include a generic
  one-token organisation word or legal form ("Bank", "Co", "the Ministry");
* ``generic_links``: doc-entities linked across articles through a generic form (evidence
  ``same-name: 'Co Inc' = 'Co'``, ``alias: 'bank' = ...``);
* ``mixed_types``: canonical entities whose doc-entities are of different type groups (an
  organisation merged with a person or a place);
* ``person_org_alias``: PERSON canonical entities with an alias that is an organisation's
  ("The Reagan administration");
* ``lowercase_lead``: canonical names with a lower-case word before a capitalised one
  ("bill Reagan"); ``lowercase_only``: names with no capital at all ("cts", junk actors).

    .venv/bin/python -m benchmarks._resolve_precision --db reuters.duckdb [--resolve] [--show 5]

``make bench`` records these counts through ``benchmarks/reuters_trust.py`` (prefixed
``resolve_``), on the store it builds from the first 1,000 Reuters articles. Run on its own, the
module prints them for any store; ``--resolve`` first rebuilds the canonical tables of that
database with the current code (``newsgraph resolve``), so a change to the resolution rules can
be measured again in seconds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.resolve.normalize import (
    capitalised,
    fold,
    is_generic_org,
    rules,
    type_group,
)

_QUOTED = re.compile(r"^[a-z-]+: (['\"])(.*?)\1")


def _one_generic_word(raw: str) -> bool:
    r = rules()
    words = [w for w in fold(raw).split() if w not in r.articles]
    return len(words) == 1 and is_generic_org(raw)


def _org_word(raw: str) -> bool:
    r = rules()
    words = fold(raw).split()
    return bool(words) and (words[0] in r.articles or any(w in r.generic for w in words))


def count(con: duckdb.DuckDBPyConnection, show: int = 0) -> dict[str, Any]:
    canon = con.execute(
        "SELECT id, name, type, CAST(aliases AS VARCHAR), n_docs FROM canonical_entities"
    ).fetchall()
    types: dict[str, set[str]] = defaultdict(set)
    for cid, etype in con.execute(
        "SELECT l.canonical_id, e.type FROM entity_links l "
        "JOIN entities e ON e.doc_id = l.doc_id AND e.id = l.entity_id"
    ).fetchall():
        types[cid].add(type_group(etype))
    found: dict[str, list[str]] = defaultdict(list)
    for cid, name, etype, aliases, n_docs in canon:
        names = [a.get("name", "") for a in json.loads(aliases or "[]")]
        shown = f"{name} ({etype}, {n_docs} docs; also: {', '.join(names[:6])})"
        group = type_group(etype)
        if group == "ORG" and n_docs > 1 and any(_one_generic_word(a) for a in names):
            found["generic_alias"].append(shown)
        if len(types[cid] & {"PERSON", "ORG", "PLACE"}) > 1:
            found["mixed_types"].append(shown + f" types {sorted(types[cid])}")
        if group == "PERSON" and any(_org_word(a) for a in names):
            found["person_org_alias"].append(shown)
        words = name.split()
        if words and not capitalised(words[0]) and any(capitalised(w) for w in words[1:]):
            found["lowercase_lead"].append(shown)
        if not any(capitalised(w) for w in words):
            found["lowercase_only"].append(shown)
    for rule, evidence in con.execute(
        "SELECT l.rule, l.evidence FROM entity_links l "
        "JOIN entities e ON e.doc_id = l.doc_id AND e.id = l.entity_id "
        "WHERE l.rule IN ('same-name', 'alias', 'short-name', 'type-vote') AND e.type = 'ORG'"
    ).fetchall():
        m = _QUOTED.match(evidence or "")
        if m and is_generic_org(m.group(2)):
            found["generic_links"].append(f"{rule}: {evidence}")
    keys = (
        "generic_alias",
        "generic_links",
        "mixed_types",
        "person_org_alias",
        "lowercase_lead",
        "lowercase_only",
    )
    out: dict[str, Any] = {"canonical_entities": len(canon)}
    out.update({k: len(found[k]) for k in keys})
    if show:
        out["examples"] = {k: found[k][:show] for k in keys if found[k]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="A database built by newsgraph ingest.")
    parser.add_argument("--resolve", action="store_true", help="Re-resolve --db first.")
    parser.add_argument("--show", type=int, default=0, help="Print N examples per count.")
    args = parser.parse_args()
    con = duckdb.connect(args.db, read_only=not args.resolve)
    if args.resolve:
        from newsgraph.resolve import resolve_connection

        resolve_connection(con)
    print(json.dumps(count(con, args.show), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
