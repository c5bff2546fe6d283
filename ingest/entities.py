"""Mention detection: gazetteers (registry, places, sectors) and capitalised-name chunks.

Text is tokenised by one regex over a copy with curly quotes made straight (same
length, so offsets stay on the original). Tokens become a spaCy `Doc` of folded
(lower-case, accent-free) words, with no whitespace tokens, so PhraseMatcher name
lists match across the hard line breaks of PDF text. Most organisations are in no
list: they are found as runs of Capitalised/ALLCAPS tokens joined by connectors, then
filtered (sentence-initial words, people, cited authors, generic words, headings).

Modules, in data-flow order: `tokens.py` (the tokenizer), `gazetteers.py` (the data-file
lookups and their PhraseMatcher), `names.py` (the capitalised-name chunker), then here:
`detect()` runs the gazetteer, chunks each sentence (`_sentence_names`), filters the chunks
(`chunk_filters.py`: generic words, people, places, common words, headings) and sets them against the
registry names inside them.
"""
from __future__ import annotations

import re

from .chunk_filters import _JOB_TITLES, NameChunk, not_a_name
from .gazetteers import gazetteer, given_names, make_doc, places, registry_surfaces, sectors
from ecograph.kinds import CONNECTORS, FIRM_WORDS, GENERIC, MONTHS, classify
from .names import (REPRESENTATIONS, Chunk, _ORG_NOUNS, _PROG_NOUNS, _acronym_defined, _is_acronym, _longest,
                    _merge_commas, _overlap, _owner_tail, _paren_acronym, _paren_dashed_acronym, _raw_chunks, _split_and,
                    _trim, join_fields)
from .ministers import ministers
from .programme_spans import _national_programmes, _quoted, _trim_event_city
from .tokens import Tok, _surface

# Re-exported: extract.py, tests and bench import these from here, as before the split. bench/ patches
# `entities.make_doc` and `entities.gazetteer`, which detect() below looks up in this module.
from .gazetteers import DATA, Place, nlp  # noqa: F401
from .tokens import surface, tokenize  # noqa: F401

_HEAD_NOUNS_TAIL = {"cluster", "label", "plan", "strategy", "initiative"}  # lower-case head nouns absorbed into a name ("the QOOT cluster")
# lower-case kind nouns after a name: what stands before the name describes it ("the Egyptian X incubator")
_KIND_AFTER = {"incubator", "incubateur", "cluster", "startup", "start-up", "company", "firm", "accelerator",
               "platform", "technopark", "accelerateur", "entreprise", "societe"}
_CLITICS = {"vous", "nous", "il", "elle", "on", "ils", "elles", "t", "je", "tu", "moi", "toi", "ci"}  # ("Celle-ci")


def detect(toks: list[Tok], sents: list[tuple[int, int, object]], lang: str) -> tuple[list[Chunk], list[Chunk], list[Chunk]]:
    """(names, places, sectors) found in the document, as token chunks inside sentences."""
    sent_of = _sentence_of(toks, sents)
    reg_hits, place_hits, sector_hits = _gazetteer_hits(toks, sent_of, lang)
    mid_caps = _mid_sentence_caps(toks, sents)
    persons: set[str] = set()
    lower_vocab = {t.f for t in toks if t.text.islower()}
    reg_by_sent: dict[int, list[Chunk]] = {}
    for r in reg_hits:  # per sentence, so that long documents stay linear
        reg_by_sent.setdefault(sent_of[r.i], []).append(r)
    names: list[Chunk] = []
    for si, (a, b, sent) in enumerate(sents):
        names.extend(_sentence_names(toks, a, b, sent, mid_caps, reg_by_sent.get(si, []), place_hits, persons,
                                     lower_vocab))
    kept = _against_gazetteers(toks, names, place_hits, reg_by_sent, sent_of)
    kept = _with_governments(kept, _governments(toks, sents) + ministers(toks, sents, lang))
    return _without_overlaps(toks, kept, reg_hits, place_hits, sector_hits)


_GOVERNMENT = {"government", "gouvernement"}
_OF_COUNTRY = {"of", "de", "du", "d'"}


def _country_at(toks, k: int, b: int) -> tuple[int, Place] | None:
    """(end, country) of a country's name written from token k ('Italy', 'United Kingdom'), or None."""
    for m in range(min(b, k + 3), k, -1):
        p = places()[0].get(" ".join(t.f for t in toks[k:m]))
        if p is not None and p.kind == "country" and toks[k].cap:
            return m, p
    return None


def _governments(toks, sents) -> list[Chunk]:
    """A country's government named by a phrase in any case: 'the German government', « le gouvernement
    tunisien », 'the Government of Italy', « le gouvernement du Maroc », 'the Jordanian Government'. Each
    is an organisation of kind government, with 'Government of <country>' as an alias."""
    out = []
    dem = places()[1]
    for a, b, _ in sents:
        for k in range(a, b):
            if toks[k].f not in _GOVERNMENT:
                continue
            span = None
            if k > a and toks[k - 1].f in dem and dem[toks[k - 1].f].kind == "country":
                span = (k - 1, k + 1, dem[toks[k - 1].f])  # "the German government"
            elif k + 1 < b and toks[k + 1].f in dem and toks[k + 1].text.islower() and toks[k].f == "gouvernement":
                span = (k, k + 2, dem[toks[k + 1].f])  # « le gouvernement allemand »
            elif k + 2 < b and toks[k + 1].f in _OF_COUNTRY:
                n = k + 2 + (toks[k + 2].f in ("the", "la", "l'"))
                hit = _country_at(toks, n, b)
                if hit is not None:
                    span = (k, hit[0], hit[1])  # "the Government of Italy", « le gouvernement du Maroc »
            if span is not None:
                i, j, country = span
                alias = f"Government of {country.name}"
                out.append(Chunk(i, j, "government", "Organisation", "government", None, country.name,
                                 [] if _surface(toks, i, j).lower() == alias.lower() else [alias]))
    return out


def _with_governments(names: list[Chunk], governments: list[Chunk]) -> list[Chunk]:
    """The names with each government phrase in place of the chunks it crosses ('Government' alone,
    'Government of Italy' read by the chunker keeps its alias)."""
    if not governments:
        return names
    kept = [n for n in names if not any(_overlap(n, g) for g in governments)]
    return sorted(kept + governments, key=lambda c: c.i)


def _sentence_of(toks: list[Tok], sents) -> list[int]:
    """The index of the sentence each token is in."""
    sent_of = [0] * len(toks)
    for si, (a, b, _) in enumerate(sents):
        for k in range(a, b):
            sent_of[k] = si
    return sent_of


def _gazetteer_hits(toks: list[Tok], sent_of: list[int], lang: str) -> tuple[list[Chunk], list[Chunk], list[Chunk]]:
    """The registry names, places and sectors the gazetteer finds inside one sentence each, longest first."""
    doc = make_doc(lang, toks)
    reg = registry_surfaces()
    pl, dem = places()
    sec = sectors()
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
    return _longest(reg_hits), _longest(place_hits), _longest(sector_hits)


def _mid_sentence_caps(toks: list[Tok], sents) -> set[str]:
    """Capitalised words seen inside sentences (not first): a sentence-initial single word is kept if seen
    there too."""
    mid_caps = set()
    for a, b, _ in sents:
        k0 = a  # a dateline ("Juin 2024 – Malgré la …") does not make the next word mid-sentence
        while k0 < b and (not toks[k0].text.isalpha() or toks[k0].f in MONTHS):
            k0 += 1
        for k in range(max(a + 1, k0 + 1), b):
            if toks[k].cap and toks[k - 1].f not in (".", "!", "?"):
                mid_caps.add(toks[k].f)
    return mid_caps


def _against_gazetteers(toks: list[Tok], names: list[Chunk], place_hits: list[Chunk],
                        reg_by_sent: dict[int, list[Chunk]], sent_of: list[int]) -> list[Chunk]:
    """The chunks as the places and registry names inside them leave them: a known place alone goes, a
    registry name that crosses or outgrows a chunk wins, two names run together are parted."""
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
        kept.extend(_around_registry(toks, n, inner))
    return kept


def _around_registry(toks: list[Tok], n: Chunk, inner: list[Chunk]) -> list[Chunk]:
    """What a chunk holding registry names inside it gives: the chunk itself, or its parts beside them."""
    prefix = next((r for r in inner if r.i == n.i and toks[r.j].cap and toks[r.j].f not in REPRESENTATIONS and
                   not (n.j - r.j == 1 and toks[r.j].f in FIRM_WORDS)), None)  # "KDG Invest", "EU Delegation": one name
    if prefix is not None and prefix.label == "Programme" and \
            " ".join(t.f for t in toks[prefix.j:n.j]) in _PROGRAMME_BODIES:
        # "the Orion Sea Basin Managing Authority": the body that runs the programme
        return [Chunk(n.i, n.j, n.source, "Organisation", "government", None, n.country, list(n.aliases), n.ext)]
    if prefix is not None:
        # "Kelvo Pact for Industrial Growth Orvalis Acceleration Plan": two names run together
        rest = Chunk(prefix.j, n.j, n.source, None, None, None, None, list(n.aliases), n.ext)
        rest.i, rest.j = _trim(toks, rest.i, rest.j)
        while rest.j > rest.i + 1 and (toks[rest.j - 1].text.isdigit() or toks[rest.j - 1].f in ("-", "/")):
            rest.j -= 1  # the programme's years belong to the whole name ("ENPI CBC … Programme 2007-2013")
        return [rest] if rest.j > rest.i and not any(r.i == rest.i and r.j == rest.j for r in inner) else []
    out = []
    owner = next((r for r in inner if r.j == n.j and r.label == "Organisation" and r.i - n.i >= 2), None)
    tail = _owner_tail(toks, n) if owner is None else None
    if tail is not None:
        out.append(tail)  # not in the registry: the owner is kept here
        owner = tail
    if owner is not None and (tail is not None or toks[n.i].f not in GENERIC):
        k = owner.i - 1
        while k > n.i and toks[k].f in ("the", "la", "le", "l'"):
            k -= 1
        if toks[k].f in ("de", "du", "d'", "of"):
            # "Nova Idea de Kelvocom": a programme and the known organisation that owns it
            left = Chunk(n.i, k, n.source, n.label, n.kind, n.canonical, n.country)
            left.i, left.j = _trim(toks, left.i, left.j)
            return out + ([left] if left.j > left.i else [])
    if any(r.i > n.i and toks[r.i - 1].f in ("and", "et", "&", ",") for r in inner):
        r = next(r for r in inner if r.i > n.i and toks[r.i - 1].f in ("and", "et", "&", ","))
        left = Chunk(n.i, r.i - 1, n.source, n.label, n.kind, n.canonical, n.country)
        left.i, left.j = _trim(toks, left.i, left.j)
        if left.j > left.i:
            out.append(left)
        if n.j - r.j == 1 and toks[r.j].f in FIRM_WORDS:  # "… et KDG Invest": the subsidiary's name
            out.append(Chunk(r.i, n.j, n.source, None, None, None, None, list(n.aliases), n.ext))
        return out
    return out + [n]


def _without_overlaps(toks: list[Tok], kept: list[Chunk], reg_hits: list[Chunk], place_hits: list[Chunk],
                      sector_hits: list[Chunk]) -> tuple[list[Chunk], list[Chunk], list[Chunk]]:
    """The names (chunks, then registry names no chunk covers, longest first), and the places and sectors
    no name covers."""
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


def _sentence_names(toks, a, b, sent, mid_caps, reg_hits, place_hits, persons, lower_vocab) -> list[Chunk]:
    """The names of one sentence: its capitalised chunks, spans adjusted, filtered, with their acronyms."""
    heading = getattr(sent, "heading", False)
    spans, acr_spans, quoted = _sentence_spans(toks, a, b)
    out = []
    consumed = set()
    for i, j in sorted(spans):
        if i in consumed:
            continue
        ij = _adjusted_span(toks, i, j, a, b, persons)
        if ij is None:
            continue
        i, j = ij
        words = [t.f for t in toks[i:j]]
        is_quoted = (i, j) in quoted or (i, j) in acr_spans
        reg = next((r for r in reg_hits if r.i == i and r.j == j), None)
        if reg is None and not is_quoted:
            core = [w for w in words if w not in CONNECTORS and w not in ("-", ",")]
            c = NameChunk(toks, i, j, a, b, words, core)
            if not_a_name(c, heading, mid_caps, persons, lower_vocab):
                continue
        if is_quoted and (i, j) not in acr_spans and not _quoted_ok(toks, i, j, a, b):
            continue
        ch = Chunk(i, j, "registry" if reg else ("quoted" if is_quoted else "name"))
        if reg:
            ch.label, ch.kind, ch.country = reg.label, reg.kind, reg.country
        _take_acronym(toks, ch, b, consumed)
        out.append(ch)
    return out


def _sentence_spans(toks, a: int, b: int) -> tuple[list, list, list]:
    """The sentence's candidate spans (capitalised runs split at 'and', trimmed, merged over commas; an
    acronym's definition and a quoted title replace the runs inside them), the acronym definitions and
    the quoted titles."""
    spans = []
    for i, j in [p for c in join_fields(toks, _raw_chunks(toks, a, b)) for p in _split_the(toks, *c)]:
        for i2, j2 in _split_and(toks, i, j):
            i2, j2 = _trim(toks, i2, j2)
            if j2 > i2:
                spans.append((i2, j2))
    spans = _merge_commas(toks, spans)
    acr_spans = _acronym_defined(toks, a, b, spans)
    spans = [sp for sp in spans if not any(d[0] <= sp[0] < d[1] for d in acr_spans)] + acr_spans
    quoted = _quoted(toks, a, b) + _national_programmes(toks, a, b)
    spans = [s for s in spans if not any(q[0] <= s[0] and s[1] <= q[1] for q in quoted)] + quoted
    return spans, acr_spans, quoted


def _split_the(toks, i: int, j: int) -> list[tuple[int, int]]:
    """'the Desert Research Center the Agricultural Research Center': a lower-case 'the' right after a
    name's word (not after 'of', 'for', 'and') opens a second name: a comma the text left out."""
    for k in range(i + 1, j - 1):
        if toks[k].text == "the" and toks[k - 1].f not in CONNECTORS and toks[k - 1].text[:1].isupper() and \
                toks[k + 1].cap:
            return [(i, k)] + _split_the(toks, k + 1, j)
    return [(i, j)]


def _adjusted_span(toks, i: int, j: int, a: int, b: int, persons: set[str]) -> tuple[int, int] | None:
    """The span a chunk names: without a post before 'of' and a place adjective before a kind noun, with
    a lower-case head noun after it, without an event's city; None for a verb with its pronoun or a
    titled person (whose words join `persons`)."""
    if any(toks[k].f == "-" and toks[k + 1].f in _CLITICS for k in range(i, j - 1)):
        return None  # "Pouvez-vous", "Participez-vous": a verb with its pronoun; « Celle-ci »: a pronoun
    if toks[i].f in ("dr", "mr", "mrs", "ms", "prof", "mme", "mlle", "me", "pr") and j - i >= 2:
        persons.update(t.f for t in toks[i + 1:j])
        return None  # "Dr Rania Khoury": a person
    if i > 0 and toks[i - 1].text == "#" and any(t.text == "#" for t in toks[max(0, i - 3):i - 1] + toks[j:j + 2]):
        i += 1  # "#KelvoNews #Startups": a page's hashtags file it under topics ("joined #KelvoDays" names it)
        if i >= j:
            return None
    t0 = i
    while t0 < j and (toks[t0].f in _JOB_TITLES or toks[t0].f == "-" and t0 > i and t0 + 1 < j and
                      toks[t0 + 1].f in _JOB_TITLES):  # "Secretary-General of X"
        t0 += 1
    if t0 > i and t0 < j and toks[t0].f in ("of", "de", "du", "d'", "at"):
        # "Président du Pôle X", "Director of X": the organisation, not the post
        t0 += 1
        while t0 < j and toks[t0].f in ("the", "la", "le", "l'"):
            t0 += 1
        if t0 >= j:
            return None
        i = t0
        # "Director of X and Acting Director of Y": X ends where the next post begins
        j = next((k for k in range(i + 1, j - 1) if toks[k].f in ("and", "et") and toks[k + 1].f in _JOB_TITLES), j)
    i = _after_person_of(toks, i, j)
    i = _after_frame_of(toks, i, j)
    # a lower-case head noun right after the name belongs to it ("the QOOT cluster")
    if j - i >= 2 and toks[i].f in places()[1] and j < b and toks[j].f in _KIND_AFTER and not toks[j].cap:
        i += 1  # "the Egyptian Lyra incubator": the adjective says where the Lyra incubator is
    if j < b and toks[j].f in _HEAD_NOUNS_TAIL and not toks[j].cap and (j - i) <= 4:
        j += 1
    elif j < b and toks[j].f in ("program", "programme", "project") and \
            " ".join(t.f for t in toks[i:j + 1]) in registry_surfaces():
        j += 1
    j = _host_place(toks, i, _trim_event_city(toks, i, j), b)
    return _with_edition(toks, i, j, a, b)


def _after_person_of(toks, i: int, j: int) -> int:
    """"Roberto Kelvi of Orvalis Spa", "Tarek Zeph for the Nortek Federation": a person named by a given name
    and one or two more words, then the body they speak for; the body's name starts after the preposition."""
    if toks[i].f not in given_names() or not toks[i].cap:
        return i
    for k in range(i + 2, min(j - 1, i + 4)):
        if toks[k].f in ("of", "for", "from", "de", "du") and all(_surname(t) for t in toks[i + 1:k]):
            k += 1
            while k < j and toks[k].f in ("the", "la", "le", "l'"):
                k += 1
            return k if k < j else i
    return i


_ROMAN = re.compile(r"^[IVXLC]+$")


def _surname(t) -> bool:
    """A word of a person's name after a given name: capitalised, no Roman numeral ("Hassan II Hospital"), no
    body word and no dictionary word ("Mohammed VI Museum", "Jean Monnet Chair")."""
    from .frames.pipelines import dictionary_words  # (frames reads entities' modules: imported here)
    return t.cap and not _ROMAN.match(t.text) and classify(t.f)[0] is None and \
        t.text.lower() not in dictionary_words("en", "fr")


_YEAR = re.compile(r"(?:19|20)\d\d")
# acts named by their number ("Circular 331", « Loi 15-95 »): the number is the name
_NUMBERED_ACTS = {"circular", "circulaire", "law", "loi", "decree", "decret", "resolution", "regulation",
                  "directive", "dahir"}
_DETERMINERS_BEFORE_YEAR = {"the", "la", "le", "l'", "its", "this", "their", "our", "sa", "son", "cette", "notre"}


def _number_end(toks, k: int, b: int) -> int:
    """One past a number written as one word: '2022', '2021-24', '2010/2014', '2024-2028', '15-95'."""
    m = k + 1
    if m + 1 < b and toks[m].f in ("-", "/") and not toks[m].space and not toks[m + 1].space and \
            toks[m + 1].text.isdigit() and len(toks[m + 1].text) in (2, 4):
        m += 2
    return m


def _with_edition(toks, i: int, j: int, a: int, b: int) -> tuple[int, int]:
    """A programme's year or years are part of its name ('Cooperation Programme for the Near East 2021-24',
    'the 2030 Agenda for Sustainable Development', « Plan Azur 2015 »), and an act's number is its name
    ('Circular 331'): the number after (or a year before) a name the words call a programme."""
    name = " ".join(t.f for t in toks[i:j])
    act = j - i == 1 and toks[i].f in _NUMBERED_ACTS
    if not act and classify(name)[0] != "Programme":
        return i, j
    if j < b and toks[j].text.isdigit() and (act or _YEAR.fullmatch(toks[j].text)) and \
            not (j + 1 < b and toks[j + 1].text[:1].isalpha() and toks[j + 1].text.islower() and act):
        j = _number_end(toks, j, b)
    elif i - 1 >= a and _YEAR.fullmatch(toks[i - 1].text) and \
            (i - 1 == a or toks[i - 2].f in _DETERMINERS_BEFORE_YEAR):
        i -= 1
    return i, j


# nouns that frame a name after 'of' without naming a body ("in the Framework of the Kelvo Project")
_FRAME_NOUNS = {"framework", "context", "scope", "implementation", "cadre", "contexte", "perimetre"}


def _after_frame_of(toks, i: int, j: int) -> int:
    """'Framework of Kelvo Project', 'Tunisia of the KELVO project' (« la mise en œuvre en Tunisie du
    projet »): a frame noun or a country, then of/de and a name, is that name; a country opens no name
    with 'of' ('Bank of Kelvia' opens with a body noun, 'Kelvia of Tomorrow' ends on no capital)."""
    k = i + 1
    if j - i < 3 or toks[k].f not in ("of", "de", "du", "d'"):
        return i
    place = places()[0].get(toks[i].f)
    if not (toks[i].f in _FRAME_NOUNS or place is not None and place.kind == "country"):
        return i
    k += 1
    while k < j and toks[k].f in ("the", "la", "le", "l'"):
        k += 1
    return k if k < j and (toks[k].upper or toks[k].cap and k + 1 < j) else i


_FOREIGN_CHAMBERS = {"chamber", "chambre"}  # "Chambre de Commerce d'Espagne au Maroc", with a place inside


def _host_place(toks, i: int, j: int, b: int) -> int:
    """'EU Delegation to Kelvia', « Délégation de l'UE au Kelvistan », « Consulat général de X à Paris »:
    a representation's name runs on to its host place (a known place after to/in/au/en/à)."""
    words = [t.f for t in toks[i:j]]
    foreign = any(w in _FOREIGN_CHAMBERS for w in words) and \
        any(w in places()[0] and places()[0][w].kind == "country" for w in words[1:])
    campus = words[-1] == "university" and toks[j - 1].cap and j < b and toks[j].f == "in"  # "X University in Cairo"
    if not (foreign or campus or any(w in REPRESENTATIONS for w in words)) or j + 1 >= b or \
            toks[j].f not in ("to", "in", "au", "aux", "en", "a"):
        return j
    k = j + 1
    while k < b and toks[k].f in ("the", "le", "la", "l'"):
        k += 1
    if k >= b or not toks[k].cap:
        return j
    return next((m for m in range(min(b, k + 3), k, -1)
                 if " ".join(t.f for t in toks[k:m]) in places()[0]), j)


def _take_acronym(toks, ch: Chunk, b: int, consumed: set[int]) -> None:
    """'Long Name (ACR)', 'Long Name (CCI-SSE)', 'ACR (Long Name)': the other form in brackets becomes an
    alias of the chunk, its tokens consumed."""
    j = ch.j
    acr = _paren_acronym(toks, j, b)
    dashed = _paren_dashed_acronym(toks, j, b) if acr is None else None
    if acr is not None:
        ch.aliases = [toks[acr].text]
        ch.ext = acr + 2
        consumed.add(acr)
    elif dashed is not None:  # "(CCI-SSE)", "(NAEP-TN)"
        ch.aliases = [_surface(toks, j + 1, dashed)]
        ch.ext = dashed + 1
        consumed.update(range(j + 1, dashed))
    elif j + 1 < b and toks[j].f == "(" and ch.j - ch.i == 1 and _is_acronym(toks[ch.i]):
        close = next((m for m in range(j + 1, min(b, j + 14)) if toks[m].f == ")"), None)
        inner = toks[j + 1:close] if close is not None else []
        content = [t for t in inner if t.text.isalpha() and t.f not in CONNECTORS]
        if close is not None and close - j > 2 and toks[j + 1].cap and all(t.cap for t in content) \
                and not any(t.f in (",", ";", ":") for t in inner):
            ch.aliases = [_surface(toks, j + 1, close)]
            ch.ext = close + 1
            consumed.update(range(j + 1, close))


def _quoted_ok(toks, i, j, a, b) -> bool:
    words = " ".join(t.f for t in toks[i:j])
    if classify(words)[0] is not None:
        return True
    before = {t.f for t in toks[max(a, i - 5):i]}
    after = {t.f for t in toks[j:min(b, j + 5)]}  # ("« Nova », un accélérateur …": quote, comma, article)
    return bool((before | after) & (_PROG_NOUNS | _ORG_NOUNS | {"launch", "lancement", "titled", "called",
                                                                 "named", "intitule", "appele", "baptise"}))


# the bodies a programme has, named after it ("<programme> Managing Authority")
_PROGRAMME_BODIES = {"managing authority", "joint secretariat", "joint technical secretariat", "technical secretariat",
                     "secretariat", "monitoring committee", "steering committee", "national contact point",
                     "contact point", "programme office", "management unit", "coordination unit",
                     "autorite de gestion", "secretariat technique conjoint", "secretariat conjoint"}
