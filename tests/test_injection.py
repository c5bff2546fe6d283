"""Injection and secrets.

Static: user text never reaches a Cypher string. Every statement the Neo4j store sends
comes from `ecograph/store/neo4j/cypher.py` (AST scan of every `.run` call in the
`ecograph/store/neo4j/` package); the statement builders in cypher.py refuse anything outside
the label / relation-type whitelists; no module outside that package holds Cypher or talks
to the driver.

Dynamic: hostile strings through every store entry point against the real server leave the
graph intact; the researcher's `cypher` path refuses writes.

Secrets: the Neo4j password never appears in stdout, stderr, exports or maps, on success
or on error paths (wrong credentials, credentials in the URL, unreachable server).
"""
from __future__ import annotations

import ast
import inspect
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEO4J_DIR = ROOT / "ecograph" / "store" / "neo4j"
CYPHER_PY = NEO4J_DIR / "cypher.py"
#: the package's modules that send statements (cypher.py only holds them)
NEO4J_PYS = sorted(p for p in NEO4J_DIR.glob("*.py") if p != CYPHER_PY)
ECOGRAPH = str(Path(sys.executable).with_name("ecograph"))
SOURCE_DIRS = [ROOT / d for d in ("ecograph", "ingest", "queries", "visualizations")]

HOSTILE = ["'}) DETACH DELETE n //", '" OR 1=1 --', "$param", "`x`) DETACH DELETE n //",
           "Organisation`) DETACH DELETE n //", "x\u0000y", "}]->(m) SET m.owned = true //",
           "MATCH (n) DETACH DELETE n", "' + $id + '", "\\u0027"]

# The one sanctioned path where a user's statement reaches the server: the researcher's
# read-only `ecograph cypher`, planned with EXPLAIN and refused unless it only reads.
USER_QUERY_FUNCTIONS = {"run_read_query", "_plan"}


# --- static -------------------------------------------------------------------------

def _cypher_aliases(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names bound to the cypher module (`from . import cypher as Q`) and names imported from it."""
    modules, names = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.module in ("cypher", "ecograph.store.neo4j.cypher") or (node.level and node.module == "cypher"):
                names |= {a.asname or a.name for a in node.names}
            elif node.level and node.module is None or node.module in ("ecograph.store.neo4j",):
                modules |= {a.asname or a.name for a in node.names if a.name == "cypher"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "ecograph.store.neo4j.cypher"}
    return modules, names


class _Checker:
    """Decides whether an expression can only be a statement from cypher.py. Sees the
    package's modules together: a helper in one (`Connection.read`) is called from another."""

    def __init__(self, trees: list[ast.Module]):
        self.modules, self.names, self.functions, self.parents = set(), set(), {}, {}
        for tree in trees:
            modules, names = _cypher_aliases(tree)
            self.modules |= modules
            self.names |= names
            for n in ast.walk(tree):
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.functions.setdefault(n.name, n)
            for p in ast.walk(tree):
                for c in ast.iter_child_nodes(p):
                    self.parents[c] = p

    def enclosing(self, node):
        node = self.parents.get(node)
        while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node = self.parents.get(node)
        return node

    def chain(self, node) -> list:
        """Enclosing functions, innermost first (closures see their outer functions' names)."""
        out, fn = [], self.enclosing(node)
        while fn is not None:
            out.append(fn)
            fn = self.enclosing(fn)
        return out

    def from_cypher(self, e: ast.AST) -> bool:
        """`Q.NAME`, `Q.builder(...)`, `Q.NAME[...]`, or a name imported from cypher.py."""
        if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name):
            return e.value.id in self.modules
        if isinstance(e, ast.Call):
            return self.from_cypher(e.func)
        if isinstance(e, ast.Subscript):
            return self.from_cypher(e.value)
        if isinstance(e, ast.Name):
            return e.id in self.names
        return False

    def safe(self, e: ast.AST, at: ast.AST, depth: int = 0) -> bool:
        if self.from_cypher(e):
            return True
        if isinstance(e, ast.IfExp):
            return self.safe(e.body, at, depth) and self.safe(e.orelse, at, depth)
        if isinstance(e, ast.Name) and depth < 4:
            for fn in self.chain(at):
                # a loop variable over a cypher.py sequence, or a local assigned from cypher.py
                bound = False
                for n in ast.walk(fn):
                    if isinstance(n, (ast.For, ast.comprehension)) and isinstance(n.target, ast.Name) \
                            and n.target.id == e.id:
                        bound = True
                        if not self.from_cypher(n.iter):
                            return False
                    if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == e.id for t in n.targets):
                        bound = True
                        if not self.safe(n.value, n, depth + 1):
                            return False
                if bound:
                    return True
                # a parameter: every caller in this module must pass a safe value
                params = [a.arg for a in fn.args.args]
                if e.id in params:
                    return self.callers_pass_safe(fn.name, params.index(e.id), depth + 1)
        return False

    def callers_pass_safe(self, fname: str, index: int, depth: int) -> bool:
        calls = [n for n in self.parents if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr == fname]
        if not calls:
            return False
        is_method = index > 0 and isinstance(self.functions[fname].args.args[0], ast.arg) \
            and self.functions[fname].args.args[0].arg == "self"
        i = index - 1 if is_method else index
        return all(len(c.args) > i and self.safe(c.args[i], c, depth) for c in calls)


def test_every_statement_the_neo4j_store_runs_comes_from_cypher_py():
    assert CYPHER_PY.exists() and NEO4J_PYS, "ecograph/store/neo4j/ is missing"
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in NEO4J_PYS]
    chk = _Checker(trees)
    assert chk.modules or chk.names, "the neo4j package does not import its cypher.py"
    runs = [n for tree in trees for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr in ("run", "execute_query")]
    assert runs, "no .run() call found: the scan is not seeing the store's statements"
    bad = []
    for call in runs:
        fn = chk.enclosing(call)
        if not call.args:
            bad.append(f"line {call.lineno}: .{call.func.attr}() without a positional statement")
            continue
        q = call.args[0]
        if any(f.name in USER_QUERY_FUNCTIONS for f in chk.chain(call)):
            continue  # checked by test_user_query_path_is_planned_and_checked_before_it_runs
        if not chk.safe(q, call):
            bad.append(f"line {call.lineno}: .{call.func.attr}({ast.unparse(q)}) in "
                       f"{fn.name if fn else '<module>'}() is not a statement from cypher.py")
    assert not bad, "\n".join(bad)


def test_no_string_building_near_cypher_in_the_store():
    """f-strings, % and .format in the neo4j package may build messages, never statements."""
    clause = re.compile(r"\b(MATCH|MERGE|CREATE|DELETE|DETACH|UNWIND|RETURN|SET|REMOVE|CALL|WHERE)\b")
    bad = []
    for n in (n for p in NEO4J_PYS for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))):
        parts = []
        if isinstance(n, ast.JoinedStr):
            parts = [v.value for v in n.values if isinstance(v, ast.Constant)]
        elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod) and isinstance(n.left, ast.Constant):
            parts = [str(n.left.value)]
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "format" \
                and isinstance(n.func.value, ast.Constant):
            parts = [str(n.func.value.value)]
        if any(clause.search(p) and re.search(r"[(\[{:]", p) for p in parts):
            bad.append(f"line {n.lineno}: {ast.unparse(n)[:100]}")
    assert not bad, "Cypher-looking strings built at run time in ecograph/store/neo4j/:\n" + "\n".join(bad)


def test_user_query_path_is_planned_and_checked_before_it_runs():
    from ecograph.store.neo4j import Neo4jStore, connection, guard
    assert "guard.run_read_query(" in inspect.getsource(Neo4jStore.run_read_query)
    src = inspect.getsource(guard.run_read_query)
    i_plan, i_check, i_run = src.find("_plan(conn,"), src.find("check_read_only(summary)"), src.find("tx.run(query")
    assert -1 < i_plan < i_check < i_run, "run_read_query must plan and check before it executes"
    assert "READ_ACCESS" in inspect.getsource(connection.Connection.session) and "read=True" in src


def test_statement_builders_refuse_anything_outside_the_whitelists():
    from ecograph.store.neo4j import cypher as Q
    builders = [(n, f) for n, f in vars(Q).items()
                if callable(f) and not isinstance(f, type) and not n.startswith("_")
                and getattr(f, "__module__", None) == Q.__name__
                and any(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                        for p in inspect.signature(f).parameters.values())]
    assert builders, "cypher.py has no statement builders? the scan is wrong"
    leaks = []
    for name, f in builders:
        params = [p for p in inspect.signature(f).parameters.values() if p.default is p.empty]
        for h in HOSTILE:
            for i in range(len(params)):
                # one hostile argument at a time; the others are valid
                args = ["Organisation" if "label" in p.name else "FUNDS" if "type" in p.name else "Organisation"
                        for p in params]
                args[i] = h
                try:
                    out = f(*args)
                except (ValueError, KeyError, TypeError):
                    continue
                if h in str(out):
                    leaks.append(f"{name}({', '.join(map(repr, args))}) put the argument into Cypher")
    assert not leaks, "\n".join(leaks[:20])


def _py_files():
    for d in SOURCE_DIRS:
        yield from (p for p in d.rglob("*.py") if ".venv" not in p.parts)


def _docstring_nodes(tree) -> set[int]:
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body \
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant):
            out.add(id(n.body[0].value))
    return out


def test_no_cypher_outside_cypher_py_and_no_driver_outside_the_store():
    starts = re.compile(r"^\s*(MATCH|OPTIONAL MATCH|MERGE|CREATE|UNWIND|DETACH DELETE|CALL \{|CALL db\.|"
                        r"CALL dbms\.|LOAD CSV|WITH \w+ |RETURN \w)", re.I)
    bad = []
    for p in _py_files():
        rel = p.relative_to(ROOT)
        tree = ast.parse(p.read_text(encoding="utf-8"))
        docs = _docstring_nodes(tree)
        if NEO4J_DIR not in p.parents:
            for n in ast.walk(tree):
                if isinstance(n, ast.Import) and any(a.name.split(".")[0] == "neo4j" for a in n.names) or \
                        isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == "neo4j" and not n.level:
                    bad.append(f"{rel}:{n.lineno}: imports the neo4j driver outside ecograph/store/neo4j/")
        if p == CYPHER_PY:
            continue
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs \
                    and starts.search(n.value) and re.search(r"[(\[]", n.value):
                # help texts of click options may show an example; statements sent to a server may not
                parent_is_help = any(isinstance(k, ast.keyword) and k.arg == "help" and k.value is n
                                     for k in ast.walk(tree) if isinstance(k, ast.keyword))
                if not parent_is_help:
                    bad.append(f"{rel}:{n.lineno}: Cypher outside cypher.py: {n.value.strip()[:80]!r}")
    assert not bad, "\n".join(bad)


# --- dynamic, against the real server --------------------------------------------------

def _sentinel():
    from ecograph.model import Document, Entity, Evidence, Extraction, Relation
    d = Document(id="doc:5e5e5e5e5e5e5e5e", source="sentinel.txt", title="Sentinel", language="en",
                 ingested_at="2024-01-01T00:00:00+00:00")
    s = "Sentinel Cluster is funded by Sentinel Bank."
    return Extraction(d, [
        Entity(id="org:sentinel-cluster", label="Organisation", name="Sentinel Cluster", kind="cluster", mentions={d.id: 1}),
        Entity(id="org:sentinel-bank", label="Organisation", name="Sentinel Bank", kind="funder", mentions={d.id: 1}),
        Entity(id="prog:sentinel-programme", label="Programme", name="Sentinel Programme", kind="programme", mentions={d.id: 1}),
    ], [Relation("FUNDS", "org:sentinel-bank", "org:sentinel-cluster", [Evidence(d.id, s, 0, len(s), "test", 0.9)]),
        Relation("RUNS", "org:sentinel-cluster", "prog:sentinel-programme", [Evidence(d.id, s, 0, len(s), "test", 0.8)])])


def _raw_node_count(url: str) -> int:
    from neo4j import GraphDatabase
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with GraphDatabase.driver(url, auth=auth) as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS c")
        return records[0]["c"]


@pytest.mark.neo4j
def test_hostile_strings_through_every_store_entry_point(neo4j_store, neo4j_url):
    from ecograph.errors import EcographError, StoreError
    from ecograph.model import Document, Entity, Evidence, Extraction, Relation
    neo4j_store.add(_sentinel())
    before, nodes_before = neo4j_store.export(), _raw_node_count(neo4j_url)
    for h in HOSTILE:
        assert neo4j_store.entity(h) is None
        assert neo4j_store.get_document(h) is None
        assert neo4j_store.document_by_source(h) is None
        assert neo4j_store.relations(source=h) == [] and neo4j_store.relations(target=h) == []
        assert neo4j_store.relations(type=h) == [] and neo4j_store.entities(label=h) == []
        assert neo4j_store.forget(h) is False
        # hostile label / relation type: cannot be parameters, so they must be refused
        d = Document(id="doc:" + h, source=h, title=h, language="en")
        with pytest.raises(EcographError):
            neo4j_store.add(Extraction(d, [Entity(id="org:x", label=h, name=h, mentions={d.id: 1})], []))
        with pytest.raises(EcographError):
            neo4j_store.add(Extraction(d, [Entity(id="org:x", label="Organisation", name=h, mentions={d.id: 1})],
                                       [Relation(h, "org:x", "org:sentinel-cluster", [Evidence(d.id, h, 0, 1, h, 0.5)])]))
        bad = json.loads(json.dumps(before))
        bad["entities"][0]["label"] = h
        with pytest.raises(StoreError):
            neo4j_store.load(bad)
        assert neo4j_store.export() == before, f"graph changed after hostile {h!r}"
    assert _raw_node_count(neo4j_url) == nodes_before


@pytest.mark.neo4j
@pytest.mark.parametrize("statement", [
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) SET n.owned = true RETURN n",
    "CREATE (n:Organisation {id: 'org:evil'}) RETURN n",
    "MATCH (n) WITH n LIMIT 1 CALL { WITH n DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL dbms.killQueries([])",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "DROP CONSTRAINT ecograph_organisation_id",
])
def test_read_only_cypher_refuses_writes(neo4j_store, neo4j_url, statement):
    from ecograph.errors import QueryRefused
    neo4j_store.add(_sentinel())
    before, nodes_before = neo4j_store.export(), _raw_node_count(neo4j_url)
    with pytest.raises(QueryRefused):
        neo4j_store.run_read_query(statement)
    res = subprocess.run([ECOGRAPH, "--store", neo4j_url, "cypher", statement], capture_output=True, text=True,
                         timeout=60, env={k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")})
    assert res.returncode != 0 and "Traceback" not in res.stderr and res.stdout == "", res.stderr
    assert neo4j_store.export() == before and _raw_node_count(neo4j_url) == nodes_before


@pytest.mark.neo4j
def test_read_only_cypher_parameters_carry_hostile_values_unchanged(neo4j_store):
    neo4j_store.add(_sentinel())
    for h in HOSTILE:
        rows = neo4j_store.run_read_query("RETURN $v AS v", {"v": h})
        assert rows == [{"v": h}]
        assert neo4j_store.run_read_query("MATCH (n {name: $v}) RETURN n.id AS id", {"v": h}) == []


# --- secrets --------------------------------------------------------------------------

def _run(args: list[str], env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([ECOGRAPH, *args], env=env, capture_output=True, timeout=timeout)


def _base_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")}
    env["ECOGRAPH_HOME"] = str(tmp_path / "home")
    return env


def _leaks(secret: str, *blobs: bytes) -> list[str]:
    needles = {secret.encode(), secret.encode("utf-16-le"), json.dumps(secret).encode()}
    return [blob[max(0, blob.find(n) - 80): blob.find(n) + 80].decode("utf-8", "replace")
            for blob in blobs for n in needles if n in blob]


def _files_under(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in folder.rglob("*") if p.is_file()]


@pytest.mark.neo4j
def test_the_password_never_appears_in_output_exports_or_maps(neo4j_store, neo4j_url, tmp_path):
    from ecograph.cli import cli
    password = os.environ.get("NEO4J_PASSWORD", "")
    assert len(password) >= 8, "the test server's password should be a distinctive string"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Orion Mechatronics Cluster is funded by the Northern Development Bank.\n"
                                  "Rif Motion Systems is a member of Orion Mechatronics Cluster.\n", encoding="utf-8")
    env = _base_env(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    blobs: list[bytes] = []
    steps = [(0, ["--store", neo4j_url, "ingest", str(corpus)]),
             (0, ["--store", neo4j_url, "export", "--format", "json", "-o", "-"]),
             (0, ["--store", neo4j_url, "export", "--format", "graphml", "-o", str(out / "g.graphml")]),
             (0, ["--store", neo4j_url, "cypher", "MATCH (n) RETURN n LIMIT 5"]),
             (1, ["--store", neo4j_url, "cypher", "CALL dbms.showCurrentUser()"]),
             (1, ["--store", neo4j_url, "ingest", str(tmp_path / "missing.txt")])]
    if "map" in cli.commands:
        steps.append((0, ["--store", neo4j_url, "map", "-o", str(out / "x.html")]))
    for code, args in steps:
        res = _run(args, env)
        blobs += [res.stdout, res.stderr]
        err = res.stderr.decode("utf-8", "replace")
        assert res.returncode == code and "Traceback" not in err, (args, res.returncode, err)
    exported = json.loads(_run(["--store", neo4j_url, "export", "--format", "json", "-o", "-"], env).stdout)
    assert exported["entities"], "the ingest should have stored something to export"
    blobs += _files_under(out) + _files_under(tmp_path / "home")
    assert not _leaks(password, *blobs)


@pytest.mark.neo4j
def test_the_password_never_appears_on_error_paths(neo4j_url, tmp_path):
    wrong = "Wr0ng-" + secrets.token_hex(12)
    env = _base_env(tmp_path)
    host = neo4j_url.split("://", 1)[1]
    cases = [
        # a wrong password for a user that does not exist: never locks out the real account
        ({"NEO4J_USERNAME": "ecograph-nobody", "NEO4J_PASSWORD": wrong}, ["--store", neo4j_url, "export", "-o", "-"]),
        ({"NEO4J_USERNAME": "ecograph-nobody", "NEO4J_PASSWORD": wrong}, ["--store", neo4j_url, "ingest", str(tmp_path)]),
        ({"NEO4J_USERNAME": "ecograph-nobody", "NEO4J_PASSWORD": wrong}, ["--store", neo4j_url, "cypher", "RETURN 1"]),
        ({"NEO4J_PASSWORD": wrong}, ["--store", f"neo4j://neo4j:{wrong}@{host}", "export", "-o", "-"]),
        ({"NEO4J_PASSWORD": wrong}, ["--store", f"bolt://ecograph-nobody:{wrong}@127.0.0.1:1", "export", "-o", "-"]),
        ({"NEO4J_PASSWORD": wrong}, ["--store", "neo4j://127.0.0.1:1", "export", "-o", "-"]),  # nobody listens
    ]
    for extra, args in cases:
        res = _run(args, {**env, **extra}, timeout=90)
        err = res.stderr.decode("utf-8", "replace")
        assert res.returncode == 1, (args, res.returncode, err)
        assert "Traceback" not in err and err.strip(), (args, err)
        assert not _leaks(wrong, res.stdout, res.stderr), (args, err)
