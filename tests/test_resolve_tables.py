"""Issue 14: one node per real organisation, and never one node for two.

Two tables of invented names, English and French. VARIANTS: two ways of writing one
body, which must resolve to one node, within one document and (rows marked "cross")
across two documents. NEAR_MISSES: two bodies told apart by a qualifier (another
country or city, Northern/Southern, another head or acronym), which must stay apart
whether they meet in one document or in two.
"""
from __future__ import annotations

import pytest

from ecograph.ids import document_id
from ecograph.name_keys import clash, clean_name, qualifiers
from ecograph.ingest.resolve import Resolver
from ecograph.ingest.types import Mention, RawExtraction
from ecograph.model import Document

ORG, PROG = "Organisation", "Programme"

# (a, b, label, modes): modes "same" (one document), "cross" (a in one, b in the next)
VARIANTS = [
    ("Cluster Orvalis", "Orvalis Cluster", ORG, "same cross"),
    ("the Orvalis Cluster", "ORVALIS CLUSTER", ORG, "same cross"),
    ("Orvalis Morocco", "Orvalis Cluster", ORG, "same cross"),
    ("Tessaro Tunisia", "Tessaro", ORG, "same cross"),
    ("“Orvalis Cluster”", "Orvalis Cluster", ORG, "same cross"),
    ("Quantex Lebanon", "Quantex Cluster", ORG, "same cross"),
    ("Kelvo Cluster Morocco", "Kelvo Cluster", ORG, "same cross"),
    ("Maritime Data Network", "MDN", ORG, "same"),
    ("Verdant Industry Chamber of Commerce", "VICC", ORG, "same"),
    ("CCI Ardent", "Chambre de Commerce et d'Industrie Ardent", ORG, "same"),
    ("Association Marocaine des Tisseurs", "AMT", ORG, "same"),
    ("Solenna Fashion Cluster", "SFC", ORG, "same"),
    ("Technopole of Brevia", "Brevia Technopole", ORG, "same cross"),
    ("Pôle Halivert", "Halivert", ORG, "same cross"),
    ("Agrovia Moroccan Cluster", "Agrovia Cluster Morocco", ORG, "same cross"),
    ("Idris 1st University", "Idris I University", ORG, "same cross"),
    ("cluster Lumen", "Lumen Cluster", ORG, "same cross"),
    ("Réseau Tramé", "RESEAU TRAME", ORG, "same cross"),
    ("Orvalis Technopark", "Technopark Orvalis", ORG, "same cross"),
    ("Verano Agency,", "Verano Agency", ORG, "same cross"),
    ("« Cluster Bleu Marine »", "Cluster Bleu Marine", ORG, "same cross"),
    ("Embassy of Spain", "Spanish Embassy", ORG, "same cross"),
    ("Union européenne", "EU", ORG, "same cross"),
    ("Banque mondiale", "World Bank", ORG, "same cross"),
    ("Agence Française de Développement", "AFD", ORG, "same cross"),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", ORG, "same cross"),
    ("Scale-up Voucher for Clusters", "Scale-up Voucher", PROG, "same cross"),
    ("Programme Horizon Europe", "Horizon Europe", PROG, "same cross"),
    ("Pôle Sud Marin Morocco", "Pôle Sud Marin", ORG, "same cross"),
    ("Marvella Cluster", "le cluster Marvella", ORG, "same cross"),
    ("Tanaris Cluster Lebanon", "Cluster Tanaris", ORG, "same cross"),
    ("Ostral Valley Agency", "OVA", ORG, "same"),
    ("Zephyr", "Zephyr Program", PROG, "same cross"),
    ("Project Zephyr", "Zephyr Program", PROG, "same cross"),
    ("Programme Alizé", "projet Alizé", PROG, "same cross"),
    ("Nador Marine Robotics Cluster", "Nador cluster", ORG, "same"),
    ("Pôle Agadir Mer", "pôle Agadir", ORG, "same"),
    ("KIVA Association", "KIVA", ORG, "same cross"),
    ("Orvalis CBC Sea", "Orvalis Cross Border Cooperation Sea Programme", PROG, "same cross"),
    ("Kelvo Cross Border Cooperation Basin", "Kelvo CBC Basin", PROG, "same cross"),
    ("Réseau TRAMA", "TRAMA", ORG, "same cross"),
    ("Orvalis Logistics Platform Programme", "Orvalis Logistics Platform", PROG, "same cross"),
    # a cluster's legal form is no other body
    ("Association du Cluster Kelvo Mer", "Cluster Kelvo Mer", ORG, "same cross"),
    # a plural is the same name ("X Clusters" / "X Cluster"), a head written in two words is one
    ("Kelvo Clusters", "Kelvo Cluster", ORG, "same cross"),
    ("Tessaro Desert Clusters Union", "Tessaro Desert Cluster Union", ORG, "same cross"),
    ("Techno Park Orvalis", "TechnoPark Orvalis", ORG, "same cross"),
    ("Brevia Techno Pôle", "Technopôle Brevia", ORG, "same cross"),
    ("Jordan-Japan Techno Park", "TechnoPark", ORG, "same"),
    # "the X initiative" is the programme X
    ("Zephyr initiative", "Zephyr", PROG, "same cross"),
    ("l'initiative Alizé", "Alizé", PROG, "same cross"),
    # an agreement's parties, or a place after a colon, tag a name
    ("KIVORA UE-Tunisie", "KIVORA", ORG, "same cross"),
    ("Kelvo y Tessaro: Egypt", "Kelvo y Tessaro", ORG, "same cross"),
    # British and American spellings of one word
    ("Orvalis Commercialisation Office", "Orvalis Commercialization Office", ORG, "same cross"),
    ("Kelvo Innovation Centre", "Kelvo Innovation Center", ORG, "same cross"),
    ("Organisation Tessaro des Ports", "Organization Tessaro des Ports", ORG, "same cross"),
    # an acronym glued to its long name by a hyphen
    ("Tessaro Brevia Trade Council-TBTC", "TBTC", ORG, "same cross"),
    ("Conseil Kelvo des Exportateurs-CKE", "CKE", ORG, "same cross"),
    # a name written without its spaces
    ("KVO CBC Sea", "KVOCBCSea", ORG, "same"),
    # one body's name in French and in English, word for word in another order
    ("Centre Technique du Kelvo", "Kelvo Technical Center", ORG, "same cross"),
    ("Institut National de Recherche Orvalis", "Orvalis National Research Institute", ORG, "same cross"),
    ("Agence Kelvo de Développement Économique", "Kelvo Economic Development Agency", ORG, "same cross"),
    ("Association du Cluster Robotique de Sfax", "Cluster Robotic Tunisie", ORG, "same cross"),
    ("Pôle Kelvo Atlantique", "Kelvo Atlantic Cluster", ORG, "same cross"),
    # a chamber of commerce written with and without its industry
    ("Tessaro Kelvo Chamber of Industry and Commerce", "Tessaro-Kelvo Chamber of Commerce", ORG, "same cross"),
    ("Chambre de Commerce et d'Industrie de Brevia", "Chambre de Commerce de Brevia", ORG, "same cross"),
    ("Orvalis Chamber of Commerce and Industry", "Orvalis Chamber of Commerce", ORG, "same cross"),
    # British and American spellings of -our words
    ("Orvalis Neighbourhood Fund", "Orvalis Neighborhood Fund", PROG, "same cross"),
    ("Kelvo Harbour Authority", "Kelvo Harbor Authority", ORG, "same cross"),
    # an acronym written after its long name without brackets
    ("Orvalis Weavers Network OWN", "OWN", ORG, "same cross"),
    ("Union des Tisseurs de Kelvo UTK", "UTK", ORG, "same cross"),
    ("Union des Tisseurs de Kelvo UTK", "Union des Tisseurs de Kelvo", ORG, "same cross"),
    # an acronym with a body noun and a place word is the body the acronym names
    ("Tunisian KELV Technopark", "KELV", ORG, "same cross"),
    ("Réseau marocain KIVRA", "KIVRA", ORG, "same cross"),
    # the last words written by their initials, within one document
    ("Kelvo Technology Centre", "Kelvo TC", ORG, "same"),
    # a programme's name cut before its complement
    ("Kelvo Community Project of the Orvalis Green Economy", "Kelvo Community Project", PROG, "same"),
    ("Orvalis Innovation Hub", "Orvalis IH", ORG, "same"),
]

# (a, b, label): two bodies
NEAR_MISSES = [
    ("Orvalis CBC Sea", "Orvalis Coastal Business Centre Basin", PROG),
    ("Orvalis CBC Sea", "Kelvo Cross Border Cooperation Sea", PROG),
    ("Embassy of Spain", "Embassy of Italy", ORG),
    ("Université de Toulon", "Université de Sfax", ORG),
    ("Northern Regional Agency", "Southern Regional Agency", ORG),
    ("Orvalis Morocco", "Orvalis Tunisia", ORG),
    ("Technopark Casablanca", "Technopark Rabat", ORG),
    ("Chambre de Commerce de Sfax", "Chambre de Commerce de Tunis", ORG),
    ("Delta Textile Cluster", "Delta Fashion Cluster", ORG),
    ("Moroccan Ministry of Industry", "Tunisian Ministry of Industry", ORG),
    ("Ministère de l'Industrie du Maroc", "Ministère de l'Industrie de Tunisie", ORG),
    ("Embassy of France in Morocco", "Embassy of France in Tunisia", ORG),
    ("Cluster Nord Agro", "Cluster Sud Agro", ORG),
    ("Eastern Textile Cluster", "Western Textile Cluster", ORG),
    # initials that spell other words
    ("Kelvo Technology Centre", "Kelvo TP", ORG),
    # a company's legal form is no pair of initials
    ("Kelvo South Africa", "Kelvo SA", ORG),
    ("Kelvo Agro Group", "Kelvo AG", ORG),
    ("Orvalis Cluster", "Orvalis Group", ORG),
    ("Idris II Fund", "Idris II University", ORG),
    ("Banque Populaire du Nord", "Banque Populaire du Sud", ORG),
    ("University of Tunis", "University of Sfax", ORG),
    ("Technopole of Agadir", "Technopole of Oujda", ORG),
    ("Menlo Cluster Lebanon", "Menlo Cluster Jordan", ORG),
    ("Regional Investment Centre of Fes", "Regional Investment Centre of Rabat", ORG),
    ("Centre Régional d'Investissement de Tanger", "Centre Régional d'Investissement de Marrakech", ORG),
    ("Chamber of Commerce of Spain", "Chamber of Commerce of Italy", ORG),
    ("Pôle Nord Mer", "Pôle Sud Mer", ORG),
    ("Agence Nationale des Ports", "Agence Nationale des Routes", ORG),
    ("Municipality of Sfax", "Municipality of Sousse", ORG),
    ("Wilaya of Oran", "Wilaya of Setif", ORG),
    ("Cluster Menuiserie Nord", "Cluster Menuiserie Sud", ORG),
    ("Northern Water Board", "Southern Water Board", ORG),
    ("Ardent Chamber of Commerce (ACC)", "Brevia Chamber of Commerce (BCC)", ORG),
    ("Orvalis Agency Morocco", "Orvalis Agency Lebanon", ORG),
    ("Startup Maroc", "Startup Tunisie", ORG),
    ("Embassy of Spain in Tunis", "Embassy of Italy in Tunis", ORG),
    ("Plan Vert Maroc", "Plan Vert Tunisie", PROG),
    ("Programme Zephyr Maroc", "Programme Zephyr Tunisie", PROG),
    ("Zephyr Program", "Boreas Program", PROG),
    ("Sfax Olive Cluster", "Sousse cluster", ORG),
    ("Tunis Robotics Cluster", "Tunis Agency", ORG),
    ("Association Orvalis", "Orvalis", ORG),
    ("Association du Cluster Kelvo de Kasserine", "Cluster Kelvo de Siliana", ORG),
    ("Kelvo UE-Liban", "Kelvo UE-Tunisie", ORG),
    ("Zephyr initiative", "Boreas initiative", PROG),
    ("Zephyr initiative", "Zephyr Fund", PROG),
    ("Techno Park Kairouan", "Technopark Jendouba", ORG),
    ("Orvalis Clusters Lebanon", "Orvalis Cluster Jordan", ORG),
    # one-word names a letter apart are slips of the pen only when long and not at an end
    ("ANPTE", "ANTE", ORG),
    ("KRFC", "KFCR", ORG),
    ("Kelvotech", "Kelvotek", ORG),
    ("Tessarona", "Tessaron", ORG),
    ("Orvaslo", "Orvalo", ORG),
    # a spelling fold is no stem: another ending, another word
    ("Kelvo Realisation Agency", "Kelvo Realising Agency", ORG),
    ("Orvalis Centre", "Orvalis Central", ORG),
    # a hyphen before capitals that do not stand for the name is no acronym
    ("Kelvo Orvalis Trade Council-XYZ", "XYZ", ORG),
    ("KVO CBC Sea", "KVOCBCBay", ORG),
    # the other language's words must all be there: another head, another adjective, another place
    ("Centre Technique du Kelvo", "Kelvo Technical School", ORG),
    ("Institut National de Recherche Orvalis", "Orvalis Regional Research Institute", ORG),
    ("Chambre de Commerce et d'Industrie de Sfax", "Chamber of Commerce and Industry of Sousse", ORG),
    ("Cluster Robotique de Sfax", "Cluster Robotic Sousse", ORG),
    # a chamber of industry alone is not the chamber of commerce
    ("Kelvo Chamber of Commerce", "Kelvo Chamber of Industry", ORG),
    ("Chambre de Commerce Tessaro", "Chambre d'Industrie Tessaro", ORG),
    # a compass word before a place is part of the name, and tells two bodies apart
    ("Weavers Association of Northern Italy", "Weavers Association of Southern Italy", ORG),
    ("Kelvo Neighbourhood Fund", "Orvalis Neighborhood Fund", PROG),
    # capitals after a long name that do not stand for it are no acronym of it
    ("Kelvo Orvalis Group ABX", "ABX", ORG),
    ("Union des Tisseurs de Kelvo UTK", "Union des Teinturiers de Kelvo", ORG),
    # an acronym with a body noun and a place: another acronym, another place, another body
    ("Tunisian KELV Technopark", "Moroccan KELV Technopark", ORG),
    ("Tunisian KELV Technopark", "KELB", ORG),
    # two neighbour letters swapped is a slip; other letters changed is another word
    ("Kelvopark", "Kelvokrap", ORG),
    # a long name without the place it opens with is another body's name in another document
    ("Orvalis Kelvopact", "Tunisia Kelvopact", PROG),
    ("Tunisia Kelvo Compact", "Morocco Kelvo Compact", PROG),
]


def _doc(text: str, source: str) -> Document:
    return Document(id=document_id(text + source), source=source, title="t", language="en")


def _mention(text: str, surface: str, label: str, pos: int = 0) -> Mention:
    acr = None
    if surface.endswith(")") and "(" in surface:  # "Long Name (ACR)": what extraction hands over
        surface, acr = surface[:-1].split(" (")
    i = text.index(surface, pos)
    return Mention(text=surface, start=i, end=i + len(surface), label=label, aliases=[acr] if acr else [])


def _same_doc(a: str, b: str, label: str) -> list[str]:
    text = f"{a} met {b} today."
    ma = _mention(text, a, label)
    mb = _mention(text, b, label, ma.end)
    ext = Resolver().resolve(_doc(text, "one.txt"), text, RawExtraction(mentions=[ma, mb]))
    return sorted({e.id for e in ext.entities})


def _cross_doc(a: str, b: str, label: str) -> list[str]:
    r, ids = Resolver(), set()
    for i, name in enumerate((a, b)):
        text = f"Yesterday {name} opened."
        ext = r.resolve(_doc(text, f"{i}.txt"), text, RawExtraction(mentions=[_mention(text, name, label)]))
        r.learn(ext)
        ids |= {e.id for e in ext.entities}
    return sorted(ids)


@pytest.mark.parametrize("a,b,label,modes", VARIANTS, ids=[f"{a}|{b}" for a, b, *_ in VARIANTS])
def test_variants_resolve_to_one_node(a, b, label, modes):
    assert len(_same_doc(a, b, label)) == 1
    if "cross" in modes:
        assert len(_cross_doc(a, b, label)) == 1


@pytest.mark.parametrize("a,b,label", NEAR_MISSES, ids=[f"{a}|{b}" for a, b, _ in NEAR_MISSES])
def test_near_misses_stay_apart(a, b, label):
    assert len(_same_doc(a, b, label)) == 2
    assert len(_cross_doc(a, b, label)) == 2


def test_tables_are_big_enough_and_bilingual():
    assert len(VARIANTS) >= 30 and len(NEAR_MISSES) >= 30
    for table in (VARIANTS, NEAR_MISSES):
        french = [r for r in table if any(w in (r[0] + r[1]).lower() for w in ("de ", "du ", "é", "pôle", "cluster "))]
        assert len(french) >= 8


@pytest.mark.parametrize("text,short,long_", [
    ("The project ZOLA “the Zonal Olive Laboratory Alliance” opened.", "ZOLA", "Zonal Olive Laboratory Alliance"),
    ("Le centre KIVA (« Kiva Innovation Valley Agency ») ouvre.", "KIVA", "Kiva Innovation Valley Agency"),
    ("Our hub Brisa “Blue Robotics Innovation Space Association” grows.", "Brisa",
     "Blue Robotics Innovation Space Association"),
])
def test_a_quoted_expansion_joins_its_short_name(text, short, long_):
    ms = [_mention(text, short, ORG), _mention(text, long_, ORG)]
    ext = Resolver().resolve(_doc(text, "q.txt"), text, RawExtraction(mentions=ms))
    assert len(ext.entities) == 1
    assert {short, long_} <= {ext.entities[0].name, *ext.entities[0].aliases}


@pytest.mark.parametrize("raw,name,aliases", [
    ("Orvalis Morocco", "Orvalis", ["Orvalis Morocco"]),
    ("“Nexa” Network for Applied Robotics", "Network for Applied Robotics", ["Nexa"]),
    ("« Cluster Bleu »,", "Cluster Bleu", []),
    ("Embassy of Spain", "Embassy of Spain", []),
    ("Startup Maroc", "Startup Maroc", []),
    ("Université de Sfax", "Université de Sfax", []),
    ("Technopark Rabat", "Technopark Rabat", []),
    ("KIVA Association", "KIVA Association", ["KIVA"]),
    ("Réseau TRAMA", "Réseau TRAMA", ["TRAMA"]),
    ("KIVA Robotics", "KIVA Robotics", []),
    # a demonym after a name is its adjective, not a place tag
    ("Croissance Verte Tunisienne", "Croissance Verte Tunisienne", []),
    ("Kelvo Marine Moroccan", "Kelvo Marine Moroccan", []),
    ("Kelvo Marine Maroc", "Kelvo Marine", ["Kelvo Marine Maroc"]),
    # a compass word makes the place part of the name
    ("Orvalis Weavers Association of Northern Italy", "Orvalis Weavers Association of Northern Italy", []),
    # an acronym with a body noun and a place word
    ("Moroccan KIVA Technopark", "Moroccan KIVA Technopark", ["KIVA"]),
    ("Moroccan KIVA Robotics", "Moroccan KIVA Robotics", []),
    ("Kelvo Dyers Union Southern Spain", "Kelvo Dyers Union Southern Spain", []),
    # a head and the page's own place said without its name is the page's bare head
    ("Technoparc de la région", "Technoparc", ["Technoparc de la région"]),
    ("Incubator of the City", "Incubator", ["Incubator of the City"]),
    ("Kelvo Incubator of the City", "Kelvo Incubator of the City", []),
    ("Conseil de la région Kelvo", "Conseil de la région Kelvo", []),
])
def test_clean_name_keeps_what_the_documents_mean(raw, name, aliases):
    assert clean_name(raw) == (name, aliases)


def test_a_place_tag_is_an_alias_never_the_name():
    text = "The five clusters are Orvalis Morocco, Tessaro Tunisia and Kelvo Lebanon."
    ms = [_mention(text, n, ORG) for n in ("Orvalis Morocco", "Tessaro Tunisia", "Kelvo Lebanon")]
    ext = Resolver().resolve(_doc(text, "l.txt"), text, RawExtraction(mentions=ms))
    got = {e.name: (e.kind, e.aliases) for e in ext.entities}
    assert got == {"Orvalis": ("cluster", ["Orvalis Morocco"]), "Tessaro": ("cluster", ["Tessaro Tunisia"]),
                   "Kelvo": ("cluster", ["Kelvo Lebanon"])}


@pytest.mark.parametrize("text,name,kind", [
    ("Cœur du réseau. Les pôles membres : Halivert, Agrinova et Texa.", "Agrinova", "cluster"),
    ("The partner universities are Brevia Tech and Ostral.", "Ostral", "university"),
    ("Two associations: Ardent Weavers and Solenna.", "Solenna", "association"),
])
def test_a_list_says_what_its_names_are(text, name, kind):
    listed = {"k": ["Halivert", "Agrinova", "Texa"], "u": ["Brevia Tech", "Ostral"], "a": ["Ardent Weavers", "Solenna"]}
    names = next(v for v in listed.values() if name in v)
    ms, pos = [], 0
    for n in names:
        ms.append(_mention(text, n, ORG, pos))
        pos = ms[-1].end
    ext = Resolver().resolve(_doc(text, "k.txt"), text, RawExtraction(mentions=ms))
    assert {e.name: e.kind for e in ext.entities}[name] == kind


def test_kind_of_stronger_evidence_wins_across_documents():
    """A first document that says "company" (a corporate word) loses to one calling it a cluster."""
    r = Resolver()
    from ecograph.store.merge import Attributes, combine
    a = combine(None, Attributes("Orvalis", kind="company"))
    a = combine(a, Attributes("Orvalis", kind="cluster"))
    a = combine(a, Attributes("Orvalis", kind="research"))
    assert a.kind == "cluster"
    assert combine(combine(None, Attributes("X", kind="other")), Attributes("X", kind=None)).kind == "other"
    assert r is not None


def test_qualifier_clash():
    assert clash(qualifiers("Embassy of Spain"), qualifiers("Embassy of Italy"))
    assert clash(qualifiers("Northern Agency"), qualifiers("Southern Agency"))
    assert not clash(qualifiers("Orvalis Marrakech Network"), qualifiers("Orvalis Morocco"))  # city in country
    assert not clash(qualifiers("Moroccan Weavers"), qualifiers("Weavers Morocco"))
    assert not clash(qualifiers("Orvalis"), qualifiers("Orvalis Tunisia"))


@pytest.mark.parametrize("text,short,long_,label", [
    # an acronym whose expansion is headed by a body noun is a body, though the text calls it a project
    ("The cluster's project KOVC (Kelvo Olive Valorisation Centre) opened.", "KOVC",
     "Kelvo Olive Valorisation Centre", ORG),
    ("Our project TARN (Tessaro Agency for Rural Networks) grows.", "TARN", "Tessaro Agency for Rural Networks", ORG),
    ("Le projet CIVA (Centre d'Innovation Valoris Agro) démarre.", "CIVA", "Centre d'Innovation Valoris Agro", ORG),
    # a programme's own expansion keeps it a programme
    ("The project ZEPA (Zephyr Export Promotion Action) starts.", "ZEPA", "Zephyr Export Promotion Action", PROG),
    ("The project PAVO (Programme d'Appui aux Valoris Ouvriers) starts.", "PAVO",
     "Programme d'Appui aux Valoris Ouvriers", PROG),
])
def test_a_project_label_gives_way_to_a_body_head_in_its_expansion(text, short, long_, label):
    ms = [_mention(text, short, PROG), _mention(text, long_, PROG)]
    ext = Resolver().resolve(_doc(text, "p.txt"), text, RawExtraction(mentions=ms))
    assert [e.label for e in ext.entities] == [label]


def test_a_body_head_swaps_no_short_name():
    """Two words are a brand, not an expansion: "Valoris Centre" called a project stays one."""
    text = "The project Valoris Centre starts."
    ext = Resolver().resolve(_doc(text, "v.txt"), text, RawExtraction(mentions=[_mention(text, "Valoris Centre", PROG)]))
    assert [e.label for e in ext.entities] == [PROG]


_FR_LONG, _EN_LONG = "Agence de Valorisation d'Orvalis", "Agency for Valorisation of Orvalis"


@pytest.mark.parametrize("language,names,expected", [
    # the document's language wins over the count where the forms differ in language
    ("fr", [_EN_LONG, _EN_LONG, _FR_LONG, "AVO"], _FR_LONG),
    ("en", [_FR_LONG, _FR_LONG, _EN_LONG, "AVO"], _EN_LONG),
    ("fr", ["Union pour le Textile Kelvo", "Union for Trade in Kelvo", "Union for Trade in Kelvo", "UTK"],
     "Union pour le Textile Kelvo"),
    # an acronym is in no language: the most used form stays the name
    ("fr", ["AVO", "AVO", "AVO", _FR_LONG, _EN_LONG], "AVO"),
    # one language only: the count decides, whatever the document's language
    ("en", [_FR_LONG, _FR_LONG, "AVO"], _FR_LONG),
])
def test_canonical_name_in_the_document_language_where_forms_differ(language, names, expected):
    text = " ; ".join(names) + "."
    ms, pos = [], 0
    for n in names:
        ms.append(_mention(text, n, ORG, pos))
        pos = ms[-1].end
    doc = Document(id=document_id(text + language), source="l.txt", title="t", language=language)
    ext = Resolver().resolve(doc, text, RawExtraction(mentions=ms))
    assert len(ext.entities) == 1, [e.name for e in ext.entities]
    assert ext.entities[0].name == expected
    assert set(names) - {expected} <= set(ext.entities[0].aliases)


@pytest.mark.parametrize("text,now,before", [
    ("Orvalis Digital Cluster, an ICT cluster formerly known as the Orvalis Software Cluster, grows.",
     "Orvalis Digital Cluster", "Orvalis Software Cluster"),
    ("The Kelvo Auto Suppliers Cluster (automotive parts), formerly the Brevia Auto Cluster, won a grant.",
     "Kelvo Auto Suppliers Cluster", "Brevia Auto Cluster"),
    ("Le Pôle Tessaro Mer, anciennement Pôle Halivert, recrute.", "Pôle Tessaro Mer", "Pôle Halivert"),
    ("Zephyr Robotics Network (ex-Zephyr Robotics Club) opened.", "Zephyr Robotics Network", "Zephyr Robotics Club"),
])
def test_a_former_name_joins_the_current_one(text, now, before):
    ext = _two_names(text, now, before)
    assert [(e.name, e.aliases) for e in ext.entities] == [(now, [before])]


def _two_names(text: str, a: str, b: str):
    """The resolution of a text naming organisation `a`, then organisation `b` after it."""
    ms = [_mention(text, a, ORG)]
    ms.append(_mention(text, b, ORG, ms[0].end))
    return Resolver().resolve(_doc(text, "r.txt"), text, RawExtraction(mentions=ms))


@pytest.mark.parametrize("text,before,now", [
    ("Le Cluster Kelvo Solaire s'élargit à toutes les énergies. Il change de nom et devient « Cluster Kelvo Énergies ».",
     "Cluster Kelvo Solaire", "Cluster Kelvo Énergies"),
    ("Orvalis Dyers Club was renamed Orvalis Dyers Network in 2019.", "Orvalis Dyers Club", "Orvalis Dyers Network"),
    ("Le Réseau Tessaro, rebaptisé Réseau Halivert, recrute.", "Réseau Tessaro", "Réseau Halivert"),
    ("Kelvo Weavers grew fast. It changed its name to Kelvo Textile Union.", "Kelvo Weavers", "Kelvo Textile Union"),
])
def test_the_name_a_body_is_renamed_to_is_its_name(text, before, now):
    ext = _two_names(text, before, now)
    assert [(e.name, e.aliases) for e in ext.entities] == [(now, [before])]


@pytest.mark.parametrize("text,a,b", [
    ("Orvalis Dyers Club was renamed in 2019 after merging with Kelvo Network.", "Orvalis Dyers Club", "Kelvo Network"),
    ("Orvalis Dyers Club changed its logo; Kelvo Network grew.", "Orvalis Dyers Club", "Kelvo Network"),
    ("Orvalis Dyers Club signed. The hall was renamed by Kelvo Network.", "Orvalis Dyers Club", "Kelvo Network"),
    ("Orvalis Cluster, formerly part of the Kelvo Network, grows.", "Orvalis Cluster", "Kelvo Network"),
    ("Tessaro Agency, previously a partner of Brevia Agency, left.", "Tessaro Agency", "Brevia Agency"),
    ("Orvalis Cluster grew. Formerly the Kelvo Cluster led.", "Orvalis Cluster", "Kelvo Cluster"),
])
def test_no_rename_without_the_cue_leading_to_the_name(text, a, b):
    assert len(_two_names(text, a, b).entities) == 2


def test_a_body_named_as_a_known_programme_is_that_programme():
    """Extraction calls "Orvalis Coastal Basin" an organisation in one document; another knows the
    "Orvalis Coastal Basin Programme": one node, the programme. A short name does not ("Zephyr")."""
    r, ids = Resolver(), []
    for i, (name, label) in enumerate([("Orvalis Coastal Basin Programme", PROG), ("Orvalis Coastal Basin", ORG),
                                       ("Zephyr Program", PROG), ("Zephyr", ORG)]):
        text = f"Yesterday {name} opened."
        ext = r.resolve(_doc(text, f"{i}.txt"), text, RawExtraction(mentions=[_mention(text, name, label)]))
        r.learn(ext)
        ids.append(ext.entities[0].id)
    assert ids[0] == ids[1] and ids[0].startswith("prog:")
    assert ids[2] != ids[3]


def test_a_body_named_as_a_registry_programme_without_its_word_is_that_programme(monkeypatch):
    """The registry knows a programme also as "… Basin Programme"; a document naming it without
    "Programme", as an organisation, means the programme."""
    import ecograph.ingest.resolve as resolve_mod
    from ecograph.ingest.registry import KnownEntity
    from ecograph.ids import norm
    known = KnownEntity("Orvalis Sea Link", "Programme", "programme", None, ("Orvalis Sea Link Basin Programme",))
    monkeypatch.setattr(resolve_mod, "registry_index", lambda: {norm(n): known for n in (known.name, *known.aliases)})
    text = "Orvalis Sea Link funds it; the Orvalis Sea Link Basin selected ten projects."
    ms = [_mention(text, "Orvalis Sea Link", PROG), _mention(text, "Orvalis Sea Link Basin", ORG)]
    ext = Resolver().resolve(_doc(text, "e.txt"), text, RawExtraction(mentions=ms))
    assert [(e.label, e.name) for e in ext.entities] == [(PROG, "Orvalis Sea Link")]


# (text, names in the order the text gives them, how many bodies): links only the text shows
TEXT_LINKS = [
    # an acronym bracketed after its long name, its letters in another order (another language)
    ("It works with the National Centre for Orvalis Studies (CNEO\nCNEO signed.",
     ["National Centre for Orvalis Studies", "CNEO"], 1),
    ("Le ministère des Mines, de l'Eau et des Forêts d'Orvalis (MEFMO). Le MEFMO recrute.",
     ["ministère des Mines, de l'Eau et des Forêts d'Orvalis", "MEFMO"], 1),
    ("The Desert Solar Network (KV DSN) met; KV DSN grew.", ["Desert Solar Network", "KV DSN"], 1),
    # written beside it with a dash
    ("The tour took in KESA – Higher School of Kelvo Arts and the port.", ["KESA", "Higher School of Kelvo Arts"], 1),
    ("The tour took in Brevia Technical Centers – CTB, then lunch.", ["Brevia Technical Centers", "CTB"], 1),
    # an acronym that names no actor is no actor's other name
    ("The Orvalis Investment Fund (FDI) grew; FDI rose.", ["Orvalis Investment Fund", "FDI"], 2),
    # letters that do not stand for the name: another body
    ("Orvalis Cluster (KVN) met; KVN grew.", ["Orvalis Cluster", "KVN"], 2),
    ("The tour took in Orvalis Textile Agency – BRX and the port.", ["Orvalis Textile Agency", "BRX"], 2),
    ("Funded by the German Kelvo Agency (GRZA). GRZA grew.", ["German Kelvo Agency", "GRZA"], 2),
    # an "also known as" cue, English and French
    ("Le KRBC, dénommé en français Cluster kelvois de la robotique bleue, grandit.",
     ["KRBC", "Cluster kelvois de la robotique bleue"], 1),
    ("Orvalis Robotics Hub, also known as the Brevia Lab, opened.", ["Orvalis Robotics Hub", "Brevia Lab"], 1),
    ("The project “Orvalis Growth Project” (known as OGX) started.", ["Orvalis Growth Project", "OGX"], 1),
    ("Le Pôle Tessaro, appelé aussi Cluster Halivert, recrute.", ["Pôle Tessaro", "Cluster Halivert"], 1),
    ("Orvalis Robotics Hub, also a partner of Brevia Lab, opened.", ["Orvalis Robotics Hub", "Brevia Lab"], 2),
    ("Orvalis Robotics Hub, known for the Brevia Lab, opened.", ["Orvalis Robotics Hub", "Brevia Lab"], 2),
    # a mixed-case acronym of a name with a small word ("KyT" for "Kelvo y Tessaro")
    ("Kelvo y Tessaro (KyT) opened; KyT grew.", ["Kelvo y Tessaro", "KyT"], 1),
    # slips of the pen in one document
    ("KFRC funds it; the KRFC board met.", ["KFRC", "KRFC"], 1),
    ("Tecnovalia opened; Technovalia grew.", ["Tecnovalia", "Technovalia"], 1),
    # a bare head meets the document's only name made of that head and places, in any order
    ("Jordan-Japan Techno Park opened. The Techno Park and TechnoPark host ten firms.",
     ["Jordan-Japan Techno Park", "Techno Park", "TechnoPark"], 1),
    ("Technopark Kairouan opened, then Jendouba Technopark. The TechnoPark hosts ten firms.",
     ["Technopark Kairouan", "Jendouba Technopark", "TechnoPark"], 3),
    # a plural is a category, never the one body of its singular
    ("Technopark Kairouan opened. Technoparks grow.", ["Technopark Kairouan", "Technoparks"], 2),
    ("Le pôle de compétitivité de Kasserine recrute ; les pôles de compétitivité aussi.",
     ["pôle de compétitivité de Kasserine", "pôles de compétitivité"], 2),
    # a joint name of two acronyms spells out no acronym
    ("Brevia (KORA-BTX) signed; then the EU paid.", ["KORA-BTX", "EU"], 2),
    # a quoted name beside another is an expansion only if it spells the other out
    ("Le programme de Kelvotech, « Orvalis Horizons Bleus », démarre.", ["Kelvotech", "Orvalis Horizons Bleus"], 2),
    # 'A (B)': B is A's other name when its acronym stands for A, when it names A's head in the other language,
    # or when it is a brand for a body A describes by head and place
    ("La Chambre de Commerce et d'Industrie de Brevia (CCI Tessaro) ouvre.",
     ["Chambre de Commerce et d'Industrie de Brevia", "CCI Tessaro"], 1),
    ("Le Conseil Kelvo des Affaires (Kelvo Business Council) signe.",
     ["Conseil Kelvo des Affaires", "Kelvo Business Council"], 1),
    ("L'Agence de Valorisation d'Orvalis (Orvalis Valorisation Agency) recrute.",
     ["Agence de Valorisation d'Orvalis", "Orvalis Valorisation Agency"], 1),
    ("Le Conseil Tessaro-Africain (Tessaro Africa Council-TAC) signe ; le TAC grandit.",
     ["Conseil Tessaro-Africain", "Tessaro Africa Council-TAC", "TAC"], 1),
    ("Le Pôle de Compétitivité de Sfax (Kelvo Valley) grandit.",
     ["Pôle de Compétitivité de Sfax", "Kelvo Valley"], 1),
    # … and not when B is a parent, a partner, a body of another head, or its acronym does not stand for A
    ("Orvalis Agency (Ministry of Industry) signed.", ["Orvalis Agency", "Ministry of Industry"], 2),
    ("Kelvo Robotics (Orvalis Group) signed.", ["Kelvo Robotics", "Orvalis Group"], 2),
    ("Orvalis Cluster (Kelvo Network) signed.", ["Orvalis Cluster", "Kelvo Network"], 2),
    ("L'Agence Kelvo (Agence Orvalis) signe.", ["Agence Kelvo", "Agence Orvalis"], 2),
    ("The Orvalis Agency (Kelvo Agency) grew.", ["Orvalis Agency", "Kelvo Agency"], 2),
    ("La Chambre de Commerce de Brevia (KLM Tessaro) ouvre.", ["Chambre de Commerce de Brevia", "KLM Tessaro"], 2),
    ("L'Université de Sfax (University of Sousse) signe.", ["Université de Sfax", "University of Sousse"], 2),
    ("Le Pôle de Compétitivité de Sfax (Kelvo Foundation) grandit.",
     ["Pôle de Compétitivité de Sfax", "Kelvo Foundation"], 2),
    # an acronym one inner letter short of the one defined for a long name, its letters still standing for it
    ("The Kelvo Industry Development Agency (KIDA) met; the role of KDA grew.",
     ["Kelvo Industry Development Agency (KIDA)", "KDA"], 1),
    ("The Kelvo Industry Development Agency (KIDA) met; the role of KDX grew.",
     ["Kelvo Industry Development Agency (KIDA)", "KDX"], 2),
    # a contraction of the long name's words
    ("OrvKelMed opened. Orvalis Kelvo Med grew.", ["OrvKelMed", "Orvalis Kelvo Med"], 1),
    ("ClusTessBay opened. Cluster Tessaro Bay grew.", ["ClusTessBay", "Cluster Tessaro Bay"], 1),
    ("OrvKelMed opened. Orvalis Tessaro Med grew.", ["OrvKelMed", "Orvalis Tessaro Med"], 2),
    ("OrvKel opened. Orvalis Kelvo Med grew.", ["OrvKel", "Orvalis Kelvo Med"], 2),
    # a short form cut before "and", after the long name, when no other long name is cut so
    ("The Orvalis Academy of Marine Research and Technology signed. The Orvalis Academy of Marine Research grew.",
     ["Orvalis Academy of Marine Research and Technology", "Orvalis Academy of Marine Research"], 1),
    ("L'Institut Kelvo de Recherche Marine et Technologique signe. L'Institut Kelvo de Recherche Marine grandit.",
     ["Institut Kelvo de Recherche Marine et Technologique", "Institut Kelvo de Recherche Marine"], 1),
    ("The University of Tessaro Kelvo Bay met the University of Tessaro.",
     ["University of Tessaro Kelvo Bay", "University of Tessaro"], 2),
    # a body noun with the words before it, after the document's one long name ending so
    ("Kelvo Tessaro Innovation Park opened. The Innovation Park hosts ten firms.",
     ["Kelvo Tessaro Innovation Park", "Innovation Park"], 1),
    ("Kelvo Innovation Park and Brevia Innovation Park opened. The Innovation Park hosts ten firms.",
     ["Kelvo Innovation Park", "Brevia Innovation Park", "Innovation Park"], 3),
    ("The Innovation Park hosts ten firms. Kelvo Tessaro Innovation Park opened.",
     ["Innovation Park", "Kelvo Tessaro Innovation Park"], 2),
    # a capitalised name written without its spaces
    ("El Kelvaro opened; ELKelvaro grew.", ["El Kelvaro", "ELKelvaro"], 1),
    ("El Kelvaro opened; ELKelvari grew.", ["El Kelvaro", "ELKelvari"], 2),
    # a list item of its own, '• ACR – Long Name (Country, Region)': one body whatever the acronym's letters
    ("Partners:\n  • KVRT – Orvalis Weavers Confederation (Spain, Kelvo)\n"
     "  • TBX – Brevia Dyers Union (Italy)\n",
     ["KVRT", "Orvalis Weavers Confederation", "TBX", "Brevia Dyers Union"], 2),
    ("1. OWC: Orvalis Weavers Confederation\n2. BDU: Brevia Dyers Union.", ["OWC", "Orvalis Weavers Confederation",
                                                                           "BDU", "Brevia Dyers Union"], 2),
    # … or as a headline 'ACR: Long Name in Place', the colon glued to the acronym
    ("KELVIA: Orvalis Eco-Hub in Tunisia\n\nThe hub opened.", ["KELVIA", "Orvalis Eco-Hub"], 1),
    ("  • KVRT: Orvalis Weavers Confederation (Spain)\n", ["KVRT", "Orvalis Weavers Confederation"], 1),
    ("KELVIA: Orvalis Eco-Hub signs a deal in Tunisia\n", ["KELVIA", "Orvalis Eco-Hub"], 2),
    # … not when the line goes on with other names, nor mid-sentence
    ("  • KVRT – Orvalis Weavers Confederation and Brevia Dyers Union signed\n",
     ["KVRT", "Orvalis Weavers Confederation", "Brevia Dyers Union"], 3),
    ("Then KVRT – Orvalis Weavers Confederation (Spain)\n", ["KVRT", "Orvalis Weavers Confederation"], 2),
    # an acronym written as a word, bracketed after its long name
    ("L'Institut national de la mer orvalienne (Inmo) signe ; Inmo grandit.",
     ["Institut national de la mer orvalienne", "Inmo"], 1),
    ("L'Agence kelvoise de l'énergie marine (Kem) signe ; Kem grandit.", ["Agence kelvoise de l'énergie marine",
                                                                          "Kem"], 1),
    ("The Kelvo Dyers Network (Brevia) signed; Brevia grew.", ["Kelvo Dyers Network", "Brevia"], 2),
    ("The Kelvo Dyers Network (Tunis) signed; Tunis grew.", ["Kelvo Dyers Network", "Tunis"], 2),
    # an acronym after its long name without brackets, then the name in another language its letters stand for
    ("L'Union des Tisseurs de Kelvo UTK (Kelvo Weavers Union) signe.",
     ["Union des Tisseurs de Kelvo UTK", "Kelvo Weavers Union"], 1),
    ("L'Union des Tisseurs de Kelvo UTK (Orvalis Dyers Board) signe.",
     ["Union des Tisseurs de Kelvo UTK", "Orvalis Dyers Board"], 2),
    # a coined one-word brand in brackets is the body's other name; a plain word may be its parent or place
    ("The Kelvo Training Company (KelvoLearn) signed; KelvoLearn grew.",
     ["Kelvo Training Company", "KelvoLearn", "KelvoLearn"], 1),
    ("The Kelvo Training Company (Orvalis) signed; Orvalis grew.", ["Kelvo Training Company", "Orvalis", "Orvalis"], 2),
    # a bracketed acronym after the place a name left out, or after its closing quote
    ("The Orvalis Women Empowerment Project in Tunisia (OWP) ended; OWP grew.",
     ["Orvalis Women Empowerment Project", "OWP"], 1),
    ("The Orvalis Women Empowerment Project in Kelvoria (OWP) ended; OWP grew.",
     ["Orvalis Women Empowerment Project", "OWP"], 2),
    ("Le projet « Kelvo, Développement régional et Emploi » (KDEE) démarre ; KDEE grandit.",
     ["Kelvo, Développement régional et Emploi", "KDEE"], 1),
    ("Le projet « Kelvo, Développement régional et Emploi » (QXZW) démarre ; QXZW grandit.",
     ["Kelvo, Développement régional et Emploi", "QXZW"], 2),
    # "hereinafter", « ci-après »
    ("The Orvalis Sea Basin Network (hereinafter ‘KV SEA’) opened; KV SEA grew.",
     ["Orvalis Sea Basin Network", "KV SEA"], 1),
    ("L'Agence Kelvo de l'Eau (ci-après « Orvaqua ») signe ; Orvaqua grandit.",
     ["Agence Kelvo de l'Eau", "Orvaqua", "Orvaqua"], 1),
    ("The Orvalis Sea Basin Network (then ‘KV SEA’) opened; KV SEA grew.", ["Orvalis Sea Basin Network", "KV SEA"], 2),
    # a long name without the place it opens with, after it, when no other long name reduces so
    ("The Tunisia Kelvopact eased rules; the Kelvopact's unit met.", ["Tunisia Kelvopact", "Kelvopact"], 1),
    ("Le Maroc Kelvo Numérique démarre ; le Kelvo Numérique recrute.", ["Maroc Kelvo Numérique", "Kelvo Numérique"], 1),
    ("The Kelvopact's unit met; the Tunisia Kelvopact eased rules.", ["Kelvopact", "Tunisia Kelvopact"], 2),
    ("The Tunisia Kelvopact and the Morocco Kelvopact met; the Kelvopact's unit grew.",
     ["Tunisia Kelvopact", "Morocco Kelvopact", "Kelvopact"], 3),
    # the acronym bracketed after "the management company of X" is the company's, not X's
    ("La société de gestion de Kelvo Technopark (OTMC) signe ; OTMC grandit.", ["Kelvo Technopark (OTMC)", "OTMC"], 2),
    ("The company managing the Kelvo Technopark (OTMC) signed; OTMC grew.", ["Kelvo Technopark (OTMC)", "OTMC"], 2),
    ("Kelvo Technopark (OTMC) signe ; OTMC grandit.", ["Kelvo Technopark (OTMC)", "OTMC"], 1),
    ("La société de gestion de Kelvo Orvalis Technopark (KOT) signe ; KOT grandit.",
     ["Kelvo Orvalis Technopark (KOT)", "KOT"], 1),

    # a bare head has no quoted expansion: the quotes name its manager
    ("The manager of the Technopark, « Kelvo Technopark Company », signed.", ["Technopark", "Kelvo Technopark Company"], 2),
    # an acronym set between commas after a long name whose initials (or tail's) its letters stand for
    ("Golden Brevia is housed at the Orvalis Weaving and Dyeing Incubator, OWDI, in Kelvo.",
     ["Orvalis Weaving and Dyeing Incubator", "OWDI"], 1),
    ("It is housed at the Orvalis Weaving and Dyeing Incubator, OCWDI, in Kelvo.",
     ["Orvalis Weaving and Dyeing Incubator", "OCWDI"], 1),
    ("It is funded by the Kelvo Agency for Rural Growth, ARG, and others.", ["Kelvo Agency for Rural Growth", "ARG"], 1),
    ("L'Agence Orvalienne de Promotion des Tisseurs, AOPT, signe.", ["Agence Orvalienne de Promotion des Tisseurs",
                                                                    "AOPT"], 1),
    # … not another body's acronym in a list, nor an acronym that goes on into a longer name
    ("It is funded by the Kelvo Agency for Rural Growth, KTB, and others.", ["Kelvo Agency for Rural Growth", "KTB"], 2),
    ("Signed by the Kelvo Agency for Rural Growth, ARG Capital and others.",
     ["Kelvo Agency for Rural Growth", "ARG"], 2),
    # an acronym with a part cut from a word of the name ('Kel' for 'Kelvo'), written beside it
    ("Kelvo Sea Weavers Initiative - Kel-SWI\nThe project grows.", ["Kelvo Sea Weavers Initiative", "Kel-SWI"], 1),
    ("Kelvo Sea Weavers Initiative - Bre-SWI\nThe project grows.", ["Kelvo Sea Weavers Initiative", "Bre-SWI"], 2),
    ("Kelvo Sea Weavers Initiative - Kel-QXZ\nThe project grows.", ["Kelvo Sea Weavers Initiative", "Kel-QXZ"], 2),
    # "hereinafter" closing a bracket that opened on a short insert
    ("The Orvalis Weavers Foundation (President Kel Brev, hereinafter ‘OWEAVE’) signed; OWEAVE grew.",
     ["Orvalis Weavers Foundation", "OWEAVE", "OWEAVE"], 1),
    ("La Fondation Kelvo (représentée par son président, ci-après « Kelfond ») signe ; Kelfond grandit.",
     ["Fondation Kelvo", "Kelfond", "Kelfond"], 1),
    ("The Orvalis Weavers Foundation (partner of the Brevia Dye Lab, hereinafter ‘BDL’) signed.",
     ["Orvalis Weavers Foundation", "Brevia Dye Lab", "BDL"], 2),
    ("The Orvalis Weavers Foundation (President Kel Brev, then ‘OWEAVE’) signed.",
     ["Orvalis Weavers Foundation", "OWEAVE"], 2),
    # … the short name it gives, written later, whether or not the bracketed one was found
    ("The KELVORA Foundation (President Ab Cd, hereinafter 'KELVORA') met Brevia Lab. KELVORA grew.",
     ["KELVORA Foundation", "Brevia Lab", "KELVORA"], 2),
    ("The Kelvo Dyers Union (hereinafter “KDU”) signed. KDU grew.", ["Kelvo Dyers Union", "KDU"], 1),
    ("The Kelvo Dyers Union (hereinafter “the Party”) signed. Party members met.", ["Kelvo Dyers Union", "Party"], 2),
    # « A devient B », "A became B": a rename, the verb leading straight to the other name
    ("Le Pôle Kelvo Sud devient, le 3 mars 2031, le Pôle Kelvo Tessaro. Le Pôle Kelvo Tessaro recrute.",
     ["Pôle Kelvo Sud", "Pôle Kelvo Tessaro", "Pôle Kelvo Tessaro"], 1),
    ("In 2031 the Kelvo Weavers Guild became the Orvalis Textile Network.",
     ["Kelvo Weavers Guild", "Orvalis Textile Network"], 1),
    ("Le Pôle Kelvo devient membre du Réseau Orvalis.", ["Pôle Kelvo", "Réseau Orvalis"], 2),
    ("In 2031 the Kelvo Weavers Guild became the Orvalis Textile Network's partner.",
     ["Kelvo Weavers Guild", "Orvalis Textile Network"], 2),
    ("In 2031 the Kelvo Weavers Guild became the Orvalis Textile Network member with most votes.",
     ["Kelvo Weavers Guild", "Orvalis Textile Network"], 2),
    ("In 2031 the Kelvo Weavers Guild became the Orvalis Textile Network in June.",
     ["Kelvo Weavers Guild", "Orvalis Textile Network"], 1),
    # a place that tells a name from its twin on the page stays in it: the bare name is neither's
    ("Le Pôle Kelvo Tessaro a pour jumeau le Pôle Kelvo Bretagne. La ville, co-fondatrice du Pôle Kelvo, signe.",
     ["Pôle Kelvo Tessaro", "Pôle Kelvo Bretagne", "Pôle Kelvo"], 3),
    ("Le Pôle Kelvo Bretagne signe. La ville, co-fondatrice du Pôle Kelvo, signe.",
     ["Pôle Kelvo Bretagne", "Pôle Kelvo"], 1),
    ("Le Pôle Kelvo Bretagne devient le Pôle Kelvo Tessaro. Le Pôle Kelvo recrute.",
     ["Pôle Kelvo Bretagne", "Pôle Kelvo Tessaro", "Pôle Kelvo"], 1),
    ("The Orvalis Cluster Morocco met the Orvalis Cluster.", ["Orvalis Cluster Morocco", "Orvalis Cluster"], 1),
    # a name in the other language quoted right after a name, a bracketed acronym standing for both
    ("Le Cluster Textile du Kelvo « Kelvo Textile Cluster » (KTC) et Orvalis signent.",
     ["Cluster Textile du Kelvo", "Kelvo Textile Cluster (KTC)"], 1),
    ("Le Cluster Textile du Kelvo « Orvalis Marine Week » (OMW) démarre.",
     ["Cluster Textile du Kelvo", "Orvalis Marine Week (OMW)"], 2),
    # two neighbour letters swapped in a long word
    ("Kelvopark opened; the Kelvoprak grew.", ["Kelvopark", "Kelvoprak"], 1),
    ("The Orvalis Academy of Marine Research and Arts met the Orvalis Academy of Marine Research and Technology; "
     "the Orvalis Academy of Marine Research grew.", ["Orvalis Academy of Marine Research and Arts",
                                                      "Orvalis Academy of Marine Research and Technology",
                                                      "Orvalis Academy of Marine Research"], 3),
    # a proper name apposed between commas to a 'the' name with a body's head word, the sentence going on
    ("Growth rose, according to the Kelvo Press Agency, Orvapress.", ["Kelvo Press Agency", "Orvapress"], 1),
    ("Growth rose, the Kelvo Press Agency, Orvapress reported.", ["Kelvo Press Agency", "Orvapress"], 1),
    ("Growth rose, the Kelvo Press Agency, Orvapress and Brevia reported.", ["Kelvo Press Agency", "Orvapress",
                                                                            "Brevia"], 3),
    ("To that end the Orvalis Central Bank, Banque d'Orvalis, recently raised its pledge.",
     ["Orvalis Central Bank", "Banque d'Orvalis"], 1),
    ("Pour cela la Banque centrale du Kelvo, Kelvobank, a relevé son offre.", ["Banque centrale du Kelvo",
                                                                                "Kelvobank"], 1),
    # … not a list, an acronym (maybe another body's), a name without 'the' or without a body's head word
    ("Funds came from the Kelvo Development Bank, Orvalis Fund, and Zephyr Lab.",
     ["Kelvo Development Bank", "Orvalis Fund", "Zephyr Lab"], 3),
    ("Partners are the Kelvo Trade Agency, Orvalis Weaving, Zephyr Lab and others.",
     ["Kelvo Trade Agency", "Orvalis Weaving", "Zephyr Lab"], 3),
    ("They are led by the Kelvo Trade Agency, Orvalis Weaving, respectively.",
     ["Kelvo Trade Agency", "Orvalis Weaving"], 2),
    ("It is funded by the Kelvo Development Bank, ORF, in part.", ["Kelvo Development Bank", "ORF"], 2),
    ("Kelvo Trade Agency, Orvalis Weaving, signed the deal.", ["Kelvo Trade Agency", "Orvalis Weaving"], 2),
    ("In 2031 the Kelvo Weavers, Orvalis, signed.", ["Kelvo Weavers", "Orvalis"], 2),
    ("Signed by the Kelvo Institute of Weaving, Orvalis University, the Brevia Chamber and others.",
     ["Kelvo Institute of Weaving", "Orvalis University", "Brevia Chamber"], 3),
    ("Le ministère du Tissage de Kelvo, Orvalis Ventures, l’Université de Brevia et Zephyr ont signé.",
     ["ministère du Tissage de Kelvo", "Orvalis Ventures", "Université de Brevia", "Zephyr"], 4),
    # a former name after a list's last item may be the whole list's (their former parent)
    ("The site belongs to Kelvo Mills, Brevia Dyes and Tessaro Looms, ex-Orvatex, the state group.",
     ["Kelvo Mills", "Brevia Dyes", "Tessaro Looms", "Orvatex"], 4),
    ("Le site appartient aux entreprises Kelmil, Bredye et Tesloom, ex-Orvatex.",
     ["Kelmil", "Bredye", "Tesloom", "Orvatex"], 4),
    ("The site belongs to Tessaro Looms, ex-Orvatex, the state group.", ["Tessaro Looms", "Orvatex"], 1),
    # an acronym with its kind's word ('KVM cluster') for the long name whose initials it spells
    ("Le Pôle Kelvo Marin recrute. Le PKM cluster vote.", ["Pôle Kelvo Marin", "PKM cluster"], 1),
    ("Le Pôle Kelvo Marin recrute. Le PKT cluster vote.", ["Pôle Kelvo Marin", "PKT cluster"], 2),
    ("Le Pôle Kelvo Marin recrute. La PKM Bank prête.", ["Pôle Kelvo Marin", "PKM Bank"], 2),
    # a name in another language given in brackets with its own acronym is the same body
    ("Le Fonds kelvien des start-up (Kelvian Startup Fund -KSF) finance dix projets.",
     ["Fonds kelvien des start-up", "Kelvian Startup Fund"], 1),
    ("L'Agence Orvalis (Kelvian Startup Fund - KSF) finance dix projets.",
     ["Agence Orvalis", "Kelvian Startup Fund"], 2),
    ("L'Agence Orvalis (Kelvian Startup Fund - ZZZ) finance dix projets.",
     ["Agence Orvalis", "Kelvian Startup Fund"], 2),
]


@pytest.mark.parametrize("text,names,bodies", TEXT_LINKS, ids=[r[0][:40] for r in TEXT_LINKS])
def test_links_the_text_shows(text, names, bodies):
    ms, pos = [], 0
    for n in names:
        ms.append(_mention(text, n, ORG, pos))
        pos = ms[-1].end
    ext = Resolver().resolve(_doc(text, "t.txt"), text, RawExtraction(mentions=ms))
    assert len(ext.entities) == bodies, [(e.name, e.aliases) for e in ext.entities]


# (name, (label, kind)): a name's head speaks before its other cue words; a central bank is no lender
NAME_KINDS = [
    ("Ministry of Orvalis Cooperation", (ORG, "government")),
    ("Ministère du Plan et de l'Orvalis", (ORG, "government")),
    ("Kelvo Technopark Company", (ORG, "company")),
    ("Orvalis Development Bank", (ORG, "funder")),
    ("Central Bank of Orvalis", (ORG, "government")),
    ("Banque Centrale de Kelvo", (ORG, "government")),
    ("Kelvo Central Bank", (ORG, "government")),
    ("Banque Centrale Orvalis", (ORG, "funder")),
    ("Central Orvalis Bank", (ORG, "funder")),
    ("Orvalis Clusters", (ORG, "network")),
    ("Réseau des Clusters Kelvo", (ORG, "network")),
    ("Association Orvalis Clusters", (ORG, "network")),
    ("Cluster Orvalis", (ORG, "cluster")),
    ("Pôle Kelvo", (ORG, "cluster")),
    ("Growth Voucher for Clusters", (PROG, "programme")),
    # a programme family's name: a programme with another word, alone no kind word ("the Hackathon" is one)
    ("Horizon Orvalis", (PROG, "programme")),
    ("Horizon", (None, None)),
    ("Fondation Horizon", (ORG, "association")),
    # a chamber or a business council is an association, whatever place or council word follows
    ("Chambre de Commerce et d'Industrie de la wilaya de Kelvo", (ORG, "association")),
    ("Kelvo Chamber of Commerce", (ORG, "association")),
    ("Orvalis Africa Business Council", (ORG, "association")),
    ("Conseil d'Affaires Orvalis-Kelvo", (ORG, "association")),
    ("Kelvo Regional Council", (ORG, "government")),
    ("Council of Orvalis Ministers", (ORG, "government")),
    # an academy of sciences does research; a "Company for …" is a company
    ("Orvalis Academy of Sciences", (ORG, "research")),
    ("Orvalis Academy of Arts", (ORG, "university")),
    ("Kelvo Academy Company for Robotics", (ORG, "company")),
    # a voucher scheme is a programme, a « schéma » a plan; a day or an event is an event
    ("Kelvo Voucher Scheme", (PROG, "programme")),
    ("Schéma Directeur Kelvo", (PROG, "policy")),
    ("Orvalis Cluster Day", (PROG, "event")),
    ("Kelvo Cluster Matchmaking Event", (PROG, "event")),
    # an embassy is a government's; a « pépinière » or a business centre supports firms; federations in other
    # languages are associations
    ("Embassy of Orvalis", (ORG, "government")),
    ("Ambassade de Kelvo", (ORG, "government")),
    # a delegation of a union of states is its mission, no association; a union alone stays an association
    ("Delegation of the Orvalis Union to Kelvo", (ORG, "government")),
    ("Délégation régionale de Brevia", (ORG, "government")),
    ("Orvalis Weavers Union", (ORG, "association")),
    # ministries named together are government too
    ("Kelvish Ministries of Weaving and Trade", (ORG, "government")),
    ("Ministères de Kelvo", (ORG, "government")),
    ("Pépinière d'entreprises de Brevia", (ORG, "support")),
    ("Kelvo Business Centre", (ORG, "support")),
    ("Orvalis Entrepreneurship Centre", (ORG, "support")),
    ("Ministry of Entrepreneurship of Kelvo", (ORG, "government")),
    ("Federazione Orvalis del Mare", (ORG, "association")),
    ("Kelvo Research Center", (ORG, "research")),
    # an adjective before a ministry leaves it the head, whatever cue words follow
    ("Orvalian Ministry of Planning and Kelvo Cooperation", (ORG, "government")),
    ("Kelvo Development Cooperation Agency", (ORG, "funder")),
    # the last word says what the body is: a programme's managing authority is an authority
    ("Orvalis Sea Programme Managing Authority", (ORG, "government")),
    ("Kelvo Fund Authority", (ORG, "government")),
    # a region is a government where it heads the name, not in a complement after another head
    ("Technoparc de la région Orvalis", (ORG, "support")),
    ("Pépinière de la région de Kelvo", (ORG, "support")),
    ("Région Kelvo", (ORG, "government")),
    ("Orvalis Region", (ORG, "government")),
    ("Conseil de la Région Kelvo", (ORG, "government")),
    # a « centre d'affaires » is a business centre
    ("Centre d'affaires de Kelvo", (ORG, "support")),
    # a « communauté d'agglomération », a directorate-general, a « centre d'études », a business centre (no plural
    # kind noun, nor the singular of a plural that names several bodies: `frames.vetoes.is_plural_kind` reads these)
    ("Ministries", (None, None)),
    ("Municipalité", (None, None)),
    ("Communauté d'agglomération de Kelvo", (ORG, "government")),
    ("DG Kelvo", (ORG, "government")),
    ("Centre d'Etudes Orvalis", (ORG, "research")),
    ("Kelvo Business Development Center", (ORG, "support")),
    ("Business Orvalis Centre", (ORG, "support")),
]


# (names of one body, what a page's context says, the kind): the names settle a bank's and an association's kind
GROUP_KINDS = [
    (["Orvalis Bank"], "funder", "company"),
    (["Banque Kelvo-Orvalienne", "BKO"], "funder", "company"),
    (["Orvalis Development Bank"], "funder", "funder"),
    (["Banque Kelvo d'Investissement"], None, "funder"),
    (["Central Bank of Orvalis"], "funder", "government"),
    (["International Association of Kelvo Parks"], None, "network"),
    (["Association Mondiale des Agences Orvalis"], None, "network"),
    (["Association of Kelvo Parks"], None, "association"),
    (["International Association of Kelvo Weavers"], None, "association"),
]


@pytest.mark.parametrize("names,context,kind", GROUP_KINDS, ids=[r[0][0] for r in GROUP_KINDS])
def test_the_names_settle_a_kind_against_the_context(names, context, kind):
    text = " ; ".join(names) + "."
    ms, pos = [], 0
    for n in names:
        ms.append(_mention(text, n, ORG, pos))
        ms[-1].kind = context
        pos = ms[-1].end
    ext = Resolver().resolve(_doc(text, "k.txt"), text, RawExtraction(mentions=ms))
    assert [e.kind for e in ext.entities] == [kind]


@pytest.mark.parametrize("name,expected", NAME_KINDS, ids=[r[0] for r in NAME_KINDS])
def test_a_names_words_say_its_kind(name, expected):
    from ecograph.kinds import classify
    assert classify(name) == expected


def test_a_body_of_clusters_is_a_network_under_all_its_names():
    text = "Orvalis Clusters met. The Association Orvalis Clusters grew."
    ms = [_mention(text, "Orvalis Clusters", ORG), _mention(text, "Association Orvalis Clusters", ORG, 20)]
    ext = Resolver().resolve(_doc(text, "n.txt"), text, RawExtraction(mentions=ms))
    assert [e.kind for e in ext.entities] == ["network"]
    assert {ext.entities[0].name, *ext.entities[0].aliases} == {"Orvalis Clusters", "Association Orvalis Clusters"}


def test_a_name_that_drops_its_plural_does_not_change_the_kind():
    """A document writes "Orvalis Cluster" for the network "Orvalis Clusters" another one names."""
    r, kinds = Resolver(), []
    for i, name in enumerate(("Orvalis Clusters", "Orvalis Cluster")):
        text = f"Yesterday {name} opened."
        ext = r.resolve(_doc(text, f"{i}.txt"), text, RawExtraction(mentions=[_mention(text, name, ORG)]))
        r.learn(ext)
        kinds += [(e.id, e.kind) for e in ext.entities]
    assert kinds == [("org:orvalis-clusters", "network")] * 2


@pytest.mark.parametrize("text,names,bodies", [
    # an acronym and "ACR Project" name one programme in one document
    ("The KVRT Project closed; KVRT funded ten firms.", [("KVRT Project", PROG), ("KVRT", ORG)], 1),
    ("The KVRT Project closed; KVRX funded ten firms.", [("KVRT Project", PROG), ("KVRX", ORG)], 2),
    # the quotes cut one name in two: the halves join the name the document writes whole
    ("The Orvalis Sea Basin Programme pays; the Orvalis “Sea Basin Programme” grew.",
     [("Orvalis Sea Basin Programme", PROG), ("Orvalis", ORG), ("Sea Basin Programme", PROG)], 2),
    ("The Orvalis Sea Basin Programme pays; the Kelvo “Sea Basin Programme” grew.",
     [("Orvalis Sea Basin Programme", PROG), ("Kelvo", ORG), ("Sea Basin Programme", PROG)], 3),
    # a brand opening the document's one long programme name is that programme
    ("The KELVIX Weavers Readiness Program opened; KELVIX supported ten firms.",
     [("KELVIX Weavers Readiness Program", PROG), ("KELVIX", PROG)], 1),
    ("The KELVIX Weavers Readiness Program opened; KELVIX hired ten staff.",
     [("KELVIX Weavers Readiness Program", PROG), ("KELVIX", ORG)], 2),
    ("The KELVIX Weavers Program and the KELVIX Dyers Start Programme opened; KELVIX grew.",
     [("KELVIX Weavers Program", PROG), ("KELVIX Dyers Start Programme", PROG), ("KELVIX", PROG)], 3),
    ("The KV CBC Tessaro Sea Programme opened; KV grew.", [("KV CBC Tessaro Sea Programme", PROG), ("KV", PROG)], 2),
    # a name cut before its last word, which the page writes in small letters there
    ("The Kelvo-TX Training opened; after the Kelvo-TX training in 2031 they met.",
     [("Kelvo-TX Training", PROG), ("Kelvo-TX", ORG)], 1),
    ("The Kelvo-TX Training opened; the Kelvo-TX board met.", [("Kelvo-TX Training", PROG), ("Kelvo-TX", ORG)], 2),
    ("The Kelvo-TX Training opened; the Kelvo-TX Training Centre met.",
     [("Kelvo-TX Training", PROG), ("Kelvo-TX", ORG)], 2),
    # a long name without the parties it opens with ("EU-Jordan"), after it
    ("The EU-Jordan Weavers Day opened. The Weavers Day drew 300.", [("EU-Jordan Weavers Day", PROG),
                                                                        ("Weavers Day", PROG)], 1),
    ("The EU-Tunisia Weavers Day and EU-Morocco Weavers Day opened. The Weavers Day drew 300.",
     [("EU-Tunisia Weavers Day", PROG), ("EU-Morocco Weavers Day", PROG), ("Weavers Day", PROG)], 3),
    # a coined one-word name and "<name> Project"
    ("The Sm@rtLab Project closed; Sm@rtLab funded ten firms.", [("Sm@rtLab Project", PROG), ("Sm@rtLab", PROG)], 1),
    ("The Kelvo Project closed; Kelvo funded ten firms.", [("Kelvo Project", PROG), ("Kelvo", ORG)], 2),
    # a short form cut before the body noun's complement, or before a body noun it drops, in either order
    ("Orvalis Academy signs. The Orvalis Academy for Science and Maritime Transport grew.",
     [("Orvalis Academy", ORG), ("Orvalis Academy for Science and Maritime Transport", ORG)], 1),
    ("Al Kelvo signs. The Al Kelvo Foundation for Education grew.",
     [("Al Kelvo", ORG), ("Al Kelvo Foundation for Education", ORG)], 1),
    # two long names so cut: the short form is neither's
    ("Orvalis Academy signs. The Orvalis Academy for Science and the Orvalis Academy of Arts grew.",
     [("Orvalis Academy", ORG), ("Orvalis Academy for Science", ORG), ("Orvalis Academy of Arts", ORG)], 3),
    # a short form cut before "and" written first may be a body of its own
    ("The Orvalis Institute of Marine Research signs. The Orvalis Institute of Marine Research and Technology grew.",
     [("Orvalis Institute of Marine Research", ORG), ("Orvalis Institute of Marine Research and Technology", ORG)], 2),
    # a programme named without its family's acronyms, when the document writes it whole once
    ("Funded by the programme “Orvalis Sea Basin”. The KV CBC Orvalis Sea Basin Programme pays.",
     [("Orvalis Sea Basin", PROG), ("KV CBC Orvalis Sea Basin Programme", PROG)], 1),
    ("Funded by the Orvalis Sea Basin. The KV CBC Orvalis Sea Basin Programme and ZX CBC Orvalis Sea Basin pay.",
     [("Orvalis Sea Basin", PROG), ("KV CBC Orvalis Sea Basin Programme", PROG),
      ("ZX CBC Orvalis Sea Basin", PROG)], 3),
    ("Funded by the Sea Basin. The KV CBC Sea Basin Programme pays.",
     [("Sea Basin", PROG), ("KV CBC Sea Basin Programme", PROG)], 2),
    # a long programme name without its place and its word 'Program', written with a word split or not
    ("The Morocco Green Weave Acceleration Program opened. Its Green Weave Acceleration services grew.",
     [("Morocco Green Weave Acceleration Program", PROG), ("Green Weave Acceleration", ORG)], 1),
    ("The Morocco GreenWeave Acceleration Program opened. Its Green Weave Acceleration services grew.",
     [("Morocco GreenWeave Acceleration Program", PROG), ("Green Weave Acceleration", ORG)], 1),
    ("The Morocco Export Program opened. Export grew.", [("Morocco Export Program", PROG), ("Export", ORG)], 2),
    ("The Morocco Green Weave Program and the Tunisia Green Weave Program opened. Green Weave grew.",
     [("Morocco Green Weave Program", PROG), ("Tunisia Green Weave Program", PROG), ("Green Weave", ORG)], 3),
    # a brand and its long name, one title within one pair of quotes
    ("Also the programme “KELVO-7 -Orvalis Rural Weaving Program for Tessaro” runs.",
     [("KELVO-7", PROG), ("Orvalis Rural Weaving Program for Tessaro", PROG)], 1),
    ("Also the programme « KELVO-7 – Programme Orvalis de tissage rural » démarre.",
     [("KELVO-7", PROG), ("Programme Orvalis de tissage rural", PROG)], 1),
    ("Also KELVO-7 - Orvalis Rural Weaving Program for Tessaro runs.",
     [("KELVO-7", PROG), ("Orvalis Rural Weaving Program for Tessaro", PROG)], 2),
    ("The “KELVO – Orvalis Weaving” partnership runs.", [("KELVO", ORG), ("Orvalis Weaving", ORG)], 2),
    ("The “KELVO-7 - Orvalis Rural Weaving Program and its partners” run.",
     [("KELVO-7", PROG), ("Orvalis Rural Weaving Program", PROG)], 2),
])
def test_programme_forms_of_one_document(text, names, bodies):
    ms, pos = [], 0
    for n, label in names:
        ms.append(_mention(text, n, label, pos))
        pos = ms[-1].end
    ext = Resolver().resolve(_doc(text, "pf.txt"), text, RawExtraction(mentions=ms))
    assert len(ext.entities) == bodies, [(e.name, e.aliases) for e in ext.entities]


@pytest.mark.parametrize("mention,expected", [
    ("Tessaro Sea Basin Programme", "Orvalis Sea Link"),  # the registry's "ORV CBC Tessaro Sea Basin Programme"
    ("Kelvo Coast Programme", "Kelvo Coast Programme"),  # a tail two registry programmes share names neither
    ("Basin Programme", "Basin Programme"),  # a tail of two words names no one programme
])
def test_a_programme_named_without_its_family_acronyms(monkeypatch, mention, expected):
    import ecograph.ingest.resolve as resolve_mod
    from ecograph.ingest.registry import KnownEntity
    from ecograph.ids import norm
    entries = [KnownEntity("Orvalis Sea Link", "Programme", "programme", None,
                           ("ORV CBC Tessaro Sea Basin Programme",)),
               KnownEntity("Brevia Coast", "Programme", "programme", None, ("BRV Kelvo Coast Programme",)),
               KnownEntity("Ardent Coast", "Programme", "programme", None, ("ARD Kelvo Coast Programme",)),
               KnownEntity("Zephyr Basin", "Programme", "programme", None, ("ZPH Sea Basin Programme",))]
    index = {norm(n): e for e in entries for n in (e.name, *e.aliases)}
    monkeypatch.setattr(resolve_mod, "registry_index", lambda: index)
    text = f"The project is financed under the {mention} this year."
    ext = Resolver().resolve(_doc(text, "f.txt"), text, RawExtraction(mentions=[_mention(text, mention, PROG)]))
    assert [e.name for e in ext.entities] == [expected]


def _national_registry(monkeypatch):
    import ecograph.ingest.resolve as resolve_mod
    from ecograph.ingest.registry import KnownEntity
    from ecograph.ids import norm
    entries = [KnownEntity("Ministry of Scientific Research", "Organisation", "government", "Morocco",
                           ("Moroccan Ministry of Scientific Research", "Ministry of Scientific Research and Arts"))]
    index = {norm(n): e for e in entries for n in (e.name, *e.aliases)}
    monkeypatch.setattr(resolve_mod, "registry_index", lambda: index)


def _places_doc(r: Resolver, body: str, places: list[str], source: str):
    """One document naming a body and some places; the resolved entities, learnt by `r`."""
    text = f"The {body} met. " + " ".join(f"It went to {p}." for p in places)
    ms = [_mention(text, body, ORG)] + [_mention(text, p, "Place", text.index("went to " + p)) for p in places]
    ext = r.resolve(_doc(text, source), text, RawExtraction(mentions=ms))
    r.learn(ext)
    return [e for e in ext.entities if e.label == ORG]


@pytest.mark.parametrize("docs,bodies", [
    # a ministry named without its country is the ministry of the country the document is in …
    ([("Ministry of Scientific Research", ["Lebanon", "Beirut"]), ("Ministry of Scientific Research", ["Morocco"])], 2),
    ([("Ministry of Scientific Research", ["Morocco"]), ("Ministry of Scientific Research", ["Lebanon"]),
      ("Ministry of Scientific Research", ["Lebanon"])], 2),
    ([("ministère de la Recherche Scientifique", ["Algeria"]),
      ("ministère de la Recherche Scientifique", ["Morocco"])], 2),
    # … the registry's in its language variant, when that is the document's country
    ([("ministère de la Recherche Scientifique", ["Morocco"]), ("Ministry of Scientific Research", ["Morocco"])], 1),
    # … and the known one where the document names no country, or names the known one's too
    ([("Ministry of Scientific Research", []), ("Ministry of Scientific Research", ["Morocco"])], 1),
    ([("Ministry of Scientific Research", ["Lebanon", "Morocco"]),
      ("Ministry of Scientific Research", ["Morocco"])], 1),
    ([("Ministry of Scientific Research", ["Lebanon", "Beirut", "Morocco"]),
      ("Ministry of Scientific Research", ["Morocco"])], 1),
    # the same country's body whose name goes on from this one's (one only)
    ([("ministère de la Recherche Scientifique et des Arts", ["Algeria"]),
      ("ministère de la Recherche Scientifique", ["Algeria", "Oran"])], 1),
    ([("ministère de la Recherche Scientifique et des Arts", ["Algeria"]),
      ("ministère de la Recherche Scientifique et des Mines", ["Algeria"]),
      ("ministère de la Recherche Scientifique", ["Algeria", "Oran"])], 3),
    ([("ministère de la Recherche Scientifique", ["Algeria", "Oran"]),
      ("ministère de la Recherche Scientifique et des Arts", ["Algeria"])], 1),
    ([("ministère de la Recherche Scientifique et des Arts", ["Tunisia"]),
      ("ministère de la Recherche Scientifique", ["Algeria", "Oran"])], 2),
    # a known body keeps its country after a second document names it
    ([("Ministry of Scientific Research", ["Morocco"]), ("Ministry of Scientific Research", ["Morocco"]),
      ("ministère de la Recherche Scientifique", ["Algeria"])], 2),
    # a page about several countries is in none of them
    ([("Ministry of Scientific Research", ["Algeria", "Tunisia", "Lebanon", "Egypt"]),
      ("Ministry of Scientific Research", ["Morocco"])], 1),
])
def test_a_national_body_named_without_its_country_is_the_documents_country(monkeypatch, docs, bodies):
    _national_registry(monkeypatch)
    r, ids = Resolver(), set()
    for i, (body, places) in enumerate(docs):
        ids |= {e.id for e in _places_doc(r, body, places, f"n{i}.txt")}
    assert len(ids) == bodies, [(r.entities[i].name, r.entities[i].country) for i in ids]


def test_a_national_body_of_another_country_is_named_with_it(monkeypatch):
    _national_registry(monkeypatch)
    r = Resolver()
    (lebanese,) = _places_doc(r, "Ministry of Scientific Research", ["Lebanon"], "l.txt")
    assert (lebanese.name, lebanese.country) == ("Lebanese Ministry of Scientific Research", "Lebanon")
    assert "Ministry of Scientific Research" in lebanese.aliases
    (moroccan,) = _places_doc(r, "Ministry of Scientific Research", ["Morocco"], "m.txt")
    assert (moroccan.name, moroccan.country) == ("Ministry of Scientific Research", "Morocco")
    (algerian,) = _places_doc(r, "ministère de la Recherche Scientifique", ["Algeria"], "a.txt")
    assert (algerian.name, algerian.country) == ("ministère de la Recherche Scientifique", "Algeria")  # (no namesake)


@pytest.mark.parametrize("name,country,expected", [
    ("Ministry of Scientific Research", "Lebanon", "Lebanese Ministry of Scientific Research"),
    ("ministère de la Recherche Scientifique", "Algeria", "ministère algérien de la Recherche Scientifique"),
    ("Agence de la Recherche Scientifique", "Algeria", "Agence de la Recherche Scientifique (Algeria)"),
])
def test_a_national_body_is_named_with_its_country_as_pages_write_it(name, country, expected):
    from ecograph.ingest.national_bodies import named_for
    assert named_for(name, country) == expected


def test_a_bare_head_of_another_page_is_a_placed_body_only_where_the_page_names_the_place():
    """'the Technopark' of a page about Sousse is the Technopark Sousse another page named; on a page that
    names no place of it, it is that page's own one."""
    r, ids = Resolver(), []
    pages = [("Technopark Sousse opened; the Technopark hosts ten firms.", [("Technopark Sousse", ORG),
                                                                           ("Technopark", ORG)]),
             ("The Technopark signed with the capital's university.", [("Technopark", ORG)]),
             ("In Sousse, the Technopark grew.", [("Sousse", "Place"), ("Technopark", ORG)])]
    for i, (text, names) in enumerate(pages):
        ms, pos = [], 0
        for n, label in names:
            ms.append(_mention(text, n, label, pos))
            pos = ms[-1].end
        ext = r.resolve(_doc(text, f"b{i}.txt"), text, RawExtraction(mentions=ms))
        r.learn(ext)
        ids.append(next(e.id for e in ext.entities if e.label == ORG and "Technopark" in (e.name, *e.aliases)))
    assert ids[0] == ids[2] and ids[1] != ids[0]


@pytest.mark.parametrize("text,bodies", [
    ("Le Pôle de Kelvo (SPK) recrute. La SPK est une société privée.", 2),
    ("The Orvalis Park (SPK) grew; its management company, SPK, hired.", 2),
    ("Le Pôle de Kelvo (SPK) recrute. Le SPK est un pôle.", 1),
])
def test_a_bracketed_acronym_the_page_calls_a_company_is_the_company(text, bodies):
    """'X (ACR)' and, elsewhere, « la ACR est une société »: the acronym is X's management company, not X."""
    long_ = text.split(" (")[0].split(" ", 1)[1]
    i = text.index(long_)
    ms = [Mention(text=long_, start=i, end=i + len(long_), label=ORG, aliases=["SPK"]),
          Mention(text="SPK", start=text.rindex("SPK"), end=text.rindex("SPK") + 3, label=ORG)]
    ext = Resolver().resolve(_doc(text, "c.txt"), text, RawExtraction(mentions=ms))
    assert len(ext.entities) == bodies, [(e.name, e.aliases) for e in ext.entities]


@pytest.mark.parametrize("text,bodies", [
    ("Funded through KVO ZEPH program. Eligible as per KVOZEPH criteria.", 2),
    ("Funded by KVO and ZEPH program. Eligible as per KVOZEPH criteria.", 3),
])
def test_a_programme_glued_to_its_owners_name_is_the_programme(text, bodies):
    """'KVO ZEPH program' then 'KVOZEPH': the programme ZEPH named with its owner KVO, glued into one word."""
    ms = [_mention(text, "KVO", ORG), _mention(text, "ZEPH", PROG), _mention(text, "KVOZEPH", ORG)]
    ext = Resolver().resolve(_doc(text, "g.txt"), text, RawExtraction(mentions=ms))
    assert len(ext.entities) == bodies, [(e.name, e.aliases) for e in ext.entities]


@pytest.mark.parametrize("names,context,kind", [
    # the word 'Initiative' alone makes no policy: a named initiative is a programme
    (["Kelvo Weaving Investment Initiative", "KWII"], None, "programme"),
    (["Orvalis Meta-Looms Initiative"], "project", "project"),
    # … unless it is a nation's, or another word of the name says policy
    (["Initiative Maroc Tissage"], None, "policy"),
    (["National Initiative for Kelvo Weaving"], None, "policy"),
    (["Kelvo Weaving Strategy Initiative"], None, "policy"),
    (["Orvalis Weaving Plan"], None, "policy"),
])
def test_an_initiative_is_a_programme_unless_a_policy_word_says_more(names, context, kind):
    text = " ; ".join(names) + "."
    ms, pos = [], 0
    for n in names:
        ms.append(_mention(text, n, PROG, pos))
        ms[-1].kind = context
        pos = ms[-1].end
    ext = Resolver().resolve(_doc(text, "i.txt"), text, RawExtraction(mentions=ms))
    assert [e.kind for e in ext.entities] == [kind]


def test_initials_that_fit_two_long_names_join_neither():
    text = "Kelvo Technology Centre and Kelvo Textile Cluster met; Kelvo TC hosted them."
    names = ("Kelvo Technology Centre", "Kelvo Textile Cluster", "Kelvo TC")
    ms, end = [], 0
    for n in names:
        ms.append(_mention(text, n, ORG, end))
        end = ms[-1].end
    ext = Resolver().resolve(_doc(text, "one.txt"), text, RawExtraction(mentions=ms))
    assert len({e.id for e in ext.entities}) == 3


@pytest.mark.parametrize("text,short,long_,same", [
    ("The fund works with Malta’s Kelvo Youth Foundation. The Malta Kelvo Youth Foundation trains people.",
     "Kelvo Youth Foundation", "Malta Kelvo Youth Foundation", True),
    ("The fund works with Tunisia's Kelvo Youth Foundation. The Jordan Kelvo Youth Foundation trains people.",
     "Kelvo Youth Foundation", "Jordan Kelvo Youth Foundation", False),
])
def test_a_possessive_place_names_the_long_form(text, short, long_, same):
    ms = [_mention(text, short, ORG)]
    ms.append(_mention(text, long_, ORG, ms[0].end))
    ext = Resolver().resolve(_doc(text, "one.txt"), text, RawExtraction(mentions=ms))
    assert (len({e.id for e in ext.entities}) == 1) == same
