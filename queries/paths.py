"""How two entities are connected: shortest path(s) over chosen relation types,
direction ignored for the search and reported per hop, each hop with its evidence.

The search reads the store breadth-first from both ends (`store.adjacent`, one
step per read) until they meet, keeps the nodes that lie on some shortest path,
and reads just those (`local_view`). networkx then enumerates the paths on that
small graph in the order it would on the whole one: a node's predecessors on
shortest paths are all on shortest paths themselves, and the view keeps the
whole graph's insertion order, so the breadth-first order among them is the same.
"""
from __future__ import annotations

from itertools import islice

import networkx as nx

from ecograph.dates import current_period
from ecograph.errors import EcographError
from ecograph.model import CORE_TYPES
from ecograph.store.protocol import QueryableStore

from . import options
from .evidence import cited
from .lookup import name_index, resolve
from .view import full_view, local_view


@cited()
class Hop:
    path: int  # 1-based: which of the shortest paths
    step: int  # 1-based position along it
    from_name: str
    type: str
    arrow: str  # "--" symmetric, "->" stored from from_name to to_name, "<-" the other way
    to_name: str
    from_id: str
    to_id: str


def path(store: QueryableStore, a: str, b: str, *, types=None, all_shortest: bool = False, limit: int = 10) -> list[Hop]:
    """The hops of a shortest path from `a` to `b` (or of up to `limit` of them with
    `all_shortest`) over `types` (default: the core relations). No path: an empty list."""
    types = options.relation_types(types, CORE_TYPES)
    s, t = _ends(store, a, b)
    if s == t:
        raise EcographError(f"{a!r} and {b!r} are the same entity ({s})")
    if not current_period():
        # the database's own search when it has one (one read), else breadth-first here;
        # under a time window the search must see only the relations inside it: full view
        on_paths = store.shortest_path_nodes(s, t, types)
        if on_paths is None:
            on_paths = _on_shortest_paths(store, s, t, types)
        if on_paths is None:
            return []
        view = local_view(store, on_paths, depth=0, types=types, context=())
    else:
        view = full_view(store)
    H = view.undirected(types)
    try:
        found = list(islice(nx.all_shortest_paths(H, s, t), limit if all_shortest else 1))
    except (nx.NetworkXNoPath, nx.NodeNotFound):  # NodeNotFound: an end removed while reading
        return []
    rows = []
    for i, nodes in enumerate(found, 1):
        for j, (x, y) in enumerate(zip(nodes, nodes[1:]), 1):
            u, v, k, arr = view.hop(x, y, types)
            rows.append(Hop(path=i, step=j, from_name=view.name(x), type=k, arrow=arr,
                            to_name=view.name(y), from_id=x, to_id=y, **view.cite(u, v, k)))
    return rows


def _ends(store: QueryableStore, a: str, b: str) -> tuple[str, str]:
    """Both names resolved: by the store in one read if it can (see `lookup.resolve`)."""
    found = store.resolve_names([a, b])
    if found is not None:
        return found[0], found[1]
    name_index(store)  # one check that the index is current, for both names
    # the store could not decide: not asked again per name
    return resolve(store, a, fresh=False, store_first=False), resolve(store, b, fresh=False, store_first=False)


# A frontier at least this large is first asked only for the relations that reach the
# other side (a small answer); its full expansion, thousands of relations around hubs,
# is read only if the two sides do not meet there.
MEET_FIRST = 32


def _on_shortest_paths(store: QueryableStore, s: str, t: str, types) -> set[str] | None:
    """Every node on a shortest s-t path over `types` (direction ignored); None: no path.

    Bidirectional breadth-first search, one store read per level, the smaller
    frontier first. When a level of one side reaches the other side's known
    nodes, the distance D is found; the nodes on shortest paths are then walked
    back from the meeting nodes on both sides, level by level."""
    dist = ({s: 0}, {t: 0})
    frontier = ([s], [t])
    adj: dict[str, set[str]] = {}  # complete for every expanded node

    def learn(rels):
        for u, v, _ in rels:
            if u != v:
                adj.setdefault(u, set()).add(v)
                adj.setdefault(v, set()).add(u)

    while frontier[0] and frontier[1]:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        mine, other = dist[side], dist[1 - side]
        level = mine[frontier[side][0]] + 1
        if len(frontier[side]) >= MEET_FIRST:
            reaching = store.adjacent(frontier[side], types, among=list(other))
            meet = _reach(reaching, frontier[side], other)
            if meet:
                learn(reaching)  # all the walk back needs from this level: frontier -- meeting nodes
                mine.update((m, level) for m in meet)
                return _walk_back(meet, dist, adj)
        learn(store.adjacent(frontier[side], types))
        nxt = []
        for n in frontier[side]:
            for m in sorted(adj.get(n, ())):
                if m not in mine:
                    mine[m] = level
                    nxt.append(m)
        frontier = (nxt, frontier[1]) if side == 0 else (frontier[0], nxt)
        meet = [m for m in nxt if m in other]
        if meet:
            return _walk_back(meet, dist, adj)
    return None


def _reach(rels, frontier: list[str], other: dict) -> list[str]:
    """The other side's nodes these relations (from the frontier) reach."""
    ends = set(frontier)
    return sorted({x for u, v, _ in rels for x in (u, v) if x in other and x not in ends})


def _walk_back(meet: list[str], dist: tuple[dict, dict], adj: dict[str, set[str]]) -> set[str]:
    """From the meeting nodes towards each end: a node one level nearer that end and
    next to a node already on a shortest path is on one too."""
    on = set(meet)
    for d in dist:
        layer = set(meet)
        while layer:
            layer = {m for n in layer if d[n] > 0 for m in adj.get(n, ()) if d.get(m) == d[n] - 1}
            on |= layer
    return on
