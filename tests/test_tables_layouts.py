"""Flattened tables of clusters in other layouts: narrow members cells, other column orders, French
headers, with and without a year column. Every table here is invented; each one is given as the
text a PDF-to-text tool writes and the (cluster, member) / (cluster, place) / (cluster, sector)
triples a reader gets from it."""
from __future__ import annotations

import pytest

from ecograph.ingest.tables import extract_structured, table_spans

from test_tables import check_evidence, flat, pairs, triples


def got(raw):
    """{type: pairs}, MEMBER_OF as (cluster, member), the others as (cluster, place or sector)."""
    t = triples(raw)
    return {"MEMBER_OF": {(o, s) for k, s, o in t if k == "MEMBER_OF"},
            "LOCATED_IN": {(s, o) for k, s, o in t if k == "LOCATED_IN"},
            "ACTIVE_IN": {(s, o) for k, s, o in t if k == "ACTIVE_IN"}}


# --- 3. a narrow table: every cell a column of about twenty characters -------------------------

NARROW_EN = flat(
    "Table 2. Clusters visited in Tunisia",
    "Cluster / year of",
    "creation",
    "Sector Members Region",
    "Sfax Olive",
    "Oil Cluster / 2012",
    "Olive oil",
    "Zitouna Mills,",
    "Kerkennah Press",
    "Company, Sfax",
    "University",
    "Sfax",
    "Kelibia Fishing",
    "Cluster / 2019",
    "Seafood",
    "Cap Bon Fisheries,",
    "Sidi Daoud Cold",
    "Storage Ltd, Higher",
    "Institute of",
    "Marine Studies",
    "El Haouaria",
    "Sousse Tourism",
    "Cluster / 2011",
    "Tourism",
    "Sahel Hotels Group,",
    "Marina Travel,",
    "Ibn Khaldoun",
    "Business School,",
    "Sahel Institute of",
    "Science and",
    "Technology",
    "Sousse",
    "Source: fieldwork.",
)


def test_narrow_table_members_wrap_across_lines():
    g = got(extract_structured(NARROW_EN, "en"))
    assert g["MEMBER_OF"] == pairs(
        ("Sfax Olive Oil Cluster", "Zitouna Mills"), ("Sfax Olive Oil Cluster", "Kerkennah Press Company"),
        ("Sfax Olive Oil Cluster", "Sfax University"),
        ("Kelibia Fishing Cluster", "Cap Bon Fisheries"), ("Kelibia Fishing Cluster", "Sidi Daoud Cold Storage Ltd"),
        ("Kelibia Fishing Cluster", "Higher Institute of Marine Studies"),
        ("Sousse Tourism Cluster", "Sahel Hotels Group"), ("Sousse Tourism Cluster", "Marina Travel"),
        ("Sousse Tourism Cluster", "Ibn Khaldoun Business School"),
        ("Sousse Tourism Cluster", "Sahel Institute of Science and Technology"))


def test_narrow_table_cut_does_not_depend_on_the_gazetteer(monkeypatch):
    """With no place known at all, the region cells are still told from the members by their form."""
    from ecograph.ingest import tables_lines
    monkeypatch.setattr(tables_lines, "place_tokens", lambda: frozenset())
    monkeypatch.setattr(tables_lines, "place_like", lambda text: False)
    monkeypatch.setattr(tables_lines, "_only_country", lambda text: False)
    blind = got(extract_structured(NARROW_EN, "en"))["MEMBER_OF"]
    monkeypatch.undo()
    assert blind == got(extract_structured(NARROW_EN, "en"))["MEMBER_OF"]


def test_narrow_table_region_and_sector_cells():
    g = got(extract_structured(NARROW_EN, "en"))
    # El Haouaria is no gazetteer place: the cell is still cut off as the region (so no member either),
    # but gives no place edge
    assert g["LOCATED_IN"] == pairs(("Sfax Olive Oil Cluster", "Sfax"), ("Sousse Tourism Cluster", "Sousse"))
    assert g["ACTIVE_IN"] == pairs(("Sfax Olive Oil Cluster", "Olive oil"),
                                   ("Kelibia Fishing Cluster", "Seafood products"),
                                   ("Sousse Tourism Cluster", "Tourism"))


def test_narrow_table_years_and_evidence():
    raw = extract_structured(NARROW_EN, "en")
    years = {m.text: m.founded for m in raw.mentions if m.kind == "cluster"}
    assert years == {"Sfax Olive Oil Cluster": 2012, "Kelibia Fishing Cluster": 2019, "Sousse Tourism Cluster": 2011}
    check_evidence(NARROW_EN, raw)
    (a, z), = table_spans(NARROW_EN)
    assert NARROW_EN[a:z].startswith("Cluster / year of") and NARROW_EN[a:z].rstrip().endswith("Sousse")


# --- 4. French headers, narrow cells, the name broken over three lines ---------------------------

NARROW_FR = flat(
    "Tableau 3. Pôles de compétitivité étudiés",
    "Pôle / année de",
    "création",
    "Secteur",
    "Membres",
    "Région",
    "Pôle Textile",
    "de Monastir /",
    "2010",
    "Textile",
    "Filature du",
    "Sahel, Tissages",
    "Ksar Hellal,",
    "Institut",
    "Supérieur des",
    "Études Textiles",
    "Monastir",
    "Pôle",
    "Logistique de",
    "Bizerte / 2014",
    "Logistique",
    "Transports",
    "Menzel SA, Port",
    "de Bizerte,",
    "Chambre de",
    "Commerce du Nord",
    "Bizerte",
    "Source : auteurs",
)


def test_french_narrow_table():
    raw = extract_structured(NARROW_FR, "fr")
    g = got(raw)
    assert g["MEMBER_OF"] == pairs(
        ("Pôle Textile de Monastir", "Filature du Sahel"), ("Pôle Textile de Monastir", "Tissages Ksar Hellal"),
        ("Pôle Textile de Monastir", "Institut Supérieur des Études Textiles"),
        ("Pôle Logistique de Bizerte", "Transports Menzel SA"), ("Pôle Logistique de Bizerte", "Port de Bizerte"),
        ("Pôle Logistique de Bizerte", "Chambre de Commerce du Nord"))
    assert g["LOCATED_IN"] == pairs(("Pôle Textile de Monastir", "Monastir"), ("Pôle Logistique de Bizerte", "Bizerte"))
    assert g["ACTIVE_IN"] == pairs(("Pôle Textile de Monastir", "Textile"), ("Pôle Logistique de Bizerte", "Logistics"))
    check_evidence(NARROW_FR, raw)


# --- 5. another column order, no year column, a wide members column ------------------------------

WIDE_NO_YEAR = flat(
    "Table 5. Port clusters of the western basin",
    "Name Region Sector Members",
    "Oran Logistics",
    "Cluster (OLC)",
    "Oran",
    "Logistics",
    "Port of Oran Authority; Sahel Freight Lines; Atlas Cold Chain; West",
    "Rail Services and the University of Oran Es-Senia.",
    "Naples Aerospace",
    "Cluster",
    "Naples",
    "Aeronautics",
    "Vesuvio Avionics, Partenope Composites, Federico II University,",
    "Campania Space Lab and twelve SMEs.",
    "Valencia Ceramics",
    "Cluster (VCC)",
    "Valencia",
    "Construction",
    "Azulejos Turia; Castellon Glaze Works; Institute of Ceramic",
    "Technology.",
    "Source: cluster websites",
)


def test_other_column_order_without_year():
    raw = extract_structured(WIDE_NO_YEAR, "en")
    g = got(raw)
    assert g["MEMBER_OF"] == pairs(
        ("Oran Logistics Cluster", "Port of Oran Authority"), ("Oran Logistics Cluster", "Sahel Freight Lines"),
        ("Oran Logistics Cluster", "Atlas Cold Chain"), ("Oran Logistics Cluster", "West Rail Services"),
        ("Oran Logistics Cluster", "University of Oran Es-Senia"),
        ("Naples Aerospace Cluster", "Vesuvio Avionics"), ("Naples Aerospace Cluster", "Partenope Composites"),
        ("Naples Aerospace Cluster", "Federico II University"), ("Naples Aerospace Cluster", "Campania Space Lab"),
        ("Valencia Ceramics Cluster", "Azulejos Turia"), ("Valencia Ceramics Cluster", "Castellon Glaze Works"),
        ("Valencia Ceramics Cluster", "Institute of Ceramic Technology"))
    assert g["LOCATED_IN"] == pairs(("Oran Logistics Cluster", "Oran"), ("Naples Aerospace Cluster", "Naples"),
                                    ("Valencia Ceramics Cluster", "Valencia"))
    assert g["ACTIVE_IN"] == pairs(("Oran Logistics Cluster", "Logistics"), ("Naples Aerospace Cluster", "Aeronautics"),
                                   ("Valencia Ceramics Cluster", "Construction"))
    aliases = {m.text: m.aliases for m in raw.mentions if m.kind == "cluster"}
    assert aliases["Oran Logistics Cluster"] == ["OLC"] and aliases["Valencia Ceramics Cluster"] == ["VCC"]
    check_evidence(WIDE_NO_YEAR, raw)


# --- 6. narrow, no year, region before the members, the year as a column of its own --------------

NARROW_YEAR_COLUMN = flat(
    "Cluster",
    "Region",
    "Year",
    "Sector",
    "Members",
    "Tripoli Food",
    "Cluster",
    "Tripoli",
    "2013",
    "Agri-food",
    "Mina Canneries,",
    "Qalamoun",
    "Bakeries, North",
    "Chamber of",
    "Commerce",
    "Athens Pharma",
    "Cluster",
    "Athens",
    "2017",
    "Pharmaceuticals",
    "Attica Labs,",
    "Pireaus Generics",
    "Ltd",
    "Notes: survey 2023.",
)


def test_year_as_its_own_column():
    raw = extract_structured(NARROW_YEAR_COLUMN, "en")
    g = got(raw)
    assert g["MEMBER_OF"] == pairs(
        ("Tripoli Food Cluster", "Mina Canneries"), ("Tripoli Food Cluster", "Qalamoun Bakeries"),
        ("Tripoli Food Cluster", "North Chamber of Commerce"),
        ("Athens Pharma Cluster", "Attica Labs"), ("Athens Pharma Cluster", "Pireaus Generics Ltd"))
    assert g["LOCATED_IN"] == pairs(("Tripoli Food Cluster", "Tripoli"), ("Athens Pharma Cluster", "Athens"))
    assert g["ACTIVE_IN"] == pairs(("Tripoli Food Cluster", "Agri-food"), ("Athens Pharma Cluster", "Pharmaceuticals"))
    years = {m.text: m.founded for m in raw.mentions if m.kind == "cluster"}
    assert years == {"Tripoli Food Cluster": 2013, "Athens Pharma Cluster": 2017}


# --- negatives -------------------------------------------------------------------------------------

PROSE = (
    "Cluster members and region\n\n"
    "The members of the Sfax Olive Oil Cluster are mostly small mills located in the region of Sfax, and\n"
    "the cluster was created in 2012 with the support of the Ministry of Industry. Members meet each month\n"
    "to discuss exports, and the region hosts the annual olive oil fair. Zitouna Mills, Kerkennah Press\n"
    "Company and Sfax University take part in the Cluster board, according to interviews.\n"
)

SHORT_PROSE = flat(
    "Cluster / year of creation",
    "Sector Members Region",
    "The cluster grew",
    "quickly after 2015.",
    "its members meet in",
    "the region every",
    "month, with Sfax",
    "University and",
    "Zitouna Mills.",
)


@pytest.mark.parametrize("text", [PROSE, SHORT_PROSE])
def test_running_text_under_a_header_like_line_is_no_table(text):
    raw = extract_structured(text, "en")
    assert not [c for c in raw.candidates if c.method.startswith("table") or c.method == "member-table"]


def test_narrow_layout_reads_the_same_with_single_newlines():
    one = got(extract_structured(NARROW_EN.replace(" \n\n", "\n"), "en"))
    two = got(extract_structured(NARROW_EN, "en"))
    assert one == two
