"""Records <-> model: what the Neo4j store's write path sends as parameters, and what
its reads give back, as `Document`s, `Entity`s and `Relation`s (or plain Python for a
researcher's query). No Cypher (that is in `cypher.py`) and no I/O. Where each field lives in the graph:

* entity node: the merged view `id, name, kind, aliases, country, founded`, and
  `base_name, base_aliases, base_kind, base_country, base_founded` only for an entity
  with an unattributed description (the "" record of `store.merge`);
* `(entity)-[:MENTIONED_IN {count, name, aliases, kind, country, founded}]->(:Document)`:
  the mention count and what that document says about the entity (its record);
* `(:Document {seq})`: the document's place in the fold order.

A graph written by a version that kept no records is given them before the first
write (`cypher.MIGRATE_OLDER_DOCUMENTS`): each mention stands for the entity's whole
view, which is what that version assumed.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from neo4j.graph import Node, Path, Relationship

from ...errors import StoreError
from ...ids import norm
from ...model import Document, Entity, Evidence, Extraction, Relation
from ..merge import (Attributes, fold, merge_entity, merge_relation, refold, relation_without_document,
                     with_attributes)
from .cypher import ENTITY_LABELS, REL_PROPS

BATCH = 1000
#: rows per statement in `load` (one transaction, a fresh graph: bigger batches, fewer round trips)
LOAD_BATCH = 10_000


def batches(rows: list, size: int = BATCH) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def entity_row(e: Entity) -> dict:
    return {"id": e.id, "name": e.name, "kind": e.kind, "aliases": list(e.aliases),
            "country": e.country, "founded": e.founded, **name_keys(e)}


def name_keys(e: Entity) -> dict:
    """The indexed keys names are resolved by in the database (`cypher.NAMED`; queries
    side): `name_key` the normalised name, `alias_keys` "|alias|alias|" normalised (None
    removes it). Every write of an entity's properties goes through `entity_row`."""
    return {"name_key": norm(e.name),
            "alias_keys": "|" + "|".join(norm(a) for a in e.aliases) + "|" if e.aliases else None}


def base_props(a: Attributes | None) -> dict:
    """Node properties of the "" record, if there is one (no forget removes it)."""
    if a is None:
        return {}
    return {"base_name": a.name, "base_aliases": list(a.aliases), "base_kind": a.kind,
            "base_country": a.country, "base_founded": a.founded}


def mention_props(count: int, a: Attributes | None) -> dict:
    """MENTIONED_IN properties: the count, and the document's record if it gives one."""
    out = {"count": int(count)}
    if a is not None:
        out.update(name=a.name, aliases=list(a.aliases), kind=a.kind, country=a.country, founded=a.founded)
    return out


def relation_props(r: Relation) -> dict:
    ev = r.evidence
    return {"ev_document": [e.document for e in ev], "ev_sentence": [e.sentence for e in ev],
            "ev_start": [int(e.start) for e in ev], "ev_end": [int(e.end) for e in ev],
            "ev_method": [e.method for e in ev],
            "ev_confidence": [float(e.confidence) for e in ev],
            "evidence_count": len(ev), "confidence": float(r.confidence)}


def relation_values(r: Relation) -> list:
    """`relation_props` as a list in `cypher.REL_PROPS` order (the `p` of a relation row)."""
    p = relation_props(r)
    return [p[k] for k in REL_PROPS]


def _attributes(p: dict, prefix: str = "") -> Attributes:
    return Attributes(p[prefix + "name"], tuple(sorted(set(p.get(prefix + "aliases") or ()))),
                      p.get(prefix + "kind"), p.get(prefix + "country"), p.get(prefix + "founded"))


def records(row: dict) -> tuple[dict[str, Attributes], dict[str, tuple]]:
    """(document id -> record, document id -> sort key) from a `cypher.ENTITY_RECORDS` row:
    each distinct record at its first document, which folds the same as all of them."""
    recs: dict[str, Attributes] = {}
    keys: dict[str, tuple] = {"": (-1, "")}
    if row["n"].get("base_name") is not None:
        recs[""] = _attributes(row["n"], "base_")
    for seq, doc, name, aliases, kind, country, founded in row["records"]:
        recs[doc] = Attributes(name, tuple(sorted(set(aliases))), kind, country, founded)
        keys[doc] = (seq, doc)
    return recs, keys


# --- records <-> model ------------------------------------------------------------------

def document(p: dict) -> Document:
    return Document.from_dict({"source": "", **p})


def entity_label(labels: list[str]) -> str:
    return next(x for x in ENTITY_LABELS if x in labels)


def plain(v: Any) -> Any:
    """Driver values -> JSON-friendly Python (nodes and relationships become dicts)."""
    if isinstance(v, Node):
        return {"_labels": sorted(v.labels), **{k: plain(x) for k, x in v.items()}}
    if isinstance(v, Relationship):
        return {"_type": v.type,
                "_source": v.start_node.get("id") if v.start_node is not None else None,
                "_target": v.end_node.get("id") if v.end_node is not None else None,
                **{k: plain(x) for k, x in v.items()}}
    if isinstance(v, Path):
        return {"nodes": [plain(n) for n in v.nodes],
                "relationships": [plain(r) for r in v.relationships]}
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if hasattr(v, "iso_format"):
        return v.iso_format()
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def entity(label: str, p: dict, mentions: list) -> Entity:
    return Entity(id=p["id"], label=label, name=p.get("name", ""), kind=p.get("kind"),
                  aliases=list(p.get("aliases") or []), country=p.get("country"),
                  founded=p.get("founded"),
                  mentions={d: int(c) for d, c in mentions if d is not None})


def relation(row: dict) -> Relation:
    p = row["r"]
    cols = [p.get(k) or [] for k in ("ev_document", "ev_sentence", "ev_start", "ev_end",
                                     "ev_method", "ev_confidence")]
    ev = [Evidence(document=d, sentence=s, start=int(a), end=int(b), method=m, confidence=float(c))
          for d, s, a, b, m, c in zip(*cols)]
    return Relation(type=row["type"], source=row["source"], target=row["target"], evidence=ev)


# --- add: what one document writes ----------------------------------------------------

@dataclass
class AddPlan:
    """The parameters of `cypher.ADD_ENTITIES` and what `relation_writes` needs after it."""
    doc: dict
    entities: dict[str, list[dict]]           # label -> rows {id, props, mention, others}
    keys: dict[str, list[dict]]               # type -> {s, t} elementIds of stored relations to read
    relations: dict[tuple, Relation]          # key -> the document's relations, merged
    eids: dict[str, str] = field(default_factory=dict)  # id -> elementId of stored entities


def add_plan(ex: Extraction, seq: int, contributed: list[Entity], views: dict[str, dict],
             folded: dict[str, dict]) -> AddPlan:
    """Merge a document's entities into the stored `views` (rows of `cypher.ADD_PREPARE`);
    `folded` (elementId -> `cypher.ENTITY_RECORDS` row) for entities whose records must be
    folded again because the document took an earlier place."""
    doc = ex.document
    rows: dict[str, list[dict]] = defaultdict(list)
    labels = {i: v["label"] for i, v in views.items()}
    for e in contributed:
        v = views.get(e.id)
        old = entity(v["label"], v["n"], []) if v else None
        merged = merge_entity(old, e)
        if v is not None and v["eid"] in folded:
            recs, order = records(folded[v["eid"]])
            recs[doc.id], order[doc.id] = Attributes.of(e), (seq, doc.id)
            merged = with_attributes(merged, fold((order[d], a) for d, a in recs.items()))
        labels[e.id] = merged.label
        rows[merged.label].append({
            "id": e.id, "props": entity_row(merged),
            "mention": mention_props(e.mentions[doc.id], Attributes.of(e)),
            "others": [{"document": d, "count": int(c)} for d, c in sorted(e.mentions.items()) if d != doc.id]})
    rels: dict[tuple, Relation] = {}
    for r in ex.relations:
        for end in (r.source, r.target):
            if end not in labels:
                raise StoreError(f"relation {r.type} {r.source} -> {r.target} names an unknown entity {end!r}")
        rels[r.key] = merge_relation(rels.get(r.key), r)
    mine = {e.id for e in contributed}
    # a relation naming none of the document's own entities: forgetting it must scan (cypher.REMOVE_READ)
    loose = any(r.source not in mine and r.target not in mine for r in rels.values())
    keys: dict[str, list[dict]] = defaultdict(list)
    for t, s, o in rels:
        if s in views and o in views:
            keys[t].append({"s": views[s]["eid"], "t": views[o]["eid"]})
    return AddPlan(doc={**doc.to_dict(), "seq": seq, "loose": loose or None}, entities=dict(rows),
                   keys=dict(keys), relations=rels, eids={i: v["eid"] for i, v in views.items()})


def relation_writes(plan: AddPlan, eids: list, stored: list[dict]) -> tuple[dict, dict]:
    """(updates, created) for `cypher.ADD_RELATIONS`: evidence merged into the stored
    relations (`stored`: the `rels` of `cypher.ADD_ENTITIES`), the others new."""
    ids = {**plan.eids, **dict(eids)}
    old = {(r["type"], r["source"], r["target"]): r for r in stored}
    updates: dict[str, list[dict]] = defaultdict(list)
    created: dict[str, list[dict]] = defaultdict(list)
    for k, r in plan.relations.items():
        if k in old:
            merged = merge_relation(relation(old[k]), r)
            updates[r.type].append({"s": old[k]["s"], "t": old[k]["t"], "p": relation_values(merged)})
        else:
            created[r.type].append({"s": ids[r.source], "t": ids[r.target], "p": relation_values(r)})
    return dict(updates), dict(created)


# --- forget / load ------------------------------------------------------------------------

def without_document(rels: Iterable[dict], doc_id: str) -> tuple[dict, dict]:
    """(updates, deletes) for `cypher.REMOVE_WRITE` from `cypher.REMOVE_READ` relation rows."""
    updates: dict[str, list[dict]] = defaultdict(list)
    deletes: dict[str, list[dict]] = defaultdict(list)
    for row in rels:
        rel = relation_without_document(relation(row), doc_id)
        if rel.evidence:
            updates[row["type"]].append({"s": row["s"], "t": row["t"], "p": relation_values(rel)})
        else:
            deletes[row["type"]].append({"s": row["s"], "t": row["t"]})
    return dict(updates), dict(deletes)


def refolded(row: dict, label: str) -> dict | None:
    """`cypher.UPDATE_ENTITIES_BY_EID` row for an entity that stays after a forget, folded
    again from its remaining records; None if that changes nothing."""
    view = entity(label, row["n"], [])
    recs, order = records(row)
    had_base = "" in recs
    ent, recs = refold(view, recs, order.__getitem__)
    if Attributes.of(ent) == Attributes.of(view) and ("" in recs) == had_base:
        return None
    return {"eid": row["eid"], "props": {**entity_row(ent), **base_props(recs.get(""))}}


def loose_documents(entities: Iterable[Entity], relations: Iterable[Relation]) -> set[str]:
    """Documents citing a relation between two entities they do not mention (see `add_plan`)."""
    mentioned = {e.id: e.mentions for e in entities}
    return {ev.document for r in relations for ev in r.evidence
            if ev.document not in mentioned.get(r.source, ()) and ev.document not in mentioned.get(r.target, ())}


def load_rows(docs: list, ents: list[Entity], rels: list[Relation],
              records: dict[str, dict[str, Attributes]]) -> tuple[list, dict, dict]:
    """(document rows, label -> entity rows, (type, source label, target label) -> relation
    rows) for `load`: `cypher.CREATE_DOCUMENTS`, `load_entities`, `load_relations`."""
    loose = loose_documents(ents, rels)
    doc_rows = [{**d.to_dict(), "seq": i, "loose": d.id in loose or None} for i, d in enumerate(docs)]
    nodes: dict[str, list[dict]] = defaultdict(list)
    for e in ents:
        recs = records[e.id]
        nodes[e.label].append({"props": {**entity_row(e), **base_props(recs.get(""))},
                               "mentions": [{"document": d, "props": mention_props(c, recs.get(d))}
                                            for d, c in sorted(e.mentions.items())]})
    labels = {e.id: e.label for e in ents}
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in rels:
        groups[(r.type, labels[r.source], labels[r.target])].append(
            {"s": r.source, "t": r.target, "p": relation_values(r)})
    return doc_rows, dict(nodes), dict(groups)
