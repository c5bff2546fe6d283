"""Entity attributes are kept per document (issue 7), on both stores.

An entity's name, aliases, kind, country and founding year are folded from what each
document says, in the order the documents were added; forgetting or replacing a document
folds them again from the documents that remain. So after any history of adds, replaces
and forgets a store equals a fresh store given the remaining documents in their order,
and the exchange export keeps SCHEMA.md's shape (the records stay inside the store).
"""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ecograph.curation import Curation
from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.store import exchange as base
from ecograph.store.embedded import EmbeddedStore

ENTITY_KEYS = {"id", "label", "name", "kind", "aliases", "country", "founded", "mentions"}


def _doc(n: int, source: str | None = None) -> Document:
    return Document(id=f"doc:{n:04d}", source=source or f"src/{n}.txt", title=f"d{n}", language="en",
                    ingested_at="2024-01-01T00:00:00+00:00")


def _org(doc: Document, name: str = "Orion", count: int = 1, **kw) -> Entity:
    return Entity(id="org:orion", label="Organisation", name=name, mentions={doc.id: count}, **kw)


def _other(doc: Document) -> Entity:
    return Entity(id="org:bank", label="Organisation", name="Northern Bank", kind="funder",
                  mentions={doc.id: 1})


def _funds(doc: Document, start: int = 0) -> Relation:
    s = "Northern Bank funds Orion."
    return Relation("FUNDS", "org:bank", "org:orion",
                    [Evidence(doc.id, s, start, start + len(s), "test", 0.9)])


def _x(n: int, source: str | None = None, **orion) -> Extraction:
    d = _doc(n, source)
    return Extraction(d, [_org(d, **orion), _other(d)], [_funds(d, n)])


def _orion(store) -> tuple:
    e = store.entity("org:orion")
    return (e.name, e.kind, e.aliases, e.country, e.founded) if e else None


def _fresh(tmp_path, extractions, name="fresh") -> dict:
    with EmbeddedStore(tmp_path / name, writable=True) as s:
        for x in extractions:
            s.add(copy.deepcopy(x))
        return s.export()


# --- forget restores what the remaining documents say --------------------------------

def test_forget_restores_the_attributes_of_the_remaining_documents(store, tmp_path):
    x1 = _x(1, kind="cluster", aliases=["OMC", "Orion Cluster"], country="Morocco", founded=2014)
    x2 = _x(2, kind="other", aliases=["ORION"], country="Tunisia")
    x3 = _x(3, kind="company", aliases=["OMC"], founded=2016)
    for x in (x1, x2, x3):
        store.add(copy.deepcopy(x))
    assert _orion(store) == ("Orion", "cluster", ["OMC", "ORION", "Orion Cluster"], "Morocco", 2014)

    store.forget(x1.document.id)
    # "other" gives way to the first specific kind; the first known country and year
    assert _orion(store) == ("Orion", "company", ["OMC", "ORION"], "Tunisia", 2016)
    assert store.export() == _fresh(tmp_path, [x2, x3], "a")

    store.forget(x3.document.id)
    assert _orion(store) == ("Orion", "other", ["ORION"], "Tunisia", None)
    assert store.export() == _fresh(tmp_path, [x2], "b")


def test_forgetting_the_first_document_lets_the_next_name_lead(store, tmp_path):
    """Ids never change; the name is the first remaining document's (the resolver gives
    every later document the stored name anyway, so this only shows with hand-made data)."""
    x1 = _x(1, name="Orion Mechatronics", aliases=["OMC"])
    x2 = _x(2, name="Orion Cluster")
    store.add(copy.deepcopy(x1))
    store.add(copy.deepcopy(x2))
    assert _orion(store)[:3] == ("Orion Mechatronics", None, ["OMC", "Orion Cluster"])
    store.forget(x1.document.id)
    assert _orion(store)[:3] == ("Orion Cluster", None, [])
    assert store.entity("org:orion").id == "org:orion"
    assert store.export() == _fresh(tmp_path, [x2])


def test_a_changed_file_drops_the_old_versions_attributes_and_keeps_its_place(store, tmp_path):
    x1 = _x(1, kind="cluster", aliases=["OMC"], country="Morocco")
    x2 = _x(2, kind="company", aliases=["Orion SA"], country="Tunisia")
    store.add(copy.deepcopy(x1))
    store.add(copy.deepcopy(x2))
    # src/1.txt edited: new text (new id), new aliases, no country; it stays first in the fold
    x1b = _x(11, source="src/1.txt", kind="research", aliases=["Orion Lab"])
    store.add(copy.deepcopy(x1b))
    assert [d.id for d in store.documents()] == ["doc:0002", "doc:0011"]
    assert _orion(store) == ("Orion", "research", ["Orion Lab", "Orion SA"], "Tunisia", None)
    assert store.export() == _fresh(tmp_path, [x1b, x2])


def test_reingesting_in_another_order_changes_nothing(store):
    """Re-adding a document (same id: `ingest --force`) keeps its place in the fold."""
    xs = [_x(1, kind="cluster", country="Morocco"), _x(2, kind="company", country="Tunisia", aliases=["B"]),
          _x(3, kind="other", aliases=["C"])]
    for x in xs:
        store.add(copy.deepcopy(x))
    before = store.export()
    for x in reversed(xs):
        store.add(copy.deepcopy(x))
    assert store.export() == before


def test_an_entity_only_a_relation_keeps_keeps_its_last_description(store):
    """A relation may name an entity its document does not list; when the entity's last
    describing document goes, the entity stays (the relation needs it) as it was."""
    d1, d2 = _doc(1), _doc(2)
    store.add(Extraction(d1, [_org(d1, kind="cluster", aliases=["OMC"]), _other(d1)], []))
    store.add(Extraction(d2, [_other(d2)], [_funds(d2)]))  # Orion not listed by d2
    store.forget(d1.id)
    e = store.entity("org:orion")
    assert (e.kind, e.aliases, e.mentions) == ("cluster", ["OMC"], {})
    d3 = _doc(3)
    store.add(Extraction(d3, [_org(d3, kind="company", aliases=["Orion SA"])], []))
    store.forget(d3.id)  # back to the kept description, not to nothing
    e = store.entity("org:orion")
    assert (e.kind, e.aliases, e.mentions) == ("cluster", ["OMC"], {})


def test_export_keeps_the_schema_shape(store):
    store.add(_x(1, kind="cluster", aliases=["OMC"]))
    store.add(_x(2, kind="company", aliases=["Orion SA"], country="Tunisia"))
    data = store.export()
    assert set(data) == {"schema_version", "entities", "relations", "documents"}
    for e in data["entities"]:
        assert set(e) <= ENTITY_KEYS
    assert base.PROVENANCE not in json.dumps(data)


# --- files, loads, older data ---------------------------------------------------------

def test_the_embedded_file_keeps_the_records(tmp_path):
    path = tmp_path / "store"
    with EmbeddedStore(path, writable=True) as s:
        s.add(_x(1, kind="cluster", aliases=["OMC"], country="Morocco"))
        s.add(_x(2, kind="company", aliases=["Orion SA"]))
    raw = json.loads((path / "graph.json").read_text(encoding="utf-8"))
    assert raw[base.PROVENANCE]["order"] == ["doc:0001", "doc:0002"]
    assert list(raw[base.PROVENANCE]["records"]) == ["org:orion"]  # the bank needs no record
    with EmbeddedStore(path, writable=True) as s:
        assert {k: v for k, v in raw.items() if k != base.PROVENANCE} == s.export()
        s.forget("doc:0001")
        assert _orion(s) == ("Orion", "company", ["Orion SA"], None, None)


def _legacy(tmp_path) -> dict:
    """What an older version wrote: the exchange dict only."""
    with EmbeddedStore(tmp_path / "old", writable=True) as s:
        s.add(_x(1, kind="cluster", aliases=["OMC"], country="Morocco"))
        s.add(_x(2, kind="company", aliases=["Orion SA"]))
        s.add(_x(3))
        return s.export()


def test_an_older_file_loads_and_keeps_its_attributes_while_a_document_remains(tmp_path):
    data = _legacy(tmp_path)
    path = tmp_path / "store"
    path.mkdir()
    (path / "graph.json").write_text(json.dumps(data), encoding="utf-8")
    with EmbeddedStore(path, writable=True) as s:
        assert s.export() == data
        s.forget("doc:0001")  # unknown provenance: every mentioning document gave everything
        assert _orion(s) == ("Orion", "cluster", ["OMC", "Orion SA"], "Morocco", None)
        s.add(_x(4, kind="research", aliases=["Orion Lab"], founded=2001))
        s.forget("doc:0004")  # but what is added from now on is kept per document
        assert _orion(s) == ("Orion", "cluster", ["OMC", "Orion SA"], "Morocco", None)


def test_load_accepts_older_exports_and_files_with_records(store, tmp_path):
    data = _legacy(tmp_path)
    store.load(copy.deepcopy(data))
    assert store.export() == data
    store.forget("doc:0002")
    assert _orion(store) == ("Orion", "cluster", ["OMC", "Orion SA"], "Morocco", None)

    path = tmp_path / "with-records"
    with EmbeddedStore(path, writable=True) as s:
        s.add(_x(1, kind="cluster", aliases=["OMC"], country="Morocco"))
        s.add(_x(2, kind="company", aliases=["Orion SA"]))
    store.load(json.loads((path / "graph.json").read_text(encoding="utf-8")))  # a store file, records and all
    store.forget("doc:0001")
    assert _orion(store) == ("Orion", "company", ["Orion SA"], None, None)


def test_records_at_odds_with_the_entity_are_ignored(store, tmp_path):
    """A hand-edited file: the entity's attributes win over records that no longer fold to them."""
    path = tmp_path / "edited"
    with EmbeddedStore(path, writable=True) as s:
        s.add(_x(1, kind="cluster", aliases=["OMC"]))
        s.add(_x(2, kind="company", aliases=["Orion SA"]))
    data = json.loads((path / "graph.json").read_text(encoding="utf-8"))
    orion = next(e for e in data["entities"] if e["id"] == "org:orion")
    orion["kind"] = "research"
    store.load(data)
    assert store.entity("org:orion").kind == "research"
    store.forget("doc:0002")
    assert _orion(store)[:3] == ("Orion", "research", ["OMC", "Orion SA"])


def test_curation_still_applies_to_a_store_with_records(store, tmp_path):
    d1, d2 = _doc(1), _doc(2)
    vega = lambda d: Entity("org:vega", "Organisation", "Vega", kind="cluster", mentions={d.id: 1})  # noqa: E731
    store.add(Extraction(d1, [_org(d1, kind="cluster", aliases=["OMC"]), vega(d1)], []))
    store.add(Extraction(d2, [_org(d2, kind="company"), _other(d2)], [_funds(d2)]))
    cur = Curation(path=tmp_path / "curation.json")
    cur.merge("org:vega", "org:orion", "same cluster")
    cur.apply_to_store(store)
    assert store.entity("org:vega") is None
    assert store.entity("org:orion").aliases == ["OMC", "Vega"]
    store.forget(d2.id)
    assert store.entity("org:orion").mentions == {d1.id: 2}
    assert store.relations() == []


# --- any history equals a fresh store given what remains --------------------------------

_NAMES = ["Orion", "ORION", "Orion Cluster"]


@st.composite
def _history_step(draw):
    if draw(st.integers(0, 3)) == 0:
        return ("forget", f"doc:{draw(st.integers(0, 5)):04d}")
    n = draw(st.integers(0, 5))
    d = _doc(n, f"src/{draw(st.integers(0, 3))}.txt")  # shared sources: replace by source
    ents = []
    for eid in draw(st.lists(st.sampled_from(["org:a", "org:b", "org:c"]), min_size=1, max_size=3, unique=True)):
        for _ in range(draw(st.integers(1, 2))):  # an id twice in one document folds in order
            ents.append(Entity(eid, "Organisation", draw(st.sampled_from(_NAMES)),
                               kind=draw(st.sampled_from([None, "other", "cluster", "company"])),
                               aliases=draw(st.lists(st.sampled_from(["x", "y", "Orion"]), max_size=2, unique=True)),
                               country=draw(st.sampled_from([None, "Morocco", "Tunisia"])),
                               founded=draw(st.sampled_from([None, 2001, 2010])),
                               mentions={d.id: draw(st.integers(1, 3))}))
    ids = sorted({e.id for e in ents})
    rels = [Relation("PARTNERS_WITH", a, b, [Evidence(d.id, "s", 0, 1, "m", 0.5)])
            for a, b in zip(ids, ids[1:])]
    return ("add", Extraction(d, ents, rels))


def _replay(ops) -> list[Extraction]:
    """The documents a history leaves, in their fold order, by the rules of store.merge."""
    live: list[Extraction] = []
    for op, arg in ops:
        if op == "forget":
            live = [x for x in live if x.document.id != arg]
            continue
        gone = [i for i, x in enumerate(live)
                if x.document.source == arg.document.source or x.document.id == arg.document.id]
        live = [x for i, x in enumerate(live) if i not in gone]
        live.insert(min(gone) if gone else len(live), arg)
    return live


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(_history_step(), min_size=1, max_size=8))
def test_any_history_equals_a_fresh_store_of_what_remains(store, tmp_path_factory, ops):
    store.clear()
    for op, arg in ops:
        if op == "forget":
            store.forget(arg)
        else:
            store.add(copy.deepcopy(arg))
    with EmbeddedStore(tmp_path_factory.mktemp("fresh"), writable=True) as fresh:
        for x in _replay(ops):
            fresh.add(copy.deepcopy(x))
        assert store.export() == fresh.export()


# --- Neo4j: data written before records were kept; relations naming no own entity ------

def test_forget_finds_evidence_on_relations_between_entities_the_document_does_not_list(store):
    d1, d2 = _doc(1), _doc(2)
    store.add(Extraction(d1, [_org(d1), _other(d1)], []))
    store.add(Extraction(d2, [], [_funds(d2)]))  # names two stored entities, lists neither
    assert [e.document for r in store.relations() for e in r.evidence] == [d2.id]
    store.forget(d2.id)
    assert store.relations() == []
    assert {e.id for e in store.entities()} == {"org:orion", "org:bank"}


@pytest.mark.neo4j
def test_a_neo4j_graph_written_by_an_older_version_keeps_working(neo4j_store, neo4j_url, tmp_path):
    """Older versions wrote no `seq` on documents and no record on MENTIONED_IN: such a
    mention stands for the entity's whole view (as then), and what is added now is kept
    per document."""
    import os
    from neo4j import GraphDatabase
    neo4j_store.load(_legacy(tmp_path))
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with GraphDatabase.driver(neo4j_url, auth=auth) as driver, driver.session() as s:
        s.run("MATCH (d:Document) REMOVE d.seq, d.loose").consume()
        s.run("MATCH ()-[m:MENTIONED_IN]->() REMOVE m.name, m.aliases, m.kind, m.country, m.founded").consume()
    before = _orion(neo4j_store)
    assert before == ("Orion", "cluster", ["OMC", "Orion SA"], "Morocco", None)
    neo4j_store.add(_x(4, kind="research", aliases=["Orion Lab"], founded=2001))
    assert _orion(neo4j_store) == ("Orion", "cluster", ["OMC", "Orion Lab", "Orion SA"], "Morocco", 2001)
    neo4j_store.forget("doc:0004")
    assert _orion(neo4j_store) == before
    neo4j_store.forget("doc:0001")  # evidence found by scanning: the document predates the flag
    assert _orion(neo4j_store) == before
    assert [e.document for r in neo4j_store.relations() for e in r.evidence] == ["doc:0002", "doc:0003"]
