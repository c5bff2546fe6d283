"""Gazetteers: the data-file lookups (places, sectors, given names, the registry) and the
spaCy PhraseMatcher that finds their surfaces in a document.

Tokens become a spaCy `Doc` of folded words, with no whitespace tokens, so the name lists
match across the hard line breaks of PDF text. spaCy serves only as vocab and PhraseMatcher:
tokenisation is ours (`tokens.py`).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ecograph.datafiles import PLACES_TSV

from .registry import load_registry
from .tokens import Tok, fold_tokens

DATA = Path(__file__).resolve().parent / "data"

# filled by sectors(): one-word sector surfaces, for the name filter in entities.py
_SECTOR_WORDS: set[str] = set()


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str


def _tsv(name: str | Path) -> list[dict]:
    path = DATA / name  # a bare name is ingest's own data; a path (the core's place list) is itself
    if not path.exists():
        return []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def places() -> tuple[dict[str, Place], dict[str, Place]]:
    """(surface fold -> Place, demonym fold -> country Place)."""
    names, demonyms = {}, {}
    for r in _tsv(PLACES_TSV):
        p = Place(r["name"].strip(), r["kind"].strip(), (r.get("country") or "").strip() or r["name"].strip())
        for s in [p.name, *(r.get("aliases") or "").split("|")]:
            if s.strip():
                names.setdefault(" ".join(fold_tokens(s)), p)
        for s in (r.get("demonyms") or "").split("|"):
            if s.strip():
                demonyms[" ".join(fold_tokens(s))] = p
    return names, demonyms


@lru_cache(maxsize=1)
def sectors() -> dict[str, str]:
    """surface fold -> canonical sector name."""
    out = {}
    _SECTOR_WORDS.update({"luxury", "food", "cosmetics", "industries", "industry", "products"})
    for r in _tsv("sectors.tsv"):
        for s in [r["name"], *(r.get("aliases") or "").split("|")]:
            if s.strip():
                out.setdefault(" ".join(fold_tokens(s)), r["name"].strip())
                if " " not in s.strip():
                    _SECTOR_WORDS.add(" ".join(fold_tokens(s)))
    return out


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded common given names (ingest/data/given_names.tsv): 'Leila Haddad' is a person, not an actor."""
    return frozenset(" ".join(fold_tokens(r["name"])) for r in _tsv("given_names.tsv") if r.get("name", "").strip())


@lru_cache(maxsize=1)
def registry_surfaces() -> dict[str, tuple]:
    """surface fold -> (KnownEntity, needs_case): short all-caps aliases must match in capitals."""
    out = {}
    for e in load_registry():
        for s in (e.name, *e.aliases):
            key = " ".join(fold_tokens(s))
            if key:
                needs_case = len(s) <= 5 and s.replace(" ", "").isupper()
                out.setdefault(key, (e, needs_case, s))
    return out


@lru_cache(maxsize=1)
def _blank():
    return spacy.blank("en")


def nlp(lang: str):
    """The blank pipeline whose vocab the matchers use, built once per process. Tokenisation is ours
    (one regex for both languages, see `tokenize`), so one blank pipeline serves English and French;
    building spacy.blank('fr') would only cost seconds of tokenizer-regex compilation per process."""
    return _blank()


@lru_cache(maxsize=4)
def gazetteer(lang: str) -> PhraseMatcher:
    vocab = nlp(lang).vocab
    m = PhraseMatcher(vocab)
    groups = {"REG": list(registry_surfaces()), "PLACE": list(places()[0]), "DEMONYM": list(places()[1]),
              "SECTOR": list(sectors())}
    for key, surfaces in groups.items():
        m.add(key, [Doc(vocab, words=s.split()) for s in surfaces if s])
    return m


def make_doc(lang: str, toks: list[Tok]) -> Doc:
    return Doc(nlp(lang).vocab, words=[t.f for t in toks], spaces=[True] * len(toks))
