"""Who belongs to what: members of a cluster (by kind, and the triple-helix mix),
and the clusters (or networks, associations) an organisation is a member of."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ecograph.model import ORG_KINDS
from ecograph.store.protocol import QueryableStore

from . import options
from .evidence import cited
from .view import around

ORG = "Organisation"

# The triple helix (industry, academia, government), plus the civil-society strand
# of the quadruple helix; intermediaries (clusters, networks, support structures,
# funders) are what the helices meet through.
HELIX = {"company": "industry", "university": "academia", "research": "academia",
         "government": "government", "association": "civil society",
         "cluster": "intermediary", "network": "intermediary", "support": "intermediary",
         "funder": "funder"}


def helix(kind: str | None) -> str:
    return HELIX.get(kind or "", "other")


def _kind_order(kind: str | None) -> int:
    return ORG_KINDS.index(kind) if kind in ORG_KINDS else len(ORG_KINDS)


@cited()
class Member:
    cluster: str
    member: str
    kind: str | None
    helix: str
    country: str | None
    cluster_id: str
    member_id: str


@dataclass
class KindCount:
    kind: str
    helix: str
    count: int
    share: float


@cited()
class Membership:
    org: str
    cluster: str
    kind: str | None  # the cluster's kind (cluster, network, association ...)
    country: str | None
    org_id: str
    cluster_id: str


def members(store: QueryableStore, cluster: str, *, kind=None) -> list[Member]:
    """Members of `cluster` (MEMBER_OF edges into it), grouped by kind then name;
    `kind` keeps only some kinds ("company" or "university,research")."""
    wanted = options.kinds(kind, ORG_KINDS)
    view, (c,) = around(store, [cluster], label=ORG, depth=1, types=("MEMBER_OF",))
    rows = []
    for u, v, k in view.in_edges(c, ("MEMBER_OF",)):
        if wanted is not None and view.kind(u) not in wanted:
            continue
        rows.append(Member(cluster=view.name(c), member=view.name(u), kind=view.kind(u),
                           helix=helix(view.kind(u)), country=view.country(u),
                           cluster_id=c, member_id=u, **view.cite(u, v, k)))
    rows.sort(key=lambda r: (_kind_order(r.kind), r.member.casefold(), r.member_id))
    return rows


def member_mix(store: QueryableStore, cluster: str) -> list[KindCount]:
    """How many members of each kind `cluster` has: its triple-helix mix."""
    rows = members(store, cluster)
    counts = Counter(r.kind or "other" for r in rows)
    total = sum(counts.values())
    return [KindCount(kind=k, helix=helix(k), count=n, share=round(n / total, 3))
            for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], _kind_order(kv[0])))]


def clusters(store: QueryableStore, org: str) -> list[Membership]:
    """What `org` is a member of (clusters first, then networks, associations ...)."""
    view, (o,) = around(store, [org], label=ORG, depth=1, types=("MEMBER_OF",))
    rows = [Membership(org=view.name(o), cluster=view.name(v), kind=view.kind(v),
                       country=view.country(v), org_id=o, cluster_id=v, **view.cite(u, v, k))
            for u, v, k in view.out_edges(o, ("MEMBER_OF",))]
    rows.sort(key=lambda r: (_kind_order(r.kind), r.cluster.casefold(), r.cluster_id))
    return rows
