"""Maps without a browser: the HTML is self-contained, hostile names only appear escaped,
filters narrow the graph, large graphs get positions and no physics.
(`test_map_browser.py` opens the same maps in Chromium.)"""
from __future__ import annotations

import json
import re
import time

import networkx as nx
import pytest

from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.visualizations.map import (MapError, check_offline, render_map, script_json,
                                         subgraph)

HOSTILE = {
    "org:xss-script": "<script>alert(1)</script>",
    "org:xss-img": "<img src=x onerror=alert(1)>",
    "org:xss-attr": "\"'><svg onload=alert(1)>",
    "org:xss-href": "<a href=\"javascript:alert(1)\">href Partners</a>",
    "org:xss-comment": "<!-- </script><script>alert(1)</script>",
}

# Our own invented ecosystem (not the shared corpus).
TEXT_A = (
    "Baobab Agritech Cluster was founded in Dakar in 2016 by twelve food companies. "
    "Kora Seeds and Lagoon Food Labs are members of Baobab Agritech Cluster. "
    "Baobab Agritech Cluster signed a partnership with Teranga Innovation Hub to train young founders. "
    "The Green Savanna Programme is financed by the Nordic Development Fund. "
    "Teranga Innovation Hub runs the Green Savanna Programme with Baobab Agritech Cluster. "
    "Lagoon Food Labs works in agri-food processing. "
)
TEXT_B = (
    "At the regional fair, <script>alert(1)</script> and Kora Seeds announced a joint venture. "
    "<img src=x onerror=alert(1)> is a member of Baobab Agritech Cluster. "
    "The href Partners network (<a href=\"javascript:alert(1)\">href Partners</a>) supports Kora Seeds. "
    "\"'><svg onload=alert(1)> takes part in the Green Savanna Programme. "
    "<!-- </script><script>alert(1)</script> cooperates with Teranga Innovation Hub. "
    "Teranga Innovation Hub also supports the Green Savanna Programme with mentors. "
)


def _ev(doc: str, text: str, sentence_start: str, method: str, conf: float) -> Evidence:
    start = text.index(sentence_start)
    end = text.index(". ", start) + 1
    return Evidence(doc, text[start:end], start, end, method, conf)


def build_example(store) -> dict[str, str]:
    """Fill `store` with two hand-written documents; returns {entity id: name}."""
    da = Document("doc:a", "notes/baobab-profile.txt", "Baobab cluster profile", "en",
                  "2024-03-01T10:00:00Z", TEXT_A)
    db = Document("doc:b", "notes/fair-<report>.html", "Fair report <b>&</b> notes", "en",
                  "2024-05-02T10:00:00Z", TEXT_B)
    org = lambda i, n, k, **kw: Entity(i, "Organisation", n, k, **kw)  # noqa: E731
    ents_a = [
        org("org:baobab", "Baobab Agritech Cluster", "cluster", aliases=["BAC"], country="Senegal",
            founded=2016, mentions={"doc:a": 4}),
        org("org:kora", "Kora Seeds", "company", country="Senegal", mentions={"doc:a": 1}),
        org("org:lagoon", "Lagoon Food Labs", "company", country="Côte d'Ivoire", mentions={"doc:a": 2}),
        org("org:teranga", "Teranga Innovation Hub", "support", country="Senegal", mentions={"doc:a": 2}),
        org("org:nordic", "Nordic Development Fund", "funder", country="Finland", mentions={"doc:a": 1}),
        Entity("prog:savanna", "Programme", "Green Savanna Programme", "programme", mentions={"doc:a": 2}),
        Entity("place:dakar", "Place", "Dakar", "city", mentions={"doc:a": 1}),
        Entity("sector:agri-food", "Sector", "agri-food", mentions={"doc:a": 1}),
    ]
    rels_a = [
        Relation("MEMBER_OF", "org:kora", "org:baobab", [_ev("doc:a", TEXT_A, "Kora Seeds and", "member-list", 0.9)]),
        Relation("MEMBER_OF", "org:lagoon", "org:baobab", [_ev("doc:a", TEXT_A, "Kora Seeds and", "member-list", 0.9)]),
        Relation("PARTNERS_WITH", "org:teranga", "org:baobab",
                 [_ev("doc:a", TEXT_A, "Baobab Agritech Cluster signed", "pattern", 0.85)]),
        Relation("FUNDS", "org:nordic", "prog:savanna", [_ev("doc:a", TEXT_A, "The Green Savanna", "pattern", 0.8)]),
        Relation("RUNS", "org:teranga", "prog:savanna", [_ev("doc:a", TEXT_A, "Teranga Innovation Hub runs", "pattern", 0.8)]),
        Relation("RUNS", "org:baobab", "prog:savanna", [_ev("doc:a", TEXT_A, "Teranga Innovation Hub runs", "pattern", 0.75)]),
        Relation("LOCATED_IN", "org:baobab", "place:dakar", [_ev("doc:a", TEXT_A, "Baobab Agritech Cluster was", "pattern", 0.7)]),
        Relation("ACTIVE_IN", "org:lagoon", "sector:agri-food", [_ev("doc:a", TEXT_A, "Lagoon Food Labs works", "pattern", 0.6)]),
    ]
    ents_b = [org(i, n, "company", mentions={"doc:b": 1}) for i, n in HOSTILE.items()]
    ents_b += [org("org:kora", "Kora Seeds", "company", mentions={"doc:b": 1}),
               org("org:baobab", "Baobab Agritech Cluster", "cluster", mentions={"doc:b": 1}),
               org("org:teranga", "Teranga Innovation Hub", "support", mentions={"doc:b": 1}),
               Entity("prog:savanna", "Programme", "Green Savanna Programme", "programme", mentions={"doc:b": 1})]
    ents_b[3].kind = "network"
    rels_b = [
        Relation("PARTNERS_WITH", "org:xss-script", "org:kora", [_ev("doc:b", TEXT_B, "At the regional", "pattern", 0.7)]),
        Relation("MEMBER_OF", "org:xss-img", "org:baobab", [_ev("doc:b", TEXT_B, "<img src", "pattern", 0.8)]),
        Relation("SUPPORTS", "org:xss-href", "org:kora", [_ev("doc:b", TEXT_B, "The href Partners", "pattern", 0.6)]),
        Relation("PARTICIPATES_IN", "org:xss-attr", "prog:savanna", [_ev("doc:b", TEXT_B, "\"'><svg", "pattern", 0.65)]),
        Relation("PARTNERS_WITH", "org:xss-comment", "org:teranga", [_ev("doc:b", TEXT_B, "<!-- </script>", "pattern", 0.6)]),
        # a second relation type between one pair: drawn as a separate, curved edge
        Relation("SUPPORTS", "org:teranga", "org:baobab", [_ev("doc:a", TEXT_A, "Baobab Agritech Cluster signed", "pattern", 0.5)]),
        # and two types in the same direction: parallel edges in a MultiDiGraph
        Relation("SUPPORTS", "org:teranga", "prog:savanna", [_ev("doc:b", TEXT_B, "Teranga Innovation Hub also", "pattern", 0.55)]),
    ]
    store.add(Extraction(da, ents_a, rels_a))
    store.add(Extraction(db, ents_b, rels_b))
    for r in store.relations():  # the SCHEMA invariant, so the example stays honest
        for e in r.evidence:
            text = TEXT_A if e.document == "doc:a" else TEXT_B
            assert text[e.start:e.end] == e.sentence
    return {e.id: e.name for e in store.entities()}


@pytest.fixture
def example_graph(embedded_store):
    build_example(embedded_store)
    return embedded_store.to_networkx()


def script_tags(html: str) -> list[dict]:
    """Attributes of every <script> element as a browser's tokenizer sees them."""
    from html.parser import HTMLParser
    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "script":
                found.append(dict(attrs))
    P().feed(html)
    return found


def embedded_json(html: str, element_id: str):
    m = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % element_id, html, re.S)
    assert m, element_id
    return json.loads(m.group(1))


def test_map_is_self_contained(example_graph, tmp_path):
    out = render_map(example_graph, tmp_path / "sub" / "map.html", title="Baobab ecosystem")
    html = out.read_text(encoding="utf-8")
    assert out.name == "map.html" and html.startswith("<!DOCTYPE html>")
    # no tag may load anything: no src/href at all on script/link/img/iframe
    for tag in re.findall(r"<(?:script|link|img|iframe|object|embed)\b[^>]*>", html, re.I):
        assert not re.search(r"\b(?:src|href)\s*=", tag, re.I), tag
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    assert "Content-Security-Policy" in html
    check_offline(html)  # the same guard render_map applies


def test_check_offline_refuses_external_tags():
    for bad in ('<script src="https://cdn.example.org/x.js"></script>',
                '<link rel="stylesheet" href="http://example.org/a.css">',
                '<script src="//example.org/x.js"></script>',
                '<img src="lib/x.png">'):
        with pytest.raises(MapError):
            check_offline(f"<html><head>{bad}</head></html>")
    check_offline('<html><body><a href="#x">in-page</a><img src="data:image/png;base64,AA=="></body></html>')


def test_hostile_strings_only_appear_escaped(example_graph, tmp_path):
    title = "<img src=x onerror=alert('title')> & map"
    html = render_map(example_graph, tmp_path / "m.html", title=title).read_text(encoding="utf-8")
    for raw in list(HOSTILE.values()) + ["onerror=alert('title')>", "<svg", "<a href", "<b>&</b>"]:
        assert raw not in html, raw
    # the title is HTML-escaped in <title> and <h1>
    assert "<title>&lt;img src=x onerror=alert(&#39;title&#39;)&gt; &amp; map</title>" in html
    # exactly our own script elements: the vis bundle, 2 JSON blocks, our code
    assert script_tags(html) == [{}, {"type": "application/json", "id": "ecograph-data"},
                                 {"type": "application/json", "id": "vis-options"}, {}]
    # and the data still holds the exact names, for JSON.parse in the page
    # (map.js builds the vis items and their plain-text tooltips from them:
    # test_map_browser checks those in the page)
    data = embedded_json(html, "ecograph-data")
    names = {n["name"] for n in data["nodes"].values()}
    assert set(HOSTILE.values()) <= names


def test_script_json_cannot_close_script():
    s = script_json({"x": "</script><!-- <script>&"})
    assert "<" not in s and ">" not in s and "&" not in s
    assert json.loads(s) == {"x": "</script><!-- <script>&"}


def test_map_content_styles_legend_and_evidence(example_graph, tmp_path):
    html = render_map(example_graph, tmp_path / "m.html").read_text(encoding="utf-8")
    data = embedded_json(html, "ecograph-data")
    assert 'id="legend"' in html and 'id="search-input"' in html and 'id="details"' in html
    assert len(data["nodes"]) == example_graph.number_of_nodes()
    assert len(data["edges"]) == example_graph.number_of_edges()
    # node style comes from its group: shape says what it is, colour which kind
    groups = {g["key"]: g for g in data["groups"]}
    node = lambda i: data["nodes"][i]  # noqa: E731
    assert groups[node("org:baobab")["group"]]["shape"] == "dot"
    assert groups[node("prog:savanna")["group"]]["shape"] == "diamond"
    assert groups[node("org:baobab")["group"]]["colour"] != groups[node("org:kora")["group"]]["colour"]
    assert node("org:baobab")["degree"] == example_graph.degree("org:baobab")
    assert node("org:baobab")["degree"] > node("org:lagoon")["degree"]  # sizes by degree
    # relation style per type
    styles = {t["type"]: (t["colour"], t["dashes"]) for t in data["types"]}
    assert styles["PARTNERS_WITH"] != styles["SUPPORTS"] and styles["SUPPORTS"][1] == [8, 5]
    assert data["edgeLabels"] is True
    # a second relation between one pair is bent (map.js: a curvedCW edge)
    pair = [e for e in data["edges"].values() if {e["from"], e["to"]} == {"org:baobab", "org:teranga"}]
    assert len(pair) == 2 and sorted(e.get("bend", 0) for e in pair) == [0, 1]
    assert {g["name"] for g in data["groups"]} >= {"Organisation · cluster", "Programme · programme", "Place", "Sector"}
    assert {t["type"] for t in data["types"]} >= {"PARTNERS_WITH", "MEMBER_OF", "FUNDS"}
    assert data["countries"] == ["Côte d'Ivoire", "Finland", "Senegal"]
    assert data["sectors"] == ["agri-food"]
    assert data["nodes"]["org:lagoon"]["sectors"] == ["agri-food"]
    assert data["nodes"]["place:dakar"]["country"] is None
    funds = next(e for e in data["edges"].values() if e["type"] == "FUNDS")
    assert funds["evidence"][0]["sentence"].startswith("The Green Savanna Programme is financed")
    assert data["documents"]["doc:a"]["source"] == "notes/baobab-profile.txt"
    assert data["physics"] is True
    assert all("x" not in n for n in data["nodes"].values())  # live physics places them
    options = embedded_json(html, "vis-options")
    assert options["edges"]["smooth"] == {"enabled": True, "type": "continuous"}
    assert options["interaction"]["hideEdgesOnDrag"] is False


def test_country_and_sectors_match_the_per_node_helpers(example_graph, tmp_path):
    from ecograph.facts import country_of
    from ecograph.visualizations.map import node_sectors
    G = example_graph
    G.add_node("place:senegal", label="Place", name="Senegal", kind="country")
    G.add_node("org:nowhere", label="Organisation", name="Nowhere Ltd", kind="company")
    G.add_edge("org:nowhere", "place:dakar", key="LOCATED_IN", type="LOCATED_IN", evidence=[])
    G.add_edge("org:nowhere", "place:senegal", key="LOCATED_IN", type="LOCATED_IN", evidence=[])
    G.add_edge("org:nowhere", "sector:agri-food", key="ACTIVE_IN", type="ACTIVE_IN", evidence=[])
    data = embedded_json(render_map(G, tmp_path / "m.html").read_text(encoding="utf-8"), "ecograph-data")
    for n in G:
        assert data["nodes"][n]["country"] == country_of(G, n), n
        assert data["nodes"][n]["sectors"] == node_sectors(G, n), n
    assert data["nodes"]["org:nowhere"]["country"] == "Senegal"


def test_subgraph_filters(example_graph):
    G = example_graph
    ego = subgraph(G, focus="org:nordic", depth=1)
    assert set(ego) == {"org:nordic", "prog:savanna"}
    assert set(subgraph(G, focus="org:nordic", depth=2)) >= {"org:teranga", "org:baobab", "org:xss-attr"}
    partners = subgraph(G, types=["PARTNERS_WITH"])
    assert {k for _, _, k in partners.edges(keys=True)} == {"PARTNERS_WITH"}
    assert "org:nordic" not in partners
    clusters = subgraph(G, kinds=["cluster", "programme"])
    assert set(clusters) == {"org:baobab", "prog:savanna"}
    senegal = subgraph(G, country="senegal")
    assert {"org:baobab", "org:kora", "org:teranga", "prog:savanna", "place:dakar"} <= set(senegal)
    assert "org:lagoon" not in senegal and "org:nordic" not in senegal
    assert senegal.graph["documents"] == G.graph["documents"]
    from ecograph.errors import NotFound
    with pytest.raises(NotFound):
        subgraph(G, focus="org:nobody")


def _big_graph(n_clusters: int, n_members: int) -> nx.MultiDiGraph:
    import random
    rnd = random.Random(3)
    G = nx.MultiDiGraph()
    G.graph["documents"] = {"doc:x": {"id": "doc:x", "source": "x.txt", "title": "x"}}
    ev = [{"document": "doc:x", "sentence": "s.", "start": 0, "end": 2, "method": "t", "confidence": 0.5}]
    for c in range(n_clusters):
        G.add_node(f"org:c{c}", label="Organisation", name=f"Cluster {c}", kind="cluster",
                   aliases=[], country="Senegal", founded=None, mentions={})
    for m in range(n_members):
        G.add_node(f"org:m{m}", label="Organisation", name=f"Member {m}", kind="company",
                   aliases=[], country=None, founded=None, mentions={})
        G.add_edge(f"org:m{m}", f"org:c{rnd.randrange(n_clusters)}", key="MEMBER_OF",
                   type="MEMBER_OF", evidence=ev, confidence=0.5)
    for _ in range(n_clusters):
        a, b = sorted((f"org:c{rnd.randrange(n_clusters)}", f"org:c{rnd.randrange(n_clusters)}"))
        G.add_edge(a, b, key="PARTNERS_WITH", type="PARTNERS_WITH", evidence=ev, confidence=0.5)
    return G


def test_large_graph_gets_positions_and_no_physics(tmp_path):
    G = _big_graph(20, 400)
    html = render_map(G, tmp_path / "big.html").read_text(encoding="utf-8")
    options = embedded_json(html, "vis-options")
    assert options["physics"]["enabled"] is False
    assert options["layout"]["improvedLayout"] is False
    # big maps: straight edges, hidden while dragging or zooming
    assert options["edges"]["smooth"] == {"enabled": False}
    assert options["interaction"]["hideEdgesOnDrag"] is True
    assert options["interaction"]["hideEdgesOnZoom"] is True
    data = embedded_json(html, "ecograph-data")
    nodes = list(data["nodes"].values())
    assert len(nodes) == 420 and data["large"] is True
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in nodes)
    xs = [n["x"] for n in nodes]
    assert max(xs) - min(xs) > 500  # spread out in canvas pixels, not a unit square
    assert len({(n["x"], n["y"]) for n in nodes}) > 400
    assert data["edgeLabels"] is False  # edge labels off when crowded
    # each fact once: a name is in the page once, not again in vis items and tooltips
    assert html.count('"Cluster 7"') == 1 and html.count('"Member 123"') == 1
    # small graphs keep live physics unless asked otherwise
    small = render_map(_big_graph(2, 10), tmp_path / "s.html", physics=False).read_text(encoding="utf-8")
    assert embedded_json(small, "vis-options")["physics"]["enabled"] is False
    assert all("x" in n for n in embedded_json(small, "ecograph-data")["nodes"].values())


def test_same_graph_same_page(tmp_path):
    G = _big_graph(30, 600)
    a = render_map(G, tmp_path / "a.html").read_bytes()
    b = render_map(G, tmp_path / "b.html").read_bytes()
    assert a == b


def test_layout_on_big_cores_uses_the_grid_and_keeps_neighbours_close(monkeypatch):
    """The grid (FFT) repulsion for big cores, tried on a small lattice by lowering the
    threshold: deterministic, every node placed apart, neighbours near each other."""
    import numpy as np
    from ecograph.visualizations import layout
    G = nx.convert_node_labels_to_integers(nx.grid_2d_graph(24, 24))  # 576 nodes, no leaves
    calls = []
    grid_fr = layout._grid_fr
    monkeypatch.setattr(layout, "_grid_fr", lambda *a: calls.append(a[0]) or grid_fr(*a))
    monkeypatch.setattr(layout, "GRID_FROM", 100)
    pos = layout.positions(G, seed=3)
    assert calls == [576]
    assert pos == layout.positions(G, seed=3)
    assert len(set(pos.values())) == 576
    P = np.array([pos[v] for v in G])
    edge = np.median([np.hypot(*(P[u] - P[v])) for u, v in G.edges()])
    rng = np.random.default_rng(0)
    pairs = rng.integers(0, 576, size=(2000, 2))
    random_pair = np.median(np.hypot(*(P[pairs[:, 0]] - P[pairs[:, 1]]).T))
    assert edge < 0.2 * random_pair, (edge, random_pair)


@pytest.mark.slow
def test_five_thousand_nodes_render_in_reasonable_time(tmp_path):
    G = _big_graph(100, 4900)
    t0 = time.monotonic()
    out = render_map(G, tmp_path / "huge.html")
    assert time.monotonic() - t0 < 60
    assert embedded_json(out.read_text(encoding="utf-8"), "vis-options")["physics"]["enabled"] is False


def test_empty_graph_renders(tmp_path):
    G = nx.MultiDiGraph()
    G.graph["documents"] = {}
    html = render_map(G, tmp_path / "e.html").read_text(encoding="utf-8")
    assert embedded_json(html, "ecograph-data")["nodes"] == {}
