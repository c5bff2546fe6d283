"""Exports: GraphML/GEXF read back by networkx without loss, Kumu CSV tables, and the
exchange JSON round trip through `ecograph export` / `ecograph import`."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from test_map import HOSTILE, build_example

from ecograph.cli import cli
from ecograph.model import Document, Entity, Evidence, Relation
from ecograph.store.embedded import EmbeddedStore
from ecograph.visualizations import exports


@pytest.fixture
def graph(embedded_store):
    build_example(embedded_store)
    return embedded_store.to_networkx()


@pytest.fixture
def store_dir(tmp_path):
    """A saved embedded store with the example graph, for the CLI."""
    path = tmp_path / "store"
    with EmbeddedStore(path, writable=True) as s:
        build_example(s)
    return path


def run(store, *args, input=None):
    return CliRunner().invoke(cli, ["--store", str(store), *args], input=input, catch_exceptions=False)


def test_flat_graph_is_typed_and_has_no_none_or_lists(graph):
    F = exports.flat_graph(graph)
    assert set(F) == set(graph) and F.number_of_edges() == graph.number_of_edges()
    for _, a in F.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) for v in a.values()), a
    for *_, a in F.edges(keys=True, data=True):
        assert all(isinstance(v, (str, int, float)) for v in a.values()), a
    baobab = F.nodes["org:baobab"]
    assert baobab == {"label": "Baobab Agritech Cluster", "type": "Organisation", "kind": "cluster",
                      "country": "Senegal", "founded": 2016, "aliases": "BAC", "mentions": 5}
    assert "founded" not in F.nodes["org:kora"]  # unknown: left out, never None
    funds = F.edges["org:nordic", "prog:savanna", "FUNDS"]
    assert funds["relation"] == "FUNDS" and funds["evidence"] == 1 and funds["confidence"] == 0.8
    assert funds["first_source"] == funds["last_source"] == "notes/baobab-profile.txt"
    assert funds["sentence"] == "The Green Savanna Programme is financed by the Nordic Development Fund."
    # evidence from two documents: first/last follow ingestion time
    two = exports.flat_graph(_two_document_graph())
    e = two.edges["org:a", "org:b", "PARTNERS_WITH"]
    assert (e["first_source"], e["last_source"], e["evidence"]) == ("old.txt", "new.txt", 2)


def _two_document_graph():
    from ecograph.store.exchange import build_networkx
    docs = [Document("doc:new", "new.txt", "", "en", "2024-09-01"),
            Document("doc:old", "old.txt", "", "en", "2023-01-01")]
    ents = [Entity("org:a", "Organisation", "A", "company"), Entity("org:b", "Organisation", "B", "company")]
    rel = Relation("PARTNERS_WITH", "org:a", "org:b",
                   [Evidence("doc:new", "A and B partner.", 0, 16, "p", 0.5),
                    Evidence("doc:old", "A works with B.", 0, 15, "p", 0.7)])
    return build_networkx(ents, [rel], docs)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip_with_networkx(graph, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    (exports.write_graphml if fmt == "graphml" else exports.write_gexf)(graph, path)
    if fmt == "graphml":
        R = nx.read_graphml(path, force_multigraph=True)
    else:
        R = nx.read_gexf(path)  # a MultiDiGraph: the example has two relations between one pair
    F = exports.flat_graph(graph)
    assert isinstance(R, nx.MultiDiGraph)
    assert dict(R.nodes(data=True)) == dict(F.nodes(data=True))
    want = {(u, v, k): a for u, v, k, a in F.edges(keys=True, data=True)}
    got = {}
    for u, v, k, a in R.edges(keys=True, data=True):
        a = {x: y for x, y in a.items() if x != "id"}  # GEXF's own edge id
        got[(u, v, k)] = a
    assert got == want
    assert isinstance(R.nodes["org:baobab"]["founded"], int)
    assert isinstance(R.edges["org:nordic", "prog:savanna", "FUNDS"]["confidence"], float)
    # Gephi's edge weight: the evidence count, a number
    assert all(isinstance(a["weight"], float) and a["weight"] == a["evidence"] >= 1
               for _, _, a in R.edges(data=True))
    text = path.read_text(encoding="utf-8")
    if fmt == "gexf":  # the GEXF edge's own weight attribute, which Gephi reads
        assert 'weight="1.0"' in text
    else:
        assert 'attr.name="weight" attr.type="double"' in text
    # hostile text survives as data
    assert {R.nodes[i]["label"] for i in HOSTILE} == set(HOSTILE.values())


def test_csv_tables_for_kumu(graph, tmp_path):
    nodes_path, edges_path = exports.write_csv(graph, tmp_path / "out" / "eco.csv")
    assert (nodes_path.name, edges_path.name) == ("eco-nodes.csv", "eco-edges.csv")
    with open(nodes_path, encoding="utf-8", newline="") as f:
        nodes = list(csv.reader(f))
    with open(edges_path, encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    # Kumu colours by Type: the kind; the entity class beside it
    assert nodes[0] == ["Label", "Type", "Class", "Country", "Founded", "Aliases", "ID"]
    assert list(edges[0].keys())[:7] == ["From", "To", "Type", "Direction", "Evidence", "Source", "Confidence"]
    assert list(edges[0].keys())[7:] == ["Title", "URL", "Published", "First seen", "Last seen", "Years"]
    rows = {r[6]: r for r in nodes[1:]}
    assert rows["org:baobab"] == ["Baobab Agritech Cluster", "cluster", "Organisation", "Senegal", "2016", "BAC", "org:baobab"]
    assert rows["prog:savanna"][1:3] == ["programme", "Programme"] and rows["place:dakar"][1:3] == ["city", "Place"]
    assert rows["sector:agri-food"][1:3] == ["sector", "Sector"]
    assert {e["Direction"] for e in edges if e["Type"] == "PARTNERS_WITH"} == {"mutual"}
    assert {e["Direction"] for e in edges if e["Type"] != "PARTNERS_WITH"} == {"directed"}
    assert rows["org:lagoon"][3] == "Côte d'Ivoire"
    funds = next(e for e in edges if e["Type"] == "FUNDS")
    assert {k: funds[k] for k in list(funds)[:7]} == {"From": "Nordic Development Fund", "To": "Green Savanna Programme", "Type": "FUNDS",
                     "Direction": "directed",
                     "Evidence": "The Green Savanna Programme is financed by the Nordic Development Fund.",
                     "Source": "notes/baobab-profile.txt", "Confidence": "0.800"}
    labels = {r[0] for r in nodes[1:]}
    for e in edges:
        assert e["From"] in labels and e["To"] in labels
    # a folder target gets nodes.csv and edges.csv inside
    folder = tmp_path / "kumu"
    folder.mkdir()
    assert exports.write_csv(graph, folder) == (folder / "nodes.csv", folder / "edges.csv")


def test_csv_uses_ids_when_names_collide_and_defuses_formulas(tmp_path):
    G = nx.MultiDiGraph()
    G.graph["documents"] = {}
    for i, name in (("org:ace-1", "ACE"), ("prog:ace", "ACE"), ("org:calc", "=HYPERLINK(\"x\")")):
        G.add_node(i, label="Organisation", name=name, kind=None, aliases=[], country=None,
                   founded=None, mentions={})
    ev = {"document": "doc:x", "sentence": "ACE, founded in\n2010,\r\n  is a member.", "start": 0, "end": 1,
          "method": "t", "confidence": 0.5}
    G.add_edge("org:calc", "org:ace-1", key="MEMBER_OF", type="MEMBER_OF", evidence=[ev], confidence=0.5)
    node_rows, edge_rows = exports.kumu_tables(G)
    assert edge_rows[1][:5] == ["'=HYPERLINK(\"x\")", "org:ace-1", "MEMBER_OF", "directed",
                                "ACE, founded in 2010, is a member."]  # evidence on one line
    assert ["'=HYPERLINK(\"x\")", "organisation", "Organisation", "", "", "", "org:calc"] in node_rows


def test_cli_json_export_import_export_is_identical(store_dir, tmp_path):
    first = run(store_dir, "export", "--format", "json", "-o", str(tmp_path / "a.json"))
    assert first.exit_code == 0, first.output
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    with EmbeddedStore(store_dir) as s:
        assert json.loads(text) == s.export()
    assert "Côte d'Ivoire" in text and text.endswith("\n") and '\n  "entities"' in text
    stdout = run(store_dir, "export")
    assert stdout.exit_code == 0 and stdout.stdout == text

    new_store = tmp_path / "fresh"
    imported = run(new_store, "import", str(tmp_path / "a.json"))
    assert imported.exit_code == 0, imported.output
    again = run(new_store, "export", "-o", str(tmp_path / "b.json"))
    assert again.exit_code == 0
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == text

    # importing into a store that holds data is refused, and nothing changes
    refused = run(new_store, "import", str(tmp_path / "a.json"))
    assert refused.exit_code == 1 and "empty store" in refused.output and "hint:" in refused.output
    # stdin works too
    piped = run(tmp_path / "fresh2", "import", "-", input=text)
    assert piped.exit_code == 0


def test_cli_import_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = run(tmp_path / "s", "import", str(bad))
    assert r.exit_code == 1 and "not JSON" in r.output
    bad.write_text('{"schema_version": 7}', encoding="utf-8")
    r = run(tmp_path / "s", "import", str(bad))
    assert r.exit_code == 1 and "schema_version" in r.output
    r = run(tmp_path / "s", "import", str(tmp_path / "missing.json"))
    assert r.exit_code == 2


def test_cli_graph_exports(store_dir, tmp_path):
    r = run(store_dir, "export", "--format", "graphml", "-o", "-")
    assert r.exit_code == 0
    R = nx.read_graphml(io.BytesIO(r.stdout_bytes), force_multigraph=True)
    assert R.nodes["org:baobab"]["label"] == "Baobab Agritech Cluster"
    r = run(store_dir, "export", "--format", "gexf", "-o", str(tmp_path / "g.gexf"))
    assert r.exit_code == 0 and "wrote" in r.stderr
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == R.number_of_nodes()
    r = run(store_dir, "export", "--format", "csv", "-o", str(tmp_path / "k.csv"))
    assert r.exit_code == 0 and (tmp_path / "k-nodes.csv").exists() and (tmp_path / "k-edges.csv").exists()
    r = run(store_dir, "export", "--format", "csv")
    assert r.exit_code == 2  # csv needs a file or folder
    r = run(store_dir, "export", "--format", "xml")
    assert r.exit_code == 2


def test_cli_map(store_dir, tmp_path):
    out = tmp_path / "m.html"
    r = run(store_dir, "map", "-o", str(out))
    assert r.exit_code == 0 and out.exists()
    assert r.stdout == "" and "nodes" in r.stderr
    r = run(store_dir, "map", "-o", str(out), "--focus", "nordic development fund", "--depth", "1")
    assert r.exit_code == 0 and "2 nodes, 1 edges" in r.stderr
    assert "ecograph: Nordic Development Fund" in out.read_text(encoding="utf-8")
    r = run(store_dir, "map", "-o", str(out), "--types", "partners_with", "--kind", "cluster,support,company",
            "--country", "Senegal", "--title", "Partners")
    assert r.exit_code == 0, r.output
    r = run(store_dir, "map", "-o", str(out), "--focus", "Zanzibar Space Agency")
    assert r.exit_code == 1 and "no entity matches" in r.output
    r = run(store_dir, "map", "-o", str(out), "--types", "LIKES")
    assert r.exit_code == 2 and "--types" in r.output
    r = run(store_dir, "map", "-o", str(out), "--kind", "spaceship")
    assert r.exit_code == 2
