"""Links between mentions of one document that their keys alone do not show: a quoted expansion
('ZOLA “the Zonal Olive Laboratory Alliance”'), an acronym used beside its long form, "the <place>
cluster" for the document's only cluster of that place, "A (B)" where B is A's other name (its acronym,
its head in the other language, a brand), contractions, short forms cut before "and", and the kind a
list gives its names ("the four clusters are A, B and C").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from ecograph.ids import fold, norm

from ecograph.kinds import LIST_KIND_NOUNS, LIST_VERBS, NON_NAME_ACRONYMS, classify
from ecograph.name_keys import (HEAD_TRANSLATIONS as _HEAD_TRANSLATIONS, _HEAD_WORDS, _MOVABLE, _SWAP, _head_only,
                                _singular, _place_words,
                                inner_acronym_key, inner_expansions, loose_key, qualifiers, strip_country_tag)
from .types import Mention


_OPEN_QUOTE = re.compile(r"\s*(?:[,:(]\s*)?[“«\"‘]\s*(?:(?:the|le|la|les)\s+|l['’]\s*)?", re.I)
_CLOSE_QUOTE = re.compile(r"\s*[”»\"’]")


def _quoted_expansions(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """Pairs (short, long) written 'SHORT “the LONG NAME”' or 'SHORT (« LONG »)': the quoted
    expansion names the same body. A bare head is no short name ('the manager of the Technopark, « Kelvo
    Technopark Company »': the quotes name the manager)."""
    return [(a, b) for a, b, ma, mb in _neighbours(mentions, text, _OPEN_QUOTE)
            if _CLOSE_QUOTE.match(text, mb.end) and len(norm(mb.text).split()) > len(norm(ma.text).split())
            and _expands(ma.text, mb.text) and not _head_only(loose_key(ma.canonical or ma.text))]


def _expands(short: str, long_: str) -> bool:
    """Does the long name spell the short one out? It keeps the short name's word ('KIVA' in 'Kiva Innovation
    Valley Agency') or its initials stand for it ('Brisa', 'Blue Robotics Innovation Space Association'); a
    quoted name beside another one is otherwise its programme or product ('X, « Y Horizons »')."""
    words = norm(short).split()
    if set(words) & set(norm(long_).split()):
        return True
    letters = "".join(words)
    return len(words) == 1 and abbreviates(letters, _initials(long_))


def _neighbours(mentions: list[Mention], text: str, gap: re.Pattern) -> list[tuple]:
    """(a, b, mention a, mention b) for each two actor mentions in a row whose gap matches `gap`."""
    if not text:
        return []
    order = sorted((i for i, m in enumerate(mentions) if m.label in _SWAP), key=lambda i: mentions[i].start)
    return [(a, b, mentions[a], mentions[b]) for a, b in zip(order, order[1:])
            if mentions[a].end <= mentions[b].start and gap.fullmatch(text[mentions[a].end:mentions[b].start])]


# an acronym: capitals, or capitals around a small word's letter ("KyT" for "Kelvo y Tessaro", "OfK")
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&]{1,7}|[A-Z][A-Za-z0-9&]{0,6}[A-Z0-9])$")


def _acronym_word(word: str) -> bool:
    return bool(_ACRONYM.match(word)) and sum(c.isupper() for c in word) > sum(c.islower() for c in word) and \
        sum(c.isalpha() for c in word) >= 2
_SKIP_IN_INITIALS = {"of", "de", "du", "des", "d", "l", "la", "le", "les", "the", "and", "et", "for", "pour",
                     "en", "in", "a", "au", "aux", "on", "sur"}


def _initials_keys(name: str) -> set[str]:
    """'Chambre de Commerce et d'Industrie Ardent' → {'ccia', 'cci ardent', 'cc industrie ardent'}:
    the initials of a leading run of words, then the words left, as an acronym would abbreviate it."""
    words = [w for w in norm(name).split() if w not in _SKIP_IN_INITIALS]
    return {"".join(w[0] for w in words[:k]) + (" " + " ".join(words[k:]) if words[k:] else "")
            for k in range(2, len(words) + 1)}


def _acronym_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(acronym mention, long mention) pairs of one document: 'MDX' and 'Maritime Data Exchange',
    'CCI Ardent' and 'Chambre de Commerce et d'Industrie Ardent': the document uses both forms."""
    longs: dict[str, list[int]] = defaultdict(list)
    shorts: list[tuple[str, int]] = []
    for i, m in enumerate(mentions):
        if m.label not in _SWAP:
            continue
        name = m.canonical or m.text
        first, _, rest = name.partition(" ")
        if _acronym_word(first):
            shorts.append(((first.lower().replace("&", "") + (" " + norm(rest) if rest else "")).strip(), i))
            if rest and loose_key(name) == first.lower():  # 'KVM cluster': the acronym and its kind's word
                shorts.append((first.lower(), i))
        elif _acronym_letters(re.sub(r"[-–/]", " ", name)) is None:  # 'KORA-BTX' spells nothing out
            for k in _initials_keys(name):
                longs[k].append(i)
    return [(i, j) for key, i in shorts for j in longs.get(key, ())]


_LIST_CUE = re.compile(r"\b(" + "|".join(LIST_KIND_NOUNS) + r")\s*(?:(?:" + "|".join(LIST_VERBS) +
                       r"|membres|members|partenaires|partners)\b\s*:?|:)", re.I)


def _listed_kinds(mentions: list[Mention], text: str) -> dict[int, str]:
    """mention index → kind, for names listed after "the N clusters are", « les pôles : »: up to the
    end of the sentence, only names, commas and "and"/"et" between them."""
    if not text:
        return {}
    # folded letter by letter, so positions stay those of `text` ("œ" → "o")
    folded = text.translate({ord(c): (fold(c) or c)[0] for c in set(text)})
    out: dict[int, str] = {}
    order = sorted((i for i, m in enumerate(mentions) if m.label in _SWAP), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    for cue in _LIST_CUE.finditer(folded):
        kind = LIST_KIND_NOUNS[cue.group(1).lower()]
        pos = cue.end()
        k = bisect_left(starts, pos)
        while k < len(order):
            m = mentions[order[k]]
            if not re.fullmatch(r"[\s,;]*(?:(?:and|et|&|as well as|ainsi que)\s+)?", text[pos:m.start]):
                break
            out[order[k]] = kind
            pos = m.end
            k += 1
            # a parenthesised acronym after a listed name belongs to it
            paren = re.match(r"\s*\([^()]{1,15}\)", text[pos:])
            if paren:
                pos += paren.end()
            while k < len(order) and mentions[order[k]].start < pos:
                k += 1
    return out


def _place_head_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """'the Nador cluster' meets 'Nador Marine Robotics Cluster' when that is the document's only
    cluster named with that place: a place and a head alone are a short reference."""
    to_place, places = _place_words()
    fulls: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    shorts: list[tuple[tuple[str, str], int]] = []
    for i, m in enumerate(mentions):
        if m.label not in _SWAP:
            continue
        toks = [t for t in norm(m.canonical or m.text).split() if t not in _MOVABLE or t in ("cluster", "pole")]
        heads = [t for t in toks if t in _HEAD_WORDS and t not in ("and", "et")]
        where = [t for t in toks if t in places]
        if len(heads) != 1 or len(where) != 1:
            continue
        if len(toks) == 2:
            shorts.append(((where[0], heads[0]), i))
        else:
            fulls[(where[0], heads[0])].setdefault(norm(m.canonical or m.text), i)
    return [(i, next(iter(fulls[k].values()))) for k, i in shorts if len(fulls.get(k, ())) == 1]


def _inner_acronym_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(short, long) pairs of one document: 'Orvalis CBC Sea' and 'Orvalis Cross Border Cooperation Sea
    Programme' (`name_keys.inner_expansions`)."""
    shorts: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        k = inner_acronym_key(m.canonical or m.text) if m.label in _SWAP else None
        if k:
            shorts[k].append(i)
    if not shorts:
        return []
    return [(i, j) for j, m in enumerate(mentions) if m.label in _SWAP
            for k in inner_expansions(m.canonical or m.text) for i in shorts.get(k, ())]


# An acronym written right beside a long name: 'Long Name (ACR', 'ACR – Long Name', 'Long Name – ACR'.
_BESIDE = {"after": re.compile(r"\s*\(\s*|\s+[-–—]\s+"), "before": re.compile(r"\s*\(\s*|\s+[-–—:]\s+")}


def _acronym_letters(name: str) -> str | None:
    """'OR DSN' → 'ordsn', 'KyT' → 'kyt': the letters of a name made of one to three acronym words."""
    words = name.split()
    if not 1 <= len(words) <= 3 or not all(_acronym_word(w) for w in words):
        return None
    letters = "".join(c for c in "".join(words).lower() if c.isalpha())
    return letters if 2 <= len(letters) <= 10 else None


def _initials(name: str) -> str:
    return "".join(w[0] for w in norm(name).split() if w not in _SKIP_IN_INITIALS)


def abbreviates(letters: str, initials: str) -> bool:
    """Do an acronym's letters stand for a long name with these initials? In order, as a run of the
    acronym ('KV DSN' for 'Desert Solar Network' after 'Kelvo', 'DG OSEA' for 'Directorate-General
    for Orvalis Seas'), or mostly, in any order: the acronym of the name in another language ('CNEO'
    for 'National Centre for Orvalis Studies', 'KESA' for 'Higher School of Kelvo Arts')."""
    if len(initials) < 2:
        return False
    if len(initials) >= 3 and initials in letters and 2 * len(initials) >= len(letters):
        return True
    pool = list(initials)
    matched = 0
    for c in letters:
        if c in pool:
            pool.remove(c)
            matched += 1
    return matched >= max(2, -(-2 * len(letters) // 3)) and 2 * matched >= len(initials)


def _beside_acronym_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(acronym, long name) pairs written side by side ('KESA – Higher School of …', '… Studies (CNEO')
    whose letters stand for the long name's initials (`abbreviates`)."""
    out = []
    for where, gap in _BESIDE.items():
        for a, b, ma, mb in _neighbours(mentions, text, gap):
            short, long_ = (b, a) if where == "after" else (a, b)
            acronym = mentions[short].canonical or mentions[short].text
            letters = None if acronym.lower() in NON_NAME_ACRONYMS else _acronym_letters(acronym)
            name = mentions[long_].canonical or mentions[long_].text
            if letters and _acronym_letters(name) is None and len(norm(name).split()) >= 2 and \
                    abbreviates(letters, _initials(name)):
                out.append((short, long_))
    return out


# (after a closing quote, or a place the name left out: '« Kelvo Growth » (KG)', '… Project in Orvalis (KOP)')
_PAREN_ACRONYM = re.compile(r"(?:\s*[”»\"’])?(?:\s+(?:in|en|au)\s+(?P<place>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?))?"
                            r"\s*\(\s*(?P<acr>[A-Z][\w&]*(?:\s+[A-Z][\w&]*){0,2})\s*(?:\)|(?=\n)|$)")


def paren_acronyms(mentions: list[Mention], text: str) -> dict[int, str]:
    """mention index → the acronym written in brackets right after it, where extraction left it out
    because its letters follow the name's words in another order or language ('… Studies (CNEO)',
    '… des Mines, de l'Eau et des Forêts (MEFMO)'): it is another name of the same body (`abbreviates`)."""
    out = {}
    for i, m in enumerate(mentions):
        if m.label not in _SWAP or not text:
            continue
        paren = _PAREN_ACRONYM.match(text, m.end)
        if paren is None or paren["acr"] in m.aliases or paren["acr"].lower() in NON_NAME_ACRONYMS or \
                paren["place"] and not qualifiers(paren["place"]):
            continue  # (an acronym that names no actor is no actor's other name)
        name = m.canonical or m.text
        letters = _acronym_letters(paren["acr"]) or _word_acronym(paren["acr"], name)
        if letters and _acronym_letters(name) is None and len(norm(name).split()) >= 2 and \
                abbreviates(letters, _initials(name)):
            out[i] = paren["acr"]
    return out


def _word_acronym(word: str, name: str) -> str | None:
    """'Kesa' for 'Kelvo école supérieure d'agronomie': an acronym written as a word, one capital then small
    letters, all or all but one of them initials of the long name (a place or a brand in brackets spells none)."""
    if not (word.istitle() and word.isalpha() and 3 <= len(word) <= 8):
        return None
    initials, letters = list(_initials(name)), word.lower()
    if len(initials) < 3 or norm(word) in _place_words()[1]:
        return None
    missing = 0
    for c in letters:
        if c in initials:
            initials.remove(c)
        else:
            missing += 1
    return letters if missing <= (1 if len(letters) >= 5 else 0) else None


def _one_slip(a: str, b: str) -> bool:
    """b is a with one letter more (not at either end), or a with two neighbour letters swapped."""
    if len(b) == len(a) + 1:
        return any(b[:i] + b[i + 1:] == a for i in range(1, len(b) - 1))
    if len(a) == len(b) and a != b:
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    return False


def _typo_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """Pairs of one-word names of one document that differ by a slip of the pen: an acronym of 4+ letters
    with two letters swapped ('KFRC' / 'KRFC'), a word of 8+ letters with one letter dropped ('Tecnovalia') or
    two neighbour letters swapped ('Kelvoprak')."""
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        name = (m.canonical or m.text).strip()
        if m.label in _SWAP and " " not in name and name.isalpha():
            first.setdefault(name if name.isupper() else name.lower(), i)
    out = []
    for a, i in first.items():
        for b, j in first.items():
            if a.isupper() != b.isupper() or len(a) < (4 if a.isupper() else 8):
                continue
            if (len(b) == len(a) + 1 and not a.isupper()) or (len(a) == len(b) and a < b):
                if _one_slip(a, b):
                    out.append((i, j))
    return out


def _bare_head_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """'TechnoPark' meets 'Technopark Kairouan' or 'Jordan-Japan Techno Park' when that is the
    document's only name made of that head and places."""
    to_place, places = _place_words()
    placed: dict[str, set] = defaultdict(set)
    bare: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.label not in _SWAP:
            continue
        k = loose_key(m.canonical or m.text)
        if _head_only(k) and all(_singular(t) == t for t in norm(m.canonical or m.text).split()):
            bare[k].append(i)  # (not a plural: "the technoparks" are a category)
        placeless = " ".join(t for t in k.split() if t not in places)
        for n in (loose_key(strip_country_tag(norm(m.canonical or m.text)) or ""), placeless if placeless != k else ""):
            if n and _head_only(n):
                placed[n].add((k, i))  # "Kairouan Technopark" and "Technopark Kairouan" are one name
    out = []
    for k, idx in bare.items():
        if len({nm for nm, _ in placed.get(k, ())}) == 1:
            other = next(i for _, i in placed[k])
            out.extend((i, other) for i in idx)
    return out


_GLUED_ACRONYM = re.compile(r"^(\S.*\S)-([A-Z][A-Z0-9&]{1,7})$")
_SPACED_ACRONYM = re.compile(r"^(\S.*\S)\s+([A-Z][A-Z&]{2,7})$")


def split_glued_acronym(name: str) -> tuple[str, str] | None:
    """'Tessaro Kelvo Trade Council-TKTC' → ('Tessaro Kelvo Trade Council', 'TKTC'): an acronym glued to its long
    name by a hyphen, when its letters stand for the name ('KORA-BTX', 'Kelvo UE-TN' spell nothing out); or
    written after it without brackets, 3+ letters after 3+ words none of them an acronym ('Union des Tisseurs
    de Kelvo UTK')."""
    m = _GLUED_ACRONYM.match(name.strip())
    if m is None:
        m = _SPACED_ACRONYM.match(name.strip())
        if m is None or len(norm(m.group(1)).split()) < 3 or any(_acronym_word(w) for w in m.group(1).split()):
            return None
    if " " not in m.group(1) or _acronym_letters(m.group(1)) is not None:
        return None
    letters = "".join(c for c in m.group(2).lower() if c.isalpha())
    if len(letters) >= 2 and abbreviates(letters, _initials(m.group(1))):
        return m.group(1), m.group(2)
    return None


# « Conseil … (… Council) » is one council in two languages (`name_keys.HEAD_TRANSLATIONS`).
_BRACKETED = re.compile(r"\s*\(\s*")
# what closes 'A (B - ACR)': B given with its own acronym after a dash or a comma
_TRANSLATED_WITH_ACRONYM = re.compile(r"\s*[-–—,]\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)")


def _heads(name: str) -> set[str]:
    """The body nouns of a name, in English ('Conseil d'Affaires …' → {'council'})."""
    toks = norm(name).split()
    return {_HEAD_TRANSLATIONS.get(t, t) for t in toks if t in _HEAD_TRANSLATIONS or t in _HEAD_TRANSLATIONS.values()}


def _bracketed_name_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(name, other name) pairs written 'A (B)', B filling the brackets, both bodies, when B is A's other name:
    its leading acronym stands for A ('Chambre de Commerce de Kelvo (CCI Tessaro)'), or it names A's body in
    another language ('Conseil d'Affaires Kelvo (Kelvo Business Council)'), or it is a brand with no kind
    word for a body A describes by its head and place ('Pôle de Compétitivité de Brevia (Orvalis Park)'), or a
    coined one-word brand (`_coined_word`), or A's acronym stands for B (A's name in another language).
    A parent or a partner in brackets ('Orvalis Agency (Ministry of Industry)') is none of these."""
    out = []
    for a, b, ma, mb in _neighbours(mentions, text, _BRACKETED):
        long_, other = ma.canonical or ma.text, mb.canonical or mb.text
        words = other.split()
        tail = _TRANSLATED_WITH_ACRONYM.match(text, mb.end)
        if tail and ma.label == mb.label and len(words) >= 2 and abbreviates(tail.group(1).lower(), _initials(other)) \
                and _heads(long_) == _heads(other):
            out.append((a, b))  # 'Fonds kelvien des start-up (Kelvian Startup Fund - KSF)': one body, two languages
            continue
        if ma.label != "Organisation" or mb.label != "Organisation" or not re.match(r"\s*\)", text[mb.end:]):
            continue
        if len(long_.split()) < 2 or _acronym_letters(long_) is not None:
            continue
        acronyms = [acr for acr in ma.aliases if " " not in acr and _acronym_word(acr)]
        if len(words) == 1 and _coined_word(other) or \
                len(words) >= 2 and any(abbreviates(acr.lower(), _initials(other)) for acr in acronyms):
            out.append((a, b))  # 'Kelvo Training Company (KelvoLearn)', 'Union … UTK (Weavers Union of Kelvo)'
            continue
        if len(words) < 2:
            continue
        first = "".join(c for c in words[0].lower() if c.isalpha())
        if _acronym_word(words[0]) and len(first) >= 2 and abbreviates(first, _initials(long_)):
            out.append((a, b))
            continue
        ha, hb = _heads(long_), _heads(other)
        shared = set(norm(long_).split()) & set(norm(other).split())
        if ha and ha == hb and not shared & (set(_HEAD_TRANSLATIONS) | set(_HEAD_TRANSLATIONS.values())):
            out.append((a, b))  # the same head written in the two languages
        elif not hb and classify(other) == (None, None) and ha and qualifiers(long_) and \
                not set(norm(other).split()) & _HEAD_WORDS:
            out.append((a, b))
    return out


def _coined_word(word: str) -> bool:
    """'KelvoLearn', 'MoKDE', 'Kelvo4Med': a one-word brand with a capital after a small letter, or a digit."""
    return len(word) >= 4 and word.isalnum() and not word.isupper() and not word.isdigit() and (
        any(c.isdigit() for c in word) or any(a.islower() and b.isupper() for a, b in zip(word, word[1:])))


_CAMEL_PART = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])")


def _contraction_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(contraction, long name) pairs of one document: 'OrvKelMed' for 'Orvalis Kelvo Med', each capitalised
    part of a one-word name the start of the long name's next word, every word used (`_SKIP_IN_INITIALS` aside)."""
    longs = [(i, [w for w in norm(m.canonical or m.text).split() if w not in _SKIP_IN_INITIALS])
             for i, m in enumerate(mentions) if m.label in _SWAP and " " in (m.canonical or m.text).strip()]
    out = []
    for i, m in enumerate(mentions):
        name = (m.canonical or m.text).strip()
        if m.label not in _SWAP or " " in name or not name.isalpha() or name.isupper():
            continue
        parts = [p.lower() for p in _CAMEL_PART.findall(name)]
        if len(parts) < 2 or "".join(parts) != name.lower() or any(len(p) < 2 for p in parts):
            continue
        for j, words in longs:
            if len(words) == len(parts) and all(w.startswith(p) for p, w in zip(parts, words)) and \
                    any(len(p) < len(w) for p, w in zip(parts, words)):
                out.append((i, j))
    return out


_OPEN_QUOTE_ONLY = re.compile(r"\s*[“«\"‘]\s*")


def quoted_continuations(mentions: list[Mention], text: str, known) -> list[tuple[int, int, str]]:
    """(a, b, joined name) for 'A “B”' where 'A B' is a name the registry or the document knows: the quotes cut
    one name in two ('The Orvalis CBC “Sea Basin Programme”')."""
    names = {norm(m.canonical or m.text) for m in mentions}
    out = []
    for a, b, ma, mb in _neighbours(mentions, text, _OPEN_QUOTE_ONLY):
        joined = f"{ma.canonical or ma.text} {mb.canonical or mb.text}"
        if len(joined.split()) >= 3 and (norm(joined) in known or norm(joined) in names):
            out.append((a, b, joined))
    return out


def _short_acronym_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(acronym, long name) pairs of one document: 'KDA' for 'Kelvo Industry Development Agency (KIDA)', the
    defined acronym with one inner letter dropped, its letters still standing for the long name. Without a long
    name two acronyms a letter apart stay two bodies ('ANPTE', 'ANTE')."""
    defined: dict[str, int] = {}
    for j, m in enumerate(mentions):
        name = m.canonical or m.text
        if m.label in _SWAP and _acronym_letters(name) is None:
            for a in m.aliases:
                if " " not in a and a.isupper() and len(a) >= 4:
                    defined.setdefault(a, j)
    out = []
    for i, m in enumerate(mentions):
        name = (m.canonical or m.text).strip()
        if m.label not in _SWAP or " " in name or not name.isupper() or not name.isalpha() or len(name) < 3:
            continue
        for acr, j in defined.items():
            long_ = mentions[j].canonical or mentions[j].text
            if _one_slip(name, acr) and abbreviates(name.lower(), _initials(long_)):
                out.append((i, j))
    return out


def family_tails(known: dict) -> dict[str, str]:
    """norm(tail) → full name, for registry programme names led by acronyms ('ORV CBC Sea Basin Programme' →
    'sea basin programme'): a document names the programme without its family's acronyms. A tail two
    entries share, or one of fewer than three words, names no one programme."""
    tails: dict[str, set[str]] = defaultdict(set)
    for entry in set(known.values()):
        if entry.label != "Programme":
            continue
        for n in (entry.name, *entry.aliases):
            words = n.split()
            k = 0
            while k < len(words) and _acronym_word(words[k]):
                k += 1
            if k and len(words) - k >= 3:
                tails[norm(" ".join(words[k:]))].add(entry.name if norm(entry.name) in known else n)
    return {t: next(iter(names)) for t, names in tails.items() if len(names) == 1 and t not in known}


# A list item that defines an acronym: '• ACR – Long Name (Country, Region)' alone on its line. The layout says the
# two are one body, whatever language the acronym's letters come from; mid-sentence a dash may join a partner.
_ITEM_START = re.compile(r"[ \t]*(?:[-•▪◦*·–]|\d{1,2}[.)])?[ \t]*")
_ITEM_DASH = re.compile(r"(?:[ \t]+[-–—:]|:)[ \t]+")  # ('ACR: Long Name', a headline's colon too)
_ITEM_END = re.compile(r"(?:[ \t]+(?:in|en|au)[ \t]+[A-Z][\w-]+(?:[ \t][A-Z][\w-]+)?)?"
                       r"[ \t]*(?:\([^()\n]{0,80}\))?[ \t]*[.;,]?[ \t]*(?:\n|$)")


def _list_item_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(acronym, long name) pairs written as a list item of their own: 'TKV – Tessaro Weavers Union (Kelvo)'."""
    out = []
    for a, b, ma, mb in _neighbours(mentions, text, _ITEM_DASH):
        acronym, long_ = ma.canonical or ma.text, mb.canonical or mb.text
        line_start = text.rfind("\n", 0, ma.start) + 1
        if not _ITEM_START.fullmatch(text, line_start, ma.start) or not _ITEM_END.match(text, mb.end):
            continue
        letters = None if acronym.lower() in NON_NAME_ACRONYMS else _acronym_letters(acronym)
        if letters and " " not in acronym.strip() and _acronym_letters(long_) is None and len(norm(long_).split()) >= 2:
            out.append((a, b))
    return out
