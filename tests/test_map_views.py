"""The map as a cluster manager first sees it, in real headless Chromium: labels legible at
the first view, the focus marked, the side panel read from the node shown, isolated nodes
hidden on demand, one-click views, the current view saved as PNG and SVG (offline, hostile
names inert), files others can read. And the `map` options: --types core, --no-isolated."""
from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from test_map import HOSTILE, _big_graph, build_example
from test_map_browser import browser  # noqa: F401  (the fixture)

from ecograph.cli import cli
from ecograph.visualizations.map import LABEL_CULL_PX, render_map, subgraph

LEGIBLE_PX = 12


def _visible(page) -> tuple[set, set]:
    nodes = set(page.evaluate("nodes.get({filter: n => !n.hidden}).map(n => n.id)"))
    types = set(page.evaluate("edges.get({filter: e => !e.hidden}).map(e => window.ecograph.data.edges[e.id].type)"))
    return nodes, types


@pytest.fixture
def example(embedded_store):
    build_example(embedded_store)
    G = embedded_store.to_networkx()
    G.add_node("org:alone", label="Organisation", name="Lonely Foundry", kind="company", aliases=[],
               country="Senegal", founded=None, mentions={})
    return G


@pytest.mark.browser
def test_focus_marked_and_panel_reads_from_the_node(browser, example, tmp_path):
    G = subgraph(example, focus="org:baobab", depth=2)
    path = render_map(G, tmp_path / "focus.html", focus="org:baobab")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644 & ~_umask()
    page = browser.page
    browser.open(path)
    item = page.evaluate("nodes.get('org:baobab')")
    assert item["borderWidth"] == 5 and item["label"].endswith("Baobab Agritech Cluster")
    assert page.evaluate("nodes.get('org:kora')").get("borderWidth") is None
    assert page.evaluate("network.getSelectedNodes()") == ["org:baobab"]
    panel = page.locator("#details").inner_text()
    assert "has member Kora Seeds" in panel and "has member Lagoon Food Labs" in panel
    assert "member of" not in panel and "←" not in panel
    assert "partners with Teranga Innovation Hub" in panel and "runs Green Savanna Programme" in panel
    page.evaluate("window.ecograph.showNode('org:kora')")
    assert "member of Baobab Agritech Cluster" in page.locator("#details").inner_text()
    page.evaluate("window.ecograph.showNode('prog:savanna')")
    text = page.locator("#details").inner_text()
    assert "funded by Nordic Development Fund" in text and "run by Teranga Innovation Hub" in text
    browser.assert_clean()


@pytest.mark.browser
def test_isolated_toggle_and_presets(browser, example, tmp_path):
    path = render_map(example, tmp_path / "all.html")
    page = browser.page
    browser.open(path)
    everything, _ = _visible(page)
    assert "org:alone" in everything
    page.locator("#filter-isolated").check()
    shown, _ = _visible(page)
    assert shown == everything - {"org:alone"}
    page.locator("#filter-isolated").uncheck()
    page.select_option("#filter-preset", label="partnerships")
    shown, types = _visible(page)
    assert types == {"PARTNERS_WITH"}
    partners = {n for u, v, k in example.edges(keys=True) if k == "PARTNERS_WITH" for n in (u, v)}
    assert shown == partners
    page.select_option("#filter-preset", label="funding chains")
    shown, types = _visible(page)
    assert types == {"FUNDS", "RUNS", "PARTICIPATES_IN"} and "org:nordic" in shown and "org:kora" not in shown
    page.select_option("#filter-preset", label="clusters and their members")
    shown, types = _visible(page)
    assert types == {"MEMBER_OF"} and shown == {"org:baobab", "org:kora", "org:lagoon", "org:xss-img"}
    page.click("#filter-reset")
    assert _visible(page)[0] == everything
    browser.assert_clean()


@pytest.mark.browser
def test_largest_labels_legible_at_first_view(browser, tmp_path):
    G = _big_graph(60, 2400)
    path = render_map(G, tmp_path / "big.html")
    page = browser.page
    browser.open(path, timeout=60_000)
    hub = max(G, key=G.degree)
    on_screen = page.evaluate("(id) => window.ecograph.labelSize(id) * network.getScale()", hub)
    assert on_screen >= LEGIBLE_PX - 0.01
    # small nodes' labels are culled at this zoom, drawn once zoomed in
    leaf = min(G, key=G.degree)
    small = page.evaluate("(id) => window.ecograph.labelSize(id) * network.getScale()", leaf)
    assert small < LABEL_CULL_PX - 1
    assert page.evaluate("(id) => network.body.nodes[id].labelModule.visible()", leaf) is False
    page.evaluate("network.moveTo({scale: 1})")
    assert page.evaluate("(id) => network.body.nodes[id].labelModule.visible()", leaf) is True
    browser.assert_clean()


@pytest.mark.browser
def test_save_view_as_png_and_svg(browser, example, tmp_path):
    path = render_map(example, tmp_path / "map.html", title="<b>hostile</b>")
    page = browser.page
    browser.open(path)
    page.evaluate("network.fit(); network.moveTo({scale: 1.5})")  # every label drawn
    with page.expect_download() as png:
        page.click("#save-png")
    data = open(png.value.path(), "rb").read()
    assert png.value.suggested_filename == "ecograph-map.png" and data[:8] == b"\x89PNG\r\n\x1a\n"
    page.evaluate("network.fit(); network.moveTo({scale: 1.5})")
    with page.expect_download() as svg:
        page.click("#save-svg")
    root = ET.parse(svg.value.path()).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg"
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "foreignObject", "a", "image")]
    assert not [k for e in root.iter() for k in e.attrib if k.lower().startswith("on") or "href" in k.lower()]
    texts = {t.text for t in root.iter(ns + "text")}
    assert "Baobab Agritech Cluster" in texts
    assert set(HOSTILE.values()) & texts  # hostile names are there, as text
    assert len(list(root.iter(ns + "line"))) > 0 and len(list(root.iter(ns + "circle"))) > 0
    browser.assert_clean()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_map_types_core_and_no_isolated(tmp_path):
    from ecograph.store.embedded import EmbeddedStore
    store = EmbeddedStore(tmp_path / "store", writable=True)
    build_example(store)
    store.close()
    runner = CliRunner()
    base = ["--store", str(tmp_path / "store"), "map"]
    r = runner.invoke(cli, [*base, "-o", str(tmp_path / "core.html"), "--types", "core"])
    assert r.exit_code == 0, r.output
    assert "nodes" in r.stderr
    bad = runner.invoke(cli, [*base, "-o", str(tmp_path / "x.html"), "--types", "FRIENDS_WITH"])
    assert bad.exit_code == 2 and "unknown relation type 'FRIENDS_WITH'" in bad.stderr and "core" in bad.stderr
    kept = runner.invoke(cli, [*base, "-o", str(tmp_path / "a.html"), "--kind", "company"])
    dropped = runner.invoke(cli, [*base, "-o", str(tmp_path / "b.html"), "--kind", "company", "--no-isolated"])
    count = lambda res: int(res.stderr.split(": ")[1].split(" nodes")[0])  # noqa: E731
    assert count(dropped) < count(kept)  # companies with no company neighbour are gone
    assert stat.S_IMODE(os.stat(tmp_path / "b.html").st_mode) == 0o644 & ~_umask()
