"""Structured text (flattened tables, member lists) → candidates. All texts here are invented."""
from __future__ import annotations

import re

import pytest

from ecograph.ids import norm
from ecograph.ingest.tables import extract_structured


def flat(*lines: str) -> str:
    """Lines as a PDF-to-text tool writes a table: one cell line per text line, blank lines between."""
    return " \n\n".join(lines) + " \n"


def triples(raw, type_=None):
    out = set()
    for c in raw.candidates:
        if type_ and c.type != type_:
            continue
        out.add((c.type, norm(c.source.canonical or c.source.text), norm(c.target.canonical or c.target.text)))
    return out


def pairs(*items):
    """Expected (a, b) pairs, normalised as `triples` gives them."""
    return {(norm(a), norm(b)) for a, b in items}


def members_of(raw, target):
    return {s for t, s, o in triples(raw, "MEMBER_OF") if o == norm(target)}


def check_evidence(text, raw):
    """Evidence spans and mention spans point into the text; a member's span lies inside its evidence."""
    for c in raw.candidates:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end].strip()
        assert c.method in {"member-table", "member-list", "table-region", "table-sector", "table-supported-by"}
        assert 0 < c.confidence <= 1
        for m in (c.source, c.target):
            assert 0 <= m.start < m.end <= len(text)
            # the surface form is the span with line breaks (and line-end hyphen breaks) removed
            assert re.sub(r"\s+", "", m.text) == re.sub(r"\s+", "", text[m.start:m.end])
        if c.type in ("MEMBER_OF", "SUPPORTS") and c.method != "member-list":
            assert c.start <= c.source.start and c.source.end <= c.end


# --- a flattened English table, with a page break inside a members cell ---------------------

HEADER_EN = ("Cluster/ year of", "creation", "Sector Specialisation Members of clusters Region")
TABLE_EN = flat(
    "Table 4. Selected clusters of the region",
    *HEADER_EN,
    "Atlas Automotive",
    "Cluster (AAC) /",
    "March 2015",
    "Automotive",
    "Wiring harnesses,",
    "seats, stamping",
    "55 members: 40 SMEs; anchor firms: Delta Cables,",
    "Orion Seating, Kestrel Pressings & Norfield Motors;",
    "Training organizations: Institute of Applied Sub-",
    "Engineering, Saadi University. Anchor companies.",
    "Tangier",
    "Oasis Date Pole",
    "2013",
    "Agro-food and",
    "cosmetics",
    "Date palm processing,",
    "packaging",
    "Members include Palmeraie Foods, Sahara Dates SA",
    "and Draa Packaging. The cluster is supported by the",
    "Zephyr Foundation and the Ministry of Agriculture.",
    "Errachidia region,",
    "Ouarzazate",
    "Harbour Logistics",
    "Cluster 2017",
    "Logistics",
    "Port services",
    "Board of Directors: Port Authority of Nador; Rif",
    "Shipping; Cap Freight and five transport SMEs;",
    "Nador",
    *HEADER_EN,
    "Meridian Ports International. Open to others.",
    "Source: compiled by the authors",
)


@pytest.fixture(scope="module")
def table_en():
    return extract_structured(TABLE_EN, "en")


def test_table_members_split_and_category_words_dropped(table_en):
    got = members_of(table_en, "Atlas Automotive Cluster")
    assert got == {norm(x) for x in ("Delta Cables", "Orion Seating", "Kestrel Pressings", "Norfield Motors",
                                     "Institute of Applied Sub-Engineering", "Saadi University")}
    # category words are never entities
    names = {norm(m.text) for m in table_en.mentions}
    for cat in ("40 SMEs", "anchor firms", "Anchor companies", "55 members", "Training organizations"):
        assert norm(cat) not in names


def test_table_row_cluster_has_acronym_and_year(table_en):
    m = next(m for m in table_en.mentions if m.text == "Atlas Automotive Cluster")
    assert m.aliases == ["AAC"] and m.founded == 2015 and m.kind == "cluster"


def test_table_prose_cell_members_and_supported_by(table_en):
    assert members_of(table_en, "Oasis Date Pole") == {norm(x) for x in ("Palmeraie Foods", "Sahara Dates SA",
                                                                         "Draa Packaging")}
    sup = {s for t, s, o in triples(table_en, "SUPPORTS") if o == norm("Oasis Date Pole")}
    assert sup == {norm("Zephyr Foundation"), norm("Ministry of Agriculture")}
    # "supported by" never gives MEMBER_OF
    assert norm("Zephyr Foundation") not in members_of(table_en, "Oasis Date Pole")


def test_table_region_and_sector(table_en):
    assert ("LOCATED_IN", norm("Atlas Automotive Cluster"), norm("Tangier")) in triples(table_en)
    loc = {o for t, s, o in triples(table_en, "LOCATED_IN") if s == norm("Oasis Date Pole")}
    assert loc == {norm("Errachidia"), norm("Ouarzazate")}
    act = {o for t, s, o in triples(table_en, "ACTIVE_IN") if s == norm("Oasis Date Pole")}
    assert act == {norm("Agri-food"), norm("Cosmetics")}  # canonical names from the shared vocabulary
    assert ("ACTIVE_IN", norm("Atlas Automotive Cluster"), norm("Automotive")) in triples(table_en)
    # the specialisation column gives nothing
    assert not any(norm("Wiring harnesses") in o for _, _, o in triples(table_en, "ACTIVE_IN"))


def test_table_page_break_continues_members_cell(table_en):
    got = members_of(table_en, "Harbour Logistics Cluster")
    assert got == {norm(x) for x in ("Port Authority of Nador", "Rif Shipping", "Cap Freight",
                                     "Meridian Ports International")}
    assert ("LOCATED_IN", norm("Harbour Logistics Cluster"), norm("Nador")) in triples(table_en)
    # the repeated header is not read as a row or a member
    assert not any("specialisation" in s for s in members_of(table_en, "Harbour Logistics Cluster"))


def test_table_methods_and_evidence(table_en):
    check_evidence(TABLE_EN, table_en)
    methods = {c.method for c in table_en.candidates}
    assert methods == {"member-table", "table-region", "table-sector", "table-supported-by"}
    c = next(c for c in table_en.candidates if c.type == "MEMBER_OF" and c.source.text == "Orion Seating")
    assert "Orion Seating" in TABLE_EN[c.start:c.end] and c.confidence >= 0.8
    places = [m for m in table_en.mentions if m.label == "Place"]
    assert all(m.canonical and m.kind in ("city", "region", "country") for m in places)


def test_founders_of_a_predecessor_group():
    text = flat(
        *HEADER_EN,
        "Valley Electronics",
        "Cluster (VEC) 2011",
        "Electronics",
        "Power modules",
        "VEC grew out of the enterprise network RESO which was",
        "created in 2005 on the initiative of companies such as",
        "Arvon Industries, Telmec and some other firms from",
        "Lyon. Members: Ibis Components; Norco Systems.",
        "Oujda",
        "Source: authors",
    )
    raw = extract_structured(text, "en")
    assert members_of(raw, "RESO") == {norm("Arvon Industries"), norm("Telmec")}
    assert members_of(raw, "Valley Electronics Cluster") == {norm("Ibis Components"), norm("Norco Systems")}
    check_evidence(text, raw)


# --- a flattened French table ------------------------------------------------------------------

TABLE_FR = flat(
    "Tableau 1. Les clusters de la région",
    "Cluster / année de création",
    "Secteur Membres Région",
    "Cluster Solaire du",
    "Sud (CSS) 2016",
    "Énergie solaire",
    "Membres fondateurs : Soltec Maroc ; Heliodyne ;",
    "Université Ibn Zohr ; Ministère de l'Énergie et",
    "des Mines ; une dizaine de PME.",
    "Agadir",
    "Pôle Textile de",
    "Fès 2018",
    "Textile",
    "Entreprises : Filatures Idrissides, Tissage",
    "Atlas et Confection Saïss. Institutionnels :",
    "Chambre de Commerce de Fès.",
    "Fès",
    "Source : auteurs",
)


def test_french_table():
    raw = extract_structured(TABLE_FR, "fr")
    assert members_of(raw, "Cluster Solaire du Sud") == {
        norm(x) for x in ("Soltec Maroc", "Heliodyne", "Université Ibn Zohr", "Ministère de l'Énergie et des Mines")}
    assert members_of(raw, "Pôle Textile de Fès") == {
        norm(x) for x in ("Filatures Idrissides", "Tissage Atlas", "Confection Saïss", "Chambre de Commerce de Fès")}
    assert ("ACTIVE_IN", norm("Cluster Solaire du Sud"), norm("Solar energy")) in triples(raw)
    assert ("LOCATED_IN", norm("Pôle Textile de Fès"), norm("Fes")) in triples(raw)
    check_evidence(TABLE_FR, raw)


# --- member lists outside tables -------------------------------------------------------------

def test_inline_lists_explicit_target():
    text = ("Members of the Atlas Automotive Cluster: Delta Cables, Orion Seating and Kestrel Pressings.\n\n"
            "Cluster Nour's members include Sunco; Lumina SA; ENSA Fès.\n")
    raw = extract_structured(text, "en")
    assert members_of(raw, "Atlas Automotive Cluster") == {norm("Delta Cables"), norm("Orion Seating"),
                                                           norm("Kestrel Pressings")}
    assert members_of(raw, "Cluster Nour") == {norm("Sunco"), norm("Lumina SA"), norm("ENSA Fès")}
    assert {c.method for c in raw.candidates} == {"member-list"}
    check_evidence(text, raw)


def test_inline_list_implicit_target_french():
    text = ("Cluster Menzah Digital\n\n"
            "Le Cluster Menzah Digital fédère les acteurs du numérique.\n\n"
            "Nos membres : Tunisoft, Carthage Data, l'Université de Tunis El Manar et INSAT.\n\n"
            "Nos partenaires : Banque Zitouna, GIZ.\n")
    raw = extract_structured(text, "fr")
    assert members_of(raw, "Cluster Menzah Digital") == {norm("Tunisoft"), norm("Carthage Data"),
                                                         norm("Université de Tunis El Manar"), norm("INSAT")}
    # partners are not members
    assert not any(s in (norm("Banque Zitouna"), norm("GIZ")) for _, s, _ in triples(raw))
    assert all(c.confidence < 0.85 for c in raw.candidates)  # the target was inferred
    check_evidence(text, raw)


def test_founding_members_lead_in_french():
    text = "Le Pôle Agrinord a été créé en 2019. Les membres fondateurs sont : Laiterie Nordia, Moulins du Rif et la Coopérative Amal.\n"
    raw = extract_structured(text, "fr")
    assert members_of(raw, "Pôle Agrinord") == {norm("Laiterie Nordia"), norm("Moulins du Rif"),
                                                norm("Coopérative Amal")}


def test_bulleted_list_under_heading():
    text = ("The Baltic Robotics Cluster brings together integrators and users of robots.\n\n"
            "Our members\n\n"
            "- Nordlys Robotics – industrial robot integrator\n"
            "- Fjord Analytics\n"
            "- Polytechnic School of Bergen (PSB)\n"
            "Companies:\n"
            "- Aker Tools, Vik Metal\n\n"
            "About us\n\n"
            "- Contact Point Media\n")
    raw = extract_structured(text, "en")
    assert members_of(raw, "Baltic Robotics Cluster") == {
        norm(x) for x in ("Nordlys Robotics", "Fjord Analytics", "Polytechnic School of Bergen", "Aker Tools",
                          "Vik Metal")}
    psb = next(m for m in raw.mentions if m.text == "Polytechnic School of Bergen")
    assert psb.aliases == ["PSB"] and psb.kind == "university"
    check_evidence(text, raw)


def test_plain_lines_under_french_heading():
    text = ("Cluster Marin de Bizerte\n\nMembres\n\nChantier Naval Kef\nOcéanis Bizerte\nPort Tech SA\n\n"
            "Le cluster organise chaque année un salon.\n")
    raw = extract_structured(text, "fr")
    assert members_of(raw, "Cluster Marin de Bizerte") == {norm("Chantier Naval Kef"), norm("Océanis Bizerte"),
                                                           norm("Port Tech SA")}


# --- negatives -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Partners: Alpha Motors, Beta Systems and Gamma Labs.\n",
    "The Atlas Cluster works with Alpha Motors, Beta Systems and Gamma Labs.\n",
    "Sponsors of the Atlas Cluster: Alpha Motors; Beta Systems.\n",
    "Members of the Atlas Cluster: 40 SMEs, anchor companies, research centres and two universities.\n",
    "Members of the Atlas Cluster are active in textile, leather and logistics.\n",
    "Nos membres : des PME, des grandes entreprises et des laboratoires.\n",
])
def test_no_member_edges(text):
    raw = extract_structured(text, "en")
    assert not [c for c in raw.candidates if c.type == "MEMBER_OF"]


def test_category_phrases_are_not_names():
    text = ("Members of the Atlas Cluster: Companies: Anchor companies; Research Laboratories; Professional "
            "Associations and Federations; Trade unions; Institutions.\n")
    raw = extract_structured(text, "en")
    assert not raw.candidates and not [m for m in raw.mentions if m.label == "Organisation" and m.text != "Atlas Cluster"]


def test_table_without_members_header_is_not_a_member_table():
    text = flat("Indicator 2019 2020", "Number of companies 40 52", "Source: survey")
    assert not extract_structured(text, "en").candidates


def test_text_without_structure_gives_nothing():
    text = "Alpha Motors and Beta Systems signed an agreement in Casablanca in 2021. The Atlas Cluster applauded.\n"
    raw = extract_structured(text, "en")
    assert raw.candidates == []


def test_site_menu_entry_is_not_a_members_heading():
    text = ("Cluster Electronique & Mécatronique\n\nHome\nAbout\nMembers\nNews\nContact\n\n"
            "Nos membres : Alpha SA, Beta Tech.\n")
    raw = extract_structured(text, "fr")
    assert members_of(raw, "Cluster Electronique & Mécatronique") == {norm("Alpha SA"), norm("Beta Tech")}
    assert norm("News") not in {norm(m.text) for m in raw.mentions}


def test_single_newline_flattening_reads_the_same():
    """Some converters put no blank line between cell lines; the parse must not depend on it."""
    raw2 = extract_structured(TABLE_EN.replace(" \n\n", "\n"), "en")
    raw1 = extract_structured(TABLE_EN, "en")
    assert triples(raw1) == triples(raw2)


def test_table_spans_cover_the_table():
    from ecograph.ingest.tables import table_spans
    text = "Some running text before the table, long enough to be prose.\n\n" + TABLE_EN + "\nAfter.\n"
    (a, z), = table_spans(text)
    assert text[a:z].startswith("Cluster/ year of") and "Meridian Ports International" in text[a:z]
    assert "Source:" not in text[a:z]
