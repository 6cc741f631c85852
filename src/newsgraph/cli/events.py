"""``newsgraph events``: PLOVER events in the store, filtered by actor, type and date."""

from __future__ import annotations

import click

from newsgraph.app.reads import event_types
from newsgraph.cli.common import (
    DateBound,
    UpperChoice,
    db_option,
    emit_json,
    json_option,
    min_confidence_option,
)
from newsgraph.cli.textfmt import cleaned, reading


@click.command("events")
@db_option
@json_option
@click.option(
    "--actor", default=None, metavar="NAME", help="Only events with this actor (name or id)."
)
@click.option(
    "--type",
    "type_",
    default=None,
    type=UpperChoice(event_types()),
    help="Only this PLOVER type, e.g. ACCUSE.",
)
@click.option(
    "--from",
    "date_from",
    default=None,
    type=DateBound(),
    help="From this date (YYYY[-MM[-DD]]).",
)
@click.option(
    "--to", "date_to", default=None, type=DateBound(), help="Up to this date (inclusive)."
)
@click.option("--limit", default=0, type=click.IntRange(min=0), help="How many to list (0: all).")
@min_confidence_option
def command(
    db: str,
    as_json: bool,
    actor: str | None,
    type_: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    min_confidence: float | None,
) -> None:
    """List events by date: type/mode, modality, actors and the sentence that reports them.
    With --json: one JSON object per line {doc_id, id, type, mode, cameo, modality, date, sources,
    targets, contexts, trigger, sentence, claim, cluster, reports, confidence, reciprocal,
    date_shown, source_entity_ids, target_entity_ids, trigger_start, trigger_end, sentence_start,
    sentence_end}: ``date`` is the raw TIMEX3 value, ``date_shown`` the date as a person reads it.
    A reciprocal event (each party acts on the others) reads "A, B <-> each other"."""
    from newsgraph.app import browse

    with reading(db) as store:
        rows = browse.events(
            store,
            actor=actor,
            type=type_,
            date_from=date_from,
            date_to=date_to,
            limit=limit or None,
            min_confidence=min_confidence,
        ).items
    if as_json:
        for r in rows:
            emit_json(r.to_dict())
        return
    if not rows:
        click.echo("no events")
        return
    rows = cleaned(rows)
    for r in rows:
        kind = r.type + (f"/{r.mode}" if r.mode else "")
        date = r.date_shown
        who = ", ".join(r.sources) or "?"
        whom = ", ".join(r.targets) or "-"
        pair = f"{who} <-> each other" if r.reciprocal else f"{who} -> {whom}"
        extra = f"  [{r.reports} reports]" if r.reports > 1 else ""
        click.echo(f"{date:<25} {kind:<22} {r.modality:<12} {pair}{extra}")
        click.echo(f"{'':<25} “{r.sentence}”  ({r.doc_id} {r.id})")
