"""Claims in the store: who said what about whom, filtered by speaker, target and status, with the
source sentence and the offsets of speaker, cue and content inside it (for highlighting)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.query.common import Record, confident, date_key, load_docs, loads
from newsgraph.query.dates import date_shown
from newsgraph.query.entities import find_entity, members
from newsgraph.query.wrong import not_wrong
from newsgraph.store import Store

STATUSES = ("asserted", "alleged", "denied", "hedged", "established")


@dataclass
class ClaimRow(Record):
    doc_id: str
    id: str
    speaker: str  # the entity's name, else the speaker's words in the article
    speaker_id: str | None
    cue: str
    content: str
    kind: str
    status: str
    channel: str | None
    intermediary: str | None
    targets: list[str] = field(default_factory=list)
    date: str | None = None  # the raw TIMEX3 value (may be underspecified: XXXX-WXX-4)
    date_from_article: bool = True
    parent: str | None = None
    sentence: str = ""  # the source sentence(s), as in the article
    sentence_start: int = 0  # offset of ``sentence`` in the article text
    # Offsets into ``sentence`` (end exclusive) of speaker, cue and content, for highlighting.
    speaker_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] = (0, 0)
    content_span: tuple[int, int] = (0, 0)
    confidence: float | None = None
    # The date as a person reads it: the resolved date or range, else the article date marked
    # "(article date)"; never an underspecified value (see query.dates).
    date_shown: str = ""


def _doc_names(store: Store, doc_ids: set[str]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for doc_id in sorted(doc_ids):
        for eid, name in store.con.execute(
            "SELECT id, name FROM entities WHERE doc_id = ?", [doc_id]
        ).fetchall():
            out[(doc_id, eid)] = str(name)
    return out


def find_claims(
    store: Store,
    *,
    speaker: str | None = None,
    target: str | None = None,
    status: str | None = None,
    limit: int | None = None,
    min_confidence: float | None = None,
) -> list[ClaimRow]:
    """Claims sorted by date then article; ``speaker``/``target`` are names or ids resolved with
    :func:`find_entity` (NotFoundError / AmbiguousNameError propagate); claims less sure than
    ``min_confidence`` are left out."""
    where, params = [not_wrong("claim")], []
    if status:
        where.append("lower(status) = ?")
        params.append(status.lower())
    sql = (
        "SELECT doc_id, id, speaker, speaker_start, speaker_end, cue, cue_start, cue_end, "
        "content_start, content_end, kind, channel, status, targets, timex, date, parent, "
        "intermediary, confidence FROM claims"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = store.con.execute(sql + " ORDER BY doc_id, cue_start", params).fetchall()
    want_speaker = (
        {(d, e) for d, e in members(store, find_entity(store, speaker))} if speaker else None
    )
    want_target = (
        {(d, e) for d, e in members(store, find_entity(store, target))} if target else None
    )
    kept = []
    for r in rows:
        doc_id, spk, tgts = r[0], r[2], loads(r[13], []) or []
        if not confident(r[18], min_confidence):
            continue
        if want_speaker is not None and (doc_id, spk) not in want_speaker:
            continue
        if want_target is not None and not any((doc_id, t) in want_target for t in tgts):
            continue
        kept.append(r)
    docs = load_docs(store, {r[0] for r in kept})
    names = _doc_names(store, {r[0] for r in kept})
    out: list[ClaimRow] = []
    for (
        doc_id,
        cid,
        spk,
        ss,
        se,
        cue,
        cs,
        ce,
        ks,
        ke,
        kind,
        channel,
        st,
        tgts,
        timex,
        date,
        parent,
        inter,
        conf,
    ) in kept:
        info = docs.get(doc_id)
        text = info.text if info else ""
        lo = min(x for x in (ss, cs, ks) if x is not None)
        hi = max(x for x in (se, ce, ke) if x is not None)
        s0, s1 = info.sentence_span(lo, hi) if info else (lo, hi)
        s0, s1 = min(s0, lo), max(s1, hi)
        dref = loads(date, {}) or {}
        out.append(
            ClaimRow(
                doc_id=doc_id,
                id=cid,
                speaker=names.get((doc_id, spk), "")
                if spk
                else text[ss:se]
                if ss is not None
                else "",
                speaker_id=spk,
                cue=cue or "",
                content=text[ks:ke],
                kind=kind,
                status=st,
                channel=channel,
                intermediary=names.get((doc_id, inter), inter) if inter else None,
                targets=[names.get((doc_id, t), t) for t in loads(tgts, []) or []],
                date=dref.get("value"),
                date_from_article=timex is None,
                parent=parent,
                sentence=text[s0:s1],
                sentence_start=s0,
                speaker_span=(ss - s0, se - s0) if ss is not None and se is not None else None,
                cue_span=(cs - s0, ce - s0),
                content_span=(ks - s0, ke - s0),
                confidence=conf,
                date_shown=date_shown(
                    dref.get("value"), info.date if info else None, timex is None
                ),
            )
        )
    out.sort(key=lambda r: (date_key(r.date), r.doc_id, r.cue_span[0] + r.sentence_start))
    return out if limit is None else out[: max(limit, 0)]
