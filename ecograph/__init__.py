"""ecograph: documents about an innovation ecosystem → a knowledge graph to query, map and cite.

From a notebook, the same operations as the shell:

    import ecograph
    g = ecograph.open()                 # or ecograph.open("neo4j://localhost:7687")
    g.ingest(["docs/"])
    g.partners("CE3M")
"""
from __future__ import annotations

__version__ = "0.1.0"


def open(url: str | None = None, *, writable: bool = False):  # noqa: A001 - mirrors sqlite3.connect / ecograph.open
    """Open a store by URL (a folder, or neo4j://…) and return the query API over it."""
    from .api import open as _open
    return _open(url, writable=writable)
