"""Benchmark 2: Neo4j writes, batched UNWIND vs one statement per row on the same data,
and the effect of the `neo4j-rust-ext` driver extension.

Everything runs in child processes (`python -m bench.neo4j_writes child ...`) so the
driver is imported fresh: once as installed, once with neo4j-rust-ext on top. The
extension is never installed into .venv: its wheel is downloaded with pip into
`.cache/bench/wheels` and its one compiled module is laid, with symlinks to the
installed driver, into an overlay folder put first on PYTHONPATH for that child.

Only nodes under a unique label (`BenchW<hex>`) are created, indexed, and deleted with
their index afterwards, so this is safe on a shared server too.
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


def rust_overlay() -> tuple[Path | None, str]:
    """A folder to put first on PYTHONPATH so `import neo4j` gets neo4j-rust-ext, or (None, why)."""
    import importlib.metadata as md
    import tempfile
    try:
        ver = md.version("neo4j")
    except md.PackageNotFoundError:
        return None, "neo4j driver not installed"
    want = f"neo4j-rust-ext=={ver}.0"
    WHEELS.mkdir(parents=True, exist_ok=True)
    wheels = sorted(WHEELS.glob(f"neo4j_rust_ext-{ver}.0-*.whl"))
    if not wheels:
        r = subprocess.run([PY, "-m", "pip", "download", "-q", "--no-deps", want, "-d", str(WHEELS)],
                           capture_output=True, text=True, timeout=180)
        wheels = sorted(WHEELS.glob(f"neo4j_rust_ext-{ver}.0-*.whl"))
        if not wheels:
            return None, f"could not download {want}: {(r.stderr or r.stdout).strip().splitlines()[-1:]}"
    import neo4j
    pkg = Path(neo4j.__file__).parent
    overlay = Path(tempfile.mkdtemp(prefix="bench-rustext-"))
    dst = overlay / "neo4j"
    # mirror the installed package with symlinks, then add the extension module
    for src in pkg.rglob("*"):
        rel = src.relative_to(pkg)
        if "__pycache__" in rel.parts:
            continue
        if src.is_dir():
            (dst / rel).mkdir(parents=True, exist_ok=True)
        else:
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            (dst / rel).symlink_to(src)
    with zipfile.ZipFile(wheels[-1]) as z:
        for n in z.namelist():
            if n.startswith("neo4j/_rust"):
                (overlay / n).write_bytes(z.read(n))
    return overlay, want


def _child(n: int, reps: int) -> dict:
    from neo4j import GraphDatabase
    import neo4j._codec.packstream.v1 as pv
    label = f"BenchW{secrets.token_hex(4)}"
    uri = os.environ["NEO4J_URI"]
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    n_nodes = max(100, n // 4)
    import random
    rng = random.Random(3)
    rows = [{"s": f"n{rng.randrange(n_nodes)}", "t": f"n{rng.randrange(n_nodes)}", "w": i,
             "ev_sentence": [f"sentence {i} about a partnership"], "ev_document": [f"doc:{i % 97}"],
             "confidence": 0.9} for i in range(n)]
    merge_row = (f"MATCH (a:{label} {{id: $s}}) MATCH (b:{label} {{id: $t}}) "
                 "MERGE (a)-[r:BENCH_REL {w: $w}]->(b) SET r.ev_sentence = $ev_sentence, "
                 "r.ev_document = $ev_document, r.confidence = $confidence")
    merge_batch = (f"UNWIND $rows AS row MATCH (a:{label} {{id: row.s}}) MATCH (b:{label} {{id: row.t}}) "
                   "MERGE (a)-[r:BENCH_REL {w: row.w}]->(b) SET r.ev_sentence = row.ev_sentence, "
                   "r.ev_document = row.ev_document, r.confidence = row.confidence")
    out: dict = {"rust": pv._rust_pack is not None, "n": n, "per_row": [], "batched": [], "autocommit": [],
                 "read": [], "autocommit_n": 0}
    with GraphDatabase.driver(uri, auth=auth) as drv:
        def run(q, **p):
            with drv.session() as s:
                s.run(q, p).consume()
        run(f"CREATE INDEX {label.lower()}_id IF NOT EXISTS FOR (n:{label}) ON (n.id)")
        run("CALL db.awaitIndexes(300)")
        try:
            run(f"UNWIND range(0, $k - 1) AS i CREATE (:{label} {{id: 'n' + i}})", k=n_nodes)

            def clear_rels():
                run(f"MATCH (:{label})-[r:BENCH_REL]->() CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 10000 ROWS")

            def per_row():
                with drv.session() as s:
                    def work(tx):
                        for r in rows:
                            tx.run(merge_row, r).consume()
                    s.execute_write(work)

            def batched(size=5000):
                with drv.session() as s:
                    for i in range(0, len(rows), size):
                        chunk = rows[i:i + size]
                        s.execute_write(lambda tx: tx.run(merge_batch, rows=chunk).consume())

            def autocommit(k):
                with drv.session() as s:
                    for r in rows[:k]:
                        s.run(merge_row, r).consume()

            def read_all():
                with drv.session() as s:
                    return s.execute_read(lambda tx: tx.run(
                        f"MATCH (a:{label})-[r:BENCH_REL]->(b) RETURN a.id AS s, b.id AS t, properties(r) AS p").data())

            batched(); clear_rels()  # warm-up: plans cached, pages hot
            per_row(); clear_rels()
            for _ in range(reps):
                t = time.perf_counter(); per_row(); out["per_row"].append(time.perf_counter() - t); clear_rels()
                t = time.perf_counter(); batched(); out["batched"].append(time.perf_counter() - t)
                t = time.perf_counter(); got = read_all(); out["read"].append(time.perf_counter() - t)
                assert len(got) == n, (len(got), n)
                clear_rels()
            k = min(n, 1000)
            out["autocommit_n"] = k
            for _ in range(max(1, reps // 2)):
                t = time.perf_counter(); autocommit(k); out["autocommit"].append(time.perf_counter() - t); clear_rels()
        finally:
            run(f"MATCH (n:{label}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS")
            run(f"DROP INDEX {label.lower()}_id IF EXISTS")
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


def run(quick: bool, command: str, target, *, rust_ext: bool = True) -> Result:
    n, reps, rounds = (300, 1, 1) if quick else (20_000, 3, 2)
    res = Result("neo4j_writes", f"2. Neo4j writes: batched UNWIND vs one statement per row ({n:,} relationships)",
                 command)
    env = target.get() if target is not None else None
    if env is None:
        res.notes.append(f"Skipped: {getattr(target, 'problem', 'no Neo4j')}")
        return res
    overlay, what = (rust_overlay() if rust_ext else (None, "not requested (--no-rust-ext)"))
    runs: dict[bool, list[dict]] = {False: [], True: []}
    try:
        for _ in range(rounds):  # alternate, so load changes hit both alike
            runs[False].append(_spawn(env, n, reps, None))
            if overlay is not None:
                r = _spawn(env, n, reps, overlay)
                if not r["rust"]:
                    raise RuntimeError("the overlay did not load neo4j-rust-ext")
                runs[True].append(r)
    finally:
        if overlay is not None:
            import shutil
            shutil.rmtree(overlay, ignore_errors=True)

    def agg(rust: bool, key: str) -> list[float]:
        return [x for r in runs[rust] for x in r[key]]

    rows = []
    for rust in (False, True):
        if not runs[rust]:
            continue
        pr, bt, rd, ac = (agg(rust, k) for k in ("per_row", "batched", "read", "autocommit"))
        k = runs[rust][0]["autocommit_n"]
        drv = "with neo4j-rust-ext" if rust else "pure Python driver"
        rows += [
            {"driver": drv, "how": "one MERGE statement per row, one transaction", "reps": len(pr),
             "median s": median(pr), "rels/s": n / median(pr)},
            {"driver": drv, "how": f"one statement per row, auto-commit each (first {k:,} rows)", "reps": len(ac),
             "median s": median(ac), "rels/s": k / median(ac)},
            {"driver": drv, "how": "UNWIND batches of 5,000 rows, one transaction per batch", "reps": len(bt),
             "median s": median(bt), "rels/s": n / median(bt)},
            {"driver": drv, "how": "read them back (MATCH ... RETURN properties(r))", "reps": len(rd),
             "median s": median(rd), "rels/s": n / median(rd)},
        ]
    res.rows = rows
    res.columns = ["driver", "how", "reps", "median s", "rels/s"]
    base_pr, base_bt = median(agg(False, "per_row")), median(agg(False, "batched"))
    ratio = base_pr / base_bt
    rate = n / base_bt
    res.targets = [("batched ≥ 10× per-row", f"{ratio:.1f}×", ratio >= 10),
                   ("batched ≥ 50k relationships/s", f"{rate:,.0f}/s", rate >= 50_000)]
    if runs[True]:
        for key, what_ in (("batched", "batched writes"), ("per_row", "per-row writes"), ("read", "reads")):
            a, b_ = median(agg(False, key)), median(agg(True, key))
            res.targets.append((f"neo4j-rust-ext effect on {what_}", f"{a / b_:.2f}× faster" if a >= b_
                                else f"{b_ / a:.2f}× slower", None))
    res.notes.append(f"Data: {n:,} relationships among {max(100, n // 4):,} nodes of a unique label, each with "
                     "the store's kind of properties (evidence arrays, confidence); MERGE as "
                     "`cypher.write_relations` does. Every repetition starts with no relationships.")
    res.notes.append(f"Each variant ran in {rounds} child process(es) per driver, alternating, "
                     f"{reps} repetitions each; figures are medians over all of them.")
    res.notes.append(f"neo4j-rust-ext: {what}" + ("" if overlay is not None or not rust_ext else " (comparison skipped)")
                     + "; loaded in the child through a PYTHONPATH overlay, never installed into .venv.")
    return res


if __name__ == "__main__":
    if sys.argv[1] == "child":
        print(json.dumps(_child(int(sys.argv[2]), int(sys.argv[3]))))
