"""Resolution: surface variants, acronyms, registry aliases and curation → one node each."""
from __future__ import annotations

import pytest

from ecograph.curation import Curation
from ecograph.ids import document_id
from ecograph.model import Document
from ecograph.ingest.resolve import Resolver, loose_key
from ecograph.ingest.types import Candidate, Mention, RawExtraction


def _doc(text: str, source: str = "t.txt") -> Document:
    return Document(id=document_id(text), source=source, title="t", language="en")


def _mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    out, pos = [], 0
    for surface, label in names:
        i = text.index(surface, pos)
        out.append(Mention(text=surface, start=i, end=i + len(surface), label=label))
        pos = i + len(surface)
    return out


@pytest.mark.parametrize("a,b", [
    ("Cluster Rivera", "Rivera Cluster"),
    ("the Rivera Cluster", "RIVERA CLUSTER"),
    ("Pôle Énergie Sud", "pole energie sud"),
])
def test_surface_variants_share_one_node(a, b):
    text = f"{a} met {b}."
    raw = RawExtraction(mentions=_mentions(text, (a, "Organisation"), (b, "Organisation")))
    ext = Resolver().resolve(_doc(text), text, raw)
    assert len(ext.entities) == 1
    assert ext.entities[0].mentions[ext.document.id] == 2


def test_loose_key_ignores_cluster_word_and_order():
    assert loose_key("Cluster Rivera Nord") == loose_key("Rivera Nord Cluster")
    assert loose_key("Rivera Nord") != loose_key("Rivera Sud")


def test_acronym_definition_links_long_form_and_acronym_across_documents():
    t1 = "The Coastal Robotics Association (CRA) opened."
    m = Mention(text="Coastal Robotics Association", start=4, end=32, label="Organisation", aliases=["CRA"])
    r = Resolver()
    e1 = r.resolve(_doc(t1, "a.txt"), t1, RawExtraction(mentions=[m]))
    r.learn(e1)
    t2 = "CRA hosts a fair."
    e2 = r.resolve(_doc(t2, "b.txt"), t2, RawExtraction(mentions=_mentions(t2, ("CRA", "Organisation"))))
    assert e1.entities[0].id == e2.entities[0].id


def test_registry_aliases_translate_french_names():
    t = "Financé par l'Union européenne, soutenu par l'EU."
    raw = RawExtraction(mentions=_mentions(t, ("Union européenne", "Organisation"), ("EU", "Organisation")))
    ext = Resolver().resolve(_doc(t), t, raw)
    assert [e.id for e in ext.entities] == ["org:european-union"]
    assert ext.entities[0].kind == "funder"


def test_trailing_country_tag_joins_known_name():
    t = "Delta Cluster and Delta Morocco."
    raw = RawExtraction(mentions=_mentions(t, ("Delta Cluster", "Organisation"), ("Delta Morocco", "Organisation")))
    ext = Resolver().resolve(_doc(t), t, raw)
    assert len(ext.entities) == 1


def test_different_organisations_stay_apart():
    t = "Mascor and Mascor-Micro and ADETON Group and ADETON Tunisia."
    raw = RawExtraction(mentions=_mentions(t, ("Mascor", "Organisation"), ("Mascor-Micro", "Organisation"),
                                           ("ADETON Group", "Organisation"), ("ADETON Tunisia", "Organisation")))
    ext = Resolver().resolve(_doc(t), t, raw)
    assert len(ext.entities) == 4


def test_candidates_become_relations_with_exact_evidence_and_forbidden_labels_dropped():
    t = "Intro.  Alpha Cluster is funded by Beta Bank.  "
    ms = _mentions(t, ("Alpha Cluster", "Organisation"), ("Beta Bank", "Organisation"))
    s = t.index("Alpha")
    raw = RawExtraction(mentions=ms, candidates=[
        Candidate("FUNDS", ms[1], ms[0], s - 2, len(t), "test", 0.9),
        Candidate("RUNS", ms[1], ms[0], s, len(t), "test", 0.9),  # RUNS needs a Programme target
    ])
    ext = Resolver().resolve(_doc(t), t, raw)
    assert [r.type for r in ext.relations] == ["FUNDS"]
    ev = ext.relations[0].evidence[0]
    assert t[ev.start:ev.end] == ev.sentence == "Alpha Cluster is funded by Beta Bank."


def test_curation_merge_reject_and_split_apply_at_resolution(tmp_path):
    cur = Curation.load(tmp_path / "curation.json")
    cur.merge("org:gamma-tech", "org:gamma-technologies", "same company")
    cur.reject("PARTNERS_WITH", "org:gamma-technologies", "org:delta-cluster", "misread")
    cur.split("Omega", "Organisation", "a different Omega")
    cur.save()
    cur = Curation.load(tmp_path / "curation.json")
    t = "Gamma Tech partners with Delta Cluster. Omega Cluster and Omega."
    ms = _mentions(t, ("Gamma Tech", "Organisation"), ("Delta Cluster", "Organisation"),
                   ("Omega Cluster", "Organisation"), ("Omega", "Organisation"))
    raw = RawExtraction(mentions=ms, candidates=[Candidate("PARTNERS_WITH", ms[0], ms[1], 0, 39, "t", 0.9)])
    ext = Resolver(curation=cur).resolve(_doc(t), t, raw)
    ids = sorted(e.id for e in ext.entities)
    assert "org:gamma-technologies" in ids and "org:gamma-tech" not in ids
    assert ext.relations == []
    assert "org:omega" in ids and "org:omega-cluster" in ids


@pytest.mark.parametrize("a,b", [
    ("Technopole of Oujda", "Oujda Technopole"),
    ("Pôle Nador Agropôle", "Nador Agropôle"),
    ("University Ibn Battuta of Tangier", "Ibn Battuta University"),
    ("Moroccan textile program", "Morocco's textile program"),
    ("Sahel Packaging Cluster Tunis", "Cluster Sahel Packaging"),
])
def test_word_order_demonyms_and_place_tags_do_not_split_entities(a, b):
    text = f"{a}. {b}."
    raw = RawExtraction(mentions=_mentions(text, (a, "Organisation"), (b, "Organisation")))
    assert len(Resolver().resolve(_doc(text), text, raw).entities) == 1


def test_acronym_dash_long_form_and_programme_audience_join_across_documents():
    r = Resolver()
    t1 = "P3X - Integrated Export Platforms and Growth Voucher for Startups."
    e1 = r.resolve(_doc(t1, "a.txt"), t1, RawExtraction(mentions=_mentions(
        t1, ("P3X - Integrated Export Platforms", "Programme"), ("Growth Voucher for Startups", "Programme"))))
    r.learn(e1)
    t2 = "Integrated Export Platforms and the Growth Voucher."
    e2 = r.resolve(_doc(t2, "b.txt"), t2, RawExtraction(mentions=_mentions(
        t2, ("Integrated Export Platforms", "Organisation"), ("Growth Voucher", "Programme"))))
    assert sorted(e.id for e in e1.entities) == sorted(e.id for e in e2.entities)
    assert all(e.label == "Programme" for e in e2.entities)


def test_institutions_of_two_cities_stay_apart_across_documents():
    # stripping the city leaves only the head noun ("université"): that joins nothing
    r = Resolver()
    t1 = "L'Université de Toulon est membre du pôle."
    e1 = r.resolve(_doc(t1, "a.txt"), t1, RawExtraction(mentions=_mentions(t1, ("Université de Toulon", "Organisation"))))
    r.learn(e1)
    t2 = "L'Université de Sfax est membre du cluster."
    e2 = r.resolve(_doc(t2, "b.txt"), t2, RawExtraction(mentions=_mentions(t2, ("Université de Sfax", "Organisation"))))
    assert e1.entities[0].id != e2.entities[0].id


def test_bare_head_meets_the_one_place_tagged_name_of_its_document():
    t = "Technopark Casablanca hosts startups; the TechnoPark also hosts a fablab."
    raw = RawExtraction(mentions=_mentions(t, ("Technopark Casablanca", "Organisation"), ("TechnoPark", "Organisation")))
    assert len(Resolver().resolve(_doc(t), t, raw).entities) == 1
    t = "Technopark Casablanca, Technopark Rabat and the TechnoPark network."
    raw = RawExtraction(mentions=_mentions(t, ("Technopark Casablanca", "Organisation"), ("Technopark Rabat", "Organisation"),
                                           ("TechnoPark", "Organisation")))
    assert len(Resolver().resolve(_doc(t), t, raw).entities) == 3
