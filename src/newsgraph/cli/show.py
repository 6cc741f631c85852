"""``newsgraph show NAME``: an actor's dossier, readable."""

from __future__ import annotations

from typing import Any

import click

from newsgraph.cli.common import (
    db_option,
    emit_json,
    json_option,
    min_confidence_option,
)
from newsgraph.cli.textfmt import cleaned, hanging, heading, quote, reading, table, wrap

_DATE_WIDTH = 11


@click.command("show")
@click.argument("name", nargs=-1, required=True)
@db_option
@json_option
@click.option(
    "--mentions", "with_mentions", is_flag=True, help="Also list every mention with its offsets."
)
@min_confidence_option
def command(
    name: tuple[str, ...],
    db: str,
    as_json: bool,
    with_mentions: bool,
    min_confidence: float | None,
) -> None:
    """Show the dossier of an actor, found by id, name or alias (accents and case ignored):
    names and aliases, roles, attributes, a dated timeline of events and claims with the
    sentence each comes from, and the articles. With --json: the dossier as one object."""
    from newsgraph.app.reads import actor_dossier

    with reading(db) as store:
        d, mentions = actor_dossier(
            store, " ".join(name), min_confidence=min_confidence, with_mentions=with_mentions
        )
    if as_json:
        obj = d.to_dict()
        if with_mentions:
            obj["mentions"] = mentions
        emit_json(obj)
        return
    d, mentions = cleaned(d), cleaned(mentions)
    lines = render(d)
    if with_mentions:
        lines += ["", heading("Mentions")]
        lines += [f"  {m['doc_id']}  {m['start']:>6}-{m['end']:<6} {m['text']}" for m in mentions]
    click.echo("\n".join(lines))


def render(d: Any) -> list[str]:
    """The dossier as lines of text."""
    e = d.entity
    out = [heading(e.name) + f"  {e.type} · {e.id}"]
    names = [n for n in d.names if n.kind not in ("nominal", "pronoun")]
    descriptions = [n for n in d.names if n.kind == "nominal"]
    pronouns = sum(n.count for n in d.names if n.kind == "pronoun")
    if names:
        out.append(wrap(", ".join(_counted(n) for n in names), 2, "names: "))
    if descriptions:
        out.append(wrap(", ".join(_counted(n) for n in descriptions), 2, "described as: "))
    s = "s" if d.n_docs != 1 else ""
    extra = f" (+{pronouns} pronouns)" if pronouns else ""
    out.append(f"  {d.n_mentions} mentions{extra} in {d.n_docs} article{s}")

    if d.roles:
        out += ["", heading("Roles")]
        for r in d.roles:
            title = ("former " if r.former else "") + r.title
            if r.of:
                title += f" (of {r.of})"
            if r.org:
                title += f", {r.org}"
            if r.start or r.end:
                title += f" [{r.start or '?'} – {r.end or ''}]"
            out.append(f"  {title}")
            for src in r.sources[:3]:
                out.append(wrap(quote(src.sentence or src.evidence or ""), 6))
                out.append(f"      — {_cite(src)}")
            if len(r.sources) > 3:
                out.append(f"      (+{len(r.sources) - 3} more articles)")

    if d.attributes:
        out += ["", heading("Attributes")]
        rows = []
        for a in d.attributes:
            value = ", ".join(map(str, a.value)) if isinstance(a.value, list) else str(a.value)
            docs = ", ".join(s.doc_id for s in a.sources[:3])
            rows.append((a.name, value, f"as of {a.as_of}" if a.as_of else "", docs))
        out += ["  " + line for line in table(rows, ("", "", "", ""))[1:]]

    out += ["", heading("Timeline")]
    if not d.timeline:
        out.append("  (no events or claims recorded for this actor yet)")
    from newsgraph.query.dates import human_date

    undated = False
    for item in d.timeline:
        shown = human_date(item.date) if item.dated_by != "article" else None
        date = shown or f"{item.doc_date}*"  # never an underspecified value (XXXX-WXX-4)
        undated = undated or shown is None
        tag = f"[{item.kind.upper()} {item.status}]" if item.status else f"[{item.kind.upper()}]"
        out.append(hanging(f"  {date:<{_DATE_WIDTH}} ", f"{tag} {_describe(item)}"))
        out.append(wrap(quote(item.sentence), _DATE_WIDTH + 5))
        out.append(
            " " * (_DATE_WIDTH + 5) + f"— {item.doc_title or '(untitled)'}, "
            f"{item.doc_date}, {item.doc_id}"
        )
    if undated:
        out.append("  * the article's date: the text does not date it")

    out += ["", heading("Articles")]
    out += [
        "  " + line
        for line in table(
            [(doc.date, doc.id, doc.mentions, doc.title or "(untitled)") for doc in d.documents],
            ("DATE", "ID", "MENTIONS", "TITLE"),
            right=(2,),
        )
    ]
    return out


def _counted(n: Any) -> str:
    return f"{n.text} ({n.count})" if n.count else n.text


def _cite(src: Any) -> str:
    return f"{src.doc_title or '(untitled)'}, {src.doc_date}, {src.doc_id}"


def _describe(item: Any) -> str:
    """One line saying what happened or what was said."""
    if item.kind == "claim":
        who = ", ".join(item.source) or "someone"
        via = f" ({item.channel})" if item.channel else ""
        about = f" [about {', '.join(item.target)}]" if item.target else ""
        return f"{who}{via} {item.label}: {quote(item.text, 200)}{about}"
    src = ", ".join(item.source)
    tgt = ", ".join(item.target)
    actors = f"{src} → {tgt}".strip() if (src or tgt) else ""
    if isinstance(item.extra, dict) and item.extra.get("reciprocal"):
        actors = f"{src} <-> each other"  # each party acts on the others
    place = item.extra.get("place") if isinstance(item.extra, dict) else None
    where = f" in {', '.join(place)}" if place else ""
    return f"{item.label} {actors} (“{item.text}”){where}".replace("  ", " ")
