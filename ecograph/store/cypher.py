"""Every Cypher statement ecograph sends to Neo4j, in one place.

Why one module: no user text may ever reach a Cypher string. Values always
travel as parameters; the only things that cannot be parameters in Cypher are
labels and relationship types, and those are spliced in here, and only here,
from the whitelists in `ecograph.model` (`LABELS`, `RELATION_TYPES`), after a
membership check. The per-label and per-type statements are built from those
whitelists (and cached), never from what a document or a user said.

Graph shape (see `ecograph.store.neo4j` for the full evidence model):
- entity nodes `(:Organisation|Programme|Place|Sector|Person {id, name, kind,
  aliases, country, founded})`, unique `id` per label;
- `(:Document {id, source, title, language, ingested_at})`;
- `(entity)-[:MENTIONED_IN {count}]->(:Document)`;
- `(source)-[:TYPE {ev_document, ev_sentence, ev_start, ev_end, ev_method,
  ev_confidence, evidence_count, confidence}]->(target)` for every type in
  `RELATION_TYPES` except MENTIONED_IN.
"""
from __future__ import annotations

from functools import lru_cache

from ..model import LABELS, RELATION_TYPES

#: Labels an entity node can carry (Document is a node but not an entity).
ENTITY_LABELS: tuple[str, ...] = tuple(label for label in LABELS if label != "Document")
#: Relationship types between entities (MENTIONED_IN links entities to documents).
EDGE_TYPES: tuple[str, ...] = tuple(t for t in RELATION_TYPES if t != "MENTIONED_IN")
#: Every label ecograph owns; `clear()` deletes nodes with these labels and nothing else.
OWN_LABELS: tuple[str, ...] = tuple(LABELS)


def label(name: str) -> str:
    """A node label as Cypher text, only if it is in the whitelist."""
    if name not in LABELS:
        raise ValueError(f"not an ecograph label: {name!r}")
    return f"`{name}`"


def rel_type(name: str) -> str:
    """A relationship type as Cypher text, only if it is in the whitelist."""
    if name not in RELATION_TYPES:
        raise ValueError(f"not an ecograph relation type: {name!r}")
    return f"`{name}`"


_ENTITY_ALT = "|".join(label(x) for x in ENTITY_LABELS)
_OWN_ALT = "|".join(label(x) for x in OWN_LABELS)

# --- schema --------------------------------------------------------------------

def constraint_statements() -> list[str]:
    """One uniqueness constraint on `id` per label (names are ours, so IF NOT EXISTS is exact)."""
    out = [f"CREATE CONSTRAINT ecograph_{x.lower()}_id IF NOT EXISTS "
           f"FOR (n:{label(x)}) REQUIRE n.id IS UNIQUE" for x in LABELS]
    out.append("CREATE INDEX ecograph_document_source IF NOT EXISTS FOR (d:`Document`) ON (d.source)")
    return out


# --- documents -----------------------------------------------------------------

DOCUMENTS = "MATCH (d:`Document`) RETURN d {.*} AS d ORDER BY d.id"
DOCUMENT_BY_ID = "MATCH (d:`Document` {id: $id}) RETURN d {.*} AS d"
DOCUMENT_BY_SOURCE = "MATCH (d:`Document` {source: $source}) RETURN d {.*} AS d ORDER BY d.id LIMIT 1"
# The documents an `add` replaces: same source (re-ingest of a changed file) or same id.
DOCUMENTS_TO_REPLACE = """
MATCH (d:`Document`) WHERE d.source = $source OR d.id = $id
RETURN d.id AS id
"""
CREATE_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:`Document` {id: row.id})
SET d += row
"""
DELETE_DOCUMENT = "MATCH (d:`Document` {id: $id}) DETACH DELETE d"

# --- entities ------------------------------------------------------------------

_MENTIONS = "[(n)-[m:`MENTIONED_IN`]->(md:`Document`) | [md.id, m.count]]"

ALL_ENTITIES = f"""
MATCH (n:{_ENTITY_ALT})
RETURN labels(n) AS labels, n {{.*}} AS n, {_MENTIONS} AS mentions
"""


@lru_cache(maxsize=None)
def entities_with_label(name: str) -> str:
    return f"""
MATCH (n:{label(name)})
RETURN labels(n) AS labels, n {{.*}} AS n, {_MENTIONS} AS mentions
"""


def _union_per_label(body: str) -> str:
    """`body` (which uses `n:__L__` and returns a `label` column) once per entity label, UNION ALL.

    Why: an id alone does not say its label, and an unlabelled `{id: ...}` match
    cannot use the per-label uniqueness indexes; a union of indexed seeks can."""
    return "\nUNION ALL\n".join(body.replace("__L__", label(x)).replace("__NAME__", x)
                                for x in ENTITY_LABELS)


# Entities by id, whatever their label: one indexed seek per label.
ENTITIES_BY_IDS = _union_per_label(f"""
MATCH (n:__L__) WHERE n.id IN $ids
RETURN '__NAME__' AS label, n {{.*}} AS n, {_MENTIONS} AS mentions""")

LABELS_OF_IDS = _union_per_label("""
MATCH (n:__L__) WHERE n.id IN $ids
RETURN n.id AS id, '__NAME__' AS label""")


@lru_cache(maxsize=None)
def write_entities(name: str) -> str:
    """Create or update entity nodes of one label; `null` values remove a property."""
    return f"""
UNWIND $rows AS row
MERGE (n:{label(name)} {{id: row.id}})
SET n += row
"""


@lru_cache(maxsize=None)
def write_mentions(name: str) -> str:
    return f"""
UNWIND $rows AS row
MATCH (n:{label(name)} {{id: row.id}})
MATCH (d:`Document` {{id: row.document}})
MERGE (n)-[m:`MENTIONED_IN`]->(d)
SET m.count = row.count
"""


# Entities a document mentions: the candidates for removal when it is forgotten.
ENTITIES_MENTIONED_BY = """
MATCH (n)-[:`MENTIONED_IN`]->(:`Document` {id: $id})
RETURN elementId(n) AS eid
"""
# An entity nothing mentions and nothing links any more goes (same rule as the embedded store).
DELETE_ORPHANS = """
UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid AND NOT (n)--()
DELETE n
"""

# --- relations -----------------------------------------------------------------

_REL_RETURN = "type(r) AS type, s.id AS source, t.id AS target, properties(r) AS r"

ALL_RELATIONS = f"""
MATCH (s:{_ENTITY_ALT})-[r]->(t:{_ENTITY_ALT})
WHERE type(r) IN $types
RETURN {_REL_RETURN}
"""


@lru_cache(maxsize=None)
def relations_from(source_label: str) -> str:
    return f"""
MATCH (s:{label(source_label)} {{id: $source}})-[r]->(t:{_ENTITY_ALT})
WHERE type(r) IN $types AND ($target IS NULL OR t.id = $target)
RETURN {_REL_RETURN}
"""


@lru_cache(maxsize=None)
def relations_to(target_label: str) -> str:
    return f"""
MATCH (s:{_ENTITY_ALT})-[r]->(t:{label(target_label)} {{id: $target}})
WHERE type(r) IN $types
RETURN {_REL_RETURN}
"""


@lru_cache(maxsize=None)
def read_relations(type_: str, source_label: str, target_label: str) -> str:
    """Stored relations of one type between given (source, target) id pairs."""
    return f"""
UNWIND $keys AS k
MATCH (s:{label(source_label)} {{id: k.source}})-[r:{rel_type(type_)}]->(t:{label(target_label)} {{id: k.target}})
RETURN {_REL_RETURN}
"""


@lru_cache(maxsize=None)
def write_relations(type_: str, source_label: str, target_label: str) -> str:
    """Create or update relations of one type; the row's props replace the evidence arrays."""
    return f"""
UNWIND $rows AS row
MATCH (s:{label(source_label)} {{id: row.source}})
MATCH (t:{label(target_label)} {{id: row.target}})
MERGE (s)-[r:{rel_type(type_)}]->(t)
SET r += row.props
"""


# Relations carrying evidence from one document: the list property has no index,
# so this scans relationships; fine for a research corpus, and only on replace/forget.
RELATIONS_WITH_EVIDENCE_FROM = f"""
MATCH (s:{_ENTITY_ALT})-[r]->(t:{_ENTITY_ALT})
WHERE type(r) IN $types AND $id IN r.ev_document
RETURN elementId(r) AS eid, {_REL_RETURN}
"""
UPDATE_RELATIONS_BY_EID = """
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.eid
SET r += row.props
"""
DELETE_RELATIONS_BY_EID = """
UNWIND $eids AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid
DELETE r
"""

# --- whole graph ---------------------------------------------------------------

# One batch per transaction, repeated until it deletes nothing, so clearing a big graph
# fits in memory (portable to every Neo4j 5, unlike CALL {} IN TRANSACTIONS syntaxes).
CLEAR_BATCH = f"""
MATCH (n:{_OWN_ALT})
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
"""
# Inside one transaction (used by `load`, which must be all-or-nothing).
CLEAR_IN_TX = f"MATCH (n:{_OWN_ALT}) DETACH DELETE n"

# --- user queries (`ecograph cypher`) --------------------------------------------

#: Prefix that makes Neo4j plan a statement without running it: the read-only check.
EXPLAIN = "EXPLAIN "
PROCEDURE_MODES = "SHOW PROCEDURES YIELD name, mode WHERE name IN $names RETURN name, mode"
