"""Cross-document entity resolution on MEANTIME (English Wikinews; corpus_airbus, corpus_gm).

Each CAT XML article is rebuilt from its tokens (sentence 0 = title, 1 = dateline, the rest the
body: ``title\\n\\ndateline\\n\\nbody``, tokens joined by spaces except before closing punctuation),
dated from its dateline, run through the full pipeline (spaCy + actors stage), written into a
temporary store and resolved with ``newsgraph.resolve.resolve_store``.

Gold: every ENTITY_MENTION with ``syntactic_type="NAM"``; its gold cluster is the cross-document
``instance_id`` of the ENTITY it REFERS_TO (a doc-local ENTITY without instance id, or no
REFERS_TO, makes a cluster of its own).

Mention matching: a gold mention is matched to a predicted *name* mention (kind name, acronym or
nickname) of the same article whose character span overlaps it: one whose type fits the gold type
(PER-PERSON, ORG-ORG, LOC-GPE/LOC/FAC, PRO-PRODUCT) first, then the largest overlap, then the end
nearest the gold end (English heads are last), then the shorter one. Gold NAM spans are often
whole noun phrases ("JSA Research defence analyst Paul Nesbit"), so the type decides which name
inside them is the head. Its predicted cluster is the
canonical entity of that mention; an unmatched gold mention, or one matched to a mention without
an entity, is a singleton in the prediction.

Score: B³ precision / recall / F1 over the gold NAM mentions (all of them, and the PER/ORG/LOC
ones). Baselines in the same run, over the same matching: ``exact`` clusters mentions by the exact
text of the matched predicted mention; ``exact_gold`` by the exact gold span text.

    .venv/bin/python -m benchmarks.resolution_eval
"""

from __future__ import annotations

import argparse
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.common import Timer, peak_rss_mb, record, require_data

CORPORA = ("corpus_airbus", "corpus_gm")
# Only the stages entity resolution reads: sentences, NER mentions and the actors stage.
STAGES = ("sentences.v1", "mentions.spacy.v1", "actors.rules.v1")
NAME_KINDS = ("name", "acronym", "nickname")
ACTOR_TYPES = ("PER", "ORG", "LOC")
FITS = {"PER": {"PERSON"}, "ORG": {"ORG"}, "LOC": {"GPE", "LOC", "FAC"}, "PRO": {"PRODUCT"}}
_NO_SPACE_BEFORE = {
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    ")",
    "]",
    "}",
    "%",
    "'s",
    "'",
    "n't",
    "''",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "’s",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    text: str
    cluster: str
    ent_type: str


@dataclass
class Article:
    doc_id: str
    date: str
    title: str
    text: str
    gold: list[GoldMention]


def _join(tokens: list[tuple[str, str]], offsets: dict[str, tuple[int, int]], base: int) -> str:
    """Detokenise one block, recording each token's character span (offset by ``base``)."""
    out = ""
    prev = ""
    for tid, tok in tokens:
        if out and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            out += " "
        offsets[tid] = (base + len(out), base + len(out) + len(tok))
        out += tok
        prev = tok
    return out


def read_article(path: Path) -> Article:
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or path.stem
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    for t in root.iter("token"):
        sentence = int(t.get("sentence", "0"))
        by_sentence.setdefault(sentence, []).append((t.get("t_id", ""), t.text or ""))
    offsets: dict[str, tuple[int, int]] = {}
    text = ""
    blocks = [
        by_sentence.get(0, []),
        by_sentence.get(1, []),
        [tok for s in sorted(by_sentence) if s > 1 for tok in by_sentence[s]],
    ]
    parts = []
    for n, block in enumerate(blocks):
        base = len(text) + (2 if n else 0)
        part = _join(block, offsets, base)
        text = text + ("\n\n" if n else "") + part
        parts.append(part)
    # Body sentences: keep one space between them (already joined), title and dateline apart.
    try:
        date = datetime.strptime(parts[1].replace(" ,", ","), "%B %d, %Y").strftime("%Y-%m-%d")
    except ValueError:
        date = "2010"
    markables = root.find("Markables")
    mentions: dict[str, list[str]] = {}
    entities: dict[str, tuple[str, str]] = {}
    if markables is not None:
        for m in markables.findall("ENTITY_MENTION"):
            if m.get("syntactic_type") == "NAM":
                anchors = [a.get("t_id", "") for a in m.findall("token_anchor")]
                mentions[m.get("m_id", "")] = anchors
        for e in markables.findall("ENTITY"):
            instance = e.get("instance_id") or f"{doc_id}:{e.get('m_id')}"
            entities[e.get("m_id", "")] = (instance, e.get("ent_type", ""))
    refers: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is not None:
        for r in relations.findall("REFERS_TO"):
            target = r.find("target")
            if target is None:
                continue
            for s in r.findall("source"):
                refers[s.get("m_id", "")] = target.get("m_id", "")
    gold = []
    for mid, anchors in mentions.items():
        spans = [offsets[t] for t in anchors if t in offsets]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        cluster, etype = entities.get(refers.get(mid, ""), (f"{doc_id}:m{mid}", ""))
        gold.append(GoldMention(doc_id, start, end, text[start:end], cluster, etype))
    return Article(doc_id, date, parts[0], text, gold)


def articles(root: Path) -> Iterator[Article]:
    for corpus in CORPORA:
        for path in sorted((root / corpus).glob("*.xml")):
            yield read_article(path)


def b_cubed(gold: Mapping[int, Hashable], pred: Mapping[int, Hashable]) -> dict[str, float]:
    """B³ precision/recall/F1 of ``pred`` against ``gold`` over the same mention keys."""
    pair = Counter((gold[m], pred[m]) for m in gold)
    n_gold = Counter(gold.values())
    n_pred = Counter(pred[m] for m in gold)
    p = sum(pair[(gold[m], pred[m])] / n_pred[pred[m]] for m in gold) / len(gold)
    r = sum(pair[(gold[m], pred[m])] / n_gold[gold[m]] for m in gold) / len(gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


Predicted = tuple[int, int, str, str | None, str]  # start, end, text, canonical id, type


def match(gold: GoldMention, predicted: list[Predicted]) -> int | None:
    """Index of the predicted mention matched to ``gold`` (see the module docstring)."""
    best, best_key = None, None
    fits = FITS.get(gold.ent_type, set())
    for i, (start, end, _text, _entity, ptype) in enumerate(predicted):
        overlap = min(end, gold.end) - max(start, gold.start)
        if overlap <= 0:
            continue
        key = (ptype not in fits, -overlap, abs(end - gold.end), end - start)
        if best_key is None or key < best_key:
            best, best_key = i, key
    return best


def evaluate(arts: list[Article], store: Any) -> dict[str, Any]:
    rows = store.con.execute(
        'SELECT m.doc_id, m.start, m."end", m.text, l.canonical_id, m.type FROM mentions m '
        "LEFT JOIN entity_links l ON l.doc_id = m.doc_id AND l.entity_id = m.entity "
        "WHERE m.kind IS NULL OR m.kind IN ('name', 'acronym', 'nickname') "
        "ORDER BY m.doc_id, m.start"
    ).fetchall()
    predicted: dict[str, list[Predicted]] = {}
    for doc, start, end, text, canonical, ptype in rows:
        predicted.setdefault(doc, []).append((start, end, text, canonical, ptype))
    gold_all = [g for a in arts for g in a.gold]
    gold_lab: dict[int, str] = {}
    ours: dict[int, str] = {}
    exact: dict[int, str] = {}
    exact_gold: dict[int, str] = {}
    matched = 0
    for n, g in enumerate(gold_all):
        gold_lab[n] = g.cluster
        exact_gold[n] = "text:" + g.text
        preds = predicted.get(g.doc, [])
        i = match(g, preds)
        if i is None:
            ours[n] = exact[n] = f"single:{n}"
            continue
        matched += 1
        _s, _e, text, canonical, _t = preds[i]
        ours[n] = canonical or f"single:{n}"
        exact[n] = "text:" + text
    actor = [n for n, g in enumerate(gold_all) if g.ent_type in ACTOR_TYPES]

    def sub(labels: dict[int, str]) -> dict[int, str]:
        return {n: labels[n] for n in actor}

    out: dict[str, Any] = {
        "articles": len(arts),
        "gold_nam_mentions": len(gold_all),
        "gold_entities": len(set(gold_lab.values())),
        "gold_cross_doc_entities": sum(
            1
            for c in set(gold_lab.values())
            if len({g.doc for g in gold_all if g.cluster == c}) > 1
        ),
        "matched_mentions": matched,
        "matched_rate": round(matched / len(gold_all), 4),
    }
    for name, labels in (("ours", ours), ("exact", exact), ("exact_gold", exact_gold)):
        for key, value in b_cubed(gold_lab, labels).items():
            out[f"b3_{key}_{name}"] = value
        for key, value in b_cubed(sub(gold_lab), sub(labels)).items():
            out[f"b3_{key}_{name}_per_org_loc"] = value
    return out


def run(arts: list[Article], pipeline: Any, path: str, *, verbose: bool = False) -> dict[str, Any]:
    """Read, store, resolve and score ``arts``; the store is written at ``path``."""
    from newsgraph.model.records import DocResult, Document
    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store

    docs = [
        Document(
            id=a.doc_id,
            date=a.date,
            date_precision="day" if len(a.date) == 10 else "year",
            text=a.text,
            title=a.title,
        )
        for a in arts
    ]
    with Timer() as t_pipe:
        results = []
        for n, result in enumerate(pipeline.pipe(docs), 1):
            results.append(result)
            if verbose and n % 10 == 0:
                print(f"  {n}/{len(docs)} articles read", flush=True)
    ok = [r for r in results if isinstance(r, DocResult)]
    failed = [r for r in results if not isinstance(r, DocResult)]
    with Store(path, refresh_index_on_close=False) as store:
        store.write_batch(ok, failed)
        with Timer() as t_resolve:
            stats = resolve_store(store)
        metrics = evaluate(arts, store)
    metrics.update(
        {
            "failed_articles": len(failed),
            "canonical_entities": stats.canonical,
            "pipeline_s": round(t_pipe.wall, 1),
            "resolve_s": round(t_resolve.wall, 2),
        }
    )
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="Only the first N articles.")
    parser.add_argument("--keep-db", default=None, help="Write the store here (for inspection).")
    args = parser.parse_args()
    from newsgraph.pipeline import Pipeline

    arts = list(articles(require_data("meantime/intra_cross-doc_annotation")))
    if args.limit:
        arts = arts[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep_db or str(Path(tmp) / "meantime.duckdb")
        metrics = run(arts, Pipeline(stages=STAGES), path, verbose=True)
    metrics["peak_rss_mb"] = round(peak_rss_mb())
    command = "python -m benchmarks.resolution_eval"
    if args.limit:
        command += f" --limit {args.limit}"
    record("entity_resolution", metrics, command)


if __name__ == "__main__":
    main()
