"""The Neo4j store's own write path, old code against new, in one run (issue 8).

`bench/neo4j_writes.py` times bare Cypher; this times `Neo4jStore` itself on the same
kind of data, so a change to the write path shows up:

* `load()`: the whole synthetic graph (`bench/synthetic.py`) in one call (bulk UNWIND);
* `add()`: the same graph as one extraction per document, one transaction each, with
  30 % of the relations stated by a second document (evidence merged into an existing
  relationship) and hub entities (clusters, funders) described by many documents;
* `forget()`: every 10th document;
* per-row baseline: every relationship with its own statement, one transaction, nodes
  already there: `cypher.load_relations`, the statement `load()` sends, one row each.

Each variant (code tree x driver) runs in its own child process, alternating, so both
see the same server and load; figures are medians over all repetitions.

    python -m bench.store_writes --before /tmp/before [--orgs 4000] [--reps 3] [--rounds 2]

`--before DIR` is a folder holding the `ecograph` package to compare with (e.g. the
last commit: `git archive HEAD ecograph | tar -x -C /tmp/before`); without it only the
working tree runs. Needs NEO4J_URI etc. of a server of its own: `clear()` wipes it.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from .common import PY, ROOT, median


def _extractions(data: dict, seed: int = 5) -> list:
    from ecograph.model import Document, Entity, Evidence, Extraction, Relation
    rng = random.Random(seed)
    docs = [d["id"] for d in data["documents"]]
    ents = {e["id"]: e for e in data["entities"]}
    rels: dict[str, list] = defaultdict(list)
    for i, r in enumerate(data["relations"]):
        ev = r["evidence"][0]
        stated = [ev["document"]] + ([rng.choice(docs)] if rng.random() < 0.3 else [])
        for k, d in enumerate(dict.fromkeys(stated)):
            rels[d].append(Relation(r["type"], r["source"], r["target"], [Evidence(
                d, ev["sentence"], ev["start"] + 50 * k, ev["end"] + 50 * k, ev["method"], ev["confidence"])]))
    mentioned: dict[str, set] = defaultdict(set)
    for e in data["entities"]:
        for m in e["mentions"]:
            mentioned[m["document"]].add(e["id"])
    out = []
    for d in data["documents"]:
        ids = sorted(mentioned[d["id"]] | {x for r in rels[d["id"]] for x in (r.source, r.target)})
        es = [Entity(i, ents[i]["label"], ents[i]["name"], ents[i].get("kind"),
                     aliases=[ents[i]["name"].upper()] if rng.random() < 0.2 else [],
                     country=ents[i].get("country"), mentions={d["id"]: 1 + rng.randrange(3)}) for i in ids]
        out.append(Extraction(Document(d["id"], d["source"], d["title"], d["language"], d["ingested_at"]),
                              es, rels[d["id"]]))
    return out


def _per_row(store, data: dict) -> float:
    """Seconds to write every relation with its own statement (`load()`'s, one row), in one transaction."""
    try:
        from ecograph.store.neo4j import cypher as Q, records as NR
    except ImportError:  # a --before tree from before the store package
        from ecograph.store import cypher as Q, neo4j_rows as NR
    from ecograph.model import Relation
    labels = {e["id"]: e["label"] for e in data["entities"]}
    rels = [Relation.from_dict(r) for r in data["relations"]]
    if hasattr(NR, "relation_values"):
        def row(r):
            return {"s": r.source, "t": r.target, "p": NR.relation_values(r)}
    else:  # a --before tree from before relation rows carried lists
        def row(r):
            return {"source": r.source, "target": r.target, "props": NR.relation_props(r)}

    def work(tx):
        for r in rels:
            tx.run(Q.load_relations(r.type, labels[r.source], labels[r.target]), rows=[row(r)]).consume()

    session = store._conn.session if hasattr(store, "_conn") else store._session  # (a --before tree)
    with session() as s:
        t0 = time.perf_counter()
        s.execute_write(work)
        return time.perf_counter() - t0


def _child(orgs: int, reps: int) -> dict:
    from ecograph.store.neo4j import Neo4jStore
    import neo4j._codec.packstream.v1 as pv
    from . import synthetic
    data = synthetic.generate(orgs, seed=7)
    data.pop("bench", None)
    exts = _extractions(data)
    no_rels = {**data, "relations": []}
    out = {"rust": pv._rust_pack is not None, "relations": len(data["relations"]),
           "documents": len(exts), "evidence": sum(len(x.relations) for x in exts),
           "load": [], "add": [], "forget": [], "per_row": []}
    s = Neo4jStore(os.environ["NEO4J_URI"])
    try:
        s.clear()
        s.load(copy.deepcopy(data))  # warm-up: plans cached, pages hot
        for _ in range(reps):
            s.clear()
            t = time.perf_counter(); s.load(copy.deepcopy(data)); out["load"].append(time.perf_counter() - t)
            s.clear()
            s.load(copy.deepcopy(no_rels))
            out["per_row"].append(_per_row(s, data))
            s.clear()
            xs = copy.deepcopy(exts)
            t = time.perf_counter()
            for x in xs:
                s.add(x)
            out["add"].append(time.perf_counter() - t)
            t = time.perf_counter()
            for x in exts[::10]:
                s.forget(x.document.id)
            out["forget"].append(time.perf_counter() - t)
        s.clear()
    finally:
        s.close()
    return out


def _use_tree(tree: str) -> None:
    """Import `ecograph` from `tree`. An editable install puts a finder on sys.meta_path that
    answers before PYTHONPATH is looked at: with it, both variants would run the working tree."""
    sys.meta_path[:] = [f for f in sys.meta_path if not type(f).__module__.startswith("__editable__")]
    sys.path.insert(0, tree)


def _spawn(orgs: int, reps: int, tree: Path, overlay: Path | None) -> dict:
    env = {**os.environ, "BENCH_ECOGRAPH_TREE": str(tree)}
    if overlay is not None:  # the driver is a plain install: PYTHONPATH comes first
        env["PYTHONPATH"] = os.pathsep.join([str(overlay), env.get("PYTHONPATH", "")])
    r = subprocess.run([PY, "-m", "bench.store_writes", "child", str(orgs), str(reps)], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"child failed: {r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.store_writes")
    ap.add_argument("--before", help="folder holding the `ecograph` package to compare with")
    ap.add_argument("--orgs", type=int, default=4000, help="synthetic organisations (~5 relations each)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2, help="child processes per variant, alternating")
    ap.add_argument("--no-rust-ext", action="store_true")
    a = ap.parse_args(argv)
    from .neo4j_writes import driver_overlay
    pure, _ = driver_overlay(False)  # without neo4j-rust-ext even when it is installed
    overlay, what = (None, "not requested") if a.no_rust_ext else driver_overlay(True)
    trees = ([("before", Path(a.before).resolve())] if a.before else []) + [("after", None)]
    drivers = [("pure Python driver", pure)] + ([("neo4j-rust-ext", overlay)] if overlay else [])
    runs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    variants = [(t, tp, d, op) for t, tp in trees for d, op in drivers]
    try:
        for i in range(a.rounds):  # ABBA: every other round runs the variants in reverse order
            for tree, tp, drv, op in (variants if i % 2 == 0 else variants[::-1]):
                r = _spawn(a.orgs, a.reps, tp or ROOT, op)
                if not r["tree"].startswith(str(tp or ROOT)):
                    raise RuntimeError(f"the {tree} variant imported ecograph from {r['tree']}")
                if r["rust"] != (op is overlay):
                    raise RuntimeError("the driver overlay did not load neo4j-rust-ext as asked")
                runs[(tree, drv)].append(r)
    finally:
        import shutil
        for o in (pure, overlay):
            if o is not None:
                shutil.rmtree(o, ignore_errors=True)
    any_run = next(iter(runs.values()))[0]
    n, docs, ev = any_run["relations"], any_run["documents"], any_run["evidence"]
    print(f"{n:,} relations, {docs} documents ({ev:,} relation statements) from bench/synthetic.py "
          f"--orgs {a.orgs}; {a.rounds} child processes x {a.reps} repetitions per variant; rust-ext: {what}")
    print("| code | driver | per-row rel/s | load() rel/s | load ÷ per-row | add() docs/s | "
          "add() rel statements/s | forget() ms per doc |")
    print("|---|---|---|---|---|---|---|---|")
    for (tree, drv), rs in sorted(runs.items(), key=lambda kv: (kv[0][0] != "before", kv[0][1])):
        m = {k: median([x for r in rs for x in r[k]]) for k in ("per_row", "load", "add", "forget")}
        # the ratio within each repetition (same moment, same server load), then the median
        ratio = median([p / l for r in rs for p, l in zip(r["per_row"], r["load"])])
        print(f"| {tree} | {drv} | {n / m['per_row']:,.0f} | {n / m['load']:,.0f} | "
              f"{ratio:.1f}× | {docs / m['add']:,.1f} | {ev / m['add']:,.0f} | "
              f"{1000 * m['forget'] / len(range(0, docs, 10)):.0f} |")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        _use_tree(os.environ["BENCH_ECOGRAPH_TREE"])
        import ecograph
        print(json.dumps({**_child(int(sys.argv[2]), int(sys.argv[3])), "tree": ecograph.__file__}))
    else:
        sys.exit(main())
