"""Forgiving name lookup: accent-, case- and punctuation-insensitive, aliases included, "did you mean" on a miss.

Names are matched through an index of every entity's normalised names and aliases,
built once per state of the store (`store.read_version()`) and reused while it
does not change: matching one name must not list and fold 100k entities each time.
"""
from __future__ import annotations

import weakref
from typing import NamedTuple

from rapidfuzz import fuzz, process

from ecograph.errors import Ambiguous, NotFound
from ecograph.ids import norm
from ecograph.model import Entity
from ecograph.store.base import GraphStore



class _Row(NamedTuple):
    id: str
    label: str
    name: str
    norms: tuple[str, ...]  # norm of the name, then of each alias, in stored order


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


_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def name_index(store: GraphStore, *, fresh: bool = True) -> NameIndex:
    """The store's name index; `fresh=False` accepts the last one built, whatever the
    store's state now (the caller checks `version` against what it then reads)."""
    try:
        hit = _INDEXES.get(store)
    except TypeError:  # a store that cannot be weakly referenced: never cached
        hit = None
    if hit is not None and not fresh:
        return hit
    version = store.read_version() if hasattr(store, "read_version") else None
    if hit is not None and version is not None and hit.version == version:
        return hit
    if hasattr(store, "entity_names"):
        rows = store.entity_names()
    else:
        rows = [(e.id, e.label, e.name, list(e.aliases)) for e in store.entities()]
    index = NameIndex(version, rows)
    if version is not None:
        try:
            _INDEXES[store] = index
        except TypeError:
            pass
    return index


def _close(index: NameIndex, query: str, label: str | None, limit: int, cutoff: float) -> list[tuple[_Row, float]]:
    q = norm(query)
    choices, owners = index.choices(label)
    best: dict[str, tuple[_Row, float]] = {}
    for _, score, i in process.extract(q, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=cutoff):
        r = owners[i]
        if choices[i] == q:
            score = 100.0
        if r.id not in best or best[r.id][1] < score:
            best[r.id] = (r, float(score))
    return sorted(best.values(), key=lambda t: (-t[1], t[0].name))[:limit]


def similar(store: GraphStore, query: str, *, label: str | None = None,
            limit: int = 10, cutoff: float = 60.0) -> list[tuple[str, float]]:
    """Ids of the entities whose name or alias resembles `query`, best first, with a 0..100 score."""
    return [(r.id, s) for r, s in _close(name_index(store), query, label, limit, cutoff)]


def search_names(store: GraphStore, query: str, *, label: str | None = None,
                 limit: int = 10, cutoff: float = 60.0) -> list[tuple[Entity, float]]:
    """Entities whose name or alias resembles `query`, best first, with a 0..100 score."""
    found = [(store.entity(i), s) for i, s in similar(store, query, label=label, limit=limit, cutoff=cutoff)]
    return [(e, s) for e, s in found if e is not None]


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
            return whole[0].id
        if 1 < len(whole) <= 10:
            raise Ambiguous(name, [f"{r.name} ({r.id})" for r in sorted(whole, key=lambda r: r.name)])
    close = _close(index, name, label, 5, 70.0)
    if close and close[0][1] >= 95 and (len(close) == 1 or close[1][1] < close[0][1] - 5):
        return close[0][0].id
    suggestions = [r.name for r, _ in close]
    if label is not None:
        # "partners THE NEXT SOCIETY": the name exists, but as another label; say so
        others = [r for r in index.exact(q, None) if r.label != label]
        suggestions = [f"{r.name} (a {r.label}, not a {label})" for r in others] + suggestions
    raise NotFound(name, suggestions)


def resolve(store: GraphStore, name: str, *, label: str | None = None, fresh: bool = True,
            store_first: bool = True) -> str:
    """The id of the one entity `name` designates (see `find_entity`). With `fresh=False`
    the last index built is trusted for a match (the caller re-checks the version it
    then reads), but never for a miss: an error is only raised from a fresh index.
    A store that resolves names itself (`resolve_names`: Neo4j, same rules, indexed) is
    asked first (unless the caller just asked it: `store_first=False`); the index is
    built only when it cannot decide (a miss, several)."""
    if store_first and hasattr(store, "resolve_names"):
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


def find_entity(store: GraphStore, name: str, *, label: str | None = None) -> Entity:
    """The one entity `name` designates: an id, an exact (normalised) name or alias, else a clear error."""
    e = store.entity(resolve(store, name, label=label))
    if e is None:  # removed since the index was read
        raise NotFound(name, [])
    return e
