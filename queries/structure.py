"""The shape of the ecosystem: who is central (degree) and who brokers (betweenness),
communities, the most connected clusters, organisations with no tie, and counts.

Measures are computed on the undirected simple graph of the chosen relation types
(default: core relations) over all nodes, so a programme that links two
organisations makes one of them a broker; rankings list organisations by default.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ecograph.errors import EcographError
from ecograph.model import CORE_TYPES, LABELS
from ecograph.store.protocol import QueryableStore

from . import options
from .view import full_view

ORG = "Organisation"
SEED = 42  # fixed so communities (and sampled betweenness) are the same run after run
EXACT_BETWEENNESS_UP_TO = 3000  # nodes; above, betweenness is estimated from a sample


@dataclass
class Central:
    rank: int
    name: str
    kind: str | None
    degree: int  # distinct neighbours
    betweenness: float  # normalised, 0..1
    label: str | None
    id: str


@dataclass
class CommunityMember:
    community: int  # 1 = the largest
    size: int
    name: str
    label: str | None
    kind: str | None
    degree: int
    id: str


@dataclass
class ClusterRank:
    rank: int
    cluster: str
    members: int
    partners: int
    programmes: int
    degree: int  # distinct neighbours over the core relations
    country: str | None
    id: str


@dataclass
class Isolated:
    name: str
    kind: str | None
    country: str | None
    documents: int
    id: str


@dataclass
class Stat:
    section: str  # documents, entities, kinds, relations, evidence
    name: str
    count: int


def _betweenness(H: nx.Graph) -> dict[str, float]:
    if H.number_of_nodes() > EXACT_BETWEENNESS_UP_TO:
        return nx.betweenness_centrality(H, k=min(500, H.number_of_nodes()), seed=SEED)
    return nx.betweenness_centrality(H)


def centrality(store: QueryableStore, *, by: str = "degree", top: int | None = 20, types=None,
               label: str | None = ORG) -> list[Central]:
    """Entities of `label` (None: all) ranked by degree or betweenness (brokers), the other
    measure breaking ties; entities with no tie are left out."""
    if by not in ("degree", "betweenness"):
        raise EcographError(f"cannot rank by {by!r}", hint="use degree or betweenness")
    if label is not None and label not in LABELS:
        raise EcographError(f"unknown label {label!r}", hint="one of " + ", ".join(LABELS))
    return central_in(full_view(store), by=by, top=top, types=options.relation_types(types, CORE_TYPES),
                      label=label)


def central_in(view, *, by: str = "degree", top: int | None = 20, types=CORE_TYPES,
               label: str | None = ORG) -> list[Central]:
    """`centrality` over a view (the whole store, or part of it: `ecograph report --focus`)."""
    H = view.undirected(types)
    btw = _betweenness(H)
    nodes = [n for n in H.nodes if H.degree(n) and (label is None or view.label(n) == label)]

    def key(n):
        primary, secondary = (H.degree(n), btw[n]) if by == "degree" else (btw[n], H.degree(n))
        return (-primary, -secondary, view.name(n).casefold(), n)

    nodes.sort(key=key)
    if top:
        nodes = nodes[:top]
    return [Central(rank=i, name=view.name(n), kind=view.kind(n), degree=H.degree(n),
                    betweenness=round(btw[n], 6), label=view.label(n), id=n)
            for i, n in enumerate(nodes, 1)]


def communities(store: QueryableStore, *, types=None, resolution: float = 1.0, seed: int = SEED) -> list[CommunityMember]:
    """Louvain communities (fixed seed) of the tied part of the graph, largest first;
    within one, the most connected first."""
    types = options.relation_types(types, CORE_TYPES)
    view = full_view(store)
    H = view.undirected(types)
    tied = H.subgraph([n for n in H.nodes if H.degree(n)])
    if tied.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(tied, seed=seed, resolution=resolution)
    groups = sorted((sorted(c, key=lambda n: (-H.degree(n), view.sort_key(n))) for c in found),
                    key=lambda c: (-len(c), view.sort_key(c[0])))
    return [CommunityMember(community=i, size=len(c), name=view.name(n), label=view.label(n),
                            kind=view.kind(n), degree=H.degree(n), id=n)
            for i, c in enumerate(groups, 1) for n in c]


def connected_clusters(store: QueryableStore, *, top: int | None = 20) -> list[ClusterRank]:
    """Organisations of kind `cluster` ranked by how many distinct entities they are tied to."""
    return clusters_in(full_view(store), top=top)


def clusters_in(view, *, top: int | None = 20) -> list[ClusterRank]:
    """`connected_clusters` over a view."""
    H = view.undirected(CORE_TYPES)
    P = view.undirected(("PARTNERS_WITH",))
    rows = []
    for n in view.nodes(ORG):
        if view.kind(n) != "cluster":
            continue
        rows.append((n, len(view.in_edges(n, ("MEMBER_OF",))), P.degree(n),
                     len({v for _, v, _ in view.out_edges(n, CORE_TYPES) if view.label(v) == "Programme"}),
                     H.degree(n)))
    rows.sort(key=lambda r: (-r[4], -r[1], view.sort_key(r[0])))
    if top:
        rows = rows[:top]
    return [ClusterRank(rank=i, cluster=view.name(n), members=m, partners=p, programmes=g, degree=d,
                        country=view.country(n), id=n)
            for i, (n, m, p, g, d) in enumerate(rows, 1)]


def isolated(store: QueryableStore) -> list[Isolated]:
    """Organisations with no core relation (they may still have a place or a sector)."""
    view = full_view(store)
    H = view.undirected(CORE_TYPES)
    rows = [Isolated(name=view.name(n), kind=view.kind(n), country=view.country(n),
                     documents=len(view.G.nodes[n].get("mentions") or {}), id=n)
            for n in view.nodes(ORG) if H.degree(n) == 0]
    rows.sort(key=lambda r: (r.name.casefold(), r.id))
    return rows


def stats(store: QueryableStore) -> list[Stat]:
    """Counts: documents (by language), entities by label, kinds by label, relations by
    type, evidence records."""
    view = full_view(store)
    rows = [Stat("documents", "documents", len(view.documents))]
    langs = Counter(d.get("language") or "unknown" for d in view.documents.values())
    rows += [Stat("documents", f"language:{k}", n) for k, n in sorted(langs.items())]
    labels = Counter(view.label(n) for n in view.G.nodes)
    rows += [Stat("entities", lab, labels[lab]) for lab in LABELS if labels.get(lab)]
    kinds = Counter((view.label(n), view.kind(n) or "none") for n in view.G.nodes
                    if view.label(n) in (ORG, "Programme", "Place"))
    rows += [Stat("kinds", f"{lab}:{k}", n) for (lab, k), n in
             sorted(kinds.items(), key=lambda kv: (LABELS.index(kv[0][0]), -kv[1], kv[0][1]))]
    types = Counter(k for _, _, k in view.G.edges(keys=True))
    rows += [Stat("relations", t, n) for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))]
    rows.append(Stat("relations", "total", sum(types.values())))
    rows.append(Stat("evidence", "evidence records",
                     sum(len(d.get("evidence") or []) for _, _, d in view.G.edges(data=True))))
    return rows
