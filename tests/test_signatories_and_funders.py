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
           "University, Dr. Lina Farah, signed a three-year research agreement.",
     {("PARTNERS_WITH", "Kelvo Innovation Centre", "Orvalis Technical University")}),
    ("en", "Director of the Kelvo Innovation Centre (KIC), Sami Haddad, and President of the Orvalis Technical "
           "University, Lina Farah, signed an agreement.",
     {("PARTNERS_WITH", "Kelvo Innovation Centre", "Orvalis Technical University")}),
    # a participle opening the sentence is passive: its "through" names who pays, when an organisation
    ("en", "Funded through the Kelvo Agency for Development, the Orvalis Technology Incubator now hosts twelve "
           "start-ups.", {("FUNDS", "Kelvo Agency for Development", "Orvalis Technology Incubator")}),
    ("en", "Funded by the Kelvo Agency for Development, the Orvalis Technology Incubator now hosts twelve start-ups.",
     {("FUNDS", "Kelvo Agency for Development", "Orvalis Technology Incubator")}),
    # support granted, called money: funding
    ("en", "The Zeph Foundation granted financial support of two million dollars to Kelvo Labs.",
     {("FUNDS", "Zeph Foundation", "Kelvo Labs")}),
    ("en", "The Zeph Foundation awarded technical assistance to the Kelvo Cluster.",
     {("SUPPORTS", "Zeph Foundation", "Kelvo Cluster")}),
    # an unnamed programme noun in apposition after a name: the name is the body's programme
    ("en", "Nova Coaching, a regional mentoring programme of the Kelvo Foundation, trains forty engineers a year.",
     {("RUNS", "Kelvo Foundation", "Nova Coaching")}),
    ("fr", "Nova Formation, un programme de la Fondation Kelvo, forme quarante ingénieurs par an.",
     {("RUNS", "Fondation Kelvo", "Nova Formation")}),
    # gladness states a fact: the infinitive's act is the subject's
    ("en", "Zeph Legal is delighted to be involved in the Nova Export Programme this year.",
     {("PARTICIPATES_IN", "Zeph Legal", "Nova Export Programme")}),
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
    ("en", "Kelvo Labs received a grant from the USAID Orvalis Export Program.",
     {("RUNS", "USAID", "Orvalis Export Program")}),
    # each owner its own fund, in a list of funds
    ("en", "The loans draw on the EU Kelvo Growth Facility (KGF), the ZEPH Trust Account and the EBRD Orvalis "
           "Green Fund.",
     {("RUNS", "EU", "Kelvo Growth Facility"), ("RUNS", "EBRD", "Orvalis Green Fund")}),
]

READ += [
    # "the latter", « ce dernier »: the actor named last, a programme too
    ("fr", "L’Agence Kelvo a lancé le programme Nova Croissance. Ce dernier est financé par la Banque Orvalis.",
     {("FUNDS", "Banque Orvalis", "Nova Croissance")}),
    ("en", "The Nova Growth programme supports startups. The latter is funded by the Kelvo Agency.",
     {("FUNDS", "Kelvo Agency", "Nova Growth")}),
    ("fr", "Le programme Nova Société accompagne les artisans. Ce dernier, est lancé en étroite collaboration entre "
           "l’Agence Kelvo, la Banque Zeph et la Confédération Orvalis.",
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
    ("en", "The loans draw on the EU Kelvo Growth Facility (KGF), the ZEPH Trust Account and the EBRD Orvalis "
           "Green Fund.", ("RUNS", "EU", "ZEPH Trust Account")),
    # « ce dernier » after a body that launched a programme is the programme, not the body
    ("fr", "L’Agence Kelvo a lancé le programme Nova Croissance. Ce dernier est financé par la Banque Orvalis.",
     ("FUNDS", "Banque Orvalis", "Agence Kelvo")),
    # a place's programme has no runner named
    ("en", "Kelvo Labs joined Morocco's Nova Skills Programme.", ("RUNS", "Morocco", "Nova Skills Programme")),
    # "the P programme of the EU" (after the name): run or funded, the text does not say
    ("fr", "L’incubateur Kelvo reçoit l’appui du programme NOVA de l’Union européenne (UE).",
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
