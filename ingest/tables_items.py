"""Member cells and member lists → named items, with offsets into the document text.

A members cell flattened from a PDF mixes names with category words ("32 SMEs", "Anchor
companies"), category prefixes ("Companies: A; B"), descriptions ("SOVAPEC – flour, fish") and
the odd sentence. The approach is: rebuild the cell as one clean string that remembers where
each character came from (`Clean`), cut it into chunks at list separators, and keep a chunk only
if it reads as a proper name (`name_of`). A wrong member edge is worse than a missing one, so
the name test is strict: every content word capitalised, at least one word that is not a
category word, no leading quantity.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecograph.ids import fold

from ecograph.kinds import classify
from .tables_vocab import AMPERSAND_NAMES, GENERIC, is_place


class Clean:
    """A string rebuilt from pieces of the document text, with a map back to document offsets.

    Line breaks become one space, except after a word-final hyphen ("FSR-\\n\\nUM5A" → "FSR-UM5A",
    "Tan-\\n\\nTan" → "Tan-Tan"): in this genre a hyphen at a line end is almost always part of the word.
    """

    def __init__(self, text: str, pieces: list[tuple[int, int]]):
        chars: list[str] = []
        pos: list[int] = []
        for a, b in pieces:
            seg = text[a:b]
            i = 0
            while i < len(seg):
                c = seg[i]
                if c.isspace():
                    j = i
                    while j < len(seg) and seg[j].isspace():
                        j += 1
                    newline = "\n" in seg[i:j]
                    if chars and chars[-1] == "-" and newline and len(chars) > 1 and chars[-2].isalnum():
                        pass  # hyphen at a line end joins the two halves
                    elif chars and chars[-1] != " ":
                        chars.append(" ")
                        pos.append(a + i)
                    i = j
                    continue
                chars.append(c)
                pos.append(a + i)
                i += 1
            if chars and chars[-1] == "-" and len(chars) > 1 and chars[-2].isalnum():
                continue  # the next line continues the hyphenated word
            if chars and chars[-1] != " ":
                chars.append(" ")
                pos.append(b)
        while chars and chars[-1] == " ":
            chars.pop()
            pos.pop()
        self.s = "".join(chars)
        self.pos = pos

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Document offsets of clean[i:j] (j exclusive)."""
        return self.pos[i], self.pos[j - 1] + 1


@dataclass
class Item:
    name: str
    start: int            # offsets in the clean string
    end: int
    alias: str | None = None
    kind: str | None = None
    extra: dict = field(default_factory=dict)


# --- the name test --------------------------------------------------------------------------

_FUNCTION = {"of", "for", "and", "the", "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "in",
             "on", "à", "a", "al", "el", "y", "del", "di", "da", "für", "und", "at", "st"}
_LEADING_DROP = {"the", "le", "la", "les", "l", "a", "an", "and", "et", "or", "ou", "with", "avec", "also",
                 "aussi", "as", "well", "plus", "including", "notably", "notamment", "namely", "such",
                 "like", "comme", "in", "on", "by", "par", "from", "of"}
# Lower-case words that may close a company name: "Al Omrane group", "Aerotechnic industries".
_SUFFIX_LOWER = {"group", "groupe", "industries", "services", "systems", "engineering", "international",
                 "technologies", "holding", "company", "sa", "sarl", "sas", "ltd", "inc", "cluster",
                 "university", "corporation", "consulting", "solutions", "maroc", "morocco"}
_QUANTITY = re.compile(r"^(?:\d[\d,.%]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       r"thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundred|dozen|dozens|some|"
                       r"several|many|other|others|more|most|about|around|over|nearly|almost|all|"
                       r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|"
                       r"trente|quarante|cinquante|cent|plusieurs|quelques|autres|total|totalling)$", re.I)
# Sentence openers that are capitalised without being names.
_OPENERS = {"moreover", "however", "also", "furthermore", "thus", "finally", "besides", "then", "today",
            "currently", "created", "founded", "open", "ainsi", "enfin", "aujourd'hui", "actuellement",
            "it", "they", "we", "our", "nos", "notre", "its", "ses", "this", "these", "those", "ce", "ces",
            "there", "here", "other", "others", "etc", "see", "voir", "source", "note", "table", "figure"}
_TOKEN = re.compile(r"[\w][\w'’.&-]*", re.UNICODE)


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit()


def _is_acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def strip_edges(s: str, i: int, j: int) -> tuple[int, int]:
    """Trim determiners, conjunctions, quotes and trailing 'etc' / '...' from clean[i:j]."""
    while True:
        while i < j and not (s[i].isalnum()):
            if s[i] in "“\"'«" and j - i > 1:
                break
            i += 1
        m = re.match(r"([\w’']+)\s+", s[i:j])
        if m and fold(m.group(1)).rstrip("'’") in _LEADING_DROP:
            i += m.end()
            continue
        m = re.match(r"(l|d)['’]", s[i:j], re.I)
        if m:
            i += m.end()
            continue
        break
    while j > i:
        tail = s[i:j]
        m = re.search(r"(?:\s+(?:etc|and so on|…|\.\.\.)\.?|[\s.,;:…\-–()]+)$", tail)
        if m and m.start() < len(tail):
            j = i + m.start()
            continue
        break
    return i, j


def _sentence_case_body(toks: list[str]) -> bool:
    """A French-style name in sentence case: a body's head word first and a capitalised word after it
    (« Chambre de commerce de Kelvo », « Agence Zeph de l'innovation »), not a description (« Agence de
    développement »)."""
    return len(toks) <= 8 and classify(toks[0])[0] is not None and any(_is_cap(t) for t in toks[1:])


def name_test(name: str) -> bool:
    """Does this chunk read as the proper name of one actor?"""
    # French elision: "Ministère de l'Énergie" — the article is not part of the capitalisation test
    toks = [re.sub(r"^(?:l|d|qu)['’](?=\w)", "", t, flags=re.I) or t for t in _TOKEN.findall(name)]
    if not toks or len(toks) > 12:
        return False
    low = [fold(t).strip("'’.") for t in toks]
    if _QUANTITY.match(low[0]):
        return False
    if not _is_cap(toks[0]):
        return False
    if len(toks) == 1 and low[0] in _OPENERS:
        return False
    if fold(toks[0]) in _OPENERS and len(toks) > 1 and not _is_cap(toks[1]):
        return False
    sentence_case = _sentence_case_body(toks)
    for k, (t, l) in enumerate(zip(toks, low)):
        if _is_cap(t):
            continue
        if l in _FUNCTION and 0 < k < len(toks) - 1:
            continue
        if k == len(toks) - 1 and l in _SUFFIX_LOWER and k > 0:
            continue
        if sentence_case and k > 0:
            continue
        return False
    content = [l for l in low if l not in _FUNCTION]
    if not content or all(l in GENERIC or l.rstrip("s") in GENERIC for l in content):
        return False
    if len(toks) == 1 and len(low[0]) < 2:
        return False
    if is_place(name):  # "Lyon", "Morocco": a scope or a place, not an actor
        return False
    return True


# --- chunking ---------------------------------------------------------------------------------

# Where a list breaks. Order inside the alternation matters: longest cue first.
_SEP = re.compile(
    r"\s*(?:;|:|,|\.\.\.|…|\s[–—]\s|[–—]|\s-\s|(?<=[A-Za-z])-\s(?=[a-z])|\s&\s|"
    r"\s(?:including|includes|include|included|notably|notamment|namely|such as|as well as|like|tels? que|"
    r"telles? que|comme|dont|among them|parmi lesquels|parmi lesquelles|are|is|sont|est|comprises|comprise|"
    r"comprend|regroupe|regroupent|gathers|brings together|réunit|with|avec)\s|"
    r"\.(?=\s|$))\s*", re.I)
_AND = re.compile(r"\s(?:and|et|or|ou)\s", re.I)
_PREP = re.compile(r"\b(?:of|for|de|du|des|d'|pour)\b", re.I)


def _split_and(s: str, i: int, j: int) -> list[tuple[int, int]]:
    """Split a chunk at 'and'/'et' unless the conjunction sits inside one name.

    "ATC and Lear Corporation" is two names; "Higher School of Textile and Clothing Industries" and
    "Ministry of Industry Trade and New Technologies" are one. After an 'of'-phrase a conjunct is a
    new name only if it is an acronym, starts with a determiner, or carries a strong kind cue.
    """
    out = []
    cur = i
    for m in _AND.finditer(s, i, j):
        left = s[cur:m.start()]
        right = s[m.end():j]
        nxt = re.split(r"\s(?:and|et|or|ou)\s", right, maxsplit=1)[0]
        first = nxt.split()[0] if nxt.split() else ""
        if first and _QUANTITY.match(first.strip(",;")):
            pass  # "CERIMME and fourteen other members": the quantity starts a new (category) chunk
        elif not first or not (_is_cap(first) or fold(first) in ("the", "le", "la", "les")):
            continue  # "Fishing and seafood processing": lower-case conjunct stays attached
        if _PREP.search(left):
            label, kind = classify(nxt)
            strong = kind not in (None, "company")
            if not (_is_acronym(first) or fold(first) in ("the", "le", "la", "les") or strong):
                continue
        if fold(left.strip() + " & " + nxt.strip()) in AMPERSAND_NAMES:
            continue
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, j))
    return out


_PAREN = re.compile(r"\(([^()]*)\)")


def chunks(s: str, i: int = 0, j: int | None = None) -> list[tuple[int, int, str | None]]:
    """Cut clean[i:j] into (start, end, alias) chunks: separators, 'and', parentheses.

    A parenthesis holding one acronym right after a name is that name's alias ("Higher School of
    Textile and Clothing Industries (ESITH)"); any other parenthesis is a list of its own.
    """
    j = len(s) if j is None else j
    out: list[tuple[int, int, str | None]] = []
    pos = i
    for m in list(_PAREN.finditer(s, i, j)) + [None]:
        a = m.start() if m else j
        for c0, c1 in _split_plain(s, pos, a):
            out.append((c0, c1, None))
        if m is None:
            break
        inner = m.group(1).strip()
        inner_tok = inner.split()
        if len(inner_tok) == 1 and _is_acronym(inner) and out and s[out[-1][1]:m.start()].strip() == "":
            c0, c1, _ = out[-1]
            out[-1] = (c0, c1, inner)
            if not name_test(s[c0:c1]):  # "a technical centre (CETIM)": the acronym is the name
                out[-1] = (m.start(1), m.end(1), None)
        else:
            for c0, c1 in _split_plain(s, m.start(1), m.end(1)):
                out.append((c0, c1, None))
        pos = m.end()
    return out


def _split_plain(s: str, i: int, j: int) -> list[tuple[int, int]]:
    out = []
    cur = i
    for m in list(_SEP.finditer(s, i, j)) + [None]:
        a = m.start() if m else j
        if a > cur:
            out.extend(_split_and(s, cur, a))
        if m is None:
            break
        cur = m.end()
    return [(a, b) for a, b in out if b > a]


# Legal forms written in capitals close a company's name ("Khan Saboun SARL"): no second name.
_LEGAL_FORMS = {"sarl", "sarlau", "suarl", "sas", "sasu", "sal", "spa", "srl", "gmbh", "plc", "ltd", "llc", "inc",
                "corp", "bhd", "anonim", "ltdsti"}
_SLASH_PLURAL = re.compile(r"^(.+?)/(.+?)\s+(\w+?)(ies|s)$")
_ALLCAPS_TAIL = re.compile(r"^(.*[a-z].*?)\s+([A-Z]{4,})$")


def items_of(s: str, i: int = 0, j: int | None = None, exclude: set[str] = frozenset()) -> list[Item]:
    """The proper names in clean[i:j], in order."""
    out: list[Item] = []
    for c0, c1, alias in chunks(s, i, j):
        a, b = strip_edges(s, c0, c1)
        if b <= a:
            continue
        text = s[a:b]
        # "Tan Tan/El Ouatia Municipalities": a shared plural head distributes over the slash.
        m = _SLASH_PLURAL.match(text)
        head = (m.group(3) + ("y" if m.group(4) == "ies" else "")) if m else ""
        if m and classify(head)[1] not in (None, "company"):
            left, right = m.group(1).strip(), m.group(2).strip()
            for nm, x0, x1 in ((f"{left} {head}", a, a + len(m.group(1))),
                               (f"{right} {head}", a + m.start(2), b)):
                if name_test(nm):
                    out.append(Item(nm, x0, x1))
            continue
        # "Air France AIRBUS": a spelled-out name followed by a capitals-only word that is not its
        # acronym is two names run together by the flattening.
        m = _ALLCAPS_TAIL.match(text)
        if m and not _initials_match(m.group(1), m.group(2)) and fold(m.group(2)) not in _LEGAL_FORMS:
            for nm, x0, x1 in ((m.group(1), a, a + len(m.group(1))), (m.group(2), a + m.start(2), b)):
                if name_test(nm):
                    out.append(Item(nm, x0, x1))
            continue
        if not name_test(text):
            continue
        if fold(text) in exclude or (alias and fold(alias) in exclude):
            continue
        out.append(Item(text, a, b, alias=alias))
    return out


def _initials_match(words: str, acr: str) -> bool:
    ini = "".join(w[0] for w in words.split() if w[:1].isupper())
    return fold(ini) == fold(acr) or fold(acr).startswith(fold(ini)) and len(ini) >= 2


def sentences(s: str, i: int = 0, j: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of clean[i:j]: a full stop followed by a capital or digit ends one.
    Known abbreviations and '...' / 'etc.' inside a list do not."""
    j = len(s) if j is None else j
    out = []
    cur = i
    for m in re.finditer(r"\.(?=\s+[A-Z0-9À-Ý“\"(])", s[i:j]):
        k = i + m.start()
        before = s[cur:k]
        w = re.search(r"(\S+)$", before)
        last = w.group(1) if w else ""
        if last.lower() in ("etc", "inc", "co", "ltd", "st", "dr", "mr", "no", "s.a", "vs", "e.g", "i.e") \
                or len(last.strip(".")) == 1 or s[k - 1:k + 1] == "..":
            continue
        out.append((cur, k + 1))
        cur = k + 1
        while cur < j and s[cur] == " ":
            cur += 1
    if cur < j:
        out.append((cur, j))
    return out
