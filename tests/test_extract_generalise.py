"""Do the rules and cue phrases added for held-out misses generalise? Each rule or cue is run on
sentences written for this file (new names, other wording around the cue, English and French), never
on sentences of tests/heldout*/ or the shared corpus. A case marked xfail(strict) records a fresh
phrasing that the rule does not cover yet: the rule was fitted to one held-out phrasing."""
from __future__ import annotations

import pytest

from helpers import run, t, triples


def gap(reason: str):
    return pytest.mark.xfail(strict=True, reason=f"rule fitted to one held-out phrasing: {reason}")


POSITIVE = [
    # names.py: "<Head> <demonym> de …" is one name
    ("fr", "Le Ministère tunisien de l'Agriculture soutient le Cluster Dattes de Tozeur.",
     [t("SUPPORTS", "Ministère tunisien de l'Agriculture", "Cluster Dattes de Tozeur")]),
    ("fr", "Le Cluster Bois du Rif est accompagné par l'Office marocain de la Propriété Industrielle.",
     [t("SUPPORTS", "Office marocain de la Propriété Industrielle", "Cluster Bois du Rif")]),
    # names.py: "Cluster <Field> et <Field> de <City>" names its fields, it is not two names
    ("fr", "La société Alpha Cuirs est membre du Cluster Textile et Habillement de Monastir.",
     [t("MEMBER_OF", "Alpha Cuirs", "Cluster Textile et Habillement de Monastir")]),
    ("fr", "La société Alpha Cuirs est membre du Pôle Bois et Ameublement de Sfax.",
     [t("MEMBER_OF", "Alpha Cuirs", "Pôle Bois et Ameublement de Sfax")]),
    ("en", "Keel Robotics is a member of the Cluster Wood and Furniture of Porto.",
     [t("MEMBER_OF", "Keel Robotics", "Cluster Wood and Furniture of Porto")]),
    # names.py: chamber / ministry heads that list their fields
    ("fr", "La Chambre de Commerce, d'Industrie et de Services de Nabeul soutient le Cluster Poterie de Nabeul.",
     [t("SUPPORTS", "Chambre de Commerce, d'Industrie et de Services de Nabeul", "Cluster Poterie de Nabeul")]),
    ("en", "The Chamber of Commerce, Industry and Crafts of Zarqa supports the Jordan Stone Cluster.",
     [t("SUPPORTS", "Chamber of Commerce, Industry and Crafts of Zarqa", "Jordan Stone Cluster")]),
    # … but "et l'<ACR>" after a chamber is a second body
    ("fr", "Le Cluster Céramique de Safi est accompagné par la Chambre de Commerce de Safi et l'ADRN.",
     [t("SUPPORTS", "Chambre de Commerce de Safi", "Cluster Céramique de Safi"),
      t("SUPPORTS", "ADRN", "Cluster Céramique de Safi")]),
    ("fr", "Le Cluster Mode de Tanger est accompagné par le Ministère du Commerce, et la Banque Atlas.",
     [t("SUPPORTS", "Ministère du Commerce", "Cluster Mode de Tanger"),
      t("SUPPORTS", "Banque Atlas", "Cluster Mode de Tanger")]),
    # kinds.py: Portuguese connectors inside names
    ("en", "The Cluster Têxtil da Beira Interior is a member of the Iberian Textile Network.",
     [t("MEMBER_OF", "Cluster Têxtil da Beira Interior", "Iberian Textile Network")]),
    ("en", "Keel Robotics joined the Cluster Vinícola do Alentejo.",
     [t("MEMBER_OF", "Keel Robotics", "Cluster Vinícola do Alentejo")]),
    # places.py: ", en <Pays>," / ", in <Country>," apposition
    ("fr", "Le Cluster Liège de Tabarka, en Tunisie, a rejoint le Réseau Med Liège.",
     [t("LOCATED_IN", "Cluster Liège de Tabarka", "Tunisia"), t("MEMBER_OF", "Cluster Liège de Tabarka", "Réseau Med Liège")]),
    ("en", "The Larnaca Fish Cluster, in Cyprus, is a member of the Aegean Boat Network.",
     [t("LOCATED_IN", "Larnaca Fish Cluster", "Cyprus")]),
    # places.py: ", une société <demonym>," apposition
    ("fr", "Nour Tech, une société tunisienne, participe au Forum Med Innov.",
     [t("LOCATED_IN", "Nour Tech", "Tunisia"), t("PARTICIPATES_IN", "Nour Tech", "Forum Med Innov")]),
    ("fr", "Nour Tech, une startup marocaine, participe au Forum Med Innov.",
     [t("LOCATED_IN", "Nour Tech", "Morocco")]),
    ("en", "Keel Robotics, a Greek company, took part in the Blue Port Forum.",
     [t("LOCATED_IN", "Keel Robotics", "Greece")]),
    # relations.py: the partnership noun may stand up to 12 tokens before "between"/"entre"
    ("fr", "Un accord de coopération a été signé hier à Tunis lors du salon entre le Cluster Bois du Rif et "
           "l'Université de Sousse.",
     [t("PARTNERS_WITH", "Cluster Bois du Rif", "Université de Sousse")]),
    ("en", "A cooperation agreement was formally signed last week in Rabat between Keel Robotics and the "
           "University of Kyrenia.",
     [t("PARTNERS_WITH", "Keel Robotics", "University of Kyrenia")]),
    pytest.param("en", "An agreement was signed in Rabat between Atlas Robotics and Datalink Systems.",
                 [t("PARTNERS_WITH", "Atlas Robotics", "Datalink Systems")],
                 marks=gap("'Atlas Robotics and Datalink Systems' is chunked as one name (names.py right_cue "
                           "joins two short names when the second ends in an org word)")),
    # relations.py: beneficiaries lists after a programme was named
    ("fr", "Le programme Export Vert a été lancé en 2022 par la Banque Atlas.\n"
           "Parmi les bénéficiaires de la première cohorte figurent Nour Tech et Argana Foods.",
     [t("PARTICIPATES_IN", "Nour Tech", "Export Vert"), t("PARTICIPATES_IN", "Argana Foods", "Export Vert")]),
    ("en", "The Green Ports Programme was launched in 2023 by the Tethys Bank.\n"
           "Its beneficiaries include Keel Robotics and Salina Sensors.",
     [t("PARTICIPATES_IN", "Keel Robotics", "Green Ports Programme"),
      t("PARTICIPATES_IN", "Salina Sensors", "Green Ports Programme")]),
    pytest.param("en", "The Green Ports Programme was launched in 2023 by the Tethys Bank.\n"
                       "Among the beneficiaries of the first round were Keel Robotics and Salina Sensors.",
                 [t("PARTICIPATES_IN", "Keel Robotics", "Green Ports Programme")],
                 marks=gap("'among the beneficiaries … were' with a complement in between is not matched in EN")),
    # relations.py: "P, dont X est chef de file"
    ("fr", "Le projet Blue Skills, dont Nour Tech est chef de file, démarre en mars.",
     [t("RUNS", "Nour Tech", "Blue Skills")]),
    pytest.param("fr", "Le projet Blue Skills, dont le Cluster Maritime de Bizerte est chef de file, démarre en mars.",
                 [t("RUNS", "Cluster Maritime de Bizerte", "Blue Skills")],
                 marks=gap("'dont <article> X est chef de file': the article between 'dont' and the name "
                           "stops the rule")),
    pytest.param("fr", "Nour Tech a rejoint le programme Export Vert, dont la Banque Atlas est chef de file.",
                 [t("RUNS", "Banque Atlas", "Export Vert")],
                 marks=gap("'dont la X est chef de file' at the end of the sentence")),
    # engine.py: "P (years), an A-funded project"
    ("en", "Keel Robotics coordinates the MedLink Project (2021–2024), an EU-funded project.",
     [t("FUNDS", "EU", "MedLink Project"), t("RUNS", "Keel Robotics", "MedLink Project")]),
    ("en", "The MedLink Project (2021–2024), an EU-funded project, trained forty fish farmers.",
     [t("FUNDS", "EU", "MedLink Project")]),
    pytest.param("en", "Keel Robotics took part in AquaBridge (2021–2024), an EU-funded project.",
                 [t("FUNDS", "EU", "AquaBridge")],
                 marks=gap("a one-word name before '(2021–2024)' is read as a cited author and dropped")),
    # en.py cues
    ("en", "Datalink Systems also sits on the board of the Moroccan Automotive Cluster.",
     [t("MEMBER_OF", "Datalink Systems", "Moroccan Automotive Cluster")]),
    ("en", "Since 2021, Datalink Systems has a seat on the board of the Moroccan Automotive Cluster.",
     [t("MEMBER_OF", "Datalink Systems", "Moroccan Automotive Cluster")]),
    pytest.param("en", "Datalink Systems sat on the board of the Moroccan Automotive Cluster until 2020.",
                 [t("MEMBER_OF", "Datalink Systems", "Moroccan Automotive Cluster")],
                 marks=gap("'sits on the board of' has no past tense 'sat on the board of'")),
    ("en", "The Kelibia Oil Cluster received a grant from the Marlin Foundation in 2022.",
     [t("FUNDS", "Marlin Foundation", "Kelibia Oil Cluster")]),
    ("en", "In 2022 the Kelibia Oil Cluster received a grant from the Marlin Foundation and the Tethys Bank.",
                 [t("FUNDS", "Marlin Foundation", "Kelibia Oil Cluster"),
                  t("FUNDS", "Tethys Bank", "Kelibia Oil Cluster")]),
    ("en", "The Olive Route Accelerator receives funding from the Tethys Bank.",
     [t("FUNDS", "Tethys Bank", "Olive Route Accelerator")]),
    ("en", "Every year the Olive Route Accelerator receives funding from the Tethys Bank and the "
                       "Marlin Foundation.",
                 [t("FUNDS", "Tethys Bank", "Olive Route Accelerator"),
                  t("FUNDS", "Marlin Foundation", "Olive Route Accelerator")]),
    ("en", "The Aegean Boat Cluster is the lead partner of the SeaSkills Project.",
     [t("RUNS", "Aegean Boat Cluster", "SeaSkills Project")]),
    ("en", "The Aegean Boat Cluster, the lead partner of the SeaSkills Project, hired two engineers.",
     [t("RUNS", "Aegean Boat Cluster", "SeaSkills Project")]),
    ("en", "The Crete Olive Cluster signed a twinning agreement with the Puglia Olive Network.",
     [t("PARTNERS_WITH", "Crete Olive Cluster", "Puglia Olive Network")]),
    ("en", "The Crete Olive Cluster has a twinning agreement with the Puglia Olive Network since 2019.",
     [t("PARTNERS_WITH", "Crete Olive Cluster", "Puglia Olive Network")]),
    ("en", "The Adriatic Blue Forum took place in Zadar in May.\n"
           "Participants included the Dalmatia Fish Cluster and Kvarner Marine Labs.",
     [t("PARTICIPATES_IN", "Dalmatia Fish Cluster", "Adriatic Blue Forum"),
      t("PARTICIPATES_IN", "Kvarner Marine Labs", "Adriatic Blue Forum")]),
    ("en", "The Adriatic Blue Forum took place in Zadar in May.\n"
           "Among the participants were the Dalmatia Fish Cluster and Kvarner Marine Labs.",
     [t("PARTICIPATES_IN", "Dalmatia Fish Cluster", "Adriatic Blue Forum")]),
    # fr.py cues
    ("fr", "Nour Tech siège au conseil d'administration du Cluster Agro Souss.",
     [t("MEMBER_OF", "Nour Tech", "Cluster Agro Souss")]),
    pytest.param("fr", "L'Université de Sousse siège depuis 2020 au conseil d'administration du Pôle Mécanique de Sousse.",
                 [t("MEMBER_OF", "Université de Sousse", "Pôle Mécanique de Sousse")],
                 marks=gap("'siège au conseil d'administration' breaks when an adverbial splits the phrase")),
    ("fr", "Le Salon Med Industrie s'est tenu à Sousse en mai.\n"
           "Parmi les clusters présents figuraient le Cluster Bois du Rif et le Cluster Olive de Sfax.",
     [t("PARTICIPATES_IN", "Cluster Bois du Rif", "Salon Med Industrie"),
      t("PARTICIPATES_IN", "Cluster Olive de Sfax", "Salon Med Industrie")]),
    pytest.param("fr", "Le Salon Med Industrie s'est tenu à Sousse en mai.\n"
                       "Parmi les participants, on comptait le Cluster Bois du Rif et le Cluster Olive de Sfax.",
                 [t("PARTICIPATES_IN", "Cluster Bois du Rif", "Salon Med Industrie")],
                 marks=gap("'parmi les participants' followed by a comma and another verb ('on comptait')")),
    ("fr", "Le Cluster Céramique de Nabeul a signé une convention de jumelage avec le Cluster Faïence de Faenza.",
     [t("PARTNERS_WITH", "Cluster Céramique de Nabeul", "Cluster Faïence de Faenza")]),
    ("fr", "Le Cluster Céramique de Nabeul a conclu un jumelage avec le Pôle Verre de Murano.",
     [t("PARTNERS_WITH", "Cluster Céramique de Nabeul", "Pôle Verre de Murano")]),
    ("fr", "Le Technopôle de Sousse accueille la startup Nour Tech.",
     [t("SUPPORTS", "Technopôle de Sousse", "Nour Tech")]),
    ("fr", "La Pépinière Numérique de Gabès accueille Nour Tech et Argana Foods depuis 2022.",
     [t("SUPPORTS", "Pépinière Numérique de Gabès", "Nour Tech"),
      t("SUPPORTS", "Pépinière Numérique de Gabès", "Argana Foods")]),
    ("fr", "Le Cluster Dattes de Tozeur bénéficie d'un financement de la Banque Atlas.",
     [t("FUNDS", "Banque Atlas", "Cluster Dattes de Tozeur")]),
    ("fr", "Le projet Eau Claire a bénéficié d'un financement de la Fondation Tethys.",
     [t("FUNDS", "Fondation Tethys", "Eau Claire")]),
    ("fr", "Le Cluster Dattes de Tozeur bénéficie depuis 2021 d'un financement de la Banque Atlas.",
                 [t("FUNDS", "Banque Atlas", "Cluster Dattes de Tozeur")]),
    ("fr", "Nour Tech bénéficie de l'appui du Technopark de Tanger.",
     [t("SUPPORTS", "Technopark de Tanger", "Nour Tech")]),
    ("fr", "Depuis 2020, le Cluster Olive de Sfax bénéficie de l'appui de la Fondation Tethys.",
     [t("SUPPORTS", "Fondation Tethys", "Cluster Olive de Sfax")]),
    ("fr", "Le Cluster Maritime de Bizerte est chef de file du projet Blue Skills.",
     [t("RUNS", "Cluster Maritime de Bizerte", "Blue Skills")]),
    ("fr", "Le Cluster Maritime de Bizerte, chef de file du projet Blue Skills, recrute.",
     [t("RUNS", "Cluster Maritime de Bizerte", "Blue Skills")]),
]


@pytest.mark.parametrize("lang,sentence,expected", POSITIVE,
                         ids=[(p.values if hasattr(p, "values") else p)[1][:40] for p in POSITIVE])
def test_fresh_sentence(lang, sentence, expected):
    got = triples(sentence, lang)
    for e in expected:
        assert e in got, f"missing {e} in {sorted(got)}"


NEGATIVE = [
    # "accueille" means housing/incubating a body, not receiving visitors or hosting a meeting
    ("fr", "Le Cluster Bois du Rif accueille cette semaine une délégation de la Banque Atlas.", None),
    ("fr", "Le Technopôle de Sousse accueille une réunion entre Nour Tech et la Banque Atlas.",
     [t("SUPPORTS", "Technopôle de Sousse", "Nour Tech"), t("SUPPORTS", "Technopôle de Sousse", "Banque Atlas")]),
    pytest.param("fr", "Le Palais des Congrès de Sousse accueille le Salon Med Industrie.",
                 [t("SUPPORTS", "Palais des Congrès de Sousse", "Salon Med Industrie")],
                 marks=gap("'accueille' (and 'abrite') also fire for a venue hosting an event")),
    # hedges and negation still apply to the new cues
    ("fr", "Nour Tech ne bénéficie pas d'un financement de la Banque Atlas.", None),
    ("fr", "Le Cluster Bois du Rif pourrait bénéficier de l'appui de la Fondation Tethys.", None),
    ("en", "Datalink Systems does not sit on the board of the Moroccan Automotive Cluster.", None),
    # a participants list with no programme named before it links to nothing
    ("en", "Annual report\n\nParticipants included the Dalmatia Fish Cluster and Kvarner Marine Labs.", None),
]


@pytest.mark.parametrize("lang,sentence,forbidden", NEGATIVE,
                         ids=[(p.values if hasattr(p, "values") else p)[1][:40] for p in NEGATIVE])
def test_no_edge(lang, sentence, forbidden):
    got = triples(sentence, lang)
    if forbidden is None:
        assert {x for x in got if x[0] not in ("LOCATED_IN", "ACTIVE_IN")} == set()
    else:
        assert not set(forbidden) & got, sorted(got)


def _names(text, lang):
    return {m.text for m in run(text, lang).mentions if m.label in ("Organisation", "Programme")}


# names.py / entities.py: a dashed acronym in brackets is the alias of the name before it
@pytest.mark.parametrize("lang,text,name,alias", [
    ("fr", "La Chambre de Commerce de Sousse (CCI-SSE) accompagne le Cluster Huile de Sousse.",
     "Chambre de Commerce de Sousse", "CCI-SSE"),
    ("en", "The National Agency for Export Promotion (NAEP-TN) funds the Olive Route Programme.",
     "National Agency for Export Promotion", "NAEP-TN"),
])
def test_dashed_acronym_alias(lang, text, name, alias):
    m = next(m for m in run(text, lang).mentions if m.text == name)
    assert m.aliases == [alias]


# entities.py: words that are not bodies
@pytest.mark.parametrize("lang,text,not_a_name", [
    # a dateline does not make the next word a mid-sentence name
    ("fr", "Juin 2024 – Malgré la crise, Nour Tech participe au Forum Med Innov.\n"
           "Malgré tout, le Forum Med Innov reste ouvert.", "Malgré"),
    ("en", "March 2023 – Despite delays, Keel Robotics took part in the Blue Port Forum.\n"
           "Despite this, the Blue Port Forum stayed open.", "Despite"),
    # a heading in capitals
    ("en", "RAPPORT D'ACTIVITÉ DU RÉSEAU EN 2024\n\nKeel Robotics took part in the Blue Port Forum.",
     "RAPPORT D'ACTIVITÉ DU RÉSEAU EN 2024"),
    ("en", "STRENGTHENING MARITIME CLUSTERS IN THE AEGEAN\n\nKeel Robotics took part in the Blue Port Forum.",
     "STRENGTHENING MARITIME CLUSTERS IN THE AEGEAN"),
    ("en", "ANNUAL REVIEW OF THE MARITIME SECTOR IN CRETE\n\nKeel Robotics took part in the Blue Port Forum.",
     "ANNUAL REVIEW OF THE MARITIME SECTOR IN CRETE"),
    pytest.param("fr", "BILAN DES ACTIVITÉS DE LA FILIÈRE EN 2024\n\nNour Tech participe au Forum Med Innov.",
                 "BILAN DES ACTIVITÉS DE LA FILIÈRE EN",
                 marks=gap("a capitals heading whose first word has ≤6 letters is taken for an acronym-led name")),
    # a post
    ("en", "The Director for Regional Innovation presented the Blue Port Forum, organised by Keel Robotics.",
     "Director for Regional Innovation"),
    ("en", "Our Manager for Digital Services met Keel Robotics.", "Manager for Digital Services"),
    # people
    ("en", "Youssef Karimi, project manager at Nexio, presented the Blue Port Forum.", "Youssef Karimi"),
    ("en", "The Blue Port Forum was opened, said Amina Belhaj.", "Amina Belhaj"),
])
def test_not_a_name(lang, text, not_a_name):
    assert not_a_name not in _names(text, lang)


# fr.py / en.py: founding-date phrases
@pytest.mark.parametrize("lang,text,name,year", [
    ("fr", "Le Cluster Dattes de Tozeur a vu le jour en 2016 à l'initiative de producteurs.",
     "Cluster Dattes de Tozeur", 2016),
    ("fr", "Depuis sa création en 2014, le Pôle Numérique de Gabès accompagne des startups.",
     "Pôle Numérique de Gabès", 2014),
    ("en", "Since its creation in 2014, the Aegean Boat Cluster has trained boat builders.",
     "Aegean Boat Cluster", 2014),
    pytest.param("fr", "Le Pôle Numérique de Gabès accompagne, depuis sa création en 2014, des startups.",
                 "Pôle Numérique de Gabès", 2014,
                 marks=gap("'depuis sa création en' only works fronted, not inserted after the verb")),
])
def test_founded(lang, text, name, year):
    m = next(m for m in run(text, lang).mentions if m.text == name)
    assert m.founded == year
