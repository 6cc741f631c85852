"""The SQL behind the actor network (:mod:`newsgraph.query.network`): the relation of every event
and claim to the actors it connects, aggregated into weighted edges inside DuckDB.

One row of the ``pairs`` relation is one record (an event or a claim) connecting two actors:

* a directed event: each source actor with each target actor (``direction = 'directed'``);
* a reciprocal event (every party acts on every other, see
  :func:`~newsgraph.model.records.directed_pairs`): each unordered pair of its parties once,
  the lesser id first (``direction = 'mutual'``), so a meeting of two actors is one edge, not two;
* a claim: its speaker with each of its targets (``direction = 'directed'``).

Actors are canonical entities (``entity_links``) once resolution has run; before it, doc-level
entities grouped by type and folded name (``TYPE/folded name``, as :mod:`newsgraph.query.entities`
names them). An actor is never paired with itself. Parameters are named (``$name``) and only the
ones a statement uses are bound.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from newsgraph.query.common import fold
from newsgraph.query.wrong import not_wrong

# The ISO prefix of a DateRef value ("2024-09-13", "2023-02", "2019"); anything else ("XXXX-WXX-4",
# "PRESENT_REF") falls back to the article's date.
_ISO = r"'^\d{4}(-\d{2}(-\d{2})?)?'"
FOLD_FUNCTION = "newsgraph_fold"
# Up to this many articles a list of them is read by the doc_id index (the connection's
# dynamic_or_filter_threshold, store.core.READ_CONFIG); beyond, records are semi-joined.
INDEXED_DOCS = 1000


def _day(json_col: str) -> str:
    return (
        f"coalesce(nullif(regexp_extract(json_extract_string({json_col}, '$.value'), {_ISO}), ''),"
        " d.doc_date)"
    )


def range_sql(expr: str, lo: str | None, hi: str | None, params: dict[str, Any], tag: str) -> str:
    """SQL for "the ISO-prefix date ``expr`` overlaps ``[lo, hi]``" (inclusive, any precision: as
    :func:`newsgraph.query.common.in_range`); "true" without bounds."""
    out = []
    if lo:
        params[f"{tag}_lo"] = lo
        out.append(f"{expr} >= left(${tag}_lo, length({expr}))")
    if hi:
        params[f"{tag}_hi"] = hi
        out.append(f"left({expr}, length(${tag}_hi)) <= ${tag}_hi")
    return " AND ".join(out) or "true"


def ensure_fold(con: duckdb.DuckDBPyConnection) -> None:
    """Register :func:`~newsgraph.query.common.fold` as a SQL function on this connection (the
    grouping of doc-level entities before resolution must fold names exactly as Python does)."""
    have = con.execute(
        "SELECT count(*) FROM duckdb_functions() WHERE function_name = ?", [FOLD_FUNCTION]
    ).fetchone()
    if not (have and have[0]):
        text = duckdb.sqltype("VARCHAR")
        con.create_function(FOLD_FUNCTION, fold, [text], text, side_effects=False)


@dataclass
class PairsQuery:
    """The ``WITH`` clauses defining ``node_of``, ``node_info`` and ``pairs`` under filters."""

    resolved: bool
    min_confidence: Mapping[str, float] | None = None
    kinds: Sequence[str] = ("event", "claim")
    event_types: Sequence[str] = ()
    date_from: str | None = None
    date_to: str | None = None
    date_basis: str = "record"  # record: the event/claim date (else the article's); document
    doc_ids: Sequence[str] | None = None
    # Only documents that mention one of these actors (an ego network's reach); None: all.
    touching: Sequence[str] | None = None
    # Only the records in which at least ``among_min`` of these actors take part, read from
    # ``entity_records`` (resolved stores whose table is current: the caller checks); None: all.
    # A superset of the records that can pair two of them, so the edges among them are exact
    # while the events and claims of every other record are never unnested and paired.
    among: Sequence[str] | None = None
    among_min: int = 1
    # With ``among``: read the links of the candidates' articles from ``doc_actors`` (the same
    # links, indexed by article; resolution writes it with ``entity_records``).
    links_by_article: bool = False
    cand_docs: list[str] | None = None  # the candidates' articles (:meth:`candidate_docs`)
    params: dict[str, Any] = field(default_factory=dict)

    def node_of(self) -> str:
        if self.resolved:
            # Only the candidate records' articles: a statement materialises this relation, and
            # the whole of it is a row per doc-level entity of the store.
            if self.among is None:
                return "SELECT doc_id, entity_id, canonical_id AS node FROM entity_links"
            table = "doc_actors" if self.links_by_article else "entity_links"
            return (
                f"SELECT doc_id, entity_id, canonical_id AS node FROM {table} "
                f"WHERE {self._in_cand(table)}"
            )
        return (
            f"SELECT doc_id, id AS entity_id, type || '/' || {FOLD_FUNCTION}(coalesce(name, '')) "
            "AS node FROM entities"
        )

    def node_info(self) -> str:
        if self.resolved:
            return (
                "SELECT id, name, coalesce(type, '') AS type, "
                "coalesce(n_mentions, 0) AS n_mentions, coalesce(n_docs, 0) AS n_docs "
                "FROM canonical_entities"
            )
        return (
            f"SELECT e.type || '/' || {FOLD_FUNCTION}(coalesce(e.name, '')) AS id, "
            "mode(e.name ORDER BY coalesce(m.n, 0) DESC) AS name, any_value(e.type) AS type, "
            "sum(coalesce(m.n, 0))::BIGINT AS n_mentions, count(DISTINCT e.doc_id) AS n_docs "
            "FROM entities e LEFT JOIN (SELECT doc_id, entity, count(*) AS n FROM mentions "
            "GROUP BY doc_id, entity) m ON m.doc_id = e.doc_id AND m.entity = e.id GROUP BY 1"
        )

    def _docs(self) -> str:
        p = self.params
        where = []
        if self.doc_ids is not None:
            p["doc_ids"] = list(self.doc_ids)
            where.append("id IN (SELECT unnest($doc_ids::VARCHAR[]))")
        if self.date_basis == "document":
            where.append(range_sql("date", self.date_from, self.date_to, p, "docdate"))
        if self.among is not None:
            where.append(self._in_cand("documents", "id"))
        if self.touching is not None:
            p["touching"] = list(self.touching)
            where.append(
                "id IN (SELECT doc_id FROM node_of WHERE node IN "
                "(SELECT unnest($touching::VARCHAR[])))"
            )
        cond = " AND ".join(where) or "true"
        return f"SELECT id AS doc_id, date AS doc_date FROM documents WHERE {cond}"

    def _cand(self) -> str:
        """The candidate records of :attr:`among`: ``(kind, doc_id, id)``."""
        sql, params = candidates_sql(self.among or (), self.among_min)
        self.params.update(params)
        return sql

    def candidate_docs(self, con: duckdb.DuckDBPyConnection) -> None:
        """Read the candidates' articles once, into ``$cand_docs``, when there are few: given as
        a list, a filter on up to ``dynamic_or_filter_threshold`` articles reads the ``doc_id``
        indexes (from a relation of the same statement it scanned ``events`` whole). Whether
        there can be few is told first from the actors' article counts (an upper bound), so
        that a frequent actor's candidates are not computed twice."""
        if self.among is None:
            return
        bound = con.execute(
            "SELECT coalesce(sum(n_docs), 0) FROM canonical_entities "
            "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [list(self.among)],
        ).fetchone()
        if bound is None or int(bound[0]) > INDEXED_DOCS:
            return  # many articles: the statement reads them from its candidates relation
        sql, params = candidates_sql(self.among, self.among_min)
        rows = con.execute(
            f"SELECT DISTINCT doc_id FROM ({sql}) ORDER BY doc_id", params
        ).fetchall()
        self.cand_docs = [r[0] for r in rows]

    def _semi(self, kind: str, alias: str) -> str:
        """A semi-join keeping the rows of ``alias`` among the candidate records (or nothing)."""
        if self.among is None:
            return ""
        return (
            f" SEMI JOIN (SELECT doc_id, id FROM cand WHERE kind = '{kind}') k "
            f"ON k.doc_id = {alias}.doc_id AND k.id = {alias}.id"
        )

    def _in_cand(self, alias: str, column: str = "doc_id") -> str:
        """The candidates' articles as a filter (up to ``dynamic_or_filter_threshold`` of them
        it reads the ``doc_id`` index instead of scanning the table), or "true"."""
        if self.among is None:
            return "true"
        if self.cand_docs is not None and len(self.cand_docs) <= INDEXED_DOCS:
            self.params["cand_docs"] = self.cand_docs
            return f"{alias}.{column} IN (SELECT unnest($cand_docs::VARCHAR[]))"
        return f"{alias}.{column} IN (SELECT doc_id FROM cand)"

    def _table(self, table: str, alias: str) -> str:
        """``table alias``, or with :attr:`among` only the rows of the candidates' articles (a
        subquery: beside the semi-join a filter on the table itself was not pushed into its
        scan)."""
        if self.among is None:
            return f"{table} {alias}"
        return f"(SELECT * FROM {table} x WHERE {self._in_cand('x')}) {alias}"

    def _confidence(self, kind: str, col: str) -> str:
        least = (self.min_confidence or {}).get(kind)
        if least is None:
            return "true"
        self.params[f"conf_{kind}"] = float(least)
        return f"({col} IS NULL OR {col} >= $conf_{kind})"

    def _events(self) -> str:
        where = [self._confidence("event", "e.confidence"), not_wrong("event", "e")]
        if self.event_types:
            self.params["event_types"] = [t.upper() for t in self.event_types]
            where.append("upper(e.type) IN (SELECT unnest($event_types::VARCHAR[]))")
        return (
            "SELECT e.doc_id, e.id, e.type AS label, coalesce(e.modality, 'occurred') AS modality,"
            f" coalesce(e.reciprocal, false) AS recip, {_day('e.date')} AS day, e.source, e.target "
            f"FROM {self._table('events', 'e')} JOIN docs d ON d.doc_id = e.doc_id"
            f"{self._semi('event', 'e')} "
            f"WHERE {' AND '.join(where)}"
        )

    def _claims(self) -> str:
        return (
            "SELECT c.doc_id, c.id, coalesce(c.status, 'asserted') AS label, c.speaker, "
            f"c.targets, {_day('c.date')} AS day FROM {self._table('claims', 'c')} "
            f"JOIN docs d ON d.doc_id = c.doc_id{self._semi('claim', 'c')} "
            f"WHERE c.speaker IS NOT NULL AND {self._confidence('claim', 'c.confidence')} "
            f"AND {not_wrong('claim', 'c')}"
        )

    def ctes(self) -> str:
        """``WITH node_of, node_info, docs, …, pairs`` (no trailing comma)."""
        parts = [f"cand AS MATERIALIZED ({self._cand()})"] if self.among is not None else []
        parts += [f"node_of AS ({self.node_of()})", f"node_info AS ({self.node_info()})"]
        parts.append(f"docs AS ({self._docs()})")
        selects = []
        if "event" in self.kinds:
            parts += [
                f"ev AS ({self._events()})",
                "ev_side AS (SELECT doc_id, id, label, modality, recip, day, 'source' AS role, "
                "unnest(from_json(source, '[\"VARCHAR\"]')) AS ent FROM ev UNION ALL "
                "SELECT doc_id, id, label, modality, recip, day, 'target' AS role, "
                "unnest(from_json(target, '[\"VARCHAR\"]')) AS ent FROM ev)",
                "ev_node AS (SELECT DISTINCT s.doc_id, s.id, s.label, s.modality, s.recip, s.day, "
                "s.role, n.node FROM ev_side s JOIN node_of n "
                "ON n.doc_id = s.doc_id AND n.entity_id = s.ent)",
            ]
            selects += [
                "SELECT DISTINCT 'event' AS kind, a.doc_id, a.id AS record_id, a.label, "
                "a.modality, a.day, a.node AS src, b.node AS tgt, 'directed' AS direction "
                "FROM ev_node a JOIN ev_node b ON a.doc_id = b.doc_id AND a.id = b.id "
                "WHERE NOT a.recip AND a.role = 'source' AND b.role = 'target' "
                "AND a.node <> b.node",
                "SELECT DISTINCT 'event', a.doc_id, a.id, a.label, a.modality, a.day, a.node, "
                "b.node, 'mutual' FROM ev_node a JOIN ev_node b "
                "ON a.doc_id = b.doc_id AND a.id = b.id WHERE a.recip AND a.node < b.node",
            ]
        if "claim" in self.kinds:
            parts += [
                f"cl AS ({self._claims()})",
                "cl_t AS (SELECT doc_id, id, label, speaker, day, "
                "unnest(from_json(targets, '[\"VARCHAR\"]')) AS ent FROM cl)",
            ]
            selects.append(
                "SELECT DISTINCT 'claim' AS kind, c.doc_id, c.id AS record_id, c.label, "
                "NULL::VARCHAR AS modality, c.day, s.node AS src, t.node AS tgt, "
                "'directed' AS direction FROM cl_t c "
                "JOIN node_of s ON s.doc_id = c.doc_id AND s.entity_id = c.speaker "
                "JOIN node_of t ON t.doc_id = c.doc_id AND t.entity_id = c.ent "
                "WHERE s.node <> t.node"
            )
        if not selects:
            selects.append(
                "SELECT NULL::VARCHAR AS kind, NULL::VARCHAR AS doc_id, NULL::VARCHAR AS "
                "record_id, NULL::VARCHAR AS label, NULL::VARCHAR AS modality, NULL::VARCHAR AS "
                "day, NULL::VARCHAR AS src, NULL::VARCHAR AS tgt, NULL::VARCHAR AS direction "
                "WHERE false"
            )
        day_filter = "true"
        if self.date_basis == "record":
            day_filter = range_sql("day", self.date_from, self.date_to, self.params, "day")
        parts.append(f"pairs AS (SELECT * FROM ({' UNION ALL '.join(selects)}) WHERE {day_filter})")
        return "WITH " + ",\n".join(parts)


def edges_sql(
    q: PairsQuery,
    *,
    min_weight: int,
    node_types: Sequence[str],
    scope: Sequence[str] | None,
    support_limit: int | None,
    hub: str | None = None,
    light: bool = False,
    center: str | None = None,
    bucket: tuple[int, int] | None = None,
) -> str:
    """``<ctes>, edges AS (…), typed AS (…)``: one row per edge with its aggregates, endpoints
    inside ``scope`` (all when None) and of ``node_types`` (all when empty), one of them ``hub``
    when given; weight ≥ min_weight. ``light``: only the endpoints and weights (a breadth-first
    step needs no more). ``center`` is kept whatever its type (the actor a network is about).
    ``bucket = (i, k)``: only the edges whose source hashes to ``i`` modulo ``k`` (a stream
    aggregates a large network in parts, so that its memory does not grow with the store)."""
    p = q.params
    p["min_weight"] = max(int(min_weight), 1)
    where = "true"
    if scope is not None:
        p["scope"] = list(scope)
        where = (
            "src IN (SELECT unnest($scope::VARCHAR[])) "
            "AND tgt IN (SELECT unnest($scope::VARCHAR[]))"
        )
    if hub is not None:
        p["hub"] = hub
        where += " AND (src = $hub OR tgt = $hub)"
    if bucket is not None and bucket[1] > 1:
        p["bucket"], p["buckets"] = bucket
        where += " AND hash(src) % $buckets = $bucket"
    support = (
        "list(struct_pack(kind := kind, doc_id := doc_id, record_id := record_id, date := day) "
        "ORDER BY day, doc_id, record_id)"
    )
    if support_limit is not None and not light:
        p["support_limit"] = max(int(support_limit), 0)
        support = f"list_slice({support}, 1, $support_limit)"
    typed = "SELECT * FROM edges"
    if node_types:
        p["node_types"] = [t.upper() for t in node_types]
        kept = "upper({x}.type) IN (SELECT unnest($node_types::VARCHAR[]))"
        if center is not None:
            p["center"] = center
            kept = f"({kept} OR {{x}}.id = $center)"
        typed = (
            "SELECT e.* FROM edges e JOIN node_info a ON a.id = e.src "
            "JOIN node_info b ON b.id = e.tgt "
            f"WHERE {kept.format(x='a')} AND {kept.format(x='b')}"
        )
    if light:
        return (
            q.ctes() + ",\n"
            "edges AS MATERIALIZED (SELECT src, tgt, direction, count(*) AS weight FROM pairs "
            f"WHERE {where} GROUP BY src, tgt, direction HAVING count(*) >= $min_weight),\n"
            f"typed AS ({typed})"
        )
    return (
        q.ctes() + ",\n"
        "edges AS MATERIALIZED (SELECT src, tgt, direction, count(*) AS weight, "
        "count(*) FILTER (WHERE kind = 'event') AS n_events, "
        "count(*) FILTER (WHERE kind = 'claim') AS n_claims, "
        "histogram(label) FILTER (WHERE kind = 'event') AS event_types, "
        "histogram(modality) FILTER (WHERE kind = 'event') AS modalities, "
        "histogram(label) FILTER (WHERE kind = 'claim') AS claim_statuses, "
        f"min(day) AS first_date, max(day) AS last_date, {support} AS support "
        f"FROM pairs WHERE {where} GROUP BY src, tgt, direction "
        "HAVING count(*) >= $min_weight),\n"
        f"typed AS ({typed})"
    )


def candidates_sql(actors: Sequence[str], least: int) -> tuple[str, dict[str, Any]]:
    """``(kind, doc_id, id)`` of the records in which ``least`` of ``actors`` take part, from
    ``entity_records``. Up to :data:`INDEXED_DOCS` actors are written as a list of constants: DuckDB
    then skips the row groups (sorted by actor) that hold none of them, which it does not for a
    list parameter (a frequent actor's 200 neighbours: 15 against 36 ms of CPU)."""
    params: dict[str, Any] = {"among_min": max(int(least), 1)}
    if len(actors) <= INDEXED_DOCS:
        which = "(" + ", ".join("'" + a.replace("'", "''") + "'" for a in actors) + ")"
        which = which if actors else "(NULL)"
    else:
        params["among"] = list(actors)
        which = "(SELECT unnest($among::VARCHAR[]))"
    sql = (
        f"SELECT kind, doc_id, id FROM entity_records WHERE canonical_id IN {which} "
        "GROUP BY kind, doc_id, id HAVING count(DISTINCT canonical_id) >= $among_min"
    )
    return sql, params


EDGE_COLUMNS = (
    "src, tgt, direction, weight, n_events, n_claims, event_types, modalities, claim_statuses, "
    "first_date, last_date, support"
)
