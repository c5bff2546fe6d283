"""The capitalised-name chunker: runs of Capitalised/ALLCAPS tokens joined by connectors,
split at 'and', trimmed, merged over comma lists, and the long forms that acronyms define.

Most organisations are in no list: they are found here as token spans, which
`entities.py` then filters (sentence-initial words, people, cited authors, generic words,
headings). Word lists about what a name's words say live in `kinds.py`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from .gazetteers import given_names, places, sectors
from ecograph.kinds import CONNECTORS, MONTHS, NON_NAME_ACRONYMS, SECOND_BODY_HEADS, STARTERS, classify, dated_title
from .tokens import Tok, fold_tokens


@dataclass
class Chunk:
    i: int                 # first token index
    j: int                 # end token index (exclusive)
    source: str            # "registry", "place", "sector", "name", "quoted", "acronym"
    label: str | None = None
    kind: str | None = None
    canonical: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    ext: int = 0           # token end including a defined acronym "(ACR)"


_PROG_NOUNS = {"project", "projects", "programme", "program", "projet", "initiative", "strategy", "strategie",
               "plan", "label", "fund", "fonds", "track", "congress", "congres", "fair", "forum", "salon",
               "conference", "competition", "concours", "voucher", "scheme", "policy", "event", "edition",
               "festival", "exhibition", "award", "awards", "call"}
_ORG_NOUNS = {"cluster", "association", "group", "groupe", "company", "societe", "network", "reseau",
              "federation", "agency", "agence", "incubator", "incubateur", "foundation", "fondation",
              "institute", "institut", "university", "universite", "centre", "center", "startup", "firm",
              "entreprise", "enterprise", "accelerator", "accelerateur", "organisation", "organization"}
_PART_NOUNS = {"track", "component", "phase", "pillar", "window", "strand", "axis", "module", "stream", "volet",
               "composante", "axe", "pilier"}
_QUOTES_OPEN = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", '"': '"'}
_COMPLEMENT = {"of", "for", "de", "du", "des", "d'", "pour"}
# heads of names that list their fields: "Ministère de l'Industrie, des Mines et de l'Énergie", "Chambre de
# Commerce, d'Industrie et de Services de Nabeul"
_LIST_HEADS = {"ministry", "ministere", "chambre", "chamber"}
_HEAD_BEFORE_ADJ = {"ministere", "agence", "banque", "office", "societe", "conseil", "union", "chambre", "institut",
                    "centre", "federation", "association", "fonds", "caisse", "ministry", "agency"}
_FIELD_HEADS = {"cluster", "pole", "clusters", "poles", "centre", "center", "institut", "institute", "federation",
                "association"}
_COMPANY_SUFFIX = {"group", "groupe", "holding", "sa", "sas", "sarl", "ltd", "inc", "plc", "spa", "gmbh", "corp",
                   "srl", "llc", "ag", "bv", "nv"}
_AND = {"and", "et", "&"}
# head words of a body's unit (folded): "the Kelvo Institute of the Orvalis Foundation" is two bodies, one part of
# the other (`patterns.sentence_facts._unit_of`); an agency or a cluster "of" a body is its own body
UNIT_HEADS = {"division", "department", "departement", "directorate", "commission", "committee", "comite",
              "faculty", "faculte", "school", "centre", "center", "unit", "unite", "secretariat", "laboratory",
              "laboratoire", "lab", "institute", "institut", "chair", "chaire", "branch", "section", "bureau"}


def is_org_cue(f: str) -> bool:
    return classify(f)[0] is not None  # classify is memoised


def _namey(t: Tok) -> bool:
    return t.cap and t.f not in MONTHS


def acronym_like(t: Tok) -> bool:
    return t.upper and t.text.isalpha()


def _is_acronym(t: Tok) -> bool:
    if t.f in NON_NAME_ACRONYMS or re.fullmatch(r"[ivx]+", t.f):
        return False
    letters = [c for c in t.text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and t.text[0].isalnum() and \
        (t.upper or any(c.isdigit() for c in t.text) or sum(c.isupper() for c in letters) >= len(letters) - 1)


# heads French names after the field they serve, in lower case: « Cluster solaire », « Pôle mer »
_FIELD_NAMED = {"cluster", "pole", "technopole"}


def _field_word(f: str) -> bool:
    """A one-word sector name or alias ("solaire", "textile", "numerique"; `ingest/data/sectors.tsv`)."""
    return " " not in f and f in sectors()


def _raw_chunks(toks: list[Tok], a: int, b: int) -> list[tuple[int, int]]:
    out = []
    i = a
    while i < b:
        if not _namey(toks[i]) or toks[i].f in CONNECTORS and not _opening_article(toks, i, b):
            i += 1
            continue
        j = i + 1
        last = j
        while j < b:
            u = toks[j]
            if u.f == "-" and not u.space and j + 1 < b and not toks[j + 1].space:
                nxt = toks[j + 1]
                if nxt.cap or (nxt.text.isalpha() and not nxt.f.endswith("ed") and nxt.f not in ("based", "led")):
                    j += 2
                    last = j
                    continue
                # "the Track of the EU-funded project": the glued name belongs to the participle
                k = j - 1
                while k > i and _namey(toks[k]) and toks[k].f not in CONNECTORS:
                    k -= 1
                if k > i and toks[k].f in CONNECTORS:
                    while k > i and toks[k - 1].f in CONNECTORS:
                        k -= 1
                    last = k
                break
            if _namey(u) and not (u.f in ("dr", "mr", "mrs", "ms", "prof", "mme", "mlle") and j + 1 < b
                                  and _namey(toks[j + 1])):
                j += 1  # (a title starts a person's name: "the Jordan Stone Cluster Dr Rania Khoury" is two)
                last = j
                continue
            if u.text.isdigit() and j + 1 < b and _namey(toks[j + 1]) and len(u.text) == 4:
                j += 1
                continue
            if _strategy_year(toks, i, j, b):
                j += 1  # "the Kelvo Digital 2030 strategy", « la stratégie Kelvo Digital 2030 »: the year names it
                last = j
                continue
            if u.f in CONNECTORS and u.f != "-" or _inner_connector(toks, j, b):
                j += 1
                continue
            if u.text.islower() and j == i + 1 and toks[i].f in _FIELD_NAMED and _field_word(u.f):
                j += 1  # « le Cluster solaire », « le Cluster maritime tunisien »: the field it serves names it
                if j < b and toks[j].text.islower() and toks[j].f in places()[1]:
                    j += 1
                last = j
                continue
            if u.text.islower() and j == i + 1 and toks[i].f in _HEAD_BEFORE_ADJ and u.f in places()[1] \
                    and j + 1 < b and toks[j + 1].f in CONNECTORS:
                j += 1  # "Ministère tunisien de l'Agriculture", "Agence française de développement"
                continue
            break
        out.append((i, last))
        i = max(last, i + 1)
    return out


# French words a name goes on after only in set phrases: « Agence française pour les Investissements »,
# « Association d'Aide au Développement rural », « Centre d'Appui aux Entreprises » (a bare « au » would
# glue "le Pôle A au Salon B")
_AID_WORDS = {"aide", "appui", "soutien", "assistance", "accompagnement", "services", "conseil"}


def _inner_connector(toks: list[Tok], j: int, b: int) -> bool:
    u = toks[j]
    if j == 0 or j + 1 >= b or not _namey(toks[j + 1]):
        return False
    return u.f == "les" and toks[j - 1].f == "pour" or u.f in ("au", "aux") and toks[j - 1].f in _AID_WORDS


def _split_and(toks: list[Tok], i: int, j: int) -> list[tuple[int, int]]:
    """Split 'A and B' unless the 'and' sits inside one name ('Ministry of Economy and Finance');
    split 'the Startup Track of the Blue Challenge' into the component and its programme. A name whose
    acronym follows in brackets and spells the whole of it is one: "Arab Incubators and Technoparks
    Network (AITN)"."""
    if _spelled_whole(toks, i, j):
        return [(i, j)]
    for k in range(i + 1, j - 1):
        if toks[k].f in ("of", "de", "du") and toks[k - 1].f in _PART_NOUNS:
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)
        if toks[k].f in ("of", "de", "du") and _unit_of_body(toks, i, k, j):
            r = k + 1 + (toks[k + 1].f in ("the", "la", "le", "l'"))
            return _split_and(toks, i, k) + _split_and(toks, r, j)
    for k in range(i + 1, j - 1):
        if toks[k].f not in _AND:
            continue
        left = [t.f for t in toks[i:k]]
        right = toks[k + 1:j]
        if right and right[0].f == "of":
            # "Representatives of the World Bank and of the Ministry": two phrases, not one name
            return _split_and(toks, i, k) + _split_and(toks, k + 2, j)
        o = 1 + (len(right) > 1 and right[1].f in ("la", "l'"))
        if right and right[0].f in ("du", "de", "des", "d'") and len(right) > o and right[o].cap and \
                right[o].f in SECOND_BODY_HEADS:
            # « membre du Cluster Lyra et du Réseau Orion »: a second body after its own preposition
            return _split_and(toks, i, k) + _split_and(toks, k + 1 + o, j)
        r0 = 1 if right and right[0].f in ("the", "la", "le", "l'") else 0
        right_head = right[r0].f if len(right) > r0 else ""
        right_is_name = right_head in _ORG_NOUNS or right_head in ("ministry", "ministere", "university",
                                                                      "universite", "bank", "banque", "office") or \
            (r0 == 1 and len(right) > 1 and right[1].cap and is_org_cue(right_head)) or \
            (toks[k].f != "&" and _whole_body_name(right[r0:]))  # "et la Chambre de …"; "… and Orvalis Technopark"
        if right and right[0].cap and " ".join(fold_tokens(right[0].text)) in places()[0] and len(right) >= 2 \
                and not any(f in _COMPLEMENT for f in left):
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)  # "Salina Sensors and Limassol Marine Labs"
        right_cue = bool(right) and is_org_cue(right[-1].f) and not is_org_cue(" ".join(left)) and \
            right[-1].f not in places()[0] and \
            not (len(right) >= 2 and right[-1].f in _COMPANY_SUFFIX)  # "Airbus Helicopters et Naval Group"
        # a determiner after "and" opens a new noun phrase ("Salina Foods and the Kyrenia Institute")
        if k == i + 1 and toks[i].upper and len(toks[i].text) >= 2 and right and right[0].cap:
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)  # "the QRX and Kelvo Patent Office": two
        if right and right[0].cap and right[0].f in given_names() and \
                any(t.f in ("of", "for", "from") for t in right[1:4]):
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)  # "… of A Spa and Tarek Zeph for B"
        if _last_of_name_list(toks, i, k, j, r0):
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)  # "A Telecom, Zeph Ventures and Nortek Engineering"
        joined = (any(f in _COMPLEMENT for f in left) and not right_is_name and
                  not (r0 == 1 and len(right) > 1 and right[1].cap)) or \
                 (toks[k].f == "&" and not right_is_name) or \
                 (right_cue and len(left) <= 2 and not right_is_name and r0 == 0) or \
                 (left[0] in _FIELD_HEADS and len(left) == 2 and r0 == 0 and not right_is_name and
                  not is_org_cue(right[0].f))  # "Cluster Textile et Habillement de Monastir": the fields it names
        if not joined:
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)
    return [(i, j)]


# the head words that end a body's name of its own ("Orvalis Technopark"), not a field of the name before
# ("Ministry of Trade and Industry")
_BODY_ENDS = _ORG_NOUNS | SECOND_BODY_HEADS | {"technopark", "chamber", "bank", "hub"}


def _last_of_name_list(toks: list[Tok], i: int, k: int, j: int, r0: int) -> bool:
    """The 'and' at k closes a comma list of names ("Orvalis Telecom, Zeph Ventures and Nortek Engineering"):
    a name stands before the comma, and both sides of the 'and' are two or more capitalised words with no
    complement. One-word fields after a comma stay in the name ("Ministry of Industry, Trade and Energy")."""
    left, right = toks[i:k], toks[k + 1 + r0:j]
    return i > 1 and toks[i - 1].text == "," and _namey(toks[i - 2]) and toks[k].f != "&" and \
        len(left) >= 2 and len(right) >= 2 and all(t.cap for t in left) and all(t.cap for t in right) and \
        not any(t.f in _COMPLEMENT for t in left) and not _field_word(left[-1].f)  # "Kelvo Food and Beverage Cluster"


def _unit_of_body(toks: list[Tok], i: int, k: int, j: int) -> bool:
    """"Faculty of Engineering of Orvalis University", "Kelvo Institute of the Orvalis Foundation": a unit's
    name (its head word first or last) before "of" and a whole body's name after it."""
    r = k + 1 + (k + 1 < j and toks[k + 1].f in ("the", "la", "le", "l'"))
    return k - i >= 2 and (toks[i].f in UNIT_HEADS or toks[k - 1].f in UNIT_HEADS) and toks[i].cap and \
        _whole_body_name(toks[r:j])


def _whole_body_name(right: list[Tok]) -> bool:
    """Words after 'and' that name a body by themselves: two or more capitalised words ending in a body's
    head, the first no field ("… Denim and Fashion Cluster" is one cluster's fields)."""
    return len(right) >= 2 and all(t.cap for t in right) and right[-1].f in _BODY_ENDS and \
        not _field_word(right[0].f) and not is_org_cue(right[0].f)


# the head words of a plan or programme whose name may end in its target year
_YEAR_HEADS = {"strategy", "strategie", "plan", "programme", "program", "initiative", "agenda", "vision", "roadmap",
               "pact", "pacte"}


def _strategy_year(toks: list[Tok], i: int, j: int, b: int) -> bool:
    """toks[j] is a year (19xx, 20xx) closing the name that starts at i, with a plan's head word just after
    it or just before the name."""
    u = toks[j]
    if not (u.text.isdigit() and len(u.text) == 4 and u.text[:2] in ("19", "20") and j > i):
        return False
    return j + 1 < b and toks[j + 1].f in _YEAR_HEADS or i > 0 and toks[i - 1].f in _YEAR_HEADS


def _opening_article(toks: list[Tok], i: int, b: int) -> bool:
    """A capitalised Arabic article before a name is the name's first word: "Al Nour Foundation",
    "El Amal Technopark" (in lower case, "al" and "el" join the words of a longer name)."""
    return toks[i].f in _ARTICLES and toks[i].cap and i + 1 < b and _namey(toks[i + 1])


_ARTICLES = {"al", "el"}


# a country's representation abroad ("EU Delegation to X", « Ambassade de France au Chili »)
REPRESENTATIONS = {"delegation", "embassy", "ambassade", "consulate", "consulat", "mission", "representation"}


def _trim(toks: list[Tok], i: int, j: int) -> tuple[int, int]:
    while i < j and ((toks[i].f in CONNECTORS and not (toks[i].upper and toks[i].f != "the")
                      and not _opening_article(toks, i, j))
                     or (toks[i].f in STARTERS and not (toks[i].upper and toks[i].f not in ("the", "le", "la", "les"))
                         and not _representation_of(toks, i, j) and not dated_title(toks[i:j + 1]))
                     or not _namey(toks[i])):
        i += 1
    while j > i and (toks[j - 1].f in CONNECTORS or toks[j - 1].f in _TRAILING_TITLES or
                     not (_namey(toks[j - 1]) or toks[j - 1].text.isalnum())):
        j -= 1  # ("Chairperson Dr": the title of the person named next is no part of a name)
    return i, j


_TRAILING_TITLES = {"dr", "mr", "mrs", "ms", "prof", "mme", "mlle"}


def _representation_of(toks: list[Tok], i: int, j: int) -> bool:
    """« Délégation de l'UE », 'Delegation of the EU' open a name (a lower-case 'delegation of firms' does not)."""
    return toks[i].f in REPRESENTATIONS and toks[i].cap and i + 2 < j and toks[i + 1].f in ("of", "de", "du", "d'")


def _paren_dashed_acronym(toks: list[Tok], j: int, b: int) -> int | None:
    """Index of ')' when toks[j:] is '( ACR - ACR … )' written without spaces."""
    if j + 4 >= min(b, len(toks)) or toks[j].f != "(" or not _is_acronym(toks[j + 1]):
        return None
    k = j + 2
    while k + 1 < min(b, len(toks)) and toks[k].f == "-" and not toks[k].space and \
            (toks[k + 1].upper or toks[k + 1].text.isdigit()) and not toks[k + 1].space:
        k += 2
    return k if k > j + 2 and k < len(toks) and toks[k].f == ")" else None


def _paren_acronym(toks: list[Tok], j: int, b: int) -> int | None:
    """Index of the acronym token when toks[j:] is '( ACR )'."""
    if j + 2 < b + 1 and j + 2 < len(toks) and toks[j].f == "(" and toks[j + 2].f == ")" and _is_acronym(toks[j + 1]):
        return j + 1
    return None


# institution heads whose name may list the fields it serves: "Academy for Science, Technology and
# Maritime Transport", "Institut de Chimie, de Physique et de Biologie"
_FIELDS_LIST_HEADS = {"academy", "academie", "institute", "institut", "school", "ecole", "faculty", "faculte",
                      "council", "conseil", "centre", "center", "department", "college", "organization",
                      "organisation", "chamber", "chambre", "federation", "confederation", "union", "association"}


def _lists_fields(toks, i: int, j: int) -> bool:
    """The chunk ends in "<field head> for/of <field>": what follows it may be more fields."""
    k = next((k for k in range(j - 2, i, -1) if toks[k].f in _COMPLEMENT), None)
    return k is not None and toks[k - 1].f in _FIELDS_LIST_HEADS and j - k <= 3


def _field_words(toks, i: int, words: list[str]) -> bool:
    """Fields are dictionary words ("Industry", "Maritime Transport"); a coined word names a body ("Kelvo Union
    of Farmers, Nortek Foods and …"). Without a dictionary, every word passes."""
    from .frames.pipelines import dictionary_words, is_dictionary_word  # (frames reads names: imported here)
    dictionary = dictionary_words("en", "fr")
    return not dictionary or all(is_dictionary_word(toks[i + n].text.lower(), dictionary) or
                                 is_dictionary_word(w, dictionary) for n, w in enumerate(words))


def join_fields(toks, chunks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Raw chunks "Academy for Science" + ", " + "Technology and Maritime Transport" are one name: the
    fields it serves, listed up to the one after "and"; a chunk naming a body ends the list."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(chunks):
        i, j = chunks[k]
        n = k
        if _lists_fields(toks, i, j):
            while n + 1 < len(chunks) and toks[chunks[n][1]].f == "," \
                    and [t.f for t in toks[chunks[n][1]:chunks[n + 1][0]]] in ([","], [",", "and"], [",", "et"]):
                words = [t.f for t in toks[chunks[n + 1][0]:chunks[n + 1][1]]]
                first = words[:next((k for k, w in enumerate(words) if w in ("and", "et")), len(words))]
                if is_org_cue(" ".join(first)) or len(first) > 4 or not _field_words(toks, chunks[n + 1][0], first):
                    break  # (a body after "and" is split off later: "…, and Transport and the Orion Bank")
                n += 1
                if "and" in words or "et" in words or toks[chunks[n][0] - 1].f in ("and", "et"):
                    break  # the last field, after "and" or ", and"
            if n > k and not any(t.f in ("and", "et") for t in toks[chunks[n][0] - 1:chunks[n][1]]):
                n = k  # a list with no last field is a list of names
        out.append((i, chunks[n][1]))
        k = n + 1
    return out


def _merge_commas(toks, spans):
    """'Ministry of Industry, Trade, Investment and Digital Economy', 'Economic, Social and Environmental Council'."""
    out = []
    k = 0
    while k < len(spans):
        i, j = spans[k]
        head = toks[i].f
        single = j - i == 1 and toks[i].cap and not toks[i].upper and toks[i].f not in places()[0]
        best = k
        if head in _LIST_HEADS or single:
            n = k
            while n + 1 < len(spans):
                gap = [t.f for t in toks[spans[n][1]:spans[n + 1][0]]]
                # French repeats the article: "Ministère de l'Industrie, des Mines et de l'Énergie"
                ok = gap in ([","], [",", "and"], ["and"], [",", "et"], ["et"]) or (
                    head in _LIST_HEADS and 2 <= len(gap) <= 4 and gap[0] in (",", "et", "and")
                    and gap[1] in ("des", "de", "du", "d'")  # (", des Mines", "et de l'Énergie"; not "et l'ADRN")
                    and all(g in (",", "et", "and", "des", "de", "du", "l'", "la", "d'", "the") for g in gap[1:]))
                if not ok or spans[n + 1][1] - spans[n + 1][0] > (8 if head in _LIST_HEADS else 4):
                    break
                n += 1
                if "and" in gap or "et" in gap:
                    last = toks[spans[n][1] - 1].f
                    if head in _LIST_HEADS or is_org_cue(last):
                        best = n
                    break
                if single and spans[n][1] - spans[n][0] != 1:
                    break
        out.append((i, spans[best][1]))
        k = best + 1
    return out


def _acronym_defined(toks, a: int, b: int, spans) -> list[tuple[int, int]]:
    """'l'Agence régionale pour la promotion des industries du Sahel (ARPIS)': a long form written with
    lower-case words, recovered from the acronym it defines (its initials spell the acronym)."""
    out = []
    ends = {j for _, j in spans}
    for k in range(a + 2, b - 2):
        if toks[k].f != "(" or toks[k + 2].f != ")" or not _is_acronym(toks[k + 1]) or k in ends:
            continue
        acr = [c for c in toks[k + 1].text.upper() if c.isalpha()]
        for t in range(k - 1, max(a - 1, k - 12), -1):
            if not toks[t].text.replace("'", "").isalpha():
                break
            if not (toks[t].cap or classify(toks[t].f)[0] is not None) or toks[t].f in CONNECTORS:
                continue  # (a lower-case head noun may open it: « le réseau Kappa incubation et essaimage (RKIE) »)
            words = [x for x in toks[t:k] if x.f not in CONNECTORS and x.f not in ("pour", "au", "aux", "a", "en")]
            initials = [x.text[0].upper() for x in words]
            # all the acronym's letters in order, or all but one for a longer one (an acronym of the name in
            # another language, with the name written here in French)
            if initials and initials[0] == acr[0] and len(words) <= len(acr) + 2 and \
                    (_matched(acr, initials) >= len(acr) - (1 if len(acr) >= 4 else 0)
                     or spells("".join(acr).lower(), [x.f for x in words])):
                out.append((t, k))
                break
    return out


def _spelled_whole(toks: list[Tok], i: int, j: int) -> bool:
    if j + 2 >= len(toks) or toks[j].text != "(" or toks[j + 2].text != ")" or not toks[j + 1].upper:
        return False
    if not any(t.f in _AND for t in toks[i:j]):
        return False
    acr = toks[j + 1].text.lower()
    words = [t.f for t in toks[i:j] if t.f not in ("the", "and", "&", "et")]
    # two middle words may go unspelled: "ARTECNET" = ARab TEChnology (Incubators and Technoparks) NETwork
    return spells(acr, words, skips=2)


def spells(acr: str, words: list[str], *, skips: int = 1) -> bool:
    """Whether an acronym is spelled by the leading letters of the words, in order: each word gives
    the first letter or a few first letters, or is skipped if short ("CERIST" = CEntre de Recherche
    sur l'Information Scientifique et Technique; "sur" gives nothing). The first word gives the first
    letter; `skips` longer words may be skipped too."""
    if not words or not acr or words[0][:1] != acr[0]:
        return False

    @lru_cache(maxsize=None)
    def rest(i: int, w: int, left: int) -> bool:
        if i == len(acr):
            return sum(len(x) > 3 for x in words[w:]) <= left
        if w == len(words):
            return False
        word = words[w]
        n = 0
        while n < len(word) and n < 3 and i + n < len(acr) and word[n] == acr[i + n]:
            n += 1
            if rest(i + n, w + 1, left):
                return True
        if len(word) <= 3:
            return rest(i, w + 1, left)
        return left > 0 and w > 0 and rest(i, w + 1, left - 1)

    return rest(0, 0, skips)


def _matched(short: list[str], long_: list[str]) -> int:
    """How many letters of `short` appear in order in `long_`."""
    n, it = 0, iter(long_)
    for c in short:
        if c in it:
            n += 1
        else:
            break
    return n


def _owner_tail(toks, n: Chunk) -> Chunk | None:
    """'Start Garant de la Caisse Atlas': a name without an organisation word, then 'de (la)' and a
    name that starts with one: the second is the owner (the first is its programme)."""
    for k in range(n.i + 1, n.j - 1):
        if toks[k].f not in ("de", "du", "d'", "of"):
            continue
        m = k + 1
        while m < n.j and toks[m].f in ("the", "la", "le", "l'"):
            m += 1
        if m >= n.j or not toks[m].cap or m == k + 1 and toks[k].f == "of":
            continue
        left = " ".join(t.f for t in toks[n.i:k])
        right = " ".join(t.f for t in toks[m:n.j])
        if classify(left)[0] != "Organisation" and classify(toks[m].f)[0] == "Organisation" and \
                classify(right)[1] in ("funder", "government", "association", "network", "support", "university"):
            return Chunk(m, n.j, "name", "Organisation", classify(right)[1])
    return None


def _overlap(x: Chunk, y: Chunk) -> bool:
    return x.i < y.j and y.i < x.j


def _longest(chunks: list[Chunk]) -> list[Chunk]:
    """Longest first, no overlaps (a token-occupancy map keeps this linear)."""
    out: list[Chunk] = []
    end = max((c.j for c in chunks), default=0)
    taken = bytearray(end + 1)
    for c in sorted(chunks, key=lambda c: (-(c.j - c.i), c.i)):
        if not any(taken[c.i:c.j]):
            taken[c.i:c.j] = b"\x01" * (c.j - c.i)
            out.append(c)
    return sorted(out, key=lambda c: c.i)
