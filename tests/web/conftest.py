"""Browser-test fixtures: a store ingested from the shipped samples (plus one hostile article), a
server on a free local port (uvicorn in a thread) and Debian's Chromium driven by Playwright.

Playwright's own browser download does not work here; the tests use ``/usr/bin/chromium``
(``apt-get install chromium``; ``.ci/run`` installs it) and skip, saying why, without it."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.serve import ServeSettings, create_app
from tests.conftest import SAMPLES

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TOKEN = "browser-test-token"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Path:
    """The shipped samples and a hostile article, extracted with the session's pipeline,
    stored and resolved."""
    from newsgraph.app.resolution import run_resolution
    from newsgraph.ingest import read_inputs
    from newsgraph.model.records import Document
    from newsgraph.store import Store
    from tests.web.hostile import HOSTILE_TEXT, HOSTILE_TITLE

    docs = [d for d in read_inputs([str(SAMPLES)]) if isinstance(d, Document)]
    docs.append(Document("hostile0001", "2024-05-02", "day", HOSTILE_TEXT, title=HOSTILE_TITLE))
    db = tmp_path_factory.mktemp("browser") / "samples.duckdb"
    with Store(db) as store:
        store.write_batch([pipeline.extract(d) for d in docs], [])
        run_resolution(store)
        store.mark_resolved()
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(sample_db: Path) -> Iterator[str]:
    """The app over ``sample_db`` (writes allowed with :data:`TOKEN`); its base URL."""
    import uvicorn

    port = _free_port()
    app = create_app(ServeSettings(db=str(sample_db), allow_writes=True, token=TOKEN))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        if not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (make setup installs the dev dependencies)")
    from newsgraph.web.vendor import vendor_available

    if not vendor_available():
        pytest.skip("front-end libraries are not installed: run 'make setup' (npm ci)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page; page errors and dialogs (alert() from an article) are collected on it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]

    def dialog(d: Any) -> None:
        pg.dialogs.append(d.message)  # type: ignore[attr-defined]
        d.dismiss()

    pg.on("dialog", dialog)
    yield pg
    context.close()


def need_routes(base_url: str, *paths: str) -> None:
    """Skip, naming them, while the JSON routes a widget reads are not served (the API and the
    pages are built in parallel; once the routes exist this never skips)."""
    import json
    from urllib.request import urlopen

    with urlopen(f"{base_url}/openapi.json") as r:  # the local test server
        served = set(json.load(r)["paths"])
    missing = [p for p in paths if p not in served]
    if missing:
        pytest.skip(f"the API does not serve {', '.join(missing)} yet")
