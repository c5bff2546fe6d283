"""The embedded store: a networkx graph in memory, persisted as the SCHEMA exchange JSON.

Writes replace the file atomically (temp file, fsync, rename), so a crash leaves
either the old graph or the new one. A lock file serialises writers: a second
`ingest` on the same store waits for the first instead of losing its work.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import tempfile
import time
from pathlib import Path

import networkx as nx

from ..errors import StoreError
from ..model import Document, Entity, Extraction, Relation
from . import base

LOCK_TIMEOUT = float(os.environ.get("ECOGRAPH_LOCK_TIMEOUT", "600"))


def store_file(location: str | os.PathLike) -> Path:
    p = Path(location).expanduser()
    if p.suffix.lower() == ".json":
        return p
    return p / "graph.json"


class EmbeddedStore:
    """A `GraphStore` in one JSON file. `writable=True` holds the writer lock until `close()`."""

    def __init__(self, location: str | os.PathLike, *, writable: bool = False):
        self.path = store_file(location)
        self.url = str(self.path)
        self.writable = writable
        self._lock_fd: int | None = None
        self._dirty = False
        self.G = nx.MultiDiGraph()  # node attr "entity", edge key = type, edge attr "relation"
        self._docs: dict[str, Document] = {}
        self._by_source: dict[str, str] = {}  # source -> doc id: `add` looks it up for every document
        if writable:
            self._acquire_lock()
        try:
            self._read()
        except BaseException:
            self.close()
            raise

    # --- files ---------------------------------------------------------------
    def _acquire_lock(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the store at {self.path.parent}: {exc.strerror}") from exc
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise StoreError(f"{self.path} is locked by another ecograph process",
                                     hint="wait for the other ingest to finish, or raise ECOGRAPH_LOCK_TIMEOUT")
                time.sleep(0.1)
        self._lock_fd = fd

    def _read(self) -> None:
        if not self.path.exists():
            return
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot load the store {self.path}: {exc}",
                             hint="the file is not valid ecograph JSON; restore it or point --store elsewhere") from exc
        self._load(data)

    def save(self) -> None:
        """Write the graph if it changed: temp file in the same folder, fsync, atomic rename."""
        if not self._dirty:
            return
        if not self.writable:
            raise StoreError(f"{self.path} was opened read-only")
        data = self.export()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            dfd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        self._dirty = False

    def flush(self) -> None:
        """Make everything added so far durable."""
        self.save()

    def close(self) -> None:
        if self._lock_fd is not None:
            try:
                if self._dirty:
                    self.save()
            finally:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
                self._lock_fd = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- documents -----------------------------------------------------------
    def documents(self) -> list[Document]:
        return sorted(self._docs.values(), key=lambda d: d.id)

    def get_document(self, doc_id: str) -> Document | None:
        return self._docs.get(doc_id)

    def document_by_source(self, source: str) -> Document | None:
        doc_id = self._by_source.get(source)
        return self._docs.get(doc_id) if doc_id is not None else None

    def add(self, extraction: Extraction) -> None:
        doc = extraction.document
        old = self.document_by_source(doc.source)
        if old is not None:
            self._remove(old.id)
        if doc.id in self._docs:
            self._remove(doc.id)
        self._docs[doc.id] = Document(doc.id, doc.source, doc.title, doc.language, doc.ingested_at)
        self._by_source[doc.source] = doc.id
        for e in extraction.entities:
            self._put_entity(base.merge_entity(self.entity(e.id), e))
        for r in extraction.relations:
            self._put_relation(base.merge_relation(self._relation(r.key), r))
        self._dirty = True

    def forget(self, doc_id: str) -> bool:
        if doc_id not in self._docs:
            return False
        self._remove(doc_id)
        self._dirty = True
        return True

    def _remove(self, doc_id: str) -> None:
        gone = self._docs.pop(doc_id, None)
        if gone is not None and self._by_source.get(gone.source) == doc_id:
            del self._by_source[gone.source]
        for u, v, k, rel in list(self.G.edges(keys=True, data="relation")):
            if any(e.document == doc_id for e in rel.evidence):
                rel = base.relation_without_document(rel, doc_id)
                if rel.evidence:
                    self.G.edges[u, v, k]["relation"] = rel
                else:
                    self.G.remove_edge(u, v, k)
        for n, ent in list(self.G.nodes(data="entity")):
            if doc_id in ent.mentions:
                ent = base.without_document(ent, doc_id)
                if ent.mentions or self.G.degree(n):
                    self.G.nodes[n]["entity"] = ent
                else:
                    self.G.remove_node(n)

    # --- entities and relations ----------------------------------------------
    def _put_entity(self, e: Entity) -> None:
        self.G.add_node(e.id, entity=e)

    def _put_relation(self, r: Relation) -> None:
        self.G.add_edge(r.source, r.target, key=r.type, relation=r)

    def _relation(self, key: tuple[str, str, str]) -> Relation | None:
        t, s, o = key
        data = self.G.get_edge_data(s, o, t)
        return data["relation"] if data else None

    def entity(self, entity_id: str) -> Entity | None:
        node = self.G.nodes.get(entity_id)
        return node["entity"] if node else None

    def entities(self, *, label: str | None = None) -> list[Entity]:
        out = [e for _, e in self.G.nodes(data="entity") if label is None or e.label == label]
        return sorted(out, key=lambda e: e.id)

    def relations(self, *, type: str | None = None, source: str | None = None,
                  target: str | None = None) -> list[Relation]:
        if source is not None:
            edges = self.G.out_edges(source, keys=True, data="relation") if source in self.G else []
        elif target is not None:
            edges = self.G.in_edges(target, keys=True, data="relation") if target in self.G else []
        else:
            edges = self.G.edges(keys=True, data="relation")
        out = [r for _, _, k, r in edges
               if (type is None or k == type) and (target is None or r.target == target)]
        return sorted(out, key=lambda r: r.key)

    def to_networkx(self) -> nx.MultiDiGraph:
        return base.build_networkx(self.entities(), self.relations(), self.documents())

    def export(self) -> dict:
        return base.exchange(self.documents(), self.entities(), self.relations())

    def load(self, data: dict) -> None:
        self.clear()
        self._load(data)
        self._dirty = True

    def _load(self, data: dict) -> None:
        docs, ents, rels = base.parse_exchange(data)
        self._docs = {d.id: d for d in docs}
        self._by_source = {d.source: d.id for d in docs}
        for e in ents:
            self._put_entity(e)
        for r in rels:
            if r.source not in self.G or r.target not in self.G:
                raise StoreError(f"{self.path}: relation {r.key} names an unknown entity")
            self._put_relation(r)

    def clear(self) -> None:
        self.G = nx.MultiDiGraph()
        self._docs = {}
        self._by_source = {}
        self._dirty = True
