"""Name keys for resolution: what a name is without its typography, its cue words and its place tag,
and what qualifiers (countries, cities, Northern/Southern) tell two bodies apart.

`loose_key` ("Cluster Atlas" = "Atlas Cluster"), `strip_country_tag`, `clean_name` (quotes, a bare
place tag → alias), `qualifiers` + `clash` (the guard every merge passes), programme keys ("Zephyr",
"Zephyr Program", "Project Zephyr").
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from ecograph.ids import norm

from ecograph.kinds import GENERIC, STARTERS, classify
from ecograph.datafiles import PLACES_TSV

# Words that move or come and go in a name without changing what it names:
# "Cluster MENARA" / "Menara Cluster", "Technopole of Oujda" / "Oujda Technopole",
# "Pôle Agadir Haliopôle" / "Agadir Haliopôle". Corporate forms ("Group", "SA") are NOT movable:
# "X Group" and "X Tunisia" are usually a parent and its subsidiary, two legal entities.
_MOVABLE = {"cluster", "pole", "the", "le", "la", "les", "l", "du", "de", "des", "d", "of", "in", "for", "s"}
_CLUSTER_WORDS = {"cluster", "clusters", "pole", "poles", "technopole"}
# Regnal and ordinal numbers written several ways ("Hassan 1st", "Hassan I", "Hassan 1er").
_ORDINALS = {"1st": "i", "1er": "i", "first": "i", "2nd": "ii", "2": "ii", "1": "i"}


@lru_cache(maxsize=1)
def _place_words() -> tuple[dict[str, str], frozenset[str]]:
    """(demonym or alias → canonical place key, set of place keys) from ecograph/data/places.tsv."""
    path = PLACES_TSV
    to_place: dict[str, str] = {}
    keys: set[str] = set()
    if path.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        for r in csv.DictReader(lines, delimiter="\t"):
            k = norm(r["name"])
            keys.add(k)
            for a in (r.get("aliases") or "").split("|") + (r.get("demonyms") or "").split("|"):
                if a.strip():
                    to_place[norm(a)] = k
                    keys.add(norm(a))
    return to_place, frozenset(keys)


@lru_cache(maxsize=1)
def _demonyms_only() -> frozenset[str]:
    """Demonyms that are no place's name or alias ("italienne", "moroccan"): adjectives of a name, not tags."""
    to_place, keys = _place_words()
    names: set[str] = set()
    path = PLACES_TSV
    if path.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        for r in csv.DictReader(lines, delimiter="\t"):
            names.add(norm(r["name"]))
            names.update(norm(a) for a in (r.get("aliases") or "").split("|") if a.strip())
    return frozenset(k for k in keys if k not in names)


def _singular(word: str) -> str:
    """'clusters' → 'cluster': a plural ending on a word long enough not to be a name's own "s"
    ("Tunis", "Fes", "campus" keep theirs)."""
    if len(word) >= 5 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# British and American spellings of one word ("Commercialisation" / "Commercialization", "Centre" /
# "Center"): a name written both ways is one name. Only endings no other word shares.
_SPELLING = re.compile(r"(?<=[a-z]{3})is(ation|ations|ing|ed)$")
_SPELLED = {"centre": "center", "centres": "centers", "organisation": "organization", "theatre": "theater",
            "neighbourhood": "neighborhood", "neighbour": "neighbor", "neighbours": "neighbors", "labour": "labor",
            "harbour": "harbor"}


def _spelling(word: str) -> str:
    return _SPELLED.get(word) or _SPELLING.sub(r"iz\1", word)


def _compounded(toks: list[str]) -> list[str]:
    """'techno park' → 'technopark': a head noun written in two words is the head noun; one spelling of
    a word spelled two ways (`_SPELLING`)."""
    out: list[str] = []
    for t in map(_spelling, toks):
        if out and out[-1] + t in _HEAD_WORDS:
            out[-1] += t
        else:
            out.append(t)
    return out


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The exact key two spellings of one name share: `norm` with plurals made singular and a head
    written in two words joined ("Orvalis Clusters" / "Orvalis Cluster", "Techno Park" / "TechnoPark").
    A plural of heads alone names a category ("Technoparks"), never the one body its singular may be."""
    toks = _compounded(norm(name).split())
    if all(t in _HEAD_WORDS or t in _MOVABLE for t in toks):
        return " ".join(toks)
    return " ".join(_singular(t) for t in toks)


@lru_cache(maxsize=1 << 16)  # ~100 calls per document on the same few names (a third of resolve time)
def loose_key(name: str) -> str:
    """Order-, cue-word- and spelling-insensitive key for Organisation/Programme names.

    Demonyms become their country ("Moroccan" → "morocco"), possessives and
    movable words go, ordinals are unified, a head written in two words is one, tokens are sorted."""
    to_place, _ = _place_words()
    toks = []
    words = _compounded(norm(name).split())
    if len(words) > 2 and words[0] == "association" and _CLUSTER_WORDS & set(words[1:]):
        words = words[1:]  # « Association du Cluster X » is the cluster's legal form, not another body
    for t in words:
        t = _ORDINALS.get(t, t)
        t = to_place.get(t, t)
        t = _IN_ENGLISH.get(t, t)
        if len(t) >= 8 and t.endswith("ique"):
            t = t[:-4] + "ic"  # « Robotique » / "Robotic", « Atlantique » / "Atlantic"
        if t not in _MOVABLE:
            toks.append(t)
    if "chamber" in toks and "commerce" in toks:
        toks = [t for t in toks if t not in _CHAMBER_OPTIONAL]
    return " ".join(sorted(toks))


# French words of body names and their English: « Centre Technique du Textile » is the "Textile Technical
# Center" written in the other language (`loose_key` sorts the words, so their order does not matter).
HEAD_TRANSLATIONS = {"conseil": "council", "agence": "agency", "chambre": "chamber", "ministere": "ministry",
                     "universite": "university", "reseau": "network", "pole": "cluster", "centre": "center",
                     "institut": "institute", "banque": "bank", "fondation": "foundation", "ecole": "school",
                     "office": "office", "federation": "federation", "association": "association",
                     "union": "union", "societe": "company", "groupement": "group", "incubateur": "incubator",
                     "parc": "park", "technopole": "technopark", "faculte": "faculty", "academie": "academy"}
_IN_ENGLISH = {**{k: v for k, v in HEAD_TRANSLATIONS.items() if k != "technopole"},  # (a technopole is no park)
               "technique": "technical", "techniques": "technical", "nationale": "national",
               "regionale": "regional", "internationale": "international", "industriel": "industrial",
               "industrielle": "industrial", "economique": "economic", "scientifique": "scientific",
               "recherche": "research", "developpement": "development", "industrie": "industry", "et": "and",
               "numerique": "digital", "reforme": "reform", "croissance": "growth", "bleu": "blue", "bleue": "blue",
               "vert": "green", "verte": "green", "durable": "sustainable", "superieur": "higher",
               "enseignement": "education", "sante": "health", "emploi": "employment", "peche": "fisheries",
               "tourisme": "tourism", "environnement": "environment", "energie": "energy", "eau": "water",
               "investissement": "investment", "economie": "economy", "jeunesse": "youth", "affaires": "affairs",
               "entreprises": "enterprises", "petites": "small", "moyennes": "medium"}
# A chamber of commerce is written with and without its industry: "X Chamber of Industry and Commerce" and
# "X Chamber of Commerce", « Chambre de Commerce et d'Industrie de X » and « Chambre de Commerce de X ».
_CHAMBER_OPTIONAL = {"industry", "and"}


def strip_country_tag(key: str) -> str | None:
    """'qoot lebanon' → 'qoot', 'textile technique du sahel tunis' → '…sahel': a trailing place
    name tags where an organisation is, not what it is. None when nothing would be left."""
    to_place, places = _place_words()
    toks = key.split()
    if len(toks) >= 2 and (toks[-1] in places or toks[-1] in to_place):
        rest = toks[:-1]
        while rest and rest[-1] in ("of", "in", "de", "du", "d"):
            rest = rest[:-1]
        # What is left may be a bare head ("technopark casablanca" → "technopark"). Callers keep such a
        # key apart: it may meet a name written bare, never another stripped name ("universite de
        # toulon" and "universite de sfax" both strip to "universite").
        if rest and any(t not in places and t not in _MOVABLE for t in rest):
            return " ".join(rest)
    return None


# Quotes and stray punctuation around a name are typography, not the name ("“Atlas” Cluster,").
_QUOTE_CHARS = "\"'“”«»„‟‘’`"
_EDGE_JUNK = _QUOTE_CHARS + ",;:·•*|/\\-–— \t"
_LEADING_QUOTED = re.compile(r"^[\"“«‘']\s*([^\"”»’']{2,40}?)\s*[\"”»’']\s+(\S.{3,})$")


def clean_name(name: str, untag: bool = True) -> tuple[str, list[str]]:
    """(name as the documents mean it, other names it carries).

    '“Atlas” Agile Trade Link Alliance' → ('Agile Trade Link Alliance', ['Atlas']): a quoted short name
    before its long expansion; '« Cluster Bleu »' → 'Cluster Bleu'; 'Orion Morocco' → ('Orion',
    ['Orion Morocco']): a bare trailing country or city tags where a body is, not what it is (the
    place stays in the aliases and the country attribute). A tag after "of"/"de" is part of the name
    ("Embassy of Spain"), and so is one whose removal leaves a head or a common word ("Startup Maroc")."""
    extra: list[str] = []
    m = _LEADING_QUOTED.match(name.strip())
    if m and " " in m.group(2).strip():
        extra.append(m.group(1).strip())
        name = m.group(2)
    cleaned = name.strip(_EDGE_JUNK)
    if not cleaned:
        return name.strip(), extra
    if any(q in cleaned for q in _QUOTE_CHARS[:-1] if q not in "'’"):
        cleaned = re.sub(r"\s+", " ", re.sub(r"[\"“”«»„‟]", " ", cleaned)).strip()
    # (programmes keep it: "Plan Vert Maroc" is a name)
    stripped = (_untagged(cleaned) or _local_head(cleaned)) if untag else None
    if stripped:
        extra.append(cleaned)
        cleaned = stripped
    bare = _acronym_of_headed(cleaned)
    if bare:
        extra.append(bare)
    return cleaned, extra


def _acronym_of_headed(name: str) -> str | None:
    """'KIVA Association' / 'Réseau KIVA' / 'Moroccan KIVA Network' → 'KIVA': an acronym with a body noun only
    (and a place word) is the body the acronym names (the noun says what it is, not which)."""
    to_place, places = _place_words()
    words = name.split()
    if len(words) == 3:
        words = [w for w in words if norm(w) not in places and norm(w) not in to_place]
    if len(words) != 2:
        return None
    for acr, head in (words, words[::-1]):
        if acr.isupper() and 2 <= sum(c.isalpha() for c in acr) and len(acr) <= 8 and \
                norm(head) in _BODY_HEADS | {"network", "reseau", "cluster", "pole", "technopark", "technopole", "technoparc"}:
            return acr
    return None


# « le Technoparc de la région », "the Incubator of the City": a head and the page's own place, said without its
# name, is the page's bare head ("the Technoparc")
_OF_THE_PLACE = re.compile(r"^(\S.*?)\s+(?:de\s+la\s+(?:r[ée]gion|ville)|du\s+gouvernorat|"
                           r"of\s+the\s+(?:region|city|governorate))$", re.I)


def _local_head(name: str) -> str | None:
    m = _OF_THE_PLACE.match(name)
    return m.group(1) if m and _head_only(loose_key(m.group(1))) else None


@lru_cache(maxsize=1 << 16)
def _untagged(name: str) -> str | None:
    """'Orion Morocco' → 'Orion' (see clean_name); None when the tag belongs to the name."""
    words = name.split()
    if len(words) < 2:
        return None
    to_place, places = _place_words()
    last = norm(words[-1])
    if not _is_place_tag(last, places) or last in _demonyms_only():
        return None  # « Croissance Verte Tunisienne »: an adjective of the name, not a tag after it
    if norm(words[-2]) in ("of", "in", "de", "du", "d", "des", "en", "for", "pour", "and", "et") or \
            words[-2].endswith(("'", "’", "-")) or norm(words[-2]) in _COMPASS:
        return None  # (« … of Northern Tuscany »: a compass word makes the place part of the name)
    rest = " ".join(words[:-1]).rstrip(_EDGE_JUNK)  # "Kelvo y Tessaro: Egypt"
    key = norm(rest)
    if not key or _head_only(loose_key(rest)) or not _significant(key):
        return None
    if len(key.split()) == 1 and (key in _COMMON_WORDS or classify(rest)[1] is not None or len(key) < 3):
        return None  # "Startup Maroc", "Invest Tunisia": the tag is part of a short brand
    return rest


# Parties that are no place but tag a name as places do: "… UE-Maroc", "… EU-Tunisia" (an agreement's parties)
_BLOCS = {"eu", "ue"}


def _is_place_tag(word: str, places: frozenset[str]) -> bool:
    """A place ("maroc"), or two parties joined by a hyphen ("ue maroc" from "UE-Maroc")."""
    if word in places:
        return True
    parts = word.split()
    return len(parts) == 2 and all(p in places or p in _BLOCS for p in parts) and any(p in places for p in parts)


# Qualifiers that tell two bodies of the same sort apart: places and compass words
# ("Northern …" ≠ "Southern …", "… of Spain" ≠ "… of Italy").
_COMPASS = {"north": "n", "northern": "n", "nord": "n", "south": "s", "southern": "s", "sud": "s",
            "east": "e", "eastern": "e", "est": "e", "orient": "e", "oriental": "e", "west": "w", "western": "w",
            "ouest": "w", "occidental": "w", "central": "c", "centre": "c", "center": "c"}


@lru_cache(maxsize=1)
def _place_facts() -> dict[str, tuple[str, str]]:
    """place key → (kind, country key) from ecograph/data/places.tsv."""
    path = PLACES_TSV
    out: dict[str, tuple[str, str]] = {}
    if path.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        for r in csv.DictReader(lines, delimiter="\t"):
            out.setdefault(norm(r["name"]), (r.get("kind") or "", norm(r.get("country") or r["name"])))
    return out


@lru_cache(maxsize=1 << 16)
def qualifiers(name: str) -> frozenset[str]:
    """What places a name: 'c:<country>' and 'p:<city or region>' marks (demonyms folded to their
    country), and compass marks '@n', '@s' … ("Northern …")."""
    to_place, places = _place_words()
    facts = _place_facts()
    out = set()
    toks = norm(name).split()
    for i, t in enumerate(toks):
        if t in _COMPASS and (t not in ("centre", "center", "est") or i == 0):
            out.add("@" + _COMPASS[t])  # "Centre X" is a head, not a qualifier, except in first place
            continue
        key = to_place.get(t, t if t in places and len(t) > 2 else None)
        if key is None:
            continue
        kind, country = facts.get(key, ("", key))
        out.add("c:" + country)
        if kind and kind != "country":
            out.add("p:" + key)
    return frozenset(out)


def clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two qualifier sets that cannot name one body: each side has a country the other lacks
    ("… of France in Morocco" / "… of France in Tunisia"), or a city or region, or a compass mark.
    A side with fewer marks is a shorter name of the same body ("Orvalis" / "Orvalis Tunisia")."""
    for prefix in ("c:", "p:", "@"):
        x, y = {q for q in a if q.startswith(prefix)}, {q for q in b if q.startswith(prefix)}
        if x - y and y - x:
            return True
    return False


# Head nouns that name a kind of body, not one body: a key made only of these joins nothing.
_HEAD_WORDS = {"university", "universite", "universidad", "universita", "technopole", "technopark", "technoparc",
               "cluster", "pole", "chamber", "chambre", "ministry", "ministere", "agency", "agence", "bank",
               "banque", "school", "ecole", "institute", "institut", "centre", "center", "hub", "incubator",
               "incubateur", "municipality", "commune", "wilaya", "region", "province", "governorate", "port",
               "office", "council", "conseil", "federation", "association", "network", "reseau", "park", "parc",
               "zone", "faculty", "faculte", "hospital", "hopital", "commerce", "industry", "industrie",
               "industries", "and", "et"}


# Heads that make a name a body, never a programme: "Centre Africain d'Innovation …", "African Center
# for …", "Regional Agency for …", "… Research Institute".
_BODY_HEADS = _HEAD_WORDS - {"and", "et", "commerce", "industry", "industrie", "industries", "zone", "park", "parc",
                             "region", "province", "port", "cluster", "pole", "technopole", "technopark", "technoparc"}
_LINKS = {"of", "for", "de", "du", "des", "d", "pour", "on", "in", "en"}


def body_head(name: str) -> bool:
    """Does the name's head say it is a body? Its first word ("Centre Africain …"), a word followed by
    of/for/de ("African Center for …"), or its last word ("… Innovation Centre"); names of 3+ words,
    so an acronym's expansion, not a short brand."""
    toks = norm(name).split()
    if len(toks) < 3:
        return False
    if toks[0] in _BODY_HEADS or toks[-1] in _BODY_HEADS:
        return True
    return any(t in _BODY_HEADS and nxt in _LINKS for t, nxt in zip(toks, toks[1:]))


_ACR_DASH = re.compile(r"^\s*([A-Z][A-Za-z0-9&]{1,9})\s+[-–—:]\s+(\S.{3,})$")
_DASH_ACR = re.compile(r"^(\S.{3,}?)\s+[-–—]\s+([A-Z][A-Za-z0-9&]{1,9})\s*$")


def split_acronym_dash(name: str) -> tuple[str, str] | None:
    """'P2I - Integrated Industrial Platforms' → ('Integrated Industrial Platforms', 'P2I')."""
    for rx, long_i, acr_i in ((_ACR_DASH, 2, 1), (_DASH_ACR, 1, 2)):
        m = rx.match(name)
        if m and sum(c.isupper() or c.isdigit() for c in m.group(acr_i)) >= 2 and " " in m.group(long_i).strip():
            return m.group(long_i).strip(), m.group(acr_i)
    return None


def programme_head(name: str) -> str | None:
    """'Scale-up Voucher for Clusters' → loose key of 'Scale-up Voucher': a programme named
    with its audience is the same programme as its head name."""
    toks = norm(name).split()
    for w in ("for", "pour"):
        if w in toks[2:]:
            head = " ".join(toks[: toks.index(w)])
            if len(head.split()) >= 2:
                return loose_key(head)
    return None


# A programme is named with or without its own kind word: "Zephyr", "Zephyr Program", "Project Zephyr",
# "the Zephyr initiative".
_PROGRAMME_WORDS = {"programme", "program", "programmes", "programs", "project", "projet", "projects", "projets",
                    "initiative", "initiatives"}


def programme_key(name: str) -> str:
    """Key of a programme's name: its head before "for" (`programme_head`), else its loose key,
    without the words programme/project when something significant is left."""
    k = programme_head(name) or loose_key(name)
    rest = " ".join(t for t in k.split() if t not in _PROGRAMME_WORDS)
    return rest if rest and _significant(rest) else k


# Inner acronyms: "Orvalis CBC Sea" is "Orvalis Cross Border Cooperation Sea (Programme)": an acronym
# standing for a run of capitalised words inside a name whose other words are the same.
_SMALL_IN_RUN = {"of", "de", "du", "des", "d", "l", "la", "le", "les", "the", "and", "et", "for", "pour", "en", "in"}


def _name_words(name: str) -> list[tuple[str, str]]:
    """(word as written, its key) without the programme words, in order."""
    out = []
    for w in re.findall(r"[^\W_]+", name):
        k = norm(w)
        if k and k not in _PROGRAMME_WORDS:
            out.append((w, k))
    return out


@lru_cache(maxsize=1 << 16)
def inner_acronym_key(name: str) -> str | None:
    """'Orvalis CBC Sea' → 'orvalis cbc sea': a name of 3+ words, one of them an acronym; None otherwise."""
    words = _name_words(name)
    if len(words) < 3 or not any(w.isupper() and 2 <= len(w) <= 6 and w.isalpha() for w, _ in words[1:]):
        return None
    return " ".join(k for _, k in words)


@lru_cache(maxsize=1 << 16)
def inner_expansions(name: str) -> frozenset[str]:
    """'Orvalis Cross Border Cooperation Sea Programme' → {'orvalis cbc sea', 'orvalis cbcs', …}: every
    run of 2-6 capitalised words after the first word written as its initials, the other words kept."""
    words = _name_words(name)
    out = set()
    for i in range(1, len(words)):
        initials = ""
        for j in range(i, len(words)):
            w, k = words[j]
            if k in _SMALL_IN_RUN and j > i:
                continue
            if not w[:1].isupper() or w.isupper():
                break
            initials += k[0]
            if 2 <= len(initials) <= 6:
                out.add(" ".join([k for _, k in words[:i]] + [initials] + [k for _, k in words[j + 1:]]))
    return frozenset(out)


def _significant(key: str) -> bool:
    """A loose key may join names only if it keeps a word that is not a place or a cue."""
    to_place, places = _place_words()
    return any(len(t) >= 2 and t not in places for t in key.split())


def _head_only(key: str) -> bool:
    """'technopark', 'universite': a kind of body, not one body."""
    return bool(key) and all(t in _HEAD_WORDS for t in key.split())


# Organisations and programmes are often confused by extraction (is "Technopole X" a body or
# a project?); a name known under one of the two labels answers for the other.
_SWAP = {"Organisation": "Programme", "Programme": "Organisation"}
_COMMON_WORDS = frozenset(GENERIC) | frozenset(STARTERS) | {"invest", "export", "digital", "green", "smart"}


@lru_cache(maxsize=1 << 16)
def despaced(name: str) -> str | None:
    """'ORVKELMed' and 'ORV KEL Med' → 'orvkelmed': a name written with and without its spaces, when one of
    its words is an acronym, or all are capitalised, and the letters are many enough to name one body."""
    words = name.split()
    capitals = sum(c.isupper() for c in name)
    if not any(len(w) >= 2 and w.isupper() for w in words) and not (len(words) == 1 and capitals >= 3) and \
            not (len(words) > 1 and all(w[:1].isupper() for w in words) and len(norm(name)) >= 9):
        return None  # ('El Kelvaro' and 'ELKelvaro': a capitalised name written without its spaces)
    toks = norm(name).split()
    while len(toks) > 1 and toks[-1] in _PROGRAMME_WORDS:
        toks = toks[:-1]  # "X Y Programme" is written "XY" too
    k = "".join(toks)
    return k if len(k) >= 6 and k.isalnum() else None
