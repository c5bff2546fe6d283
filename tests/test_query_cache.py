"""The queries cache what they read (the name index, the whole-graph view) per state of
the store; a query after any change must see it. A stale cache would be a wrong answer,
so every kind of change is tried, on both stores, and on Neo4j also from another
connection (another process writing the same database)."""
from __future__ import annotations

import gc
import weakref

import pytest

from ecograph.curation import Curation
from ecograph.errors import NotFound
from ecograph.ids import entity_id
from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.queries.ego import ego
from ecograph.queries.lookup import find_entity
from ecograph.queries.membership import members
from ecograph.queries.partners import common_partners, partners
from ecograph.queries.paths import path
from ecograph.queries.structure import centrality, stats
from ecograph.store.embedded import EmbeddedStore

from test_queries import eid, extractions, load_example

HELIX = "Helix Cluster"
ZETA = entity_id("Organisation", "Zeta Works")


def zeta_doc() -> Extraction:
    """A third document: Zeta Works (alias ZW) partners Helix Cluster, Médina Tech and Kappa Labs
    (a shortcut from Kappa Labs to Médina Tech), and joins Helix Cluster."""
    sentences = ["Zeta Works (ZW) partners with Helix Cluster.", "Zeta Works also works with Médina Tech.",
                 "Zeta Works is a member of Helix Cluster.", "Kappa Labs and Zeta Works share a lab."]
    text = " ".join(sentences)
    doc = Document(id="doc:zeta", source="news/zeta.txt", title="Zeta", language="en", text=text)
    starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]

    def ev(i):
        return [Evidence(doc.id, sentences[i], starts[i], starts[i] + len(sentences[i]), "test", 0.95)]
    ents = [Entity(ZETA, "Organisation", "Zeta Works", kind="company", aliases=["ZW"], mentions={doc.id: 3}),
            Entity(eid("helix"), "Organisation", HELIX, kind="cluster", mentions={doc.id: 2}),
            Entity(eid("medina"), "Organisation", "Médina Tech", kind="cluster", mentions={doc.id: 1}),
            Entity(eid("kappa"), "Organisation", "Kappa Labs", kind="research", mentions={doc.id: 1})]
    rels = [Relation("PARTNERS_WITH", ZETA, eid("helix"), ev(0)), Relation("PARTNERS_WITH", ZETA, eid("medina"), ev(1)),
            Relation("MEMBER_OF", ZETA, eid("helix"), ev(2)), Relation("PARTNERS_WITH", eid("kappa"), ZETA, ev(3))]
    return Extraction(document=doc, entities=ents, relations=rels)


def ask(store) -> dict:
    """A local query, a two-name query, a path, a whole-graph query and a name lookup."""
    out = {"partners": [r.partner for r in partners(store, HELIX)],
           "members": [r.member for r in members(store, HELIX)],
           "common": [r.partner for r in common_partners(store, HELIX, "Médina Tech")],
           "ego": sorted(r.name for r in ego(store, HELIX)),
           "path": [h.to_name for h in path(store, "Kappa Labs", "Médina Tech", types="PARTNERS_WITH")],
           "organisations": {(r.section, r.name): r.count for r in stats(store)}[("entities", "Organisation")],
           "top": centrality(store, top=1)[0].name}
    try:
        out["zw"] = find_entity(store, "ZW").id
    except NotFound:
        out["zw"] = None
    return out


def test_a_query_after_a_change_sees_it(store):
    load_example(store)
    before = ask(store)
    assert before == ask(store)  # answered from the caches the first call built
    assert "Zeta Works" not in before["partners"] and before["zw"] is None

    store.add(zeta_doc())
    store.flush()
    after = ask(store)
    assert "Zeta Works" in after["partners"] and "Zeta Works" in after["members"]
    assert after["common"] == before["common"] + ["Zeta Works"]  # Bridge Agency, then Zeta Works
    assert "Zeta Works" in after["ego"]
    assert len(before["path"]) == 3 and after["path"] == ["Zeta Works", "Médina Tech"]
    assert after["organisations"] == before["organisations"] + 1 and after["zw"] == ZETA

    store.forget("doc:zeta")
    assert ask(store) == before

    store.load(store.export())  # same content, new state: same answers
    assert ask(store) == before

    store.clear()
    with pytest.raises(NotFound):
        partners(store, HELIX)
    assert {(r.section, r.name): r.count for r in stats(store)}[("documents", "documents")] == 0


def test_curation_applied_to_the_store_is_seen(tmp_path):
    store = EmbeddedStore(tmp_path / "store", writable=True)
    try:
        load_example(store)
        assert "Kappa Labs" in [r.partner for r in partners(store, HELIX)]
        cur = Curation(path=tmp_path / "curation.json")
        cur.merge(eid("kappa"), eid("ibnsina"))  # Kappa Labs is Université Ibn Sina
        cur.apply_to_store(store)
        assert "Kappa Labs" not in [r.partner for r in partners(store, HELIX)]
        assert find_entity(store, "Kappa Labs").id == eid("ibnsina")  # now an alias
    finally:
        store.close()


def test_embedded_version_counts_every_change(tmp_path):
    store = EmbeddedStore(tmp_path / "store", writable=True)
    try:
        seen = [store.read_version()]

        def changed():
            seen.append(store.read_version())
            return seen[-1] != seen[-2]

        first, second = extractions()
        store.add(first)
        assert changed()
        store.add(second)
        assert changed()
        store.flush()  # saving changes nothing in the graph
        assert not changed()
        store.forget(second.document.id)
        assert changed()
        assert not store.forget("doc:none") and not changed()
        store.load(store.export())
        assert changed()
        store.clear()
        assert changed()
    finally:
        store.close()


@pytest.mark.neo4j
def test_neo4j_changes_from_another_connection_are_seen(neo4j_store, neo4j_url):
    from ecograph.store.neo4j import Neo4jStore
    load_example(neo4j_store)
    before = ask(neo4j_store)
    other = Neo4jStore(neo4j_url)  # another process, as far as the first store can tell
    try:
        other.add(zeta_doc())
        after = ask(neo4j_store)
        assert "Zeta Works" in after["partners"] and after["zw"] == ZETA
        assert after["organisations"] == before["organisations"] + 1
        other.forget("doc:zeta")
        assert ask(neo4j_store) == before
    finally:
        other.close()


def test_cached_views_do_not_keep_a_store_alive(tmp_path):
    store = EmbeddedStore(tmp_path / "store", writable=True)
    load_example(store)
    assert partners(store, HELIX) and centrality(store, top=1)  # name index and whole-graph view cached
    store.close()
    ref = weakref.ref(store)
    del store
    gc.collect()
    assert ref() is None


@pytest.mark.neo4j
def test_neo4j_store_written_without_name_keys_still_answers(neo4j_store):
    """A graph written by a version that did not store `name_key`/`alias_keys` (the keys
    names are resolved by in the database): the queries fall back to the name index."""
    load_example(neo4j_store)
    before = ask(neo4j_store)
    with neo4j_store._conn.driver.session(database=neo4j_store._conn.database) as s:
        s.run("MATCH (n) REMOVE n.name_key, n.alias_keys").consume()
    assert neo4j_store.resolve_names([HELIX]) is None  # the database no longer decides alone
    assert ask(neo4j_store) == before
