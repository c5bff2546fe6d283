"""Words of the text that say two names of one document name one body: a rename ("A, formerly B", « A change de
nom et devient B ») and another name ("A, also known as B", "A (hereinafter B)"); or that a bracketed acronym is
not the body's but its management company's."""
from __future__ import annotations

import re

from ecograph.ids import norm
from ecograph.kinds import classify
from ecograph.name_keys import _BODY_HEADS, _SWAP

from .doc_links import (_BESIDE, _CLOSE_QUOTE, _OPEN_QUOTE_ONLY, _PAREN_ACRONYM, _SKIP_IN_INITIALS, _acronym_letters,
                        _acronym_word, _initials, _neighbours, abbreviates)
from .types import Mention


# "A, formerly (known as) the B", "A (ex-B)", « A, anciennement B »: one body under its current and
# its former name. The cue must lead straight to the name ("formerly part of B" is no rename).
_RENAME = re.compile(r"[^.;!?\n]{0,60}?\b(?:formerly|previously|anciennement|autrefois|ex-?)\s*"
                     r"(?:(?:known|called|named)\s+as\s+|known\s+as\s+|called\s+|named\s+|"
                     r"connue?s?\s+sous\s+le\s+nom\s+d[e']\s*|appel[ée]e?\s+|d[ée]nomm[ée]e?\s+)?"
                     r"(?:(?:the|le|la|les)\s+|l['’]\s*)?$", re.I)


# "A was renamed B", « A change de nom et devient B », "A … It changed its name to B": the name after the cue is
# the current one. The cue's subject is A: in A's sentence, or "it"/« il » opening the next one.
_RENAMED_TO = re.compile(
    r"(?:[^.;!?\n]{0,150}?\s|[^.;!?\n]{0,200}[.!?]\s+(?:il|elle|it|they|ils|elles)\s+)"
    r"(?:(?:was|has\s+been|a\s+[ée]t[ée])\s+)?"
    r"(?:chang\w*\s+(?:de\s+nom|(?:its|their)\s+name)(?:\s+(?:et|and)\s+(?:devient|becomes?|became))?|"
    r"renamed|rebaptis[ée]e?s?|renomm[ée]e?s?|is\s+now\s+(?:called|named|known\s+as))"
    r"(?:\s+ainsi)?(?:\s+(?:to|as|en))?\s*[:,]?\s*(?:(?:the|le|la|les)\s+|l['’]\s*)?[«“\"‘]?\s*$", re.I)


# « A devient, le 27 juin 2031, le B », "A became B": the verb leads straight to the other name (an insert between
# commas aside); "A becomes B's partner", « A devient membre de B » say no rename
_BECOMES = re.compile(r"\s*(?:,[^,.;!?\n]{1,40},\s*)?(?:devient|est\s+devenue?|became|becomes|has\s+become)\s*"
                      r"(?:,[^,.;!?\n]{1,40},\s*)?(?:(?:the|le|la|les)\s+|l['’]\s*)?[«“\"‘]?\s*", re.I)


# … the other name ends there: "A became B's partner", "A became the B member" name B as another body
_BECAME_END = re.compile(r"\s*(?:[.,;:()!?«»\"“”]|$)|\s+(?:in|on|en|au|à|after|apr[eè]s|and|et|with|avec|under|"
                         r"sous|from|depuis|since|when|lors|qui|which|that|\d)\b", re.I)


def _renames(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(current, former) pairs of one document: the name written after a rename cue that follows
    another name in the same sentence is the same body's former name; the name a body is renamed to
    (`_RENAMED_TO`) or becomes (`_BECOMES`, both of one label) its current one."""
    becomes = [(b, a) for a, b, ma, mb in _neighbours(mentions, text, _BECOMES)
               if ma.label == mb.label and _BECAME_END.match(text, mb.end)]
    tails = _list_tails(mentions, text)
    return [(a, b) for a, b, _, _ in _neighbours(mentions, text, _RENAME) if a not in tails] + \
        [(b, a) for a, b, _, _ in _neighbours(mentions, text, _RENAMED_TO)] + becomes


# 'A, B and C', « A, B et C »: the gap before a list's last item
_LIST_GAP = re.compile(r"\s*,?\s*(?:and|et|&)\s+", re.I)


def _list_tails(mentions: list[Mention], text: str) -> set[int]:
    """The mentions closing a list ('Kelvo, Orvalis and Zephyr, ex-Tessaro'): a former name after one may be
    the whole list's (their former parent), not the last item's alone."""
    return {b for _, b, _, _ in _neighbours(mentions, text, _LIST_GAP)}


# "A, also known as B", "A (known as B)", « A, dénommé en français B », « A, appelé aussi B », "A (hereinafter
# B)", « A (ci-après B) »: one body, two names
_AKA = re.compile(
    r"\s*[”»\"’]?\s*[,(]?\s*(?:(?:also|otherwise)\s+(?:known\s+as|called|named)|a\.?k\.?a\.?|known\s+as|"
    r"here(?:in)?after(?:\s+(?:referred\s+to\s+as|called|named))?|"
    r"ci-?\s*apr[eè]s(?:\s+(?:d[ée]nomm[ée]e?s?|d[ée]sign[ée]e?s?|appel[ée]e?s?))?|"
    r"(?:known|called)\s+in\s+(?:english|french|arabic)\s+as|in\s+(?:english|french|arabic)|"
    r"d[ée]nomm[ée]e?s?(?:\s+en\s+(?:fran[cç]ais|anglais|arabe))?|appel[ée]e?s?\s+(?:aussi|[ée]galement|en\s+\w+)|"
    r"(?:aussi|[ée]galement)\s+(?:appel[ée]e?s?|d[ée]nomm[ée]e?s?)|en\s+(?:fran[cç]ais|anglais|arabe)|"
    r"connue?s?\s+(?:aussi\s+|[ée]galement\s+)?sous\s+le\s+nom\s+d[e'’]\s*)"
    r"\s*[,:]?\s*(?:(?:the|le|la|les)\s+|l['’]\s*)?[“«\"‘]?\s*", re.I)


# "A (President X Y, hereinafter 'B')", « A (représentée par …, ci-après « B ») »: the cue closes a bracket
# that opened right after A on a short insert
_AKA_AFTER_INSERT = re.compile(
    r"\s*\([^()\n]{1,60}?,\s*(?:here(?:in)?after(?:\s+(?:referred\s+to\s+as|called|named))?|"
    r"ci-?\s*apr[eè]s(?:\s+(?:d[ée]nomm[ée]e?s?|d[ée]sign[ée]e?s?|appel[ée]e?s?))?)"
    r"\s*[,:]?\s*(?:(?:the|le|la|les)\s+|l['’]\s*)?[“«\"‘']?\s*", re.I)


def _also_known_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(name, other name) pairs joined by an "also known as" cue: the text says both name one body."""
    return [(a, b) for gap in (_AKA, _AKA_AFTER_INSERT) for a, b, _, _ in _neighbours(mentions, text, gap)]


# "A (President X Y, hereinafter 'B')", "A (hereinafter “B”)": the short name the page gives A, found or not
_HEREINAFTER = re.compile(r"\s*\((?:[^()\n]{1,60}?,\s*)?(?:here(?:in)?after|ci-?\s*apr[eè]s)"
                          r"(?:\s+(?:referred\s+to\s+as|called|named|d[ée]nomm[ée]e?s?|d[ée]sign[ée]e?s?))?"
                          r"\s*[,:]?\s*"
                          r"[“«\"‘']\s*([^“”«»\"‘’'\n]{2,40}?)\s*[”»\"’']\s*\)")


def hereinafter_aliases(mentions: list[Mention], text: str) -> dict[int, str]:
    """mention index → the short name a "hereinafter" cue bracketed after it gives it, when that name is made of
    the long name's words or is an acronym standing for it ('the Party' names no one body)."""
    out = {}
    for i, m in enumerate(mentions):
        cue = _HEREINAFTER.match(text, m.end) if m.label in _SWAP and text else None
        if cue is None:
            continue
        short, long_ = cue[1].strip(), m.canonical or m.text
        words = norm(short).split()
        letters = _acronym_letters(short)
        if words and (set(words) <= set(norm(long_).split()) and len(words) < len(norm(long_).split()) or
                      letters and abbreviates(letters, _initials(long_))):
            out[i] = short
    return out


# "Long Name, ACR, …": an acronym set between commas (or before the sentence's end) right after a long name
_APPOSED = re.compile(r"\s*,\s*")


def _apposed_acronym_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(acronym, long name) pairs written 'the Kelvo Weaving Incubator, KWI, in …': one acronym word apposed to a
    long name of 3+ words, its letters standing for the name's initials (or for its tail: 'AID' after 'US Agency
    for International Development'), a comma or the sentence's end after it; a list 'A, ACR, B' of another
    body's acronym spells no such letters."""
    out = []
    for a, b, ma, mb in _neighbours(mentions, text, _APPOSED):
        acronym, name = mb.canonical or mb.text, ma.canonical or ma.text
        letters = _acronym_letters(acronym) if " " not in acronym.strip() else None
        if not letters or len(letters) < 3 or _acronym_letters(name) is not None or len(norm(name).split()) < 3 or \
                not re.match(r"\s*(?:[,;.)]|$)", text[mb.end:mb.end + 3]):
            continue
        if abbreviates(letters, _initials(name)):
            out.append((b, a))
    return out


def prefixed_acronym(acronym: str, name: str) -> str | None:
    """'Kel-SWI' for 'Kelvo Sea Weavers Initiative' → 'kswi': an acronym of hyphen-joined parts, each an acronym
    or the opening letters of one of the name's words (a word cut short stands for its initial)."""
    parts = acronym.strip().split("-")
    words = [w for w in norm(name).split() if w not in _SKIP_IN_INITIALS]
    if len(parts) < 2 or not any(_acronym_word(p) for p in parts):
        return None
    letters = ""
    for p in parts:
        if _acronym_word(p):
            letters += p.lower()
        elif p.istitle() and p.isalpha() and 2 <= len(p) <= 5 and \
                any(w.startswith(p.lower()) and len(w) > len(p) for w in words):
            letters += p[0].lower()
        else:
            return None
    return letters


def _prefixed_acronym_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(acronym, long name) pairs written side by side ('Kelvo Sea Weavers Initiative - Kel-SWI') where the
    acronym has a part cut from a word of the name (`prefixed_acronym`; `doc_links._beside_acronym_pairs` reads
    the plain ones)."""
    out = []
    for where, gap in _BESIDE.items():
        for a, b, ma, mb in _neighbours(mentions, text, gap):
            short, long_ = (b, a) if where == "after" else (a, b)
            name = mentions[long_].canonical or mentions[long_].text
            letters = prefixed_acronym(mentions[short].canonical or mentions[short].text, name)
            if letters and len(norm(name).split()) >= 2 and abbreviates(letters, _initials(name)):
                out.append((short, long_))
    return out


# '… the management company of the Kelvo Technopark (KTMC)': the bracketed acronym names the company, not the body
_MANAGER_BEFORE = re.compile(r"(?:soci[ée]t[ée]|company|entreprise|agence|agency)\s+"
                             r"(?:de\s+gestion|gestionnaire|(?:in\s+charge\s+of\s+)?manag\w*)\s+(?:of|d[eu]|des)?\s*"
                             r"(?:(?:the|la|le|les)\s+|l['’]\s*)?$", re.I)


def managers_acronyms(mentions: list[Mention], text: str) -> dict[int, str]:
    """mention index → the acronym bracketed after it that is its manager's, not its own: the name follows
    "the management company of" and the acronym's letters do not stand for it (`abbreviates`), or the page
    calls the acronym a company (« la KSP est une société », "its management company, KSP")."""
    out = {}
    for i, m in enumerate(mentions):
        paren = _PAREN_ACRONYM.match(text, m.end) if m.label in _SWAP and text else None
        if not paren or paren["acr"] not in m.aliases or classify(m.canonical or m.text)[1] == "company":
            continue
        if _MANAGER_BEFORE.search(text, max(0, m.start - 60), m.start) and \
                not abbreviates(paren["acr"].lower(), _initials(m.canonical or m.text)) or \
                _a_company(paren["acr"], text):
            out[i] = paren["acr"]
    return out


def _a_company(acronym: str, text: str) -> bool:
    """Does the page call the acronym a company? « la KSP est une société … », « sa société de gestion, la KSP »,
    "KSP is a company", "its management company, KSP"."""
    a = re.escape(acronym)
    return re.search(rf"\b{a}\s+(?:est|is)\s+(?:une|a|an)\s+(?:\w+\s+)?(?:soci[ée]t[ée]|company|firm|entreprise)\b|"
                     rf"(?:soci[ée]t[ée]\s+de\s+gestion|management\s+company)\s*,?\s*"
                     rf"(?:la\s+|le\s+|l['’]\s*|the\s+)?{a}\b", text, re.I) is not None


def _quoted_other_name_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(name, quoted name) pairs written « le Cluster Kelvo des Tisseurs « Kelvo Weavers Cluster » (KWC) »: the
    name in the other language, quoted right after it, with a bracketed acronym whose letters stand for both (in
    any order); a quoted name of another sort beside a body ('… « Orvalis Marine Week » (OMW)') spells none."""
    out = []
    for a, b, ma, mb in _neighbours(mentions, text, _OPEN_QUOTE_ONLY):
        if not _CLOSE_QUOTE.match(text, mb.end) or ma.label != mb.label:
            continue
        one, other = ma.canonical or ma.text, mb.canonical or mb.text
        if min(len(norm(one).split()), len(norm(other).split())) < 2:
            continue
        acronyms = [x for x in (*ma.aliases, *mb.aliases) if " " not in x and _acronym_word(x)]
        if any(abbreviates(x.lower(), _initials(one)) and abbreviates(x.lower(), _initials(other)) for x in acronyms):
            out.append((a, b))
    return out


# '… the Kelvo Trade Bureau, Orvalis Bank, recently said': a second name apposed between commas to a descriptive one,
# the sentence going on in small words, or closing on one ('…, Orvapress reported.'; a list 'A, B, C' goes on with a name, 'A, B, the C' or « A, B, l'C » with
# an article before one, 'A, B, and C' with a conjunction)
_APPOSED_NAME_BEFORE = re.compile(r"(?:\bthe|\bla|\ble|\bl['’])\s*$", re.I)
_APPOSED_NAME_AFTER = re.compile(r"\s*(?:[.;]|,\s*(?!(?:and|or|et|ou|as|respectively|etc|among|including|ainsi|"
                                 r"respectivement|notamment|parmi)\b)[a-zà-ÿ]+\s+[a-zà-ÿ]|\s+[a-zà-ÿ]+\s*\.)")


def _apposed_name_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(descriptive name, proper name) pairs written 'the Kelvo Central Bank, Banque d'Orvalis, raised …', 'the
    Kelvo News Agency, Orvapress.': one body named twice, the first a 'the' name of 2+ words with a body's head
    word, the second no acronym (`_apposed_acronym_pairs` reads those; 'the World Bank, IFC, …' may be two)."""
    out = []
    for a, b, ma, mb in _neighbours(mentions, text, _APPOSED):
        one, other = ma.canonical or ma.text, mb.canonical or mb.text
        words = norm(one).split()
        if ma.label != "Organisation" or mb.label != "Organisation" or len(words) < 2 or \
                not set(words) & _BODY_HEADS or _acronym_letters(other) is not None or not other[:1].isupper():
            continue
        if _APPOSED_NAME_BEFORE.search(text, max(0, ma.start - 4), ma.start) and \
                _APPOSED_NAME_AFTER.match(text, mb.end) and text[ma.end:mb.start].strip() == ",":
            out.append((a, b))
    return out


# '“KELVO-7 – Orvalis Rural Weaving Programme”': a brand and its long name, one title within one pair of quotes
_TITLE_DASH = re.compile(r"\s*[-–—]\s*")


def _quoted_title_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(brand, long name) pairs of one quoted title '“KELVO-7 -Orvalis Rural Weaving Programme”': a one-word
    name, a dash, a long name of 3+ words, the quotes around both and nothing else."""
    out = []
    for a, b, ma, mb in _neighbours(mentions, text, _TITLE_DASH):
        brand, long_ = ma.canonical or ma.text, mb.canonical or mb.text
        if " " in brand.strip() or len(norm(long_).split()) < 3 or not _CLOSE_QUOTE.match(text, mb.end) or \
                not re.search(r"[“«\"‘]\s*$", text[max(0, ma.start - 3):ma.start]):
            continue
        out.append((a, b))
    return out
