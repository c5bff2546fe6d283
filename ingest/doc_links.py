"""Links between mentions of one document that their keys alone do not show: a quoted expansion
('ZOLA “the Zonal Olive Laboratory Alliance”'), an acronym used beside its long form, "the <place>
cluster" for the document's only cluster of that place, and the kind a list gives its names
("the four clusters are A, B and C").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from ecograph.ids import fold, norm

from ecograph.kinds import LIST_KIND_NOUNS, LIST_VERBS
from ecograph.name_keys import _HEAD_WORDS, _MOVABLE, _SWAP, _place_words, inner_acronym_key, inner_expansions
from .types import Mention


_OPEN_QUOTE = re.compile(r"\s*(?:[,:(]\s*)?[“«\"‘]\s*(?:(?:the|le|la|les)\s+|l['’]\s*)?", re.I)
_CLOSE_QUOTE = re.compile(r"\s*[”»\"’]")


def _quoted_expansions(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """Pairs (short, long) written 'SHORT “the LONG NAME”' or 'SHORT (« LONG »)': the quoted
    expansion names the same body."""
    return [(a, b) for a, b, ma, mb in _neighbours(mentions, text, _OPEN_QUOTE)
            if _CLOSE_QUOTE.match(text, mb.end) and len(norm(mb.text).split()) > len(norm(ma.text).split())]


def _neighbours(mentions: list[Mention], text: str, gap: re.Pattern) -> list[tuple]:
    """(a, b, mention a, mention b) for each two actor mentions in a row whose gap matches `gap`."""
    if not text:
        return []
    order = sorted((i for i, m in enumerate(mentions) if m.label in _SWAP), key=lambda i: mentions[i].start)
    return [(a, b, mentions[a], mentions[b]) for a, b in zip(order, order[1:])
            if mentions[a].end <= mentions[b].start and gap.fullmatch(text[mentions[a].end:mentions[b].start])]


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
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
        if _ACRONYM.match(first) and sum(c.isalpha() for c in first) >= 2:
            shorts.append(((first.lower().replace("&", "") + (" " + norm(rest) if rest else "")).strip(), i))
        else:
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


# "A, formerly (known as) the B", "A (ex-B)", « A, anciennement B »: one body under its current and
# its former name. The cue must lead straight to the name ("formerly part of B" is no rename).
_RENAME = re.compile(r"[^.;!?\n]{0,60}?\b(?:formerly|previously|anciennement|autrefois|ex-?)\s*"
                     r"(?:(?:known|called|named)\s+as\s+|known\s+as\s+|called\s+|named\s+|"
                     r"connue?s?\s+sous\s+le\s+nom\s+d[e']\s*|appel[ée]e?\s+|d[ée]nomm[ée]e?\s+)?"
                     r"(?:(?:the|le|la|les)\s+|l['’]\s*)?$", re.I)


def _renames(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(current, former) pairs of one document: the name written after a rename cue that follows
    another name in the same sentence is the same body's former name."""
    return [(a, b) for a, b, _, _ in _neighbours(mentions, text, _RENAME)]


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
