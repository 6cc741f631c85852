"""What an actor's dossier shows, summarised per canonical actor at resolution.

A frequent actor stands for ~20,000 doc-level entities in a store of 100,000 articles. Its dossier
(names, roles, attributes, the latest articles) used to join ``entities`` (1M rows) with
``entity_links`` on every request, parse each stating row's JSON and merge the roles in Python.
Resolution now writes, beside ``entity_records`` and in the same transaction, four tables keyed by
``canonical_id`` and sorted by it (one actor's rows are a few row groups):

* ``entity_docs(canonical_id, doc_id, doc_rank, n)`` — each article the actor is in, with the
  rank of its date (:func:`~newsgraph.store.entity_records.date_rank_sql`; NULL when the article
  row is missing) and how many mentions of the actor it has: ``n_docs``, ``n_mentions`` and the
  latest articles without reading the others.
* ``entity_names(canonical_id, source, text, kind, aliases, n, first_at)`` — ``source`` 'mention':
  each surface form (text, kind) with its count; 'entity': each distinct (name, aliases) of the
  doc-level entities with where it first appears (``first_at`` = {d: doc_id, e: entity id}).
* ``entity_roles(canonical_id, title, of, org, n, first_at, latest, sources)`` — role statements
  grouped by their exact (title, of, org) text, ``of``/``org`` already named as the dossier names
  them (the canonical actor's name when the id is linked, else the doc-level entity's name, else
  the raw value); ``n`` statements, ``first_at`` the first in (doc_id, entity id, index) order,
  ``latest`` the one from the latest article (ties: the last in that order) with its ``former``,
  ``start``, ``end``, and ``sources`` every statement sorted by (doc_rank, doc_id, entity id,
  index) with its evidence offsets.
* ``entity_attributes(canonical_id, name, value, n, first_at, as_of_at, sources)`` — attribute
  statements grouped by (key, exact JSON text of the value), ``as_of_at`` the statement with the
  latest ``as_of`` (ties: the first), the same ``first_at`` and ``sources``.

And, for the reads that name the actors of a page of articles (timelines, claims, events, the
document view: ``query.entities.canonical_names``), ``doc_actors(doc_id, entity_id, canonical_id,
name)``: ``entity_links`` with the actor's name, sorted by article and indexed on ``doc_id``
(``entity_links`` is sorted by actor and not indexed, so a lookup by article scanned all of it:
~40 ms of CPU per request at 100,000 articles, ~6 ms here).

Grouping is by exact text: the reader (:mod:`newsgraph.query.dossier_summary`) merges groups whose
folded keys agree, as the dossier merges statements, so the result equals the dossier computed
from the raw rows (``tests/app/test_entity_summary.py`` checks it after resolution, merges,
splits and undoing them).

Each table is written by one ``INSERT … SELECT`` over the actors in ``ids`` (``None``: all), so
resolution that changes only some actors can rewrite only theirs; a role's ``of``/``org`` carries
the *name* of another actor, so renaming an actor also changes the roles that name it.
``meta.entity_summary = 1`` says resolution wrote them; readers trust them under the same
condition as ``entity_records`` (:func:`usable`).
"""

from __future__ import annotations

import json
from collections.abc import Collection

import duckdb

from newsgraph.store.entity_records import date_rank_sql, resolved_mark
from newsgraph.store.sync import sync

META_KEY = "entity_summary"

TABLES = ("entity_docs", "entity_names", "entity_roles", "entity_attributes", "doc_actors")

DDL = (
    """CREATE TABLE IF NOT EXISTS entity_docs (
        canonical_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, doc_rank BIGINT, n INTEGER)""",
    """CREATE TABLE IF NOT EXISTS entity_names (
        canonical_id VARCHAR NOT NULL, source VARCHAR NOT NULL, text VARCHAR, kind VARCHAR,
        aliases VARCHAR, n INTEGER, first_at STRUCT(d VARCHAR, e VARCHAR))""",
    """CREATE TABLE IF NOT EXISTS entity_roles (
        canonical_id VARCHAR NOT NULL, title VARCHAR, "of" VARCHAR, org VARCHAR, n INTEGER,
        first_at STRUCT(d VARCHAR, e VARCHAR, i BIGINT),
        latest STRUCT(r BIGINT, d VARCHAR, e VARCHAR, i BIGINT, former BOOLEAN,
                      "start" VARCHAR, "end" VARCHAR),
        sources STRUCT(r BIGINT, d VARCHAR, e VARCHAR, i BIGINT, s BIGINT, t BIGINT)[])""",
    """CREATE TABLE IF NOT EXISTS entity_attributes (
        canonical_id VARCHAR NOT NULL, name VARCHAR, value VARCHAR, n INTEGER,
        first_at STRUCT(d VARCHAR, e VARCHAR, i BIGINT),
        as_of_at STRUCT(r BIGINT, d VARCHAR, e VARCHAR, i BIGINT, as_of VARCHAR),
        sources STRUCT(r BIGINT, d VARCHAR, e VARCHAR, i BIGINT, s BIGINT, t BIGINT)[])""",
    """CREATE TABLE IF NOT EXISTS doc_actors (
        doc_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, canonical_id VARCHAR NOT NULL,
        name VARCHAR)""",
)
DOC_INDEX = "idx_doc_actors_doc"

# The actors to (re)write: every one, or those of a JSON list parameter.
_ALL = "true"
_SOME = "{col} IN (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))"


def _int(expr: str) -> str:
    """A JSON value as BIGINT when it is a JSON integer (as Python's ``isinstance(x, int)``)."""
    e = f"({expr})"
    return f"CASE WHEN json_type({e}) IN ('BIGINT', 'UBIGINT') THEN CAST({e} AS BIGINT) END"


def _truthy(expr: str) -> str:
    """Python's ``bool()`` of a JSON value (missing: false)."""
    expr = f"({expr})"
    return (
        f"coalesce(CASE json_type({expr}) WHEN 'NULL' THEN false "
        f"WHEN 'BOOLEAN' THEN CAST({expr} AS VARCHAR) = 'true' "
        f"WHEN 'VARCHAR' THEN ({expr} ->> '$') <> '' "
        f"WHEN 'ARRAY' THEN json_array_length({expr}) > 0 "
        f"WHEN 'OBJECT' THEN CAST({expr} AS VARCHAR) <> '{{}}' "
        f"ELSE TRY_CAST(CAST({expr} AS VARCHAR) AS DOUBLE) <> 0 END, false)"
    )


def _text(expr: str) -> str:
    """Python's ``str(x) if x else None`` of a JSON value, for the values dates take."""
    expr = f"({expr})"
    return (
        f"CASE WHEN NOT {_truthy(expr)} THEN NULL "
        f"WHEN json_type({expr}) = 'VARCHAR' THEN {expr} ->> '$' "
        f"WHEN json_type({expr}) = 'BOOLEAN' THEN 'True' "
        f"ELSE CAST({expr} AS VARCHAR) END"
    )


# The actor's doc-level entities with their article's date rank (articles that exist only).
_MEMBERS = f"""SELECT l.canonical_id, e.doc_id, e.id AS eid, d.date AS doc_date,
        {date_rank_sql("d.date")} AS doc_rank, e.roles, e.attributes
    FROM entities e JOIN entity_links l ON l.doc_id = e.doc_id AND l.entity_id = e.id
    JOIN documents d ON d.id = e.doc_id WHERE @WHICH"""

_SOURCE = "{'r': doc_rank, 'd': doc_id, 'e': eid, 'i': idx, 's': ev_s, 't': ev_t}"
_ORDER = "doc_rank, doc_id, eid, idx"

# A role's ``of`` / ``org`` names an entity of its own article: the lookups read only the links
# and entities of the role statements' articles (``r``, materialized once), so their hash
# tables hold a few rows, not every entity of the store (~1M at 100,000 articles).
_LINKS_OF_R = "SELECT * FROM entity_links WHERE doc_id IN (SELECT doc_id FROM r)"
_ENTITIES_OF_R = "SELECT id, doc_id, name FROM entities WHERE doc_id IN (SELECT doc_id FROM r)"

_ROLES = f"""INSERT INTO entity_roles
WITH st AS (
    SELECT canonical_id, doc_id, eid, doc_rank,
           unnest(list_transform(from_json(roles, '["JSON"]'), (r, i) -> {{'r': r, 'i': i}})) AS ri
    FROM ({_MEMBERS}) WHERE json_type(roles) = 'ARRAY' AND json_array_length(roles) > 0
), r AS MATERIALIZED (
    SELECT canonical_id, doc_id, eid, doc_rank, ri.i AS idx, ri.r AS role,
           ri.r ->> 'title' AS title, ri.r ->> 'of' AS of_ref, ri.r ->> 'org' AS org_ref
    FROM st WHERE json_type(ri.r) = 'OBJECT' AND json_type(ri.r -> 'title') = 'VARCHAR'
          AND (ri.r ->> 'title') <> ''
), named AS (
    SELECT r.*,
        coalesce(co.name, CASE WHEN eo.id IS NOT NULL THEN coalesce(nullif(eo.name, ''), eo.id)
                 END, of_ref) AS "of",
        coalesce(cg.name, CASE WHEN eg.id IS NOT NULL THEN coalesce(nullif(eg.name, ''), eg.id)
                 END, org_ref) AS org,
        {_truthy("role -> 'former'")} AS former,
        role ->> 'start' AS "start", role ->> 'end' AS "end",
        {_int("role -> 'evidence_start'")} AS ev_s, {_int("role -> 'evidence_end'")} AS ev_t
    FROM r
    LEFT JOIN ({_LINKS_OF_R}) lo ON lo.doc_id = r.doc_id AND lo.entity_id = r.of_ref
    LEFT JOIN canonical_entities co ON co.id = lo.canonical_id
    LEFT JOIN ({_ENTITIES_OF_R}) eo ON eo.doc_id = r.doc_id AND eo.id = r.of_ref
    LEFT JOIN ({_LINKS_OF_R}) lg ON lg.doc_id = r.doc_id AND lg.entity_id = r.org_ref
    LEFT JOIN canonical_entities cg ON cg.id = lg.canonical_id
    LEFT JOIN ({_ENTITIES_OF_R}) eg ON eg.doc_id = r.doc_id AND eg.id = r.org_ref
)
SELECT canonical_id, title, "of", org, count(*),
       min({{'d': doc_id, 'e': eid, 'i': idx}}),
       max({{'r': doc_rank, 'd': doc_id, 'e': eid, 'i': idx, 'former': former,
             'start': "start", 'end': "end"}}),
       list({_SOURCE} ORDER BY {_ORDER})
FROM named GROUP BY canonical_id, title, "of", org ORDER BY canonical_id"""

# A statement's ``as_of``: a boxed value's own ({"value": …, "as_of": …}), else ``KEY_as_of``.
_AS_OF = "CASE WHEN b AND json_exists(v, '$.as_of') THEN v -> 'as_of' ELSE q_as_of END"
_QUALIFIED = "(k LIKE '%\\_as\\_of' ESCAPE '\\' OR k LIKE '%\\_evidence' ESCAPE '\\')"
_ATTRIBUTES = f"""INSERT INTO entity_attributes
WITH st AS (
    SELECT canonical_id, doc_id, eid, doc_date, doc_rank, attributes AS a,
           unnest(list_transform(list_filter(json_keys(attributes),
                  k -> NOT {_QUALIFIED} AND position('"' IN k) = 0),
                  (k, i) -> {{'k': k, 'i': i}})) AS ki
    FROM ({_MEMBERS}) WHERE json_type(attributes) = 'OBJECT'
          AND CAST(attributes AS VARCHAR) <> '{{}}'
), raw AS (
    SELECT canonical_id, doc_id, eid, doc_date, doc_rank, ki.k AS name, ki.i AS idx,
           json_extract(a, '$."' || ki.k || '"') AS v,
           json_extract(a, '$."' || ki.k || '_as_of"') AS q_as_of,
           json_extract(a, '$."' || ki.k || '_evidence"') AS q_ev
    FROM st
), boxed AS (
    SELECT *, json_type(v) = 'OBJECT' AND json_exists(v, '$.value') AS b FROM raw
), s AS (
    SELECT canonical_id, doc_id, eid, doc_rank, name, idx,
           CAST(CASE WHEN b THEN v -> 'value' ELSE v END AS VARCHAR) AS value,
           coalesce({_text(_AS_OF)}, doc_date) AS as_of,
           CASE WHEN b AND json_exists(v, '$.evidence') THEN v -> 'evidence' ELSE q_ev END AS ev
    FROM boxed
), e AS (
    SELECT *, {date_rank_sql("as_of")} AS as_of_rank,
           CASE WHEN json_type(ev) = 'ARRAY' AND json_array_length(ev) = 2
                THEN {_int("ev -> 0")} END AS ev_s,
           CASE WHEN json_type(ev) = 'ARRAY' AND json_array_length(ev) = 2
                THEN {_int("ev -> 1")} END AS ev_t
    FROM s
)
SELECT canonical_id, name, value, count(*),
       min({{'d': doc_id, 'e': eid, 'i': idx}}),
       first({{'r': as_of_rank, 'd': doc_id, 'e': eid, 'i': idx, 'as_of': as_of}}
             ORDER BY as_of_rank DESC, doc_id, eid, idx),
       list({_SOURCE} ORDER BY {_ORDER})
FROM e GROUP BY canonical_id, name, value ORDER BY canonical_id"""

# An update changes few of a big actor's statements (a place such as "U.S." has ~15,000 per
# attribute): its groups (actors ``?`` 2) are its stored rows less the statements of the
# articles whose links changed (``?`` 1), plus those articles' statements now (``@PART``: the
# query above over them only). Exact because a statement outside those articles is unchanged,
# and every aggregate is derived from ``sources`` (one entry per statement: n, the (d, e, i)
# minimum, the sorted list) except ``as_of_at``, kept only while its statement is (else the
# actor's rows are recomputed).
_KEPT_ATTRIBUTES = """
WITH changed AS (SELECT from_json(?::JSON, '["VARCHAR"]') AS docs), o AS (
    SELECT canonical_id, name, value, as_of_at,
           list_filter(sources, s -> NOT list_contains(docs, s.d)) AS kept
    FROM entity_attributes, changed
    WHERE canonical_id IN (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))
), p AS (
    SELECT * FROM (@PART) AS q(canonical_id, name, value, n, first_at, as_of_at, sources)
), j AS (
    SELECT coalesce(o.canonical_id, p.canonical_id) AS canonical_id,
           coalesce(o.name, p.name) AS name, coalesce(o.value, p.value) AS value,
           coalesce(o.kept, []) AS kept, o.as_of_at AS o_at, p.n AS p_n, p.first_at AS p_first,
           p.as_of_at AS p_at, coalesce(p.sources, []) AS p_sources
    FROM o FULL OUTER JOIN p ON o.canonical_id = p.canonical_id
         AND o.name IS NOT DISTINCT FROM p.name AND o.value IS NOT DISTINCT FROM p.value
)
SELECT canonical_id, name, value, len(kept) + coalesce(p_n, 0),
       list_min(list_transform(kept, s -> {'d': s.d, 'e': s.e, 'i': s.i})
                || list_filter([p_first], x -> x IS NOT NULL)),
       CASE WHEN len(kept) = 0 THEN p_at WHEN p_at IS NULL THEN o_at
            WHEN {'r': -p_at.r, 'd': p_at.d, 'e': p_at.e, 'i': p_at.i}
                 < {'r': -o_at.r, 'd': o_at.d, 'e': o_at.e, 'i': o_at.i} THEN p_at ELSE o_at END,
       list_sort(kept || p_sources)
FROM j WHERE len(kept) + coalesce(p_n, 0) > 0 ORDER BY canonical_id"""

# The actors of ``ids`` (``?`` 2) for which that does not hold: a kept group whose ``as_of_at``
# statement is in a changed article (``?`` 1).
_LOST_AS_OF = """SELECT DISTINCT canonical_id
    FROM entity_attributes, (SELECT from_json(?::JSON, '["VARCHAR"]') AS docs)
    WHERE canonical_id IN (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))
      AND list_contains(docs, as_of_at.d)
      AND len(list_filter(sources, s -> NOT list_contains(docs, s.d))) > 0"""


_DOCS = f"""INSERT INTO entity_docs
SELECT l.canonical_id, l.doc_id,
       CASE WHEN d.id IS NOT NULL THEN {date_rank_sql("d.date")} END, coalesce(m.n, 0)
FROM (SELECT DISTINCT canonical_id, doc_id FROM entity_links l WHERE @WHICH) l
LEFT JOIN documents d ON d.id = l.doc_id
LEFT JOIN (SELECT canonical_id, doc_id, sum(n) AS n FROM entity_mentions l WHERE @WHICH
           GROUP BY ALL) m ON m.canonical_id = l.canonical_id AND m.doc_id = l.doc_id
ORDER BY l.canonical_id, 3, l.doc_id"""

_NAMES = """INSERT INTO entity_names
SELECT * FROM (
    SELECT canonical_id, 'mention', text, kind, NULL, sum(n), NULL
    FROM entity_mentions l WHERE @WHICH GROUP BY ALL
    UNION ALL
    SELECT l.canonical_id, 'entity', e.name, NULL, CAST(e.aliases AS VARCHAR), count(*),
           min({'d': e.doc_id, 'e': e.id})
    FROM entities e JOIN entity_links l ON l.doc_id = e.doc_id AND l.entity_id = e.id
    WHERE @WHICH GROUP BY ALL
) ORDER BY canonical_id"""


_DOC_ACTORS = """INSERT INTO doc_actors
SELECT l.doc_id, l.entity_id, l.canonical_id, c.name
FROM entity_links l JOIN canonical_entities c ON c.id = l.canonical_id WHERE @WHICH
ORDER BY l.doc_id, l.entity_id"""


def rebuild(
    con: duckdb.DuckDBPyConnection,
    ids: Collection[str] | None = None,
    docs: Collection[str] | None = None,
) -> None:
    """Rewrite the four tables for the actors ``ids`` (None: every actor) from ``entities``,
    ``entity_links``, ``canonical_entities``, ``documents`` and ``entity_mentions`` (which must
    be current for those actors). One ``INSERT … SELECT`` per table; call inside the
    transaction that writes the links.

    ``docs`` (with ``ids``): the articles whose links changed. ``entity_docs`` rows depend only
    on their article, and ``doc_actors`` rows on their article's links and the actor's name, so
    those are recomputed for these articles (and for the actors renamed), not for every article
    of a changed actor; the other tables aggregate over an actor's articles and are recomputed
    per actor. Only rows that differ are written (:func:`newsgraph.store.sync.sync`)."""
    for ddl in DDL:
        con.execute(ddl)
    row = con.execute("SELECT value FROM meta WHERE key = ?", [META_KEY]).fetchone()
    if ids is not None and not (row and row[0] == "1"):
        ids = None  # never written whole: the other actors' rows are missing
    if ids is None:
        which, params = _ALL, []
    else:
        which, params = _SOME.format(col="l.canonical_id"), [json.dumps(sorted(ids))]
    statements = (
        ("entity_docs", _DOCS),
        ("entity_names", _NAMES),
        ("entity_roles", _ROLES),
        ("entity_attributes", _ATTRIBUTES),
        ("doc_actors", _DOC_ACTORS),
    )
    if ids is None:  # building the index once is cheaper than updating it row by row
        con.execute(f"DROP INDEX IF EXISTS {DOC_INDEX}")
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
        for _, statement in statements:
            con.execute(statement.replace("@WHICH", which), params * statement.count("@WHICH"))
    else:
        # Per table: the condition on the query's rows (alias l), on the table's, and its values.
        scopes = {t: (which, _SOME.format(col="canonical_id"), params) for t in TABLES}
        if docs is not None:
            in_docs = [json.dumps(sorted(docs))]
            scopes["entity_docs"] = (
                _SOME.format(col="l.doc_id"),
                _SOME.format(col="doc_id"),
                in_docs,
            )
            renamed = [
                str(r[0])
                for r in con.execute(
                    "SELECT DISTINCT a.canonical_id FROM doc_actors a JOIN canonical_entities c "
                    f"ON c.id = a.canonical_id WHERE {_SOME.format(col='a.canonical_id')} "
                    "AND a.name IS DISTINCT FROM c.name",
                    params,
                ).fetchall()
            ]
            scopes["doc_actors"] = (
                f"({_SOME.format(col='l.doc_id')} OR {_SOME.format(col='l.canonical_id')})",
                f"({_SOME.format(col='doc_id')} OR {_SOME.format(col='canonical_id')})",
                [*in_docs, json.dumps(sorted(renamed))],
            )
        # An update changes few of a changed actor's summary rows: write only those.
        for table, statement in statements:
            cond, scope, args = scopes[table]
            query = statement.split("\n", 1)[1].replace("@WHICH", cond)
            new_params = args * statement.count("@WHICH")
            if table == "entity_attributes" and docs is not None:
                query, new_params = _attributes_update(con, ids, docs)
            # One row per (actor, name, value): no copies to number (they would hash the lists).
            distinct = table == "entity_attributes"
            sync(con, table, query, scope, args, new_params=new_params, distinct=distinct)
    con.execute(f"CREATE INDEX IF NOT EXISTS {DOC_INDEX} ON doc_actors (doc_id)")
    con.execute(
        "INSERT INTO meta VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
        [META_KEY],
    )


def _attributes_update(
    con: duckdb.DuckDBPyConnection, ids: Collection[str], docs: Collection[str]
) -> tuple[str, list[str]]:
    """The query (and its parameters) of the ``entity_attributes`` rows of the actors ``ids``
    after the links of the articles ``docs`` changed: their stored rows updated with those
    articles' statements (:data:`_KEPT_ATTRIBUTES`), recomputed whole for the actors whose
    latest-``as_of`` statement was in those articles."""
    in_docs = json.dumps(sorted(docs))
    every = json.dumps(sorted(ids))
    lost = {str(r[0]) for r in con.execute(_LOST_AS_OF, [in_docs, every]).fetchall()}
    kept = json.dumps(sorted(set(ids) - lost))
    body = _ATTRIBUTES.split("\n", 1)[1]
    some = _SOME.format(col="l.canonical_id")
    part = body.replace("@WHICH", f"{some} AND {_SOME.format(col='l.doc_id')}")
    query = (
        f"SELECT * FROM ({_KEPT_ATTRIBUTES.replace('@PART', part)}) "
        f"UNION ALL SELECT * FROM ({body.replace('@WHICH', some)})"
    )
    return query, [in_docs, kept, kept, in_docs, json.dumps(sorted(lost))]


def usable(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the tables hold what the current links and entities say: written by resolution,
    and no ingest since has left resolution pending."""
    return resolved_mark(con, META_KEY) == "1"
