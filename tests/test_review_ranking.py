"""Issue 14: `ecograph review` ranks candidate merges by evidence. Precision of the top 10
suggestions on a labelled set of invented entities (duplicates and near misses)."""
from __future__ import annotations

from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.review import candidate_merges
from ecograph.store.embedded import EmbeddedStore

# (name, kind, country, aliases, members): one entity each
ENTITIES = [
    ("Orvalis Textile Cluster", "cluster", "Morocco", [], ["Kelvo", "Tanit Mills"]),
    ("Orvalis Textile", "cluster", "Morocco", [], ["Tanit Mills"]),
    ("Maritime Data Network", "network", None, [], []),
    ("MDN", "other", None, [], []),
    ("Brevia Robotics Association", "association", "Tunisia", [], []),
    ("BRA", "other", "Tunisia", [], []),
    ("Kelvo Agrifood Hub", "support", None, [], []),
    ("Kelvo Agri food Hub", "support", None, [], []),
    ("Tessaro Innovation Park", "support", "Lebanon", [], ["Nadir Labs"]),
    ("Tessaro Park", "support", "Lebanon", [], ["Nadir Labs"]),
    ("Verano Solar Cluster", "cluster", "Morocco", [], ["Sunvia", "Helix Power"]),
    ("Cluster Solaire Verano", "cluster", "Morocco", [], ["Sunvia", "Helix Power"]),
    ("Ostral Valley Agency", "government", None, [], []),
    ("OVA", "other", None, [], []),
    ("Halivert Seafood Pole", "cluster", "Morocco", [], []),
    ("Halivert Pole", "cluster", "Morocco", [], []),
    ("Ardent Weavers Federation", "association", None, [], []),
    ("Ardent Weavers' Federation", "association", None, [], []),
    ("Solenna Fashion and Design Cluster", "cluster", None, ["SFDC"], []),
    ("Solenna Fashion Cluster", "cluster", None, [], []),
    # near misses
    ("Northern Water Board", "government", "Morocco", [], []),
    ("Southern Water Board", "government", "Morocco", [], []),
    ("Embassy of Spain", "government", None, [], []),
    ("Embassy of Italy", "government", None, [], []),
    ("Idris II Fund", "funder", "Morocco", [], []),
    ("Idris II University", "university", "Morocco", [], []),
    ("EMI", "university", None, [], []),
    ("EMSI", "university", None, [], []),
    ("University of Tunis", "university", "Tunisia", [], []),
    ("University of Sfax", "university", "Tunisia", [], []),
    ("Regional Investment Centre of Fes", "government", "Morocco", [], []),
    ("Regional Investment Centre of Rabat", "government", "Morocco", [], []),
    ("Brevia Robotics Lab", "research", "Tunisia", [], []),
    ("Gamma Auto Cluster", "cluster", "Morocco", [], ["Rotor One", "Axle Works"]),
    ("Sigma Auto Cluster", "cluster", "Morocco", [], ["Rotor One", "Axle Works"]),
    ("Delta Textile Cluster", "cluster", "Tunisia", [], []),
    ("Delta Fashion Cluster", "cluster", "Tunisia", [], []),
    ("Kelvo", "company", "Morocco", [], []),
]
SAME = {frozenset(p) for p in [
    ("Orvalis Textile Cluster", "Orvalis Textile"), ("Maritime Data Network", "MDN"),
    ("Brevia Robotics Association", "BRA"), ("Kelvo Agrifood Hub", "Kelvo Agri food Hub"),
    ("Tessaro Innovation Park", "Tessaro Park"), ("Verano Solar Cluster", "Cluster Solaire Verano"),
    ("Ostral Valley Agency", "OVA"), ("Halivert Seafood Pole", "Halivert Pole"),
    ("Ardent Weavers Federation", "Ardent Weavers' Federation"),
    ("Solenna Fashion and Design Cluster", "Solenna Fashion Cluster")]}
NEVER = {frozenset(p) for p in [
    ("Northern Water Board", "Southern Water Board"), ("Embassy of Spain", "Embassy of Italy"),
    ("Idris II Fund", "Idris II University"), ("University of Tunis", "University of Sfax"),
    ("Regional Investment Centre of Fes", "Regional Investment Centre of Rabat"),
    ("Orvalis Textile Cluster", "Kelvo"), ("Brevia Robotics Association", "Brevia Robotics Lab")]}


def _store(tmp_path):
    d = Document("doc:0001", "src/1.txt", "t", "en", "2024-01-01T00:00:00+00:00")
    ents, rels, ids = [], [], {}
    for i, (name, kind, country, aliases, _) in enumerate(ENTITIES):
        ids[name] = f"org:e{i}"
        ents.append(Entity(ids[name], "Organisation", name, kind=kind, country=country, aliases=aliases,
                           mentions={d.id: 1}))
    for name, *_, members in ENTITIES:
        for m in members:
            if m not in ids:
                ids[m] = "org:" + m.lower().replace(" ", "-")
                ents.append(Entity(ids[m], "Organisation", m, kind="company", mentions={d.id: 1}))
            s = f"{m} is a member of {name}."
            rels.append(Relation("MEMBER_OF", ids[m], ids[name], [Evidence(d.id, s, 0, len(s), "test", 0.9)]))
    store = EmbeddedStore(tmp_path / "s", writable=True)
    store.add(Extraction(d, ents, rels))
    return store


def test_top_10_precision_on_the_labelled_pairs(tmp_path):
    with _store(tmp_path) as store:
        rows = candidate_merges(store, limit=50)
    pairs = [frozenset((r["source"], r["target"])) for r in rows]
    top = pairs[:10]
    precision = sum(p in SAME for p in top) / len(top)
    print(f"\nreview top-10 precision: {precision:.2f} ({sum(p in SAME for p in top)}/{len(top)}); "
          f"recall of all suggestions: {len(SAME & set(pairs))}/{len(SAME)}")
    assert len(top) == 10
    assert precision >= 0.8
    assert not NEVER & set(pairs)  # qualifier, head and relation guards: never proposed at all


def test_each_suggestion_says_why(tmp_path):
    with _store(tmp_path) as store:
        rows = candidate_merges(store, limit=5)
    assert rows and all(r["detail"] and r["source_id"].startswith("org:") for r in rows)
    assert [r["confidence"] for r in rows] == sorted((r["confidence"] for r in rows), reverse=True)
