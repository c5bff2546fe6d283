"""The `GraphStore` protocol and the merge rules every store applies.

A store holds documents, entities and relations. Every entity mention and every
piece of evidence belongs to one document, so a document can be replaced or
forgotten and the graph keeps exactly what the other documents still support.
The rules for combining a new document with what is stored live here, once;
each store calls them, so the embedded store and Neo4j give the same answers.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, NamedTuple, Protocol, runtime_checkable

import networkx as nx

from ..errors import StoreError
from ..ids import norm
from ..model import RELATION_ORDER, Document, kind_rank, Entity, Evidence, Extraction, Relation


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
    """Reads a store may add so that questions about a few entities need not build the
    whole graph (`queries/` checks for each method and falls back to `to_networkx()`).
    Both stores have them; Neo4j also answers `resolve_names`, `named_neighbourhood` and
    `shortest_path_nodes` in the database (see `neo4j_read`), each returning None when it
    cannot decide so the queries use the portable path."""

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


# --- merge rules -------------------------------------------------------------
#
# An entity's merged attributes (name, aliases, kind, country, founded) are a fold of
# what each document says about it, oldest document first. Stores keep each document's
# `Attributes` (its "record") beside the merged view, so that when a document is
# forgotten or replaced the view is folded again from the documents that remain: an
# alias or a country only that document gave goes with it.
#
# Order: every document has a place (`seq`) in the order documents were added; a
# document that replaces another (same source, or the same id again) takes the place of
# the one it replaces, so re-ingesting a corpus, with or without --force, in any order,
# folds in the same order and gives the same graph. A record under the key "" is the
# "unattributed" description (data loaded without provenance, or an entity still linked
# after its last document went): it folds first and is never removed by a forget.

class Attributes(NamedTuple):
    """What one document says about an entity: the merged part of an `Entity`."""
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None
    founded: int | None = None

    @classmethod
    def of(cls, e: Entity) -> "Attributes":
        return cls(e.name, tuple(sorted(set(e.aliases))), e.kind, e.country, e.founded)


def combine(old: Attributes | None, new: Attributes) -> Attributes:
    """THE merge rule, for stored-with-new and for folding documents in order.

    The first name stays canonical (ids never change), unless a later one is its fuller form
    (`fuller_name`: "Atlas" → "Atlas Cluster"); other names and aliases accumulate; the kind of stronger evidence wins (`model.KIND_PRECEDENCE`; on a tie the
    older), so one document calling a cluster "X Morocco" cannot make it a company; the
    first known country and founding year are kept. Associative, so folding a document's records one at a time or all at
    once gives the same result."""
    if old is None:
        return Attributes(new.name, tuple(sorted(set(new.aliases) - {new.name})), new.kind,
                          new.country, new.founded)
    name = new.name if fuller_name(old.name, new.name) else old.name
    aliases = set(old.aliases) | set(new.aliases) | {old.name, new.name}
    aliases.discard(name)
    kind = new.kind if kind_rank(new.kind) < kind_rank(old.kind) else old.kind
    return Attributes(name, tuple(sorted(aliases)), kind,
                      old.country if old.country is not None else new.country,
                      old.founded if old.founded is not None else new.founded)


# Words that complete a bare name into the one people use: "Atlas" is "Atlas Cluster".
_NAME_HEADS = frozenset({"cluster", "pole", "technopole"})


def fuller_name(old: str, new: str) -> bool:
    """Whether `new` is `old` with its kind word added ("Atlas" → "Atlas Cluster" / "Cluster
    Atlas"; not after an acronym): a strict order (more words), so folding a record again never
    changes the name."""
    if old.isupper() and " " not in old.strip():
        return False  # an acronym ("CE3M") is the name people use, with or without "Cluster"
    a, b = norm(old).split(), norm(new).split()
    extra = set(b) - set(a)
    return bool(a) and set(a) <= set(b) and len(b) > len(a) and bool(extra) and extra <= _NAME_HEADS


def fold(records: Iterable[tuple[Any, Attributes]]) -> Attributes | None:
    """Fold (sort key, record) pairs in key order; None when there is none.

    Keys are (seq, document id): `seq` is the document's place, -1 for the "" record."""
    out = None
    for _, a in sorted(records, key=lambda kv: kv[0]):
        out = combine(out, a)
    return out


def with_attributes(e: Entity, a: Attributes) -> Entity:
    return Entity(id=e.id, label=e.label, name=a.name, kind=a.kind, aliases=list(a.aliases),
                  country=a.country, founded=a.founded, mentions=dict(e.mentions))


def merge_entity(old: Entity | None, new: Entity) -> Entity:
    """Combine a stored entity with a new document's view of it (`combine`), mentions united."""
    first = old if old is not None else new
    a = combine(Attributes.of(old) if old is not None else None, Attributes.of(new))
    mentions = dict(old.mentions) if old is not None else {}
    mentions.update(new.mentions)
    return Entity(id=first.id, label=first.label, name=a.name, kind=a.kind, aliases=list(a.aliases),
                  country=a.country, founded=a.founded, mentions=mentions)


def contributions(extraction: Extraction) -> list[Entity]:
    """Each entity one document contributes, once per id (repeats folded in order, as
    `merge_entity` folds them), and mentioned in that document at least once: its record
    is kept with that mention (in Neo4j on the MENTIONED_IN relationship)."""
    out: dict[str, Entity] = {}
    for e in extraction.entities:
        out[e.id] = merge_entity(out.get(e.id), e)
    for e in out.values():
        e.mentions.setdefault(extraction.document.id, 1)
    return list(out.values())


def refold(entity: Entity, records: dict[str, Attributes],
           key: Callable[[str], tuple]) -> tuple[Entity, dict[str, Attributes]]:
    """An entity after some of its records went, folded again from the rest (`key`: a
    document id -> its sort key). One that no document describes any more but a relation
    still names keeps its last description, unattributed (the "" record)."""
    if not records:
        records = {"": Attributes.of(entity)}
    return with_attributes(entity, fold((key(d), a) for d, a in records.items())), records


def merge_relation(old: Relation | None, new: Relation) -> Relation:
    """Union of evidence, one record per (document, span, method)."""
    seen: dict[tuple, Evidence] = {}
    for e in (old.evidence if old else []) + new.evidence:
        seen.setdefault(e.key(), e)
    ev = sorted(seen.values(), key=lambda e: (e.document, e.start, e.end, e.method))
    return Relation(type=new.type, source=new.source, target=new.target, evidence=ev)


def relation_without_document(rel: Relation, doc_id: str) -> Relation:
    return Relation(type=rel.type, source=rel.source, target=rel.target,
                    evidence=[e for e in rel.evidence if e.document != doc_id])


def exchange(documents: Iterable[Document], entities: Iterable[Entity],
             relations: Iterable[Relation]) -> dict:
    """The SCHEMA exchange dict, in a stable order so exports can be diffed."""
    return {
        "schema_version": 1,
        "entities": [e.to_dict() for e in sorted(entities, key=lambda e: e.id)],
        "relations": [r.to_dict() for r in sorted(relations, key=RELATION_ORDER)],
        "documents": [d.to_dict() for d in sorted(documents, key=lambda d: d.id)],
    }


def parse_exchange(data: dict) -> tuple[list[Document], list[Entity], list[Relation]]:
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise StoreError("not an ecograph exchange file (schema_version 1 expected)")
    try:
        docs = [Document.from_dict(d) for d in data.get("documents", [])]
        ents = [Entity.from_dict(e) for e in data.get("entities", [])]
        rels = [Relation.from_dict(r) for r in data.get("relations", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"malformed exchange data: {exc!r}") from exc
    return docs, ents, rels


# --- per-document records across files and loads ------------------------------

#: Top-level key of the records section: the embedded store writes it into its file, `load`
#: accepts it; `export()` leaves it out (the exchange format is SCHEMA.md's, and a
#: researcher's export has no use for it).
PROVENANCE = "provenance"


def stored_state(data: dict) -> tuple[list[Document], list[Entity], list[Relation],
                                      dict[str, dict[str, Attributes]]]:
    """`parse_exchange` plus each entity's records, for `load` and for opening a store file.

    Documents come back once per id, in the order they were added (a document's `seq` is
    its index). The optional section is `{"order": [document ids, oldest first],
    "records": {entity id: [record, ...]}}`, a record being `{"document": id or null,
    "name", "aliases", "kind", "country", "founded"}` with empty fields and a name equal
    to the entity's left out. An entity it does not list, or lists at odds with the
    entity's own attributes (an export, a file from an older version, a hand edit), is
    taken as described wholly by every document that mentions it: forgetting one of them
    then keeps its attributes while another remains, as older versions did."""
    docs, ents, rels = parse_exchange(data)
    try:
        prov = data.get(PROVENANCE) or {}
        order = [d for d in prov.get("order") or [] if isinstance(d, str)]
        given = prov.get("records") or {}
        # a name left out is the entity's: None until the entity is known
        parsed = {eid: [(r.get("document") or "", Attributes(
                    r.get("name"), tuple(sorted(set(r.get("aliases") or ()))),
                    r.get("kind"), r.get("country"), r.get("founded"))) for r in recs]
                  for eid, recs in given.items()}
    except (AttributeError, TypeError) as exc:
        raise StoreError(f"malformed {PROVENANCE!r} section: {exc!r}",
                         hint=f"delete the {PROVENANCE!r} key from the file: the graph loads without it") from exc
    by_id = {d.id: d for d in docs}
    rank: dict[str, int] = {}
    for d in [*order, *by_id]:
        if d in by_id:
            rank.setdefault(d, len(rank))
    key = lambda d: (rank.get(d, -1), d)  # noqa: E731 ("" folds first)
    records: dict[str, dict[str, Attributes]] = {}
    for e in ents:
        view = combine(None, Attributes.of(e))
        recs = None
        if e.id in parsed:
            recs = {doc: a._replace(name=e.name) if a.name is None else a
                    for doc, a in parsed[e.id] if doc == "" or (doc in rank and doc in e.mentions)}
            if not recs or fold((key(d), a) for d, a in recs.items()) != view:
                recs = None
        if recs is None:
            recs = {d: view for d in e.mentions if d in rank} or {"": view}
        if len(recs) > 1:
            recs = dict(sorted(recs.items(), key=lambda kv: key(kv[0])))
        records[e.id] = recs
    return sorted(by_id.values(), key=lambda d: rank[d.id]), ents, rels, records


def provenance(order: list[str], entities: Iterable[tuple[Entity, dict[str, Attributes]]]) -> dict:
    """The section `stored_state` reads, listing only the entities it could not assume."""
    known = set(order)
    rank = {d: i for i, d in enumerate(order)}
    out: dict[str, list[dict]] = {}
    for e, recs in sorted(entities, key=lambda x: x[0].id):
        view = combine(None, Attributes.of(e))
        if set(recs) == ({d for d in e.mentions if d in known} or {""}) and all(a == view for a in recs.values()):
            continue
        out[e.id] = [_record_dict(d, a, e.name) for d, a in sorted(recs.items(), key=lambda kv: (rank.get(kv[0], -1), kv[0]))]
    return {"order": list(order), "records": out}


def _record_dict(doc: str, a: Attributes, name: str) -> dict:
    d: dict[str, Any] = {"document": doc or None}
    if a.name != name:
        d["name"] = a.name
    if a.aliases:
        d["aliases"] = list(a.aliases)
    for k in ("kind", "country", "founded"):
        if getattr(a, k) is not None:
            d[k] = getattr(a, k)
    return d


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
