"""The store's content in the shapes it hands out: the exchange dict (SCHEMA.md, `export`),
with the per-document records beside it (`saved_state`, `PROVENANCE`), read back by
`stored_state`; and the networkx graph researchers analyse (`build_networkx`).
The checks on an exchange file before a load are in `ecograph.exchange`."""
from __future__ import annotations

from typing import Any, Iterable

import networkx as nx

from ..errors import StoreError
from ..model import RELATION_ORDER, Document, Entity, Relation
from .merge import Attributes, combine, fold


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
