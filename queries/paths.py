"""How two entities are connected: shortest path(s) over chosen relation types,
direction ignored for the search and reported per hop, each hop with its evidence."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import networkx as nx

from ecograph.errors import EcographError
from ecograph.model import CORE_TYPES

from . import options
from .lookup import find_entity
from .view import GraphView


@dataclass
class Hop:
    path: int  # 1-based: which of the shortest paths
    step: int  # 1-based position along it
    from_name: str
    type: str
    arrow: str  # "--" symmetric, "->" stored from from_name to to_name, "<-" the other way
    to_name: str
    from_id: str
    to_id: str
    sentence: str = ""
    source: str = ""
    method: str = ""
    confidence: float = 0.0
    evidence_count: int = 0


def path(store, a: str, b: str, *, types=None, all_shortest: bool = False, limit: int = 10) -> list[Hop]:
    """The hops of a shortest path from `a` to `b` (or of up to `limit` of them with
    `all_shortest`) over `types` (default: the core relations). No path: an empty list."""
    types = options.relation_types(types, CORE_TYPES)
    view = GraphView(store)
    s, t = find_entity(store, a).id, find_entity(store, b).id
    if s == t:
        raise EcographError(f"{a!r} and {b!r} are the same entity ({s})")
    H = view.undirected(types)
    try:
        found = list(islice(nx.all_shortest_paths(H, s, t), limit if all_shortest else 1))
    except nx.NetworkXNoPath:
        return []
    rows = []
    for i, nodes in enumerate(found, 1):
        for j, (x, y) in enumerate(zip(nodes, nodes[1:]), 1):
            u, v, k, arr = view.hop(x, y, types)
            rows.append(Hop(path=i, step=j, from_name=view.name(x), type=k, arrow=arr,
                            to_name=view.name(y), from_id=x, to_id=y, **view.cite(u, v, k)))
    return rows
