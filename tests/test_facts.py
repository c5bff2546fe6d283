"""One rule per derived fact: the map and the queries read an entity's country and its
sectors through `ecograph.facts`, so they cannot disagree. The case that broke: an
organisation LOCATED_IN a city of Morocco was Moroccan to `cross-border` and `search
--country`, but had no country in the map (its filter and its side panel)."""
from __future__ import annotations

import json
import re

from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.queries.partners import cross_border
from ecograph.queries.search import search
from ecograph.queries.view import full_view
from ecograph.visualizations.map import render_map, subgraph

TEXT = ("Atlas Cluster, based in Casablanca, partners with Nile Labs in Egypt. "
        "Atlas Cluster is active in mechatronics and in Agri-food.")


def _ev(doc: str, sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence(document=doc, sentence=sentence, start=start, end=start + len(sentence),
                    method="test", confidence=0.9)


def _store(embedded_store):
    d = Document(id="doc:f1", source="f1.txt", title="F1", language="en", text=TEXT)
    s1 = "Atlas Cluster, based in Casablanca, partners with Nile Labs in Egypt."
    s2 = "Atlas Cluster is active in mechatronics and in Agri-food."
    ents = [Entity(id="org:atlas", label="Organisation", name="Atlas Cluster", kind="cluster", mentions={d.id: 2}),
            Entity(id="org:nile", label="Organisation", name="Nile Labs", kind="company", mentions={d.id: 1}),
            Entity(id="place:casablanca", label="Place", name="Casablanca", kind="city", country="Morocco",
                   mentions={d.id: 1}),
            Entity(id="place:egypt", label="Place", name="Egypt", kind="country", mentions={d.id: 1}),
            Entity(id="sector:mechatronics", label="Sector", name="mechatronics", mentions={d.id: 1}),
            Entity(id="sector:agri-food", label="Sector", name="Agri-food", mentions={d.id: 1})]
    rels = [Relation("LOCATED_IN", "org:atlas", "place:casablanca", [_ev(d.id, s1)]),
            Relation("LOCATED_IN", "org:nile", "place:egypt", [_ev(d.id, s1)]),
            Relation("PARTNERS_WITH", "org:atlas", "org:nile", [_ev(d.id, s1)]),
            Relation("ACTIVE_IN", "org:atlas", "sector:mechatronics", [_ev(d.id, s2)]),
            Relation("ACTIVE_IN", "org:atlas", "sector:agri-food", [_ev(d.id, s2)])]
    embedded_store.add(Extraction(d, ents, rels))
    return embedded_store


def _map_data(path) -> dict:
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="ecograph-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_an_organisation_in_a_city_has_its_country_in_the_queries_and_in_the_map(embedded_store, tmp_path):
    store = _store(embedded_store)
    G = store.to_networkx()
    # the queries
    assert [h.id for h in search(store, country="morocco", label="Organisation")] == ["org:atlas"]
    (tie,) = cross_border(store)
    assert {tie.country_a, tie.country_b} == {"Morocco", "Egypt"}
    # the map: its country filter and what its panel shows
    assert "org:atlas" in subgraph(G, country="Morocco")
    data = _map_data(render_map(G, tmp_path / "m.html"))
    assert data["nodes"]["org:atlas"]["country"] == "Morocco"
    assert "Morocco" in data["countries"]
    view = full_view(store)
    for n in G:
        assert data["nodes"][n]["country"] == view.country(n), n


def test_sectors_are_read_by_one_rule(embedded_store, tmp_path):
    from ecograph.facts import country_of, sectors_of  # here: the test above also runs on older code
    store = _store(embedded_store)
    G = store.to_networkx()
    assert country_of(G, "org:atlas") == "Morocco"
    assert sectors_of(G, "org:atlas") == ["Agri-food", "mechatronics"]  # case-insensitive order
    (hit,) = search(store, "Atlas Cluster", limit=1)
    assert hit.sectors == "Agri-food; mechatronics"
    data = _map_data(render_map(G, tmp_path / "m.html"))
    assert data["nodes"]["org:atlas"]["sectors"] == ["Agri-food", "mechatronics"]
