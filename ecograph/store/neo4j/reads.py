"""Reads of the Neo4j store: documents, entities and relations (what `GraphStore`
answers), and the local reads for the research queries (`LocalReads`): a neighbourhood,
one breadth-first step, the name index, and which state the database is in.

Why: `to_networkx()` reads every entity and relation (minutes at 500k relations);
"partners of X" needs a few dozen. These reads return the same records, shaped by
the same `exchange.build_networkx`, so a query answers identically from a neighbourhood
or from the whole graph, on either store. Each local read is ONE auto-commit statement
(`Connection.run_read`: one round trip, and the state it read; see `connection`).

Names: `named_neighbourhood` resolves the names in the same statement as it reads
around them (`cypher.NAMED`, index-backed), so a query needs neither a name index
of every entity (seconds to build at 100k entities) nor a second round trip. Trusted
only when every entity has the indexed keys (a store written by an older version may
lack them; checked once per state, `keyed`); else None, and the caller resolves.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import networkx as nx

from ...ids import norm
from ...model import Document, Entity, Relation
from ..exchange import build_networkx
from . import cypher as Q
from .connection import Connection
from .records import document, entity, entity_label, relation


# --- what GraphStore answers -----------------------------------------------------------

def documents(conn: Connection) -> list[Document]:
    return [document(r["d"]) for r in conn.read(Q.DOCUMENTS, "listing documents")]


def document_where(conn: Connection, *, id: str | None = None, source: str | None = None) -> Document | None:
    if id is not None:
        rows = conn.read(Q.DOCUMENT_BY_ID, "reading a document", id=id)
    else:
        rows = conn.read(Q.DOCUMENT_BY_SOURCE, "reading a document", source=source)
    return document(rows[0]["d"]) if rows else None


def one_entity(conn: Connection, entity_id: str) -> Entity | None:
    rows = conn.read(Q.ENTITIES_BY_IDS, "reading an entity", ids=[entity_id])
    return entity(rows[0]["label"], rows[0]["n"], rows[0]["mentions"]) if rows else None


def entities(conn: Connection, label: str | None) -> list[Entity]:
    if label is not None and label not in Q.ENTITY_LABELS:
        return []
    query = Q.ALL_ENTITIES if label is None else Q.entities_with_label(label)
    out = [entity(entity_label(r["labels"]), r["n"], r["mentions"]) for r in conn.read(query, "reading entities")]
    return sorted(out, key=lambda e: e.id)


def relations(conn: Connection, type: str | None, source: str | None, target: str | None) -> list[Relation]:
    if type is not None and type not in Q.EDGE_TYPES:
        return []
    types = [type] if type is not None else list(Q.EDGE_TYPES)
    doing = "reading relations"
    if source is not None or target is not None:
        end = source if source is not None else target
        found = conn.read(Q.LABELS_OF_IDS, doing, ids=[end])
        if not found:
            return []
        if source is not None:
            rows = conn.read(Q.relations_from(found[0]["label"]), doing, source=source, target=target, types=types)
        else:
            rows = conn.read(Q.relations_to(found[0]["label"]), doing, target=target, types=types)
    else:
        rows = conn.read(Q.ALL_RELATIONS, doing, types=types)
    return sorted(map(relation, rows), key=lambda r: r.key)


def records(conn: Connection) -> tuple[list[str], dict[str, list[dict]]]:
    """The document order and every entity's per-document records (`exchange.PROVENANCE`)."""
    recs: dict[str, list[dict]] = {}
    for r in conn.read(Q.ALL_BASE_RECORDS, "reading entity records"):
        recs.setdefault(r.pop("id"), []).append({**r, "document": None})
    for r in conn.read(Q.ALL_MENTION_RECORDS, "reading entity records"):
        recs.setdefault(r.pop("id"), []).append(r)
    order = [r["id"] for r in conn.read(Q.DOCUMENT_ORDER, "reading the document order")]
    return order, recs


# --- local reads for the research queries ------------------------------------------------

def _single(field: str):
    return lambda result: result.single(strict=True)[field]


def read_version(conn: Connection) -> tuple[str, ...] | None:
    return conn.run_read("reading the database state", Q.STATE, {}, lambda r: r.consume())[1]


def _names(names: Sequence[str]) -> list[dict]:
    """`$names` of cypher.NAMED: what lookup matches a name by."""
    return [{"id": n if ":" in n else None, "key": norm(n), "bar": f"|{norm(n)}|"} for n in names]


def keyed(conn: Connection, version) -> bool:
    """Whether every entity has `name_key` in state `version`; asked once per state
    (remembered on the connection: `Connection.keyed`)."""
    if version is None:
        return False
    if conn.keyed is not None and conn.keyed[0] == version:
        return conn.keyed[1]
    missing, now = conn.run_read("checking the name keys", Q.NAME_KEYS_MISSING, {}, _single("missing"))
    if now != version:  # changed meanwhile: this answer may not hold for `version`
        return False
    conn.keyed = (version, missing == 0)
    return missing == 0


def resolve_names(conn: Connection, names: Sequence[str], *, label: str | None = None) -> list[str] | None:
    """The id each name designates, resolved in the database (see cypher.NAMED); None when
    the database cannot decide (no match, several, or keys missing): ask `queries.lookup`."""
    picked, version = conn.run_read("resolving names", Q.RESOLVE, {"names": _names(names), "label": label},
                                    _single("picked"))
    if "" in picked or not keyed(conn, version):
        return None
    return picked


def named_neighbourhood(conn: Connection, names: Sequence[str], *, label: str | None, depth: int,
                        types: Iterable[str], context: Iterable[str] = (),
                        evidence: bool = True) -> tuple[nx.MultiDiGraph, list[str]] | None:
    """`neighbourhood` of the entities `names` designate, and their ids, in one statement;
    None when the database cannot resolve them (see `resolve_names`)."""
    query = Q.neighbourhood(tuple(types), depth, tuple(context), bool(evidence), named=True)
    (rows, picked), version = conn.run_read("reading a neighbourhood", query,
                                            {"names": _names(names), "label": label},
                                            lambda r: tuple(r.single(strict=True).values("rows", "picked")))
    if not picked or "" in picked or not keyed(conn, version):
        return None
    return _graph(rows, version), picked


def neighbourhood(conn: Connection, ids: Iterable[str], *, depth: int, types: Iterable[str],
                  context: Iterable[str] = (), evidence: bool = True) -> nx.MultiDiGraph:
    query = Q.neighbourhood(tuple(types), depth, tuple(context), bool(evidence))
    rows, version = conn.run_read("reading a neighbourhood", query, {"ids": sorted(set(ids))}, _single("rows"))
    return _graph(rows, version)


def _graph(rows: list, version) -> nx.MultiDiGraph:
    ents, rels, docs = [], {}, {}
    for labels, props, mentions, types_, targets, rel_props, doc_rows in rows:
        e = entity(entity_label(labels), props, mentions)
        ents.append(e)
        for t, target, p in zip(types_, targets, rel_props or [{}] * len(types_)):
            rel = relation({"type": t, "source": e.id, "target": target, "r": p})
            rels[rel.key] = rel
        for d in doc_rows:
            docs.setdefault(d["id"], d)
    G = build_networkx(sorted(ents, key=lambda e: e.id), sorted(rels.values(), key=lambda r: r.key),
                       [document(docs[d]) for d in sorted(docs)])
    G.graph["version"] = version
    return G


def adjacent(conn: Connection, ids: Iterable[str], types: Iterable[str], *,
             among: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    query = Q.adjacent(tuple(types), among is not None)
    params = {"ids": sorted(set(ids)), "among": sorted(set(among or ()))}
    rows, _ = conn.run_read("reading neighbours", query, params, list)
    return sorted({(s, t, k) for r in rows for k, s, t in zip(r["types"], r["sources"], r["targets"])})


def shortest_path_nodes(conn: Connection, a: str, b: str, types: Iterable[str], *,
                        cap: int = 1000) -> set[str] | None:
    """Every node on a shortest a-b path over `types`, found by the database; None when it
    cannot say for sure (no path within its bound, or more than `cap` paths to read)."""
    row, _ = conn.run_read("finding shortest paths", Q.on_shortest_paths(tuple(types)),
                           {"a": a, "b": b, "cap": cap}, lambda r: r.single(strict=True))
    if not row["paths"] or row["paths"] >= cap:
        return None
    return set(row["ids"])


def entity_names(conn: Connection) -> list[tuple[str, str, str, list[str]]]:
    # records, not .data(): that walks every list item again
    rows, _ = conn.run_read("reading entity names", Q.ENTITY_NAMES, {}, list)
    out: dict[str, tuple[str, str, str, list[str]]] = {}
    for r in rows:  # labels in ENTITY_LABELS order: a node with two keeps the first, as `entities()` does
        for i, name, aliases in zip(r["ids"], r["names"], r["aliases"]):
            out.setdefault(i, (i, r["label"], name, list(aliases)))
    return sorted(out.values())
