"""Word lists for structured text: places (canonical English name + kind), sectors, and the
generic words that make up category phrases ("Anchor companies", "Research Laboratories").

Places and sectors get a `canonical` name because one region is written many ways in the
genre ("Souss Massa Drâa region", "Souss-Massa-Draa") and one sector too ("agro-food",
"agroalimentaire"). The shared vocabularies `ingest/data/sectors.tsv` (name, aliases) and
`ecograph/data/places.tsv` (name, kind, country, aliases) are read when present, so every extractor
names sectors and places alike; the built-in tables below only add to them (they win on conflict).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from ecograph.ids import fold
from ecograph.datafiles import PLACES_TSV

DATA = Path(__file__).resolve().parent / "data"

# canonical -> (kind, aliases). Cities and regions of the Mediterranean cluster ecosystem that
# appear as "Region" cells; the list is a gazetteer, not a guess: a cell word not in it is not a place.
_PLACES: dict[str, tuple[str, tuple[str, ...]]] = {
    # countries
    "Morocco": ("country", ("Maroc", "Kingdom of Morocco")),
    "Tunisia": ("country", ("Tunisie",)),
    "Algeria": ("country", ("Algérie",)),
    "Egypt": ("country", ("Egypte", "Égypte")),
    "Lebanon": ("country", ("Liban",)),
    "Jordan": ("country", ("Jordanie",)),
    "Libya": ("country", ("Libye",)),
    "Palestine": ("country", ()),
    "Israel": ("country", ()),
    "Turkey": ("country", ("Türkiye", "Turquie")),
    "Greece": ("country", ("Grèce",)),
    "Cyprus": ("country", ("Chypre",)),
    "Malta": ("country", ("Malte",)),
    "Italy": ("country", ("Italie",)),
    "Spain": ("country", ("Espagne",)),
    "France": ("country", ()),
    "Portugal": ("country", ()),
    "Germany": ("country", ("Allemagne",)),
    # Moroccan cities
    "Casablanca": ("city", ("Casa",)),
    "Rabat": ("city", ()),
    "Mohammedia": ("city", ()),
    "Marrakech": ("city", ("Marrakesh",)),
    "Fes": ("city", ("Fès", "Fez")),
    "Meknes": ("city", ("Meknès",)),
    "Tangier": ("city", ("Tanger",)),
    "Tetouan": ("city", ("Tétouan",)),
    "Agadir": ("city", ()),
    "Oujda": ("city", ()),
    "Kenitra": ("city", ("Kénitra",)),
    "Settat": ("city", ()),
    "El Jadida": ("city", ()),
    "Safi": ("city", ()),
    "Laayoune": ("city", ("Laâyoune", "El Aaiún")),
    "Dakhla": ("city", ()),
    "Tan-Tan": ("city", ("Tan Tan",)),
    "Guelmim": ("city", ()),
    "Nador": ("city", ()),
    "Berkane": ("city", ()),
    "Beni Mellal": ("city", ("Béni Mellal",)),
    "Khouribga": ("city", ()),
    "Ouarzazate": ("city", ()),
    "Errachidia": ("city", ()),
    "Taza": ("city", ()),
    "Larache": ("city", ()),
    "Essaouira": ("city", ()),
    "Skhirat": ("city", ()),
    "Temara": ("city", ("Témara",)),
    "Salé": ("city", ("Sale",)),
    "Berrechid": ("city", ()),
    "Nouaceur": ("city", ()),
    # Moroccan regions (old and new names)
    "Souss-Massa-Drâa": ("region", ("Souss Massa Drâa", "Souss-Massa-Draa")),
    "Souss-Massa": ("region", ("Souss Massa",)),
    "Grand Casablanca": ("region", ("Greater Casablanca",)),
    "Casablanca-Settat": ("region", ()),
    "Rabat-Salé-Kénitra": ("region", ("Rabat-Sale-Kenitra",)),
    "Tanger-Tétouan-Al Hoceïma": ("region", ("Tanger-Tetouan-Al Hoceima", "Tangier-Tetouan-Al Hoceima")),
    "Tangier-Tetouan": ("region", ("Tanger-Tétouan", "Tanger-Tetouan")),
    "Fès-Meknès": ("region", ("Fes-Meknes",)),
    "Marrakech-Safi": ("region", ()),
    "Marrakech-Tensift-Al Haouz": ("region", ()),
    "Oriental": ("region", ("L'Oriental", "Oriental region")),
    "Béni Mellal-Khénifra": ("region", ("Beni Mellal-Khenifra",)),
    "Drâa-Tafilalet": ("region", ("Draa-Tafilalet",)),
    "Guelmim-Oued Noun": ("region", ()),
    "Guelmim-Es Semara": ("region", ("Guelmim Es-Smara", "Guelmim-Es Smara")),
    "Laâyoune-Sakia El Hamra": ("region", ("Laayoune-Sakia El Hamra",)),
    "Dakhla-Oued Ed-Dahab": ("region", ()),
    "Gharb-Chrarda-Béni Hssen": ("region", ("Gharb Chrarda Bni Hssen",)),
    # other Mediterranean cities with clusters / technoparks
    "Tunis": ("city", ()),
    "Sfax": ("city", ()),
    "Sousse": ("city", ()),
    "Monastir": ("city", ()),
    "Bizerte": ("city", ()),
    "Algiers": ("city", ("Alger",)),
    "Oran": ("city", ()),
    "Constantine": ("city", ()),
    "Cairo": ("city", ("Le Caire",)),
    "Alexandria": ("city", ("Alexandrie",)),
    "Beirut": ("city", ("Beyrouth",)),
    "Tripoli": ("city", ()),
    "Amman": ("city", ()),
    "Marseille": ("city", ()),
    "Lyon": ("city", ()),
    "Paris": ("city", ()),
    "Montpellier": ("city", ()),
    "Toulouse": ("city", ()),
    "Barcelona": ("city", ("Barcelone",)),
    "Madrid": ("city", ()),
    "Valencia": ("city", ("Valence",)),
    "Rome": ("city", ("Roma",)),
    "Milan": ("city", ("Milano",)),
    "Naples": ("city", ("Napoli",)),
    "Athens": ("city", ("Athènes",)),
    "Istanbul": ("city", ()),
}

# Words that may sit in a region cell around a place name: "Tan-Tan region", "TechnoPark in Casablanca".
PLACE_WORDS = {"region", "regions", "province", "provinces", "prefecture", "city", "town", "ville", "wilaya",
               "park", "technopark", "technoparc", "technology", "technopole", "zone", "free", "industrial",
               "greater", "grand", "area", "metropolitan", "in", "of", "the", "de", "du", "la", "le", "and",
               "et", "et", "all", "national", "nationwide", "morocco", "maroc", "kingdom"}

# canonical -> aliases. The fallback sector vocabulary (see module docstring).
_SECTORS: dict[str, tuple[str, ...]] = {
    "Agri-food": ("agrifood", "agri food", "agro-food", "agro food", "agroalimentaire", "agro-alimentaire",
                  "food", "food processing", "food-processing", "agribusiness", "food industry",
                  "agro-food industry", "agro-industry", "agro-industrie", "agroindustry", "agro-business"),
    "Agriculture": ("agricultural", "farming"),
    "Aeronautics": ("aerospace", "aeronautic", "aéronautique", "aeronautique", "aeronautics and space",
                    "aerospace industry", "aéronautique et spatial", "aviation"),
    "Automotive": ("automobile", "automotive industry", "car industry"),
    "ICT": ("information communication technology", "information and communication technology",
            "information and communication technologies", "information communication technologies",
            "tic", "numérique", "numerique", "information technology"),
    "Electronics": ("electronic", "électronique", "electronique"),
    "Microelectronics": ("microelectronic", "microélectronique", "micro-electronics", "micro-electronic"),
    "Mechatronics": ("mechatronic", "mécatronique", "mecatronique"),
    "Mechanics": ("mechanical", "mécanique", "mecanique"),
    "Textile": ("textiles", "textile industry", "textile and clothing", "textile-clothing", "textile et habillement",
                "textile-habillement"),
    "Technical textiles": ("technical textile", "textile technique", "textiles techniques"),
    "Seafood products": ("seafood", "sea products", "fishery products", "produits de la mer",
                         "halieutique", "halieutic", "fisheries", "fishing", "pêche", "peche"),
    "Cosmetics": ("cosmetic", "cosmétique", "cosmetique", "cosmétiques", "luxury cosmetics"),
    "Eco-construction": ("eco-constructions", "eco constructions", "eco - constructions", "eco construction",
                         "green building", "sustainable construction", "éco-construction"),
    "Construction": ("building", "bâtiment", "btp", "construction materials"),
    "Industry": ("industrial", "industrie"),
    "Solar energy": ("solar", "énergie solaire", "energie solaire", "solar power"),
    "Wind energy": ("wind", "éolien", "eolien", "wind power"),
    "Renewable energy": ("renewable energies", "renewables", "énergies renouvelables", "energies renouvelables",
                         "énergie renouvelable"),
    "Energy efficiency": ("efficacité énergétique", "efficacite energetique"),
    "Energy": ("énergie", "energie"),
    "Olive oil": ("olives and olive oil", "olive", "huile d'olive"),
    "Green tech": ("green technologies", "greentech", "cleantech", "clean tech", "clean technologies"),
    "Offshoring": ("offshore services",),
    "Logistics": ("logistique",),
    "Tourism": ("tourisme",),
    "Health": ("santé", "sante", "healthcare", "health care"),
    "Pharmaceuticals": ("pharmaceutical", "pharma", "pharmaceutique", "pharmacie"),
    "Biotechnology": ("biotech", "biotechnologies", "biotechnologie"),
    "Chemicals": ("chemistry", "chimie", "chemical", "chemical industry"),
    "Environmental services": ("environment", "environnement", "environmental", "services environnementaux"),
    "Water": ("eau",),
    "Handicrafts": ("crafts", "artisanat", "handicraft"),
    "Creative industries": ("cultural and creative industries", "industries créatives", "industries culturelles et créatives"),
    "Media": ("médias", "medias"),
    "New technologies": ("new technology", "nouvelles technologies"),
    "Plastics": ("plastic", "plasturgie"),
    "Leather": ("cuir",),
    "Mining": ("mines", "mining industry"),
    "Maritime": ("marine", "maritime industries", "shipbuilding", "naval"),
}


def _key(s: str) -> str:
    """Folded key of a term: accents, case, hyphens and spacing do not matter."""
    s = fold(s).replace("\u2019", "'")
    s = re.sub(r"[\s\-\u2013/]+", " ", s)
    return re.sub(r"[^\w' ]", "", s).strip()


def _read_places_tsv() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The shared place list (`ecograph/data/places.tsv`: name, kind, country, aliases), when present."""
    path = PLACES_TSV
    if not path.exists():
        return {}
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        rows = list(csv.DictReader(lines, delimiter="\t"))
    except (OSError, csv.Error, UnicodeDecodeError):
        return {}
    out = {}
    for r in rows:
        name, kind = (r.get("name") or "").strip(), (r.get("kind") or "").strip()
        if name and kind in ("country", "region", "city"):
            out[name] = (kind, tuple(a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()))
    return out


@lru_cache(maxsize=1)
def place_index() -> dict[str, tuple[str, str]]:
    """key of a name or alias -> (canonical, kind). The shared file wins over the built-in list."""
    idx: dict[str, tuple[str, str]] = {}
    for canon, (kind, aliases) in [*_read_places_tsv().items(), *_PLACES.items()]:
        for n in (canon, *aliases):
            idx.setdefault(_key(n), (canon, kind))
    return idx


@lru_cache(maxsize=1)
def place_tokens() -> frozenset[str]:
    """Every word of every place name: a region cell is made of these and PLACE_WORDS."""
    return frozenset(t for k in place_index() for t in k.split())


def _read_sectors_tsv() -> dict[str, tuple[str, ...]]:
    path = DATA / "sectors.tsv"
    if not path.exists():
        return {}
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        rows = list(csv.DictReader(lines, delimiter="\t"))
    except (OSError, csv.Error, UnicodeDecodeError):
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for r in rows:
        name = (r.get("name") or r.get("sector") or r.get("canonical") or "").strip()
        if not name:
            continue
        aliases = tuple(a.strip() for a in re.split(r"[|;]", r.get("aliases") or "") if a.strip())
        out[name] = aliases
    return out


@lru_cache(maxsize=1)
def sector_index() -> dict[str, str]:
    """key of a sector term -> canonical sector name. The shared file wins over the fallback."""
    idx: dict[str, str] = {}
    for table in (_read_sectors_tsv(), _SECTORS):
        for canon, aliases in table.items():
            for n in (canon, *aliases):
                idx.setdefault(_key(n), canon)
    return idx


def term_key(s: str) -> str:
    return _key(s)


# Heads and modifiers of category phrases in member cells: a name made only of these words
# ("Research Laboratories", "Professional Associations", "SMEs") names a kind of actor, not an actor.
GENERIC = {
    "manufacturers", "manufacturer", "suppliers", "producers", "exporters", "processors", "distributors",
    "fabricants", "fournisseurs", "producteurs", "exportateurs", "transformateurs", "equipementiers",
    "subcontractors", "sous-traitants", "hospitals", "hopitaux", "investors", "investisseurs", "selection",
    "companies", "company", "firms", "firm", "enterprises", "enterprise", "entreprises", "entreprise",
    "sme", "smes", "pme", "pmes", "tpe", "tpme", "startups", "start", "ups", "start-ups", "startup",
    "members", "member", "membres", "membre", "adherents", "adhérents", "founding", "fondateurs", "founders",
    "institutions", "institution", "institutional", "institutionnels", "institutionnel", "organizations",
    "organisations", "organization", "organisation", "organismes", "universities", "university",
    "universités", "schools", "school", "écoles", "ecoles", "laboratories", "laboratory", "laboratoires",
    "labs", "centres", "centers", "centre", "center", "research", "recherche", "study", "studies", "training",
    "formation", "communities", "community", "collectivités", "collectivites", "associations", "association",
    "federations", "federation", "fédérations", "unions", "union", "trade", "professional", "professionals",
    "professionnels", "professionnelles", "industries", "industry", "industriels", "industrials",
    "operators", "opérateurs", "partners", "partenaires", "public", "private", "publics", "privés",
    "large", "small", "medium", "big", "grandes", "grands", "petites", "moyennes", "multinationals",
    "multinational", "anchor", "local", "authorities", "autorités", "technical", "technological",
    "technology", "technologies", "engineering", "higher", "education", "vocational", "others", "other",
    "autres", "various", "several", "divers", "total", "board", "directors", "administrators",
    "administrateurs", "bureau", "council", "institutes", "institutes", "banks", "banques", "investors",
    "investisseurs", "experts", "researchers", "chercheurs", "academia", "academics", "support",
    "national", "international", "internationales", "foreign", "étrangères", "moroccan", "marocaines",
    "marocains", "french", "and", "et", "of", "de", "des", "du", "the", "les", "la", "le", "in", "en",
    "clusters", "cluster", "sector", "secteur", "actors", "acteurs", "stakeholders", "bodies",
    "agencies", "ministries", "government", "governmental", "académiques", "academiques", "financial",
    "financiers", "services", "service", "suppliers", "fournisseurs", "subcontractors", "sous-traitants",
    "sub-contracting", "cooperatives", "coopératives", "incubators", "incubateurs", "ngos", "ong",
}

# Names whose "&" or "and" is part of the name, not a list separator.
AMPERSAND_NAMES = {"procter & gamble", "ernst & young", "johnson & johnson", "marks & spencer",
                   "black & decker", "arts et metiers", "arts et métiers", "at&t"}

# Countries kept out of member lists: a bare country in a members cell is a scope, not a member.
def is_place(name: str) -> bool:
    return _key(name) in place_index()


# --- what a text holds: places and sectors (the cells of flattened and fixed-width tables) ---------

_CONNECTOR = {"and", "et", "&", "or"}
_cached_term_key = lru_cache(maxsize=65536)(term_key)  # the same words come back in every candidate cell


def place_like(text: str) -> bool:
    """A line made only of place names and words that go with them ("Agadir region,", "park, Rabat")."""
    toks = term_key(text).split()
    if not toks:
        return False
    pt = place_tokens()
    return all(t in pt or t in PLACE_WORDS for t in toks)


def places_in(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, canonical, kind) of gazetteer places in text, longest match first."""
    idx = place_index()
    toks = [(m.start(), m.end(), term_key(m.group())) for m in re.finditer(r"[\w'’]+", text)]
    out = []
    k = 0
    while k < len(toks):
        hit = None
        for n in range(min(5, len(toks) - k), 0, -1):
            key = " ".join(t[2] for t in toks[k:k + n])
            if key in idx:
                hit = (n, idx[key])
                break
        if hit:
            n, (canon, kind) = hit
            nxt = toks[k + n][2] if k + n < len(toks) else ""
            if nxt in ("region", "province", "regions", "wilaya") and kind == "city":
                kind = "region"
            out.append((toks[k][0], toks[k + n - 1][1], canon, kind))
            k += n
        else:
            k += 1
    return out


def sectors_prefix(text: str) -> list[tuple[int, int, str]]:
    """Sector terms at the start of text, joined by and/&/commas: 'Electronics and Mechatronics'.
    Stops at the first word that is not part of a known sector (the specialisation cell)."""
    idx = sector_index()
    toks = [(m.start(), m.end()) for m in re.finditer(r"[\w'’&]+", text)]
    out = []
    k = 0
    while k < len(toks):
        hit = None
        for n in range(min(4, len(toks) - k), 0, -1):
            key = _cached_term_key(text[toks[k][0]:toks[k + n - 1][1]])
            if key in idx:
                hit = (n, idx[key])
                break
        if hit is None:
            break
        out.append((toks[k][0], toks[k + hit[0] - 1][1], hit[1]))
        k += hit[0]
        gap = text[toks[k - 1][1]:toks[k][0]] if k < len(toks) else ""
        if k < len(toks) and fold(text[toks[k][0]:toks[k][1]]) in _CONNECTOR:
            k += 1
        elif "," in gap or "/" in gap:
            continue
        else:
            break
    return out
