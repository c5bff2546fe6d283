"""Tokens: one regex over the text, each token with its offsets and folded form.

The regex runs over a copy with curly quotes made straight (same length, so offsets stay
on the original). A token's folded form (lower-case, accent-free, straight quotes) is what
the gazetteers, the name chunker and the cue matchers compare.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ecograph.ids import fold

_STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u2011": "-"})
# a word with an @ inside is one word ("Sm@rtCity", "MED@Work"); an address ("info@vega.org") is not;
# a capitalised word glued by an apostrophe to a lower-case one is one brand ("Kelvo'lab", « Nova'tech »),
# not an elision (« L'Agence », « Jusqu'à ») nor an English contraction or possessive ("Kelvo's", "Don't")
_TOKEN = re.compile(r"(?:[A-Za-z\u00c0-\u024f]'(?=[A-Za-z\u00c0-\u024f]))|(?:[Qq]u'(?=\w))"
                    r"|(?!(?:[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu|[Pp]resqu)')"
                    r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{2,}'(?!(?:t|s|d|m|ll|re|ve)\b)[a-z\u00df-\u00ff]{2,}\b"
                    r"|\w+@\w+(?!\w|\.\w)|\w+|[^\w\s]")


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


def _surface(toks: list[Tok], i: int, j: int) -> str:
    """The name as written, whitespace normalised, straight apostrophes kept as written."""
    parts = []
    for n, t in enumerate(toks[i:j]):
        if n and t.space:
            parts.append(" ")
        parts.append(t.text)
    return "".join(parts)


surface = _surface
