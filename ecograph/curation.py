"""Curation that survives rebuilds: decisions in a plain JSON file, re-applied at every ingest.

Researchers correct the graph where the extractor is wrong. Their decisions are
kept in `curation.json` beside the store (put it under version control) and
applied to every later ingest by the resolver, so a rebuild from the same
documents gives the curated graph again:

- merge: entity `from` is the same as entity `into` (its names become aliases);
- split: a surface name must not be resolved into any other entity;
- set: an entity's canonical name, kind or country, whatever the documents say;
- reject: the edge (type, source, target) is wrong whatever a document says;
- confirm: a curator checked the edge (review no longer lists it; a confirm and a reject of
  one edge replace each other).

Decisions apply to each document's own record of an entity (`store.merge.Attributes`), not
only to the merged view, so a later `forget` still removes exactly what that document said.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .errors import EcographError
from .ids import norm
from .model import ORG_KINDS, PLACE_KINDS, PROGRAMME_KINDS, Entity, Extraction, Relation
from .store.merge import Attributes, combine, merge_entity, merge_relation, refold, with_attributes
from .store.exchange import PROVENANCE, exchange, provenance, stored_state

_KINDS = {"Organisation": ORG_KINDS, "Programme": PROGRAMME_KINDS, "Place": PLACE_KINDS}
_SECTIONS = ("merges", "splits", "sets", "rejects", "confirms")


@dataclass
class Curation:
    path: Path | None = None
    merges: list[dict] = field(default_factory=list)   # {"from": id, "into": id, "reason", "at"}
    splits: list[dict] = field(default_factory=list)   # {"name": str, "label": str, "reason", "at"}
    sets: list[dict] = field(default_factory=list)     # {"id", "name"?, "kind"?, "country"?, "reason", "at"}
    rejects: list[dict] = field(default_factory=list)  # {"type", "source", "target", "reason", "at"}
    confirms: list[dict] = field(default_factory=list)  # {"type", "source", "target", "reason", "at"}

    # --- file ------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike) -> "Curation":
        path = Path(path)
        if not path.exists():
            return cls(path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path=path, **{k: list(data.get(k, [])) for k in _SECTIONS})
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            raise EcographError(f"cannot read curation file {path}: {exc}",
                                hint="fix or remove the file; it is plain JSON") from exc

    def save(self) -> None:
        if self.path is None:
            raise EcographError("this curation has no file to save to")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {k: getattr(self, k) for k in _SECTIONS}
        fd, tmp = tempfile.mkstemp(prefix=".curation-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, self.path)

    # --- decisions -------------------------------------------------------------
    def merge(self, from_id: str, into_id: str, reason: str = "") -> None:
        if from_id == into_id:
            raise EcographError("cannot merge an entity into itself")
        if self._target(into_id) == from_id:
            raise EcographError(f"{into_id} is already merged into {from_id}; merge the other way round")
        self.merges = [m for m in self.merges if m["from"] != from_id]
        self.merges.append({"from": from_id, "into": into_id, "reason": reason, "at": _now()})

    def split(self, name: str, label: str, reason: str = "") -> None:
        self.splits = [s for s in self.splits if norm(s["name"]) != norm(name)]
        self.splits.append({"name": name, "label": label, "reason": reason, "at": _now()})

    def set(self, entity: Entity, *, name: str | None = None, kind: str | None = None,
            country: str | None = None, reason: str = "") -> None:
        """Fix an entity's canonical name, kind or country (fields not given keep an earlier decision)."""
        if name is not None and not norm(name):
            raise EcographError(f"invalid name {name!r}", hint="a name needs letters or digits")
        if kind is not None and kind not in _KINDS.get(entity.label, ()):
            raise EcographError(f"{kind!r} is not a kind of {entity.label}",
                                hint="one of " + ", ".join(_KINDS.get(entity.label, ())))
        if country is not None and not country.strip():
            raise EcographError("empty country")
        if name is None and kind is None and country is None:
            raise EcographError("nothing to set", hint="give --name, --kind or --country")
        old = next((x for x in self.sets if x["id"] == entity.id), {})
        new = {k: v for k, v in old.items() if k in ("name", "kind", "country")}
        new.update({k: v.strip() for k, v in (("name", name), ("kind", kind), ("country", country)) if v is not None})
        self.sets = [x for x in self.sets if x["id"] != entity.id]
        self.sets.append({"id": entity.id, **new, "reason": reason, "at": _now()})

    def reject(self, rtype: str, source: str, target: str, reason: str = "") -> None:
        self._edge_decision("rejects", "confirms", rtype, source, target, reason)

    def confirm(self, rtype: str, source: str, target: str, reason: str = "") -> None:
        self._edge_decision("confirms", "rejects", rtype, source, target, reason)

    def _edge_decision(self, into: str, undo: str, rtype, source, target, reason) -> None:
        r = Relation(type=rtype, source=source, target=target)  # normalises symmetric order
        same = lambda x: (x["type"], x["source"], x["target"]) == r.key  # noqa: E731
        setattr(self, undo, [x for x in getattr(self, undo) if not same(x)])
        setattr(self, into, [x for x in getattr(self, into) if not same(x)] +
                [{"type": r.type, "source": r.source, "target": r.target, "reason": reason, "at": _now()}])

    # --- application -----------------------------------------------------------
    @property
    def split_names(self) -> dict[str, str]:
        """norm(name) -> label of names that stand alone."""
        return {norm(s["name"]): s.get("label", "Organisation") for s in self.splits}

    @property
    def confirmed(self) -> set[tuple[str, str, str]]:
        return {(r["type"], r["source"], r["target"]) for r in self.confirms}

    def _target(self, eid: str) -> str:
        seen = set()
        into = {m["from"]: m["into"] for m in self.merges}
        while eid in into and eid not in seen:
            seen.add(eid)
            eid = into[eid]
        return eid

    def _rejected(self) -> set[tuple[str, str, str]]:
        return {(r["type"], r["source"], r["target"]) for r in self.rejects}

    def curate(self, eid: str, a: Attributes, into_name: str | None) -> tuple[str, Attributes]:
        """One description (a document's record or a view) of `eid` after the decisions: the id it
        merges into, with that entity's name (its own becomes an alias), then the settings."""
        tid = self._target(eid)
        setting = next((x for x in reversed(self.sets) if x["id"] == tid), {})
        name = setting.get("name") or (into_name if tid != eid and into_name else a.name)
        aliases = (set(a.aliases) | {a.name}) - {name}
        return tid, Attributes(name, tuple(sorted(aliases)), setting.get("kind") or a.kind,
                                    setting.get("country") or a.country, a.founded)

    def apply_parts(self, entities: list[Entity], relations: list[Relation],
                    known: dict[str, Entity] | None = None) -> tuple[list[Entity], list[Relation]]:
        """Each entity curated (`curate`; `known`: stored entities, for the name a merge keeps),
        those now sharing an id combined; then relations renamed and rejected edges dropped."""
        known = known or {}
        out: dict[str, Entity] = {}
        for e in entities:
            tid = self._target(e.id)
            into = out.get(tid) or known.get(tid)
            tid, a = self.curate(e.id, Attributes.of(e), into.name if into is not None else None)
            e2 = with_attributes(Entity(id=tid, label=e.label, name=a.name, mentions=dict(e.mentions)), a)
            if tid in out:
                merged = merge_entity(out[tid], e2)
                # two merged entities mentioned in one document: their counts add up
                merged.mentions = {d: out[tid].mentions.get(d, 0) + e2.mentions.get(d, 0)
                                   for d in set(out[tid].mentions) | set(e2.mentions)}
                e2 = merged
            out[tid] = e2
        return list(out.values()), self._relations(relations)

    def _relations(self, relations: list[Relation]) -> list[Relation]:
        rels: dict[tuple, Relation] = {}
        rejected = self._rejected()
        for r in relations:
            r2 = Relation(type=r.type, source=self._target(r.source), target=self._target(r.target),
                          evidence=list(r.evidence))
            if r2.source == r2.target or r2.key in rejected:
                continue
            rels[r2.key] = merge_relation(rels.get(r2.key), r2)
        return list(rels.values())

    def apply(self, ext: Extraction, known: dict[str, Entity] | None = None) -> Extraction:
        ents, rels = self.apply_parts(ext.entities, ext.relations, known)
        return Extraction(document=ext.document, entities=ents, relations=rels)

    def apply_to_store(self, store) -> None:
        """Apply the decisions to what is stored now, record by record: each document's own
        description of each entity is curated (`curate`) and the store reloaded with them, so
        a later `forget` removes what only the forgotten document said (splits need a re-ingest)."""
        docs, ents, rels, records = stored_state(store.saved_state())
        order = [d.id for d in docs]  # stored_state gives them in the order they were added
        rank = {d: i for i, d in enumerate(order)}
        key = lambda d: (rank.get(d, -1), d)  # noqa: E731
        by_id = {e.id: e for e in ents}
        new_recs: dict[str, dict[str, Attributes]] = {}
        shells: dict[str, Entity] = {}
        for e in ents:
            into = by_id.get(self._target(e.id))
            for doc, a in records[e.id].items():
                tid, a2 = self.curate(e.id, a, into.name if into is not None else None)
                recs = new_recs.setdefault(tid, {})
                recs[doc] = combine(recs[doc], a2) if doc in recs else a2
            tid = self._target(e.id)
            shell = shells.get(tid) or Entity(id=tid, label=(into or e).label, name="", mentions={})
            for d, c in e.mentions.items():
                shell.mentions[d] = shell.mentions.get(d, 0) + c
            shells[tid] = shell
        ents2 = [refold(shells[t], new_recs[t], key)[0] for t in shells]
        data = exchange(docs, ents2, self._relations(rels))
        data[PROVENANCE] = provenance(order, [(e, new_recs[e.id]) for e in ents2])
        store.load(data)
        store.flush()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
