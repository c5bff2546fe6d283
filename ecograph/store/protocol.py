"""The store protocols: what every store answers (`GraphStore`) and the reads that let the
questions about a few entities skip building the whole graph (`LocalReads`).

Both stores implement both; `queries/` is typed against them. The rules for combining a
document with what is stored are in `store.merge`; the exchange dict and the networkx
graph a store hands out are shaped in `store.exchange`.
"""
from __future__ import annotations

from typing import Any, Iterable, Protocol, Sequence, runtime_checkable

import networkx as nx

from ..model import Document, Entity, Extraction, Relation


@runtime_checkable
class GraphStore(Protocol):
    url: str

    def documents(self) -> list[Document]: ...
    def get_document(self, doc_id: str) -> Document | None: ...
    def document_by_source(self, source: str) -> Document | None: ...

    def add(self, extraction: Extraction) -> None:
        """Store one document's contribution atomically, replacing any earlier
        document with the same source or id."""

    def flush(self) -> None:
        """Make everything added so far durable (a no-op where `add` commits)."""

    def forget(self, doc_id: str) -> bool:
        """Remove a document's mentions, evidence and the entity attributes only it gave;
        drop what nothing supports any more."""

    def entity(self, entity_id: str) -> Entity | None: ...
    def entities(self, *, label: str | None = None) -> list[Entity]: ...
    def relations(self, *, type: str | None = None, source: str | None = None,
                  target: str | None = None) -> list[Relation]: ...

    def to_networkx(self) -> nx.MultiDiGraph: ...
    def export(self) -> dict: ...
    def saved_state(self) -> dict:
        """`export()` plus the per-document records (`PROVENANCE`): `load` of it changes nothing."""

    def load(self, data: dict) -> None:
        """Replace the whole content with an exchange-format dict (with a `PROVENANCE`
        section, its per-document records too)."""

    def clear(self) -> None: ...
    def close(self) -> None: ...


@runtime_checkable
class LocalReads(Protocol):
    """Reads that let questions about a few entities skip building the whole graph.
    Both stores have them. `resolve_names`, `named_neighbourhood` and `shortest_path_nodes`
    may answer None, meaning "cannot decide here": the queries then take the portable
    path (the embedded store always says None; Neo4j answers in the database, see
    `store.neo4j.reads`)."""

    def read_version(self) -> Any:
        """A value that changes whenever the content changes (None: unknown, do not cache)."""

    def neighbourhood(self, ids: Iterable[str], *, depth: int, types: Iterable[str],
                      context: Iterable[str] = (), evidence: bool = True) -> nx.MultiDiGraph:
        """Entities within `depth` hops of `ids` over `types`, shaped like `to_networkx()`."""

    def adjacent(self, ids: Iterable[str], types: Iterable[str], *,
                 among: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
        """(source, target, type) of the relations of `types` touching `ids`: one step."""

    def entity_names(self) -> list[tuple[str, str, str, list[str]]]:
        """(id, label, name, aliases) of every entity: what name lookup indexes."""

    def resolve_names(self, names: Sequence[str], *, label: str | None = None) -> list[str] | None:
        """The id each name designates, or None when the store cannot decide (ask `queries.lookup`)."""

    def named_neighbourhood(self, names: Sequence[str], *, label: str | None, depth: int,
                            types: Iterable[str], context: Iterable[str] = (),
                            evidence: bool = True) -> tuple[nx.MultiDiGraph, list[str]] | None:
        """`neighbourhood` of the entities `names` designate and their ids, or None (see `resolve_names`)."""

    def shortest_path_nodes(self, a: str, b: str, types: Iterable[str], *,
                            cap: int = 1000) -> set[str] | None:
        """Every node on a shortest a-b path over `types`, or None when the store cannot say."""


@runtime_checkable
class QueryableStore(GraphStore, LocalReads, Protocol):
    """What `queries/` reads: a `GraphStore` with the `LocalReads` (both stores are one)."""
