"""Benchmark 4: map generation (`render_map`) for 1k/5k/10k nodes, and time until the
map is interactive in headless Chromium (page load until `window.ecograph.ready`,
which map.js sets on vis-network's first `afterDrawing` for large maps, or when
physics stabilisation is done for small ones)."""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from . import synthetic
from .common import Result, median

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions"]


def _graph(n_nodes: int):
    """A synthetic graph cut to `n_nodes` nodes (the best-connected part of a larger one)."""
    from ecograph.store.embedded import EmbeddedStore
    data = synthetic.generate(max(50, n_nodes), seed=3)
    data.pop("bench")
    tmp = tempfile.mkdtemp(prefix="bench-map-")
    try:
        s = EmbeddedStore(Path(tmp) / "s")
        s.load(data)
        G = s.to_networkx()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    keep = sorted(G.nodes, key=lambda n: (-G.degree(n), n))[:n_nodes]
    H = G.subgraph(keep).copy()
    H.graph.update(G.graph)
    return H


def _chromium() -> str | None:
    import os
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def run(quick: bool, command: str) -> Result:
    from ecograph.visualizations.map import render_map
    sizes = [100, 400] if quick else [1_000, 5_000, 10_000]
    reps = 1 if quick else 3
    res = Result("map", "4. Map generation and time to interactive", command)
    tmp = Path(tempfile.mkdtemp(prefix="bench-maps-"))
    rows = []
    try:
        maps = {}
        for n in sizes:
            G = _graph(n)
            ts = []
            for k in range(reps):
                t = time.perf_counter()
                path = render_map(G, tmp / f"map-{n}.html", title=f"bench {n}")
                ts.append(time.perf_counter() - t)
            maps[n] = path
            rows.append({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "reps": reps,
                         "render_map median s": median(ts), "render_map max s": max(ts),
                         "HTML MB": path.stat().st_size / 1e6})
        browser_note = _browser(maps, rows, reps, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    res.rows = rows
    res.columns = ["nodes", "edges", "reps", "render_map median s", "render_map max s", "HTML MB",
                   "interactive median s", "interactive max s"]
    res.notes.append("Graphs: `bench/synthetic.py` (seed 3) cut to the N best-connected nodes. Above 300 "
                     "nodes `render_map` computes positions in Python (force layout with grid/FFT "
                     "repulsion once the core passes 500 nodes) and turns physics off.")
    res.notes.append("Interactive = from `page.goto(file://...)` until `body.ready` (set with `window.ecograph.ready`) "
                     "(map.js: first `afterDrawing` with physics off, `stabilizationIterationsDone` with "
                     "physics on), headless Chromium via Playwright, every non-file request blocked, "
                     "fresh page per repetition.")
    if browser_note:
        res.notes.append(browser_note)
    big = rows[-1]
    res.targets = [(f"render_map at {big['nodes']:,} nodes", f"{big['render_map median s']:.2f} s", None),
                   (f"interactive at {big['nodes']:,} nodes",
                    f"{big.get('interactive median s', float('nan')):.2f} s", None)]
    return res


def _browser(maps: dict, rows: list[dict], reps: int, tmp: Path) -> str:
    exe = _chromium()
    if exe is None:
        return "Chromium not found: time to interactive not measured."
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright not installed: time to interactive not measured."
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        try:
            for row, (n, path) in zip(rows, maps.items()):
                ts = []
                for _ in range(reps):
                    ctx = browser.new_context(viewport={"width": 1400, "height": 860}, service_workers="block")
                    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:", "about:")) else r.abort())
                    page = ctx.new_page()
                    t = time.perf_counter()
                    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=180_000)
                    # the DOM flag map.js sets with ecograph.ready (a selector: the page's CSP forbids eval)
                    page.wait_for_selector("body.ready", state="attached", timeout=180_000)
                    ts.append(time.perf_counter() - t)
                    ctx.close()
                row["interactive median s"] = median(ts)
                row["interactive max s"] = max(ts)
        finally:
            browser.close()
    return ""
