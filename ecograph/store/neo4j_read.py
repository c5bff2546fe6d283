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

Each read is ONE auto-commit statement in a READ session: one round trip (RUN and PULL
pipelined; its bookmark comes with the records), where a managed transaction
(`execute_read`) costs three (BEGIN, RUN+PULL, COMMIT): that was most of the latency
of a query on Neo4j. One statement is its own transaction, so it still reads one
committed state; the driver's retries on transient errors are redone here (`_run`).

Names: `named_neighbourhood` resolves the names in the same statement as it reads
around them (`cypher.NAMED`, index-backed), so a query needs neither a name index
of every entity (seconds to build at 100k entities) nor a second round trip. Trusted
only when every entity has the indexed keys (a store written by an older version may
lack them; checked once per state, `_keyed`); else None, and the caller resolves.
"""
from __future__ import annotations

import time
import weakref
from typing import Iterable, Sequence

import networkx as nx

from ..ids import norm
from . import base
from . import cypher as Q
from .neo4j import _document, _entity_label
from .neo4j_rows import entity as _entity, relation as _relation

#: How long a read is retried on transient errors (the driver's default for managed ones).
RETRY_TIME = 15.0


def _token(bookmarks) -> tuple[str, ...] | None:
    values = tuple(sorted(getattr(bookmarks, "raw_values", ()) or ()))
    return values or None


def _run(store, doing: str, query: str, params: dict, fetch):
    """`fetch(result)` of one auto-commit READ statement, and the state it read."""
    give_up, delay = time.monotonic() + RETRY_TIME, 0.05
    with store._errors(doing):
        while True:
            try:
                with store._session(read=True) as s:
                    out = fetch(s.run(query, params))
                    return out, _token(s.last_bookmarks())
            except Exception as exc:  # the driver's errors say whether a retry may succeed
                retryable = getattr(exc, "is_retryable", None)
                if not callable(retryable) or not retryable() or time.monotonic() + delay > give_up:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _single(field: str):
    return lambda result: result.single(strict=True)[field]


def read_version(store) -> tuple[str, ...] | None:
    return _run(store, "reading the database state", Q.STATE, {}, lambda r: r.consume())[1]


def _names(names: Sequence[str]) -> list[dict]:
    """`$names` of cypher.NAMED: what lookup matches a name by."""
    return [{"id": n if ":" in n else None, "key": norm(n), "bar": f"|{norm(n)}|"} for n in names]


# store -> (state, whether every entity had its name keys in that state)
_KEYED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _keyed(store, version) -> bool:
    """Whether every entity has `name_key` in state `version`; asked once per state."""
    if version is None:
        return False
    hit = _KEYED.get(store)
    if hit is not None and hit[0] == version:
        return hit[1]
    missing, now = _run(store, "checking the name keys", Q.NAME_KEYS_MISSING, {}, _single("missing"))
    if now != version:  # changed meanwhile: this answer may not hold for `version`
        return False
    _KEYED[store] = (version, missing == 0)
    return missing == 0


def resolve_names(store, names: Sequence[str], *, label: str | None = None) -> list[str] | None:
    """The id each name designates, resolved in the database (see cypher.NAMED); None when
    the database cannot decide (no match, several, or keys missing): ask `queries.lookup`."""
    picked, version = _run(store, "resolving names", Q.RESOLVE, {"names": _names(names), "label": label},
                           _single("picked"))
    if "" in picked or not _keyed(store, version):
        return None
    return picked


def named_neighbourhood(store, names: Sequence[str], *, label: str | None, depth: int, types: Iterable[str],
                        context: Iterable[str] = (), evidence: bool = True) -> tuple[nx.MultiDiGraph, list[str]] | None:
    """`neighbourhood` of the entities `names` designate, and their ids, in one statement;
    None when the database cannot resolve them (see `resolve_names`)."""
    query = Q.neighbourhood(tuple(types), depth, tuple(context), bool(evidence), named=True)
    (rows, picked), version = _run(store, "reading a neighbourhood", query,
                                   {"names": _names(names), "label": label},
                                   lambda r: tuple(r.single(strict=True).values("rows", "picked")))
    if not picked or "" in picked or not _keyed(store, version):
        return None
    return _graph(rows, version), picked


def neighbourhood(store, ids: Iterable[str], *, depth: int, types: Iterable[str],
                  context: Iterable[str] = (), evidence: bool = True) -> nx.MultiDiGraph:
    query = Q.neighbourhood(tuple(types), depth, tuple(context), bool(evidence))
    rows, version = _run(store, "reading a neighbourhood", query, {"ids": sorted(set(ids))}, _single("rows"))
    return _graph(rows, version)


def _graph(rows: list, version) -> nx.MultiDiGraph:
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
    rows, _ = _run(store, "reading neighbours", query, params, list)
    return sorted({(s, t, k) for r in rows for k, s, t in zip(r["types"], r["sources"], r["targets"])})


def shortest_path_nodes(store, a: str, b: str, types: Iterable[str], *, cap: int = 1000) -> set[str] | None:
    """Every node on a shortest a-b path over `types`, found by the database; None when it
    cannot say for sure (no path within its bound, or more than `cap` paths to read)."""
    row, _ = _run(store, "finding shortest paths", Q.on_shortest_paths(tuple(types)),
                  {"a": a, "b": b, "cap": cap}, lambda r: r.single(strict=True))
    if not row["paths"] or row["paths"] >= cap:
        return None
    return set(row["ids"])


def entity_names(store) -> list[tuple[str, str, str, list[str]]]:
    # records, not .data(): that walks every list item again
    rows, _ = _run(store, "reading entity names", Q.ENTITY_NAMES, {}, list)
    out: dict[str, tuple[str, str, str, list[str]]] = {}
    for r in rows:  # labels in ENTITY_LABELS order: a node with two keeps the first, as `entities()` does
        for i, name, aliases in zip(r["ids"], r["names"], r["aliases"]):
            out.setdefault(i, (i, r["label"], name, list(aliases)))
    return sorted(out.values())
