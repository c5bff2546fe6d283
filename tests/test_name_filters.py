"""The name filters added for issue 13 (ingest/frames/vetoes.py), one table each: names they must
reject and real organisation names they must keep, in English and French. Invented sentences and
names only; none comes from an evaluation text."""
from __future__ import annotations

import pytest

from ecograph.ingest.frames.pipelines import pipeline
from ecograph.ingest.frames.name_table import VETOES
from ecograph.kinds import classify
from helpers import veto_of


def fires(key: str, lang: str, sentence: str, name: str) -> bool:
    """Whether the one filter `key` rejects `name` where `sentence` writes it."""
    doc = pipeline(lang)(sentence)
    a = sentence.index(name)
    sp = doc.char_span(a, a + len(name), alignment_mode="expand")
    return VETOES[key](sp, classify(name)[0] is not None, False)

# (language, sentence, name, the veto expected: its key, or None for a name that must survive)
SPEAKERS = [
    ("en", "The new hub will open in March, Varkoudis said.", "Varkoudis", "speaker"),
    ("en", "Peltonen stressed the role of young founders in the region.", "Peltonen", "speaker"),
    ("en", "The tour was part of Moravec's visit to the coast.", "Moravec", "speaker"),
    ("fr", "Selon lui, le pôle doublera ses effectifs, Kharbouchi a ajouté que les start-up suivront.",
     "Kharbouchi", "speaker"),
    ("fr", "Les entreprises peinent à trouver des financements pour ces projets, explique Haddouri.", "Haddouri",
     "speaker"),
    # bodies that speak or act keep their name
    ("fr", "Le pôle a signé une convention avec KELVOTEC, a indiqué ORVALIS.", "ORVALIS", None),
    ("en", "ORVALIS said the call will reopen in May.", "ORVALIS", None),
    ("en", "Zentrix signed an agreement with the port authority.", "Zentrix", None),
    ("fr", "Kelvotech a signé une convention avec la région.", "Kelvotech", None),
    # a body the pipeline tags as one speaks with any speech verb
    ("en", "Kelvotech confirmed the new schedule.", "Kelvotech", None),
]

GLUED_PERSONS = [
    ("en", "The EU Ambassador to Jordan Maria Delacroix opened the fair.", "Jordan Maria Delacroix",
     "glued-person"),
    ("en", "Kelvo Cluster President Youssef Aitbella welcomed the guests.", "Kelvo Cluster President Youssef Aitbella",
     "glued-person"),
    ("en", "The event was opened by director of the Orvalis Lab Karim Benhadda and other guests.",
     "Orvalis Lab Karim Benhadda", "glued-person"),
    # a body named after a person keeps its name
    ("en", "The Fondation Hans Gruber funds the programme.", "Fondation Hans Gruber", None),
    ("fr", "La Fondation Karim Lahlou finance le programme.", "Fondation Karim Lahlou", None),
    # a post that governs another noun does not glue itself to a later name
    ("en", "The director of the programme thanked the Fondation Hans Gruber for its grant.", "Fondation Hans Gruber",
     None),
]

DICTIONARY_WORDS = [
    ("fr", "La journée s'est tenue sous le patronage du ministre de la Culture, en présence des invités.",
     "Culture", "dictionary-word"),
    ("fr", "Les membres du Comité de sélection ont retenu dix projets.", "Comité", "dictionary-word"),
    ("fr", "Le projet a été présenté en Conseil de gouvernement.", "Conseil", "dictionary-word"),
    ("fr", "Les résultats ont été validés par le Jury du concours.", "Jury", "dictionary-word"),
    # one-word names that are no dictionary word, acronyms and coined words stay
    ("fr", "La convention a été signée avec Kelvora à Tunis.", "Kelvora", None),
    ("fr", "La convention a été signée avec ORVAL à Tunis.", "ORVAL", None),
    ("en", "The fund invested in GreenLoop last year.", "GreenLoop", None),
    ("en", "The agreement was signed with Zentrix in Amman.", "Zentrix", None),
]

TAGGED_PERSONS = [
    ("fr", "Le projet sera lancé en mai, a déclaré le ministre de l'Industrie, Karim Benhaddou.", "Karim Benhaddou",
     "tagged-person"),
    ("en", "The workshop was presented by Samir Haddadine, an expert in innovation.", "Samir Haddadine",
     "tagged-person"),
    # firm names made of a given name and a firm word, or dictionary words, stay
    ("en", "The fund invested in Omar Robotics last year.", "Omar Robotics", None),
    ("fr", "Le pôle compte parmi ses membres Sara Emballage et Kelvora.", "Sara Emballage", None),
]

POSTS_AT_END = [
    ("en", "The ICT Minister visited the new park.", "ICT Minister", "post-at-end"),
    ("en", "The webinar was moderated by Dana Roe, ORVALIS Director.", "ORVALIS Director", "post-at-end"),
    ("en", "Speaking at the ceremony, the Italian Ambassador praised the project.", "Italian Ambassador",
     "post-at-end"),
    # a body's name that ends on a post noun after "Office of" stays
    ("en", "The Office of the EU Representative funds the call.", "Office of the EU Representative", None),
    # one-word posts
    ("en", "The meeting was chaired by the Kelvo Programme Officer.", "Kelvo Programme Officer", "post-at-end"),
]

REGIONS = [
    ("en", "Clusters from the Southern Mediterranean met in Valencia.", "Southern Mediterranean", "region-name"),
    ("fr", "Le réseau compte des membres en Afrique de l'Ouest et au Maghreb.", "Afrique de l'Ouest", "region-name"),
    ("fr", "Le programme a impliqué le Sénégal, le Mozambique et le Ghana.", "Mozambique", "listed-country"),
    # a body named after a region keeps its name, and so does a firm listed among firms
    ("en", "The South Kelvo Development Agency signed the agreement.", "South Kelvo Development Agency", None),
    ("fr", "Les entreprises Kelvora, Orvalia et Zentrix sont membres du cluster.", "Orvalia", None),
]

CATEGORIES = [
    ("en", "The results were sorted into four groups: Economic, Environmental, Social, and Cultural.",
     "Environmental", "propn-dictionary-word"),
    ("en", "The fund supports Career Guidance Centers in three cities.", "Career Guidance Centers", "plural-head"),
    ("en", "The delegates of the Member States met in Valletta.", "Member States", "plural-head"),
    ("en", "The grants reach young Jordanians and their families.", "Jordanians", "demonym"),
    ("en", "The Board of Trustees of the Kelvo Science Foundation approved the plan.",
     "Board of Trustees of the Kelvo Science Foundation", "organ-of"),
    ("fr", "Le Maroc est membre du Conseil d'administration de ORVALIS depuis mai.",
     "Conseil d'administration de ORVALIS", "organ-of"),
    # names that stay: a plural firm word, a defined acronym, an acronym, the end of a longer name
    ("en", "The contract went to Kelvo Systems last year.", "Kelvo Systems", None),
    ("en", "Kelvo Relief worked with Rural Advisory Committees (RACs) in each district.", "Rural Advisory Committees",
     None),
    # a body called "Friends of …" is no organ of another body
    ("en", "Friends of the Orvalis Sea planted trees on the coast.", "Friends of the Orvalis Sea", None),
    ("en", "The presentation of the 'ORVAL-MED Alliances' project will take place in May.", "ORVAL-MED Alliances",
     None),
    ("fr", "Le ministère de l'Industrie et des Petites Entreprises soutient le pôle.", "Petites Entreprises", None),
    ("en", "The agreement was signed with Zentrix Partners in Amman.", "Zentrix Partners", None),
    ("en", "The Kelvo Board approved the budget.", "Kelvo Board", None),
    # firms named with a plural or a dictionary word, in a list or after a town, stay
    ("en", "Its founding members include Orvalis Membranes, Kelvo Pumps and Zentrix Solar.", "Orvalis Membranes",
     None),
    ("en", "Kelvo Feeds and the Aegean Orvalis Institute are among its members.", "Kelvo Feeds", None),
    ("fr", "Le pôle fédère 120 adhérents, parmi lesquels Marseille Composites.", "Marseille Composites", None),
    ("fr", "Il compte 52 adhérents, dont les tanneries Tanit Cuir et Kelvo Leather.", "Kelvo Leather", None),
    ("en", "The project works with Orvalis Levante, the Spanish agri-food cluster.", "Orvalis Levante", None),
    ("fr", "Le projet KELVO-Est est mené avec la CCI.", "KELVO-Est", None),
    ("fr", "Les cours ont lieu à l'Université Saad Kelvani de Blida.", "Université Saad Kelvani", None),
    ("fr", "Le Prix Jeunes Espoirs fait partie du programme Soleil Vert.", "Prix Jeunes Espoirs", None),
    ("fr", "Kelvo Business Weekly : Quelle est la valeur ajoutée du cluster ?", "Kelvo Business Weekly", None),
    ("fr", "Orvalis Finances Hebdo : Quel est le rôle du pôle ?", "Orvalis Finances Hebdo", None),
]

PEOPLE_IN_CONTEXT = [
    ("en", "The park's director, Karim Zoubeidi, presented the new call.", "Karim Zoubeidi", "given-name-in-context"),
    ("en", "Mahmoud Qassar said the call opens in May.", "Mahmoud Qassar", "given-name-in-context"),
    ("en", "Zoltrane Quevilly, President of the Kelvo Region, opened the forum.", "Zoltrane Quevilly",
     "given-name-in-context"),
    # a firm named after its founder stays where no speech verb and no post make it a person; so do words a
    # dictionary knows beside a post
    ("en", "Orvalis Marine, member of the Kelvo Cluster, opened a plant.", "Orvalis Marine", None),
    ("en", "The fund invested in Karim Zoubeidi Holding last year.", "Karim Zoubeidi Holding", None),
]

CODES_AND_AMOUNTS = [
    ("en", "It provides grants of up to JD25,000 for micro-enterprises.", "JD25", "code-or-amount"),
    ("en", "The first stage will cost EGP80 million.", "EGP80", "code-or-amount"),
    ("en", "The forum takes place on May7 in Amman.", "May7", "code-or-amount"),
    ("en", "Kelvo_Banner_Web (10)", "Kelvo_Banner_Web", "code-or-amount"),
    # coined names with digits stay
    ("en", "The EU4Kelvo programme funds the cluster.", "EU4Kelvo", None),
    ("en", "The G20 Kelvo summit was held in May.", "G20", None),
    ("en", "DA5 Systems opened an office in Oran.", "DA5 Systems", None),
]


TAGGED_FIRMS = [  # a dictionary word the pipeline tags as a firm, among names or owning a subsidiary
    ("en", "The park hosts major players such as Kelvotron, Compass, Orvalix and Meridian.", "Compass", None),
    ("en", "The plant was built by Zentrova (a Compass subsidiary) near the port.", "Compass", None),
    # a capitalised dictionary word alone, or a list of categories, stays rejected
    ("en", "The results were sorted into four groups: Economic, Environmental, Social, and Cultural.",
     "Environmental", "propn-dictionary-word"),
    ("en", "The ORVB Southern and Eastern Coast Account funds small firms.", "Southern", "propn-dictionary-word"),
]

NEWS_CREDITS = [  # a news agency in a dateline's brackets, a photo credit before a slash
    ("en", "Irbid, Mar. 4 (Kelvo News) -- The Orvalis Innovation Centre signed a memorandum with the park.",
     "Kelvo News", "news-credit"),
    ("en", "Kelvo Daily 2024-03-04 (KNWire- Orvalis News Agency) The park opened a new hub.",
     "Orvalis News Agency", "news-credit"),
    ("en", "KELVOPRESS/Jana Roe", "KELVOPRESS", "news-credit"),
    # bodies in brackets elsewhere, and a slash between two names, stay
    ("en", "The Orvalis Innovation Centre (Kelvo Group) signed a memorandum with the park in 2024.", "Kelvo Group",
     None),
    ("en", "The grant went to the Kelvo Trade Council / Orvalis Bank consortium in 2023.", "Kelvo Trade Council",
     None),
    ("fr", "Le pôle, créé en 2019 (Kelvo Tech), fédère quarante entreprises.", "Kelvo Tech", None),
]


def heading_fires(key: str, lang: str, line: str, name: str) -> bool:
    """Whether the filter `key` rejects `name` in a title line `line`."""
    doc = pipeline(lang)(line)
    a = line.index(name)
    sp = doc.char_span(a, a + len(name), alignment_mode="expand")
    return VETOES[key](sp, classify(name)[0] is not None, True)


HEADLINES = [  # a title line in Title Case: its verbs are capitalised too
    ("en", "Helping Young Founders Grow in the Orvalis Valley", "Helping Young Founders Grow", True),
    ("en", "Fresh Grant Schemes Unveiled by Kelvo to Support Coastal Start-ups", "Fresh Grant Schemes Unveiled", True),
    ("en", "Scaling the Digital Economy in Rural Areas", "Scaling the Digital Economy", True),
    # names in a title line stay: an acronym, a coined word, no verb; and a French title
    ("en", "KELVO Launches Its Second Call", "KELVO Launches", False),
    ("en", "Orvalis Green Fund and the Kelvo Bank Team Up", "Orvalis Green Fund", False),
    ("en", "The Orvalis Start-up Incubators Programme", "Orvalis Start-up Incubators Programme", False),
    ("fr", "Le Pôle Kelvo Lance Son Appel", "Pôle Kelvo Lance", False),
]


@pytest.mark.parametrize("lang,line,name,expected", HEADLINES)
def test_headline_verb(lang, line, name, expected):
    assert heading_fires("headline-verb", lang, line, name) is expected


TITLE_CASE_LINES = [  # a Title Case line the splitter did not flag, and sentences whose verbs are lower case
    ("en", "Fresh Grant Schemes Unveiled by Kelvo to Support Coastal Start-ups", "Fresh Grant Schemes Unveiled", True),
    ("en", "The Kelvo Cluster Association launched the Orvalis Startup Program in May.", "Orvalis Startup Program",
     False),
    ("en", "Kelvo Holding Acquired Orvalis Robotics And Zentrix Marine.", "Kelvo Holding Acquired", False),
]


@pytest.mark.parametrize("lang,line,name,expected", TITLE_CASE_LINES)
def test_headline_verb_in_a_title_case_line(lang, line, name, expected):
    assert fires("headline-verb", lang, line, name) is expected


@pytest.mark.parametrize("lang,sentence,name,expected", TAGGED_FIRMS + NEWS_CREDITS + PEOPLE_IN_CONTEXT + CODES_AND_AMOUNTS + CATEGORIES + SPEAKERS + GLUED_PERSONS + DICTIONARY_WORDS +
                         TAGGED_PERSONS + POSTS_AT_END + REGIONS)
def test_name_filter(lang, sentence, name, expected):
    if expected is None:  # no filter of this table rejects it
        assert not any(fires(key, lang, sentence, name) for key in NEW_FILTERS)
    else:
        assert fires(expected, lang, sentence, name)
        assert veto_of(lang, sentence, name) is not None


NEW_FILTERS = ("speaker", "glued-person", "dictionary-word", "tagged-person", "post-at-end", "region-name",
               "listed-country", "propn-dictionary-word", "demonym", "organ-of", "plural-head",
               "given-name-in-context", "code-or-amount", "news-credit", "headline-verb")
