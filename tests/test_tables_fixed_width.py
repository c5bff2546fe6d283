"""Fixed-width layout tables (cells side by side in aligned columns, as `pdftotext -layout` writes
them): wrapped names and cells, English and French headers, with and without a year column, funders
and support columns. Every table, cluster and company here is invented."""
from __future__ import annotations

import re

import pytest

from ecograph.ids import norm
from ecograph.ingest.tables import extract_structured, table_spans
from ecograph.ingest.tables_layout import find_layout_tables

from test_tables import pairs, triples

METHODS = {"member-table", "table-region", "table-sector", "table-funds", "table-support", "table-supported-by"}


def edges(raw, type_):
    return {(s, o) for _, s, o in triples(raw, type_)}


def check_rows(text, raw):
    """Each edge cites its whole table row: the evidence is a run of whole lines, starting where the
    row's first line starts; both ends of the edge are named inside it."""
    assert raw.candidates
    for c in raw.candidates:
        assert c.method in METHODS and 0 < c.confidence <= 1
        ev = text[c.start:c.end]
        assert ev == ev.strip() and (c.start == 0 or text[c.start - 1] in " \n")
        assert c.end == len(text) or text[c.end] in " \n"
        for m in (c.source, c.target):
            assert c.start <= m.start < m.end <= c.end
            # a wrapped name is anchored on its first line piece, which its text starts with
            assert re.sub(r"\s+", " ", m.text).startswith(re.sub(r"\s+", " ", text[m.start:m.end]).rstrip("-"))


# --- an English table with a year column: wrapped names, funders and members ------------------

EN = """Table 5. Profile of the surveyed clusters
-------------------------------------------------------------------------------------------
Cluster                 Country    Est.   Sector          Main funders        Anchor members
-------------------------------------------------------------------------------------------
Corinth Citrus          Greece     2014   Agri-food       European Union,     Isthmos Juices,
Cluster (CCC)                                             Region of           Nemea Cold Chain SA,
                                                          Peloponnese         Kiato Packaging
Gabes Green Hydrogen    Tunisia    2021   Renewable       KfW, African        Chott Electrolysers,
Cluster (GGHC)                            energy          Development Bank    Zarat Pipes, Higher
                                                                              Institute of Applied
                                                                              Chemistry
Adana Cotton Textile    Turkey     2009   Textile         Cukurova            Seyhan Weaving,
Cluster                                                   Development Agency  Misis Dyehouse
-------------------------------------------------------------------------------------------
Source: regional cluster survey, 2023.

The three clusters differ in size and in the services they offer to their members.
"""


@pytest.fixture(scope="module")
def en():
    return extract_structured(EN, "en")


def test_layout_table_members_funders_and_wrapped_cells(en):
    """The second line of the first row ("Cluster (CCC)", "Region of", a member) reads almost like
    a header line: it is a continuation line all the same."""
    assert edges(en, "MEMBER_OF") == pairs(
        ("Isthmos Juices", "Corinth Citrus Cluster"), ("Nemea Cold Chain SA", "Corinth Citrus Cluster"),
        ("Kiato Packaging", "Corinth Citrus Cluster"), ("Chott Electrolysers", "Gabes Green Hydrogen Cluster"),
        ("Zarat Pipes", "Gabes Green Hydrogen Cluster"),
        ("Higher Institute of Applied Chemistry", "Gabes Green Hydrogen Cluster"),
        ("Seyhan Weaving", "Adana Cotton Textile Cluster"), ("Misis Dyehouse", "Adana Cotton Textile Cluster"))
    assert edges(en, "FUNDS") == pairs(
        ("European Union", "Corinth Citrus Cluster"),
        ("Region of Peloponnese", "Corinth Citrus Cluster"),
        ("KfW", "Gabes Green Hydrogen Cluster"), ("African Development Bank", "Gabes Green Hydrogen Cluster"),
        ("Cukurova Development Agency", "Adana Cotton Textile Cluster"))
    check_rows(EN, en)


def test_layout_table_name_alias_year_place_sector(en):
    clusters = {m.text: m for m in en.mentions if m.kind == "cluster"}
    assert set(clusters) == {"Corinth Citrus Cluster", "Gabes Green Hydrogen Cluster",
                             "Adana Cotton Textile Cluster"}
    assert clusters["Corinth Citrus Cluster"].aliases == ["CCC"]
    assert clusters["Gabes Green Hydrogen Cluster"].founded == 2021
    assert clusters["Adana Cotton Textile Cluster"].aliases == []
    assert edges(en, "LOCATED_IN") == pairs(("Corinth Citrus Cluster", "Greece"),
                                            ("Gabes Green Hydrogen Cluster", "Tunisia"),
                                            ("Adana Cotton Textile Cluster", "Turkey"))
    act = edges(en, "ACTIVE_IN")
    assert (norm("Gabes Green Hydrogen Cluster"), norm("Renewable energy")) in act   # "Renewable" / "energy"
    assert (norm("Corinth Citrus Cluster"), norm("Agri-food")) in act


def test_layout_table_evidence_is_the_row(en):
    c = next(c for c in en.candidates if c.type == "MEMBER_OF" and c.source.text == "Higher Institute of Applied Chemistry")
    ev = EN[c.start:c.end]
    assert ev.startswith("Gabes Green Hydrogen") and ev.endswith("Chemistry")
    assert "Adana" not in ev and "Corinth" not in ev
    # the caption, the source note and the prose after the table give nothing
    names = {norm(m.text) for m in en.mentions}
    assert norm("Source") not in names and not any("survey" in n for n in names)


def test_layout_table_spans_and_no_double_reading(en):
    (a, z), = table_spans(EN)
    assert EN[a:z].startswith("Cluster") and EN[a:z].endswith("Misis Dyehouse")
    # each edge once: the flattened-table reader does not read the same header again
    keys = [(c.type, c.source.text, c.target.text) for c in en.candidates]
    assert len(keys) == len(set(keys))


# --- a French table without a year column; names wrap after "de" ------------------------------

FR = """Tableau 3 : Les pôles de la région

Pôle                        Pays       Filière            Financeurs             Membres
Pôle Halieutique de         Maroc      Produits de la     Agence de              Conserverie Safi Atlantique,
l'Atlantique Sud (PHAS)                mer                Développement du Sud   Pêcheries Tiznit SA, Institut
                                                                                 Supérieur des Pêches
Cluster des Matériaux       Algérie    Matériaux de       Banque Africaine de    Briqueterie Sétif, Ciments
Verts de Sétif                         construction       Développement          du Hodna
Technopôle Textile          Tunisie    Textile            Autofinancement        Tissages Ksar Hellal,
Monastir                                                                         Bonneterie Moknine

Source : enquête des auteurs, 2022.
"""


def test_french_layout_table_without_year():
    raw = extract_structured(FR, "fr")
    assert edges(raw, "MEMBER_OF") == pairs(
        ("Conserverie Safi Atlantique", "Pôle Halieutique de l'Atlantique Sud"),
        ("Pêcheries Tiznit SA", "Pôle Halieutique de l'Atlantique Sud"),
        ("Institut Supérieur des Pêches", "Pôle Halieutique de l'Atlantique Sud"),
        ("Briqueterie Sétif", "Cluster des Matériaux Verts de Sétif"),
        ("Ciments du Hodna", "Cluster des Matériaux Verts de Sétif"),
        ("Tissages Ksar Hellal", "Technopôle Textile Monastir"), ("Bonneterie Moknine", "Technopôle Textile Monastir"))
    # "Autofinancement" describes the funding, it names no funder
    assert edges(raw, "FUNDS") == pairs(
        ("Agence de Développement du Sud", "Pôle Halieutique de l'Atlantique Sud"),
        ("Banque Africaine de Développement", "Cluster des Matériaux Verts de Sétif"))
    assert (norm("Cluster des Matériaux Verts de Sétif"), norm("Algeria")) in edges(raw, "LOCATED_IN")
    phas = next(m for m in raw.mentions if m.text == "Pôle Halieutique de l'Atlantique Sud")
    assert phas.aliases == ["PHAS"] and phas.founded is None and phas.kind == "cluster"
    check_rows(FR, raw)


# --- blank lines between rows, an indented table, a support column, a centred header -----------

SUPPORT = """The clusters and the organisations that accompany them are listed below.

   Cluster name              Region        Support organisations          Members

   Nile Delta Leather        Egypt         Egyptian Leather Export        Tanta Tanneries,
                                           Council, Mansoura Business     Zagazig Shoes
                                           Incubator

   Bekaa Seed Growers        Lebanon       Rural Innovation Foundation    Zahle Seed Co,
   Network                                                                Anjar Nurseries,
                                                                          Baalbek Agronomy Lab

   Aqaba Logistics           Jordan        Southern Ports Academy         Red Sea Freight,
   Cluster (ALC)                                                          Wadi Rum Haulage

After the list, running text goes on about the way these clusters were selected for the survey, and
the paragraph is long enough to cross every column of the table above it.
"""


def test_blank_separated_rows_and_support_column():
    raw = extract_structured(SUPPORT, "en")
    assert edges(raw, "SUPPORTS") == pairs(
        ("Egyptian Leather Export Council", "Nile Delta Leather"), ("Mansoura Business Incubator", "Nile Delta Leather"),
        ("Rural Innovation Foundation", "Bekaa Seed Growers Network"), ("Southern Ports Academy", "Aqaba Logistics Cluster"))
    assert edges(raw, "MEMBER_OF") == pairs(
        ("Tanta Tanneries", "Nile Delta Leather"), ("Zagazig Shoes", "Nile Delta Leather"),
        ("Zahle Seed Co", "Bekaa Seed Growers Network"), ("Anjar Nurseries", "Bekaa Seed Growers Network"),
        ("Baalbek Agronomy Lab", "Bekaa Seed Growers Network"), ("Red Sea Freight", "Aqaba Logistics Cluster"),
        ("Wadi Rum Haulage", "Aqaba Logistics Cluster"))
    assert not edges(raw, "FUNDS")
    check_rows(SUPPORT, raw)


CENTRED = """Cluster               Country        Funding          Members
Oran Plastics Pole    Algeria     Ministry of       Hassi Polymers,
                                  Industry          Arzew Moulding
Kairouan Wool         Tunisia     Tunisian Textile  Sbikha Carding,
Cluster                           Federation        Haffouz Yarns
"""


def test_header_centred_over_its_column():
    """'Funding' is printed to the right of where its cells start: the cells, not the header, say
    where the column starts."""
    raw = extract_structured(CENTRED, "en")
    assert edges(raw, "FUNDS") == pairs(("Ministry of Industry", "Oran Plastics Pole"),
                                        ("Tunisian Textile Federation", "Kairouan Wool Cluster"))
    assert (norm("Sbikha Carding"), norm("Kairouan Wool Cluster")) in edges(raw, "MEMBER_OF")


# --- a two-line header and a page break that repeats it ----------------------------------------

PAGED = """Cluster                Year of     Sector        Main         Members
                       creation                  funders
Setif Agro Cluster     2013        Agri-food     Wilaya of    Hodna Mills, Ain
                                                 Setif        Oulmene Dairy
Bejaia Port Services   2018        Logistics     Port of      Soummam Freight,
Cluster                                          Bejaia       Kabylie Cranes

                                                                                 12
\f
Cluster                Year of     Sector        Main         Members
                       creation                  funders
Annaba Steel           2011        Metallurgy    Sider        El Hadjar Forge,
Cluster                                          Group        Seraidi Tubes,
                                                              Edough Castings
"""


def test_two_line_header_and_repeated_header_after_page_break():
    raw = extract_structured(PAGED, "en")
    founded = {m.text: m.founded for m in raw.mentions if m.kind == "cluster"}
    assert founded == {"Setif Agro Cluster": 2013, "Bejaia Port Services Cluster": 2018, "Annaba Steel Cluster": 2011}
    assert edges(raw, "FUNDS") == pairs(("Wilaya of Setif", "Setif Agro Cluster"),
                                        ("Port of Bejaia", "Bejaia Port Services Cluster"),
                                        ("Sider Group", "Annaba Steel Cluster"))
    assert edges(raw, "MEMBER_OF") == pairs(
        ("Hodna Mills", "Setif Agro Cluster"), ("Ain Oulmene Dairy", "Setif Agro Cluster"),
        ("Soummam Freight", "Bejaia Port Services Cluster"), ("Kabylie Cranes", "Bejaia Port Services Cluster"),
        ("El Hadjar Forge", "Annaba Steel Cluster"), ("Seraidi Tubes", "Annaba Steel Cluster"),
        ("Edough Castings", "Annaba Steel Cluster"))
    # the header words are no cells, the page number no sector
    assert not any(m.text in ("creation", "funders", "12") for m in raw.mentions)
    check_rows(PAGED, raw)


def test_capitalised_sector_wrap_stays_in_its_row():
    """A sector cell going on with a capital ("Medical" / "Devices") under a year column: a line
    without a year is no new row."""
    text = ("Cluster               Country   Est.   Sector      Members\n"
            "Sousse Health Tech    Tunisia   2016   Medical     Sahel Implants,\n"
            "Cluster                                Devices     Hammam Sousse Optics\n"
            "Tetouan Design Hub    Morocco   2019   Furniture   Martil Woodworks\n")
    (t,) = find_layout_tables(text)
    assert len(t.rows) == 2
    raw = extract_structured(text, "en")
    assert (norm("Hammam Sousse Optics"), norm("Sousse Health Tech Cluster")) in edges(raw, "MEMBER_OF")


# --- what gives nothing -------------------------------------------------------------------------

def test_aligned_prose_and_tables_of_numbers_give_nothing():
    two_columns = ("The cluster was founded in 2012 by     Members meet twice a year in the\n"
                   "a group of local companies that        cluster house, where the board\n"
                   "wanted to share training costs.        reviews the funders' reports.\n")
    numbers = ("Cluster     Members     Jobs\n"
               "Alpha       45          1200\n"
               "Beta        12          300\n")
    no_name = ("Year     Members     Funders     Jobs\n"
               "2019     40          3           1100\n"
               "2020     52          4           1350\n")
    for text in (two_columns, numbers, no_name):
        raw = extract_structured(text, "en")
        assert raw.candidates == [] and raw.mentions == []


def test_heading_after_a_table_is_no_row():
    text = ("Cluster              Country    Members\n"
            "Lattakia Olive Hub   Syria      Jableh Presses, Banias Oils\n"
            "\n"
            "4. Discussion\n"
            "\n"
            "The survey shows that the clusters are small, and that their members are mostly family firms.\n")
    raw = extract_structured(text, "en")
    assert {s for s, _ in edges(raw, "MEMBER_OF")} == {norm("Jableh Presses"), norm("Banias Oils")}
    assert not any("Discussion" in m.text for m in raw.mentions)


# --- other ways of writing the cells ----------------------------------------------------------------

def test_one_name_per_line_cells():
    """No comma anywhere in the column: each line of a list cell is a name, unless the line below
    starts with a word that closes a name ("Company") or the column width forced the break."""
    text = ("Cluster               Country    Funders          Members\n"
            "Byblos Wine Cluster   Lebanon    Cedar Rural      Batroun Cellars\n"
            "                                 Agency           Jbeil Vineyards SAL\n"
            "                                                  Amchit Bottling\n"
            "Zarqa Garment Hub     Jordan     Jordan Export    Hashemite Textile Mills\n"
            "                                 Council          Company\n")
    raw = extract_structured(text, "en")
    assert edges(raw, "MEMBER_OF") == pairs(
        ("Batroun Cellars", "Byblos Wine Cluster"), ("Jbeil Vineyards SAL", "Byblos Wine Cluster"),
        ("Amchit Bottling", "Byblos Wine Cluster"), ("Hashemite Textile Mills Company", "Zarqa Garment Hub"))
    # "Agency" closes the name above; "Jordan Export" + "Council" would not have fitted in the
    # funders column: one name wrapped each time
    assert edges(raw, "FUNDS") == pairs(("Cedar Rural Agency", "Byblos Wine Cluster"),
                                        ("Jordan Export Council", "Zarqa Garment Hub"))


def test_tab_separated_table():
    text = ("Cluster\tCountry\tSector\tMembers\n"
            "Sidon Soap Cluster\tLebanon\tCosmetics\tAudi Soap House, Khan Saboun SARL\n"
            "Tyre Fisheries Cluster (TFC)\tLebanon\tSeafood\tSour Nets, Rashidieh Boats\n")
    raw = extract_structured(text, "en")
    assert edges(raw, "MEMBER_OF") == pairs(
        ("Audi Soap House", "Sidon Soap Cluster"), ("Khan Saboun SARL", "Sidon Soap Cluster"),
        ("Sour Nets", "Tyre Fisheries Cluster"), ("Rashidieh Boats", "Tyre Fisheries Cluster"))
    assert (norm("Tyre Fisheries Cluster"), norm("Lebanon")) in edges(raw, "LOCATED_IN")
    check_rows(text, raw)


def test_cells_centred_in_their_rows():
    """The first body line has no name: the members cell starts above the name line, and its lines
    after the name belong to the row below from the first line that starts a list afresh."""
    text = ("Cluster              Country    Funders          Members\n"
            "                                                 Kelibia Nets,\n"
            "Nabeul Fishing       Tunisia    FIPA Tunisia     Haouaria Boats,\n"
            "Cluster                                          Menzel Temime Ice\n"
            "                                                 Korba Fish Meal,\n"
            "Bizerte Marine       Tunisia    Bizerte Port     Menzel Bourguiba\n"
            "Services Cluster                Authority        Shipyard\n")
    raw = extract_structured(text, "en")
    assert edges(raw, "MEMBER_OF") == pairs(
        ("Kelibia Nets", "Nabeul Fishing Cluster"), ("Haouaria Boats", "Nabeul Fishing Cluster"),
        ("Menzel Temime Ice", "Nabeul Fishing Cluster"), ("Korba Fish Meal", "Bizerte Marine Services Cluster"),
        ("Menzel Bourguiba Shipyard", "Bizerte Marine Services Cluster"))


def test_a_table_of_organisations_is_not_a_table_of_clusters():
    text = ("Organisation                 Country    Partners\n"
            "Gulf Logistics Institute     Egypt      Suez Canal Academy\n"
            "Sfax Export House            Tunisia    Sfax Chamber of Commerce\n")
    raw = extract_structured(text, "en")
    assert (norm("Suez Canal Academy"), norm("Gulf Logistics Institute")) in edges(raw, "SUPPORTS")
    assert not any(m.kind == "cluster" for m in raw.mentions)


def test_two_tables_one_after_the_other():
    text = ("Cluster              Country    Members\n"
            "Latakia Olive Hub    Syria      Jableh Presses, Banias Oils\n"
            "\n"
            "Cluster              Sector          Funders\n"
            "Hama Agro Cluster    Agri-food       Orontes Rural Bank\n")
    assert len(find_layout_tables(text)) == 2
    raw = extract_structured(text, "en")
    assert edges(raw, "FUNDS") == pairs(("Orontes Rural Bank", "Hama Agro Cluster"))
    assert edges(raw, "MEMBER_OF") == pairs(("Jableh Presses", "Latakia Olive Hub"), ("Banias Oils", "Latakia Olive Hub"))


def test_section_heading_rows_group_the_table():
    text = ("Cluster                    Est.    Members\n"
            "Greece\n"
            "Volos Metal Cluster        2012    Pagasae Steel, Argo Tubes\n"
            "Tunisia\n"
            "Bizerte Cables Cluster     2015    Menzel Wires, Utique\n"
            "                                   Harness SA\n")
    raw = extract_structured(text, "en")
    assert {m.text for m in raw.mentions if m.kind == "cluster"} == {"Volos Metal Cluster", "Bizerte Cables Cluster"}
    assert edges(raw, "MEMBER_OF") == pairs(
        ("Pagasae Steel", "Volos Metal Cluster"), ("Argo Tubes", "Volos Metal Cluster"),
        ("Menzel Wires", "Bizerte Cables Cluster"), ("Utique Harness SA", "Bizerte Cables Cluster"))
