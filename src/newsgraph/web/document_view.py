"""What the document page shows: the stored contract object turned into highlight spans (with a
hover text saying what was extracted) and the lists beside the article."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from newsgraph.query import StoredDocument
from newsgraph.web.highlight import Span, render


@dataclass
class DocumentView:
    doc: dict[str, Any]
    html: Markup
    actors: dict[str, dict[str, str]]
    mentions: list[dict[str, Any]]
    timexes: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    events: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    repairs: list[dict[str, Any]]
    entities: list[dict[str, Any]] = field(default_factory=list)
    focus: tuple[int, int] | None = None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _names(result: dict[str, Any], actors: dict[str, dict[str, str]]) -> dict[str, str]:
    """Doc-level entity id -> the name shown (the actor's, else the article's)."""
    out = {str(e.get("id")): str(e.get("name") or "") for e in result.get("entities") or []}
    for eid, actor in actors.items():
        out[eid] = actor.get("name") or out.get(eid, eid)
    return out


def _who(names: dict[str, str], ids: Any) -> str:
    return ", ".join(names.get(str(i), str(i)) for i in ids or []) or "?"


def spans_of(
    result: dict[str, Any],
    actors: dict[str, dict[str, str]],
    focus: tuple[int, int] | None,
    wrong: dict[str, dict[str, str]] | None = None,
) -> list[Span]:
    """Every extraction of ``result`` as a highlight span; claims and events a person marked
    wrong (``wrong``: {"claims": {id: decision}, "events": {...}}) say so."""
    names = _names(result, actors)
    wrong = wrong or {}

    def marked(table: str, rid: Any) -> tuple[str, tuple[str, ...]]:
        decision = (wrong.get(table) or {}).get(str(rid))
        return (f" · MARKED WRONG ({decision})", ("wrong",)) if decision else ("", ())

    spans: list[Span] = []

    def add(start: Any, end: Any, kind: str, key: str, title: str, **kw: Any) -> None:
        s, e = _int(start), _int(end)
        if s is not None and e is not None:
            spans.append(Span(s, e, kind, key, title, **kw))

    for m in result.get("mentions") or []:
        eid = str(m.get("entity") or "")
        actor = actors.get(eid)
        who = actor["name"] if actor else names.get(eid, "")
        title = f"mention · {m.get('type')}" + (f" · {who}" if who else "")
        data = {"entity": actor["id"]} if actor else {}
        add(m.get("start"), m.get("end"), "mention", f"mention-{m.get('id')}", title, data=data)
    for t in result.get("timexes") or []:
        flags = ", ".join(t.get("flags") or [])
        title = f"time · {t.get('type')} · value {t.get('value')}"
        title += f" ({t.get('granularity')})" if t.get("granularity") else ""
        title += f" · flags: {flags}" if flags else ""
        add(t.get("start"), t.get("end"), "timex", f"timex-{t.get('id')}", title)
    for c in result.get("claims") or []:
        cid = c.get("id")
        status = str(c.get("status") or "")
        speaker = names.get(str(c.get("speaker")), "") if c.get("speaker") else ""
        about = (
            f"claim {cid} · {status} · {c.get('kind')} · speaker: {speaker or '?'}"
            f" · cue: {c.get('cue')} · about: {_who(names, c.get('targets'))}"
        )
        note, extra = marked("claims", cid)
        about += note
        cls = (f"status-{status}", *extra)
        add(
            c.get("content_start"),
            c.get("content_end"),
            "claim-content",
            f"claim-{cid}",
            about,
            classes=cls,
        )
        add(
            c.get("speaker_start"),
            c.get("speaker_end"),
            "claim-speaker",
            f"claim-{cid}-speaker",
            f"speaker of claim {cid}: {speaker or '?'}",
        )
        add(
            c.get("cue_start"),
            c.get("cue_end"),
            "claim-cue",
            f"claim-{cid}-cue",
            f"cue of claim {cid}: {c.get('cue')} ({status})",
        )
    for v in result.get("events") or []:
        label = str(v.get("type") or "") + (f"/{v['mode']}" if v.get("mode") else "")
        modality = str(v.get("modality") or "occurred")
        date = (v.get("date") or {}).get("value") if isinstance(v.get("date"), dict) else None
        title = (
            f"event {v.get('id')} · {label} · {modality} · {_who(names, v.get('source'))}"
            f" → {_who(names, v.get('target'))}" + (f" · date {date}" if date else "")
        )
        add(
            v.get("trigger_start"),
            v.get("trigger_end"),
            "event",
            f"event-{v.get('id')}",
            title,
            classes=(f"modality-{modality}",),
        )
    for i, f in enumerate(result.get("flags") or []):
        add(
            f.get("start"),
            f.get("end"),
            "flag",
            f"flag-{i + 1}",
            f"flag · {f.get('kind')}: {f.get('message')}",
        )
    for i, r in enumerate((result.get("doc") or {}).get("repairs") or []):
        add(
            r.get("start"),
            r.get("end"),
            "repair",
            f"repair-{i + 1}",
            f"repaired ({r.get('kind', 'text')}): was {r.get('before')!r}",
        )
    if focus is not None:
        add(focus[0], focus[1], "focus", "focus", "the passage you followed here")
    return spans


def document_view(stored: StoredDocument, focus: tuple[int, int] | None = None) -> DocumentView:
    result = stored.result
    doc = result.get("doc") or {}
    text = str(doc.get("text") or "")
    if focus is not None and not (0 <= focus[0] < focus[1] <= len(text)):
        focus = None
    names = _names(result, stored.actors)
    claims = []
    for c in result.get("claims") or []:
        s, e = _int(c.get("content_start")), _int(c.get("content_end"))
        claims.append(
            {
                **c,
                "speaker_name": names.get(str(c.get("speaker")), "")
                if c.get("speaker")
                else text[c["speaker_start"] : c["speaker_end"]]
                if _int(c.get("speaker_start")) is not None and _int(c.get("speaker_end"))
                else "",
                "content": text[s:e] if s is not None and e is not None else "",
                "target_names": [names.get(str(t), str(t)) for t in c.get("targets") or []],
                "wrong": stored.wrong.get("claims", {}).get(str(c.get("id"))),
            }
        )
    events = []
    for v in result.get("events") or []:
        s, e = _int(v.get("trigger_start")), _int(v.get("trigger_end"))
        events.append(
            {
                **v,
                "trigger": text[s:e] if s is not None and e is not None else "",
                "source_names": [names.get(str(x), str(x)) for x in v.get("source") or []],
                "target_names": [names.get(str(x), str(x)) for x in v.get("target") or []],
                "wrong": stored.wrong.get("events", {}).get(str(v.get("id"))),
            }
        )
    entities = [
        {**e, "actor": stored.actors.get(str(e.get("id")))} for e in result.get("entities") or []
    ]
    return DocumentView(
        doc=doc,
        html=render(text, spans_of(result, stored.actors, focus, stored.wrong)),
        actors=stored.actors,
        mentions=list(result.get("mentions") or []),
        timexes=list(result.get("timexes") or []),
        claims=claims,
        events=events,
        flags=list(result.get("flags") or []),
        repairs=list(doc.get("repairs") or []),
        entities=entities,
        focus=focus,
    )


def record_focus(result: dict[str, Any], ref: str) -> tuple[int, int] | None:
    """The passage supporting the record ``ref`` ("claim-c1", "event-v2"): an event's sentence
    (else its trigger), a claim's speaker, cue and content together; None if there is none."""
    kind, _, rid = ref.partition("-")
    if kind == "event":
        for v in result.get("events") or []:
            if str(v.get("id")) == rid:
                s, e = _int(v.get("sentence_start")), _int(v.get("sentence_end"))
                if s is None or e is None:
                    s, e = _int(v.get("trigger_start")), _int(v.get("trigger_end"))
                return (s, e) if s is not None and e is not None else None
    if kind == "claim":
        for c in result.get("claims") or []:
            if str(c.get("id")) == rid:
                parts = ("speaker", "cue", "content")
                starts = [x for p in parts if (x := _int(c.get(f"{p}_start"))) is not None]
                ends = [x for p in parts if (x := _int(c.get(f"{p}_end"))) is not None]
                return (min(starts), max(ends)) if starts and ends else None
    return None
