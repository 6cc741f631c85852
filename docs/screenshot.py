"""Take the README's screenshot of the actor page: ``make screenshot`` (after ``make demo``).

Serves ``--db`` on a free local port, opens ``/entities/NAME`` in Debian's Chromium through
Playwright, waits until the timeline and the network are drawn and writes ``--out``. The picture
in the README is whatever the current code draws on the shipped samples, never a mock-up.

    .venv/bin/python docs/screenshot.py [--db FILE] [--name Aldana] [--out docs/actor-page.png]
"""

from __future__ import annotations

import argparse
import os
import socket
import threading
import time
from pathlib import Path

DRAWN_MS = 30_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="newsgraph.duckdb")
    parser.add_argument("--name", default="Aldana")
    parser.add_argument("--out", default="docs/actor-page.png")
    parser.add_argument(
        "--chromium", default=os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
    )
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsgraph.serve import ServeSettings, create_app

    port = _free_port()
    app = create_app(ServeSettings(db=args.db))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=args.chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(f"http://127.0.0.1:{port}/entities/{args.name}")
            page.wait_for_selector("#timeline[data-drawn]", timeout=DRAWN_MS)
            page.wait_for_selector("#network[data-drawn]", timeout=DRAWN_MS)
            page.wait_for_selector("#timeline .vis-item", state="visible", timeout=DRAWN_MS)
            page.wait_for_timeout(1000)  # the timeline places its items over a few redraws
            page.screenshot(path=args.out)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"wrote {Path(args.out)}")


if __name__ == "__main__":
    main()
