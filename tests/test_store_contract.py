"""The GraphStore contract, run on both stores (the `store` fixture is parametrized
embedded + neo4j): whatever a researcher asks, both stores must answer the same."""
from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ecograph.errors import StoreError
from ecograph.model import Document, Entity, Evidence, Extraction, Relation

HOSTILE = "Ev'il \"Org\" `tick` {brace} '}) DETACH DELETE n //"


def ev(doc: str, sentence: str, start: int, method: str = "pattern", conf: float = 0.8) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence), method, conf)


def org(id_: str, name: str, doc: str, count: int = 1, **kw) -> Entity:
    return Entity(id_, "Organisation", name, mentions={doc: count}, **kw)


def prog(id_: str, name: str, doc: str, count: int = 1, **kw) -> Entity:
    return Entity(id_, "Programme", name, mentions={doc: count}, **kw)


def doc1() -> Extraction:
    d = "doc:one"
    return Extraction(
        Document(d, "corpus/one.txt", "One", "en", "2024-05-01T10:00:00Z"),
        [org("org:ce3m", "CE3M", d, 3, kind="cluster", country="Morocco", founded=2010),
         org("org:thales", "Thales", d, kind="company"),
         org("org:giz", "GIZ", d, kind="funder", aliases=["Deutsche Gesellschaft"]),
         prog("prog:tns", "THE NEXT SOCIETY", d, 2, kind="programme"),
         Entity("place:casablanca", "Place", "Casablanca", kind="city", mentions={d: 1})],
        [Relation("MEMBER_OF", "org:thales", "org:ce3m", [ev(d, "Thales is a member of CE3M.", 0)]),
         Relation("PARTNERS_WITH", "org:giz", "org:ce3m", [ev(d, "GIZ and CE3M signed a convention.", 30, conf=0.9)]),
         Relation("PARTICIPATES_IN", "org:ce3m", "prog:tns", [ev(d, "CE3M takes part in THE NEXT SOCIETY.", 70)]),
         Relation("FUNDS", "org:giz", "prog:tns", [ev(d, "THE NEXT SOCIETY is financed by GIZ.", 110, conf=0.7)]),
         Relation("LOCATED_IN", "org:ce3m", "place:casablanca", [ev(d, "CE3M, based in Casablanca.", 150)])])


def doc2() -> Extraction:
    d = "doc:two"
    return Extraction(
        Document(d, "corpus/two.txt", "Two", "fr", "2024-05-02T10:00:00Z"),
        [org("org:ce3m", "Cluster CE3M", d, kind="other"),
         org("org:giz", "GIZ", d, 2),
         org("org:anpme", "ANPME", d, kind="government"),
         prog("prog:tns", "THE NEXT SOCIETY", d)],
        [Relation("PARTNERS_WITH", "org:ce3m", "org:giz", [ev(d, "CE3M s'associe à la GIZ.", 5, "partner-verb", 0.6)]),
         Relation("SUPPORTS", "org:anpme", "org:ce3m", [ev(d, "L'ANPME accompagne CE3M.", 40)]),
         Relation("FUNDS", "org:giz", "prog:tns", [ev(d, "La GIZ finance THE NEXT SOCIETY.", 80)])])


def keys(rels) -> list[tuple]:
    return [r.key for r in rels]


def test_round_trip(store):
    store.add(doc1())
    ents = {e.id: e for e in store.entities()}
    assert sorted(ents) == ["org:ce3m", "org:giz", "org:thales", "place:casablanca", "prog:tns"]
    ce3m = ents["org:ce3m"]
    assert (ce3m.label, ce3m.name, ce3m.kind, ce3m.country, ce3m.founded) == \
        ("Organisation", "CE3M", "cluster", "Morocco", 2010)
    assert ce3m.mentions == {"doc:one": 3}
    assert ents["org:giz"].aliases == ["Deutsche Gesellschaft"]
    assert store.entity("prog:tns") == ents["prog:tns"]
    assert store.entity("org:nobody") is None
    assert [e.id for e in store.entities(label="Programme")] == ["prog:tns"]
    assert store.entities(label="Document") == []
    assert keys(store.relations()) == [
        ("FUNDS", "org:giz", "prog:tns"), ("LOCATED_IN", "org:ce3m", "place:casablanca"),
        ("MEMBER_OF", "org:thales", "org:ce3m"), ("PARTICIPATES_IN", "org:ce3m", "prog:tns"),
        ("PARTNERS_WITH", "org:ce3m", "org:giz")]
    [d] = store.documents()
    assert d.to_dict() == {"id": "doc:one", "source": "corpus/one.txt", "title": "One",
                           "language": "en", "ingested_at": "2024-05-01T10:00:00Z"}
    assert store.get_document("doc:one") == d
    assert store.document_by_source("corpus/one.txt") == d
    assert store.get_document("doc:none") is None and store.document_by_source("nowhere") is None


def test_merge_across_documents(store):
    store.add(doc1())
    store.add(doc2())
    ce3m = store.entity("org:ce3m")
    assert ce3m.name == "CE3M" and ce3m.kind == "cluster"  # first name stays, specific kind wins
    assert ce3m.aliases == ["Cluster CE3M"]
    assert ce3m.mentions == {"doc:one": 3, "doc:two": 1}
    [funds] = store.relations(type="FUNDS")
    assert [e.document for e in funds.evidence] == ["doc:one", "doc:two"]
    assert funds.confidence == 0.8


def test_re_add_is_idempotent(store):
    store.add(doc1())
    store.add(doc2())
    before = store.export()
    store.add(doc1())
    store.add(doc2())
    assert store.export() == before


def test_replace_on_same_source(store):
    store.add(doc1())
    store.add(doc2())
    d = "doc:one-v2"  # the file changed: new content hash, same source
    new = Extraction(Document(d, "corpus/one.txt", "One (edited)", "en", "2024-06-01T00:00:00Z"),
                     [org("org:ce3m", "CE3M", d), org("org:ocp", "OCP", d, kind="company")],
                     [Relation("SUPPORTS", "org:ocp", "org:ce3m", [ev(d, "OCP backs CE3M.", 0)])])
    store.add(new)
    assert [x.id for x in store.documents()] == ["doc:one-v2", "doc:two"]
    assert store.document_by_source("corpus/one.txt").title == "One (edited)"
    ids = {e.id for e in store.entities()}
    assert "org:thales" not in ids and "place:casablanca" not in ids  # only the old text knew them
    assert "org:ocp" in ids
    assert keys(store.relations()) == [
        ("FUNDS", "org:giz", "prog:tns"), ("PARTNERS_WITH", "org:ce3m", "org:giz"),
        ("SUPPORTS", "org:anpme", "org:ce3m"), ("SUPPORTS", "org:ocp", "org:ce3m")]
    [funds] = store.relations(type="FUNDS")
    assert {e.document for e in funds.evidence} == {"doc:two"}
    assert store.entity("org:ce3m").mentions == {"doc:one-v2": 1, "doc:two": 1}


def test_forget_keeps_what_other_documents_support(store):
    store.add(doc1())
    store.add(doc2())
    assert store.forget("doc:nothing") is False
    assert store.forget("doc:one") is True
    assert [d.id for d in store.documents()] == ["doc:two"]
    rels = {r.key: r for r in store.relations()}
    assert ("MEMBER_OF", "org:thales", "org:ce3m") not in rels      # only doc:one said it
    pw = rels[("PARTNERS_WITH", "org:ce3m", "org:giz")]             # doc:two says it too
    assert [e.document for e in pw.evidence] == ["doc:two"]
    assert store.entity("org:thales") is None
    assert store.entity("org:ce3m").mentions == {"doc:two": 1}
    assert store.forget("doc:two") is True
    assert store.relations() == [] and store.entities() == [] and store.documents() == []


def test_relations_by_type_and_direction(store):
    store.add(doc1())
    store.add(doc2())
    assert keys(store.relations(type="SUPPORTS")) == [("SUPPORTS", "org:anpme", "org:ce3m")]
    assert keys(store.relations(source="org:giz")) == [("FUNDS", "org:giz", "prog:tns")]
    assert keys(store.relations(target="org:ce3m")) == [
        ("MEMBER_OF", "org:thales", "org:ce3m"), ("SUPPORTS", "org:anpme", "org:ce3m")]
    assert keys(store.relations(source="org:ce3m", type="PARTICIPATES_IN")) == [
        ("PARTICIPATES_IN", "org:ce3m", "prog:tns")]
    assert keys(store.relations(source="org:ce3m", target="org:giz")) == [
        ("PARTNERS_WITH", "org:ce3m", "org:giz")]
    assert store.relations(source="org:nobody") == []
    assert store.relations(target="org:nobody") == []
    assert store.relations(type="NOT_A_TYPE") == []
    assert store.relations(type="MENTIONED_IN") == []


def test_partners_with_stored_once(store):
    store.add(doc1())  # GIZ -> CE3M
    store.add(doc2())  # CE3M -> GIZ
    pw = store.relations(type="PARTNERS_WITH")
    assert keys(pw) == [("PARTNERS_WITH", "org:ce3m", "org:giz")]
    assert [(e.document, e.method) for e in pw[0].evidence] == [("doc:one", "pattern"), ("doc:two", "partner-verb")]
    assert store.relations(source="org:giz", type="PARTNERS_WITH") == []


def test_evidence_kept_exactly(store):
    d = "doc:ev"
    text = "Préambule.\n«CE3M» et l'ANPME — partenaires depuis 2015 ; voir p. 3\t(annexe)."
    sentence = text[11:]
    evidence = [Evidence(d, sentence, 11, len(text), "pattern", 0.123456789),
                Evidence(d, sentence, 11, len(text), "table-row", 1.0),
                Evidence(d, "Préambule.", 0, 10, "list", 0.5)]
    store.add(Extraction(Document(d, "ev.txt", "", "fr"),
                         [org("org:ce3m", "CE3M", d), org("org:anpme", "ANPME", d)],
                         [Relation("PARTNERS_WITH", "org:anpme", "org:ce3m", list(evidence))]))
    [r] = store.relations()
    assert r.evidence == sorted(evidence, key=lambda e: (e.document, e.start, e.end, e.method))
    assert r.evidence[1].sentence == sentence and r.confidence == 1.0


def test_export_load_round_trip(store):
    store.add(doc1())
    store.add(doc2())
    data = store.export()
    assert data["schema_version"] == 1
    store.clear()
    assert store.export() == {"schema_version": 1, "entities": [], "relations": [], "documents": []}
    store.load(copy.deepcopy(data))
    assert store.export() == data
    store.load(copy.deepcopy(data))  # load replaces, it does not add
    assert store.export() == data


def test_load_rejects_bad_data(store):
    with pytest.raises(StoreError):
        store.load({"schema_version": 2})
    bad = {"schema_version": 1, "documents": [], "entities": [],
           "relations": [{"type": "FUNDS", "source": "org:a", "target": "org:b", "evidence": []}]}
    with pytest.raises(StoreError):
        store.load(bad)


def test_hostile_names_round_trip(store):
    d = "doc:'}) DETACH DELETE n //"
    hostile_id = "org:" + HOSTILE
    ex = Extraction(
        Document(d, "corpus/`weird` {name}'.txt", HOSTILE, "en"),
        [org(hostile_id, HOSTILE, d, aliases=["a`b", "{x: 1}", "'})-[r]-() DELETE r //"], country="'; DROP"),
         org("org:plain", "Plain", d)],
        [Relation("SUPPORTS", hostile_id, "org:plain", [ev(d, HOSTILE, 0, method="m'`{}")])])
    store.add(ex)
    e = store.entity(hostile_id)
    assert e.name == HOSTILE and e.country == "'; DROP"
    assert e.aliases == sorted(["a`b", "{x: 1}", "'})-[r]-() DELETE r //"])
    [r] = store.relations(source=hostile_id)
    assert r.evidence[0].sentence == HOSTILE and r.evidence[0].method == "m'`{}"
    assert store.document_by_source("corpus/`weird` {name}'.txt").title == HOSTILE
    assert {x.id for x in store.entities()} == {hostile_id, "org:plain"}
    data = store.export()
    store.load(copy.deepcopy(data))
    assert store.export() == data
    assert store.forget(d) is True and store.entities() == []


def _graph_view(G):
    nodes = sorted((n, sorted(a.items(), key=lambda kv: kv[0])) for n, a in G.nodes(data=True))
    edges = sorted((u, v, k, sorted((kk, repr(vv)) for kk, vv in a.items()))
                   for u, v, k, a in G.edges(keys=True, data=True))
    return nodes, edges, G.graph


def test_to_networkx_same_in_both_stores(embedded_store, neo4j_store):
    for s in (embedded_store, neo4j_store):
        s.add(doc1())
        s.add(doc2())
        s.forget("doc:one")
        s.add(doc1())
    G1, G2 = embedded_store.to_networkx(), neo4j_store.to_networkx()
    assert G1.number_of_nodes() == 6 and G1.number_of_edges() == 6
    assert _graph_view(G1) == _graph_view(G2)
    assert embedded_store.export() == neo4j_store.export()


# --- both stores, random histories ----------------------------------------------

_IDS = [("org:a", "Organisation"), ("org:b", "Organisation"), ("org:c", "Organisation"),
        ("prog:x", "Programme"), ("prog:y", "Programme")]
_TYPES = [("PARTNERS_WITH", "Organisation", "Organisation"), ("MEMBER_OF", "Organisation", "Organisation"),
          ("RUNS", "Organisation", "Programme"), ("FUNDS", "Organisation", "Programme"),
          ("PART_OF", "Programme", "Programme")]


@st.composite
def _extraction(draw):
    n = draw(st.integers(0, 3))
    d = f"doc:{draw(st.integers(0, 4))}"
    source = f"src/{draw(st.integers(0, 2))}.txt"  # shared sources exercise replace-by-source
    chosen = draw(st.lists(st.sampled_from(_IDS), min_size=1, max_size=5, unique=True))
    ents = [Entity(i, lab, draw(st.sampled_from([i.upper(), i.title(), HOSTILE])),
                   kind=draw(st.sampled_from([None, "other", "cluster"])),
                   aliases=draw(st.lists(st.sampled_from(["x", "y'", "`z`"]), max_size=2, unique=True)),
                   mentions={d: draw(st.integers(1, 3))}) for i, lab in chosen]
    rels = []
    for t, sl, tl in _TYPES:
        srcs = [i for i, lab in chosen if lab == sl]
        tgts = [i for i, lab in chosen if lab == tl]
        if srcs and tgts and draw(st.booleans()):
            s, o = draw(st.sampled_from(srcs)), draw(st.sampled_from(tgts))
            rels.append(Relation(t, s, o, [ev(d, f"sentence {n}", 10 * n, draw(st.sampled_from(["a", "b"])),
                                              draw(st.sampled_from([0.5, 0.75, 1.0])))]))
    return Extraction(Document(d, source, "t", "en"), ents, rels)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(st.one_of(_extraction(), st.sampled_from([f"doc:{i}" for i in range(5)])),
                    min_size=1, max_size=6))
def test_random_histories_agree(embedded_store, neo4j_store, ops):
    embedded_store.clear()
    neo4j_store.clear()
    for op in ops:
        if isinstance(op, str):
            assert neo4j_store.forget(op) == embedded_store.forget(op)
        else:
            for s in (embedded_store, neo4j_store):
                s.add(copy.deepcopy(op))
    assert neo4j_store.export() == embedded_store.export()
    assert _graph_view(neo4j_store.to_networkx()) == _graph_view(embedded_store.to_networkx())


def test_both_stores_speak_both_protocols(store):
    from ecograph.store.protocol import GraphStore, LocalReads
    assert isinstance(store, GraphStore) and isinstance(store, LocalReads)
