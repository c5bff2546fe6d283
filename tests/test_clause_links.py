"""How a clause links its parties, in constructions common to news and project pages: a relative pronoun
after a preposition ("with which A signed …", « avec lequel »); a year fronted with the frame's own
preposition ("In 2021, A invested … in B"); a participle on a name (« A, associée à B »); the act on an
act noun ("fund the creation of X"); a clause set in a programme ("launched under the P programme",
« dans le cadre du programme P »). And where a name ends: a verb after it (« la Banque X finance … »), a
second participle (« piloté par le ministère X et doté de … »), « pour le compte de », a second body's
full name after "and", « cette dernière » agreeing with its body, a sentence-case institution in a sentence with no other name; "members of X" after a preposition names no member. Tables of invented
sentences -> expected triples or names, negatives included."""
from __future__ import annotations

import pytest

from helpers import as_triples, run, triples

READ = [  # lang, text, triples that must be read
    # a statement of membership is still read
    ("en", "The Nortek Foundation, a member of the Kelvo Solar Cluster, trains engineers.",
     {("MEMBER_OF", "Nortek Foundation", "Kelvo Solar Cluster")}),
    # a relative pronoun object of a preposition stands for the name it follows
    ("en", "Nortek Biotech Cluster, with which Zeph Health Cluster signed a cooperation agreement last year, "
           "has 40 members.", {("PARTNERS_WITH", "Zeph Health Cluster", "Nortek Biotech Cluster")}),
    ("en", "The Kelvo Institute, with which the Orvalis Cluster has partnered since 2018, trains engineers.",
     {("PARTNERS_WITH", "Orvalis Cluster", "Kelvo Institute")}),
    # a fronted year is when, not a party: the recipient is found on the amount
    ("en", "In 2021, Zeph Capital invested 2 million euros in Kelvo Robotics.",
     {("FUNDS", "Zeph Capital", "Kelvo Robotics")}),
    # a participle hung on a name has that name for its party
    ("fr", "L’Organisation Kelvo pour le développement (OKD), associée à l’Agence Orvalis de développement "
           "(AOD), organise un atelier sur les clusters.",
     {("PARTNERS_WITH", "Organisation Kelvo pour le développement", "Agence Orvalis de développement")}),
    # the creation or development of a body is the body
    ("en", "The Orvalis Bank will fund the creation of the Kelvo Textile Cluster.",
     {("FUNDS", "Orvalis Bank", "Kelvo Textile Cluster")}),
    ("en", "The Zeph Agency supports the development of the Nova Energy Cluster.",
     {("SUPPORTS", "Zeph Agency", "Nova Energy Cluster")}),
    # a passive clause or participle set in a programme: the body takes part in it, a project is part of it
    ("en", "The Kelvo Cluster was launched in 2019 under the Orvalis Innovation Programme.",
     {("PARTICIPATES_IN", "Kelvo Cluster", "Orvalis Innovation Programme")}),
    ("fr", "Le Cluster Kelvo a été créé en 2019 dans le cadre du programme Orvalis Innovation.",
     {("PARTICIPATES_IN", "Cluster Kelvo", "Orvalis Innovation")}),
    # « ce dernier » / « cette dernière » is the last body named of its gender
    ("fr", "Kelvo Invest, filiale du Groupe Orvalis, a lancé l'Association Nova Agro. Cette dernière, labellisée "
           "par le ministère de l’Agriculture, regroupe 30 entreprises.",
     {("LABELLED_BY", "Association Nova Agro", "ministère de l’Agriculture")}),
    ("fr", "Le Cluster Orvalis a signé une convention avec l'Agence Kelvo. Ce dernier est labellisé par le "
           "ministère de l’Industrie.", {("LABELLED_BY", "Cluster Orvalis", "ministère de l’Industrie")}),
    # the participle after the project's phrase is about the project; a plural one about the listed bodies
    ("fr", "Le Cluster Kelvo coordonne, en partenariat avec l'Agence Orvalis, le projet Nova Skills, cofinancé par "
           "l'Union européenne.", {("FUNDS", "Union européenne", "Nova Skills"),
                                  ("PARTNERS_WITH", "Cluster Kelvo", "Agence Orvalis")}),
    ("en", "The Kelvo Cluster coordinates, in partnership with the Orvalis Agency, the Nova Skills project, co-funded "
           "by the European Union.", {("FUNDS", "European Union", "Nova Skills")}),
    ("fr", "Le Cluster Kelvo et l'Agence Orvalis, financés par l'Union européenne, forment des techniciens.",
     {("FUNDS", "Union européenne", "Cluster Kelvo"), ("FUNDS", "Union européenne", "Agence Orvalis")}),
    # money "with a funding from" a body, in an opening participle's clause
    ("fr", "Lancé en 2020 par le ministère de l’Économie numérique avec un financement de la Banque Zeph, le Hub "
           "Orvalis Innovation a formé 300 entrepreneurs.", {("FUNDS", "Banque Zeph", "Hub Orvalis Innovation")}),
    # a verb after a name is no part of it, whatever the tagger calls it
    ("fr", "La Banque Kelvo finance le projet Zeph.", {("FUNDS", "Banque Kelvo", "Zeph")}),
]

NOT_READ = [  # lang, text, a triple that must not be read
    ("fr", "Le Cluster Orvalis a signé une convention avec l'Agence Kelvo. Ce dernier est labellisé par le "
           "ministère de l’Industrie.", ("LABELLED_BY", "Agence Kelvo", "ministère de l’Industrie")),
    # an active clause under a programme does not say whether its subject runs it or takes part in it
    ("en", "The Kelvo Agency trains start-ups under the Orvalis Innovation Programme.",
     ("PARTICIPATES_IN", "Kelvo Agency", "Orvalis Innovation Programme")),
    # a participle on a noun coordinated with a name is about the noun only
    ("fr", "Le Cluster Kelvo coordonne, en partenariat avec l'Agence Orvalis, le projet Nova Skills, cofinancé par "
           "l'Union européenne dans le cadre du programme Zeph Med.", ("PARTICIPATES_IN", "Agence Orvalis", "Zeph Med")),
    # an indefinite apposition describes the name before it: the programme named in it runs nothing
    ("en", "Both clusters are partners in KELVOMED, an Interreg Euro-MED project coordinated by the University of "
           "Orvalis.", ("RUNS", "University of Orvalis", "Interreg Euro-MED")),
    # "members of X" after a preposition or an article names no member
    ("en", "Under the partnership, the Nortek Foundation will provide technical assistance to members of the Kelvo "
           "Solar Cluster.", ("MEMBER_OF", "Nortek Foundation", "Kelvo Solar Cluster")),
    ("fr", "La Fondation Nortek apportera une assistance technique aux membres du Cluster Kelvo Solaire.",
     ("MEMBER_OF", "Fondation Nortek", "Cluster Kelvo Solaire")),
    # a project named after a comma is the clause's object, neither a partner nor a co-recipient
    ("fr", "Le Cluster Kelvo coordonne, en partenariat avec l'Agence Orvalis, le projet Nova Skills, cofinancé par "
           "l'Union européenne.", ("FUNDS", "Union européenne", "Agence Orvalis")),
    ("fr", "Le Cluster Kelvo coordonne, en partenariat avec l'Agence Orvalis, le projet Nova Skills, cofinancé par "
           "l'Union européenne.", ("PARTNERS_WITH", "Cluster Kelvo", "Nova Skills")),
    ("en", "The Kelvo Cluster coordinates, in partnership with the Orvalis Agency, the Nova Skills project, co-funded "
           "by the European Union.", ("FUNDS", "European Union", "Orvalis Agency")),
    # a wish set in a programme is no fact
    ("en", "The Kelvo Cluster could be launched next year under the Orvalis Innovation Programme.",
     ("PARTICIPATES_IN", "Kelvo Cluster", "Orvalis Innovation Programme")),
    # a year is no recipient
    ("en", "In 2021, Zeph Capital invested 2 million euros in Kelvo Robotics.", ("FUNDS", "Zeph Capital", "2021")),
    # an agreement signed with a thing named by a relative clause is no partnership of the things
    ("en", "The Kelvo Institute, which the Orvalis Cluster visited in 2018, trains engineers.",
     ("PARTNERS_WITH", "Orvalis Cluster", "Kelvo Institute")),
]

NAMES = [  # lang, text, names that must be found, names that must not
    ("fr", "La Fondation Orvalis finance Kelvo Bio.", {"Fondation Orvalis"}, {"Fondation Orvalis finance"}),
    ("fr", "L’Agence Kelvo soutient depuis 2019 le Cluster Orvalis.", {"Agence Kelvo"}, {"Agence Kelvo soutient"}),
    ("fr", "Ce programme, piloté par le ministère de l’Industrie et doté de 5 millions d’euros par la Banque "
           "Kelvo, vise les clusters.", {"ministère de l’Industrie", "Banque Kelvo"},
     {"ministère de l’Industrie et doté"}),
    ("fr", "Le programme est mis en œuvre par l’Agence Zeph pour le compte du ministère de l’Économie.",
     {"Agence Zeph", "ministère de l’Économie"}, {"Agence Zeph pour le compte du ministère de l’Économie"}),
    ("fr", "Cette dernière, labellisée par le ministère de l’Agriculture, regroupe 30 entreprises.",
     {"ministère de l’Agriculture"}, set()),
    # a capitalised word glued by an apostrophe to a lower-case one is one brand, not an elision
    ("fr", "Les pôles Kelvo, Innov’alliance et Optitec ont été labellisés par l’État.", {"Innov’alliance"}, {"Innov"}),
    ("en", "Kelvo's programme and the Orvalis Cluster's members met.", {"Orvalis Cluster"}, {"Kelvo's", "Cluster's"}),
    # a plan's target year is part of its name; a year before another noun is not
    ("en", "The partnership supports the government's Kelvo Digital 2030 strategy.", {"Kelvo Digital 2030 strategy"},
     {"Kelvo Digital strategy"}),
    ("fr", "La stratégie Kelvo Digital 2030 est pilotée par l’Agence Orvalis.", {"Kelvo Digital 2030"},
     {"Kelvo Digital"}),
    ("en", "The Kelvo Cluster 2023 report was published by the Orvalis Agency.", {"Kelvo Cluster"},
     {"Kelvo Cluster 2023"}),
    # a second body's full name after "and" is a second name; a field after "and" is part of the first
    ("en", "The partners include the Kelvo Chamber of Commerce and Orvalis Technopark.",
     {"Kelvo Chamber of Commerce", "Orvalis Technopark"}, {"Kelvo Chamber of Commerce and Orvalis Technopark"}),
    ("en", "The Association of Textile Producers and Orvalis Fashion Cluster signed a memorandum.",
     {"Association of Textile Producers", "Orvalis Fashion Cluster"}, set()),
    ("en", "The Chamber of Commerce and Industry of Kelvo joined the network.",
     {"Chamber of Commerce and Industry of Kelvo"}, set()),
    ("en", "The Ministry of Higher Education and Scientific Research funds the Orvalis Institute.",
     {"Ministry of Higher Education and Scientific Research"}, set()),
]


@pytest.mark.parametrize("lang,text,expected", READ)
def test_clause_links_are_read(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text,triple", NOT_READ)
def test_clauses_that_say_no_link_give_none(lang, text, triple):
    assert as_triples({triple}) & triples(text, lang, both_ways=True) == set()


@pytest.mark.parametrize("lang,text,found,not_found", NAMES)
def test_names_end_where_the_name_ends(lang, text, found, not_found):
    names = {m.canonical or m.text for m in run(text, lang).mentions}
    assert found <= names
    assert not (not_found & names)
