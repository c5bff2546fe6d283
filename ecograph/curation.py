"""Curation that survives rebuilds: merge, split and reject decisions in a plain JSON file.

Researchers correct the graph where the extractor is wrong. Their decisions are
kept in `curation.json` beside the store (put it under version control) and
applied to every later ingest by the resolver, so a rebuild from the same
documents gives the curated graph again:

- merge: entity `from` is the same as entity `into` (its names become aliases);
- split: a surface name must not be resolved into any other entity;
- reject: the edge (type, source, target) is wrong whatever a document says.
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
from .model import Entity, Extraction, Relation
from .store import base


@dataclass
class Curation:
    path: Path | None = None
    merges: list[dict] = field(default_factory=list)   # {"from": id, "into": id, "reason", "at"}
    splits: list[dict] = field(default_factory=list)   # {"name": str, "label": str, "reason", "at"}
    rejects: list[dict] = field(default_factory=list)  # {"type", "source", "target", "reason", "at"}

    # --- file ------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike) -> "Curation":
        path = Path(path)
        if not path.exists():
            return cls(path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path=path, merges=list(data.get("merges", [])), splits=list(data.get("splits", [])),
                       rejects=list(data.get("rejects", [])))
        except (OSError, ValueError, AttributeError) as exc:
            raise EcographError(f"cannot read curation file {path}: {exc}",
                                hint="fix or remove the file; it is plain JSON") from exc

    def save(self) -> None:
        if self.path is None:
            raise EcographError("this curation has no file to save to")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"merges": self.merges, "splits": self.splits, "rejects": self.rejects}
        fd, tmp = tempfile.mkstemp(prefix=".curation-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, self.path)

    # --- decisions -------------------------------------------------------------
    def merge(self, from_id: str, into_id: str, reason: str = "") -> None:
        if from_id == into_id:
            raise EcographError("cannot merge an entity into itself")
        self.merges = [m for m in self.merges if m["from"] != from_id]
        self.merges.append({"from": from_id, "into": into_id, "reason": reason, "at": _now()})

    def split(self, name: str, label: str, reason: str = "") -> None:
        self.splits = [s for s in self.splits if norm(s["name"]) != norm(name)]
        self.splits.append({"name": name, "label": label, "reason": reason, "at": _now()})

    def reject(self, rtype: str, source: str, target: str, reason: str = "") -> None:
        r = Relation(type=rtype, source=source, target=target)  # normalises symmetric order
        self.rejects.append({"type": r.type, "source": r.source, "target": r.target,
                             "reason": reason, "at": _now()})

    # --- application -----------------------------------------------------------
    @property
    def split_names(self) -> dict[str, str]:
        """norm(name) -> label of names that stand alone."""
        return {norm(s["name"]): s.get("label", "Organisation") for s in self.splits}

    def _target(self, eid: str) -> str:
        seen = set()
        into = {m["from"]: m["into"] for m in self.merges}
        while eid in into and eid not in seen:
            seen.add(eid)
            eid = into[eid]
        return eid

    def _rejected(self) -> set[tuple[str, str, str]]:
        return {(r["type"], r["source"], r["target"]) for r in self.rejects}

    def apply_parts(self, entities: list[Entity], relations: list[Relation],
                    known: dict[str, Entity] | None = None) -> tuple[list[Entity], list[Relation]]:
        """Merges rename ids (names become aliases), then rejected edges are dropped."""
        known = known or {}
        out: dict[str, Entity] = {}
        for e in entities:
            tid = self._target(e.id)
            if tid != e.id:
                base_e = out.get(tid) or known.get(tid)
                name = base_e.name if base_e else tid.split(":", 1)[1].replace("-", " ")
                e = Entity(id=tid, label=e.label, name=name, kind=e.kind,
                           aliases=sorted((set(e.aliases) | {e.name}) - {name}), country=e.country,
                           founded=e.founded, mentions=dict(e.mentions))
            if e.id in out:
                merged = base.merge_entity(out[e.id], e)
                # two merged entities mentioned in one document: their counts add up
                merged.mentions = {d: out[e.id].mentions.get(d, 0) + e.mentions.get(d, 0)
                                   for d in set(out[e.id].mentions) | set(e.mentions)}
                e = merged
            out[e.id] = e
        rels: dict[tuple, Relation] = {}
        rejected = self._rejected()
        for r in relations:
            r2 = Relation(type=r.type, source=self._target(r.source), target=self._target(r.target),
                          evidence=list(r.evidence))
            if r2.source == r2.target or r2.key in rejected:
                continue
            rels[r2.key] = base.merge_relation(rels.get(r2.key), r2)
        return list(out.values()), list(rels.values())

    def apply(self, ext: Extraction) -> Extraction:
        ents, rels = self.apply_parts(ext.entities, ext.relations)
        return Extraction(document=ext.document, entities=ents, relations=rels)

    def apply_to_store(self, store) -> None:
        """Apply the decisions to what is stored now (merges and rejects; splits need a re-ingest).

        Known limit: this reloads the store from its export, which has no per-document
        attribute records, so afterwards every document counts as describing each entity
        whole: a later `forget` keeps aliases or a country only the forgotten document gave
        (re-ingesting the corpus restores exact provenance)."""
        docs, ents, rels = base.parse_exchange(store.export())
        by_id = {e.id: e for e in ents}
        ents2, rels2 = self.apply_parts(ents, rels, known=by_id)
        store.load(base.exchange(docs, ents2, rels2))
        store.flush()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

