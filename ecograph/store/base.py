"""The old home of the merge rules, kept for `ingest/resolve.py` (which imports
`fuller_name` from here). New code imports `store.merge` (merge rules), `store.protocol`
(`GraphStore`, `LocalReads`) or `store.exchange` (the exchange dict, networkx)."""
from .merge import Attributes, combine, fuller_name

__all__ = ["Attributes", "combine", "fuller_name"]
