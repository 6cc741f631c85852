"""``newsgraph claims``: who said what about whom, with the source sentence highlighted."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

import click

from newsgraph.cli.common import (
    db_option,
    emit_json,
    json_option,
    min_confidence_option,
)
from newsgraph.cli.textfmt import cleaned, reading

if TYPE_CHECKING:
    from newsgraph.query.claims import ClaimRow

_STYLE: dict[str, dict[str, Any]] = {
    "speaker": {"bold": True},
    "cue": {"fg": "yellow", "underline": True},
    "content": {"fg": "cyan"},
}


def highlight(row: ClaimRow) -> str:
    """The source sentence with the content in [brackets] and speaker, cue and content styled
    (styles show on a terminal; brackets always)."""
    text = row.sentence
    label = [""] * len(text)
    spans = [("content", row.content_span), ("speaker", row.speaker_span), ("cue", row.cue_span)]
    for name, span in spans:  # later labels win: the cue inside a content stays a cue
        if span is not None:
            for i in range(max(0, span[0]), min(len(text), span[1])):
                label[i] = name
    c0, c1 = row.content_span
    cuts = {0, len(text), c0, c1} | {i for i in range(1, len(text)) if label[i] != label[i - 1]}
    bounds = sorted(b for b in cuts if 0 <= b <= len(text))
    out: list[str] = []
    for i, j in pairwise(bounds):
        if i == c0:
            out.append("[")
        piece = " ".join(text[i:j].split("\n"))
        out.append(click.style(piece, **_STYLE[label[i]]) if label[i] else piece)
        if j == c1:
            out.append("]")
    return "".join(out)


@click.command("claims")
@db_option
@json_option
@click.option("--speaker", default=None, metavar="NAME", help="Only claims by this actor.")
@click.option("--target", default=None, metavar="NAME", help="Only claims about this actor.")
@click.option(
    "--status",
    default=None,
    type=click.Choice(["asserted", "alleged", "denied", "hedged", "established"]),
    help="Only claims with this status.",
)
@click.option("--limit", default=0, type=click.IntRange(min=0), help="How many to list (0: all).")
@min_confidence_option
def command(
    db: str,
    as_json: bool,
    speaker: str | None,
    target: str | None,
    status: str | None,
    limit: int,
    min_confidence: float | None,
) -> None:
    """List claims: speaker, status, channel, targets and the sentence with the content marked.
    With --json: one JSON object per line {doc_id, id, speaker, speaker_id, cue, content, kind,
    status, channel, intermediary, targets, date, date_from_article, parent, sentence,
    sentence_start, speaker_span, cue_span, content_span, confidence, date_shown,
    speaker_entity_id, target_entity_ids, intermediary_entity_id}: ``speaker_id`` is the
    document-local entity id, ``*_entity_id(s)`` the canonical actor ids; ``date`` is the
    raw TIMEX3 value, ``date_shown`` the date as a person reads it."""
    from newsgraph.app import browse

    with reading(db) as store:
        rows = browse.claims(
            store,
            speaker=speaker,
            target=target,
            status=status,
            limit=limit or None,
            min_confidence=min_confidence,
        ).items
    if as_json:
        for r in rows:
            emit_json(r.to_dict())
        return
    if not rows:
        click.echo("no claims")
        return
    rows = cleaned(rows)
    for r in rows:
        date = r.date_shown
        via = f" via {r.channel}" if r.channel else ""
        via += f", released by {r.intermediary}" if r.intermediary else ""
        about = f" about {', '.join(r.targets)}" if r.targets else ""
        nested = f" (inside {r.parent})" if r.parent else ""
        click.echo(f"{date:<25} {r.status:<11} {r.speaker or '?'} {r.cue}{via}{about}{nested}")
        click.echo(f"{'':<25} “{highlight(r)}”  ({r.doc_id} {r.id})")
