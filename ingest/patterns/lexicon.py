"""Cue lexicons compiled to spaCy PhraseMatchers, and the rows the engine reads.

`_matchers(lang)` builds, once per process and language, the matchers for the cue phrases
(`en.py` / `fr.py`: type, mode, confidence, method, phrases), the hedges, and the other
phrase lists (list intros, "founded", first person, anaphora). A `Sent` is a sentence as
extract.py hands it over: token range, character span, and its argument mentions (`Arg`),
places and sectors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..gazetteers import nlp
from ..tokens import fold_tokens
from ..types import Mention
from . import en, fr

LEXICONS = {"en": en, "fr": fr}


def lexicon(lang: str):
    return LEXICONS.get(lang, en)


@lru_cache(maxsize=4)
def verb_words(lang: str) -> frozenset[str]:
    """The one-word verb cues of a language, folded ("finance", "soutient"): a finite verb, never a word
    of the name written before it (« la Banque Kelvo finance le projet »)."""
    words = (fold_tokens(p) for _, mode, _, _, phrases in lexicon(lang).CUES if mode == "verb" for p in phrases)
    return frozenset(w[0] for w in words if len(w) == 1)


@dataclass
class Arg:
    m: Mention
    i: int           # token span of the mention
    j: int
    ext: int         # token end including a defined acronym "(ACR)"
    coref: bool = False


@dataclass
class Sent:
    a: int           # token range
    b: int
    start: int       # character span (stripped) in the document
    end: int
    question: bool = False
    heading: bool = False
    args: list[Arg] = field(default_factory=list)
    places: list[Arg] = field(default_factory=list)
    sectors: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Cue:
    type: str
    mode: str
    conf: float
    method: str
    n: int           # length in tokens


@lru_cache(maxsize=4)
def _matchers(lang: str):
    lex = lexicon(lang)
    vocab = nlp(lang).vocab
    cues, hedges, misc = PhraseMatcher(vocab), PhraseMatcher(vocab), PhraseMatcher(vocab)
    table: dict[str, Cue] = {}
    for k, (rtype, mode, conf, method, phrases) in enumerate(lex.CUES):
        for p in phrases:
            words = fold_tokens(p)
            key = f"{k}:{len(words)}"
            table[key] = Cue(rtype, mode, conf, method, len(words))
            cues.add(key, [Doc(vocab, words=words)])
    hedges.add("HEDGE", [Doc(vocab, words=fold_tokens(h)) for h in lex.HEDGES])
    for name, phrases in (("INTRO", lex.LIST_INTRO), ("FOUNDED", lex.FOUNDED), ("WE", lex.WE),
                          ("ANA", lex.ANAPHORA), ("ANA_PROG", lex.ANAPHORA_PROGRAMME),
                          ("ANA_LAST", lex.ANAPHORA_LAST)):
        misc.add(name, [Doc(vocab, words=fold_tokens(p)) for p in phrases])
    return cues, hedges, misc, table
