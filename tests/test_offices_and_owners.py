"""A minister named by office stands for the ministry ("Minister of Industry Jane Doe signed …", « le
ministre de l'Industrie a signé … »); the last "and" of a comma list of names ends a name ("A, Zeph
Ventures and Nortek Engineering"); a capitalised « Conseil » with an adjective opens a name; a post
("the Ambassador of X") is no body; "with a contribution from X" is money; a capitalised plan or
programme noun with its owner's possessive (« dans le cadre de son Plan … (PRE), la Région X … ») is
the owner's. An opening participle with its partner (« Organisé par A, en collaboration avec B, le Forum P
… ») runs the subject; "the forum", "this edition", « l'événement » are the event named before; a page's
title programme is "the project" however far down, until another programme is named. A unit's name before
"of" and a whole body's name after it are two bodies, the unit part of the body ("the Kelvo Institute of the
Orvalis Foundation"), and the unit, not the body, does what the clause says. Tables of invented sentences -> expected triples or names, negatives included."""
from __future__ import annotations

import pytest

from helpers import as_triples, run, triples

READ = [  # lang, text, triples that must be read
    ("en", "Minister of Industry John Smith signed a memorandum of understanding with Minister of Higher "
           "Education Ali Hassan.", {("PARTNERS_WITH", "Ministry of Industry", "Ministry of Higher Education")}),
    ("en", "The Minister of Trade signed an agreement with the Kelvo Chamber of Commerce.",
     {("PARTNERS_WITH", "Ministry of Trade", "Kelvo Chamber of Commerce")}),
    ("fr", "Le ministre de l'Industrie a signé une convention avec la Chambre de commerce de Kelvo.",
     {("PARTNERS_WITH", "Ministère de l'Industrie", "Chambre de commerce de Kelvo")}),
    ("en", "The Kelvo Startup Programme is run in collaboration with Orvalis Telecom, Zeph Ventures and Nortek "
           "Engineering.", {("RUNS", "Zeph Ventures", "Kelvo Startup Programme"),
                            ("RUNS", "Nortek Engineering", "Kelvo Startup Programme")}),
    ("fr", "L'Agence Kelvo a signé un protocole d'accord avec le Conseil suprême des universités (CSU).",
     {("PARTNERS_WITH", "Agence Kelvo", "Conseil suprême des universités")}),
    ("en", "The Orvalis Innovate programme was launched on Monday. The programme is funded by the European Union, "
           "with a contribution from the Zeph Cooperation Agency, and implemented by the Kelvo Development "
           "Organization.", {("FUNDS", "Zeph Cooperation Agency", "Orvalis Innovate"),
                             ("FUNDS", "European Union", "Orvalis Innovate")}),
    ("fr", "Le projet Orvalis est mis en œuvre par l'Agence Kelvo, avec une contribution financière de la Banque "
           "Nortek.", {("FUNDS", "Banque Nortek", "Orvalis")}),
    ("fr", "Dans le cadre de son Plan régional d'export des entreprises (PREE), la Région Kelvonie entend favoriser "
           "les partenariats.", {("RUNS", "Région Kelvonie", "Plan régional d'export des entreprises")}),
    ("en", "Under its Kelvo Digital Strategy, the Orvalis Agency supports start-ups.",
     {("RUNS", "Orvalis Agency", "Kelvo Digital Strategy")}),
    # an opening participle: its agents and its partners run the main clause's subject
    ("en", "Organised by the Orvalis Agency in collaboration with Nortek University, the Kelvo Innovation Forum "
           "gathered 200 participants.", {("RUNS", "Orvalis Agency", "Kelvo Innovation Forum"),
                                         ("RUNS", "Nortek University", "Kelvo Innovation Forum")}),
    ("fr", "Organisé par l'Agence Orvalis, le Forum Kelvo a réuni 200 participants.",
     {("RUNS", "Agence Orvalis", "Forum Kelvo")}),
    ("fr", "Organisé par l'Agence Orvalis, en collaboration avec l'Université Nortek, le Forum Kelvo a réuni 200 "
           "participants.", {("RUNS", "Agence Orvalis", "Forum Kelvo"), ("RUNS", "Université Nortek", "Forum Kelvo"),
                            ("PARTNERS_WITH", "Agence Orvalis", "Université Nortek")}),
    # the event named before
    ("en", "The Kelvo Innovation Forum opened on Monday in Tunis. The forum was organised by the Orvalis Agency.",
     {("RUNS", "Orvalis Agency", "Kelvo Innovation Forum")}),
    ("en", "The Kelvo Innovation Forum opened on Monday in Tunis. This first edition was organised by the Orvalis "
           "Agency.", {("RUNS", "Orvalis Agency", "Kelvo Innovation Forum")}),
    ("fr", "Le Forum Kelvo s'est ouvert lundi à Tunis. Cette première édition a été organisée par l'Agence Orvalis.",
     {("RUNS", "Agence Orvalis", "Forum Kelvo")}),
    # a page's title programme, however far down
    ("en", "The Nova4Clusters project\n\nNova4Clusters helps clusters grow. It offers training. It organises study "
           "visits. It publishes reports. The project is funded by the Kelvo Foundation.",
     {("FUNDS", "Kelvo Foundation", "Nova4Clusters")}),
    # "that" before a verb is a relative pronoun: the verb still counts
    ("en", "Zeph Bank and Kelvo Bank, the partners that fund the Orvalis Programme, met in Tunis.",
     {("FUNDS", "Zeph Bank", "Orvalis Programme"), ("FUNDS", "Kelvo Bank", "Orvalis Programme")}),
    # a unit of a body
    ("en", "The Kelvo Technology Centre of Orvalis University hosted the meeting.",
     {("PART_OF", "Kelvo Technology Centre", "Orvalis University")}),
    ("en", "The Kelvo Digital Division (KDD) of the Federation of Orvalis Chambers (FOC) signed the charter.",
     {("PART_OF", "Kelvo Digital Division", "Federation of Orvalis Chambers")}),
    ("en", "The Faculty of Engineering of Orvalis University joined the Kelvo Cluster.",
     {("PART_OF", "Faculty of Engineering", "Orvalis University"),
      ("MEMBER_OF", "Faculty of Engineering", "Kelvo Cluster")}),
]

NOT_READ = [  # lang, text, a triple that must not be read
    # a contribution to a talk is no money
    ("en", "The conference was organised by Nortek University with a contribution from Zeph Consulting on "
           "artificial intelligence.", ("FUNDS", "Zeph Consulting", "Nortek University")),
    # the head of government is no ministry
    ("en", "Prime Minister of Kelvoland John Smith welcomed the Orvalis Cluster.",
     ("SUPPORTS", "Ministry of Kelvoland", "Orvalis Cluster")),
    # an organisation partners organisations, never a programme
    ("en", "Organised by the Orvalis Agency in collaboration with Nortek University, the Kelvo Innovation Forum "
           "gathered 200 participants.", ("PARTNERS_WITH", "Orvalis Agency", "Kelvo Innovation Forum")),
    # an agent list's next item is no subject
    ("fr", "Organisé par l'Agence Orvalis, la Banque Nortek et l'Université Zeph, le forum a réuni 200 participants.",
     ("RUNS", "Agence Orvalis", "Banque Nortek")),
    # a project is no event; a forum of another body is not the forum named before
    ("en", "The Kelvo Skills project started in 2020. The event was organised by the Orvalis Agency.",
     ("RUNS", "Orvalis Agency", "Kelvo Skills")),
    ("en", "The Kelvo Innovation Forum opened on Monday. The forum of the Nova Region was organised by the Orvalis "
           "Agency.", ("RUNS", "Orvalis Agency", "Kelvo Innovation Forum")),
    # "the support of partners: A, B" is a noun: its givers follow, nobody supports them
    ("en", "The academy succeeded thanks to the organisation by Kelvo International and the support of project "
           "partners: Orvalis Hub, Zeph Network and Nortek.", ("SUPPORTS", "Kelvo International", "Orvalis Hub")),
    # the unit joins, not its body
    ("en", "The Faculty of Engineering of Orvalis University joined the Kelvo Cluster.",
     ("MEMBER_OF", "Orvalis University", "Kelvo Cluster")),
]

NAMES = [  # lang, text, names that must be found, names that must not
    ("en", "Minister of Investment John Smith visited the Kelvo Technopark.",
     {"Ministry of Investment", "Kelvo Technopark"}, {"Ministry of Investment John Smith", "John Smith"}),
    ("fr", "Le ministre de l'Enseignement supérieur et de la Recherche scientifique a visité le Cluster Kelvo.",
     {"Ministère de l'Enseignement supérieur et de la Recherche scientifique"}, set()),
    ("en", "Prime Minister of Kelvoland John Smith welcomed the Orvalis Cluster.", {"Orvalis Cluster"},
     {"Ministry of Kelvoland"}),
    ("en", "The project is run with Orvalis Telecom, Zeph Ventures and Nortek Engineering.",
     {"Zeph Ventures", "Nortek Engineering"}, {"Zeph Ventures and Nortek Engineering"}),
    # one-word fields after a comma stay in the ministry's name
    ("en", "The Ministry of Industry, Trade and Investment signed an agreement with Kelvo Bank.",
     {"Ministry of Industry, Trade and Investment"}, {"Trade and Investment"}),
    ("fr", "Le Conseil supérieur de la recherche a signé une convention avec l'Université de Kelvo.",
     {"Conseil supérieur de la recherche"}, {"Conseil"}),
    # the board of a body is its organ, not a body
    ("fr", "Le conseil d'administration de l'Agence Kelvo a approuvé le budget.", {"Agence Kelvo"},
     {"Conseil d'administration", "conseil d'administration"}),
    ("en", "The Ambassador of Kelvoland, John Smith, attended the launch of the Orvalis Cluster.",
     {"Orvalis Cluster"}, {"Ambassador of Kelvoland"}),
    ("en", "Experts from the Kelvo Institute of the Orvalis Foundation visited Tunis.",
     {"Kelvo Institute", "Orvalis Foundation"}, {"Kelvo Institute of the Orvalis Foundation"}),
    # a person named before the body they speak for; a page's share buttons
    ("en", "Speakers included Roberto Kelvi of Orvalis Spa and Tarek Zeph for the Nortek Federation of Industries.",
     {"Orvalis Spa", "Nortek Federation of Industries"}, {"Roberto Kelvi of Orvalis Spa"}),
    ("en", "Share on LinkedIn. The Kelvo Cluster signed an agreement with the Orvalis Agency.", {"Kelvo Cluster"},
     {"LinkedIn"}),
    ("en", "John Smith University of Kelvo signed an agreement.", {"John Smith University of Kelvo"}, {"Kelvo"}),
    # the remit ends before a second party, an honorific or a person; a minister of state heads no ministry
    ("en", "The Minister of Finance and the Central Bank of Kelvoland signed an agreement with the Orvalis Agency.",
     {"Ministry of Finance"}, {"Ministry of Finance and the Central Bank"}),
    ("en", "The Minister of Trade and Zeph Bank signed an agreement.", {"Ministry of Trade", "Zeph Bank"}, set()),
    ("en", "The Minister of Industry and the Minister of Finance signed a memorandum.",
     {"Ministry of Industry", "Ministry of Finance"}, set()),
    ("en", "Minister of Industry Ryad Kelvo signed an agreement with the Orvalis Agency.", {"Ministry of Industry"},
     {"Ministry of Industry Ryad Kelvo"}),
    ("en", "The Minister of Trade, Mr Kelvo, signed an agreement with the Orvalis Agency.", {"Ministry of Trade"},
     {"Ministry of Trade, Mr Kelvo"}),
    ("en", "The Minister of State for Trade visited the Orvalis Agency.", {"Orvalis Agency"},
     {"Ministry of State for Trade"}),
    # a given name before a numeral or a body word is a name's first word, not a person
    ("en", "The Hassan II Hospital of Orvalis signed an agreement with the Kelvo Cluster.",
     {"Hassan II Hospital of Orvalis"}, {"Orvalis"}),
    # a body's own council is its organ, not a name that swallows the body
    ("fr", "Le Conseil scientifique de l'Agence Kelvo a approuvé le Programme Orvalis.", {"Agence Kelvo"},
     {"Conseil scientifique de l'Agence Kelvo"}),
    # a chamber lists its fields; a coined word after the comma names another body
    ("en", "The Orvalis Chamber of Commerce, Industry and Agriculture signed an agreement with Kelvo Bank.",
     {"Orvalis Chamber of Commerce, Industry and Agriculture"}, {"Orvalis Chamber of Commerce"}),
    ("en", "The Kelvo Union of Farmers, Nortek Foods and Zeph Dairy signed the charter.",
     {"Kelvo Union of Farmers", "Nortek Foods", "Zeph Dairy"}, set()),
    # one-word or place complements stay in the name
    ("en", "The Kelvo Centre of Excellence signed an agreement with Orvalis University.",
     {"Kelvo Centre of Excellence"}, {"Kelvo Centre"}),
    ("en", "The Institute of Technology of Kelvoland trains engineers.",
     {"Institute of Technology of Kelvoland"}, set()),
]


@pytest.mark.parametrize("lang,text,expected", READ)
def test_offices_lists_and_owners_are_read(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text,triple", NOT_READ)
def test_what_says_no_link_gives_none(lang, text, triple):
    assert as_triples({triple}) & triples(text, lang, both_ways=True) == set()


@pytest.mark.parametrize("lang,text,found,not_found", NAMES)
def test_names_stand_for_the_body(lang, text, found, not_found):
    names = {m.canonical or m.text for m in run(text, lang).mentions}
    assert found <= names
    assert not (not_found & names)
