"""Who works with whom: partners of an organisation (to depth n), all partner pairs,
common partners of two organisations, and cross-border ties.

By default only PARTNERS_WITH counts as partnership; `types=` widens it (e.g.
"PARTNERS_WITH,MEMBER_OF"). Traversal ignores direction. Only organisations are
reported as partners; other nodes (a programme two organisations share, say) may
sit on the way and are named in `via`.
"""
from __future__ import annotations

from ecograph.ids import norm
from ecograph.model import SYMMETRIC
from ecograph.store.protocol import QueryableStore

from . import options
from .evidence import cited
from .lookup import resolve
from .view import GraphView, arrow, around, full_view

DEFAULT_TYPES = ("PARTNERS_WITH",)
ORG = "Organisation"


@cited()
class Partner:
    """One partner reached from `org`; the evidence is that of the last hop (via -> partner)."""
    org: str
    partner: str
    kind: str | None
    country: str | None
    depth: int
    type: str
    arrow: str  # "--" symmetric, "->" stored from the left side, "<-" towards it
    via: str  # intermediaries from org to partner, " > "-joined; "" at depth 1
    org_id: str
    partner_id: str


@cited("{}_a", "{}_b")
class CommonPartner:
    """A partner of both; `_a` columns cite its tie to `a`, `_b` to `b`."""
    partner: str
    kind: str | None
    country: str | None
    type_a: str
    type_b: str
    partner_id: str


@cited()
class CrossBorderTie:
    org_a: str
    country_a: str
    org_b: str
    country_b: str
    type: str
    arrow: str
    org_a_id: str
    org_b_id: str


def partners(store: QueryableStore, org: str | None = None, *, depth: int = 1, types=None) -> list[Partner]:
    """Partners of `org` up to `depth` hops, nearest first; every partner pair when `org` is None."""
    types = options.relation_types(types, DEFAULT_TYPES)
    depth = options.depth(depth)
    if org is None:
        return _pairs(full_view(store), types)
    # the neighbourhood to `depth` holds every tie of the nodes the search expands
    view, (center,) = around(store, [org], label=ORG, depth=depth, types=types)
    H = view.undirected(types)
    # Breadth-first with neighbours in name order, so the reported route is stable
    parent: dict[str, str] = {center: center}
    dist = {center: 0}
    frontier = [center]
    for d in range(1, depth + 1):
        nxt = []
        for n in frontier:
            for m in sorted(H.neighbors(n), key=view.sort_key):
                if m not in dist:
                    dist[m], parent[m] = d, n
                    nxt.append(m)
        frontier = nxt
    rows = []
    for n, d in dist.items():
        if n == center or view.label(n) != ORG:
            continue
        route = [n]
        while route[-1] != center:
            route.append(parent[route[-1]])
        route.reverse()  # center ... n
        u, v, k, arr = view.hop(route[-2], n, types)
        rows.append(Partner(org=view.name(center), partner=view.name(n), kind=view.kind(n),
                            country=view.country(n), depth=d, type=k, arrow=arr,
                            via=" > ".join(view.name(x) for x in route[1:-1]),
                            org_id=center, partner_id=n, **view.cite(u, v, k)))
    rows.sort(key=lambda r: (r.depth, r.partner.casefold(), r.partner_id))
    return rows


def _pairs(view: GraphView, types: tuple[str, ...]) -> list[Partner]:
    """Every pair of organisations joined by one of `types`, one row per pair."""
    H = view.undirected(types)
    rows = []
    for a, b in H.edges:
        if view.label(a) != ORG or view.label(b) != ORG:
            continue
        u, v, k, _ = view.hop(a, b, types)
        left, right = (u, v)
        if k in SYMMETRIC and view.sort_key(v) < view.sort_key(u):
            left, right = v, u  # symmetric: read alphabetically
        rows.append(Partner(org=view.name(left), partner=view.name(right), kind=view.kind(right),
                            country=view.country(right), depth=1, type=k, arrow=arrow(k, True), via="",
                            org_id=left, partner_id=right, **view.cite(u, v, k)))
    rows.sort(key=lambda r: (r.org.casefold(), r.partner.casefold(), r.org_id, r.partner_id))
    return rows


def common_partners(store: QueryableStore, a: str, b: str, *, types=None) -> list[CommonPartner]:
    """Organisations directly tied to both `a` and `b`, with the evidence for each tie."""
    types = options.relation_types(types, DEFAULT_TYPES)
    view, (ea, eb) = around(store, [a, b], label=ORG, depth=1, types=types)
    H = view.undirected(types)
    shared = (set(H.neighbors(ea)) & set(H.neighbors(eb))) - {ea, eb}
    rows = []
    for n in sorted(shared, key=view.sort_key):
        if view.label(n) != ORG:
            continue
        ua, va, ka, _ = view.hop(ea, n, types)
        ub, vb, kb, _ = view.hop(eb, n, types)
        rows.append(CommonPartner(partner=view.name(n), kind=view.kind(n), country=view.country(n),
                                  type_a=ka, type_b=kb, partner_id=n,
                                  **view.cite(ua, va, ka, "{}_a"), **view.cite(ub, vb, kb, "{}_b")))
    return rows


def cross_border(store: QueryableStore, org: str | None = None, *, types=None) -> list[CrossBorderTie]:
    """Ties between organisations whose countries are known and differ (optionally only `org`'s).

    An organisation's country is its `country` attribute or that of the place it is
    LOCATED_IN; a tie where either country is unknown is left out, not guessed."""
    types = options.relation_types(types, DEFAULT_TYPES)
    view = full_view(store)
    only = resolve(store, org, label=ORG) if org is not None else None
    H = view.undirected(types)
    rows = []
    for a, b in H.edges:
        if view.label(a) != ORG or view.label(b) != ORG:
            continue
        if only is not None and only not in (a, b):
            continue
        ca, cb = view.country(a), view.country(b)
        if not ca or not cb or norm(ca) == norm(cb):
            continue
        u, v, k, arr = view.hop(a, b, types)
        left, right = u, v
        if only is not None and right == only:
            left, right = right, left  # the asked-about organisation reads first
            arr = {"->": "<-", "<-": "->"}.get(arr, arr)
        elif only is None and arr == "--" and view.sort_key(v) < view.sort_key(u):
            left, right = v, u
        rows.append(CrossBorderTie(org_a=view.name(left), country_a=view.country(left),
                                   org_b=view.name(right), country_b=view.country(right),
                                   type=k, arrow=arr, org_a_id=left, org_b_id=right,
                                   **view.cite(u, v, k)))
    rows.sort(key=lambda r: (r.org_a.casefold(), r.org_b.casefold(), r.org_a_id, r.org_b_id))
    return rows
