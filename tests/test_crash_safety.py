"""Crash safety: `ecograph ingest` killed with SIGKILL at random moments never leaves a
store that is unreadable, duplicated or holding half a document; a rerun completes it and
gives exactly what one clean run gives. Two concurrent ingests on one embedded store both
land (the writer lock serialises them). Neo4j: killed mid-ingest, no duplicates, no half
documents after a rerun.

Everything runs the console script's code in subprocesses, on a generated corpus: the clean
runs and reruns start it afresh; the kill victims are forked from a warm one (tests/warm_cli.py)
so that each kill costs the run it interrupts, not a fresh start-up.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from helpers import wait_for_line
from warm_cli import WarmCli

ECOGRAPH = str(Path(sys.executable).with_name("ecograph"))
# 20 documents: every one goes through the same stages (extract, resolve, save), so more of
# them only repeats the paths a kill can hit; fewer make each victim's run, and so the kill
# loop, shorter. The kills stay stratified over the whole run whatever its length.
N_DOCS = 20
KILLS = 20
SEED = 20240607

# --- the generated corpus ---------------------------------------------------------

CLUSTERS = ["Orion Mechatronics Cluster", "Vega Agrifood Cluster", "Lyra Textile Cluster",
            "Draco Software Cluster", "Cygnus Energy Cluster", "Auriga Aerospace Cluster"]
FUNDERS = ["Northern Development Bank", "Atlantic Investment Bank", "Sahel Green Fund",
           "Ministry of Industry", "Ministry of Digital Economy"]
MEMBERS = ["Rif Motion Systems", "Detroit Strait Components", "Kappa Photonics",
           "Tangier Institute of Technology", "Rabat School of Engineering",
           "Zenith Materials Research Centre", "Oasis Startup Hub", "Medina Technopark"]
NETWORKS = ["Coastal Robotics Association", "Mediterranean Innovation Network"]
PROGRAMMES = ["Smart Factory Voucher programme", "Green Export Programme", "Digital Skills Initiative"]
PLACES = ["Tangier", "Casablanca", "Tunis", "Beirut"]

TEMPLATES = [
    lambda r: f"{r.choice(CLUSTERS)} is funded by the {r.choice(FUNDERS)}.",
    lambda r: f"{r.choice(MEMBERS)} is a member of {r.choice(CLUSTERS)}.",
    lambda r: f"{r.choice(CLUSTERS)} is a member of the {r.choice(NETWORKS)}.",
    lambda r: "{} signed a partnership agreement with {}.".format(*r.sample(CLUSTERS, 2)),
    lambda r: f"{r.choice(CLUSTERS)} is supported by {r.choice(MEMBERS[-2:])}.",
    lambda r: f"{r.choice(CLUSTERS)} launched the {r.choice(PROGRAMMES)}.",
    lambda r: f"{r.choice(MEMBERS)} takes part in the {r.choice(PROGRAMMES)}.",
    lambda r: f"{r.choice(CLUSTERS)} is located in {r.choice(PLACES)}.",
    lambda r: f"The annual report was published in {r.randint(2005, 2024)}.",
]


def write_corpus(folder: Path, n: int = N_DOCS, seed: int = SEED, prefix: str = "news") -> list[Path]:
    """n small English documents naming organisations with relations, deterministic in `seed`."""
    r = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        sentences = [TEMPLATES[r.randrange(len(TEMPLATES))](r) for _ in range(r.randint(4, 9))]
        paras = ["Ecosystem news %d" % i, " ".join(sentences[:3]), " ".join(sentences[3:])]
        p = folder / f"{prefix}-{i:03d}.txt"
        p.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        out.append(p)
    return out


# --- running and checking ----------------------------------------------------------

def _env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")}
    env["ECOGRAPH_HOME"] = str(tmp_path / "home")
    env["ECOGRAPH_LOCK_TIMEOUT"] = "60"
    return env


def run_ingest(store: str, paths: list, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([ECOGRAPH, "--store", store, "ingest", *map(str, paths)], env=env,
                          capture_output=True, text=True, timeout=timeout)


def normalised(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    for d in data["documents"]:
        d.pop("ingested_at", None)
    return data


def per_document(data: dict) -> tuple[dict, list[str]]:
    """doc id -> (source, mentions {(entity, count)}, evidence {(relation key, span, method, ...)});
    plus the problems found on the way (mentions or evidence citing an unknown document)."""
    docs = {d["id"]: {"source": d["source"], "mentions": set(), "evidence": set()} for d in data["documents"]}
    problems = []
    for e in data["entities"]:
        for m in e.get("mentions", []):
            if m["document"] not in docs:
                problems.append(f"entity {e['id']} cites unknown document {m['document']}")
                continue
            docs[m["document"]]["mentions"].add((e["id"], m["count"]))
    for r in data["relations"]:
        if not r["evidence"]:
            problems.append(f"relation {r['type']} {r['source']}->{r['target']} has no evidence")
        for ev in r["evidence"]:
            if ev["document"] not in docs:
                problems.append(f"relation {r['type']} {r['source']}->{r['target']} cites unknown document {ev['document']}")
                continue
            docs[ev["document"]]["evidence"].add((r["type"], r["source"], r["target"], ev["start"], ev["end"],
                                                  ev["method"], ev["sentence"], ev["confidence"]))
    return docs, problems


def duplicates(data: dict) -> list[str]:
    out = []
    for what, keys in (("entity id", [e["id"] for e in data["entities"]]),
                       ("relation", [(r["type"], r["source"], r["target"]) for r in data["relations"]]),
                       ("document id", [d["id"] for d in data["documents"]]),
                       ("document source", [d["source"] for d in data["documents"]])):
        out += [f"duplicate {what} {k!r} x{c}" for k, c in Counter(keys).items() if c > 1]
    for r in data["relations"]:
        ev = Counter((e["document"], e["start"], e["end"], e["method"]) for e in r["evidence"])
        out += [f"duplicate evidence {k} on {r['type']} {r['source']}->{r['target']}" for k, c in ev.items() if c > 1]
    for e in data["entities"]:
        m = Counter(x["document"] for x in e.get("mentions", []))
        out += [f"duplicate mention record {k} on {e['id']}" for k, c in m.items() if c > 1]
    return out


def check_against_reference(data: dict, reference: dict) -> list[str]:
    """Problems in `data`: duplicates, orphans, and any stored document that is not exactly
    what a clean single run stored for it (half-ingested or resolved differently)."""
    problems = duplicates(data)
    got, orphans = per_document(data)
    problems += orphans
    for doc_id, d in got.items():
        ref = reference.get(doc_id)
        if ref is None:
            problems.append(f"document {doc_id} ({d['source']}) is not in the reference run")
            continue
        if d["source"] != ref["source"]:
            problems.append(f"document {doc_id}: source {d['source']!r} != {ref['source']!r}")
        if d["mentions"] != ref["mentions"]:
            problems.append(f"document {d['source']}: mentions differ from the reference: "
                            f"missing {sorted(ref['mentions'] - d['mentions'])[:5]}, "
                            f"extra {sorted(d['mentions'] - ref['mentions'])[:5]}")
        if d["evidence"] != ref["evidence"]:
            problems.append(f"document {d['source']}: evidence differs from the reference: "
                            f"missing {sorted(ref['evidence'] - d['evidence'])[:3]}, "
                            f"extra {sorted(d['evidence'] - ref['evidence'])[:3]}")
    return problems


def load_embedded(store_dir: Path) -> dict:
    """What a user gets: the JSON parses and the embedded store opens it (read-only)."""
    from ecograph.store.embedded import EmbeddedStore
    f = store_dir / "graph.json"
    if f.exists():
        raw = json.loads(f.read_text(encoding="utf-8"))  # raises on a torn file
        assert raw.get("schema_version") == 1
    s = EmbeddedStore(store_dir)
    try:
        return s.export()
    finally:
        s.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """One clean, uninterrupted ingest of the corpus by the console script: (export,
    per-document content)."""
    tmp = tmp_path_factory.mktemp("ref")
    res = run_ingest(str(tmp / "store"), [corpus], _env(tmp))
    assert res.returncode == 0, res.stderr
    data = load_embedded(tmp / "store")
    assert len(data["documents"]) == N_DOCS, res.stderr
    per_doc, problems = per_document(data)
    assert not problems and not duplicates(data), problems
    n_ev = sum(len(d["evidence"]) for d in per_doc.values())
    n_docs_with_ev = sum(1 for d in per_doc.values() if d["evidence"])
    # Without extracted relations the kill checks below could not see half a document.
    assert n_ev > 0 and n_docs_with_ev >= N_DOCS // 2, (
        f"the extractor found {n_ev} pieces of evidence in {n_docs_with_ev}/{N_DOCS} generated documents "
        f"such as {(corpus / 'news-000.txt').read_text()!r}; these sentences state relations")
    return normalised(data), per_doc


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """The warm `ecograph` the kill victims are forked from."""
    server = WarmCli(_env(tmp_path_factory.mktemp("warm")))
    yield server
    server.close()


@pytest.fixture(scope="module")
def timings(warm, corpus, reference, tmp_path_factory) -> dict:
    """{variant: seconds a full forked run takes}, and "startup": a one-document run's. The
    variants: "cli", the plain entry point, and "flush-each", the pipeline flushing after
    every document, so that kills land in the middle of saves too (with the default 2 s
    flush period a short run saves only at the end); both must store the clean run's graph."""
    tmp = tmp_path_factory.mktemp("timings")
    out = {}
    for name in ("cli", "flush-each"):
        t0 = time.monotonic()
        code, err = warm.run(["--store", tmp / name, "ingest", corpus], _env(tmp), tmp / f"{name}.err",
                             flush_each=name == "flush-each")
        out[name] = time.monotonic() - t0
        assert code == 0, err
        assert normalised(load_embedded(tmp / name)) == reference[0], name
    # start-up (opening the store, indexing it) before the first document: kills there prove little
    t0 = time.monotonic()
    warm.run(["--store", tmp / "one", "ingest", corpus / "news-000.txt"], _env(tmp), tmp / "one.err")
    out["startup"] = time.monotonic() - t0
    return out


def _kill_plan(timings: dict) -> list[tuple]:
    """(variant, delay) of every kill: half the kills hit the plain entry point, half the
    flush-every-document variant; delays spread over each one's whole run (stratified), in a
    seeded random order."""
    rnd = random.Random(SEED)
    plan = []
    for name in ("cli", "flush-each"):
        n = KILLS // 2
        lo = min(0.8 * timings["startup"], 0.5 * timings[name])
        plan += [(name, lo + (timings[name] - lo) * (i + rnd.random()) / n) for i in range(n)]
    rnd.shuffle(plan)
    return plan


def _kill_cycle(warm, cycle, name, planned, store, corpus, env, ref_docs, problems) -> tuple:
    """One planned kill of an ingest into `store`, then the store checked against the reference
    (problems appended). Returns (the store's data or None, kills landed, partial stores seen)."""
    # a run that ends before its kill (a slow start, a resumed store) is checked like any other,
    # and the kill is tried again sooner: every planned kill lands, whatever the machine's speed
    delay, landed = planned, False
    killed = partial = 0
    data = None
    while not landed:
        pid = warm.start(["--store", store, "ingest", corpus], env, store.with_name("victim.err"),
                         flush_each=name == "flush-each")
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)  # a child that has ended is not reaped yet: this changes nothing
        code, err = warm.wait()
        landed = code == -signal.SIGKILL
        if not landed:
            assert code == 0, err
            delay = delay / 2 if delay > 0.05 else 0.0
        killed += landed
        try:
            data = load_embedded(store)
        except Exception as exc:  # noqa: BLE001 - any failure to load is the defect we look for
            problems.append(f"cycle {cycle} ({name}, kill after {delay:.2f}s): store does not load: {exc!r}")
            data = None
            continue
        n = len(data["documents"])
        partial += 0 < n < N_DOCS
        problems += [f"cycle {cycle} ({name}, kill after {delay:.2f}s, {n} docs): {p}"
                     for p in check_against_reference(data, ref_docs)]
    return data, killed, partial


def _check_rerun_completes(store, corpus, env, ref_export, ref_docs):
    """A rerun completes what was interrupted; the result is what one clean run gives."""
    res = run_ingest(str(store), [corpus], env)
    assert res.returncode == 0, res.stderr
    final = normalised(load_embedded(store))
    assert final == ref_export, "\n".join(check_against_reference(final, ref_docs)[:20]) or \
        "resumed store differs from the clean reference (names/aliases/kinds)"
    # leftover temp files from killed saves must not confuse a later run
    res = run_ingest(str(store), [corpus], env)
    assert res.returncode == 0 and f"0 ingested, {N_DOCS} unchanged" in res.stderr, res.stderr


@pytest.mark.slow
def test_sigkill_at_random_moments_never_damages_the_store(warm, corpus, reference, timings, tmp_path):
    ref_export, ref_docs = reference
    env = _env(tmp_path)
    store = tmp_path / "victim"
    killed_mid_run = partial_stores = 0
    problems: list[str] = []
    data = None
    for cycle, (name, planned) in enumerate(_kill_plan(timings)):
        # every other cycle starts from nothing, so the planned delays match a full run's length;
        # the others resume the partial store the previous kill left (rerun-completes-the-job)
        if data is None or len(data["documents"]) == N_DOCS or cycle % 2 == 0:
            shutil.rmtree(store, ignore_errors=True)
        data, killed, partial = _kill_cycle(warm, cycle, name, planned, store, corpus, env, ref_docs, problems)
        killed_mid_run += killed
        partial_stores += partial
    leftovers = sorted(p.name for p in store.iterdir() if p.name not in ("graph.json", "graph.json.lock")) \
        if store.exists() else []
    print(f"\ncrash-safety: {KILLS} kills, {killed_mid_run} mid-run, {partial_stores} left a partial store, "
          f"full runs {timings}, leftover files {leftovers}")
    assert not problems, "\n".join(problems[:20])
    assert killed_mid_run == KILLS
    _check_rerun_completes(store, corpus, env, ref_export, ref_docs)


@pytest.mark.slow
def test_two_concurrent_ingests_on_one_embedded_store_both_land(corpus, reference, tmp_path):
    _, ref_docs = reference
    files = sorted(corpus.iterdir())
    a, b = files[0::2], files[1::2]
    env = _env(tmp_path)
    store = tmp_path / "shared-store"
    procs = [subprocess.Popen([ECOGRAPH, "--store", str(store), "ingest", *map(str, part)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for part in (a, b)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err
    data = load_embedded(store)
    assert sorted(d["source"] for d in data["documents"]) == sorted(map(str, files))
    problems = check_against_reference(data, ref_docs)
    assert not problems, "\n".join(problems[:20])


# --- Neo4j ------------------------------------------------------------------------

def only_corpus(data: dict, corpus: Path) -> dict:
    """The part of a shared server's graph that this corpus's documents make (the development
    server may hold other test runs' documents at the same time)."""
    docs = [d for d in data["documents"] if d["source"].startswith(str(corpus) + os.sep)]
    ids = {d["id"] for d in docs}
    ents = []
    for e in data["entities"]:
        m = [x for x in e["mentions"] if x["document"] in ids]
        if m:
            ents.append({**e, "mentions": m})
    rels = []
    for r in data["relations"]:
        ev = [x for x in r["evidence"] if x["document"] in ids]
        if ev:
            rels.append({**r, "evidence": ev})
    return {**data, "documents": docs, "entities": ents, "relations": rels}


def _neo4j_counts(url: str) -> tuple[list, list, int]:
    """Duplicate node ids, duplicate (type, source, target) relationships, node count: straight from the server."""
    from neo4j import GraphDatabase
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    from ecograph.model import RELATION_TYPES
    with GraphDatabase.driver(url, auth=auth) as driver:
        with driver.session() as s:
            dup_nodes = s.run("MATCH (n) WHERE n.id IS NOT NULL WITH n.id AS id, count(*) AS c "
                              "WHERE c > 1 RETURN id, c").values()
            dup_rels = s.run("MATCH (a)-[r]->(b) WHERE type(r) IN $types "
                             "WITH a.id AS s, type(r) AS t, b.id AS o, count(*) AS c WHERE c > 1 "
                             "RETURN t, s, o, c", types=sorted(RELATION_TYPES)).values()
            n = s.run("MATCH (n) RETURN count(n)").single()[0]
    return dup_nodes, dup_rels, n


# The CLI with a stop aimed at an event of the Neo4j store, for the kill tests: after the
# ECOGRAPH_TEST_STOP_AFTER-th document is committed ("committed"), or inside that document's
# write transaction, its statements sent and not committed ("in-flight"). The child says so
# on stderr, then waits (reading stdin, which nobody writes) for the SIGKILL the test sends.
ECOGRAPH_STOPPING = [sys.executable, "-c", """
import os, sys
from ecograph.store.neo4j import store, writes
AT, AFTER = os.environ["ECOGRAPH_TEST_STOP_AT"], int(os.environ["ECOGRAPH_TEST_STOP_AFTER"])
count = [0]

def wait_for_the_kill(what):
    sys.stderr.write(f"STOPPED {what} {count[0] + (what == 'in-flight')}\\n")
    sys.stderr.flush()
    sys.stdin.read()

add_tx, add = writes.add_tx, store.Neo4jStore.add

def add_tx_then_wait(tx, ex, converted):
    add_tx(tx, ex, converted)
    if AT == "in-flight" and count[0] + 1 == AFTER:
        wait_for_the_kill("in-flight")

def add_then_wait(self, ex):
    add(self, ex)
    count[0] += 1
    if AT == "committed" and count[0] == AFTER:
        wait_for_the_kill("committed")

writes.add_tx, store.Neo4jStore.add = add_tx_then_wait, add_then_wait
sys.argv[0] = "ecograph"
from ecograph.cli import main
main()
"""]


def _kill_at(url: str, corpus: Path, env: dict, at: str, after: int) -> None:
    """Run an ingest into `url` and SIGKILL it at the event (`at`, `after`): see ECOGRAPH_STOPPING."""
    proc = subprocess.Popen([*ECOGRAPH_STOPPING, "--store", url, "ingest", str(corpus)],
                            env={**env, "ECOGRAPH_TEST_STOP_AT": at, "ECOGRAPH_TEST_STOP_AFTER": str(after)},
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = wait_for_line(proc, "STOPPED ")
    assert line.split() == ["STOPPED", at, str(after)], line
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdin.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_ingest_killed_midway_then_rerun(neo4j_store, neo4j_url, corpus, reference, tmp_path):
    """Killed at four events, each one sure to land: after a document was committed, or
    with a document's write transaction open (its statements sent, not committed); two of
    the kills hit a graph a previous kill left. No duplicate, no half document, after each
    kill; a rerun gives exactly the clean embedded reference."""
    ref_export, ref_docs = reference
    env = _env(tmp_path)
    neo4j_store.clear()
    problems: list[str] = []
    # (event, document): the first two build on each other, then the graph is cleared
    kills = [("committed", 7), ("in-flight", 4), ("in-flight", 1), ("committed", N_DOCS - 5)]
    for cycle, (at, after) in enumerate(kills):
        _kill_at(neo4j_url, corpus, env, at, after)
        dup_nodes, dup_rels, _ = _neo4j_counts(neo4j_url)
        problems += [f"cycle {cycle}: duplicate node id {i!r} x{c}" for i, c in dup_nodes]
        problems += [f"cycle {cycle}: duplicate relationship {t} {s}->{o} x{c}" for t, s, o, c in dup_rels]
        state = only_corpus(neo4j_store.export(), corpus)
        problems += [f"cycle {cycle} (killed {at} {after}): {p}" for p in check_against_reference(state, ref_docs)]
        if cycle == 0:
            # a rerun skips what is stored: the next kill lands further on, at its 4th new document
            assert len(state["documents"]) == after, (cycle, len(state["documents"]))
        if cycle == 1:
            assert len(state["documents"]) == 7 + after - 1, (cycle, len(state["documents"]))
            neo4j_store.clear()  # the second half of the cycles start from an empty graph again
        if cycle == 2:
            assert state["documents"] == [], "a transaction killed before its commit left a document"
    assert not problems, "\n".join(problems[:20])
    res = run_ingest(neo4j_url, [corpus], env, timeout=300)
    assert res.returncode == 0, res.stderr
    final = only_corpus(neo4j_store.export(), corpus)
    assert not duplicates(final)
    assert normalised(final) == ref_export, "\n".join(check_against_reference(final, ref_docs)[:20]) or \
        "Neo4j store after kills + rerun differs from the clean embedded reference"
