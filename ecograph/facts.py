"""Facts derived from the graph that more than one reader states: an entity's country and
its sectors. One rule each, here, so the queries (`queries.view.GraphView`), the maps
(`visualizations.map`) and the report cannot disagree about them.

`G` is a graph shaped like `GraphStore.to_networkx()`: node attributes `label`, `kind`,
`name`, `country`; one edge per relation, keyed by its type.
"""
from __future__ import annotations

from typing import Hashable

import networkx as nx


def _place_country(attrs: dict, node: Hashable) -> str | None:
    """The country a place stands for: its own `country`, or its name when it is a country."""
    if attrs.get("country"):
        return attrs["country"]
    if attrs.get("kind") == "country":
        return attrs.get("name", node)
    return None


def located_countries(G: nx.MultiDiGraph) -> dict:
    """{node: the country of the places it is LOCATED_IN} for every node, in one pass over
    the edges (what `country_of` finds node by node); several: the first in sorted order."""
    found: dict = {}
    for u, v, k in G.edges(keys=True):
        if k == "LOCATED_IN":
            c = _place_country(G.nodes[v], v)
            if c is not None:
                found.setdefault(u, []).append(c)
    return {n: min(cs) for n, cs in found.items()}


def country_of(G: nx.MultiDiGraph, n: Hashable, located: dict | None = None) -> str | None:
    """The entity's own `country`; else, for a place that is a country, its name; else the
    country of a place it is LOCATED_IN: that place's `country`, or its name when the place
    is a country (an organisation in Casablanca, a city of Morocco, is in Morocco).
    `located`: `located_countries(G)`, precomputed for a whole graph."""
    if n not in G:
        return None
    attrs = G.nodes[n]
    if attrs.get("country"):
        return attrs["country"]
    if attrs.get("label") == "Place" and attrs.get("kind") == "country":
        return attrs.get("name", n)
    if located is not None:
        return located.get(n)
    found = [c for _, v, k in G.out_edges(n, keys=True) if k == "LOCATED_IN"
             for c in [_place_country(G.nodes[v], v)] if c is not None]
    return min(found) if found else None


def sector_nodes(G: nx.MultiDiGraph, n: Hashable) -> list:
    """The sectors an entity is ACTIVE_IN, by name (case-insensitive), then id."""
    if n not in G:
        return []
    return sorted((v for _, v, k in G.out_edges(n, keys=True) if k == "ACTIVE_IN"),
                  key=lambda v: (str(G.nodes[v].get("name", v)).casefold(), str(v)))


def sectors_of(G: nx.MultiDiGraph, n: Hashable) -> list[str]:
    """Names of the sectors an entity is ACTIVE_IN (`sector_nodes` order)."""
    return [G.nodes[v].get("name", v) for v in sector_nodes(G, n)]
