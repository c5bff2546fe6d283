"""An entity's neighbourhood to depth n: as a networkx subgraph (for focused maps)
and as rows (who is in it, how far, how connected)."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ecograph.model import CORE_TYPES
from ecograph.store.protocol import QueryableStore

from . import options
from .view import GraphView, around


@dataclass
class EgoMember:
    name: str
    label: str | None
    kind: str | None
    country: str | None
    distance: int
    degree: int  # distinct neighbours inside the ego network
    id: str


def _ego(store: QueryableStore, name: str, depth: int, types, evidence: bool = True) -> tuple[GraphView, nx.MultiDiGraph]:
    types = options.relation_types(types, CORE_TYPES)
    depth = options.depth(depth)
    view, (center,) = around(store, [name], label=None, depth=depth, types=types, evidence=evidence)
    dist = nx.single_source_shortest_path_length(view.undirected(types), center, cutoff=depth)
    sub = nx.MultiDiGraph()
    sub.graph.update(view.G.graph)
    sub.graph.update(center=center, depth=depth, types=list(types))
    for n in sorted(dist):
        sub.add_node(n, **view.G.nodes[n], distance=dist[n])
    for u, v, k in view.edges(types):
        if u in dist and v in dist:
            sub.add_edge(u, v, key=k, **view.G.edges[u, v, k])
    # the documents this subgraph cites or mentions, not every document of the store
    cited = {e.get("document") for _, _, ev in sub.edges(data="evidence") for e in ev or ()}
    cited.update(d for _, m in sub.nodes(data="mentions") for d in m or ())
    sub.graph["documents"] = {d: doc for d, doc in view.documents.items() if d in cited}
    return view, sub


def ego_graph(store: QueryableStore, org: str, *, depth: int = 1, types=None) -> nx.MultiDiGraph:
    """The subgraph of everything within `depth` hops of `org` over `types` (default: core
    relations), with every relation of those types among its nodes.

    Same shape as `store.to_networkx()` (node and edge attributes; in
    `graph["documents"]` the documents its relations cite or its entities mention),
    plus node attribute `distance` and graph attributes `center`, `depth`, `types`."""
    return _ego(store, org, depth, types)[1]


def ego(store: QueryableStore, org: str, *, depth: int = 1, types=None) -> list[EgoMember]:
    """Who is in `org`'s ego network, nearest first."""
    view, sub = _ego(store, org, depth, types, evidence=False)  # rows cite nothing: structure only
    simple = nx.Graph()  # edges only: to_undirected() would deep-copy every attribute
    simple.add_nodes_from(sub)
    simple.add_edges_from((u, v) for u, v in sub.edges() if u != v)
    rows = [EgoMember(name=view.name(n), label=view.label(n), kind=view.kind(n), country=view.country(n),
                      distance=d, degree=simple.degree(n), id=n)
            for n, d in sub.nodes(data="distance")]
    rows.sort(key=lambda r: (r.distance, -r.degree, r.name.casefold(), r.id))
    return rows
