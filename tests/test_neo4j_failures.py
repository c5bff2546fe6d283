"""Neo4j failure modes and the read-only `cypher` command, against the real server in NEO4J_URI.

Every failure must surface as an `EcographError` with a hint, never with the
password in it; every statement that could change anything must be refused
before it runs."""
from __future__ import annotations

import secrets
import socket
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.errors import QueryRefused, StoreError
from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def full_text(exc: BaseException | None) -> str:
    """Message, hint, and the messages of every chained cause: where a password must never appear."""
    out = []
    while exc is not None:
        out += traceback.format_exception_only(exc) + [str(getattr(exc, "hint", ""))]
        exc = exc.__cause__ or exc.__context__
    return "".join(out)


def small_graph(doc_id: str = "doc:p", source: str = "p.txt") -> Extraction:
    return Extraction(
        Document(doc_id, source, "P", "en"),
        [Entity("org:ce3m", "Organisation", "CE3M", "cluster", mentions={doc_id: 1}),
         Entity("org:giz", "Organisation", "GIZ", "funder", mentions={doc_id: 1}),
         Entity("prog:tns", "Programme", "THE NEXT SOCIETY", "programme", mentions={doc_id: 1})],
        [Relation("PARTNERS_WITH", "org:giz", "org:ce3m",
                  [Evidence(doc_id, "GIZ and CE3M partner.", 0, 21, "pattern", 0.9)]),
         Relation("FUNDS", "org:giz", "prog:tns",
                  [Evidence(doc_id, "GIZ funds THE NEXT SOCIETY.", 22, 49, "pattern", 0.8)])])


# --- connecting ----------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["neo4j", "bolt"])
def test_wrong_port(scheme, neo4j_url):
    t0 = time.monotonic()
    with pytest.raises(StoreError) as info:
        Neo4jStore(f"{scheme}://127.0.0.1:{free_port()}")
    assert "cannot reach" in str(info.value) and info.value.hint
    assert time.monotonic() - t0 < 30


def test_wrong_password(neo4j_url, monkeypatch):
    wrong = "wrong-" + secrets.token_hex(8)
    monkeypatch.setenv("NEO4J_PASSWORD", wrong)
    with pytest.raises(StoreError) as info:
        Neo4jStore(neo4j_url)
    assert "refused the credentials" in str(info.value)
    assert "NEO4J_PASSWORD" in info.value.hint
    assert wrong not in full_text(info.value)


def test_unknown_database(neo4j_url, monkeypatch):
    monkeypatch.setenv("NEO4J_DATABASE", "nosuchdb" + secrets.token_hex(3))
    with pytest.raises(StoreError) as info:
        Neo4jStore(neo4j_url)
    assert "does not exist" in str(info.value) and "NEO4J_DATABASE" in info.value.hint


def test_credentials_in_url_are_refused_and_not_echoed(neo4j_url):
    with pytest.raises(StoreError) as info:
        Neo4jStore("neo4j://neo4j:s3cr3t-in-url@127.0.0.1:7687")
    assert "s3cr3t-in-url" not in full_text(info.value)


def test_connection_lost_mid_ingest(neo4j_url):
    """A real TCP path to the real server that we cut between two documents."""
    target = urlsplit(neo4j_url)
    proxy = _Proxy(target.hostname, target.port)
    try:
        store = Neo4jStore(f"bolt://127.0.0.1:{proxy.port}", max_retry_time=1.0, connection_timeout=3.0)
        try:
            store.clear()
            store.add(small_graph())
            proxy.cut()
            t0 = time.monotonic()
            with pytest.raises(StoreError) as info:
                store.add(small_graph("doc:q", "q.txt"))
            assert time.monotonic() - t0 < 30
            assert "Neo4j" in str(info.value) and info.value.hint
        finally:
            store.close()
    finally:
        proxy.cut()
    with Neo4jStore(neo4j_url) as s:  # the cut transaction left nothing behind
        assert [d.id for d in s.documents()] == ["doc:p"]
        s.clear()


class _Proxy:
    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.socks: list[socket.socket] = []
        self.lock = threading.Lock()
        self.dead = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.dead:
                client.close()
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.socks += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket):
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        self.dead = True
        try:  # on Linux, close() alone does not wake a thread blocked in accept()
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            for s in self.socks:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
            self.socks.clear()


# --- read-only cypher ------------------------------------------------------------

WRITES = [
    "CREATE (n)",
    "MATCH (n) DETACH DELETE n",
    "MERGE (o:Organisation {id: 'org:evil'}) RETURN o",
    "MATCH (o:Organisation) SET o.name = 'pwned'",
    "MATCH (o:Organisation) REMOVE o.name",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CALL db.createLabel('Hacked')",
    "CALL db.createProperty('hacked')",
    "UNWIND [1] AS x CALL db.createLabel('Hacked') RETURN x",
    "CALL db.clearQueryCaches()",
    "FOREACH (x IN [1] | CREATE (:Organisation {id: 'org:evil'}))",
    "MATCH (o:Organisation) CALL (o) { SET o.name = 'pwned' } RETURN o",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    "CREATE INDEX evil FOR (n:Organisation) ON (n.name)",
    "DROP CONSTRAINT ecograph_organisation_id",
    "CREATE USER mallory SET PASSWORD 'abcdefgh1234'",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "PROFILE CREATE (n)",
    "EXPLAIN CREATE (n)",
    "MATCH (n) RETURN n; CREATE (m)",
]


@pytest.fixture
def graph(neo4j_store):
    neo4j_store.add(small_graph())
    return neo4j_store


@pytest.mark.parametrize("query", WRITES)
def test_cypher_refuses_writes(graph, query):
    before = graph.export()
    with pytest.raises(QueryRefused) as info:
        graph.run_read_query(query)
    assert str(info.value)
    assert graph.export() == before
    labels = {r["label"] for r in graph.run_read_query("CALL db.labels() YIELD label RETURN label")}
    assert "Hacked" not in labels


def test_cypher_answers_reads(graph):
    rows = graph.run_read_query("MATCH (o:Organisation)-[:PARTNERS_WITH]-(p) RETURN o.name, p.name")
    assert sorted((r["o.name"], r["p.name"]) for r in rows) == [("CE3M", "GIZ"), ("GIZ", "CE3M")]
    rows = graph.run_read_query("MATCH (o:Organisation {name: $name}) RETURN o", {"name": "GIZ"})
    assert rows == [{"o": {"_labels": ["Organisation"], "id": "org:giz", "name": "GIZ", "kind": "funder",
                           "aliases": [], "name_key": "giz"}}]  # name_key: the indexed lookup key
    assert graph.run_read_query("CALL db.relationshipTypes()")  # read-only procedures are fine


def test_documented_evidence_queries(graph):
    rows = graph.run_read_query(
        "MATCH (a:Organisation {name: $name})-[r:PARTNERS_WITH]-(b) "
        "UNWIND range(0, r.evidence_count - 1) AS i "
        "MATCH (d:Document {id: r.ev_document[i]}) "
        "RETURN b.name AS partner, d.source AS source, r.ev_sentence[i] AS sentence, "
        "r.ev_confidence[i] AS confidence", {"name": "CE3M"})
    assert rows == [{"partner": "GIZ", "source": "p.txt", "sentence": "GIZ and CE3M partner.",
                     "confidence": 0.9}]
    rows = graph.run_read_query("MATCH (s)-[r]->(t) WHERE $doc IN r.ev_document "
                                "RETURN s.name, type(r) AS type, t.name ORDER BY type", {"doc": "doc:p"})
    assert [r["type"] for r in rows] == ["FUNDS", "PARTNERS_WITH"]


# --- the CLI -----------------------------------------------------------------------

def run_cli(args, env=None):
    return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)


def test_cli_cypher_refuses_with_exit_1(graph):
    res = run_cli(["--store", graph.url, "cypher", "MATCH (n) DETACH DELETE n"])
    assert res.exit_code == 1
    assert "refused" in res.output and "hint:" in res.output
    assert graph.entities()


def test_cli_cypher_answers_json_and_csv(graph):
    res = run_cli(["--store", graph.url, "cypher", "--json",
                   "MATCH (o:Organisation {id: $id})-[:PARTNERS_WITH]-(p) RETURN o.name AS o, p.name AS p",
                   "--param", "id=org:ce3m"])
    assert res.exit_code == 0, res.output
    import json
    assert json.loads(res.stdout) == [{"o": "CE3M", "p": "GIZ"}]
    res = run_cli(["--store", graph.url, "cypher", "--csv", "RETURN $n + 1 AS n, $xs AS xs",
                   "-p", "n=41", "-p", 'xs=["a", "b"]'])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["n,xs", "42,a; b"]


def test_cli_cypher_wrong_password_exit_1(neo4j_url):
    wrong = "wrong-" + secrets.token_hex(8)
    res = run_cli(["--store", neo4j_url, "cypher", "RETURN 1"], env={"NEO4J_PASSWORD": wrong})
    assert res.exit_code == 1
    assert "refused the credentials" in res.output and wrong not in res.output


def test_cli_cypher_on_embedded_store(tmp_path):
    res = run_cli(["--store", str(tmp_path / "store"), "cypher", "RETURN 1"])
    assert res.exit_code == 1
    assert "needs a Neo4j store" in res.output and "hint:" in res.output


def test_cli_unreachable_server_says_one_thing(neo4j_url):
    """A real process: stdout empty, stderr only our message (the driver's own logging stays quiet)."""
    exe = Path(sys.executable).with_name("ecograph")
    res = subprocess.run([str(exe), "--store", f"neo4j://127.0.0.1:{free_port()}", "cypher", "RETURN 1"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1 and res.stdout == ""
    assert res.stderr.startswith("Error: cannot reach Neo4j"), res.stderr
    assert "hint:" in res.stderr


def test_cli_cypher_bad_param(neo4j_url):
    res = run_cli(["--store", neo4j_url, "cypher", "RETURN 1", "--param", "novalue"])
    assert res.exit_code == 2 and "NAME=VALUE" in res.output
