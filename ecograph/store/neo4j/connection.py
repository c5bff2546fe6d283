"""The connection to a Neo4j server: the driver, its sessions, retried reads, managed
writes, and the one place its exceptions become `StoreError`s.

Credentials only from the environment (`NEO4J_USERNAME`, default `neo4j`;
`NEO4J_PASSWORD`; optional `NEO4J_DATABASE`), never from the URL or the CLI, and
never in a message or an exception.

State ("version"): a READ transaction's bookmark names the last transaction the
database had committed when it ran (Neo4j 5), whoever committed it. Two reads with
the same bookmark saw the same graph, so caches built from a read stay valid while
the bookmark does not change. An empty bookmark means "unknown": never cache.
"""
from __future__ import annotations

import contextlib
import logging
import os
import time
from typing import Callable, Iterator

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, unit_of_work
from neo4j.exceptions import (AuthError, ClientError, ConfigurationError, DriverError, Forbidden,
                              IncompleteCommit, Neo4jError, ServiceUnavailable, SessionExpired)

from ...config import NEO4J_SCHEMES, redact, scrub
from ...errors import EcographError, StoreError
from . import cypher as Q

# The driver logs connection failures at ERROR; with no logging configured, Python's
# last-resort handler would print them to stderr. We report through exceptions instead;
# an application that configures logging still receives them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
START_HINT = ("is the server running and is the URL right? For the development server: "
              "`bash scripts/neo4j.sh start && source .neo4j/env`")
#: How long a read is retried on transient errors (the driver's default for managed ones).
RETRY_TIME = 15.0


def check_url(url: str) -> None:
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in NEO4J_SCHEMES:
        raise StoreError(f"not a Neo4j URL scheme: {scheme!r}",
                         hint="use neo4j://host:port, neo4j+s://, bolt:// or bolt+s://")
    if "@" in rest.split("/", 1)[0]:
        # Never echo it: the part before '@' may be a password.
        raise StoreError("the Neo4j URL must not contain credentials",
                         hint="put them in NEO4J_USERNAME / NEO4J_PASSWORD")


def _token(bookmarks) -> tuple[str, ...] | None:
    values = tuple(sorted(getattr(bookmarks, "raw_values", ()) or ()))
    return values or None


class Connection:
    """A driver to one database. Connectivity and schema are checked at construction."""

    def __init__(self, url: str, *, max_retry_time: float, connection_timeout: float,
                 tx_timeout: float | None):
        check_url(url)
        self.url = url
        # Bounds, so a stopped server (kill -STOP, a frozen VM) gives an error, not a hang:
        # connecting (TCP, Bolt handshake, login) and getting a pooled connection are bounded
        # here; a read in flight by the receive timeout Neo4j 5 announces to drivers
        # (connection.recv_timeout_seconds, 120 s by default); each write transaction by
        # `tx_timeout` on the server; and the managed transactions' retries by max_retry_time.
        self.tx_timeout = tx_timeout
        self.user = os.environ.get("NEO4J_USERNAME") or "neo4j"
        self.database = os.environ.get("NEO4J_DATABASE") or None
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (self.user, password) if password is not None else None
        try:
            self.driver = GraphDatabase.driver(
                url, auth=auth, max_transaction_retry_time=max_retry_time,
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=3 * connection_timeout, notifications_min_severity="OFF",
                user_agent="ecograph")
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(scrub(f"invalid Neo4j URL {redact(url)!r}: {exc}", url)) from None
        finally:
            del password, auth
        self.bookmarks = GraphDatabase.bookmark_manager()
        #: (state, whether every entity had its name keys in that state): see `reads.keyed`
        self.keyed: tuple | None = None
        try:
            with self.errors("connecting"):
                self.driver.verify_connectivity()
                self._ensure_schema()
        except BaseException:
            self.driver.close()
            raise

    def close(self) -> None:
        self.driver.close()

    @contextlib.contextmanager
    def errors(self, doing: str) -> Iterator[None]:
        """Driver exceptions -> `StoreError` with a hint. Messages name the URL and user, never the password."""
        where = f"Neo4j at {redact(self.url)}" + (f" (database {self.database!r})" if self.database else "")
        try:
            yield
        except EcographError:
            raise
        except AuthError as exc:
            raise StoreError(f"{where} refused the credentials of user {self.user!r} while {doing}",
                             hint="check NEO4J_USERNAME and NEO4J_PASSWORD (development server: "
                                  "`source .neo4j/env`)") from exc
        except ClientError as exc:
            raise _client_error(exc, where, doing, self.database) from exc
        except IncompleteCommit as exc:
            raise StoreError(f"lost the connection to {where} while committing ({doing}); "
                             "the change may or may not have been saved",
                             hint="re-run the same command: adding a document again replaces it") from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreError(f"cannot reach {where} while {doing}: {exc}", hint=START_HINT) from exc
        except Neo4jError as exc:
            raise StoreError(f"{where} failed while {doing}: {exc.code}: {exc.message}") from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j driver error while {doing} ({where}): {exc}", hint=START_HINT) from exc

    def session(self, *, read: bool = False):
        return self.driver.session(database=self.database, bookmark_manager=self.bookmarks,
                                   default_access_mode=READ_ACCESS if read else WRITE_ACCESS)

    def read(self, query: str, doing: str, **params) -> list[dict]:
        """The rows of one statement, in a managed READ transaction."""
        with self.errors(doing), self.session(read=True) as s:
            return s.execute_read(lambda tx: tx.run(query, params).data())

    def write(self, fn: Callable, doing: str, *args, timeout: float | None = -1):
        """`fn(tx, *args)` in one managed write transaction (retried on transient errors);
        `timeout` -1: the store's `tx_timeout`, None: none."""
        timeout = self.tx_timeout if timeout == -1 else timeout
        with self.errors(doing), self.session() as s:
            return s.execute_write(unit_of_work(timeout=timeout)(fn), *args)

    def run_read(self, doing: str, query: str, params: dict, fetch: Callable):
        """`fetch(result)` of one auto-commit READ statement, and the state it read.

        One round trip (RUN and PULL pipelined; its bookmark comes with the records), where
        a managed transaction costs three (BEGIN, RUN+PULL, COMMIT): that was most of the
        latency of a query. One statement is its own transaction, so it still reads one
        committed state; the driver's retries on transient errors are redone here."""
        give_up, delay = time.monotonic() + RETRY_TIME, 0.05
        with self.errors(doing):
            while True:
                try:
                    with self.session(read=True) as s:
                        out = fetch(s.run(query, params))
                        return out, _token(s.last_bookmarks())
                except Exception as exc:  # the driver's errors say whether a retry may succeed
                    retryable = getattr(exc, "is_retryable", None)
                    if not callable(retryable) or not retryable() or time.monotonic() + delay > give_up:
                        raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def _ensure_schema(self) -> None:
        """Uniqueness constraints on `id` for every label (IF NOT EXISTS: cheap when present).

        A read-only account may not create them; it can still read, so that is tolerated.
        This is also the first statement sent to the database, so a wrong NEO4J_DATABASE shows here."""
        with self.session() as s:
            for stmt in Q.constraint_statements():
                try:
                    s.run(stmt).consume()
                except Forbidden:
                    return


def _client_error(exc: ClientError, where: str, doing: str, database: str | None) -> StoreError:
    if "TransactionTimedOut" in (exc.code or ""):
        return StoreError(f"{where}: the transaction ran past its time limit while {doing} "
                          "and was rolled back", hint="rerun the command; if it recurs, the "
                          "server may be overloaded")
    if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
        return StoreError(f"{where}: the database {database or '(default)'!r} does not exist",
                          hint="unset NEO4J_DATABASE to use the server's default database, "
                               "or create it (Neo4j Community has only 'neo4j')")
    return StoreError(f"{where} rejected a request while {doing}: {exc.code}: {exc.message}")
