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
    ("Halivert Seafood Pole", "cluster", "Morocco", [], ["Sardix Canning"]),
    ("Halivert Pole", "cluster", "Morocco", [], ["Sardix Canning"]),
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


def _store(tmp_path, entities=ENTITIES):
    """Each entity from its own document, as duplicates that survive resolution are: the resolver
    joins a document's own variants."""
    store = EmbeddedStore(tmp_path / "s", writable=True)
    for i, (name, kind, country, aliases, members) in enumerate(entities):
        d = Document(f"doc:{i:04d}", f"src/{i}.txt", "t", "en", "2024-01-01T00:00:00+00:00")
        me = Entity(f"org:e{i}", "Organisation", name, kind=kind, country=country, aliases=aliases,
                    mentions={d.id: 1})
        ents, rels = [me], []
        for m in members:
            mid = "org:" + m.lower().replace(" ", "-")
            ents.append(Entity(mid, "Organisation", m, kind="company", mentions={d.id: 1}))
            s = f"{m} is a member of {name}."
            rels.append(Relation("MEMBER_OF", mid, me.id, [Evidence(d.id, s, 0, len(s), "test", 0.9)]))
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
    # Solenna's two names are an extension ("… Fashion" / "… Fashion and Design") with nothing else
    # in common: withheld, as real stores' extensions are a part or a kin as often as the same body
    assert len(top) >= 8
    assert precision >= 0.9
    assert not NEVER & set(pairs)  # qualifier, head and relation guards: never proposed at all


def test_each_suggestion_says_why(tmp_path):
    with _store(tmp_path) as store:
        rows = candidate_merges(store, limit=5)
    assert rows and all(r["detail"] and r["source_id"].startswith("org:") for r in rows)
    assert [r["confidence"] for r in rows] == sorted((r["confidence"] for r in rows), reverse=True)


def test_extensions_and_names_one_document_kept_apart_are_not_proposed(tmp_path):
    """Real stores' wrong suggestions (tests/test_review_precision.py): "X" and "X Micro" (a spin-off),
    "Interreg X" and "Interreg Next X", two names one document wrote apart."""
    ents = [("Corvane", "research", "Morocco", [], []), ("Corvane Micro", "company", None, [], []),
            ("Lumio Basin Programme", "other", None, [], []), ("Lumio Next Basin Programme", "other", None, [], []),
            ("Tarsel Research Centre", "research", None, [], []), ("Tarsel Institute", "research", None, [], [])]
    with _store(tmp_path, ents) as store:
        assert candidate_merges(store) == []
        d = Document("doc:both", "src/both.txt", "t", "en", "2024-01-01T00:00:00+00:00")
        both = [Entity("org:q1", "Organisation", "Quill Vale Textiles", kind="company", mentions={d.id: 1}),
                Entity("org:q2", "Organisation", "Quill Vale Textile", kind="company", mentions={d.id: 1})]
        store.add(Extraction(d, both, []))
        assert candidate_merges(store) == []


def test_acronyms_tell_an_added_word_from_a_coincidence(tmp_path):
    """"Kestrel Denim Cluster (KDC)" / "Kestrel Denim and Fashion Cluster (KDFC)": the extra letter is
    the added word, so the extension is proposed. "Corsal Materials Cluster", also written "EMC", and
    "Erbel Marine Cluster": two names spelled out in different words, whatever their initials."""
    ents = [("Kestrel Denim Cluster", "cluster", "Morocco", ["KDC"], []),
            ("Kestrel Denim and Fashion Cluster", "cluster", "Morocco", ["KDFC"], []),
            ("Corsal Materials Cluster", "cluster", None, ["EMC"], []),
            ("Erbel Marine Cluster", "cluster", None, [], [])]
    with _store(tmp_path, ents) as store:
        pairs = {frozenset((r["source"], r["target"])) for r in candidate_merges(store)}
    assert pairs == {frozenset(("Kestrel Denim Cluster", "Kestrel Denim and Fashion Cluster"))}
