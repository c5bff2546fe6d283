"""Words of the text that say two names of one document name one body: a rename ("A, formerly B", « A change de
nom et devient B ») and another name ("A, also known as B", "A (hereinafter B)")."""
from __future__ import annotations

import re

from .doc_links import _neighbours
from .types import Mention


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


# "A, also known as B", "A (known as B)", « A, dénommé en français B », « A, appelé aussi B »: one body,
# two names
_AKA = re.compile(
    r"\s*[”»\"’]?\s*[,(]?\s*(?:(?:also|otherwise)\s+(?:known\s+as|called|named)|a\.?k\.?a\.?|known\s+as|"
    r"(?:known|called)\s+in\s+(?:english|french|arabic)\s+as|in\s+(?:english|french|arabic)|"
    r"d[ée]nomm[ée]e?s?(?:\s+en\s+(?:fran[cç]ais|anglais|arabe))?|appel[ée]e?s?\s+(?:aussi|[ée]galement|en\s+\w+)|"
    r"(?:aussi|[ée]galement)\s+(?:appel[ée]e?s?|d[ée]nomm[ée]e?s?)|en\s+(?:fran[cç]ais|anglais|arabe)|"
    r"connue?s?\s+(?:aussi\s+|[ée]galement\s+)?sous\s+le\s+nom\s+d[e'’]\s*)"
    r"\s*[,:]?\s*(?:(?:the|le|la|les)\s+|l['’]\s*)?[“«\"‘]?\s*", re.I)


def _also_known_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """(name, other name) pairs joined by an "also known as" cue: the text says both name one body."""
    return [(a, b) for a, b, _, _ in _neighbours(mentions, text, _AKA)]
