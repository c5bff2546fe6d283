"""The Neo4j store, a package: `Neo4jStore` (store.py, the façade) over the connection and
its errors (connection.py), records <-> model (records.py), writes (writes.py), reads
(reads.py), the read-only guard for a researcher's Cypher (guard.py), and every Cypher
string ecograph sends (cypher.py). The neo4j driver is imported nowhere else."""
from .store import Neo4jStore

__all__ = ["Neo4jStore"]
