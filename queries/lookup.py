"""Forgiving name lookup: accent-, case- and punctuation-insensitive, aliases included, "did you mean" on a miss.

Names are matched through an index of every entity's normalised names and aliases,
built once per state of the store (`store.read_version()`) and reused while it
does not change: matching one name must not list and fold 100k entities each time.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, NamedTuple

from rapidfuzz import fuzz, process

from ecograph.errors import Ambiguous, NotFound
from ecograph.ids import norm
from ecograph.model import Entity
from ecograph.kinds import CONNECTORS, GENERIC
from ecograph.store.protocol import QueryableStore

from . import cache

# Words that say what sort of thing a name is, not which one ("cluster", "ministry", "of"):
# similarity is measured on the other words, so "Menra" finds "Cluster Menara" before
# "Ministry of Economy", and "search menara" does not rank ministries by their shared "of".
_FILLER = frozenset(GENERIC | CONNECTORS | {"the", "and", "et"})
ACRONYM_SCORE = 90.0  # a query equal to a name's initials: close, but never taken unasked
WORD_MATCH = 70.0     # how alike (fuzz.ratio) a query word and a name's word must be to count



class _Row(NamedTuple):
    id: str
    label: str
    name: str
    norms: tuple[str, ...]  # norm of the name, then of each alias, in stored order


def core(n: str) -> str:
    """The words of a normalised name that tell it apart (all of them if none does)."""
    words = [w for w in n.split() if w not in _FILLER]
    return " ".join(words) if words else n


def initials(n: str) -> str:
    words = [w for w in n.split() if w not in CONNECTORS and w not in ("the", "and")]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


class NameIndex:
    """Every entity's names, normalised, as of one state (`version`) of a store."""

    def __init__(self, version, rows):
        self.version = version
        self.rows = [_Row(i, lab, name, tuple(norm(n) for n in [name, *aliases]))
                     for i, lab, name, aliases in sorted(rows) if lab != "Document"]
        self.by_id = {r.id: r for r in self.rows}
        self.by_norm: dict[str, list[_Row]] = {}
        for r in self.rows:
            for q in dict.fromkeys(r.norms):
                self.by_norm.setdefault(q, []).append(r)
        self._choices: dict[str | None, tuple[dict[int, str], list[_Row]]] = {}
        self._words: dict[str | None, tuple[dict[str, list[int]], dict[int, int]]] = {}
        self._initials: dict[str | None, dict[str, list[_Row]]] = {}

    def exact(self, q: str, label: str | None) -> list[_Row]:
        return [r for r in self.by_norm.get(q, ()) if label is None or r.label == label]

    def choices(self, label: str | None) -> tuple[dict[int, str], list[_Row]]:
        """What fuzzy matching scores against: every name and alias, and whose it is."""
        if label not in self._choices:
            choices: dict[int, str] = {}
            owners: list[_Row] = []
            for r in self.rows:
                if label is None or r.label == label:
                    for n in r.norms:
                        choices[len(owners)] = n
                        owners.append(r)
            self._choices[label] = (choices, owners)
        return self._choices[label]

    def words(self, label: str | None) -> tuple[dict[str, list[int]], dict[int, int]]:
        """Each telling word (`core`) -> the `choices` holding it; and how many such words each has."""
        if label not in self._words:
            where: dict[str, list[int]] = {}
            sizes: dict[int, int] = {}
            for i, n in self.choices(label)[0].items():
                words = set(core(n).split())
                sizes[i] = len(words)
                for w in words:
                    where.setdefault(w, []).append(i)
            self._words[label] = (where, sizes)
        return self._words[label]

    def by_initials(self, label: str | None) -> dict[str, list[_Row]]:
        if label not in self._initials:
            out: dict[str, list[_Row]] = {}
            for r in self.rows:
                if label is None or r.label == label:
                    for key in dict.fromkeys(initials(n) for n in r.norms):
                        if key:
                            out.setdefault(key, []).append(r)
            self._initials[label] = out
        return self._initials[label]


def name_index(store: QueryableStore, *, fresh: bool = True) -> NameIndex:
    """The store's name index (kept in `cache`); `fresh=False` accepts the last one built,
    whatever the store's state now (the caller checks `version` against what it then reads)."""
    hit = cache.get(store, "names")
    if hit is not None and not fresh:
        return hit
    version = store.read_version()
    if hit is not None and version is not None and hit.version == version:
        return hit
    index = NameIndex(version, store.entity_names())
    if version is not None:
        cache.put(store, "names", index)
    return index


def _telling(q: str, known: dict) -> list[str]:
    """The query's words that tell names apart: not filler, nor a misspelt filler ("clustr"),
    unless some name has that very word ("Centrale" is not a misspelt "centre")."""
    out = []
    for w in q.split():
        if w in _FILLER:
            continue
        near = None if w in known or len(w) < 5 else \
            process.extractOne(w, _FILLER, scorer=fuzz.ratio, score_cutoff=WORD_MATCH + 15)
        if near is None:
            out.append(w)
    return out


def _by_words(index: NameIndex, words: list[str], label: str | None) -> dict[int, float]:
    """Choice -> score: for each query word the closest word of the name (0 if none is
    within WORD_MATCH), averaged, times a little for how much of the name was matched."""
    where, sizes = index.words(label)
    per_choice: dict[int, list[float]] = {}
    for k, w in enumerate(words):
        for found, score, _ in process.extract(w, where.keys(), scorer=fuzz.ratio, score_cutoff=WORD_MATCH,
                                               limit=None):
            for i in where[found]:
                got = per_choice.setdefault(i, [0.0] * len(words))
                got[k] = max(got[k], score)
    return {i: sum(got) / len(words) * (0.9 + 0.1 * sum(1 for g in got if g) / max(sizes[i], 1))
            for i, got in per_choice.items()}


def _close(index: NameIndex, query: str, label: str | None, limit: int, cutoff: float) -> list[tuple[_Row, float]]:
    """The names closest to `query`, scored 0..100 on the words that tell names apart
    (`_by_words`; a query of filler words only is compared whole); an exact name or alias
    100, a query equal to a name's initials `ACRONYM_SCORE`; ties go to the closer whole name."""
    q = norm(query)
    choices, owners = index.choices(label)
    best: dict[str, tuple[_Row, float]] = {}

    def offer(r: _Row, score: float) -> None:
        if score >= cutoff and (r.id not in best or best[r.id][1] < score):
            best[r.id] = (r, round(float(score), 1))

    words = _telling(q, index.words(label)[0])
    if words:
        for i, score in _by_words(index, words, label).items():
            offer(owners[i], score)
    else:
        for _, score, i in process.extract(q, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=cutoff):
            offer(owners[i], score)
    for r in index.exact(q, label):
        offer(r, 100.0)
    if " " not in q and 2 <= len(q) <= 8:
        for r in index.by_initials(label).get(q, ()):
            offer(r, ACRONYM_SCORE)
    ranked = sorted(best.values(), key=lambda t: (-t[1], -fuzz.ratio(q, t[0].norms[0]), t[0].name))
    return ranked[:limit]


def similar(store: QueryableStore, query: str, *, label: str | None = None,
            limit: int = 10, cutoff: float = 60.0) -> list[tuple[str, float]]:
    """Ids of the entities whose name or alias resembles `query`, best first, with a 0..100 score."""
    return [(r.id, s) for r, s in _close(name_index(store), query, label, limit, cutoff)]


def search_names(store: QueryableStore, query: str, *, label: str | None = None,
                 limit: int = 10, cutoff: float = 60.0) -> list[tuple[Entity, float]]:
    """Entities whose name or alias resembles `query`, best first, with a 0..100 score."""
    found = [(store.entity(i), s) for i, s in similar(store, query, label=label, limit=limit, cutoff=cutoff)]
    return [(e, s) for e, s in found if e is not None]


_APPROXIMATE: ContextVar[list | None] = ContextVar("ecograph_approximate_names", default=None)


@contextmanager
def approximate_matches() -> Iterator[list[tuple[str, str, str]]]:
    """Collects (name asked, name used, id) for each name resolved meanwhile that was not an
    exact name or alias (a typo, a word of a name): the CLI tells the user which entity answered."""
    token = _APPROXIMATE.set([])
    try:
        yield _APPROXIMATE.get()
    finally:
        _APPROXIMATE.reset(token)


def _approximate(name: str, r: _Row) -> str:
    notes = _APPROXIMATE.get()
    if notes is not None and (name, r.name, r.id) not in notes:
        notes.append((name, r.name, r.id))
    return r.id


def _resolve(index: NameIndex, name: str, label: str | None) -> str:
    if ":" in name and name in index.by_id:
        return name
    q = norm(name)
    exact = index.exact(q, label)
    if len(exact) == 1:
        return exact[0].id
    if len(exact) > 1:
        by_name = [r for r in exact if r.norms[0] == q]
        if len(by_name) == 1:
            return by_name[0].id
        raise Ambiguous(name, [f"{r.name} ({r.id})" for r in exact])
    # every word of the query, as whole words of one name ("green growth" for
    # "Green Growth Programme"): accepted when exactly one entity has such a name
    words = set(q.split())
    if words and max(map(len, words)) >= 3:
        whole = [r for r in index.rows if (label is None or r.label == label)
                 and any(words <= set(n.split()) for n in r.norms)]
        if len(whole) == 1:
            return _approximate(name, whole[0])
        if 1 < len(whole) <= 10:
            raise Ambiguous(name, [f"{r.name} ({r.id})" for r in sorted(whole, key=lambda r: r.name)])
    close = _close(index, name, label, 5, 70.0)
    if close and close[0][1] >= 95 and (len(close) == 1 or close[1][1] < close[0][1] - 5):
        return _approximate(name, close[0][0])
    suggestions = [r.name for r, _ in close]
    if label is not None:
        # "partners THE NEXT SOCIETY": the name exists, but as another label; say so
        others = [r for r in index.exact(q, None) if r.label != label]
        suggestions = [f"{r.name} (a {r.label}, not a {label})" for r in others] + suggestions
    raise NotFound(name, suggestions)


def resolve(store: QueryableStore, name: str, *, label: str | None = None, fresh: bool = True,
            store_first: bool = True) -> str:
    """The id of the one entity `name` designates (see `find_entity`). With `fresh=False`
    the last index built is trusted for a match (the caller re-checks the version it
    then reads), but never for a miss: an error is only raised from a fresh index.
    A store that resolves names itself (`resolve_names`: Neo4j, same rules, indexed) is
    asked first (unless the caller just asked it: `store_first=False`); the index is
    built only when it cannot decide (a miss, several)."""
    if store_first:
        found = store.resolve_names([name], label=label)
        if found is not None:
            return found[0]
    index = name_index(store, fresh=fresh)
    try:
        return _resolve(index, name, label)
    except (NotFound, Ambiguous):
        again = name_index(store) if not fresh else index
        if again is index:
            raise
        return _resolve(again, name, label)


def find_entity(store: QueryableStore, name: str, *, label: str | None = None) -> Entity:
    """The one entity `name` designates: an id, an exact (normalised) name or alias, else a clear error."""
    e = store.entity(resolve(store, name, label=label))
    if e is None:  # removed since the index was read
        raise NotFound(name, [])
    return e
