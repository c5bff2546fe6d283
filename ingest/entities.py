"""Mention detection: gazetteers (registry, places, sectors) and capitalised-name chunks.

Text is tokenised by one regex over a copy with curly quotes made straight (same
length, so offsets stay on the original). Tokens become a spaCy `Doc` of folded
(lower-case, accent-free) words, with no whitespace tokens, so PhraseMatcher name
lists match across the hard line breaks of PDF text. Most organisations are in no
list: they are found as runs of Capitalised/ALLCAPS tokens joined by connectors, then
filtered (sentence-initial words, people, cited authors, generic words, headings).

Modules, in data-flow order: `tokens.py` (the tokenizer), `gazetteers.py` (the data-file
lookups and their PhraseMatcher), `names.py` (the capitalised-name chunker), then here:
`detect()` runs the gazetteer, chunks each sentence (`_sentence_names`) and filters the
chunks, including people (`_is_person_like`, `_person_context`).
"""
from __future__ import annotations

import re

from .gazetteers import _SECTOR_WORDS, gazetteer, given_names, make_doc, places, registry_surfaces, sectors
from ecograph.kinds import CONNECTORS, FIRM_WORDS, GENERIC, MONTHS, NON_NAME_ACRONYMS, PERSON_TITLES, STARTERS, classify
from .names import (Chunk, _ORG_NOUNS, _PROG_NOUNS, _acronym_defined, _is_acronym, _longest, _merge_commas,
                    _namey, _national_programmes, _overlap, _owner_tail, _paren_acronym, _paren_dashed_acronym,
                    _quoted, _raw_chunks, _split_and, _trim, _trim_event_city, acronym_like, is_org_cue,
                    join_fields)
from .tokens import Tok, _surface, fold_tokens

# Re-exported: extract.py, tests and bench import these from here, as before the split. bench/ patches
# `entities.make_doc` and `entities.gazetteer`, which detect() below looks up in this module.
from .gazetteers import DATA, Place, nlp  # noqa: F401
from .tokens import surface, tokenize  # noqa: F401

# verbs after which a sentence-initial capitalised word is the subject, hence a name ("Nexio took part …")
_NAME_VERBS = {"is", "was", "has", "took", "takes", "signed", "joined", "joins", "launched", "launches", "organised",
               "organized", "coordinates", "coordinated", "supports", "supported", "participated", "participates",
               "operates", "received", "obtained", "won", "funds", "funded", "finances", "financed", "manages",
               "runs", "hosts", "gathers", "partnered", "est", "a", "participe", "organise", "accompagne",
               "soutient", "finance", "regroupe", "opere", "lance", ","}
_HEAD_NOUNS_TAIL = {"cluster", "label", "plan", "strategy", "initiative"}  # lower-case head nouns absorbed into a name ("the QOOT cluster")
# lower-case kind nouns after a name: what stands before the name describes it ("the Egyptian X incubator")
_KIND_AFTER = {"incubator", "incubateur", "cluster", "startup", "start-up", "company", "firm", "accelerator",
               "platform", "technopark", "accelerateur", "entreprise", "societe"}
# a singular head noun a name stands before ("the Kelvo project", « le projet » is written after it in English)
_NAMED_HEADS = {"project", "programme", "program", "initiative", "cluster", "network", "platform", "incubator",
                "accelerator", "fund"}
_DETERMINERS = {"the", "this", "its", "their", "our"}
_CLITICS = {"vous", "nous", "il", "elle", "on", "ils", "elles", "t", "je", "tu", "moi", "toi"}
_JOB_TITLES = {"president", "presidente", "vice-president", "director", "directeur", "directrice", "ceo", "head",
               "chairman", "chairwoman", "chair", "manager", "founder", "fondateur", "fondatrice", "secretary",
               "secretaire", "general", "generale", "executive", "delegue", "deleguee", "coordinator",
               "coordinateur", "coordinatrice", "managing", "deputy", "adjoint", "adjointe"}
_PLACE_HEADED = {"university", "universite", "cluster", "chamber", "federation", "association", "agency",
                 "technopark", "technopole", "municipality", "polytechnic", "hospital", "port", "incubator"}


_COMMON_SUFFIX = re.compile(r"(tion|tions|ment|ments|ness|ity|ities|ance|ence|ing|ism|ship|ed|ics)$")


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
        k0 = a  # a dateline ("Juin 2024 – Malgré la …") does not make the next word mid-sentence
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
        prefix = next((r for r in inner if r.i == n.i and toks[r.j].cap and
                       not (n.j - r.j == 1 and toks[r.j].f in FIRM_WORDS)), None)  # "KDG Invest" is one name
        if prefix is not None and prefix.label == "Programme" and \
                " ".join(t.f for t in toks[prefix.j:n.j]) in _PROGRAMME_BODIES:
            kept.append(Chunk(n.i, n.j, n.source, "Organisation", "government", None, n.country, list(n.aliases),
                              n.ext))
            continue  # "the Orion Sea Basin Managing Authority": the body that runs the programme
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
            if n.j - r.j == 1 and toks[r.j].f in FIRM_WORDS:  # "… et CDG Invest": the subsidiary's name
                kept.append(Chunk(r.i, n.j, n.source, None, None, None, None, list(n.aliases), n.ext))
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


def _sentence_names(toks, a, b, sent, mid_caps, reg_hits, place_hits, persons, lower_vocab) -> list[Chunk]:
    heading = getattr(sent, "heading", False)
    spans = []
    for i, j in join_fields(toks, _raw_chunks(toks, a, b)):
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
            continue  # "Dr Rania Khoury": a person
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
        if j - i >= 2 and toks[i].f in places()[1] and j < b and toks[j].f in _KIND_AFTER and not toks[j].cap:
            i += 1  # "the Egyptian Lyra incubator": the adjective says where the Lyra incubator is
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
            if len(core) >= 2 and all(t.upper or t.f in CONNECTORS for t in text_tokens) and \
                    any(t.f in CONNECTORS or t.f in ("in", "for", "on", "en", "a") for t in toks[i:j + 1]) and \
                    not any(_is_acronym(t) and len(t.text) <= 6 and t.f not in GENERIC for t in text_tokens[:1]):
                continue  # "RAPPORT D'ACTIVITÉ DU RÉSEAU", "STRENGTHENING MARITIME CLUSTERS IN THE …": a heading in capitals
            if words[0] in _POSTS and not is_org_cue(" ".join(words[1:])):
                continue  # "Director for Regional Innovation": a post, not a body
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
            if all(w in _COMPASS or w in places()[0] for w in core):
                continue  # "le Nord", "Sud de la Méditerranée": a side of the sea, not a body ("Région Sud" is)
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
            strong_cue = classify(" ".join(words))[1] not in (None, "company") or \
                any(w in _ORG_NOUNS or w in _PROG_NOUNS for w in words)
            place_named = len(core) >= 2 and core[0] in places()[0] and toks[j - 1].cap
            if not acronym and not strong_cue and plain and all(w in lower_vocab for w in plain) and not admin \
                    and not place_named:  # ("Nabeul Céramiques": a place and a word make a company name)
                continue  # "Exports", "Foreign Direct Investments": common words capitalised
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
            # a word after "No." or after a dateline ("Juin 2024 – Malgré la …") starts a sentence too
            first_in_sentence = all(not toks[k].text.isalpha() or toks[k].f in MONTHS for k in range(a, i)) or \
                (i > a and toks[i - 1].f in (".", "!", "?"))
            if len(words) == 1 and not acronym and has_cue and not any(c.isupper() for c in text_tokens[0].text[1:]) \
                    and (words[0] in _ORG_NOUNS or words[0] in _PROG_NOUNS or words[0] in _KIND_NOUNS
                         or words[0].endswith("ing")):
                continue  # "Mentoring", "Incubator": the kind's own noun, capitalised, names nothing
            if len(words) == 1 and not acronym and not has_cue:
                t = text_tokens[0]
                if j < b and toks[j].text.islower() and toks[j].f in GENERIC | {"poles", "valley", "companies"} and \
                        not (toks[j].f in _NAMED_HEADS and i > a and toks[i - 1].f in _DETERMINERS):
                    continue  # "Anchor companies", "Techno poles": an adjective ("the Kelvo project" names it)
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
        elif dashed is not None:  # "(CCI-SSE)", "(NAEP-TN)"
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



def _defines_org(toks, j, b) -> bool:
    """'Agrinnov is a cluster …', 'X est un pôle …': a copula then an organisation noun soon after."""
    window = [t.f for t in toks[j:min(b, j + 6)]]
    if not window or window[0] not in ("is", "was", "est", "etait", ",", "has", "a") or toks[j].text == "à":
        return False
    return any(w in _ORG_NOUNS or w in ("cluster", "pole", "platform", "technopark", "park", "hub", "plateforme")
               for w in window[1:])


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
