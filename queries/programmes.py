"""Programmes: what an organisation runs, funds, supports or takes part in; who takes
part in a programme; and funder -> programme -> participant chains.

A programme's parts (PART_OF: tracks, phases, calls) count as the programme: taking
part in "the Cluster Booster Track" of a funded programme is taking part in it. The
row then names the part in `part` so nothing is silently merged.
"""
from __future__ import annotations

from ecograph.store.protocol import QueryableStore

from . import options
from .evidence import cited
from .lookup import resolve
from .view import GraphView, full_view

ORG, PROG = "Organisation", "Programme"
ROLES = {"RUNS": "runs", "FUNDS": "funds", "PARTICIPATES_IN": "participates",
         "SUPPORTS": "supports", "LABELLED_BY": "labelled by"}
DEFAULT_TYPES = tuple(ROLES)


@cited()
class ProgrammeTie:
    org: str
    role: str
    programme: str
    kind: str | None  # the programme's kind
    part_of: str  # the programmes this one is part of, "; "-joined
    type: str
    org_id: str
    programme_id: str


@cited("funder_{}", "participant_{}")
class Chain:
    """funder_ columns cite the funding, participant_ columns the participation."""
    funder: str
    programme: str
    participant: str
    part: str  # the part of the programme the participant is in; "" when the programme itself
    funder_id: str
    programme_id: str
    participant_id: str


def _role_order(rtype: str) -> int:
    return list(ROLES).index(rtype) if rtype in ROLES else len(ROLES)


def _parents(view: GraphView, p: str) -> list[str]:
    """Programmes `p` is (transitively) part of, nearest first."""
    out, frontier = [], [p]
    while frontier:
        nxt = []
        for n in frontier:
            for t in view.targets(n, "PART_OF"):
                if t not in out and t != p and view.label(t) == PROG:
                    out.append(t)
                    nxt.append(t)
        frontier = nxt
    return out


def _parts(view: GraphView, p: str) -> list[str]:
    """`p` and the programmes that are (transitively) part of it, `p` first."""
    out, frontier = [p], [p]
    while frontier:
        nxt = []
        for n in frontier:
            for u, _, _ in view.in_edges(n, ("PART_OF",)):
                if u not in out and view.label(u) == PROG:
                    out.append(u)
                    nxt.append(u)
        frontier = nxt
    return out


def _tie(view: GraphView, u: str, v: str, k: str) -> ProgrammeTie:
    return ProgrammeTie(org=view.name(u), role=ROLES.get(k, k.lower()), programme=view.name(v),
                        kind=view.kind(v), part_of="; ".join(view.name(x) for x in _parents(view, v)),
                        type=k, org_id=u, programme_id=v, **view.cite(u, v, k))


def programmes(store: QueryableStore, org: str, *, types=None) -> list[ProgrammeTie]:
    """Programmes `org` runs, funds, takes part in, supports or is labelled by."""
    types = options.relation_types(types, DEFAULT_TYPES)
    view = full_view(store)
    o = resolve(store, org, label=ORG)
    rows = [_tie(view, u, v, k) for u, v, k in view.out_edges(o, types) if view.label(v) == PROG]
    rows.sort(key=lambda r: (_role_order(r.type), r.programme.casefold(), r.programme_id))
    return rows


def participants(store: QueryableStore, programme: str, *, types=("PARTICIPATES_IN",), parts: bool = True) -> list[ProgrammeTie]:
    """Organisations tied to `programme` (by default: taking part in it), including those
    in its parts unless `parts=False`; `types="all"`-style lists add runners, funders ..."""
    types = options.relation_types(types, ("PARTICIPATES_IN",))
    view = full_view(store)
    p = resolve(store, programme, label=PROG)
    scope = _parts(view, p) if parts else [p]
    rows = [_tie(view, u, v, k) for q in scope for u, v, k in view.in_edges(q, types)
            if view.label(u) == ORG]
    rows.sort(key=lambda r: (_role_order(r.type), r.org.casefold(), r.programme_id != p,
                             r.programme.casefold(), r.org_id))
    return rows


def chains(store: QueryableStore, funder=None, participant=None, *, programme: str | None = None,
           funding_types=("FUNDS",)) -> list[Chain]:
    """Funder -FUNDS-> programme <-PARTICIPATES_IN- participant, for any, one or several
    funders and participants ("which EU- or GIZ-funded programmes did CE3M take part in?":
    `chains(store, funder=["EU", "GIZ"], participant="CE3M")`)."""
    funding_types = options.relation_types(funding_types, ("FUNDS",))
    view = full_view(store)
    funders = {resolve(store, n, label=ORG) for n in options.names(funder)} or None
    takers = {resolve(store, n, label=ORG) for n in options.names(participant)} or None
    only = resolve(store, programme, label=PROG) if programme else None
    best: dict[tuple[str, str, str], Chain] = {}
    for f, p, fk in view.edges(funding_types):
        if view.label(p) != PROG or (funders is not None and f not in funders):
            continue
        if only is not None and p != only:
            continue
        for q in _parts(view, p):  # the programme itself first, then its parts
            for o, _, ok in view.in_edges(q, ("PARTICIPATES_IN",)):
                if takers is not None and o not in takers:
                    continue
                key = (f, p, o)
                if key in best:
                    continue  # direct participation beats participation in a part
                best[key] = Chain(funder=view.name(f), programme=view.name(p), participant=view.name(o),
                                  part="" if q == p else view.name(q),
                                  funder_id=f, programme_id=p, participant_id=o,
                                  **view.cite(f, p, fk, "funder_{}"),
                                  **view.cite(o, q, ok, "participant_{}"))
    return sorted(best.values(), key=lambda c: (c.funder.casefold(), c.programme.casefold(),
                                                c.participant.casefold(), c.funder_id,
                                                c.programme_id, c.participant_id))
