"""Who takes part in a project, as project pages write it: partners a project involves or brings together
(listed inline after "namely" or a colon, or one per line under the sentence that announces them), the
consortium that runs it, the organisation it runs "under the coordination of", its lead partner.
Tables of invented sentences -> expected triples, negatives included."""
from __future__ import annotations

import pytest

from ecograph.ids import norm
from helpers import as_triples, triples

PROJECT_PARTIES = [  # lang, text, triples that must be read
    ("en", "The cooperation project Bluepath was launched in Valletta in May. Six partners are involved in this "
           "project, namely the Kestrel Institute (Tunisia), ORVAL (Spain) and NOVATEC (Jordan), under the "
           "coordination of the Marlow Industrial Union (Italy).",
     {("PARTICIPATES_IN", "Kestrel Institute", "Bluepath"), ("PARTICIPATES_IN", "ORVAL", "Bluepath"),
      ("PARTICIPATES_IN", "NOVATEC", "Bluepath"), ("RUNS", "Marlow Industrial Union", "Bluepath")}),
    ("en", "The Pelion project was implemented by a consortium composed of the following entities: the Kestrel "
           "Agency for Investment (KAI, France), the Orval Trade Institute (OTI, Italy) and the Directorate of "
           "Industry (DOI, Morocco).",
     {("RUNS", "Kestrel Agency for Investment", "Pelion"), ("RUNS", "Orval Trade Institute", "Pelion"),
      ("RUNS", "Directorate of Industry", "Pelion"),
      ("PARTNERS_WITH", "Kestrel Agency for Investment", "Orval Trade Institute")}),
    ("fr", "Le projet Pelion a été mené par un consortium composé des entités suivantes : l'Agence Kestrel pour "
           "l'Investissement (AKI, France), l'Institut Orval (IO, Italie) et la Direction de l'Industrie (DI, Maroc).",
     {("RUNS", "Agence Kestrel pour l'Investissement", "Pelion"), ("RUNS", "Institut Orval", "Pelion"),
      ("RUNS", "Direction de l'Industrie", "Pelion")}),
    ("en", "The Nordlys project brings together four partners: the Vega Cluster, the Orion Agency and the "
           "University of Lorn.",
     {("PARTICIPATES_IN", "Vega Cluster", "Nordlys"), ("PARTICIPATES_IN", "Orion Agency", "Nordlys"),
      ("PARTICIPATES_IN", "University of Lorn", "Nordlys")}),
    ("fr", "Le projet Nordlys associe quatre partenaires : le Pôle Sigma, l'Agence Delta et l'Université de Lorn.",
     {("PARTICIPATES_IN", "Pôle Sigma", "Nordlys"), ("PARTICIPATES_IN", "Agence Delta", "Nordlys"),
      ("PARTICIPATES_IN", "Université de Lorn", "Nordlys")}),
    ("fr", "Le Pôle Sigma et l'Agence Delta sont impliqués dans le projet Nordlys depuis 2019.",
     {("PARTICIPATES_IN", "Pôle Sigma", "Nordlys"), ("PARTICIPATES_IN", "Agence Delta", "Nordlys")}),
    ("fr", "Le projet Nordlys réunit huit partenaires sous la coordination de l'Agence Delta.",
     {("RUNS", "Agence Delta", "Nordlys")}),
    ("en", "The Nordlys project started in May. Its kick-off was hosted by the Vega Cluster, lead partner of the "
           "project.",
     {("RUNS", "Vega Cluster", "Nordlys")}),
]

PROJECT_PARTIES += [
    ("en", "The cooperation project Bluepath was launched in May. Funded by the Nova Basin programme, this project "
           "will run for two years. Six partners are involved in this project, namely the Kestrel Institute "
           "(Tunisia), ORVAL (Spain) and NOVATEC (Jordan).",
     {("PARTICIPATES_IN", "ORVAL", "Bluepath"), ("PARTICIPATES_IN", "NOVATEC", "Bluepath")}),
]

PROJECT_PAGE_FACTS = [  # funders, runners, frames and places as project pages write them
    ("en", "The Kelvo Trust also worked closely with local communities and cooperatives, as well as its geographic "
           "partners (including the Rena Foundation - RF, the Hadi Foundation - HF, Association d'Aide au "
           "Village - AAV and NOURA).",
     {("PARTNERS_WITH", "Kelvo Trust", "Rena Foundation"), ("PARTNERS_WITH", "Kelvo Trust", "Hadi Foundation"),
      ("PARTNERS_WITH", "Kelvo Trust", "Association d'Aide au Village"), ("PARTNERS_WITH", "Kelvo Trust", "NOURA")}),
    ("fr", "L'Agence Delta s'appuie sur ses partenaires, notamment le Pôle Sigma et l'Université de Lorn.",
     {("PARTNERS_WITH", "Agence Delta", "Pôle Sigma"), ("PARTNERS_WITH", "Agence Delta", "Université de Lorn")}),
    ("en", 'The EU-funded project "Growth of Creative Clusters in the Southern Rim", which also benefits from a '
           "financial contribution of the Lorn Development Cooperation and which is implemented by the Orion "
           "Industrial Development Organization (OIDO), aims at strengthening clusters.",
     {("FUNDS", "Lorn Development Cooperation", "Growth of Creative Clusters in the Southern Rim"),
      ("RUNS", "Orion Industrial Development Organization", "Growth of Creative Clusters in the Southern Rim")}),
    ("fr", "Le programme «Kappa Bassin Maritime» est un programme de coopération transfrontalière cofinancé par "
           "l'Union européenne.",
     {("FUNDS", "Union européenne", "Kappa Bassin Maritime")}),
    ("fr", "Le projet Nova-Med, inscrit dans le cadre du programme européen de coopération territoriale KAPPA, vise à "
           "renforcer les coopérations entre clusters.",
     {("PART_OF", "Nova-Med", "KAPPA")}),
    ("fr", "L'Agence Delta pour les Investissements (ADI, France) a piloté le projet Nova.",
     {("LOCATED_IN", "Agence Delta pour les Investissements", "France")}),
    ("fr", "Le réseau Kestrel Investissement fut établi à Marseille en juin 2006.",
     {("LOCATED_IN", "Kestrel Investissement", "Marseille")}),
]

PROJECT_PAGE_FACTS += [
    # the items' own common noun announcing them again after "dont" / "including"
    ("fr", "Le Technopôle Kappa héberge près de 90 entreprises, dont des multinationales de référence comme "
           "Kestrel, Orvalis et Nemotek.",
     {("SUPPORTS", "Technopôle Kappa", "Kestrel"), ("SUPPORTS", "Technopôle Kappa", "Nemotek")}),
    # a collaboration between one body and a group whose members are listed: each works with the body
    ("fr", "L'initiative est née de la collaboration entre l'Agence Delta et 5 partenaires italiens : la "
           "Municipalité de Lorn, l'Université de Nemo et le Centre d'Etudes Kappa.",
     {("PARTNERS_WITH", "Agence Delta", "Université de Nemo"), ("PARTNERS_WITH", "Agence Delta", "Centre d'Etudes Kappa")}),
]

PROJECT_PAGE_FACTS += [
    # "the project partners are …": the programme named there or just before
    ("fr", "Le projet Nova Med vise à renforcer la filière. Les partenaires du projet sont l'Université de Lorn, "
           "l'Agence Delta et le Pôle Sigma.",
     {("PARTICIPATES_IN", "Université de Lorn", "Nova Med"), ("PARTICIPATES_IN", "Pôle Sigma", "Nova Med")}),
    ("en", "The Kelvo project trains young designers. The project partners are the Lyra University (Lebanon), the "
           "Orion Agency (Jordan) and Kelvotech (Tunisia).",
     {("PARTICIPATES_IN", "Lyra University", "Kelvo"), ("PARTICIPATES_IN", "Kelvotech", "Kelvo")}),
    # a donor funds; an implementing partner runs
    ("en", "The Kappa Foundation is the donor of the Nova Programme.", {("FUNDS", "Kappa Foundation", "Nova Programme")}),
    ("en", "The Lyra Agency is the implementing partner of the Nova Programme.",
     {("RUNS", "Lyra Agency", "Nova Programme")}),
    ("fr", "La Banque Kappa est le principal bailleur du programme Nova.", {("FUNDS", "Banque Kappa", "Nova")}),
]

PROJECT_PAGE_FACTS += [
    # a title in quotes after « projet », in sentence case, with its own acronym inside the quotes
    ("fr", "Le projet « croissance verte pour l'emploi (CVE) » est mis en œuvre par l'Agence Delta.",
     {("RUNS", "Agence Delta", "croissance verte pour l'emploi")}),
]

LISTED_BELOW = [  # a sentence announces the partners, one per line below it
    ("en", "The Pelion project aims at reducing the innovation gap. The project involves five partners "
           "representing the main textile clusters of the region.\n\n"
           "  • KESTREL – Textile Confederation of Lorn (Spain, Lorn)\n"
           "  • ORVAL – Industrial Association of Nemo (Italy, Nemo)\n"
           "  • DELTEX – Delta Technical Center (Tunisia, Sfax)\n\n"
           "For more information, please visit the project website.",
     {("PARTICIPATES_IN", "Textile Confederation of Lorn", "Pelion"),
      ("PARTICIPATES_IN", "Industrial Association of Nemo", "Pelion"),
      ("PARTICIPATES_IN", "Delta Technical Center", "Pelion")}),
    ("fr", "Le projet Nordlys vise à renforcer la filière. Les partenaires du projet sont :\n"
           "- l'Agence Delta (chef de file)\n"
           "- le Pôle Sigma\n"
           "- l'Université de Lorn\n",
     {("RUNS", "Agence Delta", "Nordlys"), ("PARTICIPATES_IN", "Pôle Sigma", "Nordlys"),
      ("PARTICIPATES_IN", "Université de Lorn", "Nordlys")}),
]

NOT_PARTIES = [  # lang, text, a triple that must not be read
    # the project's goals, not its partners
    ("en", "The Pelion project involves three activities: training, the Nova Export Forum and a study.",
     ("PARTICIPATES_IN", "Nova Export Forum", "Pelion")),
    # a list of countries covered is no list of partners
    ("en", "The Pelion project involves five partners. It covers the following regions:\n"
           "  • Lorn Valley\n  • Nemo Coast\n",
     ("PARTICIPATES_IN", "Lorn Valley", "Pelion")),
    # the buildings of a programme's phase are no partners of it
    ("en", "The first phase of the Pelion project includes four buildings: the Kestrel Innovation Center (KIC), "
           "the Orval Institute of Design and a training facility.",
     ("PARTICIPATES_IN", "Kestrel Innovation Center", "Pelion")),
    # "this project" is the project named before, not the programme that funds it
    ("en", "The cooperation project Bluepath was launched in May. Funded by the Nova Basin programme, this project "
           "will run for two years. Six partners are involved in this project, namely the Kestrel Institute "
           "(Tunisia), ORVAL (Spain) and NOVATEC (Jordan).",
     ("PARTICIPATES_IN", "ORVAL", "Nova Basin")),
    # partners of someone else, not of the sentence's subject
    ("en", "The Kelvo Trust met the Rena Foundation and its partners, including the Hadi Foundation.",
     ("PARTNERS_WITH", "Kelvo Trust", "Hadi Foundation")),
    ("en", "The Kelvo project trains young designers. The partners are happy with the results of the Orion Agency.",
     ("PARTICIPATES_IN", "Orion Agency", "Kelvo")),
    # "le fonds" is no project named before it
    ("fr", "Le projet Nova Med vise à renforcer la filière. Géré par la Banque Kappa, le fonds cible quarante "
           "projets.", ("RUNS", "Banque Kappa", "Nova Med")),
    # planned, not done
    ("en", "The Orion Agency may be involved in the Pelion project next year.",
     ("PARTICIPATES_IN", "Orion Agency", "Pelion")),
]


PROJECT_PARTIES += [
    # a programme's own partners, each with its country
    ("en", "The Kelvo Forward project connects clusters. This project relies on the work of our local partners, "
           "including Kelvotech in Lebanon, Orvalis Forum in Egypt, and the Zeph network in France.",
     {("PARTICIPATES_IN", "Kelvotech", "Kelvo Forward"), ("PARTICIPATES_IN", "Zeph", "Kelvo Forward")}),
]
NOT_PARTIES += [
    # the partners of another actor named between
    ("en", "The Kelvo Forward project met the Orvalis Agency and its partners, including Kelvotech.",
     ("PARTICIPATES_IN", "Kelvotech", "Kelvo Forward")),
]


@pytest.mark.parametrize("lang,text,expected", PROJECT_PARTIES + PROJECT_PAGE_FACTS + LISTED_BELOW)
def test_the_parties_of_a_project_are_read(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text,triple", NOT_PARTIES)
def test_what_is_no_party_gives_no_edge(lang, text, triple):
    kind, a, b = triple
    assert (kind, norm(a), norm(b)) not in triples(text, lang, both_ways=True)


def test_a_lead_partner_runs_and_is_not_also_a_mere_participant():
    got = triples("The Nordlys project started in May. Its kick-off was hosted by the Vega Cluster, lead partner "
                  "of the project.", "en")
    assert ("PARTICIPATES_IN", norm("Vega Cluster"), norm("Nordlys")) not in got
