"""Layers import downward only (DESIGN.md): a module may import its own layer and those below."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "newsgraph"

# Lower index = lower layer. Base modules (errors, config, __init__) may be imported by anyone.
# ``api`` and ``web`` are sibling surfaces: neither imports the other; ``serve`` composes them
# and ``cli`` launches it.
ORDER = [
    "model",
    "ingest",
    "pipeline",
    "engines",
    "store",
    "resolve",
    "query",
    "export",
    "app",
    "api",
    "web",
    "serve",
    "cli",
]
SIBLINGS = {"api": "web", "web": "api"}
BASE = {"errors", "config", "faults", "__init__"}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "newsgraph":
        return None
    return parts[1]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def test_layers_import_downward_only() -> None:
    bad = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG)
        own = rel.parts[0].removesuffix(".py")
        if own in BASE or own not in ORDER:
            continue
        for mod in _imports(path):
            layer = _layer(mod)
            if layer is None or layer in BASE or layer not in ORDER:
                continue
            if ORDER.index(layer) > ORDER.index(own) or SIBLINGS.get(own) == layer:
                bad.append(f"{rel} imports {mod}")
    assert bad == []
