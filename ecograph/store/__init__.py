"""Stores chosen by URL: a path for the embedded store, `neo4j://` / `bolt://` for Neo4j."""
from __future__ import annotations

from ..config import NEO4J_SCHEMES, check_store_url, default_store_url, redact
from ..errors import StoreError
from .embedded import EmbeddedStore
from .protocol import GraphStore, LocalReads

__all__ = ["GraphStore", "LocalReads", "EmbeddedStore", "open_store"]


def open_store(url: str | None = None, *, writable: bool = False) -> GraphStore:
    url = check_store_url(url or default_store_url())
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in NEO4J_SCHEMES:
        # loaded only when asked for: the driver costs every embedded-store command its start-up
        from .neo4j import Neo4jStore
        return Neo4jStore(url)
    if scheme in ("", "file"):
        return EmbeddedStore(url.split("://", 1)[-1], writable=writable)
    raise StoreError(f"unknown store URL scheme {scheme!r} in {redact(url)!r}",
                     hint="use a folder path for the embedded store or neo4j://host:port")
