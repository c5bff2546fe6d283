"""Project rosters (ingest/tables_roster.py): the partner lines of a project page → RUNS for the lead,
PARTICIPATES_IN for each partner, LOCATED_IN for the country. Invented pages only."""
from __future__ import annotations

import pytest

from ecograph.ids import norm
from ecograph.ingest.tables import extract_structured
from helpers import run, triples

EN_PAGE = """Project Name : BLUEWAVE (B_A.2.1_0099)

  1. Lead Beneficiary – The Institute of Sea Studies (ISS), Greece
  2. Partner 1 – Kappa Association, Italy
  3. Partner 2 – Cyprus Chamber of Crafts (CCC), Cyprus
  4.  Partner 3 – General Agency for Coastal Development (GACD), Tunisia

The BLUEWAVE project helps young people find work.
"""
FR_PAGE = """Projet : MEDSOL

- Chef de file : Agence Delta pour l'Énergie (ADE), France
- Partenaire 1 : Université de Numidie, Algérie
- Partenaire 2 : Cluster Solaire du Sud, Tunisie
"""


PROSE_EN_PAGE = """Kelvo Clusters

The Kelvo Clusters project supports textile clusters in the region.

1. Lead partner – Orvalis Chamber of Commerce (OCC), Lebanon
2. Partner 1 – Zeph University (ZU), Jordan
3. Partner 2 – Kelvo Women Network (KWN), Palestine
"""
PROSE_FR_PAGE = """Le projet Nova Sud accompagne les jeunes pousses du bassin méditerranéen.

- Chef de file : Agence Delta pour l'Énergie (ADE), France
- Partenaire 1 : Université de Numidie, Algérie
"""


@pytest.mark.parametrize("page,lang,expected", [
    # no "Project name:" line: the project the prose names above the roster
    (PROSE_EN_PAGE, "en", {("RUNS", "Orvalis Chamber of Commerce", "Kelvo Clusters"),
                           ("PARTICIPATES_IN", "Zeph University", "Kelvo Clusters"),
                           ("PARTICIPATES_IN", "Kelvo Women Network", "Kelvo Clusters")}),
    (PROSE_FR_PAGE, "fr", {("RUNS", "Agence Delta pour l'Énergie", "Nova Sud"),
                           ("PARTICIPATES_IN", "Université de Numidie", "Nova Sud")}),
    (EN_PAGE, "en", {("RUNS", "Institute of Sea Studies", "BLUEWAVE"),
                     ("PARTICIPATES_IN", "Kappa Association", "BLUEWAVE"),
                     ("PARTICIPATES_IN", "Cyprus Chamber of Crafts", "BLUEWAVE"),
                     ("PARTICIPATES_IN", "General Agency for Coastal Development", "BLUEWAVE"),
                     ("LOCATED_IN", "Institute of Sea Studies", "Greece"),
                     ("LOCATED_IN", "General Agency for Coastal Development", "Tunisia")}),
    (FR_PAGE, "fr", {("RUNS", "Agence Delta pour l'Énergie", "MEDSOL"),
                     ("PARTICIPATES_IN", "Université de Numidie", "MEDSOL"),
                     ("PARTICIPATES_IN", "Cluster Solaire du Sud", "MEDSOL"),
                     ("LOCATED_IN", "Université de Numidie", "Algeria")}),
])
def test_a_roster_gives_the_lead_the_partners_and_their_countries(page, lang, expected):
    got = triples(page, lang)
    assert {(t, norm(s), norm(o)) for t, s, o in expected} <= got


def test_the_acronym_and_the_project_label_carry_over():
    r = extract_structured(EN_PAGE, "en")
    iss = next(m for m in r.mentions if m.text == "Institute of Sea Studies")
    assert iss.aliases == ["ISS"]
    project = next(m for m in r.mentions if m.text == "BLUEWAVE")
    assert (project.label, project.kind) == ("Programme", "project")
    # the whole page agrees: "The BLUEWAVE project" is the same programme
    whole = run(EN_PAGE, "en")
    assert {m.label for m in whole.mentions if m.text == "BLUEWAVE"} == {"Programme"}
    assert not any(m.text in ("Lead Beneficiary", "Project Name") for m in whole.mentions)


@pytest.mark.parametrize("page", [
    # no project named above the roster: whose partners they are is unknown
    "Our friends\n\n1. Partner 1 – Kappa Association, Italy\n2. Partner 2 – Cyprus Chamber of Crafts, Cyprus\n",
    # "the EU-funded project" names no project
    "The EU-funded project helps clusters.\n\n1. Partner 1 – Kappa Association, Italy\n2. Partner 2 – Cyprus Chamber "
    "of Crafts, Cyprus\n",
    # one line alone is no roster
    "Project Name : BLUEWAVE\n\n1. Partner 1 – Kappa Association, Italy\n\nThe weather was fine.\n",
])
def test_no_roster_without_a_project_or_with_one_line(page):
    got = triples(page, "en")
    assert not {t for t in got if t[0] in ("RUNS", "PARTICIPATES_IN")}
