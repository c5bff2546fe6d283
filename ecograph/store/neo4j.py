"""The Neo4j store: the same `GraphStore` answers as the embedded store, in a real graph database.

Why it looks like this
----------------------
* Same answers as `EmbeddedStore`: the merge rules live once in `store.base`.
  `add()` runs ONE managed write transaction per document (`execute_write`, so
  the driver retries it on transient errors) of three statements: read what the
  document touches, write its entities (reading back the relations it adds
  evidence to), write its relations; the merging happens in Python
  (`store.neo4j_rows`). Replacing or forgetting a document is the same
  read-merge-write, inside the same transaction. Round trips, not rows, were
  the cost: one statement per label and relation type made ~20 per document.
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
`(entity)-[:MENTIONED_IN {count, ...}]->(:Document)`, also holding what that
document says about the entity (see `store.neo4j_rows`). A mention of a document that
is not in the store has nowhere to point and is not kept (the embedded store
keeps it); `add()` and `load()` of consistent data never produce one.
"""
from __future__ import annotations

import contextlib
import logging
import os
import uuid
from typing import Any, Iterator

import networkx as nx

from ..config import NEO4J_SCHEMES, redact, scrub
from ..errors import EcographError, QueryRefused, StoreError
from ..exchange import validate
from ..model import Document, Entity, Extraction, Relation
from . import base
from . import cypher as Q
from . import neo4j_query as NQ
from . import neo4j_rows as NR
from .neo4j_rows import batches as _batches, entity as _entity, relation as _relation

# The driver logs connection failures at ERROR; with no logging configured, Python's
# last-resort handler would print them to stderr. We report through exceptions instead;
# an application that configures logging still receives them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
_START_HINT = ("is the server running and is the URL right? For the development server: "
               "`bash scripts/neo4j.sh start && source .neo4j/env`")


# --- records <-> model ---------------------------------------------------------

def _document(p: dict) -> Document:
    return Document.from_dict({"source": "", **p})


def _entity_label(labels: list[str]) -> str:
    return next(x for x in Q.ENTITY_LABELS if x in labels)


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

    def __init__(self, url: str, *, max_retry_time: float = 15.0, connection_timeout: float = 10.0,
                 tx_timeout: float | None = 300.0):
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
        # Bounds, so a stopped server (kill -STOP, a frozen VM) gives an error, not a hang:
        # connecting (TCP, Bolt handshake, login) and getting a pooled connection are bounded
        # here; a read in flight by the receive timeout Neo4j 5 announces to drivers
        # (connection.recv_timeout_seconds, 120 s by default); each write transaction by
        # `tx_timeout` on the server; and the managed transactions' retries by max_retry_time.
        self._tx_timeout = tx_timeout
        self._converted = False  # see _convert_older_documents
        self._user = os.environ.get("NEO4J_USERNAME") or "neo4j"
        self._database = os.environ.get("NEO4J_DATABASE") or None
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (self._user, password) if password is not None else None
        try:
            self._driver = GraphDatabase.driver(
                url, auth=auth, max_transaction_retry_time=max_retry_time,
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=3 * connection_timeout, notifications_min_severity="OFF",
                user_agent="ecograph")
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(scrub(f"invalid Neo4j URL {redact(url)!r}: {exc}", url)) from None
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
    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver exceptions -> `StoreError` with a hint. Messages name the URL and user, never the password."""
        from neo4j.exceptions import (AuthError, ClientError, DriverError, IncompleteCommit,
                                      Neo4jError, ServiceUnavailable, SessionExpired)
        where = f"Neo4j at {redact(self.url)}" + (f" (database {self._database!r})" if self._database else "")
        try:
            yield
        except EcographError:
            raise
        except AuthError as exc:
            raise StoreError(f"{where} refused the credentials of user {self._user!r} while {doing}",
                             hint="check NEO4J_USERNAME and NEO4J_PASSWORD (development server: "
                                  "`source .neo4j/env`)") from exc
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                raise StoreError(f"{where}: the transaction ran past its time limit while {doing} "
                                 "and was rolled back", hint="rerun the command; if it recurs, the "
                                 "server may be overloaded") from exc
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

    def _write(self, fn, doing: str, *args, timeout: float | None = -1):
        from neo4j import unit_of_work
        timeout = self._tx_timeout if timeout == -1 else timeout
        with self._errors(doing), self._session() as s:
            return s.execute_write(unit_of_work(timeout=timeout)(fn), *args)

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
        self._converted = True

    def forget(self, doc_id: str) -> bool:
        found = self._write(self._forget_tx, f"forgetting {doc_id}", doc_id)
        self._converted = True
        return found

    def _forget_tx(self, tx, doc_id: str) -> bool:
        self._convert_older_documents(tx)
        return self._remove_tx(tx, doc_id)

    def _convert_older_documents(self, tx) -> None:
        """Give what an older version wrote the records it lacks (cypher.MIGRATE_OLDER_DOCUMENTS),
        in the first write transaction of this object: readers never write."""
        if not self._converted:
            tx.run(Q.MIGRATE_OLDER_DOCUMENTS).consume()

    def _add_tx(self, tx, ex: Extraction) -> None:
        """ADD_PREPARE, ADD_ENTITIES, ADD_RELATIONS (see `store.cypher`), after the removal
        of the documents it replaces; the merging happens in Python (`store.neo4j_rows`)."""
        self._convert_older_documents(tx)
        doc = ex.document
        contributed = base.contributions(ex)
        ids = sorted({e.id for e in contributed} | {x for r in ex.relations for x in (r.source, r.target)})
        prep = tx.run(Q.ADD_PREPARE, source=doc.source, id=doc.id, ids=ids).single()
        replaced = prep["replaced"]
        # a replacement takes the place of what it replaces, so the fold order stays (store.base)
        seq = min((r["seq"] for r in replaced if r["seq"] is not None), default=None)
        folded: dict[str, dict] = {}
        if replaced:
            for r in replaced:
                self._remove_tx(tx, r["id"])
            prep = tx.run(Q.ADD_PREPARE, source=doc.source, id=doc.id, ids=ids).single()
            mine = {e.id for e in contributed}
            eids = [v["eid"] for v in prep["views"] if v["n"]["id"] in mine]
            if seq is not None and eids:  # not the newest document: its entities are folded again
                folded = {r["eid"]: r for r in tx.run(Q.ENTITY_RECORDS, eids=eids).data()}
        plan = NR.add_plan(ex, prep["next"] if seq is None else seq, contributed,
                           {v["n"]["id"]: v for v in prep["views"]}, folded)
        res = tx.run(Q.ADD_ENTITIES, doc=plan.doc, entities=plan.entities, keys=plan.keys).single()
        updates, created = NR.relation_writes(plan, res["eids"], res["rels"])
        if updates or created:
            tx.run(Q.ADD_RELATIONS, updates=updates, created=created).consume()

    def _remove_tx(self, tx, doc_id: str) -> bool:
        """A document's mentions and evidence go; what nothing supports any more goes with
        them; the entities that stay are folded again from the documents that remain."""
        types = list(Q.EDGE_TYPES)
        found = tx.run(Q.REMOVE_READ, id=doc_id, types=types).single()
        if found is None:
            return False
        rels = {r["eid"]: r for r in found["rels"]}
        if found["scan"]:
            rels.update((r["rel"]["eid"], r["rel"]) for r in tx.run(Q.REMOVE_SCAN, id=doc_id, types=types))
        updates, deletes = NR.without_document(rels.values(), doc_id)
        ends = sorted({row[x] for rows in deletes.values() for row in rows for x in ("s", "t")})
        stay = tx.run(Q.REMOVE_WRITE, id=doc_id, eids=found["mentioned"], ends=ends,
                      updates=updates, deletes=deletes).data()
        rows = [x for x in (NR.refolded(r, _entity_label(r["labels"])) for r in stay) if x is not None]
        for chunk in _batches(rows):
            tx.run(Q.UPDATE_ENTITIES_BY_EID, rows=chunk).consume()
        return True

    # --- entities and relations ----------------------------------------------
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

    def saved_state(self) -> dict:
        """`export()` plus the per-document records (`store.base.PROVENANCE`), for a reload that
        keeps them (curation)."""
        data = self.export()
        recs: dict[str, list[dict]] = {}
        for r in self._read(Q.ALL_BASE_RECORDS, "reading entity records"):
            recs.setdefault(r.pop("id"), []).append({**r, "document": None})
        for r in self._read(Q.ALL_MENTION_RECORDS, "reading entity records"):
            recs.setdefault(r.pop("id"), []).append(r)
        order = [r["id"] for r in self._read(Q.DOCUMENT_ORDER, "reading the document order")]
        data[base.PROVENANCE] = {"order": order, "records": recs}
        return data

    def load(self, data: dict) -> None:
        """Replace everything with an exchange dict, all or nothing (one transaction); a
        `provenance` section (an embedded store's file) keeps its per-document records."""
        validate(data)  # the whole file, before anything is written
        docs, ents, rels, records = base.stored_state(data)  # docs once each, in the order they were added
        ents_by_id = {e.id: e for e in ents}
        rels_by_key = {r.key: r for r in rels}
        for e in ents_by_id.values():
            _check_label(e.label)
        for r in rels_by_key.values():
            _check_type(r.type)
            for end in (r.source, r.target):
                if end not in ents_by_id:
                    raise StoreError(f"relation {r.key} names an unknown entity {end!r}")
        # the whole graph in one transaction: as long as it takes (a million entities: a minute)
        self._write(self._load_tx, "loading the graph", docs, list(ents_by_id.values()),
                    list(rels_by_key.values()), records, timeout=None)

    def _load_tx(self, tx, docs: list[Document], ents: list[Entity], rels: list[Relation],
                 records: dict[str, dict[str, base.Attributes]]) -> None:
        """Cleared in this same transaction, so everything is CREATEd, in big batches."""
        tx.run(Q.CLEAR_IN_TX).consume()
        doc_rows, nodes, groups = NR.load_rows(docs, ents, rels, records)
        for chunk in _batches(doc_rows, NR.LOAD_BATCH):
            tx.run(Q.CREATE_DOCUMENTS, rows=chunk).consume()
        for lab, rows in nodes.items():
            for chunk in _batches(rows, NR.LOAD_BATCH):
                tx.run(Q.load_entities(lab), rows=chunk).consume()
        for (t, sl, tl), rows in groups.items():
            for chunk in _batches(rows, NR.LOAD_BATCH):
                tx.run(Q.load_relations(t, sl, tl), rows=chunk).consume()

    def clear(self) -> None:
        """Delete ecograph's relationships, then its nodes (our labels only), a batch per
        transaction: deleting hubs with their relationships overflowed the transaction memory."""
        with self._errors("clearing the graph"), self._session() as s:
            while s.execute_write(lambda tx: tx.run(Q.CLEAR_RELATIONSHIPS_BATCH, batch=10_000).single()["deleted"]):
                pass
            while s.execute_write(lambda tx: tx.run(Q.CLEAR_BATCH, batch=10_000).single()["deleted"]):
                pass

    # --- researchers' read-only Cypher --------------------------------------
    def run_read_query(self, query: str, params: dict | None = None, *,
                       timeout: float | None = 60.0, limit: int | None = None) -> NQ.QueryRows:
        """Run a researcher's Cypher, refusing anything that could write or reveal the server.

        Enforced here, not in the CLI, so every caller gets it: Neo4j plans the statement
        (EXPLAIN, nothing runs) and `neo4j_query.check_read_only` refuses it unless it only
        reads and calls only allowed procedures and SHOW commands. Then it runs in a READ
        transaction (the server's last line) with `timeout` seconds as its transaction
        timeout; at most `limit` rows are fetched (`QueryRows.cut` says the result was cut),
        as plain Python. On Ctrl-C the transaction is terminated on the server."""
        if not isinstance(query, str) or not query.strip():
            raise QueryRefused("empty Cypher query")
        params = dict(params or {})
        summary = self._plan(query, params)
        self._check_read_only(summary)
        from neo4j.exceptions import ClientError
        tag = uuid.uuid4().hex  # finds this transaction on the server, to stop it on Ctrl-C
        with self._errors("running the query"), self._session(read=True) as s:
            tx = s.begin_transaction(timeout=timeout, metadata={"ecograph_run": tag})
            try:
                return NQ.fetch(tx.run(query, params), limit, _plain)
            except KeyboardInterrupt:
                self._terminate(tag)
                raise
            except ClientError as exc:
                if exc.code == "Neo.ClientError.Statement.AccessMode":
                    raise QueryRefused("refused by Neo4j: the statement tried to write") from None
                if "TransactionTimedOut" in (exc.code or ""):
                    raise QueryRefused(f"the query ran past its time limit ({timeout:g} s) and was stopped",
                                       hint="raise it with --timeout SECONDS, or narrow the query") from None
                raise
            finally:
                tx.close()  # rolls back: nothing was written

    def _terminate(self, tag: str) -> None:
        """Stop our own running transaction on the server (best effort: we are exiting)."""
        with contextlib.suppress(Exception), self._driver.session(database=self._database) as s:
            ids = [r["id"] for r in s.run(Q.OWN_TRANSACTIONS, run=tag)]  # the timeout bounds it anyway
            if ids:
                s.run(Q.TERMINATE_TRANSACTIONS, ids=ids).consume()

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
        NQ.check_read_only(summary)  # the allow-list and the operators refused: store.neo4j_query

    # --- local reads for the queries (code in store.neo4j_read) --------------
    def read_version(self):
        from . import neo4j_read
        return neo4j_read.read_version(self)

    def neighbourhood(self, ids, *, depth: int, types, context=(), evidence: bool = True) -> nx.MultiDiGraph:
        from . import neo4j_read
        return neo4j_read.neighbourhood(self, ids, depth=depth, types=types, context=context, evidence=evidence)

    def adjacent(self, ids, types, *, among=None) -> list[tuple[str, str, str]]:
        from . import neo4j_read
        return neo4j_read.adjacent(self, ids, types, among=among)

    def entity_names(self) -> list[tuple[str, str, str, list[str]]]:
        from . import neo4j_read
        return neo4j_read.entity_names(self)

    def resolve_names(self, names, *, label=None) -> list[str] | None:
        from . import neo4j_read
        return neo4j_read.resolve_names(self, names, label=label)

    def shortest_path_nodes(self, a: str, b: str, types, *, cap: int = 1000):
        from . import neo4j_read
        return neo4j_read.shortest_path_nodes(self, a, b, types, cap=cap)

    def named_neighbourhood(self, names, *, label, depth: int, types, context=(), evidence: bool = True):
        from . import neo4j_read
        return neo4j_read.named_neighbourhood(self, names, label=label, depth=depth, types=types,
                                              context=context, evidence=evidence)


def _check_label(label: str) -> None:
    if label not in Q.ENTITY_LABELS:
        raise StoreError(f"unknown entity label {label!r}", hint="labels: " + ", ".join(Q.ENTITY_LABELS))


def _check_type(rtype: str) -> None:
    if rtype not in Q.EDGE_TYPES:
        raise StoreError(f"unknown relation type {rtype!r}", hint="types: " + ", ".join(Q.EDGE_TYPES))
