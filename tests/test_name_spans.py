"""Where a name starts and ends in running text: an Arabic article that opens it, an @ inside a word,
a long form recovered from the acronym it defines, a name that lists the fields it serves. Invented
sentences: each row gives a name that must be found whole and a part that must not stand alone."""
from __future__ import annotations

import pytest

from ecograph.ingest.names import spells
from ecograph.ingest.tokens import tokenize
from helpers import run

WHOLE = [  # lang, text, the name found whole, a part that is no name of its own
    ("en", "The Lyra Park signed an agreement with Al Amal Organization for Education.",
     "Al Amal Organization for Education", "Amal Organization for Education"),
    ("fr", "Le pôle a signé une convention avec El Nour Technopark à Tunis.", "El Nour Technopark", "Nour Technopark"),
    ("fr", "Une convention a été signée entre le Fonds Alpha et le Centre de recherche sur l'information "
           "scientifique et technique (CERIST).",
     "Centre de recherche sur l'information scientifique et technique", "CERIST"),
    ("en", "The agreement links the Vega Academy for Science, Technology and Maritime Transport with the "
           "Orion Bank.", "Vega Academy for Science, Technology and Maritime Transport", "Maritime Transport"),
    ("en", "The Council for Research, Innovation and Technology Transfer met the Orion Bank in Amman.",
     "Council for Research, Innovation and Technology Transfer", "Transfer"),
    ("en", "A memorandum links the Vega Academy for Science, Technology, and Maritime Transport and the Orion Bank.",
     "Vega Academy for Science, Technology, and Maritime Transport", "Maritime Transport"),
    # a programme's body named after it: one organisation, not the programme and a bare body
    ("en", "The Lyra Agency and the Horizon Europe National Contact Point signed a memorandum in April 2021.",
     "Horizon Europe National Contact Point", "National Contact Point"),
    # an unknown word before "project" after "the" names the project
    ("en", "The Kelvo project, funded by the EU under the Orion Sea Basin Programme, supports start-ups.", "Kelvo",
     "Kelvo project"),
    # a demonym before a name and its lower-case kind noun describes it
    ("en", "The platform will support the capacity of the Egyptian LYRIC incubator in Cairo.", "LYRIC",
     "Egyptian LYRIC"),
    # a quoted name beside the kind noun that says what it names
    ("fr", "Une convention a été signée entre le Pôle Alpha et l'entreprise \"Nova Minds\".", "Nova Minds", "Minds"),
    ("fr", '"Nova Venture", un accélérateur de start-up, a été inauguré hier à Oran.', "Nova Venture", "Venture"),
    # an "and" inside a name whose acronym, in brackets after it, spans both sides
    ("en", "The Kelvo University has joined the Arab Incubators and Technoparks Network (AITN).",
     "Arab Incubators and Technoparks Network", "Technoparks Network"),
    ("en", "The Kelvo University has joined the Levant Design Studios and Makerspaces Network (LEDESNET) this year.",
     "Levant Design Studios and Makerspaces Network", "Makerspaces Network"),
    # a university named with the city of its campus
    ("en", "Most members are studios, but the Kelvo University in Cairo and Orion University joined last year.",
     "Kelvo University in Cairo", "Kelvo University"),
    # a French cluster named by the field it serves, in lower case, and its demonym
    ("fr", "Lors de son conseil d'administration, le Cluster numérique a signé une convention avec la Banque Kappa.",
     "Cluster numérique", "Banque Kappa a"),
    ("fr", "Le Cluster textile tunisien a signé une convention avec le Pôle Sigma.", "Cluster textile tunisien",
     "Cluster textile"),
    # a long form in lower case after its head noun, recovered from the acronym it defines
    ("fr", "Le réseau Lyra incubation et essaimage (RLIE) a été créé en 2002 par le Pôle Sigma.",
     "réseau Lyra incubation et essaimage", "Lyra"),
    # French names go on after « pour les » and « d'Aide au »
    ("fr", "L'Agence Delta pour les Investissements (ADI, France) a piloté le projet.",
     "Agence Delta pour les Investissements", "Investissements"),
    ("fr", "Le programme associe l'Association d'Aide au Développement Rural et le Pôle Sigma.",
     "Association d'Aide au Développement Rural", "Développement Rural"),
]

APART = [  # lang, text, names that stay apart: a list of bodies is no list of fields
    ("en", "The Vega Institute for Research, the Orion Bank and the Lyra Agency signed an agreement.",
     {"Vega Institute for Research", "Orion Bank", "Lyra Agency"}),
    ("en", "The Institute of Physics, Orion Bank and the Lyra Agency signed an agreement.",
     {"Institute of Physics", "Orion Bank", "Lyra Agency"}),
    # an acronym that spells only the second name keeps the two apart
    ("en", "The Kelvo Foods and the Lorn Institute (LI) signed an agreement.", {"Kelvo Foods", "Lorn Institute"}),
    # an acronym before "and" is a name of its own, whatever follows
    ("en", "The QRX and Kelvo Patent Commercialization Office (KPCO) signed an agreement.",
     {"QRX", "Kelvo Patent Commercialization Office"}),
    # « au » between two names glues nothing
    ("fr", "Le Pôle Sigma au Salon Nova de Tunis a présenté ses membres.", {"Pôle Sigma", "Salon Nova"}),
    # a lower-case "the" after a name's word opens a second name (the text left its comma out)
    ("en", "The Agency works with the Ministry of Farming, the Dune Research Center the Soil Research Center, and "
           "the Orion Bank.", {"Dune Research Center", "Soil Research Center", "Ministry of Farming"}),
    ("en", "The Bank of the West and the Council for the Kelvo Coast signed.", {"Bank of the West",
                                                                              "Council for the Kelvo Coast"}),
    # a place before ", and" opens no list of fields: it is an item of a list
    ("en", "Connected from Kelvo Hall, Nablus, and Kelvo University, the teams discussed the services.",
     {"Kelvo Hall", "Kelvo University"}),
]


@pytest.mark.parametrize("lang,text,whole,part", WHOLE)
def test_a_name_is_found_whole(lang, text, whole, part):
    found = {m.text for m in run(text, lang).mentions}
    assert whole in found and part not in found


@pytest.mark.parametrize("lang,text,names", APART)
def test_listed_bodies_stay_apart(lang, text, names):
    assert names <= {m.text for m in run(text, lang).mentions}


SPELLS = [  # acronym, the content words of a long form, whether they spell it
    ("cerist", "centre recherche sur information scientifique et technique", True),
    ("arpis", "agence regionale promotion industries sahel", True),
    ("ebrd", "european bank reconstruction and development", True),
    ("api", "agence promotion industrie", True),
    ("abc", "alpha zeta gamma", False),
    ("orion", "office regional investissement", False),
]


@pytest.mark.parametrize("acr,words,expected", SPELLS)
def test_an_acronym_is_spelled_by_the_leading_letters_of_its_long_form(acr, words, expected):
    assert spells(acr, words.split()) is expected


def test_a_word_with_an_at_sign_is_one_word_and_an_address_is_not():
    assert [t.text for t in tokenize("the Sm@rtLab project")] == ["the", "Sm@rtLab", "project"]
    assert [t.text for t in tokenize("write to info@lyra.org")][2:5] == ["info", "@", "lyra"]


NO_NAME = [  # lang, text, a word group that names no organisation
    ("en", "The Vega Techno Park, represented by Chairperson Dr. Karim Saleh, signed a memorandum with the Orion Bank.",
     "Chairperson Dr"),
    ("fr", "Les clusters jouent un rôle essentiel dans la coopération entre Nord et Sud de la Méditerranée.",
     "Sud de la Méditerranée"),
    ("fr", "La coopération entre le Nord et le Sud est une priorité du Pôle Alpha.", "Nord"),
]


@pytest.mark.parametrize("lang,text,words", NO_NAME)
def test_compass_points_and_posts_name_no_organisation(lang, text, words):
    found = {m.text for m in run(text, lang).mentions if m.label == "Organisation"}
    assert words not in found and not any(f.startswith(("Nord", "Sud", "Chairperson")) for f in found)


LABELLED_BY_THE_TEXT = [  # lang, text, name, the label the text gives it
    # a programme noun right before a name ending in a startup word: the programme's name
    ("fr", "L’incubateur KCIS ouvre les inscriptions du programme Kelvo-Startup à Fès.", "Kelvo-Startup", "Programme"),
    ("en", "Applications are open for the program Orvalis Entrepreneurship.", "Orvalis Entrepreneurship",
     "Programme"),
    # ... not one ending in a body's head word, nor a startup word with no programme noun before it
    ("fr", "Le projet Kelvo Technopark a été présenté à Fès.", "Kelvo Technopark", "Organisation"),
    ("en", "The Kelvo Startup Hub hosts forty companies.", "Kelvo Startup Hub", "Organisation"),
    ("en", "Kappa Hub launched the ‘Scale-up Pass for Clusters’ project in 2021.", "Scale-up Pass for Clusters",
     "Programme"),
    ("en", "The Orion Cluster project aims to train 200 engineers.", "Orion Cluster", "Organisation"),
    # a title in quotes names the project, whatever its head word
    ("en", "The first presentation of the 'Lorn Textile Alliances' project took place in Sfax.",
     "Lorn Textile Alliances", "Programme"),
    ("fr", "Le lancement du projet « Réseau Nova » a eu lieu à Sousse.", "Réseau Nova", "Programme"),
    # a programme noun, its lower-case description, then the name
    ("fr", "Le projet s'inscrit dans le programme européen de coopération territoriale KAPPA.", "KAPPA",
     "Programme"),
    # ... but a name after "of" owns the programme, and a clause is no description
    ("fr", "Le programme de formation du KELVA a formé 40 cadres.", "KELVA", "Organisation"),
    ("en", "Nova Med is a project in which KELVA is one of nine partners.", "KELVA", "Organisation"),
]


@pytest.mark.parametrize("lang,text,name,label", LABELLED_BY_THE_TEXT)
def test_a_name_the_text_calls_a_project_is_a_programme_unless_its_head_is_a_body(lang, text, name, label):
    assert {m.label for m in run(text, lang).mentions if m.text == name} == {label}


PAGE_FURNITURE = ["Print Friendly, PDF & Email", "Submitted by Anonymous on 3 March 2024", "Partager",
                  "Share this page | Subscribe to our Newsletter"]


@pytest.mark.parametrize("line", PAGE_FURNITURE)
def test_a_page_s_furniture_names_nothing(line):
    assert not [m.text for m in run(line, "en").mentions if m.label == "Organisation"]


@pytest.mark.parametrize("text,name,country", [
    ("Kelvo Morocco joined the network in 2020.", "Kelvo Morocco", "Morocco"),  # a country tag ends the name
    ("The cluster was initiated by the Embassy of the Netherlands in 2019.", "Embassy of the Netherlands", None),
    # a representation abroad: the host country after "to" is the name's complement
    ("The EU Delegation to Morocco opened the forum.", "EU Delegation to Morocco", None),
])
def test_a_country_ending_a_name_is_a_tag_unless_it_is_the_name_s_complement(text, name, country):
    r = run(text)
    located = {(c.source.text, c.target.canonical or c.target.text) for c in r.candidates if c.type == "LOCATED_IN"}
    assert name in {m.text for m in r.mentions}
    assert located == ({(name, country)} if country else set())


@pytest.mark.parametrize("lang,text,name,not_name", [
    ("en", "Under the KELVO Project, a workshop on cluster policy was held in Rabat.", "KELVO Project",
     "Under the KELVO Project"),
    ("en", "Throughout Orvalia, artisans produce the same goods.", None, "Throughout Orvalia"),
    ("fr", "Si la Kelvonie connaît un développement important, le pôle Orvalis en profite.", None,
     "Si la Kelvonie"),
])
def test_a_preposition_or_conjunction_opens_no_name(lang, text, name, not_name):
    names = {m.text for m in run(text, lang).mentions if m.label in ("Organisation", "Programme")}
    assert not_name not in names
    if name:
        assert name in names


@pytest.mark.parametrize("lang,text,acronym", [
    ("fr", "Le nouveau mécanisme de garantie soutient les TPME et les PMI de la région de Kelvo.", "TPME"),
    ("fr", "Le nouveau mécanisme de garantie soutient les TPME et les PMI de la région de Kelvo.", "PMI"),
    ("en", "The programme trains TVET students and supports BSO staff in Orvalia.", "TVET"),
])
def test_a_generic_acronym_of_a_kind_of_firm_or_training_names_no_one(lang, text, acronym):
    assert acronym not in {m.text for m in run(text, lang).mentions if m.label in ("Organisation", "Programme")}


POSTS_BEFORE_A_BODY = [  # lang, text, the body after the post, the post phrase that is no name
    ("en", "The keynote was given by the Vice President of Kelvotron Levant at the forum.", "Kelvotron Levant",
     "Vice President of Kelvotron Levant"),
    ("en", "Irbid, 4 March: Secretary-General of Orvalis Science Council and Acting Director of the Kelvo "
           "Innovation Centre, Karim Roe, signed the memorandum.", "Orvalis Science Council",
     "Secretary-General of Orvalis Science Council"),
    ("fr", "Le Vice-Président de la Chambre Kelvo d'Industrie a signé la convention.", "Chambre Kelvo d'Industrie",
     "Vice-Président de la Chambre Kelvo d'Industrie"),
]


@pytest.mark.parametrize("lang,text,body,post", POSTS_BEFORE_A_BODY)
def test_a_post_before_of_leaves_the_body_it_is_held_in(lang, text, body, post):
    found = {m.text for m in run(text, lang).mentions}
    assert body in found and post not in found


NOT_BODIES = [  # lang, text, words that name no body: a hashtag, an abbreviated month of a dateline
    ("fr", "Publié dans Actualités #InnovationOuverte #Startups\nLe pôle Kelvo a signé une convention avec ORVAL.",
     "InnovationOuverte"),
    ("en", "Posted in News #KelvoTalks #Orvalis\nThe Kelvo Science Council signed a memorandum with the park.",
     "Orvalis"),
    ("en", "Irbid, Dec. 6 (Orvalis) The Kelvo Science Council signed a memorandum with the park.", "Dec"),
    ("en", "Irbid, Oct.6 The Kelvo Science Council signed a memorandum with the park.", "Oct"),
]


@pytest.mark.parametrize("lang,text,words", NOT_BODIES)
def test_hashtags_and_dateline_months_name_no_body(lang, text, words):
    found = {m.text for m in run(text, lang).mentions}
    assert words not in found and any("Kelvo" in f for f in found)


HOST_PLACES = [  # lang, text, a representation named with its host place, the part that is no name of its own
    ("en", "The EU Delegation to Portugal funds the Kelvo Lab.", "EU Delegation to Portugal", "EU Delegation"),
    ("fr", "La Délégation de l'UE au Portugal a financé le Pôle Kelvo.", "Délégation de l'UE au Portugal",
     "Délégation de l'UE"),
    ("en", "The Embassy of Norway in Tunisia supports the Kelvo Lab.", "Embassy of Norway in Tunisia",
     "Embassy of Norway"),
    ("fr", "La Chambre de Commerce d'Italie au Maroc organise le salon avec le Pôle Kelvo.",
     "Chambre de Commerce d'Italie au Maroc", "Chambre de Commerce d'Italie"),
]


@pytest.mark.parametrize("lang,text,whole,part", HOST_PLACES)
def test_a_representation_abroad_is_named_with_its_host_place(lang, text, whole, part):
    found = {m.text for m in run(text, lang).mentions}
    assert whole in found and part not in found


def test_a_body_in_a_place_is_not_named_with_it():
    found = {m.text for m in run("The Kelvo Cluster Association in Tunisia signed the agreement.", "en").mentions}
    assert "Kelvo Cluster Association" in found
    found = {m.text for m in run("La Chambre de Commerce de Sfax au Maroc reste discrète.", "fr").mentions}
    assert not any(f.endswith("au Maroc") for f in found)


def test_a_hashtag_in_running_text_names_the_event():
    found = {m.text for m in run("The Kelvo Cluster participated in #Techvo, a 3-day meeting event between "
                                 "cluster managers.").mentions}
    assert "Techvo" in found



FRAMED_BY_OF = [  # lang, text, the name, the phrase that frames it and is no name
    ("en", "The Orvalis Eco-Hub was set up in the Framework of KELVO Project funded by the EU.", "KELVO Project",
     "Framework of KELVO Project"),
    ("en", "The call is part of the implementation in Jordan of the KELVO project in the region.", "KELVO",
     "Jordan of the KELVO"),
]


@pytest.mark.parametrize("lang,text,name,frame", FRAMED_BY_OF)
def test_a_frame_noun_or_a_country_before_of_opens_no_name(lang, text, name, frame):
    found = {m.text for m in run(text, lang).mentions}
    assert name in found and frame not in found


@pytest.mark.parametrize("lang,text,name", [
    ("en", "The Bank of Kelvia funds the Orvalis Hub.", "Bank of Kelvia"),
    ("en", "Morocco of Tomorrow is a programme of the Kelvo Fund.", "Morocco of Tomorrow"),
    ("fr", "Le Cadre de Kelvo est une association d'entrepreneurs.", "Cadre de Kelvo"),
])
def test_a_body_named_with_of_keeps_its_head(lang, text, name):
    assert name in {m.text for m in run(text, lang).mentions}


def test_a_programme_the_text_names_so_keeps_its_label_through_resolution():
    """« le programme Kelvo-Startup »: the programme noun outweighs the startup word of the name in the
    resolved node, so the acts on it stay (RUNS needs a programme)."""
    from ecograph.ids import document_id
    from ecograph.ingest.resolve import Resolver
    from ecograph.model import Document
    text = ("Le programme « Kelvo – Startup » forme cent jeunes artisans. L’Agence Orvalis PME pilote le programme "
            "Kelvo-Startup depuis Fès.")
    doc = Document(id=document_id(text), source="t.txt", title="t", language="fr")
    ext = Resolver().resolve(doc, text, run(text, "fr"))
    labels = {e.name: e.label for e in ext.entities}
    names = {e.id: e.name for e in ext.entities}
    assert labels.get("Kelvo – Startup") == "Programme", labels
    assert ("RUNS", "Agence Orvalis PME", "Kelvo – Startup") in {
        (r.type, names[r.source], names[r.target]) for r in ext.relations}
