"""The research queries on a small invented ecosystem whose answers are known by construction.

Two groups of four organisations, each fully partnered: a Moroccan one around
Helix Cluster and a Tunisian one around Médina Tech. Bridge Agency is the only
link between them (partner of two organisations on each side), so it is the
broker. The EU funds the Green Growth Programme (run by Helix Cluster, with a
Booster Track as a part); GIZ funds Export Days. Agadir Research Centre has no
tie at all, and shares the alias "ARC" with Atlas Robotics.

Runs on both stores through the `store` fixture.
"""
from __future__ import annotations

import pytest

# Imported from the modules, not the package: the editable install may expose
# `ecograph.queries` as a namespace package whose __init__ does not run.
from ecograph.queries.ego import ego, ego_graph
from ecograph.queries.membership import clusters, member_mix, members
from ecograph.queries.partners import common_partners, cross_border, partners
from ecograph.queries.paths import path
from ecograph.queries.profile import profile
from ecograph.queries.programmes import chains, participants, programmes
from ecograph.queries.search import search
from ecograph.queries.structure import centrality, communities, connected_clusters, isolated, stats
from ecograph.queries.view import records
from ecograph.errors import Ambiguous, EcographError, NotFound
from ecograph.ids import document_id, entity_id
from ecograph.model import Document, Entity, Evidence, Extraction, Relation

ORG, PROG, PLACE = "Organisation", "Programme", "Place"

# key: (label, name, kind, aliases, country)
ENTITIES = {
    "helix": (ORG, "Helix Cluster", "cluster", ["HXC"], "Morocco"),
    "atlas": (ORG, "Atlas Robotics", "company", ["ARC"], None),  # country via Casablanca
    "ibnsina": (ORG, "Université Ibn Sina", "university", ["UIS"], "Morocco"),
    "kappa": (ORG, "Kappa Labs", "research", [], "Morocco"),
    "ministry": (ORG, "Ministry of Industry", "government", [], "Morocco"),
    "bridge": (ORG, "Bridge Agency", "support", [], "Morocco"),
    "eu": (ORG, "European Union", "funder", ["EU"], None),
    "giz": (ORG, "GIZ", "funder", [], "Germany"),
    "arc": (ORG, "Agadir Research Centre", "research", ["ARC"], None),
    "medina": (ORG, "Médina Tech", "cluster", [], "Tunisia"),
    "sfax": (ORG, "Sfax Motors", "company", [], None),  # country via the city of Sfax
    "delta": (ORG, "Delta Institute", "research", [], None),  # country via the Tunisia place
    "carthage": (ORG, "Carthage Software", "company", [], None),  # country unknown
    "green": (PROG, "Green Growth Programme", "programme", [], None),
    "booster": (PROG, "Booster Track", "programme", [], None),
    "export": (PROG, "Export Days", "event", [], None),
    "casablanca": (PLACE, "Casablanca", "city", [], "Morocco"),
    "agadir": (PLACE, "Agadir", "city", [], "Morocco"),
    "sfaxcity": (PLACE, "Sfax", "city", [], "Tunisia"),
    "tunisia": (PLACE, "Tunisia", "country", [], None),
}

DOC_A = ("reports/helix-annual.txt", "Helix annual report", [
    "Helix Cluster works closely with Atlas Robotics on factory automation.",
    "Helix Cluster has signed a partnership with Université Ibn Sina.",
    "Atlas Robotics and Université Ibn Sina co-develop a robotics master.",
    "Kappa Labs collaborates with Helix Cluster, Atlas Robotics and Université Ibn Sina.",
    "Members of Helix Cluster include Atlas Robotics, Université Ibn Sina, Kappa Labs and the Ministry of Industry.",
    "Bridge Agency partners with Helix Cluster and Atlas Robotics to open doors abroad.",
    "The Green Growth Programme, funded by the European Union, is run by Helix Cluster.",
    "Atlas Robotics was selected for the Booster Track of the Green Growth Programme.",
    "Université Ibn Sina takes part in the Green Growth Programme.",
    "GIZ supports Helix Cluster, which the Ministry of Industry finances.",
    "Atlas Robotics is based in Casablanca.",
    "The Agadir Research Centre (ARC) opened a lab in Agadir.",
])
DOC_B = ("https://example.org/medina-news.html", "Médina Tech news", [
    "Médina Tech, Sfax Motors, Delta Institute and Carthage Software signed a joint charter.",
    "Bridge Agency cooperates with Médina Tech and Sfax Motors.",
    "Sfax Motors, Carthage Software and Delta Institute are members of Médina Tech.",
    "GIZ funds Export Days, where Médina Tech and Sfax Motors exhibit.",
    "Sfax Motors builds electric buses in Sfax.",
    "Delta Institute is a Tunisian research centre.",
    "Helix Cluster and Atlas Robotics renewed their partnership this year.",
])

# (type, source, target, document, sentence index, confidence)
RELATIONS = [
    ("PARTNERS_WITH", "helix", "atlas", "A", 0, 0.9),
    ("PARTNERS_WITH", "helix", "ibnsina", "A", 1, 0.9),
    ("PARTNERS_WITH", "atlas", "ibnsina", "A", 2, 0.8),
    ("PARTNERS_WITH", "kappa", "helix", "A", 3, 0.8),
    ("PARTNERS_WITH", "kappa", "atlas", "A", 3, 0.8),
    ("PARTNERS_WITH", "kappa", "ibnsina", "A", 3, 0.8),
    ("MEMBER_OF", "atlas", "helix", "A", 4, 0.9),
    ("MEMBER_OF", "ibnsina", "helix", "A", 4, 0.9),
    ("MEMBER_OF", "kappa", "helix", "A", 4, 0.9),
    ("MEMBER_OF", "ministry", "helix", "A", 4, 0.9),
    ("PARTNERS_WITH", "bridge", "helix", "A", 5, 0.85),
    ("PARTNERS_WITH", "bridge", "atlas", "A", 5, 0.85),
    ("FUNDS", "eu", "green", "A", 6, 0.9),
    ("RUNS", "helix", "green", "A", 6, 0.9),
    ("PARTICIPATES_IN", "atlas", "booster", "A", 7, 0.8),
    ("PART_OF", "booster", "green", "A", 7, 0.8),
    ("PARTICIPATES_IN", "ibnsina", "green", "A", 8, 0.8),
    ("SUPPORTS", "giz", "helix", "A", 9, 0.7),
    ("FUNDS", "ministry", "helix", "A", 9, 0.7),
    ("LOCATED_IN", "atlas", "casablanca", "A", 10, 0.9),
    ("LOCATED_IN", "arc", "agadir", "A", 11, 0.9),
    ("PARTNERS_WITH", "medina", "sfax", "B", 0, 0.8),
    ("PARTNERS_WITH", "medina", "delta", "B", 0, 0.8),
    ("PARTNERS_WITH", "medina", "carthage", "B", 0, 0.8),
    ("PARTNERS_WITH", "sfax", "delta", "B", 0, 0.8),
    ("PARTNERS_WITH", "sfax", "carthage", "B", 0, 0.8),
    ("PARTNERS_WITH", "delta", "carthage", "B", 0, 0.8),
    ("PARTNERS_WITH", "bridge", "medina", "B", 1, 0.85),
    ("PARTNERS_WITH", "bridge", "sfax", "B", 1, 0.85),
    ("MEMBER_OF", "sfax", "medina", "B", 2, 0.9),
    ("MEMBER_OF", "carthage", "medina", "B", 2, 0.9),
    ("MEMBER_OF", "delta", "medina", "B", 2, 0.9),
    ("FUNDS", "giz", "export", "B", 3, 0.9),
    ("PARTICIPATES_IN", "medina", "export", "B", 3, 0.8),
    ("PARTICIPATES_IN", "sfax", "export", "B", 3, 0.8),
    ("LOCATED_IN", "sfax", "sfaxcity", "B", 4, 0.9),
    ("LOCATED_IN", "delta", "tunisia", "B", 5, 0.9),
    ("PARTNERS_WITH", "helix", "atlas", "B", 6, 0.6),  # a second, weaker piece of evidence
]


def eid(key: str) -> str:
    label, name = ENTITIES[key][0], ENTITIES[key][1]
    return entity_id(label, name)


def extractions() -> list[Extraction]:
    out = []
    for tag, (source, title, sentences) in (("A", DOC_A), ("B", DOC_B)):
        text = " ".join(sentences)
        doc = Document(id=document_id(text), source=source, title=title, language="en", text=text)
        starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
        rels, keys = [], set()
        for rtype, s, t, d, i, conf in RELATIONS:
            if d != tag:
                continue
            start = starts[i]
            ev = Evidence(document=doc.id, sentence=sentences[i], start=start,
                          end=start + len(sentences[i]), method="test", confidence=conf)
            assert text[ev.start:ev.end] == ev.sentence
            rels.append(Relation(rtype, eid(s), eid(t), [ev]))
            keys |= {s, t}
        ents = []
        for k in sorted(keys):
            label, name, kind, aliases, country = ENTITIES[k]
            ents.append(Entity(id=eid(k), label=label, name=name, kind=kind, aliases=list(aliases),
                               country=country, mentions={doc.id: 1}))
        out.append(Extraction(document=doc, entities=ents, relations=rels))
    return out


def load_example(store):
    for ext in extractions():
        store.add(ext)
    store.flush()
    return store


@pytest.fixture
def eco(store):
    return load_example(store)


def names(rows, attr):
    return [getattr(r, attr) for r in rows]


# --- partners ------------------------------------------------------------------

def test_partners_depth_one(eco):
    rows = partners(eco, "Helix Cluster")
    assert names(rows, "partner") == ["Atlas Robotics", "Bridge Agency", "Kappa Labs", "Université Ibn Sina"]
    assert {r.depth for r in rows} == {1} and {r.type for r in rows} == {"PARTNERS_WITH"}
    atlas = rows[0]
    # two documents back this tie: the more confident sentence is cited
    assert atlas.sentence == DOC_A[2][0] and atlas.source == "reports/helix-annual.txt"
    assert atlas.evidence_count == 2 and atlas.confidence == pytest.approx(0.9)
    assert atlas.method == "test"


def test_partners_depth_two_goes_through_the_broker(eco):
    rows = partners(eco, "helix cluster", depth=2)
    second = [r for r in rows if r.depth == 2]
    assert names(second, "partner") == ["Médina Tech", "Sfax Motors"]
    assert {r.via for r in second} == {"Bridge Agency"}
    assert second[0].sentence == DOC_B[2][1]  # evidence of the last hop
    assert len(rows) == 6


def test_partners_over_chosen_types(eco):
    rows = partners(eco, "Atlas Robotics", depth=2, types="MEMBER_OF")
    assert [(r.partner, r.depth) for r in rows] == [
        ("Helix Cluster", 1), ("Kappa Labs", 2), ("Ministry of Industry", 2), ("Université Ibn Sina", 2)]
    assert rows[0].arrow == "->"  # Atlas Robotics is the member


def test_all_partner_pairs(eco):
    rows = partners(eco)
    assert len(rows) == 16
    assert all(r.org.casefold() <= r.partner.casefold() for r in rows)  # symmetric pairs read alphabetically


def test_common_partners(eco):
    rows = common_partners(eco, "Atlas Robotics", "Helix Cluster")
    assert names(rows, "partner") == ["Bridge Agency", "Kappa Labs", "Université Ibn Sina"]
    kappa = rows[1]
    assert kappa.sentence_a == kappa.sentence_b == DOC_A[2][3]
    assert kappa.source_a == "reports/helix-annual.txt"


def test_cross_border_ties(eco):
    rows = cross_border(eco)
    pairs = {(r.org_a, r.country_a, r.org_b, r.country_b) for r in rows}
    # Sfax Motors' country comes from its city; Carthage Software's is unknown, so never counted
    assert pairs == {("Bridge Agency", "Morocco", "Médina Tech", "Tunisia"),
                     ("Bridge Agency", "Morocco", "Sfax Motors", "Tunisia")}
    assert all(r.sentence == DOC_B[2][1] for r in rows)
    only = cross_border(eco, "Sfax Motors")
    assert [(r.org_a, r.org_b) for r in only] == [("Sfax Motors", "Bridge Agency")]


# --- membership ----------------------------------------------------------------

def test_members_grouped_and_filtered_by_kind(eco):
    rows = members(eco, "Helix Cluster")
    assert [(r.member, r.kind) for r in rows] == [
        ("Atlas Robotics", "company"), ("Université Ibn Sina", "university"),
        ("Kappa Labs", "research"), ("Ministry of Industry", "government")]
    assert rows[0].sentence == DOC_A[2][4]
    companies = members(eco, "Médina Tech", kind="company")
    assert names(companies, "member") == ["Carthage Software", "Sfax Motors"]
    assert names(members(eco, "Médina Tech", kind="company,research"), "member") == [
        "Carthage Software", "Sfax Motors", "Delta Institute"]
    with pytest.raises(EcographError):
        members(eco, "Médina Tech", kind="startup")


def test_member_mix_is_the_triple_helix(eco):
    mix = {r.kind: (r.helix, r.count) for r in member_mix(eco, "Helix Cluster")}
    assert mix == {"company": ("industry", 1), "university": ("academia", 1),
                   "research": ("academia", 1), "government": ("government", 1)}


def test_clusters_of_an_organisation(eco):
    assert names(clusters(eco, "Sfax Motors"), "cluster") == ["Médina Tech"]


# --- programmes ----------------------------------------------------------------

def test_programmes_of_an_organisation(eco):
    rows = programmes(eco, "Helix Cluster")
    assert [(r.role, r.programme) for r in rows] == [("runs", "Green Growth Programme")]
    atlas = programmes(eco, "Atlas Robotics")
    assert [(r.role, r.programme, r.part_of) for r in atlas] == [
        ("participates", "Booster Track", "Green Growth Programme")]


def test_participants_include_the_parts(eco):
    rows = participants(eco, "Green Growth Programme")
    assert [(r.org, r.programme) for r in rows] == [
        ("Atlas Robotics", "Booster Track"), ("Université Ibn Sina", "Green Growth Programme")]
    assert names(participants(eco, "Green Growth Programme", parts=False), "org") == ["Université Ibn Sina"]


def test_chains_funder_programme_participant(eco):
    rows = chains(eco)
    assert [(c.funder, c.programme, c.participant, c.part) for c in rows] == [
        ("European Union", "Green Growth Programme", "Atlas Robotics", "Booster Track"),
        ("European Union", "Green Growth Programme", "Université Ibn Sina", ""),
        ("GIZ", "Export Days", "Médina Tech", ""),
        ("GIZ", "Export Days", "Sfax Motors", ""),
    ]
    asked = chains(eco, funder=["EU", "GIZ"], participant="medina tech")
    assert [(c.funder, c.programme) for c in asked] == [("GIZ", "Export Days")]
    assert asked[0].funder_sentence == DOC_B[2][3] and asked[0].participant_source == DOC_B[0]


# --- paths and ego -------------------------------------------------------------

def test_path_hops_carry_direction_and_evidence(eco):
    rows = path(eco, "Ministry of Industry", "Médina Tech")
    assert [(h.from_name, h.type, h.arrow, h.to_name) for h in rows] == [
        ("Ministry of Industry", "MEMBER_OF", "->", "Helix Cluster"),
        ("Helix Cluster", "PARTNERS_WITH", "--", "Bridge Agency"),
        ("Bridge Agency", "PARTNERS_WITH", "--", "Médina Tech"),
    ]
    assert [h.source for h in rows] == ["reports/helix-annual.txt"] * 2 + [DOC_B[0]]
    assert rows[0].sentence == DOC_A[2][4] and rows[2].sentence == DOC_B[2][1]
    back = path(eco, "Médina Tech", "Ministry of Industry")
    assert (back[-1].from_name, back[-1].arrow, back[-1].to_name) == ("Helix Cluster", "<-", "Ministry of Industry")


def test_all_shortest_paths_and_no_path(eco):
    rows = path(eco, "Kappa Labs", "Carthage Software", types="PARTNERS_WITH", all_shortest=True)
    assert max(h.path for h in rows) == 4 and max(h.step for h in rows) == 4
    assert path(eco, "Agadir Research Centre", "Helix Cluster") == []


def test_ego_graph_and_rows(eco):
    G = ego_graph(eco, "Helix Cluster", depth=1)
    expected = {eid(k) for k in ("helix", "atlas", "ibnsina", "kappa", "ministry", "bridge", "green", "giz")}
    assert set(G.nodes) == expected
    assert G.graph["center"] == eid("helix") and G.nodes[eid("bridge")]["distance"] == 1
    assert G.has_edge(eid("atlas"), eid("ibnsina"), "PARTNERS_WITH")  # edges among the neighbours too
    rows = ego(eco, "Helix Cluster")
    assert rows[0].name == "Helix Cluster" and rows[0].distance == 0 and rows[0].degree == 7


# --- structure -----------------------------------------------------------------

def test_centrality_finds_the_hub_and_the_broker(eco):
    by_degree = centrality(eco, by="degree", top=3)
    assert by_degree[0].name == "Helix Cluster" and by_degree[0].degree == 7
    brokers = centrality(eco, by="betweenness", types="PARTNERS_WITH")
    assert brokers[0].name == "Bridge Agency" and brokers[0].rank == 1
    assert brokers[0].betweenness > 2 * brokers[1].betweenness


def test_communities_split_the_two_groups(eco):
    rows = communities(eco, types="PARTNERS_WITH")
    group = {r.name: r.community for r in rows}
    assert len(set(group.values())) == 2
    assert group["Helix Cluster"] == group["Atlas Robotics"] == group["Kappa Labs"] == group["Université Ibn Sina"]
    assert group["Médina Tech"] == group["Sfax Motors"] == group["Delta Institute"] == group["Carthage Software"]
    assert group["Helix Cluster"] != group["Médina Tech"]
    assert communities(eco, types="PARTNERS_WITH") == rows  # fixed seed: same answer twice


def test_connected_clusters_and_isolated(eco):
    ranked = connected_clusters(eco)
    assert [(r.cluster, r.members, r.partners, r.programmes) for r in ranked] == [
        ("Helix Cluster", 4, 4, 1), ("Médina Tech", 3, 4, 1)]
    assert names(isolated(eco), "name") == ["Agadir Research Centre"]


def test_stats_counts(eco):
    s = {(r.section, r.name): r.count for r in stats(eco)}
    assert s[("documents", "documents")] == 2
    assert s[("entities", "Organisation")] == 13
    assert s[("entities", "Programme")] == 3 and s[("entities", "Place")] == 4
    assert s[("kinds", "Organisation:company")] == 3
    assert s[("relations", "PARTNERS_WITH")] == 16 and s[("relations", "MEMBER_OF")] == 7
    assert s[("relations", "total")] == 37
    assert s[("evidence", "evidence records")] == 38


# --- search, lookup, profile ---------------------------------------------------

def test_search_is_accent_insensitive_and_filters(eco):
    hits = search(eco, "universite ibn sina")
    assert hits[0].name == "Université Ibn Sina" and hits[0].score == 100
    assert search(eco, "MEDINA")[0].name == "Médina Tech"
    assert search(eco, "tunis", country="Tunisia")[0].name == "Tunisia"  # a country place is in itself
    tunisian = search(eco, country="tunisia", label="organisation")
    assert names(tunisian, "name") == ["Delta Institute", "Médina Tech", "Sfax Motors"]
    assert names(search(eco, kind="cluster"), "name") == ["Helix Cluster", "Médina Tech"]


def test_miss_says_did_you_mean(eco):
    with pytest.raises(NotFound) as err:
        partners(eco, "Atlas Robotix")
    assert "Atlas Robotics" in err.value.suggestions
    assert "did you mean" in err.value.hint


def test_unique_whole_words_are_enough(eco):
    assert names(participants(eco, "green growth"), "org") == ["Atlas Robotics", "Université Ibn Sina"]
    assert partners(eco, "helix")[0].org == "Helix Cluster"


def test_wrong_label_is_explained(eco):
    with pytest.raises(NotFound) as err:
        partners(eco, "Green Growth Programme")
    assert any("a Programme" in s for s in err.value.suggestions)


def test_ambiguous_alias_lists_candidates(eco):
    with pytest.raises(Ambiguous) as err:
        partners(eco, "ARC")
    assert len(err.value.candidates) == 2
    assert any("Atlas Robotics" in c for c in err.value.candidates)


def test_profile_lists_every_relation_with_evidence(eco):
    p = profile(eco, "atlas robotics")
    assert (p.label, p.kind, p.country, p.aliases) == (ORG, "company", "Morocco", ["ARC"])
    assert {d.source for d in p.documents} == {DOC_A[0], DOC_B[0]}
    helix = [r for r in p.relations if r.other == "Helix Cluster" and r.type == "PARTNERS_WITH"]
    assert {r.source for r in helix} == {DOC_A[0], DOC_B[0]}  # every evidence record, not just the best
    assert {(r.direction, r.type) for r in p.relations} == {
        ("out", "MEMBER_OF"), ("both", "PARTNERS_WITH"), ("out", "LOCATED_IN"), ("out", "PARTICIPATES_IN")}
    medina = profile(eco, "Médina Tech")
    assert [r.other for r in medina.relations if r.direction == "in"] == [
        "Carthage Software", "Delta Institute", "Sfax Motors"]


def test_rows_become_records(eco):
    recs = records(partners(eco, "Helix Cluster"))
    assert recs[0]["partner"] == "Atlas Robotics" and {"sentence", "source", "method", "confidence"} <= set(recs[0])


def test_unknown_relation_type_is_refused(eco):
    with pytest.raises(EcographError) as err:
        partners(eco, "Helix Cluster", types="FRIENDS_WITH")
    assert "PARTNERS_WITH" in err.value.hint
