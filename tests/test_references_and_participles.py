"""References by head word (`ingest/references.py`) and participial phrases read from noisy trees
(`ingest/frames/roles.py`): tables of invented sentences -> expected triples, negatives included.
No sentence comes from a corpus."""
from __future__ import annotations

import pytest

from ecograph.ids import norm
from helpers import as_triples, run as _doc, triples




REFERENCES = [  # lang, text, triples that must be read
    ("en", "The Kappa Bank for Growth (KBG) opened an office in Tunis. The Lyra Cluster signed an agreement "
           "with the Bank last week.", {("PARTNERS_WITH", "Lyra Cluster", "Kappa Bank for Growth")}),
    ("fr", "L'Agence Kappa pour l'innovation a ouvert un bureau à Tunis. Le Cluster Lyra a signé une "
           "convention avec l'Agence.", {("PARTNERS_WITH", "Cluster Lyra", "Agence Kappa pour l'innovation")}),
    ("en", "The Delta Foundation was created in 2015 in Amman. The Orion Program is funded by the Foundation.",
     {("FUNDS", "Delta Foundation", "Orion Program")}),
    ("fr", "Le Pôle Numidia regroupe 40 entreprises. L'Office Sigma a signé un accord avec ce pôle.",
     {("PARTNERS_WITH", "Office Sigma", "Pôle Numidia")}),
    # a programme noun with modifiers stands for the one programme named before, whatever its name
    ("en", "The ORYX project was presented in Amman on Monday. The three-year project was co-funded by the "
           "Kappa Bank and implemented by Lyra Consulting.",
     {("FUNDS", "Kappa Bank", "ORYX"), ("RUNS", "Lyra Consulting", "ORYX")}),
    ("fr", "Le projet ORYX a été présenté lundi. Ce nouveau projet est mis en œuvre par l'Agence Lyra.",
     {("RUNS", "Agence Lyra", "ORYX")}),
]


@pytest.mark.parametrize("lang,text,expected", REFERENCES)
def test_a_definite_head_noun_refers_to_the_actor_named_before_with_that_head(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


NO_REFERENCE = [  # lang, text, a pair no edge may join
    # two banks named before: "the Bank" could be either, so it is neither
    ("en", "The Kappa Bank and the Delta Bank opened offices in Tunis. The Lyra Cluster signed an agreement "
           "with the Bank.", ("Lyra Cluster", "Kappa Bank")),
    # too far back: eight sentences between the name and the reference
    ("en", "The Kappa Bank opened an office in Tunis. " + "The weather was fine. " * 8 +
           "The Lyra Cluster signed an agreement with the Bank.", ("Lyra Cluster", "Kappa Bank")),
    # a name follows the head noun: "the Agency Omega" is another agency, not a reference
    ("fr", "L'Agence Kappa a ouvert un bureau. Le Cluster Lyra a signé une convention avec l'Agence Omega.",
     ("Cluster Lyra", "Agence Kappa")),
    # "the bank of the river" names no bank actor: no actor with that head was named
    ("en", "The Lyra Cluster signed an agreement with the Orion Agency on the bank.", ("Lyra Cluster", "bank")),
    # two programmes named before: "the new project" could be either
    ("en", "The ORYX project and the Delta Programme were presented on Monday. The new project is implemented "
           "by Lyra Consulting.", ("Lyra Consulting", "ORYX")),
]


@pytest.mark.parametrize("lang,text,pair", NO_REFERENCE)
def test_an_ambiguous_distant_or_named_head_refers_to_nothing(lang, text, pair):
    a, b = norm(pair[0]), norm(pair[1])
    assert not {t for t in triples(text, lang) if {t[1], t[2]} == {a, b}}


def test_a_bare_head_taken_for_a_name_is_no_organisation_once_resolved():
    doc = _doc("The Kappa Bank for Growth opened an office in Tunis. The Lyra Cluster signed an agreement "
               "with the Bank.", "en")
    assert "Bank" not in {m.text for m in doc.mentions}


PARTICIPLES = [  # lang, text, triples that must be read
    # a second participle the tree hangs on the noun, or makes the root with the noun as its subject
    ("fr", "Le programme Nova Forward, financé par l'Union européenne et conduit au Maroc par Atlas Ventures, "
           "en partenariat avec Sirius Lab, accompagne 40 jeunes entreprises.",
     {("RUNS", "Atlas Ventures", "Nova Forward"), ("RUNS", "Sirius Lab", "Nova Forward"),
      ("FUNDS", "Union européenne", "Nova Forward")}),
    ("en", "The Orion Program, funded by the Kappa Bank and implemented by Lyra Agency, supports farmers.",
     {("RUNS", "Lyra Agency", "Orion Program"), ("FUNDS", "Kappa Bank", "Orion Program")}),
    # a predicate noun: "P is a programme developed by X"; a joint phrase the tree hangs elsewhere
    ("fr", "Nova Boost est un programme d'accélération développé par l'Université Atlas avec le soutien du "
           "Groupe Kappa et en partenariat avec Lyra Ventures.",
     {("RUNS", "Université Atlas", "Nova Boost"), ("RUNS", "Lyra Ventures", "Nova Boost"),
      ("PARTNERS_WITH", "Université Atlas", "Lyra Ventures"), ("SUPPORTS", "Groupe Kappa", "Nova Boost")}),
    ("en", "Nova Boost is an accelerator program developed by Atlas University with support from Kappa Group "
           "and in partnership with Lyra Ventures.",
     {("RUNS", "Atlas University", "Nova Boost"), ("RUNS", "Lyra Ventures", "Nova Boost"),
      ("PARTNERS_WITH", "Atlas University", "Lyra Ventures")}),
    # a participial clause that opens the sentence describes the main clause's subject; its list of
    # agents ends at the name after "and"
    ("en", "Launched in 2019 and funded jointly by Kappa Hub and the Kingdom of Numidia, the Orion Program "
           "trains farmers.",
     {("FUNDS", "Kappa Hub", "Orion Program"), ("FUNDS", "Kingdom of Numidia", "Orion Program")}),
    ("fr", "Cofinancé par la Banque Kappa et l'Agence Lyra, le programme Nova Plus soutient 200 entreprises.",
     {("FUNDS", "Banque Kappa", "Nova Plus"), ("FUNDS", "Agence Lyra", "Nova Plus")}),
    # the subject is a quoted name after the comma (the parser may end the sentence at the quote)
    ("fr", 'Financé par Sonadel, "Nova Venture", un accélérateur de start-up, a été inauguré hier à Oran.',
     {("FUNDS", "Sonadel", "Nova Venture")}),
]


@pytest.mark.parametrize("lang,text,expected", PARTICIPLES)
def test_participial_phrases_and_predicates_read_from_noisy_trees(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text,pair", [
    # the supporter is no partner of the joint phrase's partner: the phrases are coordinated
    ("en", "Nova Boost is an accelerator program developed by Atlas University with support from Kappa Group "
           "and in partnership with Lyra Ventures.", ("Kappa Group", "Lyra Ventures")),
    ("fr", "Nova Boost est un programme d'accélération développé par l'Université Atlas avec le soutien du "
           "Groupe Kappa et en partenariat avec Lyra Ventures.", ("Groupe Kappa", "Lyra Ventures")),
    # a participle after a comma describes the name just before it, not the clause's subject
    ("en", "The Orion Program works with Lyra Agency, funded by the Kappa Bank.", ("Kappa Bank", "Orion Program")),
    ("fr", "Le programme Orion travaille avec l'Agence Lyra, financée par la Banque Kappa.",
     ("Banque Kappa", "Orion")),
])
def test_coordinated_phrases_give_no_edge_between_their_names(lang, text, pair):
    a, b = norm(pair[0]), norm(pair[1])
    assert not {t for t in triples(text, lang) if {t[1], t[2]} == {a, b} and t[0] != "SUPPORTS"}


def test_a_programme_predicate_labels_the_name():
    doc = _doc("Nova Boost est un programme d'accélération lancé en 2020.", "fr")
    assert {m.label for m in doc.mentions if m.text == "Nova Boost"} == {"Programme"}


@pytest.mark.parametrize("lang,text,wrong,right", [
    # the second participle's patient is the first one's, not the first one's agent
    ("fr", "Depuis 2021, le cluster bénéficie du programme Nova Vert, mis en œuvre par l'Agence Kappa et financé "
           "par la Banque Delta.", ("FUNDS", "Banque Delta", "Agence Kappa"), ("FUNDS", "Banque Delta", "Nova Vert")),
    # a participle the tree coordinates with a date is no apposition of the name before a comma
    ("fr", "Le Cluster Orion est labellisé par le Ministère de l'Industrie, des Mines et de l'Énergie depuis 2018 "
           "et accompagné par l'Agence Delta dans la structuration de son offre.",
     ("SUPPORTS", "Agence Delta", "Ministère de l'Industrie, des Mines et de l'Énergie"), None),
    # a reference may open a list but not continue one: "…, and the cluster is …" starts a clause
    ("en", "The Orion Cluster was founded in 2010. Its founding members include Kappa Labs, Delta Pumps and Sigma "
           "Solar, and the cluster is itself a member of the Federation of Numidian Industries.",
     ("MEMBER_OF", "Delta Pumps", "Federation of Numidian Industries"),
     ("MEMBER_OF", "Orion Cluster", "Federation of Numidian Industries")),
])
def test_the_patient_of_a_chain_of_participles_and_the_end_of_a_list(lang, text, wrong, right):
    got = triples(text, lang)
    assert as_triples({wrong}).isdisjoint(got)
    if right is not None:
        assert as_triples({right}) <= got


JOINT_AND_FUNDING = [  # lang, text, triples that must be read
    # a nominal agreement whose party is named before a common noun ("the X company")
    ("en", "At the signing of the cooperation protocol between the Kappa Furniture City company and Lyra Bank, "
           "Sami spoke.", {("PARTNERS_WITH", "Kappa Furniture City", "Lyra Bank")}),
    # an unnamed programme launched with others still makes them partners (a joint act, SCHEMA)
    ("fr", "Kappa Clusters vient de lancer avec l'Agence Lyra et le Ministère numide de l'industrie, un programme "
           "de formation à l'émergence de nouveaux clusters.",
     {("PARTNERS_WITH", "Kappa Clusters", "Agence Lyra"),
      ("PARTNERS_WITH", "Kappa Clusters", "Ministère numide de l'industrie")}),
    ("en", "Kappa Clusters launched a training programme with Lyra Agency last year.",
     {("PARTNERS_WITH", "Kappa Clusters", "Lyra Agency")}),
    # the funder behind an amount; « du ministère » is the ministry named before
    ("en", "The Orion Cluster received a grant of EUR 2 million from the Kappa Foundation.",
     {("FUNDS", "Kappa Foundation", "Orion Cluster")}),
    ("fr", "Le Ministère de l'Industrie numide a labellisé trois clusters. Le Cluster Orion a gagné la subvention "
           "annuelle de 2 MDH du ministère, sur 3 ans.",
     {("FUNDS", "Ministère de l'Industrie numide", "Cluster Orion")}),
]


@pytest.mark.parametrize("lang,text,expected", JOINT_AND_FUNDING)
def test_joint_acts_and_funders_read_through_common_nouns_and_amounts(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text", [
    ("en", "Kappa Clusters launched its website with Lyra Agency last year."),  # a website is no joint act
    ("fr", "Le Cluster Orion a gagné la subvention annuelle de 2 MDH, sur 3 ans."),  # an amount is no funder
])
def test_no_partner_for_a_website_and_no_funder_for_an_amount(lang, text):
    doc = _doc(text, lang)
    assert not [c for c in doc.candidates if c.type in ("PARTNERS_WITH", "FUNDS")]
    assert "MDH" not in {m.text for m in doc.mentions}


def test_a_unit_after_an_amount_is_no_name_but_an_acronym_after_a_year_is():
    doc = _doc("Since 2023 KAGC has been a member of the Orion Network. It received 2 MDH from the Kappa Bank.", "en")
    names = {m.text for m in doc.mentions}
    assert "KAGC" in names and "MDH" not in names


NAMES_AND_LISTS = [  # lang, text, triples that must be read
    # « l'Organisation … (ACR) » is a name when the text defines its acronym
    ("fr", "L'Organisation numide pour le développement (ONUD), en collaboration avec le ministère de l'Industrie "
           "et des Mines, vient de lancer un appel à l'attention des clusters.",
     {("PARTNERS_WITH", "Organisation numide pour le développement", "ministère de l'Industrie et des Mines")}),
    # a bare noun in apposition, as French writes it, labels the name and stands for it
    ("fr", "Le programme comprend le PASKO, programme financé par l'Union européenne et géré par l'ANRX.",
     {("FUNDS", "Union européenne", "PASKO"), ("RUNS", "ANRX", "PASKO")}),
    # an announced list whose items carry their own common noun and adjective
    ("fr", "La manifestation est un programme d'incubation lancé par l'Institut Kappa en partenariat avec deux "
           "incubateurs: l'incubateur numide IncubLyra et l'incubateur français Creative Orion.",
     {("PARTNERS_WITH", "Institut Kappa", "IncubLyra"), ("PARTNERS_WITH", "Institut Kappa", "Creative Orion")}),
]


@pytest.mark.parametrize("lang,text,expected", NAMES_AND_LISTS)
def test_weak_heads_bare_appositions_and_described_list_items(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


def test_a_weak_head_without_an_acronym_opens_no_name():
    doc = _doc("L'Organisation de la journée a été confiée au Cluster Kappa.", "fr")
    assert not [m for m in doc.mentions if m.text.lower().startswith("organisation")]


@pytest.mark.parametrize("gap,is_gap", [
    (" et l'incubateur français ", True), (" and the company ", True), (", ", True),
    (" et la ville de ", False), (" et le président de ", False), (" is a member of ", False),
])
def test_what_separates_the_items_of_a_list(gap, is_gap):
    from ecograph.ingest.frames import is_list_gap
    assert is_list_gap(gap) is is_gap


def test_a_head_and_a_nationality_make_a_name_and_a_joint_phrase_ends_it():
    doc = _doc("Le programme a été lancé par l'Institut français en partenariat avec l'Agence Kappa, et il est financé "
               "par la Banque mondiale.", "fr")
    names = {m.text for m in doc.mentions if m.label == "Organisation"}
    assert {"Institut français", "Banque mondiale", "Agence Kappa"} <= names
    assert not [n for n in names if "partenariat" in n]
    # an ordinary adjective makes no name of two words
    assert "Agence nationale" not in {m.text for m in _doc("Le Cluster Kappa travaille avec l'Agence nationale.",
                                                             "fr").mentions}


def test_a_ranked_description_refers_to_nothing():
    got = triples("The Kappa Technopark opened in 2010. The first technopark in Numidia was inaugurated in 2001 to "
                  "launch the ORYX programme.", "en")
    assert not {t for t in got if t[1] == norm("Kappa Technopark")}


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The Kappa Network met in Tunis. We at the Kappa Network work across the region. Our initiatives ORYX "
           "Program and Delta Invest Program are now at cruising speed.",
     {("RUNS", "Kappa Network", "ORYX Program"), ("RUNS", "Kappa Network", "Delta Invest Program")}),
    ("fr", "Le Réseau Kappa s'est réuni à Tunis. Au Réseau Kappa, nous travaillons dans toute la région. Nos "
           "programmes ORYX Boost et Delta Invest sont lancés.",
     {("RUNS", "Réseau Kappa", "ORYX Boost"), ("RUNS", "Réseau Kappa", "Delta Invest")}),
])
def test_the_first_person_runs_its_own_programmes(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang)


@pytest.mark.parametrize("lang,text", [
    # no first person: "our" is a quoted partner's, the document speaks of the network in the third person
    ("en", "The Kappa Network met in Tunis. The Kappa Network works across the region. Its partner said: 'Our "
           "initiatives ORYX Program and Delta Invest Program are at cruising speed.'"),
    # the name does not follow the noun: the programme is run with someone, not named
    ("en", "The Kappa Network met in Tunis. We at the Kappa Network work across the region. Our programme with "
           "the Lyra Agency ORYX Program is new."),
])
def test_no_own_programme_without_the_first_person_or_a_name_after_the_noun(lang, text):
    assert not [t for t in triples(text, lang) if t[0] == "RUNS" and t[1] == norm("Kappa Network")]


def test_a_cluster_that_welcomes_members_hosts_none_of_them():
    got = triples("Le Cluster Lyra accueille trois nouveaux membres : Kappa Labs, Delta Foods et Sigma Tech.", "fr")
    assert as_triples({("MEMBER_OF", "Kappa Labs", "Cluster Lyra")}) <= got
    assert not [t for t in got if t[0] == "SUPPORTS"]
    hosted = triples("Le Cluster Lyra accueille Kappa Labs et Delta Foods dans ses locaux.", "fr")
    assert as_triples({("SUPPORTS", "Cluster Lyra", "Kappa Labs")}) <= hosted


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Kappa Labs is a member of the Lyra Cluster and of the Orion Network.",
     {("MEMBER_OF", "Kappa Labs", "Lyra Cluster"), ("MEMBER_OF", "Kappa Labs", "Orion Network")}),
    ("fr", "Kappa Labs est membre du Cluster Lyra et du Réseau Orion.",
     {("MEMBER_OF", "Kappa Labs", "Cluster Lyra"), ("MEMBER_OF", "Kappa Labs", "Réseau Orion")}),
])
def test_two_bodies_each_after_its_own_preposition(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang)
    # the fields a ministry names are no second body
    found = {m.text for m in _doc("Le Ministère de l'Industrie et du Commerce a signé une convention avec le "
                                  "Ministère de l'Enseignement Supérieur et de la Recherche.", "fr").mentions}
    assert {"Ministère de l'Industrie et du Commerce", "Ministère de l'Enseignement Supérieur et de la Recherche"} \
        <= found
