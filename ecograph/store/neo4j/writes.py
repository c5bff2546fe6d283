"""The Neo4j store's writes: one managed transaction per change (`Connection.write` runs
the `*_tx` functions here), the merging done in Python (`records`, after `store.merge`).

`add_tx` sends three statements for a document: read what it touches (ADD_PREPARE), write
its entities (ADD_ENTITIES, reading back the relations it adds evidence to), write its
relations (ADD_RELATIONS); replacing or forgetting a document is the same
read-merge-write, inside the same transaction. Round trips, not rows, were the cost: one
statement per label and relation type made ~20 per document.
"""
from __future__ import annotations

from ...errors import StoreError
from ...model import Document, Entity, Extraction, Relation
from ..exchange import stored_state
from ..merge import Attributes, contributions
from . import cypher as Q
from . import records as R
from .connection import Connection


def check_label(label: str) -> None:
    if label not in Q.ENTITY_LABELS:
        raise StoreError(f"unknown entity label {label!r}", hint="labels: " + ", ".join(Q.ENTITY_LABELS))


def check_type(rtype: str) -> None:
    if rtype not in Q.EDGE_TYPES:
        raise StoreError(f"unknown relation type {rtype!r}", hint="types: " + ", ".join(Q.EDGE_TYPES))


def check_extraction(ex: Extraction) -> None:
    for e in ex.entities:
        check_label(e.label)
    for r in ex.relations:
        check_type(r.type)


def convert_older_documents(tx, converted: bool) -> None:
    """Give what an older version wrote the records it lacks (cypher.MIGRATE_OLDER_DOCUMENTS),
    in the first write transaction of a store object (`converted` False): readers never write."""
    if not converted:
        tx.run(Q.MIGRATE_OLDER_DOCUMENTS).consume()


def forget_tx(tx, doc_id: str, converted: bool) -> bool:
    convert_older_documents(tx, converted)
    return remove_tx(tx, doc_id)


def add_tx(tx, ex: Extraction, converted: bool) -> None:
    """ADD_PREPARE, ADD_ENTITIES, ADD_RELATIONS (see `cypher`), after the removal of the
    documents it replaces; the merging happens in Python (`records`)."""
    convert_older_documents(tx, converted)
    doc = ex.document
    contributed = contributions(ex)
    ids = sorted({e.id for e in contributed} | {x for r in ex.relations for x in (r.source, r.target)})
    prep = tx.run(Q.ADD_PREPARE, source=doc.source, id=doc.id, ids=ids).single()
    replaced = prep["replaced"]
    # a replacement takes the place of what it replaces, so the fold order stays (store.merge)
    seq = min((r["seq"] for r in replaced if r["seq"] is not None), default=None)
    folded: dict[str, dict] = {}
    if replaced:
        for r in replaced:
            remove_tx(tx, r["id"])
        prep = tx.run(Q.ADD_PREPARE, source=doc.source, id=doc.id, ids=ids).single()
        mine = {e.id for e in contributed}
        eids = [v["eid"] for v in prep["views"] if v["n"]["id"] in mine]
        if seq is not None and eids:  # not the newest document: its entities are folded again
            folded = {r["eid"]: r for r in tx.run(Q.ENTITY_RECORDS, eids=eids).data()}
    plan = R.add_plan(ex, prep["next"] if seq is None else seq, contributed,
                      {v["n"]["id"]: v for v in prep["views"]}, folded)
    res = tx.run(Q.ADD_ENTITIES, doc=plan.doc, entities=plan.entities, keys=plan.keys).single()
    updates, created = R.relation_writes(plan, res["eids"], res["rels"])
    if updates or created:
        tx.run(Q.ADD_RELATIONS, updates=updates, created=created).consume()


def remove_tx(tx, doc_id: str) -> bool:
    """A document's mentions and evidence go; what nothing supports any more goes with
    them; the entities that stay are folded again from the documents that remain."""
    types = list(Q.EDGE_TYPES)
    found = tx.run(Q.REMOVE_READ, id=doc_id, types=types).single()
    if found is None:
        return False
    rels = {r["eid"]: r for r in found["rels"]}
    if found["scan"]:
        rels.update((r["rel"]["eid"], r["rel"]) for r in tx.run(Q.REMOVE_SCAN, id=doc_id, types=types))
    updates, deletes = R.without_document(rels.values(), doc_id)
    ends = sorted({row[x] for rows in deletes.values() for row in rows for x in ("s", "t")})
    stay = tx.run(Q.REMOVE_WRITE, id=doc_id, eids=found["mentioned"], ends=ends,
                  updates=updates, deletes=deletes).data()
    rows = [x for x in (R.refolded(r, R.entity_label(r["labels"])) for r in stay) if x is not None]
    for chunk in R.batches(rows):
        tx.run(Q.UPDATE_ENTITIES_BY_EID, rows=chunk).consume()
    return True


def load_state(data: dict) -> tuple[list[Document], list[Entity], list[Relation], dict[str, dict[str, Attributes]]]:
    """What `load_tx` writes from an exchange dict (already validated), checked against the
    whitelists and for relations naming unknown entities, before anything is written."""
    docs, ents, rels, records = stored_state(data)  # docs once each, in the order they were added
    ents_by_id = {e.id: e for e in ents}
    rels_by_key = {r.key: r for r in rels}
    for e in ents_by_id.values():
        check_label(e.label)
    for r in rels_by_key.values():
        check_type(r.type)
        for end in (r.source, r.target):
            if end not in ents_by_id:
                raise StoreError(f"relation {r.key} names an unknown entity {end!r}")
    return docs, list(ents_by_id.values()), list(rels_by_key.values()), records


def load_tx(tx, docs: list[Document], ents: list[Entity], rels: list[Relation],
            records: dict[str, dict[str, Attributes]]) -> None:
    """Cleared in this same transaction, so everything is CREATEd, in big batches."""
    tx.run(Q.CLEAR_IN_TX).consume()
    doc_rows, nodes, groups = R.load_rows(docs, ents, rels, records)
    for chunk in R.batches(doc_rows, R.LOAD_BATCH):
        tx.run(Q.CREATE_DOCUMENTS, rows=chunk).consume()
    for lab, rows in nodes.items():
        for chunk in R.batches(rows, R.LOAD_BATCH):
            tx.run(Q.load_entities(lab), rows=chunk).consume()
    for (t, sl, tl), rows in groups.items():
        for chunk in R.batches(rows, R.LOAD_BATCH):
            tx.run(Q.load_relations(t, sl, tl), rows=chunk).consume()


def clear(conn: Connection) -> None:
    """Delete ecograph's relationships, then its nodes (our labels only), a batch per
    transaction: deleting hubs with their relationships overflowed the transaction memory."""
    with conn.errors("clearing the graph"), conn.session() as s:
        while s.execute_write(lambda tx: tx.run(Q.CLEAR_RELATIONSHIPS_BATCH, batch=10_000).single()["deleted"]):
            pass
        while s.execute_write(lambda tx: tx.run(Q.CLEAR_BATCH, batch=10_000).single()["deleted"]):
            pass
