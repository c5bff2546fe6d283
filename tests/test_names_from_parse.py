"""Names read with the trained pipeline's help (ingest/frames): sentence-case institution names
(`institutions.py`), the common-phrase veto (`vetoes.py`), and lists of parties read whole
(`_Reader.enumeration`, the joint handler). Invented sentences only; none comes from a corpus."""
from __future__ import annotations

import pytest

from ecograph.ids import norm
from ecograph.ingest.frames.institutions import institution_spans
from ecograph.ingest.frames.pipelines import pipeline
from helpers import run as _doc, triples, veto_of


def names(text: str, lang: str) -> set[str]:
    return {m.text for m in _doc(text, lang).mentions if m.label in ("Organisation", "Programme")}


def partners(text: str, lang: str) -> set[frozenset]:
    return {frozenset((norm(c.source.text), norm(c.target.text))) for c in _doc(text, lang).candidates
            if c.type == "PARTNERS_WITH"}


INSTITUTIONS = [  # sentence, the institution names the reader must find
    ("Le ministère de l'Énergie et des Mines a signé une convention avec l'Office des foires et expositions "
     "de Tanger.", ["ministère de l'Énergie et des Mines", "Office des foires et expositions de Tanger"]),
    ("L'Agence nationale de promotion de l'emploi et le Technopole de Kairouan ont conclu un accord.",
     ["Agence nationale de promotion de l'emploi", "Technopole de Kairouan"]),
    ("Selon le Ministère du développement, de l'investissement et de la coopération internationale, le "
     "cluster a été créé en 2006.", ["Ministère du développement, de l'investissement et de la coopération "
                                     "internationale"]),
    ("Le Programme d'appui à l'émergence des filières en Numidie est financé par l'Union européenne.",
     ["Programme d'appui à l'émergence des filières en Numidie"]),
    # a ministry's remit is part of its name; a long chamber name with a comma is one name
    ("Le ministère chargé de l'Investissement a signé un accord avec le Pôle Sigma.",
     ["ministère chargé de l'Investissement"]),
    ("La Chambre de commerce, d'industrie et d'agriculture de Lorn et du Mont Kappa a signé un accord.",
     ["Chambre de commerce, d'industrie et d'agriculture de Lorn et du Mont Kappa"]),
    # where the name stops
    ("Le Ministère de l'Industrie et du Commerce depuis 2017 soutient le projet.",
     ["Ministère de l'Industrie et du Commerce"]),
    ("Le projet est porté par le Ministère libanais de l'Industrie et l'ONUDI.",
     ["Ministère libanais de l'Industrie"]),
    ("Le ministère de l'Industrie et Alpha Ventures ont signé une convention.", ["ministère de l'Industrie"]),
    ("La convention a été signée par le Ministère du développement et de la coopération internationale en la "
     "personne de Karim Haddad.", ["Ministère du développement et de la coopération internationale"]),
    # a fund qualified by an adjective, a hyphenated word inside, a cue phrase opening with its head, a
    # lower-case park head
    ("Une convention a été signée entre le Fonds kelvien des start-up et le Centre Lyra.",
     ["Fonds kelvien des start-up"]),
    ("La 2e édition de la Conférence nationale des start-up a eu lieu à Kelvia.",
     ["Conférence nationale des start-up"]),
    ("Les sites sont Rabat et la Cité de l'innovation Souss-Kelvo, selon le Pôle Lyra.",
     ["Cité de l'innovation"]),  # (the name finder's "Souss-Kelvo" then extends it)
    ("Le cyberparc de Sidi Kelvo accueille 40 entreprises.", ["cyberparc de Sidi Kelvo"]),
    # no institution name
    ("Les fonds de la région sont destinés aux jeunes entreprises.", []),
    ("Le programme de Berytech et la direction de Kappa Corp sont partenaires.", []),
    ("Un office de tourisme a ouvert ses portes à Tanger.", []),
    ("Merci à Maroc PME pour son appui constant.", []),
    ("La région de Tanger accueille le salon.", []),
    ("Le responsable chargé de la communication a présenté le Pôle Sigma.", []),
]


@pytest.mark.parametrize("sentence,expected", INSTITUTIONS)
def test_sentence_case_institution_names(sentence, expected):
    doc = pipeline("fr")(sentence)
    assert [sentence[a:b] for a, b, _, _ in institution_spans(doc, "fr")] == expected


def test_an_institution_name_replaces_its_capitalised_pieces_and_keeps_its_acronym():
    found = _doc("La feuille de route est définie par l'Agence de développement de la Pme et de la promotion "
                 "de l'innovation (ADPI-PME). L'ADPI-PME soutient le Cluster Alpha.", "fr").mentions
    agency = [m for m in found if m.text.startswith("Agence")]
    assert len(agency) == 1 and agency[0].aliases == ["ADPI-PME"]
    assert not any(m.text in ("Pme", "Mines") for m in found)
    assert "Mines" not in names("Le ministère de l'Énergie et des Mines soutient le Cluster Alpha.", "fr")


def test_english_titles_are_left_to_the_name_finder():
    assert institution_spans(pipeline("en")("The Ministry of Industry signed it."), "en") == []


COMMON = [  # lang, sentence, name, veto
    ("en", "The project trains young people in four sectors: Blue Economy, Circular Economy, Green Economy and "
           "Sustainable Agriculture.", "Green Economy", "common-phrase"),
    ("en", "The call targets Public-Private Partnerships in the region.", "Public-Private Partnerships",
     "common-phrase"),
    ("en", "Keel Robotics joined the Vega Numeric Cluster.", "Keel Robotics", None),   # a firm word
    ("en", "The Assistance Mechanism helps applicants.", "Assistance Mechanism", None),  # a verb's subject
    ("en", "Keel Marine, a Greek company, took part.", "Keel Marine", None),  # a kind noun in apposition
    ("en", "Quantix Robotics joined the Vega Numeric Cluster in 2022.", "Quantix Robotics", None),
    ("en", "The Green Valley Cluster signed an agreement.", "Green Valley Cluster", None),
    ("fr", "Les projets de Développement Durable sont éligibles.", "Développement Durable", "common-phrase"),
    ("fr", "La société Alpha Cuirs est membre du cluster.", "Alpha Cuirs", None),  # a kind noun before
    ("fr", "Le forum a réuni les acteurs de la Transition Énergétique au Maroc.", "Transition Énergétique",
     "common-phrase"),
]




def test_a_firm_named_with_dictionary_words_is_kept_in_a_list_of_names_but_a_list_of_sectors_is_not():
    found = names("Nos adhérents Mecaflux SAS, Azur Robotique, Kappa Systèmes Embarqués et l'Université de "
                  "Numidie ont porté quatre projets.", "fr")
    assert "Azur Robotique" in found
    found = names("The project trains young people in four sectors: Blue Economy, Circular Economy, Green "
                  "Economy and Sustainable Agriculture.", "en")
    assert not found & {"Blue Economy", "Circular Economy", "Green Economy", "Sustainable Agriculture"}


def test_a_long_list_of_signatories_is_read_whole():
    got = partners("Le ministère de l'Industrie et de la Réforme de l'administration, Alpha Ventures, "
                   "l'Université Beta Polytechnique (UBP), Gamma Invest, le Technopark et Delta ont signé, le "
                   "mercredi 29 mai à Rabat, une convention pour soutenir les jeunes pousses.", "fr")
    parties = ["ministère de l'Industrie et de la Réforme de l'administration", "Alpha Ventures",
               "Université Beta Polytechnique", "Gamma Invest", "Technopark", "Delta"]
    want = {frozenset((norm(a), norm(b))) for k, a in enumerate(parties) for b in parties[k + 1:]}
    assert want <= got


def test_partners_named_with_with_meet_the_subject_not_each_other():
    got = partners("Orion Agency signed agreements with the Vega Cluster, Nova Labs and the Sigma Institute.",
                   "en")
    assert frozenset((norm("Orion Agency"), norm("Nova Labs"))) in got
    assert frozenset((norm("Vega Cluster"), norm("Nova Labs"))) not in got
    got = partners("Dans le cadre d'un partenariat avec le Ministère des Finances, l'Office des Ports et "
                   "l'Agence de l'Oriental, la société Kappa réalise le projet.", "fr")
    assert frozenset((norm("Ministère des Finances"), norm("Office des Ports"))) not in got


def test_names_a_plural_noun_announces_take_its_part():
    got = triples("Pour la Numidie, ce sont six professionnels des clusters qui ont rejoint le programme Kappa "
                  "Mentoring, à savoir Numidia Digital Cluster, Cluster Textile Technique Numide (C2TN) et le "
                  "Pôle Agro de Cirta.", "fr")
    for member in ("Numidia Digital Cluster", "Cluster Textile Technique Numide", "Pôle Agro de Cirta"):
        assert ("PARTICIPATES_IN", norm(member), norm("Kappa Mentoring")) in got
    # items of one list are not each other's members
    assert not {t for t in got if t[0] == "MEMBER_OF"}


def test_a_fronted_phrase_and_the_subject_are_no_list():
    got = triples("With support from the Northwind Foundation, the Orion Cluster trains young engineers.", "en")
    assert ("SUPPORTS", norm("Northwind Foundation"), norm("Orion Cluster")) in got


def test_a_run_verb_in_french_passive():
    got = triples("Le programme Kappa Mentoring sera conduit par l'agence Omega Trade.", "fr")
    assert ("RUNS", norm("Omega Trade"), norm("Kappa Mentoring")) in got


CATEGORY = [
    ("en", "The call is open to MSMEs in the region.", "MSMEs", "category"),
    ("en", "It helps Moroccan SMEs grow.", "Moroccan SMEs", "category"),
    ("fr", "Les Technopôles accueillent des startups.", "Technopôles", "category"),
    ("en", "The Technopark signed three agreements.", "Technopark", None),  # may stand for the page's one
    ("en", "Delta Clusters signed an agreement.", "Delta Clusters", None),
    ("en", "The UNDP supports it.", "UNDP", None),
]


def test_an_agreement_named_after_a_long_insertion_still_counts():
    got = partners("Le ministère, Kappa Ventures, l'Université Delta (UD), KDG Invest, le Technopark et Glovix ont "
                   "signé, le mercredi 29 mai à Rabat, lors du salon Omega Expo, une convention pour soutenir les "
                   "jeunes pousses.", "fr")
    assert frozenset((norm("KDG Invest"), norm("Glovix"))) in got
    assert not partners("Kappa Ventures et Glovix ont signé, hier à Rabat, le livre d'or du salon.", "fr")


def test_a_subsidiary_named_after_a_known_name_is_one_name():
    found = names("Le Crédit Agricole du Maroc et CDG Invest ont signé une convention.", "fr")
    assert "CDG Invest" in found


@pytest.mark.parametrize("text,expected", [
    ("The KELVOMED project consortium includes Kappa Labs, Delta Institute and Omega Agency.",
     {("PARTICIPATES_IN", "Kappa Labs", "KELVOMED"), ("PARTICIPATES_IN", "Omega Agency", "KELVOMED")}),
    ("The Kappa Association includes the National Council for Scientific Research and the Association of Numidian "
     "Industrialists.", {("MEMBER_OF", "National Council for Scientific Research", "Kappa Association"),
                         ("MEMBER_OF", "Association of Numidian Industrialists", "Kappa Association")}),
])
def test_what_a_consortium_or_an_association_includes(text, expected):
    got = triples(text, "en" if text.startswith("The") else "fr")
    sym = got | {(t, o, s) for t, s, o in got if t == "PARTNERS_WITH"}
    assert {(t, norm(s), norm(o)) for t, s, o in expected} <= sym


@pytest.mark.parametrize("text,lang", [
    ("The consortium includes Kappa Labs, Delta Institute, Sigma Association and Omega Agency.", "en"),
    ("Le consortium regroupe Kappa Labs, l'Institut Delta et l'Agence Omega.", "fr"),
])
def test_co_members_of_a_consortium_are_not_said_to_partner(text, lang):
    assert not {t for t in triples(text, lang) if t[0] == "PARTNERS_WITH"}


def test_a_programme_that_includes_names_has_no_members():
    got = triples("The Kappa Programme includes Delta Labs and Sigma Institute.", "en")
    assert not {t for t in got if t[0] in ("MEMBER_OF", "PARTNERS_WITH")}


POSTS = [
    ("en", "The DG signed the deal.", "DG", "post"),
    ("en", "Ambassador Christina Lassen opened the event.", "Ambassador Christina Lassen", "post"),
    ("en", "Minister Boujikian signed.", "Minister Boujikian", "post"),
    ("en", "Engineer Maroun Chammas signed for the incubator.", "Engineer Maroun Chammas", "post"),
    ("fr", "Au XXème siècle, le cluster est né.", "XXème", "ordinal"),
    ("en", "The Ministry of Industry signed.", "Ministry of Industry", None),
    ("en", "Kappa CEO Summit opens in May.", "Kappa CEO Summit", None),
]


def test_a_person_named_in_full_once_is_no_organisation_by_surname_later():
    found = names("Minister Karim Boulos signed a cooperation agreement with Kappa Labs. Boulos said the deal "
                  "matters.", "en")
    assert found == {"Kappa Labs"}


def test_a_place_after_a_body_is_where_it_sits_but_part_of_a_programme_name():
    doc = pipeline("fr")("La feuille de route définie par le ministère de l'Industrie et des Mines à Alger prévoit "
                         "un soutien.")
    assert [doc.text[a:b] for a, b, _, _ in institution_spans(doc, "fr")] == ["ministère de l'Industrie et des Mines"]


@pytest.mark.parametrize("text,lang,expected", [
    ("Kappa Ventures, the investment arm of Delta University, joined the programme.", "en",
     ("PART_OF", "Kappa Ventures", "Delta University")),
    ("The Delta Group is a subsidiary of Omega Holding.", "en", ("PART_OF", "Delta Group", "Omega Holding")),
    ("Logitrans, la filiale de la SNTX, est partenaire du projet.", "fr", ("PART_OF", "Logitrans", "SNTX")),
    ("Le troisième partenariat a été signé avec l'organisateur du salon Omega Expo, Kappa International.", "fr",
     ("RUNS", "Kappa International", "Omega Expo")),
])
def test_apposed_nouns_of_a_part_and_of_an_organiser(text, lang, expected):
    t, s, o = expected
    assert (t, norm(s), norm(o)) in triples(text, lang)


def test_an_apposed_name_glued_to_the_target_is_not_the_holder():
    got = triples("The organiser of the Omega Expo fair was not named.", "en")
    assert not {t for t in got if t[0] == "RUNS"}


@pytest.mark.parametrize("text,lang,org,country", [
    ("The German agency Kappa supports the cluster.", "en", "Kappa", "Germany"),
    ("L'incubateur libanais Delta Labs a signé un accord avec le groupe tunisien Sigma Corp.", "fr", "Delta Labs",
     "Lebanon"),
    ("L'incubateur libanais Delta Labs a signé un accord avec le groupe tunisien Sigma Corp.", "fr", "Sigma Corp",
     "Tunisia"),
    ("Le cluster bénéficie de l'accompagnement de l'organisme allemand chargé de la coopération, Kappa.", "fr",
     "Kappa", "Germany"),
])
def test_a_nationality_adjective_that_describes_a_name_places_it(text, lang, org, country):
    r = _doc(text, lang)
    assert any(c.type == "LOCATED_IN" and c.source.text == org and (c.target.canonical or c.target.text) == country
               for c in r.candidates)


@pytest.mark.parametrize("text,lang,org", [
    ("Selon le ministre tunisien de l'Industrie, Omega Labs va recruter.", "fr", "Omega Labs"),  # a source
    ("An agreement was signed between Kappa Enterprise and Delta Clusters, a Spanish federation.", "en",
     "Kappa Enterprise"),  # the apposition describes the other party
    ("Le Cluster Tunisien de l'Aéronautique (CTA), le Pôle Aéro Kappa et Delta ont signé un accord.", "fr",
     "Pôle Aéro Kappa"),  # the adjective is a word of another name
])
def test_a_nationality_adjective_elsewhere_places_nothing(text, lang, org):
    r = _doc(text, lang)
    assert not any(c.type == "LOCATED_IN" and c.source.text == org for c in r.candidates)


def test_signatories_stand_for_their_organisations_in_a_subject():
    got = partners("Jean Dupont, le président de Kappa Clusters et fondateur du pôle Delta Valley, et Karim Saidi, le "
                   "président du réseau Numidia Clusters, ont signé une convention de partenariat.", "fr")
    assert frozenset((norm("Kappa Clusters"), norm("Numidia Clusters"))) in got


def test_a_programme_launched_in_collaboration_between_parties_is_run_by_each():
    got = triples("Le programme Kappa Boost a été présenté à Tunis. Ce programme est lancé en étroite collaboration "
                  "entre l'Agence Omega, l'Union européenne et la Fédération Sigma.", "fr")
    for party in ("Agence Omega", "Union européenne", "Fédération Sigma"):
        assert ("RUNS", norm(party), norm("Kappa Boost")) in got


PROGRAMME_WORDS = [
    ("en", "The Hackathon was a success.", "Hackathon", "category"),
    ("fr", "Le Forum a réuni 300 personnes.", "Forum", "category"),
    ("en", "Horizon funds the project.", "Horizon", None),
]


def test_an_account_is_a_fund():
    from ecograph.kinds import classify
    assert classify("Kappa Multi-Donor Account") == ("Programme", "fund")


@pytest.mark.parametrize("text,lang,expected", [
    ("Kappa Cluster has formed seven partnerships: Alpha Labs, Beta Institute, Gamma Agency and Delta Corp.", "en",
     {("PARTNERS_WITH", "Kappa Cluster", "Alpha Labs"), ("PARTNERS_WITH", "Kappa Cluster", "Delta Corp")}),
    ("Le Cluster Kappa a noué sept partenariats : Alpha Labs, l'Institut Beta, l'Agence Gamma et Delta Corp.", "fr",
     {("PARTNERS_WITH", "Cluster Kappa", "Institut Beta"), ("PARTNERS_WITH", "Cluster Kappa", "Delta Corp")}),
    ("Twelve start-ups received the Omega Label: Zeta Works, Eta Labs and Theta Tech.", "en",
     {("LABELLED_BY", "Eta Labs", "Omega Label"), ("LABELLED_BY", "Theta Tech", "Omega Label")}),
])
def test_a_colon_list_names_what_the_clause_announces(text, lang, expected):
    got = triples(text, lang, both_ways=True)
    assert {(t, norm(s), norm(o)) for t, s, o in expected} <= got
    # the listed partners are not each other's partners: each partnership is the subject's
    assert ("PARTNERS_WITH", norm("Alpha Labs"), norm("Delta Corp")) not in got


def test_funding_received_is_no_label():
    got = triples("Kappa Cluster received funding from the Omega Bank.", "en")
    assert not {t for t in got if t[0] == "LABELLED_BY"}


AGREEMENTS = [
    ("en", "They signed a Memorandum of Understanding in May.", "Memorandum of Understanding", "agreement"),
    ("en", "The MoU was signed.", "MoU", "agreement"),
    ("fr", "Le directeur de l'Université Kappa de la ville a parlé.", "Université Kappa de la", "truncated"),
    ("en", "The Ministries of Foreign Affairs met.", "Ministries of Foreign Affairs", "plural-kind"),
    ("en", "The Ministry of Foreign Affairs met.", "Ministry of Foreign Affairs", None),
    ("en", "The Clusters of Excellence Network met.", "Clusters of Excellence Network", None),
]


@pytest.mark.parametrize("lang,sentence,name,expected", COMMON + CATEGORY + POSTS + PROGRAMME_WORDS + AGREEMENTS)
def test_name_vetoes(lang, sentence, name, expected):
    assert veto_of(lang, sentence, name) == expected
