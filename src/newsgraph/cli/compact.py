"""``newsgraph compact``: rewrite a store into a new, compact file and swap it in
(:func:`newsgraph.app.maintenance.compact_store`)."""

from __future__ import annotations

import dataclasses

import click

from newsgraph.cli.common import db_option, emit_json, json_option


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@click.command("compact")
@db_option
@json_option
def command(db: str, as_json: bool) -> None:
    """Rewrite the store into a new file with the current block size, check that every table
    holds the same rows, and swap it in (the original stays as it was if anything fails).
    Refused while another process (an ingest, a server) has the file open."""
    from newsgraph.app.maintenance import compact_store

    stats = compact_store(db)
    if as_json:
        emit_json(dataclasses.asdict(stats))
        return
    click.echo(
        f"compacted {stats.path}: {_mb(stats.bytes_before)} -> {_mb(stats.bytes_after)} "
        f"(used {_mb(stats.used_before)} -> {_mb(stats.used_after)}; blocks of "
        f"{stats.block_size_before // 1024} kB -> {stats.block_size_after // 1024} kB); "
        f"{stats.rows} rows in {stats.tables} tables checked"
    )
