"""The map's evidence panel cites the document (title, site, date, an http(s) link) and
the year filter hides relations outside the chosen years: in a real headless Chromium."""
from __future__ import annotations

import pytest

from test_map_browser import browser  # noqa: F401  (the fixture)
from test_time import _fill

from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.visualizations.map import render_map

pytestmark = pytest.mark.browser


def _edge_id(page, a: str, b: str) -> str:
    return page.evaluate("""([a, b]) => Object.keys(ecograph.data.edges).find(function (k) {
        var e = ecograph.data.edges[k]; return e.from === a && e.to === b; })""", [a, b])


def _shown_edges(page) -> int:
    return page.evaluate("edges.get({filter: function (e) { return !e.hidden; }}).length")


@pytest.fixture
def dated_map(embedded_store, tmp_path):
    _fill(embedded_store)
    s = "E is a member of A since 2016."
    embedded_store.add(Extraction(
        Document("doc:bad", "bad.html", "<img src=x onerror=alert(1)>", "en", "2024-01-04T00:00:00Z",
                 url="javascript:alert(1)", published="2016-03", site="Evil <b>site</b>"),
        [Entity("org:e", "Organisation", "E", mentions={"doc:bad": 1}),
         Entity("org:a", "Organisation", "A", mentions={"doc:bad": 1})],
        [Relation("MEMBER_OF", "org:e", "org:a", [Evidence("doc:bad", s, 0, len(s), "pattern", 0.8)])]))
    embedded_store.flush()
    return render_map(embedded_store.to_networkx(), tmp_path / "map.html", title="dated")


def test_evidence_panel_links_the_source_page(browser, dated_map):  # noqa: F811
    assert "javascript:alert" not in dated_map.read_text(encoding="utf-8")
    browser.open(dated_map)
    page = browser.page
    page.evaluate("(eid) => ecograph.showEdge(eid)", _edge_id(page, "org:a", "org:b"))
    link = page.locator("#details a.ev-link")
    assert link.count() == 1
    assert link.get_attribute("href") == "https://ex.org/old"
    assert link.inner_text() == "Old news"
    assert link.get_attribute("rel") == "noopener noreferrer"
    sources = page.locator("#details .ev-source").all_inner_texts()
    assert any("2015-06" in t for t in sources) and any("2021-02" in t for t in sources)
    # a document without a URL, and one whose URL is not http(s): text, never a link
    page.evaluate("(eid) => ecograph.showEdge(eid)", _edge_id(page, "org:e", "org:a"))
    assert page.locator("#details a").count() == 0
    text = page.locator("#details .ev-source").inner_text()
    assert "<img src=x onerror=alert(1)>" in text and "Evil <b>site</b>" in text and "2016-03" in text
    browser.assert_clean()


def test_year_filter_hides_edges_outside_the_range(browser, dated_map):  # noqa: F811
    browser.open(dated_map)
    page = browser.page
    assert page.evaluate("ecograph.data.years") == [2015, 2016, 2018, 2021]
    assert _shown_edges(page) == 4
    page.select_option("#filter-year-to", "2016")     # A--B (2015), E->A (2016 stated)
    assert _shown_edges(page) == 2
    page.select_option("#filter-year-from", "2016")   # E->A only
    shown = page.evaluate("edges.get({filter: function (e) { return !e.hidden; }}).map(function (e) { return e.from + '>' + e.to; })")
    assert shown == ["org:e>org:a"]
    assert "1 of 4 relations" in page.locator("#map-stats").inner_text()
    page.select_option("#filter-year-from", "")
    page.select_option("#filter-year-to", "")
    assert _shown_edges(page) == 4                      # undated A--D is back too
    page.select_option("#filter-year-from", "2021")
    page.click("#filter-reset")
    assert _shown_edges(page) == 4
    browser.assert_clean()
