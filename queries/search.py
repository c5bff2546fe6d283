"""Finding entities: by name (forgiving: case, accents, punctuation, aliases, typos)
and by label, kind, country and sector."""
from __future__ import annotations

from dataclasses import dataclass

from ecograph.errors import EcographError
from ecograph.ids import norm
from ecograph.model import LABELS
from ecograph.store.protocol import QueryableStore

from . import options
from .lookup import similar
from .view import full_view


@dataclass
class Hit:
    name: str
    label: str | None
    kind: str | None
    country: str | None
    sectors: str  # "; "-joined ACTIVE_IN sector names
    score: float | None  # 0..100 name similarity; None when no query was given
    documents: int  # how many documents mention it
    aliases: str
    id: str


def search(store: QueryableStore, query: str | None = None, *, label: str | None = None, kind=None,
           country: str | None = None, sector: str | None = None, limit: int | None = 20) -> list[Hit]:
    """Entities whose name or alias resembles `query` (best first), or, with no query, every
    entity passing the filters (by name). `country` matches the entity's country (own or via
    its place) accent- and case-insensitively; `sector` matches part of a sector's name."""
    if label is not None:
        match = [lab for lab in LABELS if lab.lower() == label.lower()]
        if not match:
            raise EcographError(f"unknown label {label!r}", hint="one of " + ", ".join(LABELS))
        label = match[0]
    wanted = options.kinds(kind)
    view = full_view(store)
    if query:
        # ask for plenty: the filters below may drop most of the close names
        scored = similar(store, query, label=label, limit=10_000, cutoff=60.0)
    else:
        scored = [(n, None) for n in sorted(view.G.nodes, key=view.sort_key)
                  if view.label(n) != "Document" and (label is None or view.label(n) == label)]
    want_country = norm(country) if country else None
    want_sector = norm(sector) if sector else None
    rows = []
    for n, score in scored:
        if n not in view.G:
            continue
        if wanted is not None and view.kind(n) not in wanted:
            continue
        c = view.country(n)
        if want_country is not None and (not c or norm(c) != want_country):
            continue
        sectors = view.sectors(n)
        if want_sector is not None and not any(want_sector in norm(s) for s in sectors):
            continue
        attrs = view.G.nodes[n]
        rows.append(Hit(name=view.name(n), label=view.label(n), kind=view.kind(n), country=c,
                        sectors="; ".join(sectors), score=score,
                        documents=len(attrs.get("mentions") or {}),
                        aliases="; ".join(attrs.get("aliases") or []), id=n))
        if limit and len(rows) >= limit:
            break
    return rows
