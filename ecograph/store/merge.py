"""The merge rules every store applies, once, so the embedded store and Neo4j give the
same answers.

A store holds documents, entities and relations. Every entity mention and every
piece of evidence belongs to one document, so a document can be replaced or
forgotten and the graph keeps exactly what the other documents still support.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, NamedTuple

from ..ids import norm
from ..model import kind_rank, Entity, Evidence, Extraction, Relation

# --- merge rules -------------------------------------------------------------
#
# An entity's merged attributes (name, aliases, kind, country, founded) are a fold of
# what each document says about it, oldest document first. Stores keep each document's
# `Attributes` (its "record") beside the merged view, so that when a document is
# forgotten or replaced the view is folded again from the documents that remain: an
# alias or a country only that document gave goes with it.
#
# Order: every document has a place (`seq`) in the order documents were added; a
# document that replaces another (same source, or the same id again) takes the place of
# the one it replaces, so re-ingesting a corpus, with or without --force, in any order,
# folds in the same order and gives the same graph. A record under the key "" is the
# "unattributed" description (data loaded without provenance, or an entity still linked
# after its last document went): it folds first and is never removed by a forget.

class Attributes(NamedTuple):
    """What one document says about an entity: the merged part of an `Entity`."""
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None
    founded: int | None = None

    @classmethod
    def of(cls, e: Entity) -> "Attributes":
        return cls(e.name, tuple(sorted(set(e.aliases))), e.kind, e.country, e.founded)


def combine(old: Attributes | None, new: Attributes) -> Attributes:
    """THE merge rule, for stored-with-new and for folding documents in order.

    The first name stays canonical (ids never change), unless a later one is its fuller form
    (`fuller_name`: "Atlas" → "Atlas Cluster"); other names and aliases accumulate; the kind of stronger evidence wins (`model.KIND_PRECEDENCE`; on a tie the
    older), so one document calling a cluster "X Morocco" cannot make it a company; the
    first known country and founding year are kept. Associative, so folding a document's records one at a time or all at
    once gives the same result."""
    if old is None:
        return Attributes(new.name, tuple(sorted(set(new.aliases) - {new.name})), new.kind,
                          new.country, new.founded)
    name = new.name if fuller_name(old.name, new.name) else old.name
    aliases = set(old.aliases) | set(new.aliases) | {old.name, new.name}
    aliases.discard(name)
    kind = new.kind if kind_rank(new.kind) < kind_rank(old.kind) else old.kind
    return Attributes(name, tuple(sorted(aliases)), kind,
                      old.country if old.country is not None else new.country,
                      old.founded if old.founded is not None else new.founded)


# Words that complete a bare name into the one people use: "Atlas" is "Atlas Cluster".
_NAME_HEADS = frozenset({"cluster", "pole", "technopole"})


def fuller_name(old: str, new: str) -> bool:
    """Whether `new` is `old` with its kind word added ("Atlas" → "Atlas Cluster" / "Cluster
    Atlas"; not after an acronym): a strict order (more words), so folding a record again never
    changes the name."""
    if old.isupper() and " " not in old.strip():
        return False  # an acronym ("CE3M") is the name people use, with or without "Cluster"
    a, b = norm(old).split(), norm(new).split()
    extra = set(b) - set(a)
    return bool(a) and set(a) <= set(b) and len(b) > len(a) and bool(extra) and extra <= _NAME_HEADS


def fold(records: Iterable[tuple[Any, Attributes]]) -> Attributes | None:
    """Fold (sort key, record) pairs in key order; None when there is none.

    Keys are (seq, document id): `seq` is the document's place, -1 for the "" record."""
    out = None
    for _, a in sorted(records, key=lambda kv: kv[0]):
        out = combine(out, a)
    return out


def with_attributes(e: Entity, a: Attributes) -> Entity:
    return Entity(id=e.id, label=e.label, name=a.name, kind=a.kind, aliases=list(a.aliases),
                  country=a.country, founded=a.founded, mentions=dict(e.mentions))


def merge_entity(old: Entity | None, new: Entity) -> Entity:
    """Combine a stored entity with a new document's view of it (`combine`), mentions united."""
    first = old if old is not None else new
    a = combine(Attributes.of(old) if old is not None else None, Attributes.of(new))
    mentions = dict(old.mentions) if old is not None else {}
    mentions.update(new.mentions)
    return Entity(id=first.id, label=first.label, name=a.name, kind=a.kind, aliases=list(a.aliases),
                  country=a.country, founded=a.founded, mentions=mentions)


def contributions(extraction: Extraction) -> list[Entity]:
    """Each entity one document contributes, once per id (repeats folded in order, as
    `merge_entity` folds them), and mentioned in that document at least once: its record
    is kept with that mention (in Neo4j on the MENTIONED_IN relationship)."""
    out: dict[str, Entity] = {}
    for e in extraction.entities:
        out[e.id] = merge_entity(out.get(e.id), e)
    for e in out.values():
        e.mentions.setdefault(extraction.document.id, 1)
    return list(out.values())


def refold(entity: Entity, records: dict[str, Attributes],
           key: Callable[[str], tuple]) -> tuple[Entity, dict[str, Attributes]]:
    """An entity after some of its records went, folded again from the rest (`key`: a
    document id -> its sort key). One that no document describes any more but a relation
    still names keeps its last description, unattributed (the "" record)."""
    if not records:
        records = {"": Attributes.of(entity)}
    return with_attributes(entity, fold((key(d), a) for d, a in records.items())), records


def merge_relation(old: Relation | None, new: Relation) -> Relation:
    """Union of evidence, one record per (document, span, method)."""
    seen: dict[tuple, Evidence] = {}
    for e in (old.evidence if old else []) + new.evidence:
        seen.setdefault(e.key(), e)
    ev = sorted(seen.values(), key=lambda e: (e.document, e.start, e.end, e.method))
    return Relation(type=new.type, source=new.source, target=new.target, evidence=ev)


def relation_without_document(rel: Relation, doc_id: str) -> Relation:
    return Relation(type=rel.type, source=rel.source, target=rel.target,
                    evidence=[e for e in rel.evidence if e.document != doc_id])
