"""Sentence-level extraction in English: one table of sentences (written for these tests, not taken
from the corpus) → expected (type, source, target) triples, negative cases, evidence invariants."""
from __future__ import annotations

import pytest

from ecograph.ids import norm

from helpers import run, t, triples


POSITIVE = [
    # joint act: both partners run the programme, and partner with each other
    ("Medinnov, in partnership with the Sahara Business Network, launched the Blue Economy Challenge.",
     [t("RUNS", "Medinnov", "Blue Economy Challenge"), t("RUNS", "Sahara Business Network", "Blue Economy Challenge"),
      t("PARTNERS_WITH", "Medinnov", "Sahara Business Network")]),
    ("A partnership agreement between Tanger Tech Hub and the University of Sfax was signed in 2021.",
     [t("PARTNERS_WITH", "Tanger Tech Hub", "University of Sfax")]),
    ("Atlas Robotics signed an agreement with Datalink Systems.",
     [t("PARTNERS_WITH", "Atlas Robotics", "Datalink Systems")]),
    ("Atlas Robotics is a member of the Moroccan Automotive Cluster.",
     [t("MEMBER_OF", "Atlas Robotics", "Moroccan Automotive Cluster")]),
    # lists distribute
    ("Members of the Souss Agro Cluster include Biosud, Argana Foods and Tafraout Oils.",
     [t("MEMBER_OF", "Biosud", "Souss Agro Cluster"), t("MEMBER_OF", "Argana Foods", "Souss Agro Cluster"),
      t("MEMBER_OF", "Tafraout Oils", "Souss Agro Cluster")]),
    ("The Oriental Tech Cluster gathers Nexio, Datalink Systems and the Oujda Software Center.",
     [t("MEMBER_OF", "Nexio", "Oriental Tech Cluster"), t("MEMBER_OF", "Datalink Systems", "Oriental Tech Cluster"),
      t("MEMBER_OF", "Oujda Software Center", "Oriental Tech Cluster")]),
    ("The Rif Textile Cluster is supported by GIZ, the European Union and UNIDO.",
     [t("SUPPORTS", "GIZ", "Rif Textile Cluster"), t("SUPPORTS", "European Union", "Rif Textile Cluster"),
      t("SUPPORTS", "UNIDO", "Rif Textile Cluster")]),
    ("In Tunisia, Smart Capital is supporting the Medina Labs Cluster.",
     [t("SUPPORTS", "Smart Capital", "Medina Labs Cluster"), t("LOCATED_IN", "Smart Capital", "Tunisia"),
      t("LOCATED_IN", "Medina Labs Cluster", "Tunisia")]),
    ("The Blue Economy Challenge is funded by the World Bank.",
     [t("FUNDS", "World Bank", "Blue Economy Challenge")]),
    ("Nexio coordinates the EU-funded project MedTech Bridge.",
     [t("FUNDS", "EU", "MedTech Bridge"), t("RUNS", "Nexio", "MedTech Bridge")]),
    ("The Digital Souk Forum is organised by the Casablanca Chamber of Commerce.",
     [t("RUNS", "Casablanca Chamber of Commerce", "Digital Souk Forum")]),
    ("Nexio took part in the Blue Economy Challenge.",
     [t("PARTICIPATES_IN", "Nexio", "Blue Economy Challenge")]),
    ("Nexio was selected for the Women Founders Track of the Blue Economy Challenge.",
     [t("PARTICIPATES_IN", "Nexio", "Women Founders Track"), t("PART_OF", "Women Founders Track", "Blue Economy Challenge")]),
    ("The Rif Textile Cluster is labelled by the Ministry of Industry.",
     [t("LABELLED_BY", "Rif Textile Cluster", "Ministry of Industry")]),
    ("Datalink Systems, based in Rabat, develops software for banks.",
     [t("LOCATED_IN", "Datalink Systems", "Rabat")]),
    ("Argana Foods operates in the agri-food sector.",
     [t("ACTIVE_IN", "Argana Foods", "Agri-food")]),
    ("The Souss Agro Cluster is a Moroccan association.",
     [t("LOCATED_IN", "Souss Agro Cluster", "Morocco")]),
]


@pytest.mark.parametrize("sentence,expected", POSITIVE, ids=[p[0][:40] for p in POSITIVE])
def test_relation_table(sentence, expected):
    got = triples(sentence)
    for e in expected:
        assert e in got, f"missing {e} in {sorted(got)}"


NEGATIVE = [
    "Nexio did not take part in the Blue Economy Challenge.",                  # negation
    "We hope that the World Bank will fund the Rif Textile Cluster.",          # wish
    "Nexio would like to join the Souss Agro Cluster.",                        # wish
    "If the World Bank funded the Blue Economy Challenge, it could grow.",     # hypothetical
    "Nexio needs to participate in the Blue Economy Challenge.",               # need
    "Was the Blue Economy Challenge funded by the World Bank?",                # question
    "Nexio and the World Bank were both mentioned in the annual report.",      # co-occurrence
    "Nexio should become a member of the Souss Agro Cluster.",                 # modal
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_no_edge(sentence):
    core = {x for x in triples(sentence) if x[0] not in ("LOCATED_IN", "ACTIVE_IN")}
    assert core == set()


def test_acronym_definition_and_founded():
    text = "The Regional Investment Agency (RIA) helps exporters.\nRIA was created in 2015 and is based in Agadir."
    r = run(text)
    long = [m for m in r.mentions if m.text == "Regional Investment Agency"]
    assert long and long[0].aliases == ["RIA"]
    short = [m for m in r.mentions if m.text == "RIA" and m.start > 40]
    assert short and short[0].founded == 2015
    assert ("LOCATED_IN", "ria", "agadir") in triples(text)


def test_first_person_resolves_to_the_document_organisation():
    text = "Atlas Robotics Cluster: an interview\n\nWe took part in the Blue Economy Challenge in 2022."
    assert t("PARTICIPATES_IN", "Atlas Robotics Cluster", "Blue Economy Challenge") in triples(text)


def test_first_person_without_a_main_organisation_gives_nothing():
    assert triples("Annual report\n\nWe took part in the Blue Economy Challenge.") == set()


def test_evidence_is_the_sentence_in_the_original_text():
    text = ("Cluster news\n\n  Nexio’s partner, Datalink Systems, is a member of the Oriental Tech Cluster.  \n"
            "The Blue Economy Challenge is funded by the World Bank.")
    r = run(text)
    assert r.candidates
    for c in r.candidates:
        ev = text[c.start:c.end]
        assert ev == ev.strip() and ev.endswith(".")
        assert "\n" not in ev
        assert c.source.text in ev and c.target.text in ev or c.type in ("LOCATED_IN", "ACTIVE_IN")
        assert 0 < c.confidence <= 1 and c.method
    for m in r.mentions:
        assert " ".join(text[m.start:m.end].split()) == m.text


def test_pdf_line_breaks_inside_a_sentence():
    filler = "This paragraph is flattened from a PDF page and every line is wrapped at the page width, here"
    text = "\n\n".join([filler + ".", filler, filler + ".",
                       "The Rif Textile Cluster, which opened its doors in Tetouan, is now supported by the",
                       "World Bank and UNIDO since the beginning of the programme in the region of the north.",
                       filler + "."])
    got = triples(text)
    assert t("SUPPORTS", "World Bank", "Rif Textile Cluster") in got
    assert t("SUPPORTS", "UNIDO", "Rif Textile Cluster") in got
    r = run(text)
    c = next(c for c in r.candidates if c.type == "SUPPORTS")
    assert text[c.start:c.end].startswith("The Rif Textile Cluster") and text[c.start:c.end].endswith("north.")


def test_people_and_citations_are_not_organisations():
    text = ("Picture of Josiane Karam\n\nJosiane Karam\n\nAccording to Porter (1990), clusters matter "
            "(Delgado et al., 2014; Smith, 2006). Mr. Hamid Alaoui visited the Oriental Tech Cluster.")
    names = {m.text for m in run(text).mentions if m.label in ("Organisation", "Programme")}
    assert names == {"Oriental Tech Cluster"}


def test_blank_pipeline_only():
    from ecograph.ingest.entities import nlp
    assert nlp("en").pipe_names == [] and nlp("fr").pipe_names == []


def test_an_unresolved_anaphor_gives_no_edge():
    # no title names the document's organisation, so 'The cluster' stays unresolved
    got = triples("The cluster is supported by Expertise France and the Tunisian Ministry of Industry.")
    assert not {x for x in got if x[0] == "SUPPORTS"}


@pytest.mark.parametrize("sentence, year_of", [
    ("Nexora was created in 2016 by the Harbour Foundation.", {"nexora": 2016, "harbour foundation": None}),
    ("Nexora was founded in 2013 and works with Delta Robotics.", {"nexora": 2013, "delta robotics": None}),
    ("Le Cluster Vega a été créé en 2011 avec l'appui de la Fondation Horizon.",
     {"cluster vega": 2011, "fondation horizon": None}),
])
def test_founding_year_goes_to_the_subject_only(sentence, year_of):
    r = run(sentence, "fr" if " le " in f" {sentence.lower()} " else "en")
    got = {norm(m.canonical or m.text): m.founded for m in r.mentions}
    for name, year in year_of.items():
        assert name in got, (name, got)
        assert got[name] == year, (name, got)


def test_founded_in_a_place_gives_one_located_in():
    r = run("Nexora, a maritime cluster, was founded in 2013 in Piraeus.")
    located = [c for c in r.candidates if c.type == "LOCATED_IN"]
    assert [(norm(c.source.text), norm(c.target.text)) for c in located] == [("nexora", "piraeus")]
