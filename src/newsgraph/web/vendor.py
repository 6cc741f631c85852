"""The front-end libraries (a timeline and a graph library), served from the npm packages that
``make setup`` installs (``npm ci`` into ``node_modules`` at the repository root, pinned in
``package.json`` and ``package-lock.json``): nothing comes from a CDN, nothing third-party is in
the repository. Only the files named in :data:`FILES` are served. Without ``node_modules`` the
pages still work, without the interactive widgets, and say so."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

# The name a page asks for -> the file inside node_modules.
FILES = {
    # The "peer" builds: the standalone one injects <style> elements, which the CSP refuses.
    "moment.js": "moment/min/moment.min.js",
    "vis-data.js": "vis-data/peer/umd/vis-data.min.js",
    "vis-timeline.js": "vis-timeline/peer/umd/vis-timeline-graph2d.min.js",
    "vis-timeline.css": "vis-timeline/styles/vis-timeline-graph2d.min.css",
    "cytoscape.js": "cytoscape/dist/cytoscape.min.js",
}

ENV_VAR = "NEWSGRAPH_NODE_MODULES"


def _candidates() -> list[Path]:
    found = [Path(p) for p in [os.environ.get(ENV_VAR)] if p]
    found.append(Path.cwd() / "node_modules")
    # An editable install (``make setup``): src/newsgraph/web/vendor.py -> the repository root.
    found.append(Path(__file__).resolve().parents[3] / "node_modules")
    return found


@cache
def node_modules() -> Path | None:
    """The first ``node_modules`` that holds every file of :data:`FILES`, else None."""
    for root in _candidates():
        if all((root / rel).is_file() for rel in FILES.values()):
            return root
    return None


def vendor_available() -> bool:
    return node_modules() is not None


def vendor_file(name: str) -> Path | None:
    """The installed file a page names, None when unknown or not installed."""
    root = node_modules()
    rel = FILES.get(name)
    return root / rel if root is not None and rel is not None else None
