"""`Neo4jStore`: the same `GraphStore` and `LocalReads` answers as the embedded store, in a
real graph database. A façade: each method hands over to the package's modules, none of
which imports it back.

Why it looks like this
----------------------
* Same answers as `EmbeddedStore`: the merge rules live once in `store.merge`.
  `add()` runs ONE managed write transaction per document (`writes.add_tx`, retried by
  the driver on transient errors); replacing or forgetting a document is the same
  read-merge-write, inside the same transaction.
* No user text in Cypher: every statement is in `cypher.py`; labels and
  relationship types come from the whitelists in `ecograph.model`.
* The driver, its sessions and its errors: `connection.py` (credentials only from
  the environment, never in a message). A researcher's Cypher: `guard.py`.

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
document says about the entity (see `records`). A mention of a document that
is not in the store has nowhere to point and is not kept (the embedded store
keeps it); `add()` and `load()` of consistent data never produce one.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import networkx as nx

from ...exchange import validate
from ...model import Document, Entity, Extraction, Relation
from ..exchange import PROVENANCE, build_networkx, exchange
from . import guard, reads, writes
from .connection import Connection


class Neo4jStore:
    """A `GraphStore` (and `LocalReads`) in a Neo4j 5 database. Connectivity and schema are
    checked at construction."""

    def __init__(self, url: str, *, max_retry_time: float = 15.0, connection_timeout: float = 10.0,
                 tx_timeout: float | None = 300.0):
        self._conn = Connection(url, max_retry_time=max_retry_time, connection_timeout=connection_timeout,
                                tx_timeout=tx_timeout)
        self.url = url
        self._converted = False  # see writes.convert_older_documents

    # --- lifecycle -----------------------------------------------------------
    def flush(self) -> None:
        """Nothing to do: every `add` commits its own transaction."""

    def close(self) -> None:
        self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- documents -----------------------------------------------------------
    def documents(self) -> list[Document]:
        return reads.documents(self._conn)

    def get_document(self, doc_id: str) -> Document | None:
        return reads.document_where(self._conn, id=doc_id)

    def document_by_source(self, source: str) -> Document | None:
        return reads.document_where(self._conn, source=source)

    def add(self, extraction: Extraction) -> None:
        """One transaction: drop the document it replaces, then merge its entities and relations."""
        writes.check_extraction(extraction)
        self._conn.write(writes.add_tx, f"adding {extraction.document.source}", extraction, self._converted)
        self._converted = True

    def forget(self, doc_id: str) -> bool:
        found = self._conn.write(writes.forget_tx, f"forgetting {doc_id}", doc_id, self._converted)
        self._converted = True
        return found

    # --- entities and relations ----------------------------------------------
    def entity(self, entity_id: str) -> Entity | None:
        return reads.one_entity(self._conn, entity_id)

    def entities(self, *, label: str | None = None) -> list[Entity]:
        return reads.entities(self._conn, label)

    def relations(self, *, type: str | None = None, source: str | None = None,
                  target: str | None = None) -> list[Relation]:
        return reads.relations(self._conn, type, source, target)

    # --- whole graph ---------------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        return build_networkx(self.entities(), self.relations(), self.documents())

    def export(self) -> dict:
        return exchange(self.documents(), self.entities(), self.relations())

    def saved_state(self) -> dict:
        """`export()` plus the per-document records (`store.exchange.PROVENANCE`), for a reload
        that keeps them (curation)."""
        data = self.export()
        order, recs = reads.records(self._conn)
        data[PROVENANCE] = {"order": order, "records": recs}
        return data

    def load(self, data: dict) -> None:
        """Replace everything with an exchange dict, all or nothing (one transaction); a
        `provenance` section (an embedded store's file) keeps its per-document records."""
        validate(data)  # the whole file, before anything is written
        state = writes.load_state(data)
        # the whole graph in one transaction: as long as it takes (a million entities: a minute)
        self._conn.write(writes.load_tx, "loading the graph", *state, timeout=None)

    def clear(self) -> None:
        writes.clear(self._conn)

    # --- researchers' read-only Cypher (guard.py) -----------------------------
    def run_read_query(self, query: str, params: dict | None = None, *,
                       timeout: float | None = 60.0, limit: int | None = None) -> guard.QueryRows:
        """A researcher's Cypher, refused unless it only reads (see `guard.run_read_query`)."""
        return guard.run_read_query(self._conn, query, params, timeout=timeout, limit=limit)

    # --- local reads for the queries (reads.py) -------------------------------
    def read_version(self):
        return reads.read_version(self._conn)

    def neighbourhood(self, ids: Iterable[str], *, depth: int, types: Iterable[str],
                      context: Iterable[str] = (), evidence: bool = True) -> nx.MultiDiGraph:
        return reads.neighbourhood(self._conn, ids, depth=depth, types=types, context=context, evidence=evidence)

    def adjacent(self, ids: Iterable[str], types: Iterable[str], *,
                 among: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
        return reads.adjacent(self._conn, ids, types, among=among)

    def entity_names(self) -> list[tuple[str, str, str, list[str]]]:
        return reads.entity_names(self._conn)

    def resolve_names(self, names: Sequence[str], *, label: str | None = None) -> list[str] | None:
        return reads.resolve_names(self._conn, names, label=label)

    def shortest_path_nodes(self, a: str, b: str, types: Iterable[str], *, cap: int = 1000) -> set[str] | None:
        return reads.shortest_path_nodes(self._conn, a, b, types, cap=cap)

    def named_neighbourhood(self, names: Sequence[str], *, label: str | None, depth: int, types: Iterable[str],
                            context: Iterable[str] = (), evidence: bool = True):
        return reads.named_neighbourhood(self._conn, names, label=label, depth=depth, types=types,
                                         context=context, evidence=evidence)
