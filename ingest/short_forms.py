"""Short forms one document uses for a name it also writes in full: a coined one-word name and
"<name> Project", a long name cut before "and …", before its body noun's complement or before a body
noun it drops, or without the places it opens with, a brand opening the one long programme name, a name cut before
its small-letter last word; and the place-tagged names a twin keeps their place (`tagged_twins`). Read by
`resolve.py` beside the other links of `doc_links.py`."""
from __future__ import annotations

import re
from collections import defaultdict

from ecograph.ids import norm
from ecograph.kinds import NON_NAME_ACRONYMS, classify
from ecograph.name_keys import (_BLOCS, _HEAD_WORDS, _MOVABLE, _PROGRAMME_WORDS, _SWAP, _place_words, qualifiers,
                                strip_country_tag)

from .doc_links import _acronym_word
from .gazetteers import places
from .names import _COMPANY_SUFFIX
from .name_cues import _renames
from .types import Mention


def _acronym_programme_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(acronym, programme) pairs of one document: 'KVRT' and 'KVRT Project' name one programme."""
    acronyms: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        name = (m.canonical or m.text).strip()
        if m.label in _SWAP and " " not in name and (_acronym_word(name) or _coined(name)) and \
                name.lower() not in NON_NAME_ACRONYMS:
            acronyms[name].append(i)
    out, opened = [], defaultdict(set)
    for j, m in enumerate(mentions):
        words = (m.canonical or m.text).split()
        if m.label == "Programme" and len(words) == 2 and norm(words[1]) in _PROGRAMME_WORDS:
            out.extend((i, j) for i in acronyms.get(words[0], ()))
        elif m.label == "Programme" and len(words) >= 3 and norm(words[-1]) in _PROGRAMME_WORDS and \
                not any(_acronym_word(w) for w in words[1:]):
            opened[words[0]].add(norm(" ".join(words)))
    for j, m in enumerate(mentions):  # 'KVRT Weavers Readiness Program', the document's one so opened, and 'KVRT'
        words = (m.canonical or m.text).split()
        if len(opened.get(words[0], ())) == 1 and norm(" ".join(words)) in opened[words[0]]:
            out.extend((i, j) for i in acronyms.get(words[0], ()) if mentions[i].label == "Programme")
    return out


def _coined(word: str) -> bool:
    """'MEDSt@rts', 'Sm@rtLab', 'EU4Med': an @, a digit or an inner capital makes a coined one-word name."""
    return len(word) >= 4 and ("@" in word or any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:]))


# a body noun a short form may drop with all that follows ("Al Amal" for "Al Amal Foundation for Education")
_DROPPED_HEADS = {"organization", "organisation", "foundation", "fondation", "association", "society"}
_COMPLEMENTS = {"for", "of", "de", "du", "des", "d", "pour"}  # (normalised: « d' » reads "d")
_BODY_HEADS = _HEAD_WORDS | {"academy", "academie"}


def _short_form_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(short, long) pairs of one document: 'Orvalis Academy of Marine Research' used for 'Orvalis Academy of
    Marine Research and Technology' named before, the long name cut before its last "and …" (a short form of
    3+ words with a body noun), before the complement of its body noun ('Orvalis Academy' for 'Orvalis
    Academy for Science and Technology') or before a body noun it may drop ('Al Amal' for 'Al Amal
    Foundation for Education'); only the document's one long name so cut."""
    cut: dict[str, dict[str, int]] = defaultdict(dict)  # cut name -> {long name: its first mention}
    for j, m in enumerate(mentions):
        toks = norm(m.canonical or m.text).split()
        if m.label not in _SWAP:
            continue
        for k, t in enumerate(toks):
            if t in ("and", "et") and k >= 3 or k >= 2 and (
                    t in _COMPLEMENTS and toks[k - 1] in _BODY_HEADS or
                    t in _DROPPED_HEADS and k + 1 < len(toks) and toks[k + 1] in _COMPLEMENTS or
                    m.label == "Programme" and t in _COMPLEMENTS and toks[k - 1] in _PROGRAMME_WORDS):
                cut[" ".join(toks[:k])].setdefault(" ".join(toks), j)
    out = []
    for i, m in enumerate(mentions):
        key = norm(m.canonical or m.text)
        longs = cut.get(key, {})
        if m.label not in _SWAP or len(longs) != 1:
            continue
        (long_, j), = longs.items()
        cut_word = long_.split()[len(key.split())]  # the long name's word where the short form stops
        if classify(key)[0] != "Organisation" and cut_word not in _DROPPED_HEADS and \
                not (m.label == mentions[j].label == "Programme" and key.split()[-1] in _PROGRAMME_WORDS):
            continue  # ("Kelvo Community Project" for "Kelvo Community Project of the Orvalis Economy")
        # a short form cut before "and" may be a body of its own when written first; one cut before a
        # body noun's complement is the long name's, before or after it ("Al Amal" in a title)
        if mentions[j].start < m.start or cut_word not in ("and", "et"):
            out.append((i, j))
    return out


def _family_tail_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(tail, programme) pairs of one document: 'Orvalis Sea Basin' for the 'KV CBC Orvalis Sea Basin Programme'
    it names in full, the long name led by its family's acronyms (`doc_links.family_tails` does the same
    with the registry's names); a tail of 3+ words that only one long name of the document ends with."""
    tails: dict[str, set[int]] = defaultdict(set)
    for j, m in enumerate(mentions):
        words = (m.canonical or m.text).split()
        k = 0
        while k < len(words) and _acronym_word(words[k]):
            k += 1
        rest = [w for w in norm(" ".join(words[k:])).split()]
        while rest and rest[-1] in _PROGRAMME_WORDS:
            rest = rest[:-1]
        if m.label == "Programme" and k and len(rest) >= 3:
            tails[" ".join(rest)].add(j)
    out = []
    for i, m in enumerate(mentions):
        toks = norm(m.canonical or m.text).split()
        while toks and toks[-1] in _PROGRAMME_WORDS:
            toks = toks[:-1]
        longs = tails.get(" ".join(toks), set())
        if m.label in _SWAP and len({norm(mentions[j].canonical or mentions[j].text) for j in longs}) == 1:
            out.extend((i, j) for j in longs if j != i)
    return out


def _head_tail_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(short, long) pairs of one document: 'the Innovation Park' after 'Kelvo Innovation Park', the long name's
    last words ending on a body noun, when only one long name of the document ends so and it came first."""
    ends: dict[str, dict[str, int]] = defaultdict(dict)  # tail -> {long name: its first mention}
    for j, m in enumerate(mentions):
        toks = norm(m.canonical or m.text).split()
        if m.label in _SWAP and len(toks) >= 3 and toks[-1] in _HEAD_WORDS:
            for k in range(1, len(toks) - 1):
                ends[" ".join(toks[k:])].setdefault(" ".join(toks), j)
    out = []
    for i, m in enumerate(mentions):
        key = norm(m.canonical or m.text)
        longs = ends.get(key, {})
        if m.label not in _SWAP or len(longs) != 1 or all(t in _HEAD_WORDS for t in key.split()):
            continue
        (j,) = longs.values()
        if mentions[j].start < m.start:
            out.append((i, j))
    return out


def _place_dropped_pairs(mentions: list[Mention], text: str = "") -> list[tuple[int, int]]:
    """(short, long) pairs of one document: 'the Compact' after 'Orvalis Compact' (or 'EU-Orvalis Compact': the
    parties it opens with), the long name without the places it opens with, when only one long name of the
    document reduces so and it came first, or the short one follows its place's possessive ("Malta's Kelvo
    Foundation" before "the Malta Kelvo Foundation")."""
    _, places = _place_words()
    rests: dict[str, dict[str, int]] = defaultdict(dict)  # the name without its place -> {long name: first mention}
    for j, m in enumerate(mentions):
        toks = norm(m.canonical or m.text).split()
        k = 0
        while k < len(toks) - 1 and (toks[k] in places or toks[k] in _BLOCS):
            k += 1
        if m.label in _SWAP and k and any(qualifiers(t) for t in toks[:k]):
            rest = [t for t in toks[k:] if t not in _MOVABLE]
            if rest and toks[k] not in _MOVABLE and not all(t in _HEAD_WORDS or t in places for t in rest):
                for short in _rest_forms(toks[k:], m.label):
                    rests[short].setdefault(_spaceless(toks), j)
    out = []
    for i, m in enumerate(mentions):
        longs = rests.get(_spaceless(norm(m.canonical or m.text).split()), {})
        if m.label in _SWAP and len(longs) == 1:
            (j,) = longs.values()
            if mentions[j].start < m.start or _possessed_by(text, m, norm(mentions[j].canonical or mentions[j].text)):
                out.append((i, j))
    return out


_POSSESSIVE = re.compile(r"((?:[\w-]+\s)?[\w-]+)['’]s\s+$")


def _possessed_by(text: str, m: Mention, long_: str) -> bool:
    """The words right before the mention are a possessive ("Malta's ", "Saudi Arabia's ") that opens the
    long name."""
    p = _POSSESSIVE.search(text[max(0, m.start - 40):m.start])
    if p is None:
        return False
    words = norm(p.group(1)).split()
    return any(long_.startswith(" ".join(words[k:]) + " ") for k in range(len(words)))


def _spaceless(toks: list[str]) -> str:
    """'clean tech hub' and 'cleantech hub' → 'cleantechhub': one name written with a word split or not."""
    return "".join(toks)


def _rest_forms(rest: list[str], label: str) -> list[str]:
    """The short forms a long name leaves without its places (`_spaceless`): the rest, and a programme's rest
    without its last word 'Programme' where two words or more are left ('Kelvo Green Weaving Program' →
    'Green Weaving'; 'Kelvo Export Programme' leaves no 'Export')."""
    forms = [_spaceless(rest)]
    if label == "Programme" and rest[-1] in _PROGRAMME_WORDS and len(rest) >= 3:
        forms.append(_spaceless(rest[:-1]))
    return forms


def _glued_owner_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(glued, programme) pairs of one document: 'KVOZEPH' for the programme 'ZEPH' written 'KVO ZEPH program', its
    owner's name and its own one space apart, then glued into one word (the programme with its owner's name)."""
    order = sorted((i for i, m in enumerate(mentions) if m.label in _SWAP), key=lambda i: mentions[i].start)
    glued: dict[str, int] = {}
    for a, b in zip(order, order[1:]):
        ma, mb = mentions[a], mentions[b]
        if mb.label == "Programme" and text[ma.end:mb.start] == " " and " " not in ma.text + mb.text:
            glued.setdefault(norm(ma.text + mb.text), b)
    return [(i, glued[norm(m.text)]) for i, m in enumerate(mentions)
            if m.label in _SWAP and " " not in m.text.strip() and glued.get(norm(m.text), i) != i]


def _lowered_tail_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(short, long) pairs of one document: 'K-TX' cut from 'the K-TX training' where the page also writes the name
    'K-TX Training': the words after the short name, in small letters, make up the long name."""
    longs = {norm(m.canonical or m.text): j for j, m in enumerate(mentions)
             if m.label in _SWAP and len((m.canonical or m.text).split()) >= 2}
    out = []
    for i, m in enumerate(mentions):
        after = re.match(r"[ \t]+([a-zà-ÿ][\w-]*)(?:[ \t]+([a-zà-ÿ][\w-]*))?", text[m.end:m.end + 60]) \
            if m.label in _SWAP and text else None
        if after is None:
            continue
        for tail in (after[1], f"{after[1]} {after[2]}" if after[2] else None):
            j = longs.get(norm(f"{m.text} {tail}")) if tail else None
            if j is not None and j != i:
                out.append((i, j))
    return out


def tagged_twins(mentions: list[Mention], text: str) -> set[int]:
    """Mentions whose trailing place tells them from a twin the document also names: 'Pôle Kelvo Bretagne' beside
    'Pôle Kelvo Tessaro' keeps its place (without it, 'Pôle Kelvo' would be either), unless the text says one
    became the other (`name_cues._renames`)."""
    names = [norm(m.canonical or m.text) if m.label in _SWAP else "" for m in mentions]
    renamed = {frozenset(p) for p in _renames(mentions, text)}
    _, places = _place_words()

    def twin(rest: str, other: str) -> bool:  # the other name goes on with a word of its own ('Cluster' is none)
        more = other[len(rest) + 1:].split() if other.startswith(rest + " ") else []
        return any(t not in _MOVABLE and t not in _HEAD_WORDS and t not in places for t in more)
    out = set()
    for i, n in enumerate(names):
        rest = strip_country_tag(n) if n else None
        if rest and any(j != i and twin(rest, o) and frozenset((i, j)) not in renamed for j, o in enumerate(names)):
            out.add(i)
    return out


_TAIL_SKIP = {"of", "de", "du", "des", "d", "l", "la", "le", "les", "the", "and", "et", "for", "pour"}


def _abbreviated_tail_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(short, long) pairs of one document whose short form spells the long name's last words by their
    initials: 'Kelvo TC' for 'Kelvo Technology Centre', 'Orvalis DA' for 'Orvalis Development Agency'. The
    words before the initials are the long name's own first words, and the long name is the one that fits."""
    longs = [(j, norm(m.canonical or m.text).split()) for j, m in enumerate(mentions) if m.label in _SWAP]
    places_ = places()
    out = []
    for i, m in enumerate(mentions):
        words = (m.canonical or m.text).split()
        if m.label not in _SWAP or len(words) < 2 or not _acronym_word(words[-1]) or not 2 <= len(words[-1]) <= 5 \
                or words[-1].lower() in _COMPANY_SUFFIX:
            continue  # ("Kelvo SA", "Kelvo AG": a company's legal form, not initials)
        head, letters = [norm(w) for w in words[:-1]], words[-1].lower()
        fits = [j for j, lw in longs if j != i and lw[:len(head)] == head and len(lw) > len(head) + 1 and
                "".join(w[0] for w in lw[len(head):] if w not in _TAIL_SKIP) == letters and
                " ".join(lw[len(head):]) not in places_[0]]  # ("Kelvo South Africa" is a place's branch)
        if len({norm(mentions[j].canonical or mentions[j].text) for j in fits}) == 1:
            out.extend((i, j) for j in fits)
    return out
