"""The read-only guard: what `ecograph cypher` lets a researcher's statement do on Neo4j
(`run_read_query`): the operators of its plan that are refused, the procedures and SHOW
commands allowed, and the rows fetched, at most a limit, as plain Python."""
from __future__ import annotations

import contextlib
import re
import uuid
from typing import Iterator

from neo4j.exceptions import ClientError

from ...errors import QueryRefused
from . import cypher as Q
from .connection import Connection
from .records import plain


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


def run_read_query(conn: Connection, query: str, params: dict | None = None, *,
                   timeout: float | None = 60.0, limit: int | None = None) -> QueryRows:
    """Run a researcher's Cypher, refusing anything that could write or reveal the server.

    Enforced in the store, not in the CLI, so every caller gets it: Neo4j plans the statement
    (EXPLAIN, nothing runs) and `check_read_only` refuses it unless it only reads and calls
    only allowed procedures and SHOW commands. Then it runs in a READ transaction (the
    server's last line) with `timeout` seconds as its transaction timeout; at most `limit`
    rows are fetched (`QueryRows.cut` says the result was cut), as plain Python. On Ctrl-C
    the transaction is terminated on the server."""
    if not isinstance(query, str) or not query.strip():
        raise QueryRefused("empty Cypher query")
    params = dict(params or {})
    summary = _plan(conn, query, params)
    check_read_only(summary)
    tag = uuid.uuid4().hex  # finds this transaction on the server, to stop it on Ctrl-C
    with conn.errors("running the query"), conn.session(read=True) as s:
        tx = s.begin_transaction(timeout=timeout, metadata={"ecograph_run": tag})
        try:
            return fetch(tx.run(query, params), limit, plain)
        except KeyboardInterrupt:
            _terminate(conn, tag)
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


def _terminate(conn: Connection, tag: str) -> None:
    """Stop our own running transaction on the server (best effort: we are exiting)."""
    with contextlib.suppress(Exception), conn.driver.session(database=conn.database) as s:
        ids = [r["id"] for r in s.run(Q.OWN_TRANSACTIONS, run=tag)]  # the timeout bounds it anyway
        if ids:
            s.run(Q.TERMINATE_TRANSACTIONS, ids=ids).consume()


def _plan(conn: Connection, query: str, params: dict):
    with conn.errors("checking the query"):
        try:
            with conn.session(read=True) as s:
                return s.execute_read(lambda tx: tx.run(Q.EXPLAIN + query, params).consume())
        except ClientError as exc:
            if (exc.code or "").startswith(("Neo.ClientError.Statement.", "Neo.ClientError.Procedure.")):
                raise QueryRefused(f"Neo4j cannot run this query: {exc.message}",
                                   hint="`ecograph cypher` takes one read-only Cypher statement "
                                        "(no EXPLAIN/PROFILE prefix); parameters go in --param") from None
            raise
