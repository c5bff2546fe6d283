"""The store read as networkx, with what every query needs: names, countries,
the evidence to cite for a relation, and undirected traversal views.

Queries are written once over this view, never per store. Nodes and edges are
re-inserted in sorted order so that networkx algorithms (BFS order, shortest
paths, Louvain with a seed) give the same answer whichever store produced the graph.

Two kinds of view, same class:
- `full_view(store)`: the whole graph (`store.to_networkx()`), for the global
  questions (communities, centrality, all pairs). Cached per store while
  `store.read_version()` is unchanged, so repeated questions do not rebuild it.
- `local_view(store, ids, ...)` / `around(store, names, ...)`: only a neighbourhood
  (`store.neighbourhood()`), for questions about one or two entities. A local view
  holds every relation of the traversed types around the entities it was read for,
  so a query that stays inside that neighbourhood gets the answer the full view
  would give (same sorted insertion order, same BFS order).
"""
from __future__ import annotations

import weakref
from dataclasses import asdict, is_dataclass
from typing import Any, Iterable, Iterator, Sequence

import networkx as nx

from ecograph.dates import current_period, timed
from ecograph.facts import country_of, sectors_of
from ecograph.model import SYMMETRIC

from ecograph.store.protocol import QueryableStore

from . import cache, lookup
from .evidence import columns as evidence_columns

#: What `country()` reads besides the node itself: its places (`facts.country_of`).
CONTEXT = ("LOCATED_IN",)


class GraphView:
    """One snapshot of a store: `G` (MultiDiGraph, edge key = relation type) and document sources.

    `graph`: a graph shaped like `store.to_networkx()` (a neighbourhood, say); by default the whole store."""

    def __init__(self, store: QueryableStore, graph: nx.MultiDiGraph | None = None):
        # weakly: a view cached per store (full_view) must not keep its store alive
        self._store = weakref.ref(store)
        raw = timed(store.to_networkx() if graph is None else graph)  # --since/--until
        self.version = raw.graph.get("version")
        self.G = nx.MultiDiGraph()
        self.G.graph.update((k, v) for k, v in raw.graph.items() if k != "version")
        for n in sorted(raw.nodes):
            self.G.add_node(n, **raw.nodes[n])
        for u, v, k, d in sorted(raw.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
            self.G.add_edge(u, v, key=k, **d)
        docs = raw.graph.get("documents")
        if docs is None:
            docs = {d.id: d.to_dict() for d in store.documents()}
        self.documents: dict[str, dict] = dict(docs)
        self.sources = {k: d.get("source", k) for k, d in docs.items()}
        self._undirected: dict[tuple[str, ...], nx.Graph] = {}

    @property
    def store(self):
        return self._store()

    # --- nodes ----------------------------------------------------------------
    def name(self, n: str) -> str:
        return self.G.nodes[n].get("name", n) if n in self.G else n

    def label(self, n: str) -> str | None:
        return self.G.nodes[n].get("label") if n in self.G else None

    def kind(self, n: str) -> str | None:
        return self.G.nodes[n].get("kind") if n in self.G else None

    def sort_key(self, n: str) -> tuple[str, str]:
        return (self.name(n).casefold(), n)

    def nodes(self, label: str | None = None) -> list[str]:
        return [n for n in self.G.nodes if label is None or self.label(n) == label]

    def country(self, n: str) -> str | None:
        """The entity's country, by the one rule the maps share (`facts.country_of`)."""
        return country_of(self.G, n)

    def sectors(self, n: str) -> list[str]:
        """Names of the sectors the entity is ACTIVE_IN (`facts.sectors_of`)."""
        return sectors_of(self.G, n)

    def targets(self, n: str, rtype: str) -> list[str]:
        return sorted((v for _, v, k in self.G.out_edges(n, keys=True) if k == rtype), key=self.sort_key)

    # --- edges ----------------------------------------------------------------
    def edges(self, types: Iterable[str]) -> Iterator[tuple[str, str, str]]:
        """(source, target, type) of every relation of the given types, in a stable order."""
        wanted = set(types)
        for u, v, k in self.G.edges(keys=True):
            if k in wanted:
                yield u, v, k

    def in_edges(self, n: str, types: Iterable[str]) -> list[tuple[str, str, str]]:
        wanted = set(types)
        return [(u, v, k) for u, v, k in self.G.in_edges(n, keys=True) if k in wanted] if n in self.G else []

    def out_edges(self, n: str, types: Iterable[str]) -> list[tuple[str, str, str]]:
        wanted = set(types)
        return [(u, v, k) for u, v, k in self.G.out_edges(n, keys=True) if k in wanted] if n in self.G else []

    def evidence(self, u: str, v: str, rtype: str) -> list[dict]:
        """Every evidence record of a relation, best first, each with its document's
        source, and its title, published date and url where the document states them."""
        data = self.G.get_edge_data(u, v, rtype) or {}
        out = []
        for e in data.get("evidence", []):
            doc = self.documents.get(e.get("document")) or {}
            out.append({**e, "source": self.sources.get(e.get("document"), e.get("document", "")),
                        "title": doc.get("title") or "", "published": doc.get("published") or "",
                        "url": doc.get("url") or ""})
        out.sort(key=lambda e: (-float(e.get("confidence") or 0), e["source"], e.get("start", 0)))
        return out

    def cite(self, u: str, v: str, rtype: str, pattern: str = "{}") -> dict[str, Any]:
        """The evidence columns of a row (see `evidence`): the most confident sentence,
        its document's source, method, confidence, and how many records back the relation;
        `pattern` names them for rows that cite two relations ("funder_{}")."""
        ev = self.evidence(u, v, rtype)
        return evidence_columns(ev[0] if ev else {}, len(ev), pattern)

    # --- traversal ------------------------------------------------------------
    def undirected(self, types: Iterable[str]) -> nx.Graph:
        """A simple undirected graph over the given relation types (all nodes kept).

        Edge attribute `rels` lists the stored relations (source, target, type) behind
        each undirected edge, so a hop can be reported with its real direction."""
        key = tuple(sorted(set(types)))
        if key not in self._undirected:
            H = nx.Graph()
            H.add_nodes_from(self.G.nodes)
            for u, v, k in self.edges(key):
                if u == v:
                    continue
                if H.has_edge(u, v):
                    H.edges[u, v]["rels"].append((u, v, k))
                else:
                    H.add_edge(u, v, rels=[(u, v, k)])
            self._undirected[key] = H
        return self._undirected[key]

    def hop(self, a: str, b: str, types: tuple[str, ...]) -> tuple[str, str, str, str]:
        """The relation to report for the undirected step a -> b: the first type in `types`
        order, then the most confident. Returns (source, target, type, arrow)."""
        rels = self.undirected(types).edges[a, b]["rels"]
        order = {t: i for i, t in enumerate(types)}
        u, v, k = min(rels, key=lambda r: (order.get(r[2], len(order)),
                                           -self.G.edges[r[0], r[1], r[2]].get("confidence", 0.0)))
        return u, v, k, arrow(k, u == a)


def arrow(rtype: str, forward: bool) -> str:
    """How a hop reads from left to right: `--` symmetric, `->` as stored, `<-` against."""
    if rtype in SYMMETRIC:
        return "--"
    return "->" if forward else "<-"


def records(rows: Iterable[Any]) -> list[dict]:
    """Plain dicts of result rows (dataclasses or dicts), ready for `pandas.DataFrame(...)`."""
    return [asdict(r) if is_dataclass(r) else dict(r) for r in rows]


# --- which view a query reads ----------------------------------------------------

def full_view(store: QueryableStore) -> GraphView:
    """The whole graph, rebuilt only when the store changed (`read_version()`; a store
    that cannot say, None, is read again every time). Kept in `cache`."""
    version = store.read_version()
    key = (version, current_period())  # a window is another view of the same store
    hit = cache.get(store, "full")
    if hit is not None and version is not None and hit[0] == key:
        return hit[1]
    view = GraphView(store)
    view.version = version
    if version is not None:
        cache.put(store, "full", (key, view))
    return view


def local_view(store: QueryableStore, ids: Iterable[str], *, depth: int, types: Sequence[str],
               context: Sequence[str] = CONTEXT, evidence: bool = True) -> GraphView:
    """Everything within `depth` hops of `ids` over `types` (direction ignored), every
    relation of `types` among it, and the `context` relations of each member. Without
    `evidence` the relations cite nothing: for questions about structure only."""
    evidence = evidence or bool(current_period())  # the window is read from the evidence
    return GraphView(store, store.neighbourhood(ids, depth=depth, types=tuple(types), context=tuple(context),
                                                evidence=evidence))


def around(store: QueryableStore, names: Sequence[str], *, label: str | None, depth: int, types: Sequence[str],
           context: Sequence[str] = CONTEXT, evidence: bool = True) -> tuple[GraphView, list[str]]:
    """Resolve `names` and read their neighbourhood (see `local_view`).

    The name index is trusted as last built, and checked against the state the
    neighbourhood was read in: if the store changed in between, the names are
    resolved again (and the neighbourhood re-read if that changes them). One read
    of the store when nothing changed. A store that resolves names itself
    (`named_neighbourhood`: Neo4j, with the same rules, in the statement that reads
    the neighbourhood) is asked first: one round trip, and no index of every name."""
    evidence = evidence or bool(current_period())  # the window is read from the evidence
    got = store.named_neighbourhood(list(names), label=label, depth=depth, types=tuple(types),
                                    context=tuple(context), evidence=evidence)
    if got is not None:  # None: the store cannot decide (a miss, several, an older store)
        return GraphView(store, got[0]), got[1]
    # the store said it cannot decide: asking it again per name would be the same question
    ids = [lookup.resolve(store, n, label=label, fresh=False, store_first=False) for n in names]
    view = local_view(store, ids, depth=depth, types=types, context=context, evidence=evidence)
    if view.version is None or lookup.name_index(store, fresh=False).version != view.version:
        again = [lookup.resolve(store, n, label=label, store_first=False) for n in names]
        if again != ids:
            ids = again
            view = local_view(store, ids, depth=depth, types=types, context=context, evidence=evidence)
    return view, ids
