"""What a page's head says about the lists and fields under it: a block of fields under a heading that
names the project ("NOVA-MED project", « Le projet NOVA-MED »), field values written in French sentence
case (« Chambre de commerce de Kelvo »), an "Our partners" list on a page that says what it is in its
first lines ("The Kelvo Technopark is …"), and "it" after an adjunct that opens the sentence. Tables of
invented pages -> expected triples, negatives included."""
from __future__ import annotations

import pytest

from helpers import as_triples, triples

FIELDS_EN = """NOVA-MED project
Lead partner: Kelvo Chamber of Commerce
Partners: University of Orvalis, Zeph Innovation Agency, Nortek Cluster
Budget: EUR 2.5 million
Funded by: European Union
"""

FIELDS_FR = """Le projet NOVA-MED
Chef de file : Chambre de commerce de Kelvo
Partenaires : Université d'Orvalis, Agence Zeph de l'innovation, Cluster Nortek
"""

OWN_PARTNERS_EN = """About us
The Kelvo Technopark is an innovation platform created in 2012.
Our partners
Kelvo Bank
Orvalis University
"""

OWN_PARTNERS_FR = """Qui sommes-nous ?
Le Technopôle de Kelvo est une plateforme d'innovation créée en 2012.
Nos partenaires
Banque Kelvo
Université d'Orvalis
"""

READ = [  # lang, text, triples that must be read
    ("en", FIELDS_EN, {("RUNS", "Kelvo Chamber of Commerce", "NOVA-MED"),
                       ("PARTICIPATES_IN", "University of Orvalis", "NOVA-MED"),
                       ("PARTICIPATES_IN", "Nortek Cluster", "NOVA-MED"),
                       ("FUNDS", "European Union", "NOVA-MED")}),
    ("fr", FIELDS_FR, {("RUNS", "Chambre de commerce de Kelvo", "NOVA-MED"),
                       ("PARTICIPATES_IN", "Agence Zeph de l'innovation", "NOVA-MED"),
                       ("PARTICIPATES_IN", "Université d'Orvalis", "NOVA-MED")}),
    ("en", OWN_PARTNERS_EN, {("PARTNERS_WITH", "Kelvo Technopark", "Kelvo Bank"),
                             ("PARTNERS_WITH", "Kelvo Technopark", "Orvalis University")}),
    ("fr", OWN_PARTNERS_FR, {("PARTNERS_WITH", "Technopôle de Kelvo", "Banque Kelvo"),
                             ("PARTNERS_WITH", "Technopôle de Kelvo", "Université d'Orvalis")}),
    # "it" after an opening adjunct is the previous sentence's subject
    ("en", "The Kelvo Incubator supports young companies. Since its launch in 2018, it has incubated more than "
           "50 start-ups, including Orvalis Data and Zeph Health.",
     {("SUPPORTS", "Kelvo Incubator", "Orvalis Data"), ("SUPPORTS", "Kelvo Incubator", "Zeph Health")}),
]

NOT_READ = [  # lang, text, a triple that must not be read
    # a heading that is no project's name gives the fields no project
    ("en", FIELDS_EN.replace("NOVA-MED project", "New project"), ("RUNS", "Kelvo Chamber of Commerce", "New")),
    # a description in sentence case is no name: no partner is read from it
    ("fr", FIELDS_FR.replace("Cluster Nortek", "agence de développement"),
     ("PARTICIPATES_IN", "agence de développement", "NOVA-MED")),
    # a page that does not speak for itself: its partner list has no owner
    ("en", OWN_PARTNERS_EN.replace("Our partners", "Partners"), ("PARTNERS_WITH", "Kelvo Technopark", "Kelvo Bank")),
    # a page whose first lines say what something else is: that is not the page's organisation
    ("en", OWN_PARTNERS_EN.replace("The Kelvo Technopark is an", "We visited the Kelvo Technopark, an"),
     ("PARTNERS_WITH", "Kelvo Technopark", "Kelvo Bank")),
    # "it" after a comma inside the sentence is not read as the earlier subject
    ("en", "The Kelvo Incubator supports young companies. Orvalis Data grew fast, it has incubated Zeph Health.",
     ("SUPPORTS", "Kelvo Incubator", "Zeph Health")),
]


@pytest.mark.parametrize("lang,text,expected", READ)
def test_page_heads_give_their_lists_and_fields_an_owner(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text,triple", NOT_READ)
def test_no_owner_without_a_head_that_names_it(lang, text, triple):
    assert as_triples({triple}) & triples(text, lang, both_ways=True) == set()
