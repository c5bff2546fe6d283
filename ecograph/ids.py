"""Stable identifiers and the normal form of names.

`norm` is the same folding the scorer uses (case, accents, quotes, punctuation,
a leading "the"), so two surface forms that a researcher would call the same
name get the same key and the same id.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

PREFIX = {
    "Organisation": "org",
    "Programme": "prog",
    "Place": "place",
    "Sector": "sector",
    "Document": "doc",
    "Person": "person",
}

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})


# Memoised: extraction and resolution fold and normalise the same few thousand names over
# and over (norm was ~75 % of resolve time, growing with the store); both are pure on a str.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free form (keeps punctuation)."""
    s = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


# NFKD leaves these letters whole; French writes "œuvre", "mis en œuvre" and folded cue phrases say "oe"
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})


@lru_cache(maxsize=1 << 18)  # big enough for a 100k-entity store's names and aliases: re-indexing finds them folded
def norm(name: str) -> str:
    """Case-, accent-, quote- and punctuation-insensitive key of a name."""
    s = fold(name.translate(_QUOTES))
    s = s.replace("&", " and ")
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(the|le|la|les|l) ", "", s)
    return s


def slug(name: str) -> str:
    return norm(name).replace(" ", "-").replace("_", "-") or "unnamed"


def entity_id(label: str, name: str) -> str:
    return f"{PREFIX[label]}:{slug(name)}"


def document_id(text: str) -> str:
    """A document's id is the hash of its text: the same text is the same document."""
    return "doc:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def label_of(entity_id_: str) -> str:
    prefix = entity_id_.split(":", 1)[0]
    for label, p in PREFIX.items():
        if p == prefix:
            return label
    raise ValueError(f"not an ecograph id: {entity_id_!r}")
