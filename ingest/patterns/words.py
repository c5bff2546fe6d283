"""Word sets the engine and its pattern mixins share (folded forms, English and French), and
`fronted_participle`, which extract.py uses too."""
from __future__ import annotations

import re

_YEAR = re.compile(r"(1[89]\d\d|20\d\d)$")
_GENERIC_PLURALS = {"companies", "enterprises", "firms", "members", "startups", "smes", "actors", "players",
                    "stakeholders", "partners", "institutions", "organisations", "organizations", "clusters",
                    "projects", "businesses", "entreprises", "membres", "acteurs", "partenaires", "societes",
                    "structures", "people", "researchers", "universities", "students"}
_NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "selected", "deux",
            "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "douze", "selectionnes"}
_PROGRAMME_WORDS = {"opportunity", "programme", "program", "initiative", "call", "project", "voucher", "scheme",
                    "edition", "track", "competition", "programme", "appel", "projet", "dispositif"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
           "septembre", "octobre", "novembre", "decembre"}
_HEADS = {"cluster", "project", "programme", "program", "network", "association", "initiative", "platform",
          "group", "projet", "reseau"}
_ORG_HEADS = {"cluster", "association", "company", "incubator", "accelerator", "hub", "network", "federation",
              "agency", "centre", "center", "technopark", "startup", "firm", "pole", "organisation",
              "organization", "incubateur", "reseau", "entreprise", "societe", "agence"}


_AGREEMENTS = {"memorandum", "agreement", "convention", "charter", "mou", "accord", "protocole", "charte",
               "partnership", "partenariat", "declaration", "protocol"}
_MEMBER_WORDS = {"members", "membres", "adherents", "member", "companies", "entreprises", "firms", "enterprises",
                 "structures", "acteurs"}
_SUPPORT_NOUNS = {"soutien", "appui", "accompagnement", "support", "backing", "help", "aide", "confiance", "trust",
                  "assistance", "partenariat", "partnership"}
_FUNDING_NOUNS = {"financement", "funding", "financial", "financier", "financiere", "grant", "subvention"}
_CLOSE_QUOTES = {'"', "»", "”", "'", "’"}
_APPOS_FIRST = {"premier", "premiere", "first", "leading", "only", "seul", "principal", "unique"}
_OUR_MEMBERS_GLUE = {"are", "include", "includes", "including", "such", "as", ":", "figurent", "sont", "comptent",
                     "comme", "notamment", "incluent", "there", "we", "count", "nous", "comptons", "citons"}
_APPOS_DET = {"a", "an", "the", "its", "un", "une", "le", "la", "l'", "son", "sa"}
_TIME_INTRO = {"since", "in", "from", "by", "until", "between", "and", "early", "late", "mid", ",", "depuis", "en",
               "des", "entre", "et", "a", "partir", "de", "d'", "fin", "debut", "the", "of", "le"}
_DETS = {"le", "la", "les", "l'", "the", "a", "an", "un", "une", "des", "its", "ses", "their", "leurs"}
_CLAUSE_BREAK = {"which", "that", "who", "qui", "que", "dont", "where", "ou", "but", "mais", ";", ":"}


_FRONT_PREPS = {"par", "by", "en", "in", "a", "au", "avec", "with", "depuis", "since", "from", "dans", "under", "sous"}


def fronted_participle(toks, a: int) -> bool:
    """'Created in 2016, …', 'Porté par …, …', 'Labellisé par …, …': the sentence opens on a participle."""
    w = toks[a].f
    return toks[a].cap and toks[a + 1].f in _FRONT_PREPS and \
        (w.endswith(("e", "ee", "es", "ees", "ed")) and len(w) > 4 and not toks[a + 1].cap)
