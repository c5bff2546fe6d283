"""Every Cypher statement ecograph sends to Neo4j, in one place.

Why one module: no user text may ever reach a Cypher string. Values always
travel as parameters; the only things that cannot be parameters in Cypher are
labels and relationship types, and those are spliced in here, and only here,
from the whitelists in `ecograph.model` (`LABELS`, `RELATION_TYPES`), after a
membership check. The per-label and per-type statements are built from those
whitelists (and cached), never from what a document or a user said.

Graph shape (see `ecograph.store.neo4j` for the full evidence model):
- entity nodes `(:Organisation|Programme|Place|Sector|Person {id, name, kind,
  aliases, country, founded, name_key, alias_keys})`, unique `id` per label, indexed
  name keys (see NAMED), and `base_*` for an unattributed description (`records`);
- `(:Document {id, source, title, language, ingested_at, seq, loose})`: `seq` its
  place in the order documents were added, `loose` if it states a relation between
  entities it does not list (see REMOVE_READ);
- `(entity)-[:MENTIONED_IN {count, name, aliases, kind, country, founded}]->(:Document)`:
  the count, and what that document says about the entity;
- `(source)-[:TYPE {ev_document, ev_sentence, ev_start, ev_end, ev_method,
  ev_confidence, evidence_count, confidence}]->(target)` for every type in
  `RELATION_TYPES` except MENTIONED_IN.
"""
from __future__ import annotations

from functools import lru_cache

from ...model import LABELS, RELATION_TYPES

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
    # names as researchers type them, resolved in the database (see NAMED below)
    out += [f"CREATE INDEX ecograph_{x.lower()}_name_key IF NOT EXISTS FOR (n:{label(x)}) ON (n.name_key)"
            for x in ENTITY_LABELS]
    out += [f"CREATE TEXT INDEX ecograph_{x.lower()}_alias_keys IF NOT EXISTS FOR (n:{label(x)}) ON (n.alias_keys)"
            for x in ENTITY_LABELS]
    out.append("CREATE INDEX ecograph_document_source IF NOT EXISTS FOR (d:`Document`) ON (d.source)")
    out.append("CREATE INDEX ecograph_document_seq IF NOT EXISTS FOR (d:`Document`) ON (d.seq)")
    return out


# --- documents -----------------------------------------------------------------

DOCUMENTS = "MATCH (d:`Document`) RETURN d {.*} AS d ORDER BY d.id"
DOCUMENT_BY_ID = "MATCH (d:`Document` {id: $id}) RETURN d {.*} AS d"
DOCUMENT_BY_SOURCE = "MATCH (d:`Document` {source: $source}) RETURN d {.*} AS d ORDER BY d.id LIMIT 1"
CREATE_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:`Document` {id: row.id})
SET d += row
"""

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


# An entity's view, unattributed description and records, to fold it again (see
# records.py): each distinct record once, at its first document ([seq, id, name,
# aliases, kind, country, founded]). Folding a record again changes nothing
# (store.merge.combine), so a hub that thousands of documents describe alike costs a
# few rows, not thousands.
ENTITY_RECORDS = """UNWIND $eids AS eid
MATCH (n) WHERE elementId(n) = eid
CALL { WITH n
  OPTIONAL MATCH (n)-[m:`MENTIONED_IN`]->(d:`Document`) WHERE m.name IS NOT NULL
  WITH [m.name, coalesce(m.aliases, []), m.kind, m.country, m.founded] AS rec, [d.seq, d.id] AS at
  WHERE at[1] IS NOT NULL
  WITH rec, min(at) AS first
  RETURN collect(first + rec) AS records }
RETURN eid, labels(n) AS labels, records,
       n {.id, .name, .aliases, .kind, .country, .founded,
          .base_name, .base_aliases, .base_kind, .base_country, .base_founded} AS n
"""

# --- relations -----------------------------------------------------------------

_REL_RETURN = "type(r) AS type, s.id AS source, t.id AS target, properties(r) AS r"

#: A relationship's properties, in the order relation rows carry their values
#: (`{s, t, p: records.relation_values(r)}`; a list packs about twice as fast in
#: the driver as a map with its keys). Written by name: `SET r = map` makes Neo4j plan an
#: Eager (it cannot tell which keys a map sets) that buffers every row of the batch.
REL_PROPS = ("ev_document", "ev_sentence", "ev_start", "ev_end", "ev_method", "ev_confidence",
             "evidence_count", "confidence")
_SET_REL = "SET " + ", ".join(f"r.{k} = row.p[{i}]" for i, k in enumerate(REL_PROPS))

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


# --- the write path: few statements per document -----------------------------
#
# `add` is one transaction per document (crash safety) and, for a new document, three
# statements: ADD_PREPARE (what it replaces, its place in the fold order, the stored
# entities it names), ADD_ENTITIES (the document, its entities with their records on
# MENTIONED_IN, and the stored relations it adds evidence to) and ADD_RELATIONS
# (merged evidence written back; absent relationships CREATEd: the entity writes of
# ADD_ENTITIES hold the node locks that keep a concurrent add from creating them
# meanwhile). Rows travel in map parameters keyed by label or relation type (a
# missing key UNWINDs nothing); the per-label and per-type parts are spliced from the
# whitelists. Nodes are found by unique id or by elementId; relationships only by a
# typed expand from a node: Neo4j plans `elementId(r) = x` as a scan of every
# relationship when its statistics saw an empty graph, and keeps that plan.
# `CALL { WITH x ... }` (not `CALL (x) { ... }`, which needs 5.23+) runs on every Neo4j 5.

_VIEW = "n {.id, .name, .aliases, .kind, .country, .founded}"
_REL_ROW = ("{eid: elementId(r), type: type(r), source: s.id, target: t.id, s: elementId(s), "
            "t: elementId(t), r: properties(r)}")
# A stored relationship from its ends' elementIds: both ends bound first (the subquery),
# so Neo4j expands from the one with fewer relationships (Expand(Into)); otherwise it plans
# an expand of every relationship of `s` whatever its degree (a hub), filtered on `t`.
_REL_BY_ENDS = ("MATCH (s) WHERE elementId(s) = row.s\n  MATCH (t) WHERE elementId(t) = row.t\n"
                "  CALL { WITH s, t MATCH (s)-[r:__T__]->(t) RETURN r }")


def _per_label(body: str, sep: str = "\n") -> str:
    return sep.join(body.replace("__L__", label(x)).replace("__NAME__", x) for x in ENTITY_LABELS)


def _per_type(body: str, sep: str = "\n") -> str:
    return sep.join(body.replace("__T__", rel_type(t)).replace("__TYPE__", t) for t in EDGE_TYPES)


ADD_PREPARE = f"""
OPTIONAL MATCH (d:`Document`) WHERE d.source = $source OR d.id = $id
WITH collect(d {{.id, .seq}}) AS replaced
OPTIONAL MATCH (last:`Document`) WHERE last.seq IS NOT NULL
WITH replaced, last ORDER BY last.seq DESC LIMIT 1
WITH replaced, coalesce(last.seq + 1, 0) AS next
CALL {{
  CALL {{
{_per_label("    MATCH (n:__L__) WHERE n.id IN $ids RETURN '__NAME__' AS label, n", chr(10) + "    UNION ALL" + chr(10))}
  }}
  RETURN collect({{label: label, eid: elementId(n), n: {_VIEW}}}) AS views
}}
RETURN replaced, next, views
"""

ADD_ENTITIES = f"""
MERGE (d:`Document` {{id: $doc.id}})
SET d += $doc
WITH d
{_per_label('''CALL {
  WITH d
  UNWIND $entities.__NAME__ AS row
  MERGE (n:__L__ {id: row.id})
  SET n += row.props
  CREATE (n)-[m:`MENTIONED_IN`]->(d)
  SET m = row.mention
  WITH n, row
  CALL { WITH n, row
    UNWIND row.others AS o
    MATCH (od:`Document` {id: o.document})
    MERGE (n)-[om:`MENTIONED_IN`]->(od)
    SET om.count = o.count }
  RETURN collect([row.id, elementId(n)]) AS eids___NAME__
}''')}
CALL {{
  CALL {{
{_per_type('''    UNWIND $keys.__TYPE__ AS row
    ''' + _REL_BY_ENDS + '''
    RETURN r, s, t''', chr(10) + "    UNION ALL" + chr(10))}
  }}
  RETURN collect({_REL_ROW}) AS rels
}}
RETURN {" + ".join(f"eids_{x}" for x in ENTITY_LABELS)} AS eids, rels
"""

_UPDATE_RELATIONS = f"""CALL {{
  UNWIND $updates.__TYPE__ AS row
  {_REL_BY_ENDS}
  {_SET_REL}
}}"""
ADD_RELATIONS = _per_type(_UPDATE_RELATIONS) + "\n" + _per_type(f"""CALL {{
  UNWIND $created.__TYPE__ AS row
  MATCH (s) WHERE elementId(s) = row.s
  MATCH (t) WHERE elementId(t) = row.t
  CREATE (s)-[r:__T__]->(t)
  {_SET_REL}
}}""")

# Forget: the document's mentions, and the relations with its evidence found around the
# entities it mentions (each relation a document states names one of its own entities,
# unless the document is flagged `loose`, or predates the flag (no `seq`): then
# REMOVE_SCAN looks at every relationship, as the list property has no index).
REMOVE_READ = f"""
MATCH (d:`Document` {{id: $id}})
CALL {{ WITH d
  OPTIONAL MATCH (n)-[:`MENTIONED_IN`]->(d)
  RETURN collect(elementId(n)) AS mentioned }}
CALL {{ WITH d
  OPTIONAL MATCH (n)-[:`MENTIONED_IN`]->(d)
  OPTIONAL MATCH (n)-[r]-()
  WHERE type(r) IN $types AND d.id IN r.ev_document
  WITH DISTINCT r WHERE r IS NOT NULL
  WITH r, startNode(r) AS s, endNode(r) AS t
  RETURN collect({_REL_ROW}) AS rels }}
RETURN mentioned, rels, d.seq IS NULL OR coalesce(d.loose, false) AS scan
"""
REMOVE_SCAN = f"""
MATCH (s:{_ENTITY_ALT})-[r]->(t:{_ENTITY_ALT})
WHERE type(r) IN $types AND $id IN r.ev_document
RETURN {_REL_ROW} AS rel
"""
# Evidence written back or relations dropped, the document deleted, entities nothing
# mentions or links deleted (those it mentioned, `$eids`, and the ends of the dropped
# relations, `$ends`: an entity no document mentions goes with its last relation);
# then the survivors' records, to fold them again.
REMOVE_WRITE = _per_type(_UPDATE_RELATIONS) + "\n" + _per_type(f"""CALL {{
  UNWIND $deletes.__TYPE__ AS row
  {_REL_BY_ENDS}
  DELETE r
}}""") + """
CALL { MATCH (d:`Document` {id: $id}) DETACH DELETE d }
CALL { UNWIND $eids + $ends AS eid MATCH (n) WHERE elementId(n) = eid AND NOT (n)--() DELETE n }
""" + ENTITY_RECORDS
# Documents an older version wrote have no `seq` and their mentions no record: placed
# before every other document (in id order) and flagged `loose` (nobody checked their
# relations), their mentions get the record that version assumed, the entity's whole
# view; so do entities nothing mentions, as their unattributed description. Run before
# the first write of a store object; a no-op once nothing is left to convert.
MIGRATE_OLDER_DOCUMENTS = f"""
OPTIONAL MATCH (d:`Document`) WHERE d.seq IS NULL
WITH d ORDER BY d.id
WITH collect(d) AS older
CALL {{ WITH older
  UNWIND range(0, size(older) - 1) AS i
  WITH older[i] AS d, i - size(older) AS seq
  SET d.seq = seq, d.loose = true
  WITH d
  MATCH (n)-[m:`MENTIONED_IN`]->(d) WHERE m.name IS NULL
  SET m += n {{.name, .aliases, .kind, .country, .founded}} }}
CALL {{ WITH older
  WITH older WHERE size(older) > 0
  MATCH (n:{_ENTITY_ALT}) WHERE n.base_name IS NULL AND NOT (n)-[:`MENTIONED_IN`]->()
  SET n.base_name = n.name, n.base_aliases = n.aliases, n.base_kind = n.kind,
      n.base_country = n.country, n.base_founded = n.founded }}
RETURN size(older) AS converted
"""
# Every entity's per-document records and unattributed description, and the documents'
# order: what `Neo4jStore.saved_state` hands to curation (store.exchange.stored_state reads it).
ALL_MENTION_RECORDS = """
MATCH (n)-[m:`MENTIONED_IN`]->(d:`Document`) WHERE m.name IS NOT NULL
RETURN n.id AS id, d.id AS document, m.name AS name, coalesce(m.aliases, []) AS aliases,
       m.kind AS kind, m.country AS country, m.founded AS founded
"""
ALL_BASE_RECORDS = """
MATCH (n) WHERE n.base_name IS NOT NULL
RETURN n.id AS id, n.base_name AS name, coalesce(n.base_aliases, []) AS aliases, n.base_kind AS kind,
       n.base_country AS country, n.base_founded AS founded
"""
DOCUMENT_ORDER = "MATCH (d:`Document`) RETURN d.id AS id ORDER BY d.seq, d.id"
UPDATE_ENTITIES_BY_EID = """
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
SET n += row.props
"""


# `load`: the graph was just cleared (same transaction), so nodes and relationships are
# CREATEd, not MERGEd, in batches of thousands of rows.
@lru_cache(maxsize=None)
def load_entities(name: str) -> str:
    return f"""
UNWIND $rows AS row
CREATE (n:{label(name)})
SET n = row.props
WITH n, row
UNWIND row.mentions AS mm
MATCH (d:`Document` {{id: mm.document}})
CREATE (n)-[m:`MENTIONED_IN`]->(d)
SET m = mm.props
"""


@lru_cache(maxsize=None)
def load_relations(type_: str, source_label: str, target_label: str) -> str:
    return f"""
UNWIND $rows AS row
MATCH (s:{label(source_label)} {{id: row.s}})
MATCH (t:{label(target_label)} {{id: row.t}})
CREATE (s)-[r:{rel_type(type_)}]->(t)
{_SET_REL}
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
# The same for relationships first (ours: they start at our nodes), so that no batch
# deletes a hub with its thousands of relationships at once.
CLEAR_RELATIONSHIPS_BATCH = f"""
MATCH (:{_OWN_ALT})-[r]->()
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS deleted
"""
# Inside one transaction (used by `load`, which must be all-or-nothing).
CLEAR_IN_TX = f"MATCH (n:{_OWN_ALT}) DETACH DELETE n"

# --- user queries (`ecograph cypher`) --------------------------------------------

#: Prefix that makes Neo4j plan a statement without running it: the read-only check.
EXPLAIN = "EXPLAIN "
#: Our own running query (tagged with transaction metadata), to stop it on Ctrl-C.
OWN_TRANSACTIONS = ("SHOW TRANSACTIONS YIELD transactionId, metaData "
                    "WHERE metaData.ecograph_run = $run RETURN transactionId AS id")
TERMINATE_TRANSACTIONS = "TERMINATE TRANSACTIONS $ids"

# --- local reads for the research queries (READ transactions; see store.neo4j.reads) -
#
# A query about one organisation reads its neighbourhood, not the whole graph. In a
# pattern, relationship types and the bounds of a variable-length hop cannot be
# parameters: the types are spliced from the EDGE_TYPES whitelist and the depth as
# a checked integer; everything else (ids) travels as parameters.

# Seed nodes by id, whatever their label: one indexed seek per label (as in _union_per_label),
# in a COLLECT subquery (a plain CALL {} subquery is deprecated in Neo4j 5.23+, and
# the CALL () {} that replaces it does not exist before).
_SEEDS = ("UNWIND COLLECT {\n" + "\n  UNION\n".join(
    f"  MATCH (c:{label(x)}) WHERE c.id IN $ids RETURN c" for x in ENTITY_LABELS) + "\n} AS c")

# Names as typed, resolved in the database with the rules of `queries.lookup` (an id; else
# the one entity with that normalised name or alias, of the wanted `$label` if any; else the
# one of those whose name it is): `$names` = [{id: the name if it may be an id, key: its
# `ids.norm`, bar: "|key|"}]. Every entity node carries `name_key` (norm of its name, range
# index) and `alias_keys` ("|norm|norm|" of its aliases, text index: CONTAINS); both are
# written with its other properties (`store.records.entity_row`). `picked`: one id per
# name, '' where the rules do not decide (no match, several): the caller falls back to its
# own index, which also says "did you mean". `seeds`: the picked ids, none if one is ''.
NAMED = """UNWIND range(0, size($names) - 1) AS i
WITH i, $names[i] AS q
WITH i, COLLECT {
""" + "\n  UNION\n".join(
    f"  MATCH (n:{label(x)}) WHERE n.id = q.id OR n.name_key = q.key OR n.alias_keys CONTAINS q.bar\n"
    f"  RETURN [n.id, '{x}', CASE WHEN n.id = q.id THEN 'id' WHEN n.name_key = q.key THEN 'name' ELSE 'alias' END] AS hit"
    for x in ENTITY_LABELS) + """
} AS hits
WITH i, [h IN hits WHERE h[2] = 'id'] AS byid, [h IN hits WHERE h[2] <> 'id' AND ($label IS NULL OR h[1] = $label)] AS ex
WITH i, CASE WHEN size(byid) > 0 THEN byid[0][0] WHEN size(ex) = 1 THEN ex[0][0]
             WHEN size([h IN ex WHERE h[2] = 'name']) = 1 THEN [h IN ex WHERE h[2] = 'name'][0][0]
             ELSE '' END AS id
ORDER BY i
WITH collect(id) AS picked
WITH picked, CASE WHEN '' IN picked THEN [] ELSE picked END AS seeds
"""
RESOLVE = NAMED + "RETURN picked"
# Entities without `name_key` (written by an older version): while there are any, a name
# may match one the database cannot see, so names are resolved by the caller's index.
NAME_KEYS_MISSING = "RETURN " + " + ".join(
    f"COUNT {{ MATCH (n:{label(x)}) }} - COUNT {{ MATCH (n:{label(x)}) WHERE n.name_key IS NOT NULL }}"
    for x in ENTITY_LABELS) + " AS missing"


def _edge_alt(types: tuple[str, ...]) -> str:
    """`A`|`B` for a pattern, only from relation types between entities."""
    if not types:
        raise ValueError("no relation type")
    for t in types:
        if t not in EDGE_TYPES:
            raise ValueError(f"not an ecograph relation type between entities: {t!r}")
    return "|".join(rel_type(t) for t in types)


def _depth(depth: int) -> int:
    if type(depth) is not int or depth < 0:  # bool is an int: refused too
        raise ValueError(f"not a depth: {depth!r}")
    return depth


@lru_cache(maxsize=256)
def neighbourhood(types: tuple[str, ...], depth: int, context: tuple[str, ...] = (),
                  evidence: bool = True, named: bool = False) -> str:
    """The entities within `depth` hops of the seeds `$ids` over `types` (direction
    ignored), and those their `context` relations reach outside that ball. One record,
    `rows`: per entity [labels, properties, mentions, types, targets, properties of its
    outgoing relations of `types` to others in the ball and of `context` types, the
    documents those relations cite or the entity is mentioned in]. Without `evidence`:
    no relationship properties and no documents (structure only). One statement, one
    round trip, one record of lists: the driver decodes that much faster than a record
    per entity, or maps with their keys. `named`: seeds from `$names` (see NAMED), and
    the ids picked for them in `picked` (null if none was)."""
    alt = _edge_alt(types)
    item = "{t: type(r), m: m.id, p: properties(r)}" if evidence else "{t: type(r), m: m.id}"
    rels = f"[(n)-[r:{alt}]->(m) WHERE m IN ball | {item}]"
    ends = "[]"
    if context:
        ctx = _edge_alt(context)
        rels += f" + [(n)-[r:{ctx}]->(m:{_ENTITY_ALT}) | {item}]"
        ends = f"[(b)-[:{ctx}]->(m:{_ENTITY_ALT}) WHERE NOT m IN ball | m]"
    props, documents = "[]", "[]"
    if evidence:
        props = "[x IN rels | x.p]"
        documents = """COLLECT {
         UNWIND rels AS x
         UNWIND x.p.ev_document AS doc
         MATCH (d:`Document` {id: doc})
         RETURN d {.*} AS d
         UNION
         MATCH (n)-[:`MENTIONED_IN`]->(d:`Document`)
         RETURN d {.*} AS d
       }"""
    # `picked` rides along, aggregated where rows are (so no seed still gives one record)
    seeds, keep, agg = _SEEDS, "", ""
    if named:
        seeds, keep, agg = NAMED + _SEEDS.replace("$ids", "seeds"), ", picked", ", head(collect(picked)) AS picked"
    # collect(DISTINCT b) right after the variable-length hop lets Neo4j expand it
    # breadth-first with pruning instead of enumerating every path
    return f"""
{seeds}
MATCH (c)-[:{alt}*0..{_depth(depth)}]-(b:{_ENTITY_ALT})
WITH collect(DISTINCT b) AS ball{agg}
WITH ball, reduce(acc = [], b IN ball | acc + {ends}) AS ends{keep}
UNWIND ball + ends AS n
WITH DISTINCT n, ball, n IN ball AS inside{keep}
WITH n, CASE WHEN inside THEN {rels} ELSE [] END AS rels{keep}
WITH n, rels, {documents} AS documents{keep}
RETURN collect([labels(n), n {{.*}}, {_MENTIONS}, [x IN rels | x.t], [x IN rels | x.m], {props},
                documents]) AS rows{agg}
"""


@lru_cache(maxsize=256)
def adjacent(types: tuple[str, ...], among: bool = False) -> str:
    """Relations of `types` touching the seeds `$ids` (with `among`: only those whose other
    end is in `$among`), ends only (a breadth-first step), as one row of parallel lists."""
    where = "WHERE m.id IN $among" if among else ""
    return f"""
{_SEEDS}
MATCH (c)-[r:{_edge_alt(types)}]-(m:{_ENTITY_ALT})
{where}
WITH DISTINCT r
RETURN collect(type(r)) AS types, collect(startNode(r).id) AS sources, collect(endNode(r).id) AS targets
"""


@lru_cache(maxsize=64)
def on_shortest_paths(types: tuple[str, ...]) -> str:
    """Ids of the nodes on shortest `$a`-`$b` paths over `types` (direction ignored), from
    at most `$cap` paths (the database's bidirectional search, one round trip); `paths`
    says how many were read: `$cap` means maybe not all, none maybe farther than 15 hops."""
    end = "COLLECT {\n" + "\n  UNION\n".join(
        f"  MATCH (c:{label(x)}) WHERE c.id = $__ RETURN c" for x in ENTITY_LABELS) + "\n}[0]"
    return f"""
WITH {end.replace("$__", "$a")} AS a, {end.replace("$__", "$b")} AS b
MATCH p = allShortestPaths((a)-[:{_edge_alt(types)}*..15]-(b))
WHERE all(x IN nodes(p) WHERE x:{_ENTITY_ALT})
WITH p LIMIT $cap
UNWIND nodes(p) AS n
RETURN count(DISTINCT p) AS paths, collect(DISTINCT n.id) AS ids
"""


# Names and aliases of every entity: the name index that resolves what researchers type.
# Three parallel lists per label, not a row per entity: decoding 100k records in the
# driver takes seconds, 100k list items a fraction of that.
ENTITY_NAMES = _union_per_label("""
MATCH (n:__L__)
RETURN '__NAME__' AS label, collect(n.id) AS ids, collect(coalesce(n.name, '')) AS names,
       collect(coalesce(n.aliases, [])) AS aliases""")
# The cheapest read: its bookmark says which committed state the database is in.
STATE = "RETURN 1 AS one"
