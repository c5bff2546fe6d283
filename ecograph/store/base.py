"""The `GraphStore` protocol and the merge rules every store applies.

A store holds documents, entities and relations. Every entity mention and every
piece of evidence belongs to one document, so a document can be replaced or
forgotten and the graph keeps exactly what the other documents still support.
The rules for combining a new document with what is stored live here, once;
each store calls them, so the embedded store and Neo4j give the same answers.
"""
from __future__ import annotations

from typing import Iterable, Protocol, runtime_checkable

import networkx as nx

from ..model import Document, Entity, Evidence, Extraction, Relation


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
        """Remove a document's mentions and evidence; drop what nothing supports any more."""

    def entity(self, entity_id: str) -> Entity | None: ...
    def entities(self, *, label: str | None = None) -> list[Entity]: ...
    def relations(self, *, type: str | None = None, source: str | None = None,
                  target: str | None = None) -> list[Relation]: ...

    def to_networkx(self) -> nx.MultiDiGraph: ...
    def export(self) -> dict: ...
    def load(self, data: dict) -> None:
        """Replace the whole content with an exchange-format dict."""

    def clear(self) -> None: ...
    def close(self) -> None: ...


# --- merge rules -------------------------------------------------------------

def merge_entity(old: Entity | None, new: Entity) -> Entity:
    """Combine a stored entity with a new document's view of it.

    The first name stays canonical (ids must not drift); aliases accumulate;
    a specific kind beats `other`/None; known attributes are kept."""
    if old is None:
        return Entity(id=new.id, label=new.label, name=new.name, kind=new.kind,
                      aliases=sorted(set(new.aliases) - {new.name}), country=new.country,
                      founded=new.founded, mentions=dict(new.mentions))
    aliases = set(old.aliases) | set(new.aliases)
    if new.name != old.name:
        aliases.add(new.name)
    aliases.discard(old.name)
    kind = old.kind if old.kind not in (None, "other") else (new.kind or old.kind)
    mentions = dict(old.mentions)
    mentions.update(new.mentions)
    return Entity(id=old.id, label=old.label, name=old.name, kind=kind, aliases=sorted(aliases),
                  country=old.country if old.country is not None else new.country,
                  founded=old.founded if old.founded is not None else new.founded,
                  mentions=mentions)


def merge_relation(old: Relation | None, new: Relation) -> Relation:
    """Union of evidence, one record per (document, span, method)."""
    seen: dict[tuple, Evidence] = {}
    for e in (old.evidence if old else []) + new.evidence:
        seen.setdefault(e.key(), e)
    ev = sorted(seen.values(), key=lambda e: (e.document, e.start, e.end, e.method))
    return Relation(type=new.type, source=new.source, target=new.target, evidence=ev)


def without_document(entity: Entity, doc_id: str) -> Entity:
    m = {k: v for k, v in entity.mentions.items() if k != doc_id}
    return Entity(id=entity.id, label=entity.label, name=entity.name, kind=entity.kind,
                  aliases=list(entity.aliases), country=entity.country, founded=entity.founded,
                  mentions=m)


def relation_without_document(rel: Relation, doc_id: str) -> Relation:
    return Relation(type=rel.type, source=rel.source, target=rel.target,
                    evidence=[e for e in rel.evidence if e.document != doc_id])


def exchange(documents: Iterable[Document], entities: Iterable[Entity],
             relations: Iterable[Relation]) -> dict:
    """The SCHEMA exchange dict, in a stable order so exports can be diffed."""
    return {
        "schema_version": 1,
        "entities": [e.to_dict() for e in sorted(entities, key=lambda e: e.id)],
        "relations": [r.to_dict() for r in sorted(relations, key=lambda r: r.key)],
        "documents": [d.to_dict() for d in sorted(documents, key=lambda d: d.id)],
    }


def parse_exchange(data: dict) -> tuple[list[Document], list[Entity], list[Relation]]:
    from ..errors import StoreError
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise StoreError("not an ecograph exchange file (schema_version 1 expected)")
    try:
        docs = [Document.from_dict(d) for d in data.get("documents", [])]
        ents = [Entity.from_dict(e) for e in data.get("entities", [])]
        rels = [Relation.from_dict(r) for r in data.get("relations", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"malformed exchange data: {exc!r}") from exc
    return docs, ents, rels


def build_networkx(entities: Iterable[Entity], relations: Iterable[Relation],
                   documents: Iterable[Document] = ()) -> nx.MultiDiGraph:
    """The graph researchers analyse: entity nodes, one edge per relation (key = type).

    Documents are not nodes (they would connect everything); they sit in
    `G.graph["documents"]`. PARTNERS_WITH is stored once, source < target."""
    G = nx.MultiDiGraph()
    G.graph["documents"] = {d.id: d.to_dict() for d in documents}
    for e in entities:
        G.add_node(e.id, label=e.label, name=e.name, kind=e.kind, aliases=list(e.aliases),
                   country=e.country, founded=e.founded, mentions=dict(e.mentions))
    for r in relations:
        G.add_edge(r.source, r.target, key=r.type, type=r.type,
                   evidence=[ev.to_dict() for ev in r.evidence], confidence=r.confidence)
    return G
