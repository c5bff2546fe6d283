"""What a name says about its bearer: label (Organisation / Programme) and kind, from its words.

Names in this domain carry their type ("… Cluster", "Ministry of …", "Université …",
"… Fund", "Plan …"). These cue words are checked in order of specificity; a name
with no cue gets `None` and the caller decides from context (a member list holds
companies, "the X programme" is a programme).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ecograph.ids import fold

# (kind, label, cue words/prefixes matched on whole folded words). Order matters: first hit wins.
_CUES: list[tuple[str, str, tuple[str, ...]]] = [
    ("label", "Programme", ("label", "labels", "certification", "accreditation")),
    ("fund", "Programme", ("fund", "fonds", "facility", "account")),
    ("policy", "Programme", ("plan", "strategy", "strategie", "pact", "pacte", "policy", "politique",
                             "schema", "vision", "roadmap", "initiative", "agenda")),
    ("event", "Programme", ("forum", "fair", "salon", "expo", "exhibition", "summit", "sommet",
                            "conference", "day", "days", "event", "matchmaking", "week", "semaine", "awards",
                            "hackathon", "show")),
    ("programme", "Programme", ("programme", "program", "track", "voucher", "scheme", "challenge",
                                "competition", "concours", "bootcamp", "mentoring", "prix", "prize", "award")),
    ("project", "Programme", ("project", "projet")),
    # a body of clusters: "X Clusters", "Réseau des Clusters …", "… Clusters Alliance"
    ("network", "Organisation", ("clusters", "poles")),
    # (a technopole hosts and supports firms: a park, not a cluster of members)
    ("cluster", "Organisation", ("cluster", "pole", "agropole", "haliopole", "competitiveness")),
    # (a commercial bank is a company, but extraction takes a company cue for no cue: "bank" stays a funder's)
    ("funder", "Organisation", ("bank", "banque", "caisse", "cooperation", "development agency",
                                "agence francaise de developpement", "donor")),
    ("government", "Organisation", ("ministry", "ministere", "minister", "government", "gouvernement",
                                    "municipality", "communaute d agglomeration",
                                    "commune", "wilaya", "prefecture", "directorate",
                                    "direction", "office", "agency", "agence", "authority", "autorite",
                                    "council", "conseil", "commission", "court", "cour",
                                    "embassy", "ambassade", "consulate", "consulat")),
    ("university", "Organisation", ("university", "universite", "universidad", "school", "ecole",
                                    "college", "faculty", "faculte", "academy", "academie", "institute of technology",
                                    "polytechnic", "polytechnique", "business school", "ensa", "encg")),
    ("research", "Organisation", ("research", "recherche", "laboratory", "laboratoire", "lab", "labs",
                                  "institute", "institut", "centre technique", "technical centre",
                                  "centre d etudes", "centres d etudes",
                                  "technical center", "observatory")),
    ("support", "Organisation", ("incubator", "incubateur", "accelerator", "accelerateur", "technopark", "technopole",
                                 "technoparc", "cyberparc", "hub", "innovation centre", "innovation center",
                                 "cite de l innovation", "park", "parc", "startup", "start up",
                                 "pepiniere", "pepinieres", "business center", "business centre",
                                 "centre d affaires", "centres d affaires",
                                 "entrepreneurship", "entrepreneuriat")),
    ("network", "Organisation", ("network", "reseau", "consortium", "platform", "plateforme", "alliance",
                                 "union for")),
    ("association", "Organisation", ("association", "federation", "chamber", "chambre", "confederation",
                                     "federazione", "federacion", "associazione", "asociacion",
                                     "union", "syndicate", "syndicat", "ngo", "ong", "club", "society of",
                                     # (a foundation is a non-profit body of its founders, whatever it funds)
                                     "foundation", "fondation")),
    ("company", "Organisation", ("group", "groupe", "sa", "sarl", "ltd", "inc", "corporation", "corp",
                                 "company", "industries", "holding", "technologies", "systems",
                                 "engineering", "consulting", "services", "solutions", "international",
                                 "maroc", "morocco")),
]
_CUE_RE = [(kind, label, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"))
           for kind, label, words in _CUES]

# the last word of many firm names: the small pipelines take it for a surname ("Nour Tech"), and after a
# known name it makes a subsidiary's name, not a second name ("Alpha Invest", "KDG Ventures")
FIRM_WORDS = {"tech", "technologies", "soft", "software", "labs", "lab", "systems", "solutions", "motors", "foods",
               "group", "consulting", "digital", "industries", "services", "design", "studio", "studios", "media",
               "energy", "robotics", "ventures", "capital", "partners", "invest", "engineering", "logistics",
               "pharma", "bio", "telecom", "electronics", "textile", "textiles", "agro", "sensors", "devices",
               "interactive", "games", "works", "frames", "marine", "oils", "holding", "sarl", "sa", "ltd"}

# common nouns that name a body without saying its kind ("la société X", "l'organisme allemand …, X",
# "X, a Greek company"): a name beside one is an actor
BODY_NOUNS = frozenset({"organisme", "organisation", "organization", "société", "entreprise", "firme", "firm",
                        "company", "structure", "institution", "body", "startup", "start-up", "pme"})


# heads that open a second body after « et du/de la » (« du Cluster A et du Réseau B »); the fields a
# ministry or an office names (« de la Recherche », « du Commerce », « des Technologies ») are no body
SECOND_BODY_HEADS = frozenset({"cluster", "pole", "reseau", "universite", "ministere", "agence", "banque",
                               "association", "federation", "chambre", "institut", "fondation", "incubateur",
                               "technopole", "technoparc", "groupe"})


def names_a_body(word: str) -> bool:
    """A common noun (lower case) that names a body: a generic one, or a kind word of an organisation."""
    return word in BODY_NOUNS or classify(word)[0] == "Organisation"


# The company cues are weak: "Maroc" ends many agency names too. Checked last, only as a fallback.
_WEAK = {"company"}
# A region is a government where it is the name's head, first or last ("Région Kelvo", "Orvalis Region"), not in
# a complement after another head (« Technopôle de la région »); checked after every other cue word
_REGION_HEAD = re.compile(r"^(?:the )?regions? |\bregion$")

# A name's head says its kind before any other cue word in it: "Ministry of Orvalis Cooperation" is a
# ministry, « Ministère du Plan » no plan, "… Technopark Company" a company.
_LEADING_HEADS = {"ministry": "government", "ministere": "government", "ministerio": "government",
                  "ministries": "government", "ministeres": "government",
                  "dg": "government",  # ("DG Kelvo Trade": a directorate-general)
                  # a state's or a union's mission abroad ("Delegation of the Orvalis Union to Kelvo"), a region's
                  # office (« Délégation régionale de … »): no association for the union it names
                  "delegation": "government"}
_FINAL_HEADS = {"company": "company", "corporation": "company", "sarl": "company", "ltd": "company", "inc": "company",
                "authority": "government"}  # ("… Programme Managing Authority" is the authority, not the programme)

# Phrases whose kind outweighs any single cue word in the name: a chamber of commerce or a business council is
# its members' association (not a government "council", nor a "wilaya" it is named after), an academy of sciences
# does research, a "Company for …" is a company whatever it works on.
_PHRASE_KINDS = [(re.compile(r"^(?:the )?(?:chambers? |chambres? )|\b(?:business|affaires) (?:council|conseil)\b"
                             r"|\b(?:conseil|council) (?:d )?(?:des )?affaires\b|\bchamber of commerce\b"),
                  "association"),
                 (re.compile(r"\b(?:academy of sciences|academie des sciences)\b"), "research"),
                 (re.compile(r"\bcompany (?:for|of)\b"), "company"),
                 # a business centre supports firms, whatever it develops ("Business Development Center")
                 (re.compile(r"\bbusiness (?:\w+ )?cent(?:er|re)s?\b"), "support")]

# A central bank is a public authority, not a lender: "Central Bank of X", « Banque centrale de X », "X Central
# Bank"; not « Banque Centrale Orvalis », a bank named so
_CENTRAL_BANK = re.compile(r"\b(?:central bank|banque centrale)(?:\s+(?:of|de|du|d)\b|$)")

# Names of programme families, not kind words: "Horizon" and a qualifier ("Horizon Orvalis") is a programme, while
# the word alone is one programme's short name, never a category as a kind word alone is ("the Hackathon").
PROGRAMME_FAMILIES = frozenset({"horizon"})


@lru_cache(maxsize=100_000)
def classify(name: str) -> tuple[str | None, str | None]:
    """(label, kind) a name's own words imply, or (None, None)."""
    f = re.sub(r"[^\w\s]", " ", fold(name))
    words = f.split()
    if words and words[-1] in ("accelerator", "accelerateur") and len(words) > 1:
        return "Programme", "programme"  # "MedAgriLink Accelerator": a named accelerator is a programme
    if len(words) > 2 and words[1] in _LEADING_HEADS:
        words = words[1:]  # an adjective before the head ("Kelvish Ministry of …") leaves it the head
    if len(words) > 1 and (words[0] in _LEADING_HEADS or words[-1] in _FINAL_HEADS):
        return "Organisation", _LEADING_HEADS.get(words[0]) or _FINAL_HEADS[words[-1]]
    if _CENTRAL_BANK.search(f.strip()):
        return "Organisation", "government"
    joined = " ".join(words)
    for rx, kind in _PHRASE_KINDS:
        if rx.search(joined):
            return "Organisation", kind
    for kind, label, rx in _CUE_RE:
        if kind in _WEAK:
            continue
        if rx.search(f):
            return label, kind
    if len(words) > 1 and words[0] in PROGRAMME_FAMILIES:
        return "Programme", "programme"
    if _REGION_HEAD.search(joined):
        return "Organisation", "government"
    for kind, label, rx in _CUE_RE:
        if kind in _WEAK and rx.search(f):
            return label, kind
    return None, None


# A sentence that introduces a list with a plural kind noun says what each listed body is:
# "The four clusters are A, B and C", « Les pôles membres : A, B et C ». Noun → kind.
LIST_KIND_NOUNS = {"clusters": "cluster", "poles": "cluster", "technopoles": "support",
                   "universities": "university", "universites": "university", "ministries": "government",
                   "ministeres": "government", "associations": "association", "federations": "association",
                   "banks": "funder", "banques": "funder", "donors": "funder", "bailleurs": "funder",
                   "incubators": "support", "incubateurs": "support", "accelerators": "support",
                   "networks": "network", "reseaux": "network", "companies": "company", "entreprises": "company",
                   "firms": "company", "societes": "company", "laboratories": "research", "laboratoires": "research"}
LIST_VERBS = ("are", "were", "include", "includes", "included", "being", "sont", "etaient", "comprennent",
              "incluent", "regroupe", "regroupent")


# Word lists used by the name chunker (names.py, entities.py): connectors inside names, words that are never
# names alone, sentence starters, titles that announce a person.

CONNECTORS = {"of", "for", "and", "&", "the", "de", "du", "des", "d'", "l'", "la", "le", "et", "pour", "-",
              "al", "el", "ben", "bin", "ibn",
              # Spanish, Italian and Catalan names of Mediterranean bodies ("Clúster Murciano del Mueble")
              "del", "della", "delle", "dei", "degli", "di", "y", "per",
              "do", "da", "dos", "das"}  # Portuguese ("Cluster Vinícola do Alentejo")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
          "septembre", "octobre", "novembre", "decembre", "monday", "tuesday", "wednesday", "thursday",
          "friday", "saturday", "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
# months as news datelines abbreviate them ("Amman, Dec. 6"); "may" and "mar" are words too
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
# Acronyms that name no actor.
NON_NAME_ACRONYMS = {"gdp", "pib", "fdi", "ide", "sme", "smes", "smi", "smis", "vse", "vses", "pme", "pmes", "tpe",
                     "r", "d", "rdi", "r&d", "mena", "ngo", "ngos", "ong", "ceo", "phd", "hr", "it", "b2b", "b2c",
                     "usd", "eur", "mad", "dh", "dhs", "km", "ha", "covid", "tv", "ok", "faq", "pdf", "www", "eng",
                     "fr", "ar", "ptb", "rh", "spl", "vat", "tva", "ai", "iot", "ia", "ict", "tic", "ntic", "ntics", "ii", "iii",
                     "iv", "n", "no", "usa", "uk", "us", "q", "a", "i", "icts", "tics", "wtm", "mmm", "kpi", "ca",
                     # kinds of firms, funds and services, and of training, named by their generic acronym
                     "pmi", "pmis", "tpme", "tpmes", "mpme", "mpmes", "msme", "msmes", "opcvm", "tvet", "rtd", "bds",
                     "bso", "bsos", "tto", "ttos", "neet", "neets", "jpeg", "jpg", "png"}
# Words that, alone or only together with other such words, name a category, not an actor.
GENERIC = {"linkedin", "whatsapp", "facebook", "twitter", "instagram", "youtube", "tiktok",  # a page's share buttons
           "cluster", "clusters", "ministry", "ministere", "government", "gouvernement", "state", "etat", "region",
           "regions", "table", "figure", "source", "sources", "abstract", "introduction", "conclusion",
           "conclusions", "members", "member", "membres", "partners", "partner", "partenaires", "companies",
           "company", "startups", "startup", "start", "ups", "start-ups", "institutions", "institution",
           "universities", "university", "universite", "research", "centers", "centres", "center", "centre",
           "organisations", "organizations", "associations", "association", "federations", "enterprises",
           "industries", "industry", "industrie", "sector", "sectors", "secteur", "program", "programme",
           "programs", "project", "projects", "projet", "network", "reseau", "platform", "platforms", "agency",
           "agencies", "office", "board", "directors", "council", "president", "director", "manager", "team",
           "group", "groupe", "national", "international", "regional", "local", "public", "private", "global",
           "new", "innovation", "development", "management", "services", "service", "products", "product",
           "training", "schools", "school", "laboratories", "laboratory", "labs", "lab", "communities",
           "authorities", "unions", "trade", "commerce", "section", "chapter", "annex", "appendix", "note",
           "notes", "step", "phase", "part", "mr", "mrs", "ms", "dr", "prof", "mme", "m", "madame",
           "monsieur", "world", "europe", "africa", "mediterranean", "north", "south", "east", "west",
           "economic", "economy", "industrial", "technology", "technologies", "institutes", "institute",
           "ecosystem", "ecosystems", "strategy", "strategies", "policy", "policies", "plan", "plans",
           "initiative", "initiatives", "fund", "funds", "label", "track", "voucher", "cooperatives",
           "cooperative", "incubator", "accelerator", "hub", "park", "zone", "zones", "free", "mot", "du",
           "welcome", "contact", "about", "home", "news", "events", "event", "picture", "photo", "image",
           "european", "african", "arab", "arabic", "mediterranean", "maghrebian", "maghreb", "asian", "american",
           "large", "small", "medium", "big", "major", "leading", "main", "various", "several", "first", "last",
           "court", "dahir", "decree", "law", "article", "euro", "euros", "dirham", "dirhams", "type", "based",
           "oriented", "led", "related", "specific", "wide", "agropoles", "technoparks", "technoparc",
           "technopoles", "kingdom", "royaume", "valley", "city", "province", "provinces", "specialisation",
           "specialization", "members", "creation", "year",
           # a web page's furniture ("Print Friendly", "PDF & Email", « Partager », « Actu »)
           "email", "e-mail", "print", "friendly", "share", "tweet", "submitted", "anonymous", "download",
           "subscribe", "newsletter", "login", "menu", "skip", "cookies", "banner", "accueil", "partager",
           "imprimer", "telecharger", "actu", "actualites"}
# Capitalised words that start sentences or headings and are no part of a name.
STARTERS = {"under", "throughout", "across", "towards", "toward", "upon", "amid", "si", "sous", "vers", "chez",
            "lorsque", "puisque", "tout", "toute", "tous", "chaque", "every", "non", "oui", "yes", "no", "mesdames", "messieurs", "sans", "chers", "cheres", "dear", "faute", "representatives", "representative", "delegates", "delegation", "officials", "participants",
            "representants", "delegues", "meet", "introduce", "picture", "never", "loved", "subscribe", "building", "among", "also", "more",
            "today", "thus", "indeed", "however", "moreover", "additionally", "furthermore", "according",
            "since", "regarding", "before", "after", "during", "despite", "within", "faced", "even", "other",
            "several", "currently", "selection", "meetings", "what", "how", "why", "where", "when", "who",
            "which", "while", "with", "without", "through", "thanks", "following", "finally", "first",
            "second", "third", "here", "there", "each", "both", "all", "many", "most", "some", "such",
            "established", "created", "founded", "launched", "located", "based", "supported", "funded",
            "grace", "suite", "depuis", "selon", "ainsi", "enfin", "mais", "donc", "car", "puis", "cependant",
            "toutefois", "pourtant", "egalement", "aussi", "ensuite", "alors", "desormais", "neanmoins", "quant",
            "certes", "aujourd'hui", "parmi", "chaque", "dans",
            "pour", "par", "avec", "apres", "avant", "lors", "en", "au", "aux", "outre", "mot", "cette", "ce",
            "ces", "nos", "notre", "nous", "vous", "votre", "vos", "leur", "leurs", "son", "sa", "ses", "il",
            "elle", "ils", "elles", "on", "une", "un", "des", "les", "le", "la", "l'", "d'", "de", "du", "et",
            "or", "but", "so", "yet", "as", "if", "in", "on", "at", "by", "for", "from", "to", "of", "an",
            "a", "the", "this", "that", "these", "those", "our", "your", "their", "its", "his", "her", "we",
            "they", "it", "he", "she", "you", "i", "my", "me", "us", "them", "be", "is", "are", "was",
            "were", "has", "have", "had", "do", "does", "did", "not", "no", "yes", "one", "two", "three",
            "four", "five", "six", "seven", "eight", "nine", "ten", "dear", "chers", "cher", "l", "d",
            "conventional", "source", "table", "figure", "fig", "abstract", "note", "notes", "step", "mission",
            "vision", "objective", "objectives", "goal", "our", "notably", "especially", "namely", "including",
            "particularly", "moreover", "specifically", "generally", "overall", "similarly", "likewise",
            "nevertheless", "nonetheless", "therefore", "hence", "besides", "meanwhile", "otherwise", "lastly",
            "previously", "recently", "initially", "originally", "subsequently", "later", "earlier", "now",
            "then", "exchange", "work", "create", "promote", "facilitate", "develop", "bring", "giving",
            "solving", "boosting", "stimulating", "completing", "recruitment", "creation", "support",
            "operator", "partner", "training", "technology", "facilitator", "key", "clients", "companies",
            "in", "organization", "organisation", "partnerships", "work", "exchange", "incubate"}
PERSON_TITLES = {"mr", "mrs", "ms", "dr", "prof", "pr", "professor", "mme", "mlle", "madame", "monsieur", "sir", "dame",
                 "president", "ceo", "director", "minister", "m"}


def dated_title(toks) -> bool:
    """'Vision 2030', 'Agenda 2063': a programme word alone, capitalised, before a year is the title of that
    programme (`toks`: the word's token and the next one, objects with .text and .f)."""
    return len(toks) == 2 and toks[0].text[:1].isupper() and re.fullmatch(r"(?:19|20)\d\d", toks[1].text) is not None \
        and classify(toks[0].f)[0] == "Programme"
