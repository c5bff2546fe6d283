"""Benchmark 3: query latency on a synthetic graph (100k organisations / 500k relations)
on both stores, side by side in one run:

- "whole graph per call (as shipped)": the query functions on the store seen through
  the plain `GraphStore` protocol (`WholeGraphOnly`: no local reads, no version, so no
  cache): every call reads `to_networkx()` and scans every entity to match a name,
  which is what `queries/` did before the local reads;
- "queries/ (local reads + caches)": the same functions on the store itself: a cached
  name index and `store.neighbourhood` / `store.adjacent` reads;
- on Neo4j also the raw Cypher neighbourhood reads the first prototype measured (a
  lower bound: no evidence, no names, an arbitrary shortest path)."""
from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
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
SHIPPED = "whole graph per call (as shipped)"
NEW = "queries/ (local reads + caches)"
RAW = "raw Cypher read (lower bound, bench only)"


class WholeGraphOnly:
    """A store seen through the `GraphStore` protocol only, as `queries/` used stores before
    the local reads: `to_networkx()` on every call, names matched by scanning every entity."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        if name in ("neighbourhood", "adjacent", "read_version", "entity_names"):
            raise AttributeError(name)
        return getattr(self._store, name)


def lat(fn, n: int, *, budget: float, warmup: int = 1) -> list[float]:
    """Latencies (s) of fn(i) for i = 0..n-1, stopping early once `budget` seconds are spent
    (at least one sample), after `warmup` calls on arguments not among the measured ones
    (skipped when one call is already slow)."""
    out: list[float] = []
    spent = 0.0
    for w in range(warmup):
        t = time.perf_counter()
        fn(n + w)
        if time.perf_counter() - t > budget / 4:
            break
    for i in range(n):
        # no gc.collect() per sample: with ~1.5 GB of live objects it takes seconds (the big
        # static data is gc.freeze()-d after loading instead)
        t = time.perf_counter()
        fn(i)
        dt = time.perf_counter() - t
        out.append(dt)
        spent += dt
        if spent > budget:
            break
    return out


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


def _compare(Q: dict, store, shipped_answers: dict[str, list]) -> bool:
    """The new answers equal the whole-graph ones for every sample the slow path ran."""
    same = True
    for name, answers in shipped_answers.items():
        for i, expected in answers:
            same &= _rows_of(Q[name](store, i)) == expected
    return same


def _alternating(fns: dict[str, object], n: int, *, budget: float, warmup: int) -> dict[str, list[float]]:
    """Latencies of several ways to answer the same question, sample i of each in turn, so
    that the load of this shared machine falls on all of them alike."""
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


def _measure(rows: list, store_name: str, store, Q: dict, *, slow_n: int, fast_n: int, slow_budget: float,
             shipped_queries, notes: dict, raw: dict | None = None) -> None:
    """Whole graph per call (before), then the queries as they are now, alternating with
    the raw Cypher reads in `raw` (Neo4j) when given."""
    whole = WholeGraphOnly(store)
    answers: dict[str, list] = defaultdict(list)
    for name in shipped_queries:
        def call(i, fn=Q[name], name=name):
            answers[name].append((i, _rows_of(fn(whole, i))))
        xs = lat(call, slow_n, budget=slow_budget, warmup=0)
        rows.append(_row(store_name, name, SHIPPED, xs))
    for name in Q:
        if name not in shipped_queries:
            rows.append({"store": store_name, "query": name, "how": SHIPPED, "n": 0, "p50 ms": float("nan"),
                         "p95 ms": float("nan"), "note": "not run: the same whole-graph read as partners"})
    t = time.perf_counter()
    Q["partners"](store, len(Q) * 1000)  # builds the name index (and nothing else)
    first = time.perf_counter() - t
    raw_rows = []
    for name, fn in Q.items():
        ways = {NEW: lambda i, fn=fn: fn(store, i)}
        if raw is not None:
            ways[RAW] = lambda i, name=name: raw[name](i)
        xs = _alternating(ways, fast_n, budget=120, warmup=30)
        rows.append(_row(store_name, name, NEW, xs[NEW],
                         note=f"first call {first:.1f} s (builds the name index)" if name == "partners" else ""))
        if raw is not None:
            raw_rows.append(_row(store_name, name, RAW, xs[RAW]))
    rows.extend(raw_rows)
    notes[store_name] = _compare(Q, store, answers)


def run(quick: bool, command: str, target) -> Result:
    n_orgs = 500 if quick else 100_000
    res = Result("queries", f"3. Query latency: {n_orgs:,} organisations, ~{5 * n_orgs:,} relations", command)
    rows: list[dict] = []
    t = time.perf_counter()
    data = synthetic.generate(n_orgs, seed=7)
    b = data.pop("bench")
    t_gen = time.perf_counter() - t
    n_ent, n_rel = len(data["entities"]), len(data["relations"])
    slow_budget = 10.0 if quick else 100.0
    fast_n = 10 if quick else 100
    slow_n = 2 if quick else 3
    Q = _queries(b)
    same: dict[str, bool] = {}

    # --- embedded ----------------------------------------------------------------------
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
        rss = _rss_child(tmp / "store", b)
        _measure(rows, "embedded", store, Q, slow_n=slow_n, fast_n=fast_n, slow_budget=slow_budget,
                 shipped_queries=list(Q), notes=same)
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # --- neo4j ---------------------------------------------------------------------------
    env = target.get() if target is not None else None
    neo_note = ""
    if env is None:
        neo_note = f"Neo4j part skipped: {getattr(target, 'problem', 'no target')}"
    elif not target.private:
        neo_note = ("Neo4j part skipped: it needs a database of its own (`Neo4jStore` owns the "
                    "ecograph labels), and only the shared NEO4J_URI server is available.")
    else:
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            from ecograph.store.neo4j import Neo4jStore
            ns = Neo4jStore(env["NEO4J_URI"])
            try:
                ns.clear()
                t = time.perf_counter()
                bulk_load(ns, data)
                t_nload = time.perf_counter() - t
                rows.append({"store": "neo4j", "query": "bulk load (UNWIND, 10k rows per tx)", "how": "",
                             "n": 1, "p50 ms": ms(t_nload), "p95 ms": ms(t_nload),
                             "note": f"{n_rel / t_nload:,.0f} relations/s"})
                drv = ns._driver

                def raw_read(name: str):
                    def one(i):
                        with drv.session(database=ns._database) as s:
                            return s.execute_read(lambda tx: tx.run(CYPHER[name], _cypher_args(b, name, i)).data())
                    return one
                # the whole-graph read takes minutes at full size: partners once, as the before figure
                _measure(rows, "neo4j", ns, Q, slow_n=slow_n if quick else 1, fast_n=fast_n,
                         slow_budget=slow_budget, shipped_queries=list(Q) if quick else ["partners"],
                         notes=same, raw={name: raw_read(name) for name in CYPHER})
                try:  # a private, throw-away server: failing to empty it loses nothing
                    ns.clear()
                except Exception as exc:
                    res.notes.append(f"Note for the Neo4j store: `Neo4jStore.clear()` failed on this graph: {exc}")
            finally:
                ns.close()
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    res.rows = rows
    res.columns = ["store", "query", "how", "n", "p50 ms", "p95 ms", "note"]

    def p50(store_name: str, how: str, query: str = "partners"):
        return next((r["p50 ms"] for r in rows if (r["store"], r["how"], r["query"]) == (store_name, how, query)
                     and r["n"]), None)
    neo_new, neo_old, emb_new, emb_old = p50("neo4j", NEW), p50("neo4j", SHIPPED), p50("embedded", NEW), p50("embedded", SHIPPED)
    res.targets = [("partners p50 ≤ 5 ms on Neo4j (queries/)",
                    f"{neo_new:.2f} ms" if neo_new is not None else "not measured",
                    (neo_new <= 5) if neo_new is not None else None),
                   ("partners p50 on Neo4j, whole graph per call (before)",
                    f"{neo_old:,.0f} ms" if neo_old is not None else "not measured", None),
                   ("embedded partners p50 (queries/; before)",
                    f"{emb_new:.2f} ms; {emb_old:,.0f} ms" if emb_new is not None and emb_old is not None
                    else "not measured", None)]
    res.notes += [
        f"Graph: `bench/synthetic.py` seed 7: {n_ent:,} entities ({n_orgs:,} organisations), {n_rel:,} relations, "
        f"{len(data['documents']):,} documents; generated in {t_gen:.1f} s. Embedded `store.load()` took "
        f"{t_load:.1f} s, saving it as JSON {t_save:.1f} s.",
        f"Embedded store memory (fresh process opening the saved store): {rss}.",
        "n = samples (different organisations / pairs per sample); p95 is nearest-rank, so with few "
        "samples it is the slowest one. Slow paths stop sampling after a time budget "
        f"({slow_budget:.0f} s per query).",
        "Queries take names (as researchers type them): `partners(store, name)`, "
        "`common_partners(store, a, b)` (two members of one cluster), `path(store, id_a, id_b)` "
        "(random pairs, core relation types), `ego(store, name, depth=2)`.",
        "The name index is built once per store state (`read_version()`: the embedded store's change "
        "counter, a Neo4j read's bookmark); later calls reuse it while nothing changes.",
        "Answers of the local reads equal the whole-graph answers for every sample the slow path ran: "
        + ", ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in same.items()) + ".",
    ]
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
    """Load an exchange dict into Neo4j the fast way: UNWIND batches in separate transactions,
    with the statements and row builders `Neo4jStore.load` uses (`store.cypher`, `store.neo4j_rows`)."""
    from ecograph.store import cypher as Q
    from ecograph.store import neo4j_rows as NR
    from ecograph.store.base import stored_state
    docs, ents, rels, records = stored_state(data)
    drv = ns._driver

    def write(query: str, rows: list[dict]):
        for i in range(0, len(rows), batch):
            chunk = rows[i:i + batch]
            with drv.session(database=ns._database) as s:
                s.execute_write(lambda tx: tx.run(query, rows=chunk).consume())

    write(Q.CREATE_DOCUMENTS, [{**d.to_dict(), "seq": i} for i, d in enumerate(docs)])
    by_label: dict[str, list] = defaultdict(list)
    mentions: dict[str, list] = defaultdict(list)
    for e in ents:
        recs = records.get(e.id, {})
        by_label[e.label].append({**NR.entity_row(e), **NR.base_props(recs.get(""))})
        mentions[e.label].extend({"id": e.id, "document": d, "props": NR.mention_props(c, recs.get(d))}
                                 for d, c in sorted(e.mentions.items()))
    for lab, rows in by_label.items():
        write(Q.write_entities(lab), rows)
    for lab, rows in mentions.items():
        write(Q.write_mentions(lab), rows)
    labels = {e.id: e.label for e in ents}
    groups: dict[tuple, list] = defaultdict(list)
    for r in rels:
        groups[(r.type, labels[r.source], labels[r.target])].append(
            {"source": r.source, "target": r.target, "props": NR.relation_props(r)})
    for (t, sl, tl), rows in groups.items():
        write(Q.write_relations(t, sl, tl), rows)


def _rss_child(store_dir: Path, b: dict) -> str:
    org = b["names"][b["orgs"][0]]
    out = subprocess.run([PY, "-m", "bench.queries_bench", "rss", str(store_dir), org], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0:
        return f"(measurement failed: {out.stderr.strip().splitlines()[-1:]})"
    d = json.loads(out.stdout.strip().splitlines()[-1])
    return (f"RSS {d['before']:.0f} MiB after imports → {d['open']:.0f} MiB with the store open "
            f"(**+{d['open'] - d['before']:.0f} MiB**; opening took {d['open_s']:.1f} s) → {d['local']:.0f} MiB "
            f"after a first `partners()` (name index, {d['local_s']:.1f} s) → {d['full']:.0f} MiB with the cached "
            f"whole-graph view the global queries use (`full_view`, built in {d['full_s']:.1f} s); "
            f"JSON file {d['file_mb']:.0f} MB")


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
