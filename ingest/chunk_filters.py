"""The filters of the capitalised-name chunker (`entities._sentence_names`), in the order they are tried:
generic words, people and places, common words, titles and lone first words. Each group takes a
`NameChunk` (the chunk's tokens in its sentence) and says whether the chunk is no name; the filters
of the parsed sentence come later (`frames/name_table.py`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ecograph.kinds import (CONNECTORS, GENERIC, MONTH_ABBREVIATIONS, MONTHS, NON_NAME_ACRONYMS, PERSON_TITLES, STARTERS,
                            classify)
from .gazetteers import _SECTOR_WORDS, given_names, places, registry_surfaces, sectors
from .names import _ORG_NOUNS, _PROG_NOUNS, _is_acronym, _namey, acronym_like, is_org_cue
from .tokens import fold_tokens

# verbs after which a sentence-initial capitalised word is the subject, hence a name ("Nexio took part …")
_NAME_VERBS = {"is", "was", "has", "took", "takes", "signed", "joined", "joins", "launched", "launches", "organised",
               "organized", "coordinates", "coordinated", "supports", "supported", "participated", "participates",
               "operates", "received", "obtained", "won", "funds", "funded", "finances", "financed", "manages",
               "runs", "hosts", "gathers", "partnered", "est", "a", "participe", "organise", "accompagne",
               "soutient", "finance", "regroupe", "opere", "lance", ","}
# a singular head noun a name stands before ("the Kelvo project", « le projet » is written after it in English)
_NAMED_HEADS = {"project", "programme", "program", "initiative", "cluster", "network", "platform", "incubator",
                "accelerator", "fund"}
_DETERMINERS = {"the", "this", "its", "their", "our"}
_JOB_TITLES = {"president", "presidente", "vice-president", "director", "directeur", "directrice", "ceo", "head",
               "chairman", "chairwoman", "chair", "manager", "founder", "fondateur", "fondatrice", "secretary",
               "secretaire", "general", "generale", "executive", "delegue", "deleguee", "coordinator",
               "coordinateur", "coordinatrice", "managing", "deputy", "adjoint", "adjointe", "vice", "acting",
               # posts whose holder a text names by the post ("the Ambassador of X"): the body is X's
               "ambassador", "ambassadeur", "ambassadrice", "supervisor", "superviseur", "superviseure",
               "governor", "gouverneur", "dean", "doyen", "doyenne", "rector", "recteur", "rectrice", "consul"}
_PLACE_HEADED = {"university", "universite", "cluster", "chamber", "federation", "association", "agency",
                 "technopark", "technopole", "municipality", "polytechnic", "hospital", "port", "incubator"}
_COMMON_SUFFIX = re.compile(r"(tion|tions|ment|ments|ness|ity|ities|ance|ence|ing|ism|ship|ed|ics)$")


@dataclass
class NameChunk:
    """A candidate name in its sentence: tokens [i, j) of sentence [a, b), and what the filters read."""
    toks: list
    i: int
    j: int
    a: int
    b: int
    words: list[str]
    core: list[str]

    @property
    def text_tokens(self):
        return self.toks[self.i:self.j]


def not_a_name(c: NameChunk, heading: bool, mid_caps: set[str], persons: set[str], lower_vocab: set[str]) -> bool:
    """The filters of a chunk no registry name or quote vouches for, in order: the first that says so
    rejects it (a person's words join `persons`)."""
    admin = len(c.words) >= 2 and c.words[-1] in ("region", "municipality", "province", "prefecture",
                                                  "commune", "wilaya") and c.toks[c.j - 1].cap
    return _generic_words(c, admin) or _credit(c) or _numbered_part(c) or _people_or_places(c, persons) or \
        _common_words(c, admin, lower_vocab) or _title_or_first_word(c, heading, mid_caps, persons, lower_vocab)


# the numbered parts of a programme's structure ("Priority Axis 1", "Specific Objective 1.1", « Axe 2 »)
# (not "phase": « Kelvo Phase 2 » names a programme's phase, which may be a project of its own)
_STRUCTURE_PARTS = {"axis", "objective", "priority", "pillar", "measure", "component", "package", "axe", "objectif",
                    "volet", "mesure", "composante", "pilier", "priorite"}


def _numbered_part(c: NameChunk) -> bool:
    """'Priority Axis 1:', 'Programme-Specific Objective 1.1', 'Priority A.2.1', « Axe 3 »: a numbered part of
    a programme's structure, a form's label, not an actor."""
    toks, j = c.toks, c.j
    if c.words[-1] not in _STRUCTURE_PARTS and not (c.j - c.i >= 2 and c.words[-2] in _STRUCTURE_PARTS and
                                                   len(toks[j - 1].text) == 1 and toks[j - 1].upper is False and
                                                   toks[j - 1].text.isupper()):
        return False
    nxt = toks[j] if j < c.b else None
    return nxt is not None and (nxt.text[:1].isdigit() or nxt.f == "." and c.words[-1] not in _STRUCTURE_PARTS)


_CREDIT_WORDS = {"photo", "photos", "credit", "credits", "copyright", "source", "sources", "via", "illustration",
                 "image", "images"}
_PHOTO_WORDS = {"photo", "photos", "credit", "credits", "copyright"}
# the last word of a newspaper's or a news site's name
_PRESS_WORDS = {"daily", "news", "times", "post", "tribune", "journal", "gazette", "herald", "magazine", "hebdo",
                "quotidien", "presse", "press", "online", "today", "mag", "info", "infos"}


def _credit(c: NameChunk) -> bool:
    """Who made the page, not an actor of it: a photo's or a text's credit ('Photo K.L.', 'Source: Kelvo
    Wire', « Crédit photo : X »), and a newspaper's name opening its dateline ('Kelvo Daily – The minister …')."""
    toks, i, j, a, words = c.toks, c.i, c.j, c.a, c.words
    if words[0] in _PHOTO_WORDS and j - i <= 3 and classify(" ".join(words))[0] is None:
        return True
    k = i - 1
    if k > a and toks[k].f == ":" and toks[k - 1].f in _CREDIT_WORDS:
        return True
    dash = j + 1 < c.b and toks[j].f in ("-", "\u2013", "\u2014") and toks[j].space and toks[j + 1].cap
    return dash and i == a and words[-1] in _PRESS_WORDS  # (not "Kelvo News – a media start-up – joined …")


def _generic_words(c: NameChunk, admin: bool) -> bool:
    """Generic and non-name words, a heading in capitals, a post, a standard, a sector list."""
    toks, i, j, b, words, core, text_tokens = c.toks, c.i, c.j, c.b, c.words, c.core, c.text_tokens
    heads = [w for w in core if w not in places()[1]]
    k_of = next((k for k in range(i + 1, j - 1) if toks[k].f in ("of", "de", "du", "d'")), None)
    head_of_place = bool(heads) and heads[0] in GENERIC and not heads[0].endswith("s") and k_of is not None and \
        (any(w in places()[0] for w in core[1:]) or is_org_cue(heads[0])) and toks[k_of + 1:j] and \
        any(t.cap for t in toks[k_of + 1:j])  # "University of Kelvo City", "Zephian Ministry of Industry"
    # "Kelvo City University", "Zephian University", "Kelvo City Chamber of Commerce": a place and an
    # institution head noun make a name, though each word alone is generic
    place_head = len(core) >= 2 and core[-1] in _PLACE_HEADED and toks[j - 1].cap and \
        any(w in places()[0] or w in places()[1] for w in core[:-1])
    if not admin and not head_of_place and not place_head and all(
            w in GENERIC or w in NON_NAME_ACRONYMS or w in places()[1] or w in places()[0]
            or (w in registry_surfaces() and len(core) > 1 and "-" in words) for w in core):
        return True
    if len(words) == 1 and (words[0] in NON_NAME_ACRONYMS or words[0] in MONTHS):
        return True
    if len(words) == 1 and words[0] in MONTH_ABBREVIATIONS and (j + 1 < b and toks[j].f == "." and
                                                                toks[j + 1].text[:1].isdigit() or
                                                                i > c.a and toks[i - 1].text.isdigit()):
        return True  # "Amman, Dec. 6", "6 Oct.": a date
    if len(core) >= 2 and all(t.upper or t.f in CONNECTORS for t in text_tokens) and \
            any(t.f in CONNECTORS or t.f in ("in", "for", "on", "en", "a") for t in toks[i:j + 1]) and \
            not any(_is_acronym(t) and len(t.text) <= 6 and t.f not in GENERIC for t in text_tokens[:1]):
        return True  # "RAPPORT D'ACTIVITÉ DU RÉSEAU", "STRENGTHENING MARITIME CLUSTERS IN THE …": a heading in capitals
    if words[0] in _POSTS and not is_org_cue(" ".join(words[1:])):
        return True  # "Director for Regional Innovation": a post, not a body
    if len(words) == 1 and acronym_like(text_tokens[0]) and j < b and toks[j].text[:1].isdigit():
        return True  # "ISO 9001", "Horizon 2020"-style model numbers: a standard, not an actor
    if sum(ch.isalpha() for ch in "".join(words)) < 3 and \
            not (len(text_tokens) == 1 and _is_acronym(text_tokens[0]) and (len(words[0]) >= 3 or _listed(c))):
        return True  # "R&D" (but "2TS", "3D Lab", and "HP" in "Cisco, HP, Intel" are names)
    parts = " ".join(words).replace(" , ", " & ").replace(" and ", " & ").replace(" et ", " & ").split(" & ")
    # sectors in a title ("Energy, Mobility, Medical & Aeronautics", "Information … & Software Development")
    return all(p.strip() in sectors() or p.strip() in ("", "-") or all(x in sectors() for x in p.split())
               for p in parts)


def _listed(c: NameChunk) -> bool:
    """Between commas (or a comma and 'and') with a capitalised item on each side: a list of names."""
    toks, i, j = c.toks, c.i, c.j
    return i - 2 >= c.a and j + 1 < c.b and toks[i - 1].f == "," and toks[i - 2].cap and \
        toks[j].f in (",", "and", "et") and toks[j + 1].cap


def _people_or_places(c: NameChunk, persons: set[str]) -> bool:
    """A person seen before, a place or a list of places, a side of the sea, a cited or titled person, a
    person named where people are (their words join `persons`)."""
    toks, i, j, a, b, words, core, text_tokens = c.toks, c.i, c.j, c.a, c.b, c.words, c.core, c.text_tokens
    if words and all(w in persons for w in words if w not in CONNECTORS):
        return True  # a person seen in a byline ("Josette")
    if " ".join(words) in places()[0]:
        return True  # a place, found by the gazetteer
    if all(w in _COMPASS or w in places()[0] for w in core):
        return True  # "le Nord", "Sud de la Méditerranée": a side of the sea, not a body ("Région Sud" is)
    if all(" ".join(fold_tokens(t.text)) in places()[0] or t.f in CONNECTORS or t.f in ("-", ",")
           for t in text_tokens):
        return True  # a list of places ("Lebanon, Tunisia & Morocco")
    if _is_person_like(toks, i, j, a, b):
        if 2 <= len(words) <= 3:
            persons.update(words)
        return True
    has_cue = is_org_cue(" ".join(words)) or any(w in _ORG_NOUNS or w in _PROG_NOUNS for w in words)
    acronym = any(_is_acronym(t) for t in text_tokens)
    if 2 <= len(words) <= 4 and words[0] in given_names() and not has_cue and not acronym \
            and all(t.cap or t.f in ("el", "al", "ben", "de", "di", "da", "van", "von", "-") for t in text_tokens) \
            and _person_context(toks, i, j, a, b):
        persons.update(words)
        return True  # "…, said Leila Haddad", "Karim Benali dirige …": a person, not an actor
    return False


def _common_words(c: NameChunk, admin: bool, lower_vocab: set[str]) -> bool:
    """Common words capitalised: words the text also writes in lower case, sector words, common nouns and
    participles, a gerund heading, a region after 'in', the acronym of a common noun, a bullet phrase."""
    toks, i, j, a, b, words, core, text_tokens = c.toks, c.i, c.j, c.a, c.b, c.words, c.core, c.text_tokens
    has_cue = is_org_cue(" ".join(words)) or any(w in _ORG_NOUNS or w in _PROG_NOUNS for w in words)
    acronym = any(_is_acronym(t) for t in text_tokens)
    plain = [w for w in core if w not in places()[0]]
    strong_cue = classify(" ".join(words))[1] not in (None, "company") or \
        any(w in _ORG_NOUNS or w in _PROG_NOUNS for w in words)
    place_named = len(core) >= 2 and core[0] in places()[0] and toks[j - 1].cap
    if not acronym and not strong_cue and plain and all(w in lower_vocab for w in plain) and not admin \
            and not place_named:  # ("Nabeul Céramiques": a place and a word make a company name)
        return True  # "Exports", "Foreign Direct Investments": common words capitalised
    strong_cue = classify(" ".join(words))[1] not in (None, "company") or words[0] in _ORG_NOUNS
    if not strong_cue and core and all(w in GENERIC or w in _SECTOR_WORDS for w in core) \
            and any(w in _SECTOR_WORDS for w in core):
        return True  # "Food & Cosmetics Luxury Industries"
    camel0 = any(ch.isupper() for ch in text_tokens[0].text[1:])  # "AquaMed": a coined name
    if not has_cue and not acronym and not camel0 and (_COMMON_SUFFIX.search(words[0]) and
                                                       (len(core) == 1 or (j - i > 1 and toks[i + 1].f in ("of", "de", "du", "des")))
                                                       or re.search(r"(ing|ed|tion|ment)$", words[0])):
        return True  # "Improvement", "Instituted", "Valorization of …": common nouns and participles
    if re.search(r"(ing|ed)$", words[0]) and not acronym and not camel0 and len(core) > 1 and \
            all(w in GENERIC for w in core[1:]):
        return True  # "Scaling Clusters", "Building Networks": a gerund heading
    if admin and i >= 1 and toks[i - 1].f in ("in", "of", "at", "dans", "the", "la", "le") and \
            (toks[i - 1].f not in ("the", "la", "le") or (i >= 2 and toks[i - 2].f in ("in", "of", "at", "dans"))):
        return True  # "in the Marrakech-Safi Region": a place here, not an actor
    if len(words) == 1 and acronym and i >= 2 and toks[i - 1].f == "(" and j < b and toks[j].f == ")" \
            and toks[i - 2].text.islower():
        return True  # "aromatic and medicinal plants (MAP)": the acronym of a common noun
    # a bullet made of one capitalised phrase ("Project Technical Feasibility Body.")
    return (j - i) >= (b - a) - 2 and all(not t.text.isalnum() for t in toks[j:b]) and (i - a) <= 1 \
        and not (has_cue or acronym) and len(core) >= 3


def _title_or_first_word(c: NameChunk, heading: bool, mid_caps: set[str], persons: set[str],
                         lower_vocab: set[str]) -> bool:
    """A whole heading line without a name cue, a kind's own noun alone, a lone capitalised word before a
    generic noun or first in its sentence without evidence, a sentence starter."""
    toks, i, j, a, b, words, text_tokens = c.toks, c.i, c.j, c.a, c.b, c.words, c.text_tokens
    has_cue = is_org_cue(" ".join(words)) or any(w in _ORG_NOUNS or w in _PROG_NOUNS for w in words)
    acronym = any(_is_acronym(t) for t in text_tokens)
    if heading and (j - i) >= (b - a) - 1 and not (has_cue or acronym):
        if 2 <= len(words) <= 3 and all(t.text[0].isupper() and t.text[1:].islower() for t in text_tokens):
            persons.update(words)
        return True  # a whole heading line without any name cue: a title, a byline
    # a word after "No." or after a dateline ("Juin 2024 – Malgré la …") starts a sentence too
    first_in_sentence = all(not toks[k].text.isalpha() or toks[k].f in MONTHS for k in range(a, i)) or \
        (i > a and toks[i - 1].f in (".", "!", "?"))
    if len(words) == 1 and not acronym and has_cue and not any(ch.isupper() for ch in text_tokens[0].text[1:]) \
            and (words[0] in _ORG_NOUNS or words[0] in _PROG_NOUNS or words[0] in _KIND_NOUNS
                 or words[0].endswith("ing")) and not _head_of_sentence_case_name(c):
        return True  # "Mentoring", "Incubator": the kind's own noun, capitalised, names nothing
    if len(words) == 1 and not acronym and not has_cue:
        t = text_tokens[0]
        if j < b and toks[j].text.islower() and toks[j].f in GENERIC | {"poles", "valley", "companies"} and \
                not (toks[j].f in _NAMED_HEADS and i > a and toks[i - 1].f in _DETERMINERS):
            return True  # "Anchor companies", "Techno poles": an adjective ("the Kelvo project" names it)
        camel = any(ch.isupper() for ch in t.text[1:])
        defined = _defines_org(toks, j, b)
        nxt = toks[j].f if j < b else ""
        verb_next = nxt in _NAME_VERBS and toks[j].text != "à"  # "Basé à Toulon": a participle
        if first_in_sentence and not (camel or defined or t.f in mid_caps or
                                      (verb_next and t.f not in lower_vocab)):
            return True  # a capitalised first word is a name only with some evidence
        if t.f in STARTERS:
            return True
    return False


# heads the institution reader takes only with an adjective after them (`frames/institutions._CAPITAL_HEADS`)
_CAPITAL_HEADS = {"fonds"}
_SCOPE_ADJECTIVES = {"national", "nationale", "regional", "regionale", "mondial", "mondiale", "international",
                     "internationale", "africain", "africaine", "arabe", "mediterraneen", "mediterraneenne"}


def _head_of_sentence_case_name(c: NameChunk) -> bool:
    """« le Fonds national pour … », « le Fonds algérien des … »: a capitalised head noun, then a lower-case
    adjective of scope or nationality, opens a French name in sentence case; the institution reader
    (`frames/institutions.py`) reads where it ends, and the vetoes drop the head if it names nothing."""
    toks, j = c.toks, c.j
    return c.words[0] in _CAPITAL_HEADS and j < c.b and toks[j].text.islower() and \
        (toks[j].f in _SCOPE_ADJECTIVES or toks[j].f in places()[1])


def _defines_org(toks, j, b) -> bool:
    """'Kelvonov is a cluster …', 'X est un pôle …': a copula then an organisation noun soon after."""
    window = [t.f for t in toks[j:min(b, j + 6)]]
    if not window or window[0] not in ("is", "was", "est", "etait", ",", "has", "a") or toks[j].text == "à":
        return False
    return any(w in _ORG_NOUNS or w in ("cluster", "pole", "platform", "technopark", "park", "hub", "plateforme")
               for w in window[1:])


_COMPASS = {"nord", "sud", "north", "south", "east", "west", "est", "ouest", "mediterranee", "mediterranean"}
_POSTS = {"president", "presidente", "chairperson", "director", "directeur", "directrice", "ceo", "chairman",
          "chairwoman", "manager", "founder", "fondateur", "fondatrice", "secretary", "coordinator", "coordinateur",
          "coordinatrice"}
_KIND_NOUNS = {"chambre", "chamber", "pepiniere", "rapport", "report", "components", "systems", "ministere",
               "ministry", "agence", "agency", "office", "direction", "universite", "university", "ecole", "school"}
_JOB_WORDS = {"officer", "manager", "coordinator", "expert", "consultant", "professor", "researcher", "chercheur",
              "chercheuse", "responsable", "charge", "chargee", "engineer", "ingenieur", "analyst", "spokesperson",
              "porte-parole", "journalist", "journaliste", "author", "auteur", "minister", "ministre", "mayor", "maire"}
_SPEECH = {"said", "says", "told", "explains", "explained", "added", "adds", "noted", "according", "by", "par",
           "selon", "explique", "declare", "souligne", "ajoute", "precise", "indique", "affirme", "estime", "with",
           "avec", "interviewed", "dirige", "directs", "leads", "led", "chairs", "preside", "heads", "manages",
           "founded", "fonde", "cofounded", "cofonde", "a", "has", "is", "est"}


def _person_context(toks, i: int, j: int, a: int, b: int) -> bool:
    """A given-name-led name is a person where people are: after a speech verb or 'by', before one, in an
    apposition ('Leila Haddad, project officer'), or alone on a signature line."""
    prev = toks[i - 1].f if i > a else ""
    nxt = toks[j].f if j < b else ""
    if prev in _SPEECH or (j - i) >= (b - a) - 1:
        return True
    if nxt == "," and j + 1 < b and \
            any(t.f in _JOB_TITLES or t.f in _JOB_WORDS for t in toks[j + 1:min(b, j + 4)]):
        return True  # "Leila Haddad, project officer at ANIMA", "Sofia Lindqvist, Director for …"
    return nxt in _SPEECH and nxt not in ("by", "par", "with", "avec", "a", "has", "is", "est")


def _is_person_like(toks, i, j, a, b) -> bool:
    """Bylines, people with titles, cited authors ('Porter (1990)', 'Gallié et al.', '(Torre, 2015)')."""
    if is_org_cue(" ".join(t.f for t in toks[i:j])):
        return False
    prev = toks[i - 1].f if i - 1 >= a else ""
    prev2 = toks[i - 2].f if i - 2 >= a else ""
    if prev in PERSON_TITLES or (prev == "." and prev2 in PERSON_TITLES):
        return True
    if prev == "." and i - 2 >= a and len(toks[i - 2].text) == 1 and toks[i - 2].text.isupper():
        return True  # "E. Gallié"
    if prev == "of" and prev2 in ("picture", "photo", "image"):
        return True
    nxt = [t.f for t in toks[j:min(b, j + 3)]]
    if nxt[:2] == ["et", "al"]:
        return True
    if nxt[:1] == ["("] and len(nxt) > 1 and re.fullmatch(r"\d{4}", nxt[1]):
        return True
    k0 = i - 1
    while k0 >= a and toks[k0].f in ("el", "al", "van", "von", "de", "ben"):
        k0 -= 1
    prev = toks[k0].f if k0 >= a else ""
    if prev == "." and k0 - 1 >= a and len(toks[k0 - 1].text) == 1 and toks[k0 - 1].text.isupper():
        return True  # "A. El Waatmani"
    opened = next((k for k in range(i - 1, max(a - 1, i - 4), -1) if toks[k].f == "("), None)
    if opened is not None and not is_org_cue(" ".join(t.f for t in toks[i:j])):
        close = next((k for k in range(j, min(b, j + 12)) if toks[k].f == ")"), None)
        if close is not None and any(re.fullmatch(r"\d{4}", t.f) for t in toks[j:close]):
            return True
    if prev == "(" or prev == "," or prev == ";":
        # inside a citation: '(Name, 2014)', '(Name et al., 2015; Other, 2017)'
        k = j
        while k < min(b, j + 4) and toks[k].f in (",", "and", "&"):
            k += 1
        if k < b and re.fullmatch(r"\d{4}", toks[k].f):
            return True
        if k < b and _namey(toks[k]) and k + 2 < b and toks[k + 1].f == "," and re.fullmatch(r"\d{4}", toks[k + 2].f):
            return True
    return False
