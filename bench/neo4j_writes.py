"""Benchmark 2: Neo4j writes, batched UNWIND vs one statement per row on the same data,
and the effect of the `neo4j-rust-ext` driver extension.

The statements are the store's own, from `ecograph.store.neo4j.cypher`, with the rows the store
builds (`ecograph.store.neo4j.records`): `cypher.load_relations` (what `Neo4jStore.load`
sends: CREATE, rows `{s, t, p: [values]}`), once with one row per statement and once with
`records.LOAD_BATCH` rows per statement, both in one transaction as `load()` does; and
MERGE instead of CREATE (for a graph that is not empty), batched.

Everything runs in child processes (`python -m bench.neo4j_writes child ...`) so the
driver is imported fresh, each from an overlay folder first on PYTHONPATH that mirrors the
installed `neo4j` package with symlinks: once without any `neo4j/_rust*` module (the pure
Python driver, even when neo4j-rust-ext is installed) and once with it (the installed one,
or the wheel's, downloaded with pip into `.cache/bench/wheels`).

Only nodes under a unique label (`BenchW<hex>`, spliced into the store's statements in
place of `Organisation`) are created, constrained, and deleted with their constraint
afterwards, so this is safe on a shared server too.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from .common import PY, ROOT, Result, median

WHEELS = ROOT / ".cache" / "bench" / "wheels"


def driver_overlay(rust: bool) -> tuple[Path | None, str]:
    """A folder to put first on PYTHONPATH so `import neo4j` gets the installed driver with
    (`rust`) or without neo4j-rust-ext, or (None, why not)."""
    import importlib.metadata as md
    import tempfile
    try:
        ver = md.version("neo4j")
    except md.PackageNotFoundError:
        return None, "neo4j driver not installed"
    import importlib.util
    pkg = Path(importlib.util.find_spec("neo4j").origin).parent  # without importing it here
    installed = sorted(pkg.glob("_rust*"))
    want = f"neo4j-rust-ext=={ver}.0"
    wheel = None
    if rust and not installed:
        WHEELS.mkdir(parents=True, exist_ok=True)
        wheels = sorted(WHEELS.glob(f"neo4j_rust_ext-{ver}.0-*.whl"))
        if not wheels:
            r = subprocess.run([PY, "-m", "pip", "download", "-q", "--no-deps", want, "-d", str(WHEELS)],
                               capture_output=True, text=True, timeout=180)
            wheels = sorted(WHEELS.glob(f"neo4j_rust_ext-{ver}.0-*.whl"))
            if not wheels:
                return None, f"could not download {want}: {(r.stderr or r.stdout).strip().splitlines()[-1:]}"
        wheel = wheels[-1]
    overlay = Path(tempfile.mkdtemp(prefix="bench-driver-"))
    dst = overlay / "neo4j"
    # mirror the installed package with symlinks, leaving out any compiled extension
    for src in pkg.rglob("*"):
        rel = src.relative_to(pkg)
        if "__pycache__" in rel.parts or rel.parts[0].startswith("_rust"):
            continue
        if src.is_dir():
            (dst / rel).mkdir(parents=True, exist_ok=True)
        else:
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            (dst / rel).symlink_to(src)
    if rust and installed:
        for src in installed:
            (dst / src.name).symlink_to(src)
        return overlay, f"{want} (installed)"
    if wheel is not None:
        with zipfile.ZipFile(wheel) as z:
            for n in z.namelist():
                if n.startswith("neo4j/_rust"):
                    (overlay / n).write_bytes(z.read(n))
        return overlay, f"{want} (wheel overlay, not installed)"
    return overlay, "pure Python driver" + (" (installed neo4j-rust-ext left out)" if installed else "")


def _data(n: int) -> tuple[list, list, int]:
    """`n` relations among n/4 nodes, distinct pairs (CREATE and MERGE write the same), each
    with one evidence record like the extractor's: (load rows, MERGE rows, nodes)."""
    import random
    from ecograph.model import Evidence, Relation
    from ecograph.store.neo4j import records as NR
    n_nodes = max(100, n // 4)
    rng = random.Random(3)
    rels: dict = {}
    while len(rels) < n:
        s, t = f"org:n{rng.randrange(n_nodes)}", f"org:n{rng.randrange(n_nodes)}"
        if s != t:
            i = len(rels)
            rels.setdefault((s, t), Relation("MEMBER_OF", s, t, [Evidence(
                f"doc:{i % 97:016x}", f"Sentence {i}: {s} is a member of {t}, with partners in the region.",
                40 * i, 40 * i + 70, "pattern:member_of", 0.85)]))
    load = [{"s": r.source, "t": r.target, "p": NR.relation_values(r)} for r in rels.values()]
    merge = [{"source": r.source, "target": r.target, "props": NR.relation_props(r)} for r in rels.values()]
    return load, merge, n_nodes


def _merge_statement(Q, label: str) -> str:
    """MERGE, what a writer that cannot know the relationship is new would send (the store
    knows: `load` clears first, `add` reads what exists), with the store's SETs."""
    return f"""UNWIND $rows AS row
MATCH (s:`{label}` {{id: row.source}})
MATCH (t:`{label}` {{id: row.target}})
MERGE (s)-[r:`MEMBER_OF`]->(t)
SET {", ".join(f"r.{k} = row.props.{k}" for k in Q.REL_PROPS)}"""


def _session_ops(drv, label: str, create: str, rows: list) -> dict:
    """The driver calls the child times and checks with, on nodes of `label` only: "run" (one
    auto-commit statement), "count", "clear_rels", "write" (rows in batches, one transaction,
    as Neo4jStore.load), "autocommit" (the first k rows, one statement each), "read_all"."""
    def run(q, **p):
        with drv.session() as s:
            return s.run(q, p).consume()

    def count() -> int:
        with drv.session() as s:
            return s.run(f"MATCH (:{label})-[r]->() RETURN count(r) AS c").single()["c"]

    def clear_rels():
        run(f"MATCH (:{label})-[r]->() CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 10000 ROWS")

    def write(stmt, data, size):  # one transaction, as Neo4jStore.load
        with drv.session() as s:
            def work(tx):
                for i in range(0, len(data), size):
                    tx.run(stmt, rows=data[i:i + size]).consume()
            s.execute_write(work)

    def autocommit(k):
        with drv.session() as s:
            for r in rows[:k]:
                s.run(create, rows=[r]).consume()

    def read_all():
        with drv.session() as s:
            return s.execute_read(lambda tx: tx.run(
                f"MATCH (a:{label})-[r]->(b) RETURN a.id AS s, b.id AS t, properties(r) AS p").data())
    return {"run": run, "count": count, "clear_rels": clear_rels, "write": write,
            "autocommit": autocommit, "read_all": read_all}


def _time_variants(ops: dict, variants: list, out: dict, n: int, reps: int) -> None:
    """Time each write variant `reps` times (and the read-back after "batched", and auto-commit
    writes), appending seconds to out[key]; every repetition starts with no relationships."""
    clear_rels, count = ops["clear_rels"], ops["count"]
    for _, fn in variants:  # warm-up: plans cached, pages hot
        fn(); clear_rels()
    for rep in range(reps):
        # rotate the order, so a load change does not always hit the same variant
        for key, fn in variants[rep % len(variants):] + variants[:rep % len(variants)]:
            t = time.perf_counter(); fn(); out[key].append(time.perf_counter() - t)
            got = count()
            assert got == n, (key, got, n)
            if key == "batched":
                t = time.perf_counter(); got = ops["read_all"](); out["read"].append(time.perf_counter() - t)
                assert len(got) == n, (len(got), n)
            clear_rels()
    k = min(n, 1000)
    out["autocommit_n"] = k
    for _ in range(max(1, reps // 2)):
        t = time.perf_counter(); ops["autocommit"](k); out["autocommit"].append(time.perf_counter() - t); clear_rels()


def _child(n: int, reps: int) -> dict:
    from neo4j import GraphDatabase
    import neo4j._codec.packstream.v1 as pv
    from ecograph.store.neo4j import cypher as Q
    from ecograph.store.neo4j.records import LOAD_BATCH
    label = f"BenchW{secrets.token_hex(4)}"
    uri = os.environ["NEO4J_URI"]
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    rows, merge_rows, n_nodes = _data(n)

    def ours(stmt: str) -> str:  # the store's statement, on our label only
        return stmt.replace(Q.label("Organisation"), f"`{label}`")
    create = ours(Q.load_relations("MEMBER_OF", "Organisation", "Organisation"))
    merge = _merge_statement(Q, label)
    out: dict = {"rust": pv._rust_pack is not None, "n": n, "batch": LOAD_BATCH, "per_row": [], "batched": [],
                 "batched_1k": [], "merge": [], "autocommit": [], "read": [], "autocommit_n": 0}
    with GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF") as drv:
        ops = _session_ops(drv, label, create, rows)
        run, write = ops["run"], ops["write"]
        run(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE")
        run("CALL db.awaitIndexes(300)")
        try:
            run(f"UNWIND range(0, $k - 1) AS i CREATE (:{label} {{id: 'org:n' + i}})", k=n_nodes)
            variants = [("per_row", lambda: write(create, rows, 1)),
                        ("batched", lambda: write(create, rows, LOAD_BATCH)),
                        ("batched_1k", lambda: write(create, rows, 1000)),
                        ("merge", lambda: write(merge, merge_rows, LOAD_BATCH))]
            _time_variants(ops, variants, out, n, reps)
        finally:
            run(f"MATCH (n:{label}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS")
            run(f"DROP CONSTRAINT {label.lower()}_id IF EXISTS")
    return out


def _spawn(env: dict, n: int, reps: int, overlay: Path | None) -> dict:
    e = {**os.environ, **env}
    if overlay is not None:
        e["PYTHONPATH"] = str(overlay) + os.pathsep + e.get("PYTHONPATH", "")
    r = subprocess.run([PY, "-m", "bench.neo4j_writes", "child", str(n), str(reps)], cwd=ROOT, env=e,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"neo4j_writes child failed: {r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def _run_children(env: dict, n: int, reps: int, rounds: int, overlays: dict, drivers: list) -> dict[bool, list]:
    """The child runs of each driver (False: pure Python, True: with neo4j-rust-ext); the
    overlay folders are removed afterwards."""
    runs: dict[bool, list[dict]] = {False: [], True: []}
    try:
        for i in range(rounds):  # ABBA: alternate, so load changes hit both drivers alike
            for rust in (drivers if i % 2 == 0 else drivers[::-1]):
                r = _spawn(env, n, reps, overlays[rust][0])
                if r["rust"] != rust:
                    raise RuntimeError(f"the driver overlay did not {'load' if rust else 'leave out'} neo4j-rust-ext")
                runs[rust].append(r)
    finally:
        import shutil
        for o, _ in overlays.values():
            if o is not None:
                shutil.rmtree(o, ignore_errors=True)
    return runs


def _agg(runs: dict, rust: bool, key: str) -> list[float]:
    return [x for r in runs[rust] for x in r[key]]


def _ratio(runs: dict, rust: bool, key: str = "batched") -> float:
    """per-row ÷ batched within each repetition (same moment, same load), then the median"""
    return median([p / b for r in runs[rust] for p, b in zip(r["per_row"], r[key])])


def _write_rows(runs: dict, drivers: list, n: int, batch: int) -> list[dict]:
    """Section 2's table: one row per driver and way of writing."""
    how = {"per_row": "`cypher.load_relations`, one row per statement, one transaction",
           "autocommit": "the same, auto-commit each (first {k:,} rows)",
           "batched_1k": "`cypher.load_relations`, 1,000 rows per statement, one transaction",
           "batched": f"`cypher.load_relations`, {batch:,} rows per statement, one transaction (`load()`)",
           "merge": f"the same rows with MERGE instead of CREATE, {batch:,} rows per statement, one transaction",
           "read": "read them back (MATCH ... RETURN properties(r))"}
    rows = []
    for rust in drivers:
        k = runs[rust][0]["autocommit_n"]
        for key, text in how.items():
            xs = _agg(runs, rust, key)
            rows.append({"driver": "with neo4j-rust-ext" if rust else "pure Python driver",
                         "how": text.format(k=k), "reps": len(xs), "median s": median(xs),
                         "rels/s": (k if key == "autocommit" else n) / median(xs),
                         "÷ per-row": "" if key in ("per_row", "read") else
                         f"{_ratio(runs, rust, key):.1f}×" if key != "autocommit" else ""})
    return rows


def _write_targets(runs: dict, n: int) -> list[tuple]:
    """Section 2's targets, on the best driver measured; the rust extension's effect when both ran."""
    best = bool(runs[True])
    name = "with neo4j-rust-ext" if best else "pure Python driver"
    rate = n / median(_agg(runs, best, "batched"))
    targets = [(f"batched ≥ 10× per-row ({name})", f"{_ratio(runs, best):.1f}×", _ratio(runs, best) >= 10),
               (f"batched ≥ 50k relationships/s ({name})", f"{rate:,.0f}/s", rate >= 50_000)]
    if best:
        targets.append(("batched ≥ 10× per-row (pure Python driver)", f"{_ratio(runs, False):.1f}×",
                        _ratio(runs, False) >= 10))
        for key, what_ in (("batched", "batched writes"), ("per_row", "per-row writes"), ("read", "reads")):
            a, b_ = median(_agg(runs, False, key)), median(_agg(runs, True, key))
            targets.append((f"neo4j-rust-ext effect on {what_}", f"{a / b_:.2f}× faster" if a >= b_
                            else f"{b_ / a:.2f}× slower", None))
    return targets


def run(quick: bool, command: str, target, *, rust_ext: bool = True) -> Result:
    from ecograph.store.neo4j.records import LOAD_BATCH
    n, reps, rounds = (300, 1, 1) if quick else (20_000, 3, 2)
    res = Result("neo4j_writes", f"2. Neo4j writes: batched UNWIND vs one statement per row ({n:,} relationships)",
                 command)
    env = target.get() if target is not None else None
    if env is None:
        res.notes.append(f"Skipped: {getattr(target, 'problem', 'no Neo4j')}")
        return res
    overlays = {False: driver_overlay(False)}
    overlays[True] = driver_overlay(True) if rust_ext else (None, "not requested (--no-rust-ext)")
    drivers = [rust for rust in (False, True) if overlays[rust][0] is not None]
    runs = _run_children(env, n, reps, rounds, overlays, drivers)
    res.rows = _write_rows(runs, drivers, n, LOAD_BATCH)
    res.columns = ["driver", "how", "reps", "median s", "rels/s", "÷ per-row"]
    res.targets = _write_targets(runs, n)
    res.notes.append(f"Data: {n:,} relationships (distinct pairs) among {max(100, n // 4):,} nodes of a unique "
                     "label with the store's uniqueness constraint on `id`; each relationship carries the "
                     "store's properties (evidence arrays with one record, counts, confidence), rows as "
                     "`neo4j.records` builds them. Every repetition starts with no relationships.")
    res.notes.append(f"Each driver ran in {rounds} child process(es), alternating (ABBA), {reps} repetitions "
                     "each, the variants' order rotating per repetition; times are medians over all of them, "
                     "ratios the median of per-repetition ratios.")
    res.notes.append(f"Drivers: {overlays[False][1]}; {overlays[True][1]}. Each child imports the driver from "
                     "a symlink overlay of the installed package with or without its `_rust` module.")
    return res


if __name__ == "__main__":
    if sys.argv[1] == "child":
        print(json.dumps(_child(int(sys.argv[2]), int(sys.argv[3]))))
