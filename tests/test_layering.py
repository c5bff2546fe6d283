"""The layers, checked by an AST scan of every import (at module level or inside a function):

* `ingest`, `queries` and `visualizations` import only the core (`ecograph` without `cli`
  and `api`) and their own modules;
* the core imports none of them (`cli`, `api` and the package's `ecograph.open`, which
  hands over to `api`, sit on top and may import anything);
* no import circle anywhere, counting imports inside functions (an import moved into a
  function to dodge a circle is still a circle).

`CROSSINGS` lists the crossings that remain, each with its reason; the scan must find
exactly those (a new one fails, and so does one that is gone but still listed)."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
#: source folder -> the package it installs as (pyproject.toml, [tool.setuptools] package-dir)
PACKAGES = {"ecograph": "ecograph", "ingest": "ecograph.ingest", "queries": "ecograph.queries",
            "visualizations": "ecograph.visualizations"}
OUTER = ("ingest", "queries", "visualizations")

CROSSINGS = {
}


def _modules() -> dict[str, tuple[Path, bool]]:
    """module name -> (file, is a package's __init__)"""
    out = {}
    for folder, package in PACKAGES.items():
        base = ROOT / folder
        for p in base.rglob("*.py"):
            rel = p.relative_to(base).with_suffix("").parts
            if any(part.startswith(".") for part in rel):
                continue
            init = rel[-1] == "__init__"
            name = ".".join((package, *(rel[:-1] if init else rel)))
            if folder == "ecograph" and rel and rel[0] in OUTER:
                continue  # not a real folder of the ecograph package
            out[name] = (p, init)
    return out


def _imports(name: str, path: Path, init: bool, known: set[str]) -> set[str]:
    """The project's modules `name` imports, anywhere in its file."""
    here = name.split(".") if init else name.split(".")[:-1]
    found = set()

    def nearest(dotted: str) -> str | None:
        parts = dotted.split(".")
        for i in range(len(parts), 0, -1):
            if ".".join(parts[:i]) in known:
                return ".".join(parts[:i])
        return None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {m for a in node.names if (m := nearest(a.name))}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for a in node.names:
                m = f"{base}.{a.name}" if f"{base}.{a.name}" in known else nearest(base)
                if m:
                    found.add(m)
    found.discard(name)
    return found


def _graph() -> nx.DiGraph:
    mods = _modules()
    G = nx.DiGraph()
    G.add_nodes_from(mods)
    for name, (path, init) in mods.items():
        G.add_edges_from((name, t) for t in _imports(name, path, init, set(mods)))
    return G


def layer(module: str) -> str:
    parts = module.split(".")
    if module in ("ecograph", "ecograph.api") or parts[:2] == ["ecograph", "cli"]:
        return "top"
    if len(parts) > 1 and parts[1] in OUTER:
        return parts[1]
    return "core"


def test_the_scan_sees_the_project():
    G = _graph()
    assert {"ecograph.store.neo4j.store", "ecograph.ingest.pipeline", "ecograph.queries.view",
            "ecograph.visualizations.map", "ecograph.cli"} <= set(G)
    assert G.has_edge("ecograph.queries.view", "ecograph.facts")
    assert G.has_edge("ecograph.store.neo4j.store", "ecograph.store.neo4j.reads")


def test_outer_layers_import_only_the_core_and_the_core_none_of_them():
    crossings = set()
    for u, v in _graph().edges:
        lu, lv = layer(u), layer(v)
        if lu == "top" or lv == lu or lv == "core":
            continue
        crossings.add((u, v))
    new = sorted(crossings - set(CROSSINGS))
    gone = sorted(set(CROSSINGS) - crossings)
    assert not new, "imports across the layers: " + ", ".join(f"{u} -> {v}" for u, v in new)
    assert not gone, "listed in CROSSINGS but no longer there (remove them): " + ", ".join(map(str, gone))


def test_no_import_circle_anywhere():
    circles = [sorted(c) for c in nx.strongly_connected_components(_graph()) if len(c) > 1]
    assert not circles, f"import circles: {circles}"
