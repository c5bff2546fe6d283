"""A project page whose title is the project's coined name ("NOVA4MED") and whose text lists its partners:
under a "Project partners" / « Partenaires du projet » / "Consortium" heading, in "Lead partner: / Partners:"
fields, or in "the project brings together …". The title is the project when the page calls itself "the
project" or the list says it is a project's; a body's page ("Kelvo Cluster") keeps its partners, and a page
that never says it is a project names none. Invented pages -> expected triples, negatives included."""
from __future__ import annotations

import pytest

from helpers import as_triples, triples

PROJECT = "NOVA4MED"
PARTNERS = ("Kelvo Chamber of Commerce", "Orvalis University", "Zeph Technopark")

READ = [  # lang, page, triples that must be read
    ("en", "NOVA4MED – Nova clusters for the Mediterranean\n\nProject partners\n• Kelvo Chamber of Commerce – "
           "Lebanon\n• Orvalis University – Spain\n• Zeph Technopark – Tunisia\n",
     {("PARTICIPATES_IN", p, PROJECT) for p in PARTNERS}),
    ("en", "NOVA4MED\n\nNova4Med supports clusters in the Mediterranean.\n\nLead partner: Kelvo Chamber of Commerce\n"
           "Partners: Orvalis University, Zeph Technopark\n",
     {("RUNS", "Kelvo Chamber of Commerce", PROJECT), ("PARTICIPATES_IN", "Orvalis University", PROJECT),
      ("PARTICIPATES_IN", "Zeph Technopark", PROJECT)}),
    ("en", "NOVA4MED\n\nThe project brings together 3 partners from 3 countries: the Kelvo Chamber of Commerce, "
           "Orvalis University and Zeph Technopark.\n", {("PARTICIPATES_IN", p, PROJECT) for p in PARTNERS}),
    ("fr", "NOVA4MED\n\nLe projet Nova4Med accompagne les clusters méditerranéens.\n\nPartenaires : Chambre de "
           "commerce de Kelvo (Liban), Université d'Orvalis (Espagne), Technopôle de Zeph (Tunisie).\n",
     {("PARTICIPATES_IN", "Chambre de commerce de Kelvo", "Nova4Med"),
      ("PARTICIPATES_IN", "Université d'Orvalis", "Nova4Med")}),
    ("fr", "NOVA4MED\n\nLe consortium\n\n- Chambre de commerce de Kelvo (Liban)\n- Université d'Orvalis (Espagne)\n"
           "- Technopôle de Zeph (Tunisie)\n",
     {("PARTICIPATES_IN", "Chambre de commerce de Kelvo", PROJECT),
      ("PARTICIPATES_IN", "Université d'Orvalis", PROJECT)}),
]

NOT_READ = [  # lang, page, a triple that must not be read
    # a page that never says it is a project: its title may be anything
    ("en", "NOVA4MED\n\nNova4Med supports clusters in the Mediterranean.\n\nPartners\n\nKelvo Chamber of Commerce "
           "(Lebanon)\nOrvalis University (Spain)\n", ("PARTICIPATES_IN", "Orvalis University", PROJECT)),
    # a body's page: its partners partner it, they take part in nothing
    ("en", "Kelvo Textile Cluster\n\nThe project brings new markets to our members.\n\nPartners\n\n"
           "Orvalis University\nZeph Technopark\n", ("PARTICIPATES_IN", "Orvalis University", "Kelvo Textile Cluster")),
    # a site's menu word, or a company whose text mentions "the project pipeline", names no project
    ("en", "Home\n\nThe project supports clusters in the region.\n\nPartners\n\nKelvo Bank\nOrvalis University\n",
     ("PARTICIPATES_IN", "Kelvo Bank", "Home")),
    ("en", "Zeph Ventures\n\nZeph Ventures invests in start-ups. The project pipeline grew this year.\n\nPartners\n"
           "- Kelvo Bank\n- Orvalis University\n", ("PARTICIPATES_IN", "Kelvo Bank", "Zeph Ventures")),
    # a company page that mentions "the project" far below its title is no project page
    ("en", "NORTEK\n\nNORTEK trains farmers in Tunis. It works with farmers. It sells seeds. The project is funded by the "
           "Kelvo Foundation.\n", ("FUNDS", "Kelvo Foundation", "NORTEK")),
    # a country's page is no project
    ("en", "Tunisia\n\nThe project covers three regions.\n\nProject partners\n• Orvalis University\n• Zeph Technopark\n",
     ("PARTICIPATES_IN", "Orvalis University", "Tunisia")),
]


@pytest.mark.parametrize("lang,page,expected", READ)
def test_a_project_page_lists_its_partners(lang, page, expected):
    assert as_triples(expected) <= triples(page, lang)


@pytest.mark.parametrize("lang,page,triple", NOT_READ)
def test_a_page_that_is_no_project_gives_no_participation(lang, page, triple):
    assert as_triples({triple}) & triples(page, lang) == set()
