"""Who signs, who pays, who runs: titled signatories coordinated in one subject, a participle that opens
the sentence ("Funded through X, …"), support granted, an unnamed programme in apposition to its name
("Nova, a programme of X"), and an infinitive under an adjective of gladness ("A is proud to partner with
B"), a programme's owner written before it ("X's P programme", "the USAID P Program"), and "the latter"
naming a programme. Tables of invented sentences -> expected triples, negatives included."""
from __future__ import annotations

import pytest

from helpers import as_triples, triples

READ = [  # lang, text, triples that must be read
    # two titled signatories, the tree hanging the second title on the first one's name: their bodies partner
    ("en", "Director of the Kelvo Innovation Centre, Dr. Sami Haddad, and President of the Orvalis Technical "
           "University, Dr. Lina Farah, signed a memorandum of understanding on Sunday.",
     {("PARTNERS_WITH", "Kelvo Innovation Centre", "Orvalis Technical University")}),
    ("en", "Director of the Kelvo Innovation Centre (KIC), Sami Haddad, and President of the Orvalis Technical "
           "University, Lina Farah, signed an agreement.",
     {("PARTNERS_WITH", "Kelvo Innovation Centre", "Orvalis Technical University")}),
    # a participle opening the sentence is passive: its "through" names who pays, when an organisation
    ("en", "Funded through the Kelvo Agency for Development, the Orvalis Technology Incubator opened in 2005.",
     {("FUNDS", "Kelvo Agency for Development", "Orvalis Technology Incubator")}),
    ("en", "Funded by the Kelvo Agency for Development, the Orvalis Technology Incubator opened in 2005.",
     {("FUNDS", "Kelvo Agency for Development", "Orvalis Technology Incubator")}),
    # support granted, called money: funding
    ("en", "The Zeph Foundation granted financial support of 500,000 euros to Kelvo Labs.",
     {("FUNDS", "Zeph Foundation", "Kelvo Labs")}),
    ("en", "The Zeph Foundation awarded technical assistance to the Kelvo Cluster.",
     {("SUPPORTS", "Zeph Foundation", "Kelvo Cluster")}),
    # an unnamed programme noun in apposition after a name: the name is the body's programme
    ("en", "Nova Training, a global knowledge-sharing program of the Kelvo Foundation, started in 2016.",
     {("RUNS", "Kelvo Foundation", "Nova Training")}),
    ("fr", "Nova Formation, un programme de la Fondation Kelvo, a démarré en 2016.",
     {("RUNS", "Fondation Kelvo", "Nova Formation")}),
    # gladness states a fact: the infinitive's act is the subject's
    ("en", "Zeph Legal was delighted to be involved in the Nova Readiness Program.",
     {("PARTICIPATES_IN", "Zeph Legal", "Nova Readiness Program")}),
    ("en", "Kelvo Labs is proud to partner with the Orvalis Cluster.",
     {("PARTNERS_WITH", "Kelvo Labs", "Orvalis Cluster")}),
    ("fr", "Kelvo Labs est ravie de participer au programme Nova.", {("PARTICIPATES_IN", "Kelvo Labs", "Nova")}),
]

READ += [
    # a programme's owner before it, by a possessive or as the acronym that opens its name, runs it (a funder
    # too: "the EU's P programme" is the EU's own)
    ("en", "Kelvo Labs joined the Orvalis Foundation's Nova Skills Programme in 2021.",
     {("RUNS", "Orvalis Foundation", "Nova Skills Programme")}),
    ("en", "The project is part of the European Union's Kelvo Med Programme.",
     {("RUNS", "European Union", "Kelvo Med Programme")}),
    ("en", "Kelvo Labs received a grant from the USAID Orvalis Competitiveness Program.",
     {("RUNS", "USAID", "Orvalis Competitiveness Program")}),
    # each owner its own fund, in a list of funds
    ("en", "These will be funded by the EU Kelvo Investment Facility (KIF), the ZEPH Multi-Donor Account and the "
           "EBRD Orvalis Special Fund.",
     {("RUNS", "EU", "Kelvo Investment Facility"), ("RUNS", "EBRD", "Orvalis Special Fund")}),
]

READ += [
    # "the latter", « ce dernier »: the actor named last, a programme too
    ("fr", "L’Agence Kelvo a lancé le programme Nova Croissance. Ce dernier est financé par la Banque Orvalis.",
     {("FUNDS", "Banque Orvalis", "Nova Croissance")}),
    ("en", "The Nova Growth programme supports startups. The latter is funded by the Kelvo Agency.",
     {("FUNDS", "Kelvo Agency", "Nova Growth")}),
    ("fr", "Le programme Nova Société accompagne les startups. Ce dernier, est lancé en étroite collaboration entre "
           "l’Agence Kelvo, l’Union européenne et la Confédération Orvalis.",
     {("RUNS", "Agence Kelvo", "Nova Société"), ("RUNS", "Confédération Orvalis", "Nova Société")}),
]

NOT_READ = [  # lang, text, a triple that must not be read
    # a programme named after "through" is a channel, not a funder
    ("en", "The Orvalis Technology Incubator is funded through the Nova Programme of the Kelvo Agency.",
     ("FUNDS", "Nova Programme", "Orvalis Technology Incubator")),
    # eagerness and readiness are wishes: no act
    ("en", "Kelvo Labs is keen to partner with the Orvalis Cluster.", ("PARTNERS_WITH", "Kelvo Labs", "Orvalis Cluster")),
    ("en", "Kelvo Labs is eager to be involved in the Nova Readiness Program.",
     ("PARTICIPATES_IN", "Kelvo Labs", "Nova Readiness Program")),
    ("fr", "Kelvo Labs est prête à participer au programme Nova.", ("PARTICIPATES_IN", "Kelvo Labs", "Nova")),
    # a titled person alone signs for one body: no second party
    ("en", "Director of the Kelvo Innovation Centre, Sami Haddad, signed the agreement with Lina Farah.",
     ("PARTNERS_WITH", "Kelvo Innovation Centre", "Lina Farah")),
    # the owner of one fund in a list owns none of the others
    ("en", "These will be funded by the EU Kelvo Investment Facility (KIF), the ZEPH Multi-Donor Account and the "
           "EBRD Orvalis Special Fund.", ("RUNS", "EU", "ZEPH Multi-Donor Account")),
    # « ce dernier » after a body that launched a programme is the programme, not the body
    ("fr", "L’Agence Kelvo a lancé le programme Nova Croissance. Ce dernier est financé par la Banque Orvalis.",
     ("FUNDS", "Banque Orvalis", "Agence Kelvo")),
    # a place's programme has no runner named
    ("en", "Kelvo Labs joined Morocco's Nova Skills Programme.", ("RUNS", "Morocco", "Nova Skills Programme")),
    # "the P programme of the EU" (after the name): run or funded, the text does not say
    ("fr", "Il s’agit d’un incubateur soutenu par le programme NOVA de l’Union européenne (UE).",
     ("RUNS", "Union européenne", "NOVA")),
    # a programme of a body, with a determiner, is no apposition of the name before the comma
    ("en", "Kelvo Labs joined the accelerator, the training programme of the Zeph Foundation, in May.",
     ("RUNS", "Zeph Foundation", "Kelvo Labs")),
]


@pytest.mark.parametrize("lang,text,expected", READ)
def test_signatories_funders_and_runners_are_read(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text,triple", NOT_READ)
def test_channels_wishes_and_lone_signatories_give_no_edge(lang, text, triple):
    assert as_triples({triple}) & triples(text, lang, both_ways=True) == set()
