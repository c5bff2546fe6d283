"""Issue 14: curation decisions (merge, set, reject, confirm) in the plain file, applied
record by record on both stores, re-applied at each ingest, and exact under `forget`."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.curation import Curation
from ecograph.errors import EcographError
from ecograph.ingest.pipeline import ingest
from ecograph.ingest.resolve import Resolver
from ecograph.model import Document, Entity, Evidence, Extraction, Relation


def _doc(n: int) -> Document:
    return Document(id=f"doc:{n:04d}", source=f"src/{n}.txt", title=f"d{n}", language="en",
                    ingested_at="2024-01-01T00:00:00+00:00")


def _ent(eid: str, name: str, d: Document, **kw) -> Entity:
    return Entity(eid, "Organisation", name, mentions={d.id: 1}, **kw)


def _rel(t: str, s: str, o: str, d: Document, conf: float = 0.9) -> Relation:
    text = "Orvalis and Orvalis Morocco work with Kelvo."
    return Relation(t, s, o, [Evidence(d.id, text, 0, len(text), "test", conf)])


def _two_docs(store):
    d1, d2 = _doc(1), _doc(2)
    store.add(Extraction(d1, [_ent("org:orvalis-cluster", "Orvalis Cluster", d1, kind="cluster", aliases=["OVC"]),
                              _ent("org:kelvo", "Kelvo", d1, kind="company")],
                         [_rel("MEMBER_OF", "org:kelvo", "org:orvalis-cluster", d1)]))
    store.add(Extraction(d2, [_ent("org:orvalis-morocco", "Orvalis Morocco", d2, kind="company",
                                   country="Morocco", aliases=["Orvalis Maroc"]),
                              _ent("org:kelvo", "Kelvo", d2, kind="company")],
                         [_rel("PARTNERS_WITH", "org:kelvo", "org:orvalis-morocco", d2, 0.5)]))
    return d1, d2


def test_forget_after_a_merge_removes_what_only_that_document_said(store, tmp_path):
    d1, d2 = _two_docs(store)
    cur = Curation(path=tmp_path / "curation.json")
    cur.merge("org:orvalis-morocco", "org:orvalis-cluster", "same cluster")
    cur.apply_to_store(store)
    e = store.entity("org:orvalis-cluster")
    assert store.entity("org:orvalis-morocco") is None
    assert e.name == "Orvalis Cluster" and e.kind == "cluster" and e.country == "Morocco"
    assert set(e.aliases) == {"OVC", "Orvalis Morocco", "Orvalis Maroc"}
    assert {r.type for r in store.relations()} == {"MEMBER_OF", "PARTNERS_WITH"}
    store.forget(d2.id)  # the only document that said "Orvalis Morocco", "Maroc" and the country
    e = store.entity("org:orvalis-cluster")
    assert (e.aliases, e.country, e.mentions) == (["OVC"], None, {d1.id: 1})
    assert [r.type for r in store.relations()] == ["MEMBER_OF"]


def test_set_fixes_name_kind_and_country_and_survives_forget(store, tmp_path):
    d1, d2 = _two_docs(store)
    cur = Curation(path=tmp_path / "curation.json")
    cur.set(store.entity("org:orvalis-morocco"), name="Orvalis Cluster Maroc", kind="cluster", country="Morocco")
    cur.apply_to_store(store)
    e = store.entity("org:orvalis-morocco")
    assert (e.name, e.kind, e.country) == ("Orvalis Cluster Maroc", "cluster", "Morocco")
    assert "Orvalis Morocco" in e.aliases
    store.forget(d1.id)  # another document goes: the decision stays
    e = store.entity("org:orvalis-morocco")
    assert (e.name, e.kind) == ("Orvalis Cluster Maroc", "cluster")


def test_set_refuses_a_kind_of_another_label(tmp_path):
    cur = Curation(path=tmp_path / "c.json")
    with pytest.raises(EcographError, match="not a kind of Organisation"):
        cur.set(Entity("org:x", "Organisation", "X"), kind="fund")
    with pytest.raises(EcographError, match="nothing to set"):
        cur.set(Entity("org:x", "Organisation", "X"))


def test_confirm_and_reject_replace_each_other_and_are_saved(tmp_path):
    cur = Curation(path=tmp_path / "c.json")
    cur.reject("PARTNERS_WITH", "org:b", "org:a")
    cur.confirm("PARTNERS_WITH", "org:a", "org:b")
    assert cur.rejects == [] and cur.confirmed == {("PARTNERS_WITH", "org:a", "org:b")}
    cur.set(Entity("org:a", "Organisation", "A"), kind="cluster")
    cur.save()
    again = Curation.load(tmp_path / "c.json")
    assert again.confirmed == cur.confirmed and again.sets[0]["kind"] == "cluster"
    assert set(json.loads((tmp_path / "c.json").read_text())) == {"merges", "splits", "sets", "rejects", "confirms"}


def test_decisions_are_reapplied_at_each_ingest(tmp_path):
    """A rebuild from the documents with the curation file gives the curated graph again."""
    from ecograph.store.embedded import EmbeddedStore
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The Orvalis Cluster was founded in Tangier. Kelvo is a member of the Orvalis Cluster.\n",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("Kelvo Agency works with the Brevia Network.\n", encoding="utf-8")
    cur = Curation(path=tmp_path / "curation.json")
    with EmbeddedStore(tmp_path / "one", writable=True) as s:
        ingest(s, [corpus], resolver=Resolver.for_store(s, curation=cur))
        names = {e.name: e for e in s.entities()}
    assert "Orvalis Cluster" in names and "Brevia Network" in names
    cur.merge(names["Brevia Network"].id, names["Orvalis Cluster"].id)
    cur.set(names["Orvalis Cluster"], name="Orvalis", kind="cluster", country="Morocco")
    with EmbeddedStore(tmp_path / "two", writable=True) as s:
        ingest(s, [corpus], resolver=Resolver.for_store(s, curation=cur))
        e = s.entity(names["Orvalis Cluster"].id)
        assert s.entity(names["Brevia Network"].id) is None
    assert (e.name, e.kind, e.country) == ("Orvalis", "cluster", "Morocco")
    assert {"Orvalis Cluster", "Brevia Network"} <= set(e.aliases)


def test_cli_set_confirm_review(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kelvo is a member of the Orvalis Cluster. Kelvo works with Brevia Labs.\n",
                                  encoding="utf-8")
    st = str(tmp_path / "store")
    run = CliRunner().invoke
    assert run(cli, ["--store", st, "ingest", str(corpus)]).exit_code == 0
    r = run(cli, ["--store", st, "set", "Orvalis Cluster", "--kind", "association", "--country", "Morocco"])
    assert r.exit_code == 0, r.output
    r = run(cli, ["--store", st, "search", "Orvalis", "--json"])
    row = next(x for x in json.loads(r.stdout) if x["name"] == "Orvalis Cluster")
    assert row["kind"] == "association"
    r = run(cli, ["--store", st, "confirm", "Kelvo", "MEMBER_OF", "Orvalis Cluster"])
    assert r.exit_code == 0, r.output
    r = run(cli, ["--store", st, "confirm", "Kelvo", "FUNDS", "Orvalis Cluster"])
    assert r.exit_code != 0 and "no FUNDS edge" in r.output
    r = run(cli, ["--store", st, "set", "Orvalis Cluster", "--kind", "fund"])
    assert r.exit_code != 0 and "not a kind of Organisation" in r.output
    data = json.loads((tmp_path / "store" / "curation.json").read_text())
    assert data["confirms"][0]["type"] == "MEMBER_OF" and data["sets"][0]["country"] == "Morocco"


@pytest.mark.neo4j
def test_curated_ingest_and_curation_give_the_same_graph_on_both_stores(embedded_store, neo4j_store, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kelvo and Tanit Mills are members of the Orvalis Cluster in Morocco.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("The OVC Network works with Brevia Labs. Kelvo joined the OVC Network.\n",
                                  encoding="utf-8")
    cur = Curation(path=tmp_path / "curation.json")
    exports = []
    for store in (embedded_store, neo4j_store):
        ingest(store, [corpus], resolver=Resolver.for_store(store, curation=cur))
        names = {e.name: e for e in store.entities()}
        if not cur.merges:
            cur.merge(names["OVC Network"].id, names["Orvalis Cluster"].id)
            cur.set(names["Orvalis Cluster"], kind="association", country="Morocco")
        cur.apply_to_store(store)
        store.forget(next(d.id for d in store.documents() if d.source.endswith("b.txt")))
        data = store.export()
        for d in data["documents"]:
            d.pop("ingested_at", None)
        exports.append(data)
    assert exports[0] == exports[1]
    e = next(e for e in exports[0]["entities"] if e["name"] == "Orvalis Cluster")
    assert (e["kind"], e["country"], e["aliases"]) == ("association", "Morocco", [])


def test_the_python_api_twins_the_commands(tmp_path):
    import ecograph
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kelvo is a member of the Orvalis Cluster.\n", encoding="utf-8")
    with ecograph.open(str(tmp_path / "store"), writable=True) as g:
        g.ingest([str(corpus)])
        g.set("Orvalis Cluster", kind="association")
        g.confirm("Kelvo", "MEMBER_OF", "Orvalis Cluster")
        assert g.find("Orvalis Cluster").kind == "association"
        assert not [r for r in g.review(below=1.01) if r["what"] == "edge"]  # the confirmed edge is not listed
        g.reject("Kelvo", "MEMBER_OF", "Orvalis Cluster")
        assert g.members("Orvalis Cluster") == []
    data = json.loads((tmp_path / "store" / "curation.json").read_text())
    assert data["confirms"] == [] and len(data["rejects"]) == 1
