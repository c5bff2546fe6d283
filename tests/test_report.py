"""`ecograph report`: one self-contained page, opened in real headless Chromium: nothing
is fetched, no script runs (hostile names are text), every figure has its evidence
behind a `<details>` that opens, and the figures are the graph's."""
from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from test_map import HOSTILE, build_example
from test_map_browser import browser  # noqa: F401  (the fixture)

from ecograph.cli import cli
from ecograph.errors import NotFound
from ecograph.store.embedded import EmbeddedStore
from ecograph.queries.report import build_report
from ecograph.visualizations.report import render_report


@pytest.fixture
def store(tmp_path):
    s = EmbeddedStore(tmp_path / "store", writable=True)
    build_example(s)
    s.flush()
    yield s
    s.close()


def test_figures_are_the_graphs(store):
    r = build_report(store)
    assert r["documents"]["count"] == 2 and r["focus"] is None
    kinds = {g["key"]: g["count"] for g in r["kinds"]}
    assert kinds["cluster"] == 1 and kinds["company"] == 2 + len(HOSTILE) - 1  # one hostile org is a network
    senegal = next(g for g in r["countries"] if g["key"] == "Senegal")
    assert [e["name"] for e in senegal["entries"]] == ["Baobab Agritech Cluster", "Kora Seeds", "Teranga Innovation Hub"]
    (cluster,) = r["clusters"]
    assert cluster["name"] == "Baobab Agritech Cluster" and cluster["members"] == 3
    assert [m["name"] for m in cluster["entries"]] == sorted([m["name"] for m in cluster["entries"]], key=str.casefold)
    (funder,) = r["funders"]
    assert funder["name"] == "Nordic Development Fund"
    (funded,) = funder["entries"]
    assert funded["name"] == "Green Savanna Programme"
    assert funded["evidence"]["shown"][0]["sentence"] == "The Green Savanna Programme is financed by the Nordic Development Fund."
    pairs = {(p["a"], p["b"]): p["count"] for p in r["pairs"]}
    assert pairs[("Senegal", "Senegal")] == 1 and sum(pairs.values()) == 3
    assert r["brokers"] and r["brokers"][0]["entries"]
    assert [r["view"].name(n) for n in r["map_centres"]] == ["Baobab Agritech Cluster"]


def test_focus_report_covers_the_neighbourhood(store):
    r = build_report(store, focus="nordic development fund", depth=1)
    assert r["focus"] == "Nordic Development Fund" and r["title"].startswith("Nordic Development Fund")
    names = {e["name"] for g in r["kinds"] for e in g["entries"]}
    assert names == {"Nordic Development Fund"}  # programmes are not organisations
    assert r["documents"]["count"] == 1 and [r["view"].name(n) for n in r["map_centres"]] == ["Nordic Development Fund"]
    with pytest.raises(NotFound):
        build_report(store, focus="Zanzibar Space Agency")


@pytest.mark.browser
def test_report_in_chromium(browser, store, tmp_path):
    path = render_report(build_report(store), tmp_path / "out" / "ecosystem.html")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644 & ~mask
    page = browser.page
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    assert page.title() == "Ecosystem report"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('[onerror],[onload],iframe,img,object,embed').length") == 0
    text = page.evaluate("document.body.textContent")  # closed <details> included
    for name in HOSTILE.values():
        assert name in text  # shown as text, never run
    # the evidence behind a figure: closed at first, one click opens it
    funders = page.locator("#funders details.ev").first
    sentence = "The Green Savanna Programme is financed by the Nordic Development Fund."
    assert not funders.evaluate("d => d.open")
    funders.locator("summary").first.click()
    inner = funders.locator("details.ev").first
    inner.locator("summary").click()
    assert inner.locator("q").first.is_visible() and inner.locator("q").first.inner_text() == sentence
    assert page.locator("#maps svg circle").count() >= 2 and page.locator("#maps svg text").count() >= 2
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    browser.assert_clean()


def test_report_command(store, tmp_path):
    store.close()
    runner = CliRunner()
    out = tmp_path / "r.html"
    r = runner.invoke(cli, ["--store", str(tmp_path / "store"), "report", "-o", str(out), "--focus", "kora seeds"])
    assert r.exit_code == 0, r.output
    assert f"wrote {out}" in r.stderr and r.stdout == ""
    assert "Kora Seeds: ecosystem report" in out.read_text(encoding="utf-8")
    missing = runner.invoke(cli, ["--store", str(tmp_path / "nowhere"), "report", "-o", str(out)])
    assert missing.exit_code == 1 and "the store is missing" in missing.stderr
