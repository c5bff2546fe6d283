"""What `ecograph cypher` lets a researcher's statement do on Neo4j (`Neo4jStore.run_read_query`):
the operators of its plan that are refused, the procedures and SHOW commands allowed, and the
rows fetched, at most a limit, as plain Python."""
from __future__ import annotations

import re
from typing import Iterator

from ..errors import QueryRefused


#: What `ecograph cypher` may call: procedures and SHOW commands that only describe the
#: graph's schema. An allow-list, because Neo4j labels READ things that change or reveal the
#: server (db.stats.collect/clear/retrieve, SHOW TRANSACTIONS, SHOW SETTINGS).
SAFE_PROCEDURES = frozenset({"db.labels", "db.relationshipTypes", "db.propertyKeys",
                             "db.schema.visualization", "db.schema.nodeTypeProperties",
                             "db.schema.relTypeProperties"})
SAFE_COMMANDS = frozenset({"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"})


def _command_name(operator: str) -> str:
    """"ShowTransactions" -> "SHOW TRANSACTIONS"."""
    return " ".join(re.findall(r"[A-Z][a-z]*", operator)).upper()


class QueryRows(list):
    """The rows of a researcher's query; `cut` is True when more rows than the limit came."""
    cut = False


def fetch(result, limit: int | None, plain) -> QueryRows:
    """At most `limit` records of `result`, each value through `plain` (driver values ->
    Python), fetched as they come."""
    rows = QueryRows()
    for rec in result:
        if limit is not None and len(rows) >= limit:
            rows.cut = True  # the rest stays on the server: the transaction is rolled back
            break
        rows.append({k: plain(v) for k, v in rec.items()})
    return rows


def _operators(plan: dict) -> Iterator[tuple[str, str | None]]:
    yield plan.get("operatorType", "").split("@", 1)[0], (plan.get("args") or {}).get("Details")
    for child in plan.get("children") or []:
        yield from _operators(child)


def check_read_only(summary) -> None:
    """Refuse (QueryRefused) a planned statement that is not a plain read (see `run_read_query`)."""
    kinds = {"w": "write", "rw": "read and write", "s": "change the schema or the server"}
    if summary.query_type != "r":
        raise QueryRefused(f"refused: this statement would {kinds.get(summary.query_type, 'not only read')}; "
                           "`ecograph cypher` only reads",
                           hint="change the graph with `ecograph ingest`, `forget` or `import`")
    for op, details in _operators(summary.plan or {}):
        if op == "LoadCSV":
            raise QueryRefused("refused: LOAD CSV reads files or URLs on the server",
                               hint="load data with `ecograph ingest` or `ecograph import`")
        if op in ("TransactionForeach", "TransactionApply"):
            raise QueryRefused("refused: CALL { } IN TRANSACTIONS is not allowed here")
        if op.startswith("Terminate"):  # TERMINATE TRANSACTIONS plans as 'r' but kills others' work
            raise QueryRefused("refused: TERMINATE stops other users' transactions")
        if op.startswith("Show") and op not in SAFE_COMMANDS:
            raise QueryRefused(f"refused: {_command_name(op)} shows the server's state or other "
                               "sessions' work", hint="allowed: " + ", ".join(map(_command_name, sorted(SAFE_COMMANDS))))
        if op == "ProcedureCall":
            m = re.match(r"\s*([\w.]+)\s*\(", details or "")
            if not m:
                raise QueryRefused("refused: cannot tell which procedure this calls")
            if m.group(1) not in SAFE_PROCEDURES:
                raise QueryRefused(f"refused: procedure {m.group(1)} is not on the list of safe procedures",
                                   hint="allowed: " + ", ".join(sorted(SAFE_PROCEDURES)))
