"""The document languages ecograph reads (English, French) and the one rule that tells them apart:
stopword counts. Readers use it on a document's text, extraction on its tokens, resolution on a name."""
from __future__ import annotations

import re
from collections.abc import Iterable

# Words common in one language and rare in the other; ambiguous ones ("a", "on", "son",
# "plus") are left out. "l", "d", "qu" are French elisions split off at the apostrophe.
FR_WORDS = frozenset("""le la les des du de et est une un pour dans avec qui que sur au aux
    ce cette ces sont par nous vous il elle ils elles pas ne se sa leur leurs été être ont
    entre l d qu où mais ou selon depuis notre nos également ainsi""".split())
EN_WORDS = frozenset("""the and of to in is for with that are by this we our from be was
    were it an as at has have which its their or not will been also these they can""".split())
_WORD_RE = re.compile(r"[^\W\d_]+")
_WINDOW = 20_000  # characters: the opening of a document says its language
_FRENCH_LETTERS = frozenset("éèêàâçôîûëïœ")


def counts(words: Iterable[str]) -> tuple[int, int]:
    """(French, English) stopwords among lower-case words."""
    fr = en = 0
    for word in words:
        if word in FR_WORDS:
            fr += 1
        elif word in EN_WORDS:
            en += 1
    return fr, en


def language_of_words(words: Iterable[str], default: str | None = "en") -> str | None:
    """"fr" or "en" when the stopwords say it clearly (three or more, and more than 1.5 times the other
    language's), else `default`."""
    fr, en = counts(words)
    if fr >= 3 and fr > 1.5 * en:
        return "fr"
    if en >= 3 and en > 1.5 * fr:
        return "en"
    return default


def detect_language(text: str) -> str:
    """"fr" or "en" from the opening of a text; "en" when unclear."""
    return language_of_words(_WORD_RE.findall(text[:_WINDOW].lower())) or "en"


def name_language(name: str) -> str | None:
    """"fr" / "en" when a name's small words or letters say it ("Centre Africain d'Innovation",
    "Union européenne"; "Agency for …"), else None: most names are in no language ("Orvalis")."""
    fr, en = counts(_WORD_RE.findall(name.lower()))
    fr += any(c in _FRENCH_LETTERS for c in name.lower())
    return "fr" if fr > en else "en" if en > fr else None
