"""Words of the text that say two names of one document name one body: a rename ("A, formerly B", « A change de
nom et devient B ») and another name ("A, also known as B", "A (hereinafter B)"); or that a bracketed acronym is
not the body's but its management company's."""
from __future__ import annotations

import re

from ecograph.kinds import classify
from ecograph.name_keys import _SWAP

from .doc_links import _PAREN_ACRONYM, _initials, _neighbours, abbreviates
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


def _renames(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(current, former) pairs of one document: the name written after a rename cue that follows
    another name in the same sentence is the same body's former name; the name a body is renamed to
    (`_RENAMED_TO`) its current one."""
    return [(a, b) for a, b, _, _ in _neighbours(mentions, text, _RENAME)] + \
        [(b, a) for a, b, _, _ in _neighbours(mentions, text, _RENAMED_TO)]


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


def _also_known_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(name, other name) pairs joined by an "also known as" cue: the text says both name one body."""
    return [(a, b) for a, b, _, _ in _neighbours(mentions, text, _AKA)]


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
