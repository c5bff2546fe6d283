"""The store read once as networkx, with what every query needs: names, countries,
the evidence to cite for a relation, and undirected traversal views.

Queries are written once over this view, never per store. Nodes and edges are
re-inserted in sorted order so that networkx algorithms (BFS order, shortest
paths, Louvain with a seed) give the same answer whichever store produced the graph.
"""
from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any, Iterable, Iterator

import networkx as nx

from ecograph.model import SYMMETRIC



class GraphView:
    """One snapshot of a store: `G` (MultiDiGraph, edge key = relation type) and document sources."""

    def __init__(self, store):
        self.store = store
        raw = store.to_networkx()
        self.G = nx.MultiDiGraph()
        self.G.graph.update(raw.graph)
        for n in sorted(raw.nodes):
            self.G.add_node(n, **raw.nodes[n])
        for u, v, k, d in sorted(raw.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
            self.G.add_edge(u, v, key=k, **d)
        docs = raw.graph.get("documents") or {d.id: d.to_dict() for d in store.documents()}
        self.documents: dict[str, dict] = dict(docs)
        self.sources = {k: d.get("source", k) for k, d in docs.items()}
        self._undirected: dict[tuple[str, ...], nx.Graph] = {}

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
        """The entity's own `country`, else the country of a place it is LOCATED_IN:
        the place's `country` attribute, or its name when the place is a country."""
        if n not in self.G:
            return None
        own = self.G.nodes[n].get("country")
        if own:
            return own
        if self.label(n) == "Place" and self.kind(n) == "country":
            return self.name(n)
        found = []
        for _, place, k in self.G.out_edges(n, keys=True):
            if k != "LOCATED_IN":
                continue
            attrs = self.G.nodes[place]
            if attrs.get("country"):
                found.append(attrs["country"])
            elif attrs.get("kind") == "country":
                found.append(attrs.get("name", place))
        return sorted(found)[0] if found else None

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
        """Every evidence record of a relation, best first, each with its document's source."""
        data = self.G.get_edge_data(u, v, rtype) or {}
        out = [{**e, "source": self.sources.get(e.get("document"), e.get("document", ""))}
               for e in data.get("evidence", [])]
        out.sort(key=lambda e: (-float(e.get("confidence") or 0), e["source"], e.get("start", 0)))
        return out

    def cite(self, u: str, v: str, rtype: str, prefix: str = "") -> dict[str, Any]:
        """The evidence columns of a row: the most confident sentence, its document's source,
        method, confidence, and how many evidence records back the relation."""
        ev = self.evidence(u, v, rtype)
        best = ev[0] if ev else {}
        row = {"sentence": best.get("sentence", ""), "source": best.get("source", ""),
               "method": best.get("method", ""), "confidence": float(best.get("confidence") or 0.0),
               "evidence_count": len(ev)}
        return {prefix + k: val for k, val in row.items()} if prefix else row

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
