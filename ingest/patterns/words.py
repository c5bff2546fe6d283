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
_OPEN_QUOTES = {'"', "«", "“", "'", "‘"}
_COPULAS = {"is", "was", "remains", "became", "est", "etait", "reste", "devient"}  # "P is an EU-funded project"
_APPOS_FIRST = {"premier", "premiere", "first", "leading", "only", "seul", "principal", "unique"}
_OUR_MEMBERS_GLUE = {"are", "include", "includes", "including", "such", "as", ":", "figurent", "sont", "comptent",
                     "comme", "notamment", "incluent", "there", "we", "count", "nous", "comptons", "citons"}
_APPOS_DET = {"a", "an", "the", "its", "un", "une", "le", "la", "l'", "son", "sa"}
_TIME_INTRO = {"since", "in", "from", "by", "until", "between", "and", "early", "late", "mid", ",", "depuis", "en",
               "des", "entre", "et", "a", "partir", "de", "d'", "fin", "debut", "the", "of", "le"}
_DETS = {"le", "la", "les", "l'", "the", "a", "an", "un", "une", "des", "its", "ses", "their", "leurs"}
# what may open a sentence whose first name is its subject: "Our member X, the first …" (not a fronted phrase)
_OPENING_DETS = {"our", "notre", "nos", "this", "these", "ce", "cette", "ces", "son", "sa", "his", "her", "their"}
_CLAUSE_BREAK = {"which", "that", "who", "qui", "que", "dont", "where", "ou", "but", "mais", ";", ":"}


# a past participle right after "et"/"and": « … et mis en œuvre par B », "… and implemented by B"
_PARTICIPLE = re.compile(r"[a-zà-ÿ]+(?:é|ée|és|ées|is|ise|it|ite|u|ue|us|ues|ed)")
# nouns that open an apposition about the name before it: « X, membre fondateur du réseau Y, organise »
_APPOSED_NOUNS = {"membre", "member", "partenaire", "partner", "filiale", "subsidiary", "branche", "branch",
                  "affilie", "affiliate", "adherent", "one", "l'un", "part", "partie"}
# prepositions whose object is never a subject: "With funding from A, B launched P"
_SUBJECTLESS_PREPS = {"from", "with", "by", "of", "for", "to", "via", "through", "de", "du", "des", "d'", "par",
                      "avec", "pour", "a", "au", "aux", "aupres", "grace"}
# a reflexive pronoun before a cue verb: « X s'appuie sur Y » (X relies on Y) is no support
_REFLEXIVE = {"s'", "s’", "se"}
# what one adheres to without joining: "X adheres to Y priorities"
_ADHERED_THINGS = {"priorities", "principles", "values", "goals", "objectives", "standards", "rules", "charter",
                   "vision", "strategy", "agenda", "guidelines", "priorites", "principes", "valeurs", "objectifs"}
# words that make « que » a conjunction (« en tant que », « ainsi que »), not a relative pronoun
_QUE_CONJUNCTIONS = {"tant", "ainsi", "alors", "tandis", "bien", "parce", "puisque", "lorsque"}

_FRONT_PREPS = {"par", "by", "en", "in", "a", "au", "avec", "with", "depuis", "since", "from", "dans", "under", "sous"}


def fronted_participle(toks, a: int) -> bool:
    """'Created in 2016, …', 'Porté par …, …', 'Labellisé par …, …': the sentence opens on a participle."""
    w = toks[a].f
    return toks[a].cap and toks[a + 1].f in _FRONT_PREPS and \
        (w.endswith(("e", "ee", "es", "ees", "ed")) and len(w) > 4 and not toks[a + 1].cap)
