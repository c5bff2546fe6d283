"""Local reads of the Neo4j store for the research queries: a neighbourhood, one
breadth-first step, the name index, and which state the database is in.

Why: `to_networkx()` reads every entity and relation (minutes at 500k relations);
"partners of X" needs a few dozen. These reads return the same records, shaped by
the same `base.build_networkx`, so a query answers identically from a neighbourhood
or from the whole graph, on either store. They are `Neo4jStore` methods (thin
wrappers at the end of the class); the code lives here to keep neo4j.py small.

State ("version"): a READ transaction's bookmark names the last transaction the
database had committed when it ran (Neo4j 5), whoever committed it. Two reads with
the same bookmark saw the same graph, so caches built from a read stay valid while
the bookmark does not change. An empty bookmark means "unknown": never cache.
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from . import base
from . import cypher as Q
from .neo4j import _document, _entity, _entity_label, _relation


def _token(bookmarks) -> tuple[str, ...] | None:
    values = tuple(sorted(getattr(bookmarks, "raw_values", ()) or ()))
    return values or None


def _read_tx(store, doing: str, work):
    """`work(tx)` in one READ transaction; its result and the state it read."""
    with store._errors(doing), store._session(read=True) as s:
        out = s.execute_read(work)
        return out, _token(s.last_bookmarks())


def read_version(store) -> tuple[str, ...] | None:
    return _read_tx(store, "reading the database state", lambda tx: tx.run(Q.STATE).consume())[1]


def neighbourhood(store, ids: Iterable[str], *, depth: int, types: Iterable[str],
                  context: Iterable[str] = (), evidence: bool = True) -> nx.MultiDiGraph:
    query = Q.neighbourhood(tuple(types), depth, tuple(context), bool(evidence))
    seeds = sorted(set(ids))
    rows, version = _read_tx(store, "reading a neighbourhood",
                             lambda tx: tx.run(query, ids=seeds).single(strict=True)["rows"])
    entities, relations, documents = [], {}, {}
    for labels, props, mentions, types_, targets, rel_props, docs in rows:
        e = _entity(_entity_label(labels), props, mentions)
        entities.append(e)
        for t, target, p in zip(types_, targets, rel_props or [{}] * len(types_)):
            rel = _relation({"type": t, "source": e.id, "target": target, "r": p})
            relations[rel.key] = rel
        for d in docs:
            documents.setdefault(d["id"], d)
    G = base.build_networkx(sorted(entities, key=lambda e: e.id),
                            sorted(relations.values(), key=lambda r: r.key),
                            [_document(documents[d]) for d in sorted(documents)])
    G.graph["version"] = version
    return G


def adjacent(store, ids: Iterable[str], types: Iterable[str], *,
             among: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    query = Q.adjacent(tuple(types), among is not None)
    params = {"ids": sorted(set(ids)), "among": sorted(set(among or ()))}
    rows, _ = _read_tx(store, "reading neighbours", lambda tx: list(tx.run(query, params)))
    return sorted({(s, t, k) for r in rows for k, s, t in zip(r["types"], r["sources"], r["targets"])})


def entity_names(store) -> list[tuple[str, str, str, list[str]]]:
    # records, not .data(): that walks every list item again
    rows, _ = _read_tx(store, "reading entity names", lambda tx: list(tx.run(Q.ENTITY_NAMES)))
    out: dict[str, tuple[str, str, str, list[str]]] = {}
    for r in rows:  # labels in ENTITY_LABELS order: a node with two keeps the first, as `entities()` does
        for i, name, aliases in zip(r["ids"], r["names"], r["aliases"]):
            out.setdefault(i, (i, r["label"], name, list(aliases)))
    return sorted(out.values())
