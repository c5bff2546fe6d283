"""The Neo4j store: the same `GraphStore` answers as the embedded store, in a real graph database.

Why it looks like this
----------------------
* Same answers as `EmbeddedStore`: the merge rules live once in `store.base`.
  `add()` runs ONE managed write transaction per document (`execute_write`, so
  the driver retries it on transient errors): it reads the entities and
  relations the document touches, merges them in Python with `base.merge_*`,
  and writes them back with UNWIND batches. Replacing or forgetting a document
  is the same read-merge-write, inside the same transaction.
* No user text in Cypher: every statement is in `store.cypher`; labels and
  relationship types come from the whitelists in `ecograph.model`.
* Credentials only from the environment (`NEO4J_USERNAME`, default `neo4j`;
  `NEO4J_PASSWORD`; optional `NEO4J_DATABASE`), never from the URL or the CLI,
  and never in a message or an exception.

Evidence model
--------------
Neo4j properties cannot hold maps, so the evidence list of a relation is stored
as parallel arrays on the relationship, index i of each array being evidence
record i (sorted by document, start, end, method):

    ev_document   [doc id, ...]        ev_start  [int, ...]   ev_method      [str, ...]
    ev_sentence   [exact span, ...]    ev_end    [int, ...]   ev_confidence  [float, ...]
    evidence_count  int                confidence  float (max of ev_confidence)

Arrays keep one relationship per (type, source, target), as in the exchange
format and the networkx graph, and keep "which sentences support this edge"
one UNWIND away:

    // which documents and sentences support an edge?
    MATCH (a:Organisation {name: 'CE3M'})-[r:PARTNERS_WITH]-(b)
    UNWIND range(0, r.evidence_count - 1) AS i
    MATCH (d:Document {id: r.ev_document[i]})
    RETURN b.name, d.source, r.ev_sentence[i] AS sentence, r.ev_confidence[i] AS confidence

    // every edge a given document supports
    MATCH (s)-[r]->(t) WHERE 'doc:3f2a...' IN r.ev_document
    RETURN s.name, type(r), t.name

    // edges resting on a single low-confidence sentence
    MATCH (s)-[r]->(t) WHERE r.evidence_count = 1 AND r.confidence < 0.6
    RETURN s.name, type(r), t.name, r.ev_sentence[0]

Entities are nodes labelled Organisation / Programme / Place / Sector / Person
with `id, name, kind, aliases, country, founded`; mentions are
`(entity)-[:MENTIONED_IN {count}]->(:Document)`. A mention of a document that
is not in the store has nowhere to point and is not kept (the embedded store
keeps it); `add()` and `load()` of consistent data never produce one.
"""
from __future__ import annotations

import logging
import os
import re
from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import networkx as nx

from ..config import NEO4J_SCHEMES
from ..errors import EcographError, QueryRefused, StoreError
from ..model import Document, Entity, Evidence, Extraction, Relation
from . import base
from . import cypher as Q

BATCH = 1000
# The driver logs connection failures at ERROR; with no logging configured, Python's
# last-resort handler would print them to stderr. We report through exceptions instead;
# an application that configures logging still receives them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
_START_HINT = ("is the server running and is the URL right? For the development server: "
               "`bash scripts/neo4j.sh start && source .neo4j/env`")


def _batches(rows: list, size: int = BATCH) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


# --- records <-> model ---------------------------------------------------------

def _document(p: dict) -> Document:
    return Document(id=p["id"], source=p.get("source", ""), title=p.get("title", ""),
                    language=p.get("language", ""), ingested_at=p.get("ingested_at", ""))


def _entity(label: str, p: dict, mentions: list) -> Entity:
    return Entity(id=p["id"], label=label, name=p.get("name", ""), kind=p.get("kind"),
                  aliases=list(p.get("aliases") or []), country=p.get("country"),
                  founded=p.get("founded"),
                  mentions={d: int(c) for d, c in mentions if d is not None})


def _entity_label(labels: list[str]) -> str:
    return next(x for x in Q.ENTITY_LABELS if x in labels)


def _relation(row: dict) -> Relation:
    p = row["r"]
    cols = [p.get(k) or [] for k in ("ev_document", "ev_sentence", "ev_start", "ev_end",
                                     "ev_method", "ev_confidence")]
    ev = [Evidence(document=d, sentence=s, start=int(a), end=int(b), method=m, confidence=float(c))
          for d, s, a, b, m, c in zip(*cols)]
    return Relation(type=row["type"], source=row["source"], target=row["target"], evidence=ev)


def _entity_row(e: Entity) -> dict:
    return {"id": e.id, "name": e.name, "kind": e.kind, "aliases": list(e.aliases),
            "country": e.country, "founded": e.founded}


def _relation_props(r: Relation) -> dict:
    ev = r.evidence
    return {"ev_document": [e.document for e in ev], "ev_sentence": [e.sentence for e in ev],
            "ev_start": [int(e.start) for e in ev], "ev_end": [int(e.end) for e in ev],
            "ev_method": [e.method for e in ev],
            "ev_confidence": [float(e.confidence) for e in ev],
            "evidence_count": len(ev), "confidence": float(r.confidence)}


def _plain(v: Any) -> Any:
    """Driver values -> JSON-friendly Python (nodes and relationships become dicts)."""
    from neo4j.graph import Node, Path, Relationship
    if isinstance(v, Node):
        return {"_labels": sorted(v.labels), **{k: _plain(x) for k, x in v.items()}}
    if isinstance(v, Relationship):
        return {"_type": v.type,
                "_source": v.start_node.get("id") if v.start_node is not None else None,
                "_target": v.end_node.get("id") if v.end_node is not None else None,
                **{k: _plain(x) for k, x in v.items()}}
    if isinstance(v, Path):
        return {"nodes": [_plain(n) for n in v.nodes],
                "relationships": [_plain(r) for r in v.relationships]}
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "iso_format"):
        return v.iso_format()
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


class Neo4jStore:
    """A `GraphStore` in a Neo4j 5 database. Connectivity and schema are checked at construction."""

    def __init__(self, url: str, *, max_retry_time: float = 15.0, connection_timeout: float = 10.0):
        from neo4j import GraphDatabase
        from neo4j.exceptions import ConfigurationError

        scheme, _, rest = url.partition("://")
        if scheme.lower() not in NEO4J_SCHEMES:
            raise StoreError(f"not a Neo4j URL scheme: {scheme!r}",
                             hint="use neo4j://host:port, neo4j+s://, bolt:// or bolt+s://")
        if "@" in rest.split("/", 1)[0]:
            # Never echo it: the part before '@' may be a password.
            raise StoreError("the Neo4j URL must not contain credentials",
                             hint="put them in NEO4J_USERNAME / NEO4J_PASSWORD")
        self.url = url
        self._user = os.environ.get("NEO4J_USERNAME") or "neo4j"
        self._database = os.environ.get("NEO4J_DATABASE") or None
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (self._user, password) if password is not None else None
        try:
            self._driver = GraphDatabase.driver(
                url, auth=auth, max_transaction_retry_time=max_retry_time,
                connection_timeout=connection_timeout, notifications_min_severity="OFF",
                user_agent="ecograph")
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"invalid Neo4j URL {url!r}: {exc}") from None
        finally:
            del password, auth
        self._bookmarks = GraphDatabase.bookmark_manager()
        try:
            with self._errors("connecting"):
                self._driver.verify_connectivity()
                self._ensure_schema()
        except BaseException:
            self._driver.close()
            raise

    # --- plumbing ------------------------------------------------------------
    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver exceptions -> `StoreError` with a hint. Messages name the URL and user, never the password."""
        from neo4j.exceptions import (AuthError, ClientError, DriverError, IncompleteCommit,
                                      Neo4jError, ServiceUnavailable, SessionExpired)
        where = f"Neo4j at {self.url}" + (f" (database {self._database!r})" if self._database else "")
        try:
            yield
        except EcographError:
            raise
        except AuthError as exc:
            raise StoreError(f"{where} refused the credentials of user {self._user!r} while {doing}",
                             hint="check NEO4J_USERNAME and NEO4J_PASSWORD (development server: "
                                  "`source .neo4j/env`)") from exc
        except ClientError as exc:
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise StoreError(f"{where}: the database {self._database or '(default)'!r} does not exist",
                                 hint="unset NEO4J_DATABASE to use the server's default database, "
                                      "or create it (Neo4j Community has only 'neo4j')") from exc
            raise StoreError(f"{where} rejected a request while {doing}: {exc.code}: {exc.message}") from exc
        except IncompleteCommit as exc:
            raise StoreError(f"lost the connection to {where} while committing ({doing}); "
                             "the change may or may not have been saved",
                             hint="re-run the same command: adding a document again replaces it") from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreError(f"cannot reach {where} while {doing}: {exc}", hint=_START_HINT) from exc
        except Neo4jError as exc:
            raise StoreError(f"{where} failed while {doing}: {exc.code}: {exc.message}") from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j driver error while {doing} ({where}): {exc}", hint=_START_HINT) from exc

    def _session(self, *, read: bool = False):
        from neo4j import READ_ACCESS, WRITE_ACCESS
        return self._driver.session(database=self._database, bookmark_manager=self._bookmarks,
                                    default_access_mode=READ_ACCESS if read else WRITE_ACCESS)

    def _read(self, query: str, doing: str, **params) -> list[dict]:
        with self._errors(doing), self._session(read=True) as s:
            return s.execute_read(lambda tx: tx.run(query, params).data())

    def _write(self, fn, doing: str, *args):
        with self._errors(doing), self._session() as s:
            return s.execute_write(fn, *args)

    def _ensure_schema(self) -> None:
        """Uniqueness constraints on `id` for every label (IF NOT EXISTS: cheap when present).

        A read-only account may not create them; it can still read, so that is tolerated.
        This is also the first statement sent to the database, so a wrong NEO4J_DATABASE shows here."""
        from neo4j.exceptions import Forbidden
        with self._session() as s:
            for stmt in Q.constraint_statements():
                try:
                    s.run(stmt).consume()
                except Forbidden:
                    return

    # --- lifecycle -----------------------------------------------------------
    def flush(self) -> None:
        """Nothing to do: every `add` commits its own transaction."""

    def close(self) -> None:
        self._driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- documents -----------------------------------------------------------
    def documents(self) -> list[Document]:
        return [_document(r["d"]) for r in self._read(Q.DOCUMENTS, "listing documents")]

    def get_document(self, doc_id: str) -> Document | None:
        rows = self._read(Q.DOCUMENT_BY_ID, "reading a document", id=doc_id)
        return _document(rows[0]["d"]) if rows else None

    def document_by_source(self, source: str) -> Document | None:
        rows = self._read(Q.DOCUMENT_BY_SOURCE, "reading a document", source=source)
        return _document(rows[0]["d"]) if rows else None

    def add(self, extraction: Extraction) -> None:
        """One transaction: drop the document it replaces, then merge its entities and relations."""
        for e in extraction.entities:
            _check_label(e.label)
        for r in extraction.relations:
            _check_type(r.type)
        self._write(self._add_tx, f"adding {extraction.document.source}", extraction)

    def forget(self, doc_id: str) -> bool:
        return self._write(self._forget_tx, f"forgetting {doc_id}", doc_id)

    def _forget_tx(self, tx, doc_id: str) -> bool:
        if not tx.run(Q.DOCUMENT_BY_ID, id=doc_id).data():
            return False
        self._remove_tx(tx, doc_id)
        return True

    def _add_tx(self, tx, ex: Extraction) -> None:
        doc = ex.document
        for row in tx.run(Q.DOCUMENTS_TO_REPLACE, source=doc.source, id=doc.id).data():
            self._remove_tx(tx, row["id"])
        tx.run(Q.CREATE_DOCUMENTS, rows=[doc.to_dict()]).consume()

        stored = {e.id: e for e in self._entities_by_ids(tx, {e.id for e in ex.entities})}
        merged: dict[str, Entity] = {}
        for e in ex.entities:  # in order, exactly as the embedded store folds them
            merged[e.id] = base.merge_entity(merged[e.id] if e.id in merged else stored.get(e.id), e)
        self._write_entities(tx, list(merged.values()), stored)

        labels = {i: e.label for i, e in merged.items()}
        ends = {x for r in ex.relations for x in (r.source, r.target)} - labels.keys()
        if ends:
            labels.update({r["id"]: r["label"] for r in tx.run(Q.LABELS_OF_IDS, ids=sorted(ends)).data()})
        groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
        for r in ex.relations:
            for end in (r.source, r.target):
                if end not in labels:
                    raise StoreError(f"relation {r.type} {r.source} -> {r.target} names an unknown entity {end!r}")
            groups[(r.type, labels[r.source], labels[r.target])].append(r)
        for (t, sl, tl), rels in groups.items():
            keys = sorted({(r.source, r.target) for r in rels})
            old = {(x.source, x.target): x for x in map(_relation, tx.run(
                Q.read_relations(t, sl, tl), keys=[{"source": s, "target": o} for s, o in keys]).data())}
            new: dict[tuple[str, str], Relation] = {}
            for r in rels:
                k = (r.source, r.target)
                new[k] = base.merge_relation(new[k] if k in new else old.get(k), r)
            rows = [{"source": r.source, "target": r.target, "props": _relation_props(r)} for r in new.values()]
            for chunk in _batches(rows):
                tx.run(Q.write_relations(t, sl, tl), rows=chunk).consume()

    def _remove_tx(self, tx, doc_id: str) -> None:
        """A document's mentions and evidence go; what nothing supports any more goes with them."""
        candidates = [r["eid"] for r in tx.run(Q.ENTITIES_MENTIONED_BY, id=doc_id).data()]
        updates, deletes = [], []
        for row in tx.run(Q.RELATIONS_WITH_EVIDENCE_FROM, id=doc_id, types=list(Q.EDGE_TYPES)).data():
            rel = base.relation_without_document(_relation(row), doc_id)
            if rel.evidence:
                updates.append({"eid": row["eid"], "props": _relation_props(rel)})
            else:
                deletes.append(row["eid"])
        for chunk in _batches(updates):
            tx.run(Q.UPDATE_RELATIONS_BY_EID, rows=chunk).consume()
        for chunk in _batches(deletes):
            tx.run(Q.DELETE_RELATIONS_BY_EID, eids=chunk).consume()
        tx.run(Q.DELETE_DOCUMENT, id=doc_id).consume()
        for chunk in _batches(candidates):
            tx.run(Q.DELETE_ORPHANS, eids=chunk).consume()

    # --- entities and relations ----------------------------------------------
    def _entities_by_ids(self, tx, ids: Iterable[str]) -> list[Entity]:
        ids = sorted(set(ids))
        if not ids:
            return []
        return [_entity(r["label"], r["n"], r["mentions"]) for r in tx.run(Q.ENTITIES_BY_IDS, ids=ids).data()]

    def _write_entities(self, tx, entities: list[Entity], stored: dict[str, Entity]) -> None:
        by_label: dict[str, list[dict]] = defaultdict(list)
        mentions: dict[str, list[dict]] = defaultdict(list)
        for e in entities:
            by_label[e.label].append(_entity_row(e))
            before = stored[e.id].mentions if e.id in stored else {}
            mentions[e.label].extend({"id": e.id, "document": d, "count": int(c)}
                                     for d, c in sorted(e.mentions.items()) if before.get(d) != c)
        for lab, rows in by_label.items():
            for chunk in _batches(rows):
                tx.run(Q.write_entities(lab), rows=chunk).consume()
        for lab, rows in mentions.items():
            for chunk in _batches(rows):
                tx.run(Q.write_mentions(lab), rows=chunk).consume()

    def entity(self, entity_id: str) -> Entity | None:
        rows = self._read(Q.ENTITIES_BY_IDS, "reading an entity", ids=[entity_id])
        return _entity(rows[0]["label"], rows[0]["n"], rows[0]["mentions"]) if rows else None

    def entities(self, *, label: str | None = None) -> list[Entity]:
        if label is not None and label not in Q.ENTITY_LABELS:
            return []
        query = Q.ALL_ENTITIES if label is None else Q.entities_with_label(label)
        out = [_entity(_entity_label(r["labels"]), r["n"], r["mentions"])
               for r in self._read(query, "reading entities")]
        return sorted(out, key=lambda e: e.id)

    def relations(self, *, type: str | None = None, source: str | None = None,
                  target: str | None = None) -> list[Relation]:
        if type is not None and type not in Q.EDGE_TYPES:
            return []
        types = [type] if type is not None else list(Q.EDGE_TYPES)
        doing = "reading relations"
        if source is not None or target is not None:
            end = source if source is not None else target
            found = self._read(Q.LABELS_OF_IDS, doing, ids=[end])
            if not found:
                return []
            if source is not None:
                rows = self._read(Q.relations_from(found[0]["label"]), doing,
                                  source=source, target=target, types=types)
            else:
                rows = self._read(Q.relations_to(found[0]["label"]), doing, target=target, types=types)
        else:
            rows = self._read(Q.ALL_RELATIONS, doing, types=types)
        return sorted(map(_relation, rows), key=lambda r: r.key)

    # --- whole graph ---------------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        return base.build_networkx(self.entities(), self.relations(), self.documents())

    def export(self) -> dict:
        return base.exchange(self.documents(), self.entities(), self.relations())

    def load(self, data: dict) -> None:
        """Replace everything with an exchange dict, all or nothing (one transaction)."""
        docs, ents, rels = base.parse_exchange(data)
        docs_by_id = {d.id: d for d in docs}
        ents_by_id = {e.id: e for e in ents}
        rels_by_key = {r.key: r for r in rels}
        for e in ents_by_id.values():
            _check_label(e.label)
        for r in rels_by_key.values():
            _check_type(r.type)
            for end in (r.source, r.target):
                if end not in ents_by_id:
                    raise StoreError(f"relation {r.key} names an unknown entity {end!r}")
        self._write(self._load_tx, "loading the graph", list(docs_by_id.values()),
                    list(ents_by_id.values()), list(rels_by_key.values()))

    def _load_tx(self, tx, docs: list[Document], ents: list[Entity], rels: list[Relation]) -> None:
        tx.run(Q.CLEAR_IN_TX).consume()
        for chunk in _batches([d.to_dict() for d in docs]):
            tx.run(Q.CREATE_DOCUMENTS, rows=chunk).consume()
        self._write_entities(tx, ents, {})
        labels = {e.id: e.label for e in ents}
        groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for r in rels:
            groups[(r.type, labels[r.source], labels[r.target])].append(
                {"source": r.source, "target": r.target, "props": _relation_props(r)})
        for (t, sl, tl), rows in groups.items():
            for chunk in _batches(rows):
                tx.run(Q.write_relations(t, sl, tl), rows=chunk).consume()

    def clear(self) -> None:
        """Delete ecograph's nodes (our labels only), in batches so a large graph fits in memory."""
        with self._errors("clearing the graph"), self._session() as s:
            while s.execute_write(lambda tx: tx.run(Q.CLEAR_BATCH, batch=5000).single()["deleted"]):
                pass

    # --- researchers' read-only Cypher --------------------------------------
    def run_read_query(self, query: str, params: dict | None = None, *,
                       timeout: float | None = 300.0) -> list[dict]:
        """Run a researcher's Cypher, refusing anything that could write.

        Enforced here, not in the CLI, so every caller gets it: Neo4j plans the
        statement (EXPLAIN, nothing runs) and it must be a read query ('r'),
        with no LOAD CSV (reads server files / URLs), no batched transactions,
        no TERMINATE, and only procedures Neo4j itself declares READ. Then it
        runs in a READ access-mode transaction, which the server enforces as a
        last line. Values become plain Python (nodes and relationships: dicts)."""
        from neo4j import unit_of_work
        if not isinstance(query, str) or not query.strip():
            raise QueryRefused("empty Cypher query")
        params = dict(params or {})
        summary = self._plan(query, params)
        self._check_read_only(summary)

        @unit_of_work(timeout=timeout)
        def work(tx):
            return [{k: _plain(v) for k, v in rec.items()} for rec in tx.run(query, params)]

        from neo4j.exceptions import ClientError
        with self._errors("running the query"), self._session(read=True) as s:
            try:
                return s.execute_read(work)
            except ClientError as exc:
                if exc.code == "Neo.ClientError.Statement.AccessMode":
                    raise QueryRefused("refused by Neo4j: the statement tried to write") from None
                raise

    def _plan(self, query: str, params: dict):
        from neo4j.exceptions import ClientError
        with self._errors("checking the query"):
            try:
                with self._session(read=True) as s:
                    return s.execute_read(lambda tx: tx.run(Q.EXPLAIN + query, params).consume())
            except ClientError as exc:
                if (exc.code or "").startswith(("Neo.ClientError.Statement.", "Neo.ClientError.Procedure.")):
                    raise QueryRefused(f"Neo4j cannot run this query: {exc.message}",
                                       hint="`ecograph cypher` takes one read-only Cypher statement "
                                            "(no EXPLAIN/PROFILE prefix); parameters go in --param") from None
                raise

    def _check_read_only(self, summary) -> None:
        kinds = {"w": "write", "rw": "read and write", "s": "change the schema or the server"}
        if summary.query_type != "r":
            raise QueryRefused(f"refused: this statement would {kinds.get(summary.query_type, 'not only read')}; "
                               "`ecograph cypher` only reads",
                               hint="change the graph with `ecograph ingest`, `forget` or `import`")
        procs: set[str] = set()
        for op, details in _operators(summary.plan or {}):
            if op == "LoadCSV":
                raise QueryRefused("refused: LOAD CSV reads files or URLs on the server",
                                   hint="load data with `ecograph ingest` or `ecograph import`")
            if op in ("TransactionForeach", "TransactionApply"):
                raise QueryRefused("refused: CALL { } IN TRANSACTIONS is not allowed here")
            if op.startswith("Terminate"):  # TERMINATE TRANSACTIONS plans as 'r' but kills others' work
                raise QueryRefused("refused: TERMINATE stops other users' transactions")
            if op == "ProcedureCall":
                m = re.match(r"\s*([\w.]+)\s*\(", details or "")
                if not m:
                    raise QueryRefused("refused: cannot tell which procedure this calls")
                procs.add(m.group(1))
        if procs:
            modes = {r["name"]: r["mode"] for r in self._read(Q.PROCEDURE_MODES, "checking procedures",
                                                             names=sorted(procs))}
            bad = sorted(p for p in procs if modes.get(p) != "READ")
            if bad:
                raise QueryRefused(f"refused: procedure {', '.join(bad)} is not read-only",
                                   hint="only procedures Neo4j declares READ may be called")


def _operators(plan: dict) -> Iterator[tuple[str, str | None]]:
    yield plan.get("operatorType", "").split("@", 1)[0], (plan.get("args") or {}).get("Details")
    for child in plan.get("children") or []:
        yield from _operators(child)


def _check_label(label: str) -> None:
    if label not in Q.ENTITY_LABELS:
        raise StoreError(f"unknown entity label {label!r}", hint="labels: " + ", ".join(Q.ENTITY_LABELS))


def _check_type(rtype: str) -> None:
    if rtype not in Q.EDGE_TYPES:
        raise StoreError(f"unknown relation type {rtype!r}", hint="types: " + ", ".join(Q.EDGE_TYPES))
