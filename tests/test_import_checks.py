"""Import refuses bad exchange files before writing anything, the same way on both stores;
exports carry hostile names (control characters included) in every format; forget
leaves no entity that no document supports. Each case broke before (issue 15)."""
from __future__ import annotations

import copy
import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from ecograph.cli import cli
from ecograph.exchange import InvalidExchange, validate
from ecograph.visualizations import exports

SENT = "Alpha partners with Beta."


def good() -> dict:
    """A small valid exchange file: two documents, three entities, two relations."""
    ev = {"document": "doc:1", "sentence": SENT, "start": 0, "end": len(SENT), "method": "m", "confidence": 0.8}
    return {
        "schema_version": 1,
        "documents": [{"id": "doc:1", "source": "a.txt", "title": "A", "language": "en"},
                      {"id": "doc:2", "source": "b.txt", "title": "B", "language": "en"}],
        "entities": [
            {"id": "org:alpha", "label": "Organisation", "name": "Alpha", "kind": "cluster",
             "aliases": [], "mentions": [{"document": "doc:1", "count": 1}]},
            {"id": "org:beta", "label": "Organisation", "name": "Beta", "aliases": [],
             "mentions": [{"document": "doc:1", "count": 1}, {"document": "doc:2", "count": 2}]},
            # mentioned nowhere: only the FUNDS relation (evidence in doc:2) ties it to a document
            {"id": "org:gamma", "label": "Organisation", "name": "Gamma", "aliases": [], "mentions": []},
        ],
        "relations": [
            {"type": "PARTNERS_WITH", "source": "org:alpha", "target": "org:beta", "evidence": [ev]},
            {"type": "FUNDS", "source": "org:gamma", "target": "org:beta",
             "evidence": [{**ev, "document": "doc:2", "confidence": 0.6}]},
        ],
    }


@pytest.fixture(params=["embedded", "neo4j"])
def store_url(request, tmp_path):
    if request.param == "embedded":
        return str(tmp_path / "store")
    request.getfixturevalue("neo4j_store")  # cleared before and after
    return request.getfixturevalue("neo4j_url")


def run(url, *args, input=None):
    return CliRunner().invoke(cli, ["--store", url, *args], input=input, catch_exceptions=False)


def import_data(url, tmp_path, data):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return run(url, "import", str(path))


def stored(url):
    from ecograph.store import open_store
    with open_store(url) as s:
        return s.export()


BAD = {
    "name is a number": (lambda d: d["entities"][0].update(name=42), ["org:alpha", "name", "42"]),
    "name is null": (lambda d: d["entities"][1].update(name=None), ["org:beta", "name", "null"]),
    "label outside the schema": (lambda d: d["entities"][0].update(label="Spaceship"), ["org:alpha", "label", "Spaceship"]),
    "Document as an entity label": (lambda d: d["entities"][0].update(label="Document"), ["org:alpha", "label"]),
    "relation type outside the schema": (lambda d: d["relations"][0].update(type="LOVES"), ["LOVES", "type"]),
    "duplicate entity id": (lambda d: d["entities"].append({**d["entities"][0], "label": "Place", "kind": "city"}),
                            ["org:alpha", "twice"]),
    "relation without evidence": (lambda d: d["relations"][0].update(evidence=[]), ["PARTNERS_WITH", "evidence"]),
    "relation with no evidence key": (lambda d: d["relations"][1].pop("evidence"), ["FUNDS", "evidence"]),
    "evidence citing a missing document": (lambda d: d["relations"][0]["evidence"][0].update(document="doc:nope"),
                                           ["PARTNERS_WITH", "doc:nope"]),
    "negative span": (lambda d: d["relations"][0]["evidence"][0].update(start=-5), ["impossible span", "-5"]),
    "end before start": (lambda d: d["relations"][0]["evidence"][0].update(start=30, end=2), ["impossible span"]),
    "confidence 7.5": (lambda d: d["relations"][0]["evidence"][0].update(confidence=7.5), ["confidence", "7.5"]),
    "confidence NaN": (lambda d: d["relations"][0]["evidence"][0].update(confidence=float("nan")), ["confidence"]),
    "mention of a missing document": (lambda d: d["entities"][0]["mentions"].append({"document": "doc:x", "count": 1}),
                                      ["org:alpha", "mentions", "doc:x"]),
    "kind outside the schema": (lambda d: d["entities"][0].update(kind="spaceport"), ["org:alpha", "kind"]),
    "founded is text": (lambda d: d["entities"][0].update(founded="2010"), ["org:alpha", "founded"]),
    "aliases not a list": (lambda d: d["entities"][0].update(aliases="A"), ["org:alpha", "aliases"]),
    "relation between labels SCHEMA forbids": (
        lambda d: d["entities"].append({"id": "place:x", "label": "Place", "name": "X", "kind": "city",
                                        "mentions": [{"document": "doc:1", "count": 1}]})
        or d["relations"].append({**d["relations"][0], "type": "MEMBER_OF", "target": "place:x"}),
        ["MEMBER_OF", "Place"]),
    "same relation twice": (lambda d: d["relations"].append({**d["relations"][0], "source": "org:beta", "target": "org:alpha"}),
                            ["same relation"]),
    "entity with nothing supporting it": (
        lambda d: d["entities"].append({"id": "org:lone", "label": "Organisation", "name": "Lone", "mentions": []}),
        ["org:lone", "no document"]),
    "document id is a number": (lambda d: d["documents"][0].update(id=7), ["documents[0]", "id"]),
    "lone surrogate": (lambda d: d["entities"][0].update(name="A\ud800"), ["entities[0].name", "Unicode"]),
    "entities missing": (lambda d: d.pop("entities"), ["entities", "list"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_import_refuses_a_bad_file_naming_what_and_where_and_writes_nothing(store_url, tmp_path, case):
    change, words = BAD[case]
    data = good()
    change(data)
    r = import_data(store_url, tmp_path, data)
    assert r.exit_code == 1, r.output
    assert "not a valid exchange file" in r.output and "Traceback" not in r.output
    for w in words:
        assert w in r.output, (w, r.output)
    assert stored(store_url)["entities"] == []  # nothing was written
    assert import_data(store_url, tmp_path, good()).exit_code == 0  # and the good file still goes in


def test_both_stores_refuse_bad_data_through_the_library_too(store):
    data = good()
    data["entities"][0]["label"] = "Spaceship"  # Neo4j refused this before, the embedded store did not
    with pytest.raises(InvalidExchange, match="Spaceship"):
        store.load(data)
    assert store.entities() == []


def test_span_length_mismatch_is_only_a_warning(store_url, tmp_path):
    data = good()
    data["relations"][0]["evidence"][0]["end"] = 5  # a shortened sentence: odd, but loads
    assert validate(copy.deepcopy(data)) and "5" in validate(copy.deepcopy(data))[0]
    r = import_data(store_url, tmp_path, data)
    assert r.exit_code == 0 and "warning:" in r.output and "sentence has 25 characters" in r.output


def test_deeply_nested_json_is_a_clean_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    r = run(str(tmp_path / "s"), "import", str(path))
    assert r.exit_code == 1 and "nested too deeply" in r.output and "Traceback" not in r.output


def test_forget_every_document_leaves_nothing_and_import_works_again(store_url, tmp_path):
    assert import_data(store_url, tmp_path, good()).exit_code == 0
    for source in ("a.txt", "b.txt"):
        assert run(store_url, "forget", source).exit_code == 0
    left = stored(store_url)
    assert left["entities"] == [] and left["relations"] == [] and left["documents"] == []
    r = import_data(store_url, tmp_path, good())
    assert r.exit_code == 0, r.output


def test_forget_drops_an_unmentioned_entity_with_its_last_relation(store):
    store.load(good())
    store.forget("doc:2")  # FUNDS gamma -> beta rested on doc:2 only; nothing mentions gamma
    assert {e.id for e in store.entities()} == {"org:alpha", "org:beta"}
    assert [r.type for r in store.relations()] == ["PARTNERS_WITH"]


# --- exports of hostile names ---------------------------------------------------------

HOSTILE_NAMES = ["ctl\x01\x02\x1f end", "nul\x00byte", "vt\x0bff\x0c", "cr\r\nlf", "<tag a='1'>&amp;</tag>",
                 "]]> cdata", "=cmd|'/c calc'!A1", "\ufffe\uffff", "emoji 🚀 \u202e rtl"]


def hostile() -> dict:
    data = good()
    for i, name in enumerate(HOSTILE_NAMES):
        data["entities"].append({"id": f"org:h{i}\x01", "label": "Organisation", "name": name,
                                 "aliases": [name + " alias"], "country": name,
                                 "mentions": [{"document": "doc:1", "count": 1}]})
        sentence = f"{name} works with Alpha"
        data["relations"].append({"type": "MEMBER_OF", "source": f"org:h{i}\x01", "target": "org:alpha",
                                  "evidence": [{"document": "doc:1", "sentence": sentence, "start": 0,
                                                "end": len(sentence), "method": "m\x07", "confidence": 0.5}]})
    data["documents"][0]["source"] = "src\x1b[31m.txt"
    return data


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_hostile_names_survive_every_export_format(store_url, tmp_path, fmt):
    data = hostile()
    assert import_data(store_url, tmp_path, data).exit_code == 0
    out = tmp_path / f"g.{fmt}"
    r = run(store_url, "export", "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.output
    names = {e["id"]: e["name"] for e in data["entities"]}
    if fmt == "json":
        back = json.loads(out.read_text(encoding="utf-8"))
        assert {e["id"]: e["name"] for e in back["entities"]} == names
    elif fmt in ("graphml", "gexf"):
        etree.parse(str(out), etree.XMLParser(recover=False))  # well-formed, or this raises
        R = nx.read_graphml(out, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(out)
        got = {n: a["label"] for n, a in R.nodes(data=True)}
        assert got == {exports.xml_text(i): exports.xml_text(n) for i, n in names.items()}
        assert R.number_of_edges() == len(data["relations"])
    else:
        with open(tmp_path / "g-nodes.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        got = {row["ID"]: row["Label"] for row in rows}
        assert got == {exports._cell(i): exports._cell(n) for i, n in names.items()}  # one line, defused
        assert got["org:h6\x01"].startswith("'=")


def test_xml_text_keeps_what_xml_can_hold():
    assert exports.xml_text("a\tb\nc") == "a\tb\nc"
    assert exports.xml_text("a\x00b\x1fc\r\nd\re") == "a\ufffdb\ufffdc\nd\ne"
    assert exports.xml_text("é🚀\u202e") == "é🚀\u202e"


# --- maps past a stated size ----------------------------------------------------------

def many(n: int) -> dict:
    data = good()
    for i in range(n):
        data["entities"].append({"id": f"org:n{i}", "label": "Organisation", "name": f"Node {i}",
                                 "mentions": [{"document": "doc:1", "count": 1}]})
    return data


def test_a_map_past_the_node_limit_is_refused_unless_forced(tmp_path, monkeypatch):
    url = str(tmp_path / "store")
    assert import_data(url, tmp_path, many(30)).exit_code == 0
    monkeypatch.setenv("ECOGRAPH_MAP_MAX_NODES", "20")
    out = tmp_path / "m.html"
    r = run(url, "map", "-o", str(out))
    assert r.exit_code == 1 and "33 nodes" in r.output and "--focus" in r.output and not out.exists()
    assert run(url, "map", "-o", str(out), "--focus", "Alpha").exit_code == 0 and out.exists()
    out.unlink()
    assert run(url, "map", "-o", str(out), "--force").exit_code == 0 and out.exists()
