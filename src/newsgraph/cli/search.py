"""``newsgraph search``: full-text search over the stored articles."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, emit_json, json_option
from newsgraph.cli.textfmt import cleaned, heading, reading, wrap


@click.command("search")
@click.argument("text", nargs=-1, required=True)
@db_option
@json_option
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many articles to show.",
)
def command(text: tuple[str, ...], db: str, as_json: bool, limit: int) -> None:
    """Find articles by words (BM25 ranking; English stemming, accents ignored). With --json:
    one object {query, method, note, total, limit, offset, hits: [{doc_id, id, date, title, score,
    snippet, ...}]} (``total``: how many articles match; ``id`` = ``doc_id``)."""
    from newsgraph.app import browse

    query = " ".join(text)
    with reading(db) as store:
        result = browse.search(store, query, limit=limit)
    if as_json:
        emit_json(result.to_dict())
        return
    result = cleaned(result)
    if result.note:
        click.echo(f"note: {result.note}", err=True)
    if not result.hits:
        click.echo(f"no articles match {query!r}")
        return
    n = len(result.hits)
    click.echo(f"{n} article{'s' if n != 1 else ''} match {query!r} ({result.method})\n")
    for i, hit in enumerate(result.hits, 1):
        click.echo(
            f"{i:>3}. {hit.score:6.2f}  {hit.date:<10}  {hit.id}  "
            + heading(hit.title or "(untitled)")
        )
        snippet = wrap(hit.snippet, 13)
        word = hit.snippet_match
        if word and word in snippet:  # bold on a terminal; click drops styles elsewhere
            snippet = snippet.replace(word, click.style(word, bold=True), 1)
        click.echo(snippet)
