"""Cross-article event linking: the same real-world event reported by several articles becomes
one cluster in ``event_links``, so that counts are of events, not of reports.

Two reported events are linked when they come from different articles and have the same PLOVER
type, compatible modes, the same kind of modality (past, scheduled, hypothetical, negated),
compatible dates (one date a prefix of the other: "2023-02" and "2023-02-21"; a date that only fell
back to the article date is compatible with any date up to it) and they share a canonical actor
(via ``entity_links``) with no conflicting actor on the same side. Clusters are the connected
groups of that relation. Cluster ids are derived from the earliest member, so they stay stable
across re-runs and across incremental updates.

Work grows with the distinct events per (type, canonical actor), not with the square of all
reports: reports that agree on everything the rule reads (a *node*: type, mode, modality group,
actors, and the date, or only that it is the article's date) are linked or not as one, so many
articles repeating one event cost one node; nodes are compared only inside a (type, actor,
modality group) bucket, and dated nodes only with dates that are a prefix of theirs or equal.

:func:`link_events` relinks the whole store, or only the part an update touches
(:mod:`newsgraph.resolve.event_region` chooses it); both give the same ``event_links``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsgraph.model.data import modality_groups
from newsgraph.store import Store

MODALITY_GROUP = modality_groups()

RULE = "type+actor+date.v1"


@dataclass
class LinkedEvent:
    doc_id: str
    id: str
    type: str
    mode: str | None
    modality: str
    date: str | None
    doc_anchored: bool
    doc_date: str
    sources: frozenset[str]
    targets: frozenset[str]

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.id)


def _dates_compatible(a: LinkedEvent, b: LinkedEvent) -> bool:
    if a.date is None or b.date is None:
        return True
    if a.doc_anchored and b.doc_anchored:
        return True
    if a.doc_anchored:
        return b.date[: len(a.doc_date)] <= a.doc_date
    if b.doc_anchored:
        return a.date[: len(b.doc_date)] <= b.doc_date
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _same_apart_from_dates(a: LinkedEvent, b: LinkedEvent) -> bool:
    """Type, mode, modality group and actors agree (the rule without dates or documents)."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    if MODALITY_GROUP.get(a.modality) != MODALITY_GROUP.get(b.modality):
        return False
    if a.sources and b.sources and not a.sources & b.sources:
        return False
    if a.targets and b.targets and not a.targets & b.targets:
        return False
    return bool(a.sources & b.sources or a.targets & b.targets)


def same_event(a: LinkedEvent, b: LinkedEvent) -> bool:
    """Whether two reported events are one real-world event (see the module docstring; the two
    reports must also come from different articles, which :func:`clusters` checks)."""
    return _same_apart_from_dates(a, b) and _dates_compatible(a, b)


def _signature(ev: LinkedEvent) -> tuple[object, ...]:
    """What the rule reads of a report, apart from its article: reports with one signature are
    all linked to the same others (an article-dated report's date is its article's date, kept
    per node in :attr:`_Node.doc_dates`)."""
    when: tuple[str, ...]
    if ev.date is None:
        when = ("none",)
    elif ev.doc_anchored:
        when = ("article",)
    else:
        when = ("dated", ev.date)
    group = MODALITY_GROUP.get(ev.modality)
    return (ev.type, ev.mode, group, ev.sources, ev.targets, when)


def _add_doc(docs: set[str], doc: str) -> None:
    """Keep at most two distinct documents: enough to know whether another one exists."""
    if len(docs) < 2:
        docs.add(doc)


def _apart(a: set[str], b: set[str]) -> bool:
    """Whether some document of ``a`` differs from some document of ``b``."""
    return not (len(a) == 1 and a == b)


@dataclass
class _Node:
    """Reports sharing one signature. Those from different articles are linked to each other;
    a node with reports from one article only links them only through other nodes."""

    rep: LinkedEvent
    members: list[int] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    # Article-dated nodes: article date -> (up to two of) its documents.
    doc_dates: dict[str, set[str]] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        if self.rep.date is None:
            return "none"
        return "article" if self.rep.doc_anchored else "dated"


def _nodes_linked(p: _Node, q: _Node) -> bool:
    """Whether some report of ``p`` and some report of ``q`` from another article are linked."""
    if not _same_apart_from_dates(p.rep, q.rep):
        return False
    if p.kind == "dated" and q.kind == "article":
        p, q = q, p
    if p.kind == "article" and q.kind == "dated":
        date = q.rep.date or ""
        return any(
            date[: len(day)] <= day and _apart(docs, q.docs) for day, docs in p.doc_dates.items()
        )
    return _dates_compatible(p.rep, q.rep) and _apart(p.docs, q.docs)


def _candidate_pairs(bucket: list[int], nodes: list[_Node]) -> Iterable[tuple[int, int]]:
    """Node pairs of one (type, actor, modality group) bucket whose dates may be compatible:
    dated nodes only with equal dates or dates that are a prefix of theirs; the others (no
    date, or the article's date) with every node."""
    dated: dict[str, list[int]] = defaultdict(list)
    others: list[int] = []
    for n in bucket:
        if nodes[n].kind == "dated":
            dated[nodes[n].rep.date or ""].append(n)
        else:
            others.append(n)
    for i, a in enumerate(others):
        for b in others[i + 1 :]:
            yield a, b
        for same in dated.values():
            for b in same:
                yield a, b
    for date, same in dated.items():
        for i, a in enumerate(same):
            for b in same[i + 1 :]:
                yield a, b
            for k in range(1, len(date)):
                for b in dated.get(date[:k], ()):
                    yield a, b


def clusters(events: list[LinkedEvent]) -> list[list[LinkedEvent]]:
    """Groups of events that report the same event (singletons included): the connected
    groups of :func:`same_event` between reports of different articles."""
    nodes: list[_Node] = []
    node_of: dict[tuple[object, ...], int] = {}
    alone: list[int] = []  # reports with no actor: never linked
    for i, ev in enumerate(events):
        if not (ev.sources or ev.targets):
            alone.append(i)
            continue
        sig = _signature(ev)
        n = node_of.get(sig)
        if n is None:
            n = node_of[sig] = len(nodes)
            nodes.append(_Node(rep=ev))
        node = nodes[n]
        node.members.append(i)
        _add_doc(node.docs, ev.doc_id)
        if ev.doc_anchored and ev.date is not None:
            _add_doc(node.doc_dates.setdefault(ev.doc_date, set()), ev.doc_id)

    parent = list(range(len(nodes)))
    linked = [len(node.docs) > 1 for node in nodes]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for n, node in enumerate(nodes):
        ev = node.rep
        for actor in ev.sources | ev.targets:
            buckets[(ev.type, actor, MODALITY_GROUP.get(ev.modality))].append(n)
    for bucket in buckets.values():
        for a, b in _candidate_pairs(bucket, nodes):
            ra, rb = find(a), find(b)
            if ra != rb and _nodes_linked(nodes[a], nodes[b]):
                parent[max(ra, rb)] = min(ra, rb)
                linked[a] = linked[b] = True

    groups: dict[int, list[LinkedEvent]] = defaultdict(list)
    out: list[list[LinkedEvent]] = [[events[i]] for i in alone]
    for n, node in enumerate(nodes):
        if linked[n]:
            groups[find(n)].extend(events[i] for i in node.members)
        else:  # reports of one article, linked to nothing: each on its own
            out.extend([events[i]] for i in node.members)
    return out + list(groups.values())


def cluster_id(members: list[LinkedEvent]) -> str:
    first = min(m.key for m in members)
    return "evc_" + hashlib.sha1(f"{first[0]}/{first[1]}".encode()).hexdigest()[:12]


def link_events(store: Store, *, changed_canonicals: set[str] | None = None) -> int:
    """Link events across articles into ``event_links``; returns the number of event clusters
    in the store.

    ``changed_canonicals=None`` relinks the whole store. Otherwise only what an update touches
    is relinked (:func:`newsgraph.resolve.event_region.select_region`): events not yet linked,
    links of events marked wrong or gone, events with an actor whose canonical id is in
    ``changed_canonicals`` (it must hold every canonical id that gained or lost a doc-level
    entity), and every cluster sharing a (type, canonical actor) with those. The result is the
    same as a full relink. Rows are read and written in bulk, in one transaction."""
    from newsgraph.resolve import event_region

    try:
        with store.transaction() as con:
            region = event_region.select_region(con, changed_canonicals)
            groups = clusters(event_region.load(con, region))
            event_region.write(con, region, [(cluster_id(g), g) for g in groups], RULE)
            row = con.execute("SELECT count(DISTINCT cluster_id) FROM event_links").fetchone()
    finally:
        event_region.drop(store.con)
    return int(row[0]) if row else 0
