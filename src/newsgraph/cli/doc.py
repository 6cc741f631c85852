"""``newsgraph doc ID``: one stored article with what was read from it."""

from __future__ import annotations

from typing import Any

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.textfmt import cleaned, hanging, heading, quote, reading, table, wrap


@click.command("doc")
@click.argument("doc_id")
@db_option
@json_option
def command(doc_id: str, db: str, as_json: bool) -> None:
    """Show an article (id or a unique prefix of it) with its extractions. With --json: the
    contract v1 object as stored, plus "doc_id", "ingested_at" and "actors" (doc entity id ->
    resolved actor {entity_id, id, name})."""
    from newsgraph.app import browse

    with reading(db) as store:
        stored = browse.document(store, doc_id)
    if as_json:
        emit_json(stored.to_dict())
        return
    click.echo(
        "\n".join(render(cleaned(stored.result), cleaned(stored.actors), stored.wrong or None))
    )


def render(
    result: dict[str, Any],
    actors: dict[str, dict[str, str]],
    wrong: dict[str, dict[str, str]] | None = None,
) -> list[str]:
    """The article and its extractions as text; claims and events a person marked wrong
    (``wrong``: {"claims"|"events": {record id: decision id}}) are flagged with the decision."""
    from newsgraph.query.dates import date_shown

    doc = result.get("doc", {})
    text: str = doc.get("text", "")
    entities = {e["id"]: e for e in result.get("entities", [])}

    def who(eid: Any) -> str:
        if eid is None:
            return "?"
        if eid in actors:
            return actors[eid]["name"]
        return str(entities.get(eid, {}).get("name", eid))

    marks = wrong or {}

    def marked(kind: str, rid: str) -> str:
        decision = marks.get(kind, {}).get(rid)
        return f" [marked wrong: {decision}]" if decision else ""

    def cut(start: Any, end: Any) -> str:
        return text[start:end] if isinstance(start, int) and isinstance(end, int) else ""

    out = [
        heading(doc.get("title") or "(untitled)"),
        f"  id      {doc.get('id')}",
        f"  date    {doc.get('date')} ({doc.get('date_precision')})",
    ]
    for key in ("source", "url"):
        if doc.get(key):
            out.append(f"  {key:<7} {doc[key]}")
    repairs = doc.get("repairs") or []
    if repairs:
        shown = "; ".join(f"{r['before']!r} → {r['after']!r}" for r in repairs[:5])
        out.append(wrap(shown + (" …" if len(repairs) > 5 else ""), 2, "repairs "))
    out += ["", *(wrap(p, 2) for p in text.split("\n") if p.strip())]

    if entities:
        out += ["", heading("Entities")]
        rows = []
        for e in entities.values():
            roles = "; ".join(
                ("former " if r.get("former") else "")
                + r.get("title", "")
                + (f" of {who(r['of'])}" if r.get("of") else "")
                for r in e.get("roles", [])
            )
            actor = actors.get(e["id"], {}).get("id", "")
            aliases = ", ".join(e.get("aliases", [])[:4])
            rows.append(
                (
                    e["id"],
                    e.get("type", ""),
                    e.get("name", ""),
                    actor,
                    " · ".join(x for x in (aliases, roles) if x),
                )
            )
        out += ["  " + ln for ln in table(rows, ("ID", "TYPE", "NAME", "ACTOR", "ALIASES · ROLES"))]
    timexes = result.get("timexes", [])
    if timexes:
        out += ["", heading("Times")]
        out += [
            "  " + ln
            for ln in table(
                [
                    (
                        t["id"],
                        t.get("value", ""),
                        t.get("type", ""),
                        ", ".join(t.get("flags", [])),
                        t.get("text", ""),
                    )
                    for t in timexes
                ],
                ("ID", "VALUE", "TYPE", "FLAGS", "TEXT"),
            )
        ]
    claims = result.get("claims", [])
    if claims:
        out += ["", heading("Claims")]
        for c in claims:
            speaker = (
                who(c.get("speaker"))
                if c.get("speaker")
                else cut(c.get("speaker_start"), c.get("speaker_end")) or "?"
            )
            via = f" via {c['channel']}" if c.get("channel") else ""
            targets = ", ".join(who(t) for t in c.get("targets", []))
            head = f"  {c['id']:<4} [{c.get('status', '')}] "
            body = f"{speaker}{via} {c.get('cue', '')}: " + quote(
                cut(c.get("content_start"), c.get("content_end")), 300
            )
            about = f" [about {targets}]" if targets else ""
            out.append(hanging(head, body + about + marked("claims", c["id"])))
    events = result.get("events", [])
    if events:
        out += ["", heading("Events")]
        for v in events:
            label = v.get("type", "") + (f"/{v['mode']}" if v.get("mode") else "")
            date = date_shown(
                (v.get("date") or {}).get("value"), doc.get("date"), v.get("timex") is None
            )
            src = ", ".join(who(x) for x in v.get("source", []))
            tgt = ", ".join(who(x) for x in v.get("target", []))
            head = f"  {v['id']:<4} [{v.get('modality', '')}] "
            trigger = cut(v.get("trigger_start"), v.get("trigger_end"))
            pair = f" {src} → {tgt}".rstrip() if (src or tgt) else ""
            if v.get("reciprocal"):
                pair = f" {src} <-> each other"
            line = f"{label}{pair} (“{trigger}”) {date}".rstrip() + marked("events", v["id"])
            out.append(hanging(head, line))
    flags = result.get("flags", [])
    if flags:
        out += ["", heading("Flags")]
        for f in flags:
            out.append(
                hanging(
                    f"  {f.get('kind', ''):<18}",
                    f"{f.get('message', '')} (“{cut(f.get('start'), f.get('end'))}”)",
                )
            )
    return out
