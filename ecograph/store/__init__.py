"""Stores chosen by URL: a path for the embedded store, `neo4j://` / `bolt://` for Neo4j."""
from __future__ import annotations

from ..config import NEO4J_SCHEMES, check_store_url, default_store_url, redact
from .base import GraphStore
from .embedded import EmbeddedStore

__all__ = ["GraphStore", "EmbeddedStore", "open_store"]


def open_store(url: str | None = None, *, writable: bool = False) -> GraphStore:
    url = check_store_url(url or default_store_url())
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in NEO4J_SCHEMES:
        from .neo4j import Neo4jStore
        return Neo4jStore(url)
    if scheme in ("", "file"):
        return EmbeddedStore(url.split("://", 1)[-1], writable=writable)
    from ..errors import StoreError
    raise StoreError(f"unknown store URL scheme {scheme!r} in {redact(url)!r}",
                     hint="use a folder path for the embedded store or neo4j://host:port")
