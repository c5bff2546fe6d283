"""Field-label frames (ingest/tables_fields.py): the "Label: value" fields of a project, funder or
programme page → RUNS / FUNDS / SUPPORTS / PARTICIPATES_IN (and LOCATED_IN) with the programme the
page names. Invented pages only."""
from __future__ import annotations

import pytest

from ecograph.ids import norm
from ecograph.ingest.tables import extract_structured
from ecograph.ingest.fields_vocab import FieldTableError, _check, field_tables
from helpers import t, triples

EN_PAGE = """Blue Orion Initiative

Project description

Project: Blue Orion Initiative
Commissioned by: Vega Federal Ministry for Cooperation (VFMC)
Country: Numidia
Lead executing agency: Ministry of Kappa Industries
Implemented by: Lyra Agency
Funded by: Orion Foundation, Kappa Bank and Delta Trust
Implementing partners: Sirius Consulting; Altair Institute
Duration: 2019 to 2023
Budget: EUR 4.5 million

The initiative helps small firms.
"""
EN_EXPECTED = {
    t("SUPPORTS", "Vega Federal Ministry for Cooperation", "Blue Orion Initiative"),
    t("RUNS", "Ministry of Kappa Industries", "Blue Orion Initiative"),
    t("RUNS", "Lyra Agency", "Blue Orion Initiative"),
    t("FUNDS", "Orion Foundation", "Blue Orion Initiative"),
    t("FUNDS", "Kappa Bank", "Blue Orion Initiative"),
    t("FUNDS", "Delta Trust", "Blue Orion Initiative"),
    t("RUNS", "Sirius Consulting", "Blue Orion Initiative"),
    t("RUNS", "Altair Institute", "Blue Orion Initiative"),
}
FR_PAGE = """Projet : Nova Sud
Maître d'ouvrage : Ministère de Kappa
Mis en œuvre par : Agence Lyra (France)
Bailleur de fonds : Union Delta / Banque Orion
Partenaires : Chambre de Commerce de Vega, Université de Numidie et Cluster Solaire du Sud
Coordinateur : Agence Sirius
Pays : Numidie
"""
FR_EXPECTED = {
    t("RUNS", "Ministère de Kappa", "Nova Sud"),
    t("RUNS", "Agence Lyra", "Nova Sud"),
    t("LOCATED_IN", "Agence Lyra", "France"),
    t("FUNDS", "Union Delta", "Nova Sud"),
    t("FUNDS", "Banque Orion", "Nova Sud"),
    t("PARTICIPATES_IN", "Chambre de Commerce de Vega", "Nova Sud"),
    t("PARTICIPATES_IN", "Université de Numidie", "Nova Sud"),
    t("PARTICIPATES_IN", "Cluster Solaire du Sud", "Nova Sud"),
    t("RUNS", "Agence Sirius", "Nova Sud"),
}
# several fields in one line, a label alone above a bulleted list, the weak "Title:" label in the block
INLINE_PAGE = """Programme: Cedar Bridge | Financé par : Union Delta | Partners: Kappa Bank and Vega Institute

Title: Sunfield Water Project
Donors: Orion Foundation
Beneficiaries:
- Kappa Farmers Association
- Delta Cooperative
"""
INLINE_EXPECTED = {
    t("FUNDS", "Union Delta", "Cedar Bridge"),
    t("PARTICIPATES_IN", "Kappa Bank", "Cedar Bridge"),
    t("PARTICIPATES_IN", "Vega Institute", "Cedar Bridge"),
    t("FUNDS", "Orion Foundation", "Sunfield Water Project"),
    t("PARTICIPATES_IN", "Kappa Farmers Association", "Sunfield Water Project"),
    t("PARTICIPATES_IN", "Delta Cooperative", "Sunfield Water Project"),
}

# Markdown emphasis on the labels, bulleted and numbered lists under them
MD_PAGE = """**Projet :** Nova Sud
**Partenaires :**
• Agence Lyra
• Banque Orion
**Financé par :** Union Delta
**Bénéficiaires :**
1. Coopérative Kappa
2. Association Delta des Pêcheurs
"""
MD_EXPECTED = {
    t("PARTICIPATES_IN", "Agence Lyra", "Nova Sud"),
    t("PARTICIPATES_IN", "Banque Orion", "Nova Sud"),
    t("FUNDS", "Union Delta", "Nova Sud"),
    t("PARTICIPATES_IN", "Coopérative Kappa", "Nova Sud"),
    t("PARTICIPATES_IN", "Association Delta des Pêcheurs", "Nova Sud"),
}


def field_triples(page: str, lang: str) -> set[tuple[str, str, str]]:
    """What the field reader alone finds (methods field-*)."""
    r = extract_structured(page, lang)
    return {(c.type, norm(c.source.canonical or c.source.text), norm(c.target.canonical or c.target.text))
            for c in r.candidates if c.method.startswith("field-")}


@pytest.mark.parametrize("page,lang,expected", [
    (EN_PAGE, "en", EN_EXPECTED), (FR_PAGE, "fr", FR_EXPECTED), (INLINE_PAGE, "en", INLINE_EXPECTED),
    (MD_PAGE, "fr", MD_EXPECTED)])
def test_the_fields_give_exactly_their_relations(page, lang, expected):
    assert field_triples(page, lang) == expected


@pytest.mark.parametrize("page,lang,expected", [(EN_PAGE, "en", EN_EXPECTED), (FR_PAGE, "fr", FR_EXPECTED)])
def test_the_whole_extraction_keeps_them(page, lang, expected):
    got = triples(page, lang)
    assert expected <= got
    # the field labels are no actors, and nothing from the page funds or runs the wrong end
    names = {s for _, s, _ in got} | {o for _, _, o in got}
    assert not names & {norm(x) for x in ("Lead executing agency", "Commissioned by", "Maître d'ouvrage", "Bailleur de fonds")}


def test_evidence_is_the_field_and_the_acronym_carries_over():
    r = extract_structured(EN_PAGE, "en")
    for c in r.candidates:
        ev = EN_PAGE[c.start:c.end]
        assert "\n" not in ev and ":" in ev and c.source.text in ev
    vfmc = next(m for m in r.mentions if m.text == "Vega Federal Ministry for Cooperation")
    assert vfmc.aliases == ["VFMC"]
    project = next(m for m in r.mentions if m.text == "Blue Orion Initiative")
    assert (project.label, project.kind) == ("Programme", "project")
    inline = extract_structured(INLINE_PAGE, "en")
    ev = {INLINE_PAGE[c.start:c.end] for c in inline.candidates if c.source.text == "Union Delta"}
    assert ev == {"Financé par : Union Delta"}  # its part of the line, not the whole line


# text flattened from a PDF: the sentence reader joins its "full" lines, and would read the name that
# closes one line and the capitalised label that opens the next as one name ("Lyra Agency Duration")
WRAPPED_PAGE = """Project: Blue Orion Initiative
Commissioned by: Vega Federal Ministry for Cooperation (VFMC)
Implemented by: Lyra Agency for Coastal Development and Trade
Duration: thirty-six months from the signature of the contract
The initiative helps small firms along the coast to find new markets
and to train their staff, with workshops in every port of the region
and a fund for the first export missions of the selected companies.
"""


def test_a_field_line_ends_the_name_on_the_line_above():
    # the sentence splitter never wraps a line into a field line below it ("Duration:"), so the
    # implementer's name stops at its line's end and the field is read
    got = field_triples(WRAPPED_PAGE, "en")
    assert t("SUPPORTS", "Vega Federal Ministry for Cooperation", "Blue Orion Initiative") in got
    assert t("RUNS", "Lyra Agency for Coastal Development and Trade", "Blue Orion Initiative") in got
    whole = triples(WRAPPED_PAGE, "en")
    assert not {x for x in whole if x[0] == "RUNS" and x[1].endswith("duration")}


def test_a_project_named_above_a_description_still_counts():
    page = ("Project name: Kappa Link\n\nKappa Link connects ports on both shores. It started in 2020 and "
            "trains young engineers.\n\nFunded by: Orion Foundation\n")
    assert field_triples(page, "en") == {t("FUNDS", "Orion Foundation", "Kappa Link")}


@pytest.mark.parametrize("page", [
    "Project: Kappa Link\nProgramme: Interreg Delta\nAcronym: KLINK\nLead partner: Lyra Agency\n",
    "Programme: Interreg Delta\nProject title: Kappa Link\nLead partner: Lyra Agency\n",
    # one field a paragraph: the project line above still counts, before the programme line
    "Project: Kappa Link\n\nProgramme: Interreg Delta\n\nLead partner: Lyra Agency\n",
])
def test_the_project_comes_before_the_programme_it_is_funded_under(page):
    assert field_triples(page, "en") == {t("RUNS", "Lyra Agency", "Kappa Link")}
    r = extract_structured(page, "en")
    if "KLINK" in page:
        assert next(m for m in r.mentions if m.text == "Kappa Link").aliases == ["KLINK"]


@pytest.mark.parametrize("page", [
    # no programme named on the page: whose funder it is, is unknown
    "About us\n\nFunded by: Orion Foundation\nPartners: Kappa Bank, Vega Institute\n",
    # a "Title:" far from the fields, with prose in between, names no programme for them
    "Title: Annual Review\n\nThe year went well for everyone involved.\n\nDonors: Orion Foundation\n",
    # fields that state no relation
    "Project: Blue Orion Initiative\nContact: Lyra Agency\nDate: 12 March 2021\nCountry: Numidia\n"
    "Duration: 36 months\nBudget: EUR 2 million\n",
    # a label inside running prose is no field
    "Project: Blue Orion Initiative\n\nThe report thanks the donors: Orion Foundation and Kappa Bank gave the most.\n"
    "Last year the partners: Vega Institute among them, met in Numidia.\n",
    # a field whose value is a sentence, an amount, a category or a programme
    "Project: Blue Orion Initiative\nPartners: we thank Kappa Bank for its kind support.\n"
    "Funding: EUR 3 million\nBeneficiaries: SMEs and start-ups\nFunded by: Horizon Kappa Programme\n",
    # a person as the value
    "Projet : Nova Sud\nCoordinateur : Dr Leila Haddad\nCoordinator: Jean Martin\n",
])
def test_nothing_is_read(page):
    assert field_triples(page, "en") == set()
    assert field_triples(page, "fr") == set()


def test_the_label_tables_are_checked():
    tables = field_tables()
    assert tables.roles["lead executing agency"].type == "RUNS"
    assert tables.roles["maitre d'ouvrage"].type == "RUNS"
    assert tables.roles["bailleur de fonds"].type == "FUNDS"
    assert tables.roles["contact"].type is None
    assert "projet" in tables.programme
    with pytest.raises(FieldTableError, match="MEMBER_OF"):
        _check({"language": "en", "fields": [{"labels": ["members"], "type": "MEMBER_OF", "method": "field-x"}]}, "en")
    with pytest.raises(FieldTableError, match="folded"):
        _check({"language": "en", "fields": [{"labels": ["Funded By"], "type": "FUNDS", "method": "field-x"}]}, "en")
    with pytest.raises(FieldTableError, match="method"):
        _check({"language": "en", "fields": [{"labels": ["funded by"], "type": "FUNDS", "method": None}]}, "en")
    with pytest.raises(FieldTableError, match="language"):
        _check({"language": "fr", "fields": []}, "en")


def test_a_field_line_is_never_wrapped_into_the_line_above():
    from ecograph.ingest.sentences import split
    text = ("The programme supports small firms across the region and their export plans over four\n"
            "Lead executing agency: Ministry of Kappa Industry\n"
            "Overall term: 2019 to 2024\n")
    lines = [s.text for s in split(text, wrapped=True)]
    assert any(t.startswith("Lead executing agency:") for t in lines)
