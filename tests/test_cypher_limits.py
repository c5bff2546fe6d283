"""`ecograph cypher` against the real server (issue 15): an allow-list of procedures and SHOW
commands instead of Neo4j's READ label, a row limit with a line saying the result was cut,
a transaction timeout, and Ctrl-C stopping the query on the server."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ecograph.errors import QueryRefused
from helpers import sigint_as_a_terminal_sends_it

ECOGRAPH = str(Path(sys.executable).with_name("ecograph"))
ENDLESS = "UNWIND range(1, 100000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"

pytestmark = pytest.mark.neo4j


def cypher(url: str, *args: str, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")}
    return subprocess.run([ECOGRAPH, "--store", url, "cypher", *args], capture_output=True, text=True,
                          timeout=120, env=env, **kw)


@pytest.mark.parametrize("statement", [
    "CALL db.stats.collect('QUERIES')",
    "CALL db.stats.stop('QUERIES')",
    "CALL db.stats.clear('QUERIES')",
    "CALL db.stats.retrieve('GRAPH COUNTS')",
    "SHOW TRANSACTIONS",
    "SHOW TRANSACTIONS YIELD * RETURN *",
    "SHOW SETTINGS",
    "CALL dbms.components()",
])
def test_procedures_and_commands_outside_the_allow_list_are_refused(neo4j_store, neo4j_url, statement):
    with pytest.raises(QueryRefused, match="refused"):
        neo4j_store.run_read_query(statement)
    r = cypher(neo4j_url, statement)
    assert r.returncode == 1 and r.stdout == "" and "refused" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("statement", ["CALL db.labels()", "SHOW INDEXES", "SHOW CONSTRAINTS",
                                       "CALL db.schema.visualization()"])
def test_schema_descriptions_stay_allowed(neo4j_store, statement):
    assert isinstance(neo4j_store.run_read_query(statement), list)


def test_limit_cuts_the_rows_and_says_so(neo4j_store, neo4j_url):
    rows = neo4j_store.run_read_query("UNWIND range(1, 25) AS x RETURN x", limit=10)
    assert [r["x"] for r in rows] == list(range(1, 11)) and rows.cut
    whole = neo4j_store.run_read_query("UNWIND range(1, 25) AS x RETURN x", limit=25)
    assert len(whole) == 25 and not whole.cut
    r = cypher(neo4j_url, "UNWIND range(1, 25) AS x RETURN x", "--limit", "10", "--csv")
    assert r.returncode == 0 and r.stdout.split() == ["x", *map(str, range(1, 11))]
    assert "cut at 10 rows" in r.stderr
    r = cypher(neo4j_url, "UNWIND range(1, 25) AS x RETURN x", "--csv")  # default: 10,000
    assert len(r.stdout.split()) == 26 and "cut" not in r.stderr


def test_a_default_limit_keeps_a_huge_result_from_being_fetched(neo4j_store, neo4j_url):
    r = cypher(neo4j_url, "UNWIND range(1, 100000000) AS x RETURN x", "--csv")
    assert r.returncode == 0 and len(r.stdout.split()) == 10_001 and "cut at 10000 rows" in r.stderr


def test_timeout_stops_the_query_with_a_clear_error(neo4j_store, neo4j_url):
    r = cypher(neo4j_url, ENDLESS, "--timeout", "1")
    assert r.returncode == 1 and "time limit (1 s)" in r.stderr and "--timeout" in r.stderr
    assert "Traceback" not in r.stderr


def _ours_running(driver) -> list:
    with driver.session() as s:
        return [r["id"] for r in s.run("SHOW TRANSACTIONS YIELD transactionId AS id, metaData "
                                       "WHERE metaData.ecograph_run IS NOT NULL RETURN id")]


def test_ctrl_c_stops_the_query_on_the_server(neo4j_store, neo4j_url):
    from neo4j import GraphDatabase
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")}
    with GraphDatabase.driver(neo4j_url, auth=(os.environ.get("NEO4J_USERNAME", "neo4j"),
                                               os.environ["NEO4J_PASSWORD"])) as driver:
        assert _ours_running(driver) == []
        proc = subprocess.Popen([ECOGRAPH, "--store", neo4j_url, "cypher", ENDLESS, "--timeout", "600"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                preexec_fn=sigint_as_a_terminal_sends_it)
        try:
            deadline = time.monotonic() + 60
            while not _ours_running(driver):  # wait for the query to be running on the server
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.poll() else ""
                time.sleep(0.2)
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=60)
            assert proc.returncode != 0 and "Traceback" not in err, err
            deadline = time.monotonic() + 30
            while _ours_running(driver):  # before the fix it ran on to its own end (here: never)
                assert time.monotonic() < deadline, "the query kept running on the server after Ctrl-C"
                time.sleep(0.2)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
