"""Registry look-ups by key, and national bodies named without their country ("Ministry of Industry",
« ministère de l'Industrie »): which country a document is in, and the registry's bodies by loose key, so
`resolve.Resolver` gives such a name the document's country's body, never a namesake known for another country."""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from ecograph.datafiles import PLACES_TSV
from ecograph.ids import norm
from ecograph.kinds import classify
from ecograph.languages import name_language
from ecograph.model import Entity
from ecograph.name_keys import loose_key, name_key, qualifiers

from .registry import KnownEntity
from .types import Mention


def national_name(name: str) -> bool:
    """A government body's descriptive name with no place in it: 'Ministry of Industry and Trade'."""
    words = name.split()
    return len(words) >= 3 and not qualifiers(name) and classify(name)[1] == "government" and \
        not any(w.isupper() and len(w) >= 2 for w in words)


def document_country(mentions: list[Mention]) -> tuple[str, str, frozenset[str]] | None:
    """(country mark, its name, every country mark) of the country half the document's places or more are in."""
    counts: Counter = Counter()
    written: dict[str, str] = {}
    for m in mentions:
        if m.label != "Place":
            continue
        marks = [q for q in qualifiers(m.canonical or m.text) if q.startswith("c:")]
        if len(marks) == 1:
            counts[marks[0]] += 1
            if not any(q.startswith("p:") for q in qualifiers(m.canonical or m.text)):
                written.setdefault(marks[0], m.canonical or m.text)
    top = counts.most_common(2)
    if not top or 2 * top[0][1] < sum(counts.values()) or len(top) == 2 and top[0][1] == top[1][1]:
        return None  # (a page about three countries is in none of them)
    mark = top[0][0]
    return mark, written.get(mark, mark[2:].title()), frozenset(counts)


_LOOSE: list = [None, {}]  # [the registry index, its entries by loose key]: the last one computed


def registry_loose(reg: dict) -> dict[str, list[KnownEntity]]:
    """The registry's entries by the loose key of each of their names (computed once per registry)."""
    if _LOOSE[0] is not reg:
        by_key: dict[str, list[KnownEntity]] = defaultdict(list)
        for entry in set(reg.values()):
            for n in {loose_key(n) for n in (entry.name, *entry.aliases)}:
                by_key[n].append(entry)
        _LOOSE[:] = [reg, dict(by_key)]
    return _LOOSE[1]


def long_form_here(entities: Iterable[Entity], label: str, names: set[str], mark: str) -> str | None:
    """The one known body of the document's country (`mark`) whose name goes on from one of these, or one of
    these from its: « ministère de l'Industrie » is the « ministère de l'Industrie et des Mines » of one country."""
    mine = {norm(n) + " " for n in names}
    found = {e.id for e in entities
             if e.label == label and e.country and mark in qualifiers(e.country) and
             any(a.startswith(b) for n in (e.name, *e.aliases) for m in mine for a, b in
                 ((norm(n) + " ", m), (m, norm(n) + " ")) if a != b)}
    return found.pop() if len(found) == 1 else None


_KEYS: list = [None, {}]  # [the registry index, its entries by name key]: the last one computed


def registry_keys(reg: dict) -> dict[str, KnownEntity]:
    """The registry's entries by the `name_key` of each of their names, a key two entries share left out."""
    if _KEYS[0] is not reg:
        by_key: dict[str, set[KnownEntity]] = defaultdict(set)
        for entry in set(reg.values()):
            for n in (entry.name, *entry.aliases):
                by_key[name_key(n)].add(entry)
        _KEYS[:] = [reg, {k: next(iter(v)) for k, v in by_key.items() if len(v) == 1}]
    return _KEYS[1]


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, ...]]:
    """norm(country) → its demonyms as places.tsv writes them ("Lebanese", "libanais", …)."""
    lines = [ln for ln in PLACES_TSV.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return {norm(r["name"]): tuple(d for d in (r.get("demonyms") or "").split("|") if d)
            for r in csv.DictReader(lines, delimiter="\t") if r.get("kind") == "country"}


def named_for(name: str, country: str) -> str:
    """The name of a national body with its country in it, as pages write it: "Lebanese Ministry of Orvalis",
    « ministère libanais de l'Orvalis »; '<name> (<country>)' where no demonym fits."""
    demonyms = _demonyms().get(norm(country), ())
    english = next((d for d in demonyms if d[:1].isupper()), None)
    french = next((d for d in demonyms if d[:1].islower()), None)  # (the masculine comes first)
    words = name.split()
    if name_language(name) == "fr":
        if french and norm(words[0]) == "ministere":
            return " ".join([words[0], french, *words[1:]])
    elif english:
        return f"{english} {name}"
    return f"{name} ({country})"
