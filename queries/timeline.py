"""When each relation of an entity appears: `ecograph timeline NAME`.

A relation's time comes from its evidence (`ecograph.dates`): `first_seen` and
`last_seen` are the earliest and latest publication dates of the documents that
state it, `years` the years its sentences state ("signed in 2019", « depuis 2016 »).
Rows read oldest first by `when` (the earliest of those); relations nothing dates
come last, with empty dates.
"""
from __future__ import annotations

from ecograph.dates import bounds, relation_time
from ecograph.model import SYMMETRIC
from ecograph.store.protocol import QueryableStore

from .evidence import cited
from .options import TRAVERSABLE, relation_types
from .view import around


@cited()
class TimelineRow:
    name: str
    when: str          # the earliest date known for the relation ("" if none)
    first_seen: str
    last_seen: str
    years: str         # "; "-joined
    type: str
    arrow: str
    other: str
    other_label: str | None
    id: str
    other_id: str


def timeline(store: QueryableStore, name: str, *, types=None) -> list[TimelineRow]:
    """Every relation of `name` (of `types`, default all but MENTIONED_IN) with its dates."""
    types = relation_types(types, TRAVERSABLE)
    view, (n,) = around(store, [name], label=None, depth=1, types=types, evidence=True)
    rows = []
    edges = [(u, v, k, v, True) for u, v, k in view.out_edges(n, types)]
    edges += [(u, v, k, u, False) for u, v, k in view.in_edges(n, types) if u != v]
    for u, v, k, other, out in edges:
        evidence = view.G.edges[u, v, k].get("evidence") or []
        when = relation_time(evidence, view.documents)
        dates = [d for d in (when["first_seen"], *(f"{y:04d}" for y in when["years"])) if d]
        earliest = min(dates, key=lambda d: bounds(d)[0]) if dates else ""
        rows.append(TimelineRow(name=view.name(n), when=earliest, first_seen=when["first_seen"] or "",
                                last_seen=when["last_seen"] or "",
                                years="; ".join(map(str, when["years"])), type=k,
                                arrow="--" if k in SYMMETRIC else ("->" if out else "<-"),
                                other=view.name(other), other_label=view.label(other), id=n, other_id=other,
                                **view.cite(u, v, k)))
    rows.sort(key=lambda r: (r.when == "", bounds(r.when)[0] if r.when else "", r.type,
                             r.other.casefold(), r.other_id))
    return rows
