"""Names found whole on fresh texts (issue 13, entity part): a programme with its years, an act with its
number, a country's government named by a phrase, a country that acts as a donor. Invented sentences and
names only (real country names); each row says what must be found and what must not."""
from __future__ import annotations

import pytest

from helpers import run

EDITIONS = [  # lang, text, the name found whole, a part that is no name of its own (or None)
    ("en", "The contribution is part of the Cooperation Programme for the Kelvo Coast 2021-24, with the Orion Bank.",
     "Cooperation Programme for the Kelvo Coast 2021-24", "Cooperation Programme for the Kelvo Coast"),
    ("en", "It is coherent with the Kelvo strategy 2021-24, which sets digital priorities.", "Kelvo strategy 2021-24",
     "Kelvo strategy"),
    ("en", "Orvalia has always been an advocate of the 2030 Agenda for Sustainable Growth.",
     "2030 Agenda for Sustainable Growth", "Agenda for Sustainable Growth"),
    ("fr", "Dans le cadre du document stratégique Vision 2030, le pôle Kelvo a été créé.", "Vision 2030", None),
    ("fr", "D'après le Plan Azur 2010/2014, trois parcs seront construits.", "Plan Azur 2010/2014", "Plan Azur"),
    ("en", "More than 100 start-ups have benefited from Circular 415, said the Orion Bank.", "Circular 415", None),
    ("en", "The Kelvo Forum 2022 gathered 300 firms in Tunis.", "Kelvo Forum 2022", "Kelvo Forum"),
]

NO_YEAR = [  # lang, text, names found as written: a year that dates an act or a body's name stays out
    ("en", "In 2018 Italy was the second host of the Orion Bank meetings.", {"Orion Bank"}),
    ("en", "The Orion Bank was founded in 2012 by the Lyra Agency.", {"Orion Bank", "Lyra Agency"}),
    ("en", "The Kelvo Cluster 2019 report lists 40 members.", {"Kelvo Cluster"}),
]

GOVERNMENTS = [  # lang, text, the government's name as written, its alias
    ("en", "The Kelvo programme, a 3 million euro initiative funded by the German government, supports firms.",
     "German government", "Government of Germany"),
    ("fr", "En vertu de ce contrat, le gouvernement allemand a mis à la disposition de l'Agence Kelvo une enveloppe.",
     "gouvernement allemand", "Government of Germany"),
    ("fr", "L'accord s'inscrit dans la vision élaborée par le gouvernement tunisien.", "gouvernement tunisien",
     "Government of Tunisia"),
    ("fr", "Le gouvernement du Maroc a lancé le programme Kelvo.", "gouvernement du Maroc", "Government of Morocco"),
    ("en", "The Orion Bank thanked the people and the government of Denmark for the grant.", "government of Denmark",
     None),
    # a country that acts as a donor is its government
    ("en", "Switzerland aims to support the development of a young start-up community in Kelvia.", "Switzerland",
     "Government of Switzerland"),
    ("en", "In 2018 Italy was the largest governmental donor providing voluntary contributions to the Orion Bank.",
     "Italy", "Government of Italy"),
]

NO_GOVERNMENT = [  # lang, text, a word that stays no organisation
    ("en", "The government announced new measures on Monday.", "government"),
    ("en", "Government officials from Jordan met the Kelvo Cluster.", "Jordan"),
    ("en", "Egypt is the fifth-largest producer of tomatoes in the region.", "Egypt"),
    ("en", "The Kelvo Hub opened an office in Italy to support start-ups.", "Italy"),
    ("fr", "Le gouvernement a annoncé de nouvelles mesures pour les jeunes entreprises.", "gouvernement"),
]


@pytest.mark.parametrize("lang,text,whole,part", EDITIONS)
def test_a_programme_keeps_its_years_and_an_act_its_number(lang, text, whole, part):
    found = {m.text for m in run(text, lang).mentions}
    assert whole in found and part not in found


@pytest.mark.parametrize("lang,text,names", NO_YEAR)
def test_a_year_outside_a_programme_name_stays_out(lang, text, names):
    assert names <= {m.text for m in run(text, lang).mentions}


@pytest.mark.parametrize("lang,text,name,alias", GOVERNMENTS)
def test_a_government_is_an_organisation(lang, text, name, alias):
    found = {m.text: m for m in run(text, lang).mentions}
    assert name in found
    m = found[name]
    assert (m.label, m.kind) == ("Organisation", "government")
    assert alias is None or alias in m.aliases


@pytest.mark.parametrize("lang,text,word", NO_GOVERNMENT)
def test_no_government_without_a_country_or_a_donor(lang, text, word):
    assert not [m for m in run(text, lang).mentions if m.text == word and m.label == "Organisation"]
