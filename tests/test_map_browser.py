"""Maps in a real headless Chromium (driven by Playwright, system Chromium only: we never
run `playwright install`). Every network request is recorded: a map must not try to
fetch anything but its own file. Hostile entity names must never run script."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from test_map import HOSTILE, _big_graph, build_example

from ecograph.visualizations.map import render_map

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


class Browser:
    """One page in a fresh browser context (its own cookies, storage and cache, as a new
    profile has), with every request, console error and dialog recorded."""

    def __init__(self, chromium):
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = chromium.new_context(viewport={"width": 1400, "height": 860}, service_workers="block")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("websocket", lambda ws: self.blocked.append(ws.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route):
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, path: Path, timeout: float = 30_000) -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.ecograph && window.ecograph.ready === true", timeout=timeout)

    def assert_clean(self) -> None:
        outside = [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]
        assert not outside and not self.blocked, f"network requests: {outside + self.blocked}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.dialogs, f"a dialog fired: {self.dialogs}"

    def node_screen_point(self, node_id: str) -> tuple[float, float]:
        box = self.page.locator("#mynetwork").bounding_box()
        p = self.page.evaluate(
            "(id) => network.canvasToDOM(network.getPositions([id])[id])", node_id)
        return box["x"] + p["x"], box["y"] + p["y"]


@pytest.fixture
def browser(chromium_session):
    b = Browser(chromium_session)
    try:
        yield b
    finally:
        b.context.close()


@pytest.fixture
def example_map(embedded_store, tmp_path):
    names = build_example(embedded_store)
    G = embedded_store.to_networkx()
    path = render_map(G, tmp_path / "map.html", title="<script>alert('title')</script> Baobab")
    return path, G, names


def _check_vis_nodes(page, G):
    """The vis node items map.js built from the data block: shape and colour per group, size by degree."""
    node = lambda i: page.evaluate("(i) => nodes.get(i)", i)  # noqa: E731
    assert node("org:baobab")["shape"] == "dot" and node("prog:savanna")["shape"] == "diamond"
    assert node("org:baobab")["color"]["background"] != node("org:kora")["color"]["background"]
    assert node("org:baobab")["size"] > node("org:lagoon")["size"]  # sized by degree
    assert node("org:baobab")["title"].split("\n") == [
        "Baobab Agritech Cluster", "Organisation · cluster", "country: Senegal",
        f"{G.degree('org:baobab')} relations · click for evidence"]


def _check_vis_edges(page):
    """The vis edge items: style per relation type, bends between one pair, tooltip, arrow, opacity."""
    vis_edges = page.evaluate("edges.get()")
    styles = {e["label"]: (e["color"]["color"], e["dashes"]) for e in vis_edges}
    assert styles["partners with"] != styles["supports"]
    dashes = styles["supports"][1]  # [8, 5], times 1/zoom below zoom 1 (scaleDashes)
    factor = max(1, 1 / page.evaluate("network.getScale()"))
    assert dashes == pytest.approx([8 * factor, 5 * factor])
    pair = [e for e in vis_edges if {e["from"], e["to"]} == {"org:baobab", "org:teranga"}]
    assert len(pair) == 2 and [e.get("smooth", {}).get("type") for e in pair].count("curvedCW") == 1
    funds = next(e for e in vis_edges if e["label"] == "funds")
    assert funds["title"] == ("Nordic Development Fund → FUNDS → Green Savanna Programme\n"
                              "1 evidence · confidence 0.80")
    assert funds["arrows"]["to"]["enabled"] is True
    assert page.evaluate("(i) => network.body.edges[i].options.color.opacity", funds["id"]) == 0.85


def _check_legend(page):
    """One legend row per node group and per relation type, each a working filter."""
    data = page.evaluate("window.ecograph.data")
    assert page.locator("#legend .legend-row").count() == len(data["groups"]) + len(data["types"])
    assert page.locator("#legend").is_visible() and page.locator("#search-input").is_visible()
    assert "Organisation · cluster" in page.locator("#legend").inner_text()


def _check_search(page):
    """Search focuses a node (by name or alias) and shows it in the panel."""
    page.fill("#search-input", "kora")
    page.press("#search-input", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == ["org:kora"]
    assert page.locator("#details h2").inner_text() == "Kora Seeds"
    # the view glides to the node (a 400 ms animation): wait until it is centred
    page.wait_for_function("""() => {
        const v = network.getViewPosition(), p = network.getPositions(['org:kora'])['org:kora'];
        return Math.abs(v.x - p.x) < 5 && Math.abs(v.y - p.y) < 5; }""", timeout=10_000)
    page.fill("#search-input", "BAC")  # an alias
    page.press("#search-input", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == ["org:baobab"]


def _check_clicks(browser, page):
    """Clicking an edge shows its evidence (sentence, source, method, confidence); a node, its facts."""
    page.evaluate("network.setOptions({physics: false}); network.fit({animation: false})")
    page.wait_for_timeout(200)  # hold still while we click
    a, b = browser.node_screen_point("org:nordic"), browser.node_screen_point("prog:savanna")
    page.mouse.click((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    assert page.locator("#details h2").inner_text() == "FUNDS"
    panel = page.locator("#details").inner_text()
    assert "The Green Savanna Programme is financed by the Nordic Development Fund." in panel
    assert "Baobab cluster profile — notes/baobab-profile.txt" in panel
    assert "method: pattern · confidence 0.80" in panel
    page.mouse.click(*browser.node_screen_point("org:baobab"))
    assert page.locator("#details h2").inner_text() == "Baobab Agritech Cluster"
    assert "Senegal" in page.locator("#details").inner_text()


def test_map_opens_offline_with_legend_search_and_evidence(browser, example_map, tmp_path):
    path, G, names = example_map
    page = browser.page
    browser.open(path)

    assert page.locator("#mynetwork canvas").count() == 1
    assert page.evaluate("nodes.length") == G.number_of_nodes()
    assert page.evaluate("edges.length") == G.number_of_edges()
    assert page.evaluate("network.body.data.nodes.length") == G.number_of_nodes()
    assert page.title() == "<script>alert('title')</script> Baobab"
    _check_vis_nodes(page, G)
    _check_vis_edges(page)
    _check_legend(page)
    _check_search(page)
    _check_clicks(browser, page)

    page.screenshot(path=str(tmp_path / "map.png"))
    assert (tmp_path / "map.png").stat().st_size > 10_000
    browser.assert_clean()


def test_hostile_names_never_execute(browser, example_map, tmp_path):
    path, G, names = example_map
    page = browser.page
    browser.open(path)
    page.evaluate("network.setOptions({physics: false}); network.fit({animation: false})")
    page.wait_for_timeout(200)
    for node_id, name in HOSTILE.items():
        # hover: the vis tooltip must hold the title as text, with no elements in it
        page.mouse.move(*browser.node_screen_point(node_id))
        tooltip = page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text().startswith(name)
        # innerText turns the title's newlines into <br>: those are the only elements allowed
        tags = page.evaluate("[...document.querySelector('div.vis-tooltip').querySelectorAll('*')]"
                             ".map(e => e.tagName)")
        assert set(tags) <= {"BR"}, tags
        # click: the panel shows the name as text
        page.mouse.click(*browser.node_screen_point(node_id))
        assert page.locator("#details h2").inner_text() == name
        page.mouse.move(5, 5)
        page.wait_for_timeout(100)
    # search with a hostile query, then open every relation's evidence
    assert page.evaluate("(q) => window.ecograph.search(q)", "<img src=x onerror") == "org:xss-img"
    for eid in page.evaluate("Object.keys(window.ecograph.data.edges)"):
        page.evaluate("(e) => window.ecograph.showEdge(e)", eid)
    # nothing from the data ever became an element
    assert page.locator("body script:not([type]), body img, body svg, body iframe").count() == 1  # our code
    assert page.locator("#details a, #details img, #details svg, #controls img").count() == 0
    assert page.evaluate("typeof window.alerted") == "undefined"
    page.screenshot(path=str(tmp_path / "hostile.png"))
    browser.assert_clean()


def test_filters_hide_and_show(browser, example_map):
    path, G, names = example_map
    page = browser.page
    browser.open(path)
    shown = "nodes.get({filter: n => !n.hidden}).length"
    shown_edges = "edges.get({filter: e => !e.hidden}).length"
    total = G.number_of_nodes()
    companies = sum(1 for _, a in G.nodes(data=True) if a.get("kind") == "company")
    page.locator("#legend input[data-key='Organisation:company']").uncheck()
    assert page.evaluate(shown) == total - companies
    page.locator("#legend input[data-key='Organisation:company']").check()
    assert page.evaluate(shown) == total
    page.locator("#legend input[data-key='PARTNERS_WITH']").uncheck()
    partners = sum(1 for *_, k in G.edges(keys=True) if k == "PARTNERS_WITH")
    assert page.evaluate(shown_edges) == G.number_of_edges() - partners
    page.select_option("#filter-country", "Finland")
    assert sorted(page.evaluate("nodes.get({filter: n => !n.hidden}).map(n => n.id)")) == \
        ["org:nordic", "prog:savanna"]
    page.click("#filter-reset")
    assert page.evaluate(shown) == total and page.evaluate(shown_edges) == G.number_of_edges()
    page.select_option("#filter-sector", "agri-food")
    visible = set(page.evaluate("nodes.get({filter: n => !n.hidden}).map(n => n.id)"))
    assert {"org:lagoon", "sector:agri-food"} <= visible and "org:nordic" not in visible
    browser.assert_clean()


def test_dashes_keep_their_screen_size_when_zoomed_out(browser, example_map):
    """vis draws dash lengths in canvas units: zoomed far out they become sub-pixel,
    invisible and very slow to draw. Below zoom 1 map.js scales them back up."""
    path, G, names = example_map
    page = browser.page
    browser.open(path)
    page.evaluate("network.setOptions({physics: false})")
    eid = page.evaluate("edges.get().find(e => e.label === 'supports').id")
    dashes = "(i) => network.body.edges[i].options.dashes"
    page.evaluate("network.moveTo({scale: 0.1, animation: false}); network.redraw()")
    assert page.evaluate(dashes, eid) == pytest.approx([80, 50])
    page.evaluate("network.moveTo({scale: 2, animation: false}); network.redraw()")
    assert page.evaluate(dashes, eid) == [8, 5]
    assert page.evaluate("window.ecograph.data.types.find(t => t.type === 'SUPPORTS').dashes") == [8, 5]
    browser.assert_clean()


def test_a_filter_change_is_one_redraw(browser, tmp_path):
    """vis redraws synchronously on each DataSet update when physics is off; a filter
    change updates nodes and edges but must cost one frame, and opening the page none."""
    G = _big_graph(8, 400)
    path = render_map(G, tmp_path / "big.html")
    page = browser.page
    browser.open(path)
    page.evaluate("window.draws = 0; network.on('afterDrawing', () => { window.draws += 1; })")
    page.locator("#legend input[data-key='Organisation:company']").uncheck()
    assert page.evaluate("window.draws") == 1
    assert page.evaluate("nodes.get({filter: n => !n.hidden}).length") == 8
    page.locator("#legend input[data-key='Organisation:company']").check()
    assert page.evaluate("window.draws") == 2
    assert page.evaluate("nodes.get({filter: n => !n.hidden}).length") == G.number_of_nodes()
    # nothing changes, nothing is updated or redrawn
    page.evaluate("window.ecograph.applyFilters()")
    assert page.evaluate("window.draws") == 2
    assert page.locator("#map-stats").inner_text().startswith(f"{G.number_of_nodes()} of {G.number_of_nodes()} nodes")
    browser.assert_clean()


def test_large_map_opens_fast_without_physics(browser, tmp_path):
    G = _big_graph(60, 2400)
    path = render_map(G, tmp_path / "big.html")
    page = browser.page
    t0 = time.monotonic()
    browser.open(path, timeout=60_000)
    opened = time.monotonic() - t0
    assert page.evaluate("nodes.length") == G.number_of_nodes()
    assert page.evaluate("network.physics.physicsEnabled") is False
    assert opened < 30, f"took {opened:.1f}s to open"
    # pan: drag the canvas; the view moves and nothing breaks
    before = page.evaluate("network.getViewPosition()")
    box = page.locator("#mynetwork").bounding_box()
    # from a point on no node (the view opens zoomed on the hub: dragging a node moves the node)
    dx, dy = next((x, y) for x in range(40, int(box["width"]) - 250, 37) for y in range(40, int(box["height"]) - 150, 41)
                  if page.evaluate("(p) => network.getNodeAt(p) === undefined && network.getEdgeAt(p) === undefined",
                                   {"x": x, "y": y}))
    cx, cy = box["x"] + dx, box["y"] + dy
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 200, cy + 120, steps=8)
    page.mouse.up()
    after = page.evaluate("network.getViewPosition()")
    assert abs(after["x"] - before["x"]) > 10 or abs(after["y"] - before["y"]) > 10
    assert page.evaluate("(q) => window.ecograph.search(q)", "Member 1234") == "org:m1234"
    page.screenshot(path=str(tmp_path / "big.png"))
    browser.assert_clean()


def test_harness_catches_what_the_stock_pyvis_template_does(browser, tmp_path):
    """Guards the guards: pyvis's own template (which render_map does not use) fetches
    Bootstrap from a CDN and runs a title containing "href" as HTML. This harness must
    see both, or the clean results above would prove nothing."""
    from pyvis.network import Network
    net = Network(cdn_resources="in_line")
    net.add_node("a", label="a", title="<img src=x onerror=alert(1)> href", x=0, y=0)
    net.toggle_physics(False)
    stock = tmp_path / "stock.html"
    net.write_html(str(stock))
    page = browser.page
    page.goto(stock.as_uri())
    page.wait_for_function("typeof network !== 'undefined'")
    page.mouse.move(*browser.node_screen_point("a"))
    page.wait_for_timeout(1500)
    assert any("cdn.jsdelivr.net" in u for u in browser.blocked)
    assert browser.dialogs == ["alert: 1"]
