"""Curation decisions taken on a store by name: what the CLI's `merge`, `set`, `reject` and
`confirm` and `ecograph.api.Graph` both call. Names are resolved as every query resolves
them (`lookup.find_entity`); the decisions themselves are `ecograph.curation`'s."""
from __future__ import annotations

from ecograph.curation import Curation
from ecograph.errors import EcographError
from ecograph.model import RELATION_TYPES, Entity, Relation
from ecograph.store.protocol import QueryableStore

from .lookup import find_entity


def merge_entities(store: QueryableStore, cur: Curation, keep: str, other: str, reason: str = "") -> tuple[Entity, Entity]:
    """Record that the entity named `other` is the one named `keep`, save, and apply now."""
    a, b = find_entity(store, keep), find_entity(store, other)
    if a.label != b.label:
        raise EcographError(f"cannot merge a {b.label} into a {a.label}",
                            hint="`ecograph set` fixes a kind; an Organisation and a Programme stay two nodes")
    cur.merge(b.id, a.id, reason)
    cur.save()
    cur.apply_to_store(store)
    return a, b


def set_entity(store: QueryableStore, cur: Curation, name: str, *, new_name: str | None = None, kind: str | None = None,
               country: str | None = None, reason: str = "") -> Entity:
    """Record the canonical name, kind or country of the entity `name`, save, and apply now."""
    e = find_entity(store, name)
    cur.set(e, name=new_name, kind=kind, country=country, reason=reason)
    cur.save()
    cur.apply_to_store(store)
    return e


def edge_decision(store: QueryableStore, cur: Curation, source: str, rtype: str, target: str, *, confirm: bool,
                  reason: str = "") -> tuple[Entity, Entity]:
    """Record that an edge is wrong (reject) or checked (confirm; it must exist), save, apply now."""
    rtype = rtype.upper()
    if rtype not in RELATION_TYPES:
        raise EcographError(f"unknown relation type {rtype!r}", hint="one of " + ", ".join(RELATION_TYPES))
    s, t = find_entity(store, source), find_entity(store, target)
    if confirm:
        key = Relation(type=rtype, source=s.id, target=t.id).key
        if not store.relations(type=rtype, source=key[1], target=key[2]):
            raise EcographError(f"no {rtype} edge between {s.name} and {t.name} to confirm",
                                hint="`ecograph review` lists the edges to check")
        cur.confirm(rtype, s.id, t.id, reason)
    else:
        cur.reject(rtype, s.id, t.id, reason)
    cur.save()
    cur.apply_to_store(store)
    return s, t
