"""Prototype of the fix for query latency, kept inside bench/ (queries/ and the stores
belong to others): build the query view once per store state and reuse it.

Every query in `queries/` starts with `GraphView(store)`, which calls
`store.to_networkx()` (the whole graph rebuilt from the store's records, evidence
dicts included) and then copies it again in sorted order; `find_entity` lists and
sorts every entity to match one name. At 100k nodes / 500k relations that is tens
of seconds per call, for a lookup that touches a few dozen edges.

`patched()` swaps in, for the duration of a `with` block:
- a `GraphView` cache keyed by the store object (valid while nothing writes: the
  benchmark is read-only; the real fix keys it on a store version counter that
  `add`/`forget`/`load`/`clear` bump), and
- a `find_entity` that resolves exact names through a cached normalised-name index
  and falls back to the original function otherwise.
The query code itself is unchanged, so answers are identical (the benchmark checks).
"""
from __future__ import annotations

import contextlib
import importlib

from ecograph.ids import norm

_MODULES = ["ecograph.queries.partners", "ecograph.queries.paths", "ecograph.queries.ego",
            "ecograph.queries.membership", "ecograph.queries.programmes", "ecograph.queries.structure",
            "ecograph.queries.profile", "ecograph.queries.search"]


@contextlib.contextmanager
def patched():
    from ecograph.queries import lookup, view
    orig_view, orig_find = view.GraphView, lookup.find_entity
    views: dict[int, object] = {}
    index: dict[tuple[int, str | None], dict[str, list]] = {}

    def cached_view(store):
        v = views.get(id(store))
        if v is None:
            v = views[id(store)] = orig_view(store)
        return v

    def fast_find(store, name, *, label=None):
        if ":" in name:
            e = store.entity(name)
            if e is not None:
                return e
        key = (id(store), label)
        idx = index.get(key)
        if idx is None:
            idx = index[key] = {}
            for e in store.entities(label=label):
                for n in {e.name, *e.aliases}:
                    idx.setdefault(norm(n), []).append(e)
        hits = idx.get(norm(name), [])
        if len(hits) == 1:
            return hits[0]
        return orig_find(store, name, label=label)  # ambiguity, fuzzy: the original rules

    saved = []
    for modname in _MODULES:
        try:
            mod = importlib.import_module(modname)
        except ImportError:
            continue
        for attr, new in (("GraphView", cached_view), ("find_entity", fast_find)):
            if hasattr(mod, attr):
                saved.append((mod, attr, getattr(mod, attr)))
                setattr(mod, attr, new)
    try:
        yield
    finally:
        for mod, attr, old in saved:
            setattr(mod, attr, old)
