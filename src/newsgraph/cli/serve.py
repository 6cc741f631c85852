"""``newsgraph serve``: the API and the pages over one database, on localhost by default."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option


def _loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (localhost, 127.x, ::1)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--allow-writes",
    is_flag=True,
    help="Accept corrections (merge, split, mark wrong); each write needs the printed token.",
)
def command(db: str, host: str, port: int, allow_writes: bool) -> None:
    """Serve the JSON API (/api/v1, OpenAPI at /openapi.json) and the pages over DB."""
    import uvicorn

    from newsgraph.app.access import read_store
    from newsgraph.serve import ServeSettings, create_app

    with read_store(db):  # fail now, with the store's own message, if the file is not usable
        pass
    settings = ServeSettings(db=db, allow_writes=allow_writes)
    if not _loopback(host):
        click.echo(
            f"warning: binding {host} lets other machines read this database"
            + (" and, with the token, change it" if allow_writes else "")
            + "; newsgraph has no user accounts (use 127.0.0.1 behind a proxy that checks them)",
            err=True,
        )
    click.echo(f"newsgraph serving {db} at http://{host}:{port}/  (API: /api/v1, /docs)")
    if allow_writes:
        click.echo(f"writes allowed; token: {settings.token}")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
