"""Adjuncts of a clause and units of a body: "with the support of X" on a noisy tree, « s'associer à », an
act during an event,
a programme run in collaboration with its runners, an unnamed call launched by two bodies, "is part of"
a programme, "affiliated to", and a project funded by a programme (a component of it). Tables of invented
sentences -> expected triples, negatives included."""
from __future__ import annotations

import pytest

from ecograph.ids import document_id
from ecograph.ingest.resolve import Resolver
from ecograph.model import Document
from helpers import as_triples, run, triples

READ = [  # lang, text, triples that must be read
    # the support adjunct of a passive clause, hung by the tree on the agent's noun or on a shared participle
    ("fr", "Le projet Nova est mis en œuvre par l'agence Kelvo avec le soutien d'Orvalis Network.",
     {("SUPPORTS", "Orvalis Network", "Nova")}),
    ("fr", "Le projet Nova est financé par la Banque Kelvo et mis en œuvre avec l'appui technique d'Orvalis Conseil.",
     {("FUNDS", "Banque Kelvo", "Nova"), ("SUPPORTS", "Orvalis Conseil", "Nova")}),
    # « s'associer à », « associée à »: partners
    ("fr", "L'Agence Kelvo, la plus grande organisation régionale dédiée à l'innovation, s'est associée à Orvalis "
           "Venture pour soutenir les startups.", {("PARTNERS_WITH", "Agence Kelvo", "Orvalis Venture")}),
    # a programme run in collaboration with bodies, no other agent named: they run it
    ("en", "The Nova Growth programme is being run in collaboration with Orvalis Telecom and the Zeph Bank.",
     {("RUNS", "Orvalis Telecom", "Nova Growth"), ("RUNS", "Zeph Bank", "Nova Growth")}),
    # one unnamed act launched by two bodies: they partner
    ("fr", "Nouvel appel à projets lancé par l'Agence Kelvo et Orvalistech.",
     {("PARTNERS_WITH", "Agence Kelvo", "Orvalistech")}),
    ("en", "A new call for projects launched by the Kelvo Agency and Orvalistech opens today.",
     {("PARTNERS_WITH", "Kelvo Agency", "Orvalistech")}),
    # part of a programme; affiliated to a body
    ("fr", "Le programme Kappa, faisant partie du projet Orvalis Med, soutient les startups.",
     {("PART_OF", "Kappa", "Orvalis Med")}),
    ("fr", "L'Office Kelvo, rattaché au ministère de l'Industrie, accompagne les entreprises.",
     {("PART_OF", "Office Kelvo", "ministère de l'Industrie")}),
    ("en", "The Kelvo Training Office, affiliated to the Orvalis Ministry of Labour, opened a centre in Sfax.",
     {("PART_OF", "Kelvo Training Office", "Orvalis Ministry of Labour")}),
]

READ += [
    # two participles share one agent: "funded and implemented by A"
    ("en", "The Kappa project was funded and implemented by the Orvalis Agency.",
     {("FUNDS", "Orvalis Agency", "Kappa"), ("RUNS", "Orvalis Agency", "Kappa")}),
    # a place verb's objects need no agent: the second verb after them does not stop it
    ("en", "The Kelvo Green Cluster is based in Sousse, Tunisia, and is active in renewable energy.",
     {("LOCATED_IN", "Kelvo Green Cluster", "Sousse"), ("LOCATED_IN", "Kelvo Green Cluster", "Tunisia")}),
]

NOT_READ = [  # lang, text, a triple that must not be read
    # members who each carried projects did not run one act together
    ("fr", "Nos adhérents Kelvo SAS, Orvalis Robotique et l'Université de Zeph ont porté cette année quatre projets "
           "collaboratifs.", ("PARTNERS_WITH", "Kelvo SAS", "Orvalis Robotique")),
    # a support adjunct of another act deep in the clause is not the clause's
    ("fr", "Le ministre a cité une expérience pilote avec l'Agence Kelvo qui a servi de base pour la création d'une "
           "vague de clusters avec l'appui de l'Union européenne.", ("SUPPORTS", "Union européenne", "Agence Kelvo")),
    # "as part of P, X launches a call": X is no apposition of "part"
    ("en", "As part of the Nova Clusters project, the Kelvo Network is launching a call for applications.",
     ("PARTICIPATES_IN", "Kelvo Network", "Nova Clusters")),
    # an organisation "part of" another: membership or unit, the text does not say which
    ("en", "Kelvo Systems is part of the Orvalis Cluster.", ("PART_OF", "Kelvo Systems", "Orvalis Cluster")),
    # the body an insert is affiliated to did not sign
    ("en", "The Kelvo Training Office, affiliated to the Orvalis Ministry of Labour, signed an agreement with Zeph "
           "University.", ("PARTNERS_WITH", "Orvalis Ministry of Labour", "Zeph University")),
    # "affiliated with" is looser than a unit: researchers, partners
    ("en", "The Kelvo Training Office is affiliated with the Orvalis Ministry of Labour.",
     ("PART_OF", "Kelvo Training Office", "Orvalis Ministry of Labour")),
]


READ += [
    # support the text calls money is funding
    ("en", "The Orvalis Foundation supports the Kelvo Seed Facility with EUR 3 million a year.",
     {("FUNDS", "Orvalis Foundation", "Kelvo Seed Facility")}),
    ("en", "The Kelvo Bank provides financial support to the Orvalis Cluster.",
     {("FUNDS", "Kelvo Bank", "Orvalis Cluster")}),
    ("fr", "La Banque Kelvo accorde un soutien financier au Pôle Orvalis.", {("FUNDS", "Banque Kelvo", "Pôle Orvalis")}),
    # the runner of a project launched, funded and implemented: the implementer
    ("fr", "Le projet Zeph Talents (ZT) a été lancé en mars 2023 et est financé par l'Agence Orvalis de Développement "
           "(AOD) et mis en œuvre par la Caisse des Dépôts Kelvo (CDK).",
     {("RUNS", "Caisse des Dépôts Kelvo", "Zeph Talents"), ("FUNDS", "Agence Orvalis de Développement", "Zeph Talents")}),
]

READ += [
    # a French apposition without its determiner, after a name and its bracketed acronym
    ("fr", "Le programme « Tatoo Startup » a été présenté mardi. « Nous accompagnons les porteurs de projets », a "
           "annoncé le Centre Zeph pour l'innovation sociale (CZIS), partenaire du programme.",
     {("PARTICIPATES_IN", "Centre Zeph pour l'innovation sociale", "Tatoo Startup")}),
]

READ += [
    # a programme in apposition with its amount, and « dont le volet … est mis en œuvre par B »
    ("fr", "Deux incubateurs participent à Orvalis Société, un programme de quatre millions d'euros lancé par la Banque "
           "Zeph, et dont le volet tunisien est conduit par Kelvotech.",
     {("RUNS", "Banque Zeph", "Orvalis Société"), ("RUNS", "Kelvotech", "Orvalis Société")}),
    # a fronted participle describes the quoted name after its comma
    ("fr", "Financé par Kelvogaz, \"Zeph Venture\", un accélérateur de start-up, a été inauguré hier à Oran.",
     {("FUNDS", "Kelvogaz", "Zeph Venture")}),
]

READ += [
    # acting at an event named after "during", « lors de », "at": taking part in it
    ("en", "The Kelvo Maritime Cluster presented its members' innovations during the Zeph Forum in Genoa.",
     {("PARTICIPATES_IN", "Kelvo Maritime Cluster", "Zeph Forum")}),
    ("fr", "Le pôle Kelvo a présenté ses adhérents lors de la conférence « Orvalis Days ».",
     {("PARTICIPATES_IN", "Kelvo", "Orvalis Days")}),
]

READ += [
    # a sponsor pays; "thanks to" governs the sponsorships; "is an EU-funded project"
    ("en", "The Kelvo Incubator offers its services for free, thanks to sponsorships from Orvalis Group and the Zeph "
           "Foundation.", {("FUNDS", "Orvalis Group", "Kelvo Incubator"), ("FUNDS", "Zeph Foundation", "Kelvo Incubator")}),
    ("en", "The Kelvo Forum is sponsored by Orvalis Bank.", {("FUNDS", "Orvalis Bank", "Kelvo Forum")}),
    ("en", "Zeph Assist is an EU-funded project that started in May.", {("FUNDS", "EU", "Zeph Assist")}),
    ("en", "The Zeph Assist project is a EU-funded technical assistance project.", {("FUNDS", "EU", "Zeph Assist")}),
]

NOT_READ += [
    # the venue of a signing is no participation; nor is a hedged act
    ("en", "The Kelvo Cluster and Orvalis Bank signed an agreement on the sidelines of the Zeph Forum.",
     ("PARTICIPATES_IN", "Kelvo Cluster", "Zeph Forum")),
    ("en", "The Kelvo Cluster could present its members during the Zeph Forum.",
     ("PARTICIPATES_IN", "Kelvo Cluster", "Zeph Forum")),
]

NOT_READ += [
    ("fr", "Le projet Zeph Talents (ZT) a été lancé en mars 2023 et est financé par l'Agence Orvalis de Développement "
           "(AOD) et mis en œuvre par la Caisse des Dépôts Kelvo (CDK).",
     ("RUNS", "Agence Orvalis de Développement", "Zeph Talents")),
    # "fund" as a noun's modifier is no funding verb
    ("en", "Zeph Credit Company manages the Kelvo Seed Facility. Its fund team is run by the Zeph Credit Company.",
     ("FUNDS", "Zeph Credit Company", "Kelvo Seed Facility")),
    # a name in the phrase that opens the sentence is no apposition of the subject noun
    ("en", "Held alongside the Kelvo Water Expo, the event was organised by the Orvalis Commission.",
     ("RUNS", "Orvalis Commission", "Kelvo Water Expo")),
    # "cluster" inside another noun's phrase refers to no cluster
    ("en", "The Orvalis Maritime Cluster was created in 2019. The process towards closer cluster cooperation has "
           "benefited from the Kelvo Initiative.", ("PARTICIPATES_IN", "Orvalis Maritime Cluster", "Kelvo Initiative")),
    # money said of another verb: the supporter is no funder
    ("fr", "Le programme Kappa a été lancé par le Pôle Orvalis avec le soutien de l'Agence Zeph et financé à hauteur "
           "de 3 millions d'euros par la Banque Kelvo.", ("FUNDS", "Agence Zeph", "Kappa")),
]


@pytest.mark.parametrize("lang,text,expected", READ)
def test_adjuncts_and_units_are_read(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text,triple", NOT_READ)
def test_adjuncts_of_other_acts_and_loose_ties_give_no_edge(lang, text, triple):
    assert as_triples({triple}) & triples(text, lang, both_ways=True) == set()


def _resolved(text: str, lang: str):
    doc = Document(id=document_id(text), source="t.txt", title="t", language=lang)
    ext = Resolver().resolve(doc, text, run(text, lang))
    names = {e.id: e.name for e in ext.entities}
    return {(r.type, names[r.source], names[r.target]) for r in ext.relations}


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The Kappa project, funded by the Orvalis Med programme, launched its second call.",
     ("PART_OF", "Kappa", "Orvalis Med")),
    ("fr", "Le projet Kappa, financé par le programme Orvalis Med, a lancé son appel.",
     ("PART_OF", "Kappa", "Orvalis Med")),
])
def test_a_project_funded_by_a_programme_is_part_of_it(lang, text, expected):
    assert expected in _resolved(text, lang)


def test_a_fund_that_funds_a_programme_does_not_contain_it():
    found = _resolved("The Kappa project is funded by the Orvalis Trust Fund.", "en")
    assert not any(t == "PART_OF" for t, _, _ in found)
