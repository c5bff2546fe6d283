"""Forgiving name lookup: accent-, case- and punctuation-insensitive, aliases included, "did you mean" on a miss."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from ecograph.errors import Ambiguous, NotFound
from ecograph.ids import norm
from ecograph.model import Entity
from ecograph.store.base import GraphStore


def _names(e: Entity) -> list[str]:
    return [e.name, *e.aliases]


def search_names(store: GraphStore, query: str, *, label: str | None = None,
                 limit: int = 10, cutoff: float = 60.0) -> list[tuple[Entity, float]]:
    """Entities whose name or alias resembles `query`, best first, with a 0..100 score."""
    q = norm(query)
    choices: dict[int, str] = {}
    owners: list[Entity] = []
    for e in store.entities(label=label):
        if e.label == "Document":
            continue
        for n in _names(e):
            choices[len(owners)] = norm(n)
            owners.append(e)
    best: dict[str, tuple[Entity, float]] = {}
    for _, score, idx in process.extract(q, choices, scorer=fuzz.WRatio, limit=limit * 4,
                                         score_cutoff=cutoff):
        e = owners[idx]
        if choices[idx] == q:
            score = 100.0
        if e.id not in best or best[e.id][1] < score:
            best[e.id] = (e, float(score))
    return sorted(best.values(), key=lambda t: (-t[1], t[0].name))[:limit]


def find_entity(store: GraphStore, name: str, *, label: str | None = None) -> Entity:
    """The one entity `name` designates: an id, an exact (normalised) name or alias, else a clear error."""
    if ":" in name:
        e = store.entity(name)
        if e is not None:
            return e
    q = norm(name)
    exact = [e for e in store.entities(label=label)
             if e.label != "Document" and any(norm(n) == q for n in _names(e))]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        by_name = [e for e in exact if norm(e.name) == q]
        if len(by_name) == 1:
            return by_name[0]
        raise Ambiguous(name, [f"{e.name} ({e.id})" for e in exact])
    # every word of the query, as whole words of one name ("green growth" for
    # "Green Growth Programme"): accepted when exactly one entity has such a name
    words = set(q.split())
    if words and max(map(len, words)) >= 3:
        whole = {e.id: e for e in store.entities(label=label)
                 if e.label != "Document" and any(words <= set(norm(n).split()) for n in _names(e))}
        if len(whole) == 1:
            return next(iter(whole.values()))
        if 1 < len(whole) <= 10:
            raise Ambiguous(name, [f"{e.name} ({e.id})" for e in sorted(whole.values(), key=lambda e: e.name)])
    close = search_names(store, name, label=label, limit=5, cutoff=70.0)
    if close and close[0][1] >= 95 and (len(close) == 1 or close[1][1] < close[0][1] - 5):
        return close[0][0]
    suggestions = [e.name for e, _ in close]
    if label is not None:
        # "partners THE NEXT SOCIETY": the name exists, but as another label; say so
        others = [e for e in store.entities() if e.label not in (label, "Document")
                  and any(norm(n) == q for n in _names(e))]
        suggestions = [f"{e.name} (a {e.label}, not a {label})" for e in others] + suggestions
    raise NotFound(name, suggestions)
