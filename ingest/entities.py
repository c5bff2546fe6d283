"""Mention detection: gazetteers (registry, places, sectors) and capitalised-name chunks.

Text is tokenised by one regex over a copy with curly quotes made straight (same
length, so offsets stay on the original). Tokens become a spaCy `Doc` of folded
(lower-case, accent-free) words, with no whitespace tokens, so PhraseMatcher name
lists match across the hard line breaks of PDF text. Most organisations are in no
list: they are found as runs of Capitalised/ALLCAPS tokens joined by connectors, then
filtered (sentence-initial words, people, cited authors, generic words, headings).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ecograph.ids import fold

from .kinds import (CONNECTORS, GENERIC, MONTHS, NON_NAME_ACRONYMS, PERSON_TITLES,  # noqa: F401
                    STARTERS)
from .registry import load_registry

DATA = Path(__file__).resolve().parent / "data"
_STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u2011": "-"})
_TOKEN = re.compile(r"(?:[A-Za-z\u00c0-\u024f]'(?=[A-Za-z\u00c0-\u024f]))|(?:[Qq]u'(?=\w))|\w+|[^\w\s]")


@dataclass
class Tok:
    text: str
    start: int
    end: int
    f: str            # folded form (lower-case, no accents, straight quotes)
    space: bool       # whitespace before this token

    @property
    def cap(self) -> bool:
        c = self.text[0]
        return c.isupper() or (c.isdigit() and any(x.isupper() for x in self.text))

    @property
    def upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    return fold(word) or word  # a lone combining mark folds to nothing: keep it as written


def tokenize(text: str) -> list[Tok]:
    s = text.translate(_STRAIGHT)
    out: list[Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(s):
        f = _fold(m.group())
        out.append(Tok(text[m.start():m.end()], m.start(), m.end(), f, m.start() > prev_end))
        prev_end = m.end()
    return out


def fold_tokens(text: str) -> list[str]:
    return [t.f for t in tokenize(text)]


# ---------------------------------------------------------------------------------------------
# Gazetteers

@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str


def _tsv(name: str) -> list[dict]:
    path = DATA / name
    if not path.exists():
        return []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def places() -> tuple[dict[str, Place], dict[str, Place]]:
    """(surface fold -> Place, demonym fold -> country Place)."""
    names, demonyms = {}, {}
    for r in _tsv("places.tsv"):
        p = Place(r["name"].strip(), r["kind"].strip(), (r.get("country") or "").strip() or r["name"].strip())
        for s in [p.name, *(r.get("aliases") or "").split("|")]:
            if s.strip():
                names.setdefault(" ".join(fold_tokens(s)), p)
        for s in (r.get("demonyms") or "").split("|"):
            if s.strip():
                demonyms[" ".join(fold_tokens(s))] = p
    return names, demonyms


@lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """surface fold -> canonical sector name."""
    out = {}
    _SECTOR_WORDS.update({"luxury", "food", "cosmetics", "industries", "industry", "products"})
    for r in _tsv("sectors.tsv"):
        for s in [r["name"], *(r.get("aliases") or "").split("|")]:
            if s.strip():
                out.setdefault(" ".join(fold_tokens(s)), r["name"].strip())
                if " " not in s.strip():
                    _SECTOR_WORDS.add(" ".join(fold_tokens(s)))
    return out


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded common given names (ingest/data/given_names.tsv): 'Leila Haddad' is a person, not an actor."""
    return frozenset(" ".join(fold_tokens(r["name"])) for r in _tsv("given_names.tsv") if r.get("name", "").strip())


@lru_cache(maxsize=1)
def registry_surfaces() -> dict[str, tuple]:
    """surface fold -> (KnownEntity, needs_case): short all-caps aliases must match in capitals."""
    out = {}
    for e in load_registry():
        for s in (e.name, *e.aliases):
            key = " ".join(fold_tokens(s))
            if key:
                needs_case = len(s) <= 5 and s.replace(" ", "").isupper()
                out.setdefault(key, (e, needs_case, s))
    return out


@lru_cache(maxsize=1)
def _blank():
    return spacy.blank("en")


def nlp(lang: str):
    """The blank pipeline whose vocab the matchers use, built once per process. Tokenisation is ours
    (one regex for both languages, see `tokenize`), so one blank pipeline serves English and French;
    building spacy.blank('fr') would only cost seconds of tokenizer-regex compilation per process."""
    return _blank()


@lru_cache(maxsize=4)
def gazetteer(lang: str) -> PhraseMatcher:
    vocab = nlp(lang).vocab
    m = PhraseMatcher(vocab)
    groups = {"REG": list(registry_surfaces()), "PLACE": list(places()[0]), "DEMONYM": list(places()[1]),
              "SECTOR": list(sectors())}
    for key, surfaces in groups.items():
        m.add(key, [Doc(vocab, words=s.split()) for s in surfaces if s])
    return m


def make_doc(lang: str, toks: list[Tok]) -> Doc:
    return Doc(nlp(lang).vocab, words=[t.f for t in toks], spaces=[True] * len(toks))


# ---------------------------------------------------------------------------------------------
# Word lists used by the name chunker live in kinds.py (what a name's words say).


def is_org_cue(f: str) -> bool:
    from .kinds import classify
    return classify(f)[0] is not None  # classify is memoised


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
              "institute", "institut", "university", "universite", "centre", "center", "startup", "firm"}
# verbs after which a sentence-initial capitalised word is the subject, hence a name ("Nexio took part …")
_NAME_VERBS = {"is", "was", "has", "took", "takes", "signed", "joined", "joins", "launched", "launches", "organised",
               "organized", "coordinates", "coordinated", "supports", "supported", "participated", "participates",
               "operates", "received", "obtained", "won", "funds", "funded", "finances", "financed", "manages",
               "runs", "hosts", "gathers", "partnered", "est", "a", "participe", "organise", "accompagne",
               "soutient", "finance", "regroupe", "opere", "lance", ","}
_PART_NOUNS = {"track", "component", "phase", "pillar", "window", "strand", "axis", "module", "stream", "volet",
               "composante", "axe", "pilier"}
_HEAD_NOUNS_TAIL = {"cluster", "label", "plan", "strategy", "initiative"}  # lower-case head nouns absorbed into a name ("the QOOT cluster")
_QUOTES_OPEN = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", '"': '"'}
_COMPLEMENT = {"of", "for", "de", "du", "des", "d'", "pour"}
# heads of names that list their fields: "Ministère de l'Industrie, des Mines et de l'Énergie", "Chambre de
# Commerce, d'Industrie et d'Agriculture de Beyrouth"
_LIST_HEADS = {"ministry", "ministere", "chambre", "chamber"}
_HEAD_BEFORE_ADJ = {"ministere", "agence", "banque", "office", "societe", "conseil", "union", "chambre", "institut",
                    "centre", "federation", "association", "fonds", "caisse", "ministry", "agency"}
_COMPANY_SUFFIX = {"group", "groupe", "holding", "sa", "sas", "sarl", "ltd", "inc", "plc", "spa", "gmbh", "corp",
                   "srl", "llc", "ag", "bv", "nv"}
_CLITICS = {"vous", "nous", "il", "elle", "on", "ils", "elles", "t", "je", "tu", "moi", "toi"}
_JOB_TITLES = {"president", "presidente", "vice-president", "director", "directeur", "directrice", "ceo", "head",
               "chairman", "chairwoman", "chair", "manager", "founder", "fondateur", "fondatrice", "secretary",
               "secretaire", "general", "generale", "executive", "delegue", "deleguee", "coordinator",
               "coordinateur", "coordinatrice", "managing", "deputy", "adjoint", "adjointe"}
_PLACE_HEADED = {"university", "universite", "cluster", "chamber", "federation", "association", "agency",
                 "technopark", "technopole", "municipality", "polytechnic", "hospital", "port", "incubator"}
_AND = {"and", "et", "&"}


_COMMON_SUFFIX = re.compile(r"(tion|tions|ment|ments|ness|ity|ities|ance|ence|ing|ism|ship|ed|ics)$")
_SECTOR_WORDS: set[str] = set()


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


def _raw_chunks(toks: list[Tok], a: int, b: int) -> list[tuple[int, int]]:
    out = []
    i = a
    while i < b:
        if not _namey(toks[i]) or toks[i].f in CONNECTORS:
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
                j += 1  # (a title starts a person's name: "the Cairo Pharma Cluster Dr Hoda Mansour" is two)
                last = j
                continue
            if u.text.isdigit() and j + 1 < b and _namey(toks[j + 1]) and len(u.text) == 4:
                j += 1
                continue
            if u.f in CONNECTORS and u.f != "-":
                j += 1
                continue
            if u.text.islower() and j == i + 1 and toks[i].f in _HEAD_BEFORE_ADJ and u.f in places()[1] \
                    and j + 1 < b and toks[j + 1].f in CONNECTORS:
                j += 1  # "Ministère libanais de l'Industrie", "Agence française de développement"
                continue
            break
        out.append((i, last))
        i = max(last, i + 1)
    return out


def _split_and(toks: list[Tok], i: int, j: int) -> list[tuple[int, int]]:
    """Split 'A and B' unless the 'and' sits inside one name ('Ministry of Economy and Finance');
    split 'the Startup Track of the Blue Challenge' into the component and its programme."""
    for k in range(i + 1, j - 1):
        if toks[k].f in ("of", "de", "du") and toks[k - 1].f in _PART_NOUNS:
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)
    for k in range(i + 1, j - 1):
        if toks[k].f not in _AND:
            continue
        left = [t.f for t in toks[i:k]]
        right = toks[k + 1:j]
        if right and right[0].f == "of":
            # "Representatives of the World Bank and of the Ministry": two phrases, not one name
            return _split_and(toks, i, k) + _split_and(toks, k + 2, j)
        r0 = 1 if right and right[0].f in ("the", "la", "le", "l'") else 0
        right_head = right[r0].f if len(right) > r0 else ""
        right_is_name = right_head in _ORG_NOUNS or right_head in ("ministry", "ministere", "university",
                                                                      "universite", "bank", "banque", "office") or \
            (r0 == 1 and len(right) > 1 and right[1].cap and is_org_cue(right_head))  # "et la Chambre de …"
        if right and right[0].cap and " ".join(fold_tokens(right[0].text)) in places()[0] and len(right) >= 2 \
                and not any(f in _COMPLEMENT for f in left):
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)  # "Salina Sensors and Limassol Marine Labs"
        right_cue = bool(right) and is_org_cue(right[-1].f) and not is_org_cue(" ".join(left)) and \
            not (len(right) >= 2 and right[-1].f in _COMPANY_SUFFIX)  # "Airbus Helicopters et Naval Group"
        # a determiner after "and" opens a new noun phrase ("Poseidon Feeds and the Aegean Institute")
        joined = (any(f in _COMPLEMENT for f in left) and not right_is_name and
                  not (r0 == 1 and len(right) > 1 and right[1].cap)) or \
                 (toks[k].f == "&" and not right_is_name) or \
                 (right_cue and len(left) <= 2 and not right_is_name and r0 == 0)
        if not joined:
            return _split_and(toks, i, k) + _split_and(toks, k + 1, j)
    return [(i, j)]


def _trim(toks: list[Tok], i: int, j: int) -> tuple[int, int]:
    while i < j and ((toks[i].f in CONNECTORS and not (toks[i].upper and toks[i].f != "the"))
                     or (toks[i].f in STARTERS and not (toks[i].upper and toks[i].f not in ("the", "le", "la", "les")))
                     or not _namey(toks[i])):
        i += 1
    while j > i and (toks[j - 1].f in CONNECTORS or not (_namey(toks[j - 1]) or toks[j - 1].text.isalnum())):
        j -= 1
    return i, j


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
    if nxt == "," and j + 1 < b and toks[j + 1].text[:1].islower() and \
            any(t.f in _JOB_TITLES or t.f in _JOB_WORDS for t in toks[j + 1:min(b, j + 4)]):
        return True  # "Leila Haddad, project officer at ANIMA"
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


def detect(toks: list[Tok], sents: list[tuple[int, int, object]], lang: str) -> tuple[list[Chunk], list[Chunk], list[Chunk]]:
    """(names, places, sectors) found in the document, as token chunks inside sentences."""
    doc = make_doc(lang, toks)
    reg = registry_surfaces()
    pl, dem = places()
    sec = sectors()
    sent_of = [0] * len(toks)
    for si, (a, b, _) in enumerate(sents):
        for k in range(a, b):
            sent_of[k] = si
    reg_hits, place_hits, sector_hits = [], [], []
    for mid, i, j in gazetteer(lang)(doc):
        if not toks or sent_of[i] != sent_of[j - 1]:
            continue
        key = doc.vocab.strings[mid]
        surface = " ".join(t.f for t in toks[i:j])
        if key == "REG":
            e, needs_case, orig = reg[surface]
            if needs_case and not all(t.upper or not t.text.isalpha() for t in toks[i:j]):
                continue
            if not toks[i].cap and not any(c.isupper() for c in orig):
                pass  # lower-case descriptive alias ('central guarantee fund'): allowed
            reg_hits.append(Chunk(i, j, "registry", e.label, e.kind, None, e.country))
        elif key == "PLACE":
            if toks[i].cap:
                p = pl[surface]
                place_hits.append(Chunk(i, j, "place", "Place", p.kind, p.name, p.country))
        elif key == "SECTOR":
            sector_hits.append(Chunk(i, j, "sector", "Sector", None, sec[surface]))
    reg_hits = _longest(reg_hits)
    place_hits = _longest(place_hits)
    sector_hits = _longest(sector_hits)

    # capitalised words seen inside sentences (not first): a sentence-initial single word is kept if seen there too
    mid_caps = set()
    for a, b, _ in sents:
        k0 = a  # a dateline ("Décembre 2023 – Faute de …") does not make the next word mid-sentence
        while k0 < b and (not toks[k0].text.isalpha() or toks[k0].f in MONTHS):
            k0 += 1
        for k in range(max(a + 1, k0 + 1), b):
            if toks[k].cap and toks[k - 1].f not in (".", "!", "?"):
                mid_caps.add(toks[k].f)
    names: list[Chunk] = []
    persons: set[str] = set()
    lower_vocab = {t.f for t in toks if t.text.islower()}
    reg_by_sent: dict[int, list[Chunk]] = {}
    for r in reg_hits:  # per sentence, so that long documents stay linear
        reg_by_sent.setdefault(sent_of[r.i], []).append(r)
    for si, (a, b, sent) in enumerate(sents):
        names.extend(_sentence_names(toks, a, b, sent, mid_caps, reg_by_sent.get(si, []), place_hits, persons,
                                     lower_vocab))
    kept = []
    place_cover = bytearray(len(toks) + 1)
    for p in place_hits:
        place_cover[p.i:p.j] = b"\x01" * (p.j - p.i)
    for n in names:
        if n.source == "name" and all(place_cover[n.i:n.j]) and not n.aliases:
            continue  # "Arous" of "Ben Arous": a known place swallowed by a connector
        inner = [r for r in reg_by_sent.get(sent_of[n.i], []) if _overlap(r, n) and not (r.i == n.i and r.j == n.j)]
        if any(r.j - r.i >= n.j - n.i or r.i < n.i or r.j > n.j for r in inner):
            continue  # a registry name is longer or crosses this chunk: the registry wins
        prefix = next((r for r in inner if r.i == n.i and toks[r.j].cap), None)
        if prefix is not None:
            # "National Pact for Industrial Emergence Industrial Acceleration Plan": two names run together
            rest = Chunk(prefix.j, n.j, n.source, None, None, None, None, list(n.aliases), n.ext)
            rest.i, rest.j = _trim(toks, rest.i, rest.j)
            if rest.j > rest.i and not any(r.i == rest.i and r.j == rest.j for r in inner):
                kept.append(rest)
            continue
        owner = next((r for r in inner if r.j == n.j and r.label == "Organisation" and r.i - n.i >= 2), None)
        tail = _owner_tail(toks, n) if owner is None else None
        if tail is not None:
            kept.append(tail)  # not in the registry: the owner is kept here
            owner = tail
        if owner is not None and (tail is not None or toks[n.i].f not in GENERIC):
            k = owner.i - 1
            while k > n.i and toks[k].f in ("the", "la", "le", "l'"):
                k -= 1
            if toks[k].f in ("de", "du", "d'", "of"):
                # "Innov Idea de Tamwilcom": a programme and the known organisation that owns it
                left = Chunk(n.i, k, n.source, n.label, n.kind, n.canonical, n.country)
                left.i, left.j = _trim(toks, left.i, left.j)
                if left.j > left.i:
                    kept.append(left)
                continue
        if any(r.i > n.i and toks[r.i - 1].f in ("and", "et", "&", ",") for r in inner):
            r = next(r for r in inner if r.i > n.i and toks[r.i - 1].f in ("and", "et", "&", ","))
            left = Chunk(n.i, r.i - 1, n.source, n.label, n.kind, n.canonical, n.country)
            left.i, left.j = _trim(toks, left.i, left.j)
            if left.j > left.i:
                kept.append(left)
            continue
        kept.append(n)
    taken = bytearray(len(toks) + 1)
    for n in kept:
        taken[n.i:n.j] = b"\x01" * (n.j - n.i)
    names = kept + [c for c in reg_hits if not any(taken[c.i:c.j])]
    names = _longest(names)
    taken = bytearray(len(toks) + 1)
    for n in names:
        taken[n.i:n.j] = b"\x01" * (n.j - n.i)
    places_out = [p for p in place_hits if not any(taken[p.i:p.j])]
    sectors_out = [s for s in sector_hits if not any(taken[s.i:s.j])]
    return sorted(names, key=lambda c: c.i), places_out, sectors_out


def _owner_tail(toks, n: Chunk) -> Chunk | None:
    """'Start Garant de la Caisse Atlas': a name without an organisation word, then 'de (la)' and a
    name that starts with one: the second is the owner (the first is its programme)."""
    from .kinds import classify
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


def _quoted(toks, a, b) -> list[tuple[int, int]]:
    out = []
    k = a
    while k < b:
        close = _QUOTES_OPEN.get(toks[k].text)
        if close is None:
            k += 1
            continue
        end = next((m for m in range(k + 1, min(b, k + 11)) if toks[m].text in (close, "\u201d", "\u2019", '"', "\u00bb")
                    and (toks[m].text != "'" or True)), None)
        if end is None or end - k < 2:
            k += 1
            continue
        inner = toks[k + 1:end]
        content = [t for t in inner if t.f not in CONNECTORS and t.text.isalnum()]
        if inner and inner[0].cap and content and sum(t.cap for t in content) * 2 >= len(content) \
                and not any(t.f in (".", "?", "!", ";") for t in inner):
            out.append((k + 1, end))
        k = end + 1
    return out


def _sentence_names(toks, a, b, sent, mid_caps, reg_hits, place_hits, persons, lower_vocab) -> list[Chunk]:
    heading = getattr(sent, "heading", False)
    spans = []
    for i, j in _raw_chunks(toks, a, b):
        for i2, j2 in _split_and(toks, i, j):
            i2, j2 = _trim(toks, i2, j2)
            if j2 > i2:
                spans.append((i2, j2))
    spans = _merge_commas(toks, spans)
    acr_spans = _acronym_defined(toks, a, b, spans)
    spans = [sp for sp in spans if not any(d[0] <= sp[0] < d[1] for d in acr_spans)] + acr_spans
    quoted = _quoted(toks, a, b) + _national_programmes(toks, a, b)
    spans = [s for s in spans if not any(q[0] <= s[0] and s[1] <= q[1] for q in quoted)] + quoted
    out = []
    consumed = set()
    for i, j in sorted(spans):
        if i in consumed:
            continue
        if any(toks[k].f == "-" and toks[k + 1].f in _CLITICS for k in range(i, j - 1)):
            continue  # "Pouvez-vous", "Participez-vous": a verb with its pronoun
        if toks[i].f in ("dr", "mr", "mrs", "ms", "prof", "mme", "mlle", "me", "pr") and j - i >= 2:
            persons.update(t.f for t in toks[i + 1:j])
            continue  # "Dr Hoda Mansour": a person
        t0 = i
        while t0 < j and toks[t0].f in _JOB_TITLES:
            t0 += 1
        if t0 > i and t0 < j and toks[t0].f in ("of", "de", "du", "d'", "at"):
            # "Président du Pôle X", "Director of X": the organisation, not the post
            t0 += 1
            while t0 < j and toks[t0].f in ("the", "la", "le", "l'"):
                t0 += 1
            if t0 >= j:
                continue
            i = t0
        # a lower-case head noun right after the name belongs to it ("the QOOT cluster")
        if j < b and toks[j].f in _HEAD_NOUNS_TAIL and not toks[j].cap and (j - i) <= 4:
            j += 1
        elif j < b and toks[j].f in ("program", "programme", "project") and \
                " ".join(t.f for t in toks[i:j + 1]) in registry_surfaces():
            j += 1
        j = _trim_event_city(toks, i, j)
        words = [t.f for t in toks[i:j]]
        text_tokens = toks[i:j]
        is_quoted = (i, j) in quoted or (i, j) in acr_spans
        reg = next((r for r in reg_hits if r.i == i and r.j == j), None)
        if reg is None and not is_quoted:
            core = [w for w in words if w not in CONNECTORS and w not in ("-", ",")]
            admin = len(words) >= 2 and words[-1] in ("region", "municipality", "province", "prefecture",
                                                        "commune", "wilaya") and toks[j - 1].cap
            heads = [w for w in core if w not in places()[1]]
            k_of = next((k for k in range(i + 1, j - 1) if toks[k].f in ("of", "de", "du", "d'")), None)
            head_of_place = bool(heads) and heads[0] in GENERIC and not heads[0].endswith("s") and k_of is not None and \
                (any(w in places()[0] for w in core[1:]) or is_org_cue(heads[0])) and toks[k_of + 1:j] and \
                any(t.cap for t in toks[k_of + 1:j])  # "University of Sfax", "Tunisian Ministry of Industry"
            # "Alexandria University", "Lebanese University", "Sfax Chamber of Commerce": a place and an
            # institution head noun make a name, though each word alone is generic
            place_head = len(core) >= 2 and core[-1] in _PLACE_HEADED and toks[j - 1].cap and \
                any(w in places()[0] or w in places()[1] for w in core[:-1])
            if not admin and not head_of_place and not place_head and all(
                    w in GENERIC or w in NON_NAME_ACRONYMS or w in places()[1] or w in places()[0]
                    or (w in registry_surfaces() and len(core) > 1 and "-" in words) for w in core):
                continue
            if len(words) == 1 and (words[0] in NON_NAME_ACRONYMS or words[0] in MONTHS):
                continue
            if len(words) == 1 and acronym_like(text_tokens[0]) and j < b and toks[j].text[:1].isdigit():
                continue  # "ISO 9001", "Horizon 2020"-style model numbers: a standard, not an actor
            if sum(c.isalpha() for c in "".join(words)) < 3 and \
                    not (len(text_tokens) == 1 and _is_acronym(text_tokens[0]) and len(words[0]) >= 3):
                continue  # "R&D" (but "2TS", "3D Lab" are names)
            parts = " ".join(words).replace(" , ", " & ").replace(" and ", " & ").replace(" et ", " & ").split(" & ")
            if all(p.strip() in sectors() or p.strip() in ("", "-") or all(x in sectors() for x in p.split())
                   for p in parts):
                continue  # sectors ("Energy, Mobility, Medical & Aeronautics", "Information … & Software Development")  # "Energy, Mobility, Medical & Aeronautics" in a title: sectors, not actors
            if words and all(w in persons for w in words if w not in CONNECTORS):
                continue  # a person seen in a byline ("Josette")
            if " ".join(words) in places()[0]:
                continue  # a place, found by the gazetteer
            if all(" ".join(fold_tokens(t.text)) in places()[0] or t.f in CONNECTORS or t.f in ("-", ",")
                   for t in text_tokens):
                continue  # a list of places ("Lebanon, Tunisia & Morocco")
            if _is_person_like(toks, i, j, a, b):
                if 2 <= len(words) <= 3:
                    persons.update(words)
                continue
            has_cue = is_org_cue(" ".join(words)) or any(w in _ORG_NOUNS or w in _PROG_NOUNS for w in words)
            acronym = any(_is_acronym(t) for t in text_tokens)
            if 2 <= len(words) <= 4 and words[0] in given_names() and not has_cue and not acronym \
                    and all(t.cap or t.f in ("el", "al", "ben", "de", "di", "da", "van", "von", "-") for t in text_tokens) \
                    and _person_context(toks, i, j, a, b):
                persons.update(words)
                continue  # "…, said Leila Haddad", "Karim Benali dirige …": a person, not an actor
            plain = [w for w in core if w not in places()[0]]
            from .kinds import classify
            strong_cue = classify(" ".join(words))[1] not in (None, "company") or \
                any(w in _ORG_NOUNS or w in _PROG_NOUNS for w in words)
            place_named = len(core) >= 2 and core[0] in places()[0] and toks[j - 1].cap
            if not acronym and not strong_cue and plain and all(w in lower_vocab for w in plain) and not admin \
                    and not place_named:  # ("Saïdia Aromatiques": a place and a word make a company name)
                continue  # "Exports", "Foreign Direct Investments": common words capitalised
            from .kinds import classify
            strong_cue = classify(" ".join(words))[1] not in (None, "company") or words[0] in _ORG_NOUNS
            if not strong_cue and core and all(w in GENERIC or w in _SECTOR_WORDS for w in core) \
                    and any(w in _SECTOR_WORDS for w in core):
                continue  # "Food & Cosmetics Luxury Industries"
            camel0 = any(c.isupper() for c in text_tokens[0].text[1:])  # "AquaMed": a coined name
            if not has_cue and not acronym and not camel0 and (_COMMON_SUFFIX.search(words[0]) and
                                                (len(core) == 1 or (j - i > 1 and toks[i + 1].f in ("of", "de", "du", "des")))
                                                or re.search(r"(ing|ed|tion|ment)$", words[0])):
                continue  # "Improvement", "Instituted", "Valorization of …": common nouns and participles
            if re.search(r"(ing|ed)$", words[0]) and not acronym and not camel0 and len(core) > 1 and \
                    all(w in GENERIC for w in core[1:]):
                continue  # "Scaling Clusters", "Building Networks": a gerund heading
            if admin and i >= 1 and toks[i - 1].f in ("in", "of", "at", "dans", "the", "la", "le") and \
                    (toks[i - 1].f not in ("the", "la", "le") or (i >= 2 and toks[i - 2].f in ("in", "of", "at", "dans"))):
                continue  # "in the Marrakech-Safi Region": a place here, not an actor
            if len(words) == 1 and acronym and i >= 2 and toks[i - 1].f == "(" and j < b and toks[j].f == ")" \
                    and toks[i - 2].text.islower():
                continue  # "aromatic and medicinal plants (MAP)": the acronym of a common noun
            if (j - i) >= (b - a) - 2 and all(not t.text.isalnum() for t in toks[j:b]) and (i - a) <= 1 \
                    and not (has_cue or acronym) and len(core) >= 3:
                continue  # a bullet made of one capitalised phrase ("Project Technical Feasibility Body.")
            if heading and (j - i) >= (b - a) - 1 and not (has_cue or acronym):
                if 2 <= len(words) <= 3 and all(t.text[0].isupper() and t.text[1:].islower() for t in text_tokens):
                    persons.update(words)
                continue  # a whole heading line without any name cue: a title, a byline
            # a word after "No." or after a dateline ("Décembre 2023 – Faute de …") starts a sentence too
            first_in_sentence = all(not toks[k].text.isalpha() or toks[k].f in MONTHS for k in range(a, i)) or \
                (i > a and toks[i - 1].f in (".", "!", "?"))
            if len(words) == 1 and not acronym and has_cue and not any(c.isupper() for c in text_tokens[0].text[1:]) \
                    and (words[0] in _ORG_NOUNS or words[0] in _PROG_NOUNS or words[0].endswith("ing")):
                continue  # "Mentoring", "Incubator": the kind's own noun, capitalised, names nothing
            if len(words) == 1 and not acronym and not has_cue:
                t = text_tokens[0]
                if j < b and toks[j].text.islower() and toks[j].f in GENERIC | {"poles", "valley", "companies"}:
                    continue  # "Anchor companies", "Techno poles": an adjective
                camel = any(c.isupper() for c in t.text[1:])
                defined = _defines_org(toks, j, b)
                nxt = toks[j].f if j < b else ""
                verb_next = nxt in _NAME_VERBS and toks[j].text != "à"  # "Basé à Toulon": a participle
                if first_in_sentence and not (camel or defined or t.f in mid_caps or
                                              (verb_next and t.f not in lower_vocab)):
                    continue  # a capitalised first word is a name only with some evidence
                if t.f in STARTERS:
                    continue
        if is_quoted and (i, j) not in acr_spans and not _quoted_ok(toks, i, j, a, b):
            continue
        ch = Chunk(i, j, "registry" if reg else ("quoted" if is_quoted else "name"))
        if reg:
            ch.label, ch.kind, ch.country = reg.label, reg.kind, reg.country
        # "Long Name (ACR)" / "ACR (Long Name)"
        acr = _paren_acronym(toks, j, b)
        dashed = _paren_dashed_acronym(toks, j, b) if acr is None else None
        if acr is not None:
            ch.aliases = [toks[acr].text]
            ch.ext = acr + 2
            consumed.add(acr)
        elif dashed is not None:  # "(CCIA-BML)", "(AND-PME)"
            ch.aliases = [_surface(toks, j + 1, dashed)]
            ch.ext = dashed + 1
            consumed.update(range(j + 1, dashed))
        elif j + 1 < b and toks[j].f == "(" and len(words) == 1 and _is_acronym(text_tokens[0]):
            close = next((m for m in range(j + 1, min(b, j + 14)) if toks[m].f == ")"), None)
            inner = toks[j + 1:close] if close is not None else []
            content = [t for t in inner if t.text.isalpha() and t.f not in CONNECTORS]
            if close is not None and close - j > 2 and toks[j + 1].cap and all(t.cap for t in content) \
                    and not any(t.f in (",", ";", ":") for t in inner):
                ch.aliases = [_surface(toks, j + 1, close)]
                ch.ext = close + 1
                consumed.update(range(j + 1, close))
        out.append(ch)
    return out


def _acronym_defined(toks, a: int, b: int, spans) -> list[tuple[int, int]]:
    """'l'Agence italienne pour la coopération au développement (AICS)': a long form written with
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
            if not toks[t].cap or toks[t].f in CONNECTORS:
                continue
            words = [x for x in toks[t:k] if x.f not in CONNECTORS and x.f not in ("pour", "au", "aux", "a", "en")]
            initials = [x.text[0].upper() for x in words]
            # all the acronym's letters in order, or all but one for a longer one (AICS is the Italian
            # "Agenzia Italiana per la Cooperazione allo Sviluppo" written in French)
            if initials and initials[0] == acr[0] and len(words) <= len(acr) + 2 and \
                    _matched(acr, initials) >= len(acr) - (1 if len(acr) >= 4 else 0):
                out.append((t, k))
                break
    return out


def _matched(short: list[str], long_: list[str]) -> int:
    """How many letters of `short` appear in order in `long_`."""
    n, it = 0, iter(long_)
    for c in short:
        if c in it:
            n += 1
        else:
            break
    return n


_EVENT_BEFORE = {"salon", "fair", "forum", "foire", "expo", "exhibition", "show", "congres", "congress", "summit",
                 "sommet"}


def _trim_event_city(toks, i: int, j: int) -> int:
    """'(salon) Djazagro d'Alger', 'Africa Digital Summit d'Alger': the host city is not in an event's name."""
    if j - i < 3 or toks[j - 2].f not in ("d'", "de") or " ".join(fold_tokens(toks[j - 1].text)) not in places()[0]:
        return j
    from .kinds import classify
    head = " ".join(t.f for t in toks[i:j - 2])
    if classify(head)[1] == "event" or (i > 0 and toks[i - 1].f in _EVENT_BEFORE):
        return j - 2
    return j


def _national_programmes(toks, a, b) -> list[tuple[int, int]]:
    """'Morocco's cluster program', 'the Moroccan cluster programme': a country's named programme."""
    out = []
    pl, dem = places()
    for k in range(a, b - 2):
        if not toks[k].cap:
            continue
        start = None
        if toks[k].f in dem:
            start, n = k, k + 1
        elif toks[k].f in pl and pl[toks[k].f].kind == "country" and toks[k + 1].f == "'" and toks[k + 2].f == "s":
            start, n = k, k + 3
        if start is None:
            continue
        m = n
        while m < min(b, n + 2) and toks[m].text.isalpha() and toks[m].text.islower() and toks[m].f not in CONNECTORS:
            if toks[m].f in ("program", "programme"):
                break
            m += 1
        if m > n and m < b and toks[m].f in ("program", "programme"):
            out.append((start, m + 1))
    return out


def mid_caps_non_initial(mid_caps: set, t: Tok) -> set:
    return mid_caps


def _defines_org(toks, j, b) -> bool:
    """'Agrinnov is a cluster …', 'X est un pôle …': a copula then an organisation noun soon after."""
    window = [t.f for t in toks[j:min(b, j + 6)]]
    if not window or window[0] not in ("is", "was", "est", "etait", ",", "has", "a") or toks[j].text == "à":
        return False
    return any(w in _ORG_NOUNS or w in ("cluster", "pole", "platform", "technopark", "park", "hub", "plateforme")
               for w in window[1:])


def _quoted_ok(toks, i, j, a, b) -> bool:
    from .kinds import classify
    words = " ".join(t.f for t in toks[i:j])
    if classify(words)[0] is not None:
        return True
    before = {t.f for t in toks[max(a, i - 5):i]}
    after = {t.f for t in toks[j:min(b, j + 3)]}
    return bool((before | after) & (_PROG_NOUNS | _ORG_NOUNS | {"launch", "lancement", "titled", "called",
                                                                 "named", "intitule", "appele", "baptise"}))


def _merge_commas(toks, spans):
    """'Ministry of Industry, Trade, Investment and Digital Economy', 'Economic, Social and Environmental Council'."""
    out = []
    k = 0
    while k < len(spans):
        i, j = spans[k]
        head = toks[i].f
        single = j - i == 1 and toks[i].cap and not toks[i].upper
        best = k
        if head in _LIST_HEADS or single:
            n = k
            while n + 1 < len(spans):
                gap = [t.f for t in toks[spans[n][1]:spans[n + 1][0]]]
                # French repeats the article: "Ministère de l'Industrie, des Mines et de l'Énergie"
                ok = gap in ([","], [",", "and"], ["and"], [",", "et"], ["et"]) or (
                    head in _LIST_HEADS and 2 <= len(gap) <= 4 and gap[0] in (",", "et", "and")
                    and gap[1] in ("des", "de", "du", "d'")  # (", des Mines", "et de l'Énergie"; not "et l'ONUDI")
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


def _surface(toks: list[Tok], i: int, j: int) -> str:
    """The name as written, whitespace normalised, straight apostrophes kept as written."""
    parts = []
    for n, t in enumerate(toks[i:j]):
        if n and t.space:
            parts.append(" ")
        parts.append(t.text)
    return "".join(parts)


surface = _surface
