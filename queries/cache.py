"""What the queries keep per store between calls, in one place: the name index
(`lookup.name_index`) and the whole-graph view (`view.full_view`), each tagged with the
store state it was built from (`store.read_version()`) by its owner, which decides
whether it is still good.

Weakly keyed: a cache must not keep its store alive. A store that cannot be weakly
referenced is simply never cached."""
from __future__ import annotations

import weakref
from typing import Any

from ecograph.store.protocol import QueryableStore

# store -> {slot: value}; slots: "names" (lookup), "full" (view)
_PER_STORE: "weakref.WeakKeyDictionary[Any, dict[str, Any]]" = weakref.WeakKeyDictionary()


def get(store: QueryableStore, slot: str) -> Any:
    """What was kept for `store` under `slot`, or None."""
    try:
        return _PER_STORE.get(store, {}).get(slot)
    except TypeError:  # not weakly referenceable
        return None


def put(store: QueryableStore, slot: str, value: Any) -> None:
    try:
        _PER_STORE.setdefault(store, {})[slot] = value
    except TypeError:
        pass
