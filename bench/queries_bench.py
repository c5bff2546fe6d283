"""Benchmark 3: query latency on a synthetic graph (100k organisations / 500k relations)
on both stores, side by side in one run:

- "queries/ (shipped)": the query functions as researchers call them, with names
  (`partners(store, name)`, ...), on the store itself: on Neo4j one auto-commit read
  that resolves the names in the database and reads the neighbourhood
  (`store.neo4j.reads`), on the embedded store its cached name index and local reads;
- on Neo4j also the raw Cypher the first prototype measured, each sample one
  auto-commit statement on a session like the store's (a lower bound: no names, no
  evidence, an arbitrary shortest path), alternating with the shipped call so that
  the machine's load falls on both alike;
- the first query of a fresh process (opening the store, then one `partners()`), and
  the embedded store's memory at that size;
- the answers of both stores compared, sample by sample (they hold the same graph)."""
from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from . import synthetic
from .common import PY, ROOT, Result, median, ms, pct

CORE = "PARTNERS_WITH|MEMBER_OF|SUPPORTS|FUNDS|RUNS|PARTICIPATES_IN|PART_OF|LABELLED_BY"
CYPHER = {
    "partners": """
MATCH (o:Organisation {id: $a})-[r:PARTNERS_WITH]-(p:Organisation)
RETURN p.id AS id, p.name AS name, p.kind AS kind, r.ev_sentence[0] AS sentence, r.confidence AS confidence
ORDER BY toLower(p.name), p.id""",
    "common partners": """
MATCH (a:Organisation {id: $a})-[:PARTNERS_WITH]-(p:Organisation)-[:PARTNERS_WITH]-(b:Organisation {id: $b})
WHERE p <> a AND p <> b
RETURN DISTINCT p.id AS id, p.name AS name ORDER BY toLower(p.name), p.id""",
    "shortest path": f"""
MATCH (a:Organisation {{id: $a}}), (b:Organisation {{id: $b}})
MATCH p = shortestPath((a)-[:{CORE}*..12]-(b))
RETURN [n IN nodes(p) | n.id] AS ids""",
    "ego depth 2": f"""
MATCH (c:Organisation {{id: $a}})-[:{CORE}*1..2]-(n)
RETURN DISTINCT n.id AS id""",
}
NEW = "queries/ (shipped)"
RAW = "raw Cypher read (lower bound, bench only)"
#: samples whose answers are compared between the stores
COMPARED = 20


def _queries(b: dict):
    from ecograph.queries.ego import ego
    from ecograph.queries.partners import common_partners, partners
    from ecograph.queries.paths import path
    names = b["names"]
    orgs, pairs, far = b["orgs"], b["pairs"], b["far_pairs"]
    return {
        "partners": lambda s, i: partners(s, names[orgs[i % len(orgs)]]),
        "common partners": lambda s, i: common_partners(s, names[pairs[i % len(pairs)][0]],
                                                        names[pairs[i % len(pairs)][1]]),
        "shortest path": lambda s, i: path(s, far[i % len(far)][0], far[i % len(far)][1]),
        "ego depth 2": lambda s, i: ego(s, names[orgs[i % len(orgs)]], depth=2),
    }


def _cypher_args(b: dict, q: str, i: int) -> dict:
    if q in ("partners", "ego depth 2"):
        return {"a": b["orgs"][i % len(b["orgs"])]}
    lst = b["pairs"] if q == "common partners" else b["far_pairs"]
    a, c = lst[i % len(lst)]
    return {"a": a, "b": c}


def _alternating(fns: dict[str, object], n: int, *, budget: float, warmup: int) -> dict[str, list[float]]:
    """Latencies of several ways to answer the same question, sample i of each in turn, so
    that the load of this shared machine falls on all of them alike. Warm-up samples are
    other arguments than the measured ones."""
    for fn in fns.values():
        for w in range(warmup):
            fn(n + w)
    out: dict[str, list[float]] = {k: [] for k in fns}
    spent = 0.0
    for i in range(n):
        for k, fn in fns.items():
            t = time.perf_counter()
            fn(i)
            dt = time.perf_counter() - t
            out[k].append(dt)
            spent += dt
        if spent > budget:
            break
    return out


def _measure(rows: list, store_name: str, store, Q: dict, *, fast_n: int, budget: float,
             raw: dict | None = None) -> dict[str, list]:
    """The shipped queries, alternating with the raw Cypher reads in `raw` (Neo4j) when
    given; returns the answers of the first COMPARED samples of each query."""
    raw_rows, answers = [], {}
    for name, fn in Q.items():
        ways = {NEW: lambda i, fn=fn: fn(store, i)}
        if raw is not None:
            ways[RAW] = lambda i, name=name: raw[name](i)
        xs = _alternating(ways, fast_n, budget=budget, warmup=min(30, fast_n))
        rows.append(_row(store_name, name, NEW, xs[NEW], note=f"load {os.getloadavg()[0]:.1f} after"))
        if raw is not None:
            raw_rows.append(_row(store_name, name, RAW, xs[RAW]))
        answers[name] = [_rows_of(fn(store, i)) for i in range(min(COMPARED, fast_n))]
    rows.extend(raw_rows)
    return answers


def _bench_embedded(data: dict, b: dict, Q: dict, rows: list, *, fast_n: int, budget: float) -> dict:
    """Load, save and query the graph on a fresh embedded store (rows appended to `rows`).
    Returns {"t_load", "t_save", "rss", "first", "answers"}."""
    from ecograph.store.embedded import EmbeddedStore
    tmp = Path(tempfile.mkdtemp(prefix="bench-queries-"))
    try:
        store = EmbeddedStore(tmp / "store", writable=True)
        t = time.perf_counter()
        store.load(data)
        t_load = time.perf_counter() - t
        gc.collect()
        gc.freeze()  # the loaded graph is static: keep it out of every later collection
        t = time.perf_counter()
        store.save()
        t_save = time.perf_counter() - t
        rss, first = _rss_child(tmp / "store", b)
        answers = _measure(rows, "embedded", store, Q, fast_n=fast_n, budget=budget)
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"t_load": t_load, "t_save": t_save, "rss": rss, "first": first, "answers": answers}


def _neo4j_skipped(target, env) -> str:
    """Why the Neo4j part cannot run on `target` ("" when it can)."""
    if env is None:
        return f"Neo4j part skipped: {getattr(target, 'problem', 'no target')}"
    if not target.private:
        return ("Neo4j part skipped: it needs a database of its own (`Neo4jStore` owns the "
                "ecograph labels), and only the shared NEO4J_URI server is available.")
    return ""


def _raw_reader(ns, b: dict, name: str):
    """One raw Cypher read of CYPHER[name] for sample i, auto-commit on a session like the store's."""
    from neo4j import READ_ACCESS
    drv = ns._conn.driver

    def one(i):  # auto-commit: one round trip, as the store's reads
        with drv.session(database=ns._conn.database, bookmark_manager=ns._conn.bookmarks,
                         default_access_mode=READ_ACCESS) as s:
            return s.run(CYPHER[name], _cypher_args(b, name, i)).data()
    return one


def _bench_neo4j_store(res: Result, env: dict, data: dict, b: dict, Q: dict, rows: list, *,
                       fast_n: int, budget: float, n_rel: int) -> tuple[str, dict]:
    """Bulk-load the graph into the private server and query it, shipped calls alternating with
    raw Cypher (rows appended to `rows`). Returns (first query of a fresh process, answers)."""
    from ecograph.store.neo4j import Neo4jStore
    ns = Neo4jStore(env["NEO4J_URI"])
    try:
        ns.clear()
        t = time.perf_counter()
        bulk_load(ns, data)
        t_nload = time.perf_counter() - t
        _await_indexes(ns)
        rows.append({"store": "neo4j", "query": "bulk load (UNWIND, 10k rows per tx)", "how": "",
                     "n": 1, "p50 ms": ms(t_nload), "p95 ms": ms(t_nload),
                     "note": f"{n_rel / t_nload:,.0f} relations/s"})
        first = _first_child(env, b)
        answers = _measure(rows, "neo4j", ns, Q, fast_n=fast_n, budget=budget,
                           raw={name: _raw_reader(ns, b, name) for name in CYPHER})
        try:  # a private, throw-away server: failing to empty it loses nothing
            ns.clear()
        except Exception as exc:
            res.notes.append(f"Note for the Neo4j store: `Neo4jStore.clear()` failed on this graph: {exc}")
        return first, answers
    finally:
        ns.close()


def _bench_neo4j(res: Result, env: dict, data: dict, b: dict, Q: dict, rows: list, *,
                 fast_n: int, budget: float, n_rel: int) -> tuple[str, dict]:
    """`_bench_neo4j_store` with the server's NEO4J_* variables in os.environ (as the CLI
    would see them), restored afterwards."""
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return _bench_neo4j_store(res, env, data, b, Q, rows, fast_n=fast_n, budget=budget, n_rel=n_rel)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _latency_targets(rows: list) -> list[tuple]:
    """Section 3's targets, from the p50 of `partners` on each store and way."""
    def p50(store_name: str, how: str, query: str = "partners"):
        return next((r["p50 ms"] for r in rows if (r["store"], r["how"], r["query"]) == (store_name, how, query)
                     and r["n"]), None)
    neo, neo_raw, emb = p50("neo4j", NEW), p50("neo4j", RAW), p50("embedded", NEW)
    return [("partners p50 ≤ 5 ms on Neo4j (queries/)",
             f"{neo:.2f} ms" if neo is not None else "not measured",
             (neo <= 5) if neo is not None else None),
            ("partners p50 on Neo4j, raw Cypher (lower bound)",
             f"{neo_raw:.2f} ms" if neo_raw is not None else "not measured", None),
            ("embedded partners p50 (queries/)", f"{emb:.2f} ms" if emb is not None else "not measured", None)]


def _latency_notes(data: dict, counts: tuple[int, int, int], t_gen: float, emb: dict, first: dict, answers: dict,
                   Q: dict, fast_n: int, load_start) -> list[str]:
    """The notes under section 3's table: the graph, memory, first query, sampling, same answers."""
    n_orgs, n_ent, n_rel = counts
    same = ("not compared (Neo4j not measured)" if "neo4j" not in answers else
            ", ".join(f"{q}: {'yes' if answers['embedded'][q] == answers['neo4j'][q] else 'NO'}" for q in Q))
    return [
        f"Graph: `bench/synthetic.py` seed 7: {n_ent:,} entities ({n_orgs:,} organisations), {n_rel:,} relations, "
        f"{len(data['documents']):,} documents; generated in {t_gen:.1f} s. Embedded `store.load()` took "
        f"{emb['t_load']:.1f} s, saving it as JSON {emb['t_save']:.1f} s.",
        f"Embedded store memory (fresh process opening the saved store): {emb['rss']}.",
        "First query of a fresh process (open the store, then one `partners()` by name): "
        + "; ".join(f"{k}: {v}" for k, v in first.items()) + ".",
        f"n = samples (different organisations / pairs per sample, after {min(30, fast_n)} warm-up calls on "
        f"others); p95 is nearest-rank. Load average (1/5/15 min) at the start: "
        + "/".join(f"{x:.1f}" for x in load_start) + "; at the end: "
        + "/".join(f"{x:.1f}" for x in os.getloadavg()) + f" ({os.cpu_count()} CPUs).",
        "Queries take names (as researchers type them): `partners(store, name)`, "
        "`common_partners(store, a, b)` (two members of one cluster), `path(store, id_a, id_b)` "
        "(random pairs, core relation types), `ego(store, name, depth=2)`.",
        f"Same answers on both stores for the first {COMPARED} samples of each query: {same}.",
    ]


def run(quick: bool, command: str, target) -> Result:
    n_orgs = 500 if quick else 100_000
    res = Result("queries", f"3. Query latency: {n_orgs:,} organisations, ~{5 * n_orgs:,} relations", command)
    rows: list[dict] = []
    load_start = os.getloadavg()
    t = time.perf_counter()
    data = synthetic.generate(n_orgs, seed=7)
    b = data.pop("bench")
    t_gen = time.perf_counter() - t
    n_ent, n_rel = len(data["entities"]), len(data["relations"])
    fast_n = 10 if quick else 100
    budget = 10.0 if quick else 120.0
    Q = _queries(b)
    emb = _bench_embedded(data, b, Q, rows, fast_n=fast_n, budget=budget)
    answers: dict[str, dict] = {"embedded": emb["answers"]}
    first: dict[str, str] = {"embedded": emb["first"]}
    env = target.get() if target is not None else None
    neo_note = _neo4j_skipped(target, env)
    if not neo_note:
        first["neo4j"], answers["neo4j"] = _bench_neo4j(res, env, data, b, Q, rows, fast_n=fast_n, budget=budget,
                                                        n_rel=n_rel)
    res.rows = rows
    res.columns = ["store", "query", "how", "n", "p50 ms", "p95 ms", "note"]
    res.targets = _latency_targets(rows)
    res.notes += _latency_notes(data, (n_orgs, n_ent, n_rel), t_gen, emb, first, answers, Q, fast_n, load_start)
    if neo_note:
        res.notes.append(neo_note)
    return res


def _rows_of(rows) -> list:
    from ecograph.queries import records
    return records(rows)


def _row(store: str, query: str, how: str, xs: list[float], note: str = "") -> dict:
    return {"store": store, "query": query, "how": how, "n": len(xs), "p50 ms": ms(median(xs)),
            "p95 ms": ms(pct(xs, 95)), "note": note}


def bulk_load(ns, data: dict, batch: int = 10_000) -> None:
    """Load an exchange dict into an empty Neo4j the fast way: the statements and rows
    `Neo4jStore.load` uses (`store.neo4j.cypher`, `store.neo4j.records.load_rows`), but in a
    transaction per batch (one transaction of 500k relationships would exceed the bench
    server's transaction memory)."""
    from ecograph.store.neo4j import cypher as Q
    from ecograph.store.neo4j import records as NR
    from ecograph.store.exchange import stored_state
    docs, ents, rels, records = stored_state(data)
    drv = ns._conn.driver

    def write(query: str, rows: list[dict]):
        for i in range(0, len(rows), batch):
            chunk = rows[i:i + batch]
            with drv.session(database=ns._conn.database) as s:
                s.execute_write(lambda tx: tx.run(query, rows=chunk).consume())

    doc_rows, nodes, groups = NR.load_rows(docs, ents, rels, records)
    write(Q.CREATE_DOCUMENTS, doc_rows)
    for lab, rows in nodes.items():
        write(Q.load_entities(lab), rows)
    for (t, sl, tl), rows in groups.items():
        write(Q.load_relations(t, sl, tl), rows)


def _await_indexes(ns) -> None:
    """The name-key indexes are filled in the background after a bulk load: wait, so the
    samples measure the indexed lookup."""
    with ns._conn.driver.session(database=ns._conn.database) as s:
        s.run("CALL db.awaitIndexes(600)").consume()


def _rss_child(store_dir: Path, b: dict) -> tuple[str, str]:
    """(memory line, first-query line) of the embedded store, in a fresh process."""
    org = b["names"][b["orgs"][0]]
    out = subprocess.run([PY, "-m", "bench.queries_bench", "rss", str(store_dir), org], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0:
        failed = f"(measurement failed: {out.stderr.strip().splitlines()[-1:]})"
        return failed, failed
    d = json.loads(out.stdout.strip().splitlines()[-1])
    return ((f"RSS {d['before']:.0f} MiB after imports → {d['open']:.0f} MiB with the store open "
             f"(**+{d['open'] - d['before']:.0f} MiB**) → {d['local']:.0f} MiB after a first `partners()` "
             f"(name index) → {d['full']:.0f} MiB with the cached whole-graph view the global queries use "
             f"(`full_view`, built in {d['full_s']:.1f} s); JSON file {d['file_mb']:.0f} MB"),
            f"open {d['open_s']:.1f} s, first `partners()` {d['local_s']:.2f} s (builds the name index)")


def _first_child(env: dict, b: dict) -> str:
    """Neo4j: open the store and ask one `partners()` in a fresh process (names resolved
    in the database, no index to build)."""
    org = b["names"][b["orgs"][1]]
    out = subprocess.run([PY, "-m", "bench.queries_bench", "first", env["NEO4J_URI"], org], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, **env})
    if out.returncode != 0:
        return f"(measurement failed: {out.stderr.strip().splitlines()[-1:]})"
    d = json.loads(out.stdout.strip().splitlines()[-1])
    return (f"open {d['open_s']:.2f} s (connect, check the schema), first `partners()` "
            f"{1000 * d['first_s']:.0f} ms, second {1000 * d['second_s']:.1f} ms")


def _first_main(url: str, org: str) -> None:
    from ecograph.queries.partners import partners
    from ecograph.store.neo4j import Neo4jStore
    t = time.perf_counter()
    s = Neo4jStore(url)
    open_s = time.perf_counter() - t
    t = time.perf_counter()
    partners(s, org)
    first_s = time.perf_counter() - t
    t = time.perf_counter()
    partners(s, org)
    second_s = time.perf_counter() - t
    s.close()
    print(json.dumps({"open_s": open_s, "first_s": first_s, "second_s": second_s}))


def _rss_main(store_dir: str, org: str) -> None:
    from ecograph.queries.partners import partners
    from ecograph.queries.view import full_view
    from ecograph.store.embedded import EmbeddedStore
    from .common import rss_mb
    gc.collect()
    before = rss_mb()
    t = time.perf_counter()
    s = EmbeddedStore(store_dir)
    open_s = time.perf_counter() - t
    gc.collect()
    opened = rss_mb()
    t = time.perf_counter()
    partners(s, org)
    local_s = time.perf_counter() - t
    gc.collect()
    local = rss_mb()
    t = time.perf_counter()
    full_view(s)
    full_s = time.perf_counter() - t
    gc.collect()
    print(json.dumps({"before": before, "open": opened, "open_s": open_s, "local": local, "local_s": local_s,
                      "full": rss_mb(), "full_s": full_s,
                      "file_mb": (Path(store_dir) / "graph.json").stat().st_size / 1e6}))


if __name__ == "__main__":
    import sys
    if sys.argv[1] == "rss":
        _rss_main(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "first":
        _first_main(sys.argv[2], sys.argv[3])
