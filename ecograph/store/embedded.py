"""The embedded store: a networkx graph in memory, persisted as the SCHEMA exchange JSON.

The file is `export()` plus a `provenance` section: the order documents were added
and what each document says about the entities whose attributes several documents
gave (`store.exchange.stored_state` reads it; a file without it, from an older version,
loads as before). Writes replace the file atomically (temp file, fsync, rename), so a crash leaves
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
from dataclasses import replace
from pathlib import Path
from typing import Callable

import networkx as nx

from ..errors import EcographError, StoreError
from ..exchange import validate
from ..heap import fewer_collections
from ..model import Document, Entity, Extraction, Relation
from .merge import Attributes, contributions, merge_entity, merge_relation, refold, relation_without_document
from .exchange import PROVENANCE, build_networkx, exchange, provenance, stored_state

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
        # node attrs "entity" (the merged view) and "records" (document id -> Attributes,
        # what each document says about it); edge key = type, edge attr "relation"
        self.G = nx.MultiDiGraph()
        self._docs: dict[str, Document] = {}
        self._by_source: dict[str, str] = {}  # source -> doc id: `add` looks it up for every document
        self._seq: dict[str, int] = {}  # doc id -> its place in the fold order (store.merge: order)
        self._next_seq = 0
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
        with fewer_collections():  # opening a large store: ecograph.heap says why
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
        with fewer_collections():
            self._write(self._saved_form())
        self._dirty = False

    def saved_state(self) -> dict:
        """`export()` plus the per-document records (`store.exchange.PROVENANCE`), for a reload that
        keeps them (curation)."""
        return self._saved_form()

    def _saved_form(self) -> dict:
        data = self.export()
        # the exchange dict plus the per-document records, which exports leave out
        data[PROVENANCE] = provenance(
            sorted(self._docs, key=self._seq.__getitem__),
            ((a["entity"], a["records"]) for _, a in self.G.nodes(data=True)))
        return data

    def _write(self, data: dict) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.path.parent)
        except OSError as exc:
            raise StoreError(f"cannot save the store {self.path}: {exc.strerror or exc}") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                # dumps, not dump: only the one-shot encoder is the C one (3x faster here); the
                # string costs the file's size in memory, once, beside a graph several times that
                f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            dfd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except BaseException as exc:
            if os.path.exists(tmp):
                os.unlink(tmp)
            if isinstance(exc, OSError):  # a full disk (ENOSPC), a quota, a file size limit
                raise StoreError(f"cannot save the store {self.path}: {exc.strerror or exc}",
                                 hint="free some space and rerun the command: the file on disk "
                                      "still holds the last saved state") from None
            raise

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

    def __exit__(self, exc_type, exc, tb):
        try:
            self.close()
        except StoreError:
            if exc_type is None:
                raise
            # already failing (e.g. the save that failed a moment ago, on a full disk):
            # the first error is the one to report; the lock is released all the same

    # --- documents -----------------------------------------------------------
    def documents(self) -> list[Document]:
        return sorted(self._docs.values(), key=lambda d: d.id)

    def get_document(self, doc_id: str) -> Document | None:
        return self._docs.get(doc_id)

    def document_by_source(self, source: str) -> Document | None:
        doc_id = self._by_source.get(source)
        return self._docs.get(doc_id) if doc_id is not None else None

    def add(self, extraction: Extraction) -> None:
        self._atomically(f"storing {extraction.document.source}", self._add, extraction)

    def _add(self, extraction: Extraction) -> None:
        doc = extraction.document
        replaced = sorted({d.id for d in (self.document_by_source(doc.source), self._docs.get(doc.id))
                           if d is not None})
        # a replacement takes the place of what it replaces, so the fold order stays (store.merge: order)
        seq = min((self._seq[d] for d in replaced), default=None)
        for d in replaced:
            self._remove(d)
        if seq is None:
            seq, self._next_seq = self._next_seq, self._next_seq + 1
        self._docs[doc.id] = replace(doc, text=None)
        self._by_source[doc.source] = doc.id
        self._seq[doc.id] = seq
        for e in contributions(extraction):
            node = self.G.nodes.get(e.id)
            old = node.get("entity") if node else None
            records = dict(node["records"]) if old is not None else {}
            records[doc.id] = Attributes.of(e)
            merged = merge_entity(old, e)
            if replaced and old is not None:  # not the newest record: fold them all, in order
                merged = refold(merged, records, self._key)[0]
            self._put_entity(merged, records)
        for r in extraction.relations:
            self._put_relation(merge_relation(self._relation(r.key), r))

    def forget(self, doc_id: str) -> bool:
        if doc_id not in self._docs:
            return False
        self._atomically(f"forgetting {doc_id}", self._remove, doc_id)
        return True

    def _atomically(self, doing: str, change: Callable[..., None], *args) -> None:
        """Run one in-memory change all or nothing. The graph has no undo log, so a change
        that fails part-way (a defect, an interrupt) puts the store back to its last saved
        state rather than leave (and later save) half a document; work added since the last
        flush is dropped with it, and the error says a rerun completes the job."""
        self._dirty = True  # first: bumps `version`, so no cached query view looks current mid-change
        try:
            change(*args)
        except BaseException as exc:
            self._reset_to_saved()
            if isinstance(exc, Exception) and not isinstance(exc, EcographError):
                raise StoreError(f"{self.path}: {doing} failed ({type(exc).__name__}: {exc})",
                                 hint="the store was put back to its last saved state; "
                                      "rerun the command to complete the job") from exc
            raise

    def _reset_to_saved(self) -> None:
        self.clear()  # marks dirty, which bumps the version: caches drop what they hold
        self._read()
        self._dirty = False

    def _remove(self, doc_id: str) -> None:
        gone = self._docs.pop(doc_id, None)
        if gone is not None and self._by_source.get(gone.source) == doc_id:
            del self._by_source[gone.source]
        ends = set()  # of dropped relations: an entity no document mentions goes with its last one
        for u, v, k, rel in list(self.G.edges(keys=True, data="relation")):
            if any(e.document == doc_id for e in rel.evidence):
                rel = relation_without_document(rel, doc_id)
                if rel.evidence:
                    self.G.edges[u, v, k]["relation"] = rel
                else:
                    self.G.remove_edge(u, v, k)
                    ends.update((u, v))
        for n in ends:
            if n in self.G and not self.G.degree(n) and not self.G.nodes[n]["entity"].mentions:
                self.G.remove_node(n)
        for n, ent in list(self.G.nodes(data="entity")):
            if doc_id in ent.mentions:
                # a new Entity, not an edit: callers may still hold the one `entities()` gave
                ent = replace(ent, mentions={d: c for d, c in ent.mentions.items() if d != doc_id})
                if ent.mentions or self.G.degree(n):
                    records = {d: a for d, a in self.G.nodes[n]["records"].items() if d != doc_id}
                    self._put_entity(*refold(ent, records, self._key))
                else:
                    self.G.remove_node(n)
        self._seq.pop(doc_id, None)

    def _key(self, doc_id: str) -> tuple[int, str]:
        """Sort key of a record: its document's place; the "" record first."""
        return self._seq.get(doc_id, -1), doc_id

    # --- entities and relations ----------------------------------------------
    def _put_entity(self, e: Entity, records: dict[str, Attributes]) -> None:
        self.G.add_node(e.id, entity=e, records=records)

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
        return build_networkx(self.entities(), self.relations(), self.documents())

    def export(self) -> dict:
        return exchange(self.documents(), self.entities(), self.relations())

    def load(self, data: dict) -> None:
        validate(data)  # the whole file, before anything changes
        def replace_all(data: dict) -> None:
            self.clear()
            with fewer_collections():
                self._load(data)
        self._atomically("loading an exchange file", replace_all, data)

    def _load(self, data: dict) -> None:
        docs, ents, rels, records = stored_state(data)  # docs in the order they were added
        self._docs = {d.id: d for d in docs}
        self._by_source = {d.source: d.id for d in docs}
        self._seq = {d.id: i for i, d in enumerate(docs)}
        self._next_seq = len(docs)
        for e in ents:
            self._put_entity(e, records[e.id])
        for r in rels:
            if r.source not in self.G or r.target not in self.G:
                raise StoreError(f"{self.path}: relation {r.key} names an unknown entity")
            self._put_relation(r)

    def clear(self) -> None:
        self.G = nx.MultiDiGraph()
        self._docs = {}
        self._by_source = {}
        self._seq = {}
        self._next_seq = 0
        self._dirty = True

    # --- read side: version and local reads for the queries ------------------
    #: Counts changes, so caches of derived views (the queries' name index and
    #: whole-graph view) know when they are stale. Every mutation already marks the
    #: store dirty for `save()`; the `_dirty` setter counts those marks, so the write
    #: methods need not know that caches exist.
    version: int = 0

    @property
    def _dirty(self) -> bool:
        return self.__dict__.get("_dirty_flag", False)

    @_dirty.setter
    def _dirty(self, value: bool) -> None:
        if value:
            self.version += 1
        self.__dict__["_dirty_flag"] = bool(value)

    def read_version(self) -> int:
        return self.version

    def neighbourhood(self, ids, *, depth: int, types, context=(), evidence: bool = True) -> nx.MultiDiGraph:
        """Entities within `depth` hops of `ids` over relations of `types` (direction
        ignored), every relation of `types` among them, and their outgoing `context`
        relations with the entities those reach; shaped like `to_networkx()`, with the
        documents these cite or mention and `graph["version"]`. Without `evidence`:
        relations carry none and no documents come along (structure only)."""
        wanted, ctx = set(types), set(context)
        ball = {i for i in ids if i in self.G}
        frontier = set(ball)
        for _ in range(depth):
            reached = set()
            for n in frontier:
                reached.update(m for _, m, k in self.G.out_edges(n, keys=True) if k in wanted)
                reached.update(m for m, _, k in self.G.in_edges(n, keys=True) if k in wanted)
            frontier = reached - ball
            if not frontier:
                break
            ball |= frontier
        entities = {n: self.G.nodes[n]["entity"] for n in ball}
        relations = []
        for n in ball:
            for _, m, k, rel in self.G.out_edges(n, keys=True, data="relation"):
                if (k in wanted and m in ball) or k in ctx:
                    relations.append(rel)
                    entities.setdefault(m, self.G.nodes[m]["entity"])
        if evidence:
            cited = {ev.document for r in relations for ev in r.evidence}
            cited.update(d for e in entities.values() for d in e.mentions)
        else:
            relations, cited = [Relation(r.type, r.source, r.target) for r in relations], set()
        G = build_networkx(sorted(entities.values(), key=lambda e: e.id),
                                sorted(relations, key=lambda r: r.key),
                                [self._docs[d] for d in sorted(cited) if d in self._docs])
        G.graph["version"] = self.version
        return G

    def adjacent(self, ids, types, *, among=None) -> list[tuple[str, str, str]]:
        """(source, target, type) of every relation of `types` touching `ids` (with `among`:
        only those whose other end is in `among`): one breadth-first step."""
        wanted, out = set(types), set()
        ends = set(among) if among is not None else None
        for n in ids:
            if n in self.G:
                out.update((n, m, k) for _, m, k in self.G.out_edges(n, keys=True)
                           if k in wanted and (ends is None or m in ends))
                out.update((m, n, k) for m, _, k in self.G.in_edges(n, keys=True)
                           if k in wanted and (ends is None or m in ends))
        return sorted(out)

    def entity_names(self) -> list[tuple[str, str, str, list[str]]]:
        """(id, label, name, aliases) of every entity, by id: what name lookup needs."""
        return sorted((e.id, e.label, e.name, list(e.aliases)) for _, e in self.G.nodes(data="entity"))

    # the reads a database answers itself; here, "cannot decide": the queries resolve the
    # names with their index and find paths in the neighbourhood they read (`LocalReads`)
    def resolve_names(self, names, *, label=None) -> None:
        return None

    def named_neighbourhood(self, names, *, label, depth: int, types, context=(), evidence: bool = True) -> None:
        return None

    def shortest_path_nodes(self, a: str, b: str, types, *, cap: int = 1000) -> None:
        return None
