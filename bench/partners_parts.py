"""What one Neo4j `partners()` costs, part by part, on the 100k-organisation graph.

    python -m bench.partners_parts [--orgs 100000] [--samples 100]

Starts a private server (`bench/neo4j_instance.py`), bulk-loads `bench/synthetic.py` the way
`bench/queries_bench.py` does, then times, alternating per sample (same organisation, same
moment): the whole `partners()` call; its one statement alone; that statement seeded by id
(no name resolution); and without the documents the neighbours are merely mentioned in.
The order rotates per sample. Prints p50 per variant and the load average. Section 3 of BENCHMARKS.md quotes it.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.partners_parts", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orgs", type=int, default=100_000)
    ap.add_argument("--samples", type=int, default=100)
    a = ap.parse_args(argv)
    from ecograph.queries.partners import partners
    from ecograph.store.neo4j import cypher as Q
    from ecograph.store.neo4j import reads as R
    from ecograph.store.neo4j import Neo4jStore
    from .neo4j_instance import Neo4jInstance
    from .queries_bench import _await_indexes, bulk_load
    from .synthetic import generate

    data = generate(a.orgs, seed=7)
    b = data.pop("bench")
    names = {e["id"]: e["name"] for e in data["entities"]}
    orgs = b["orgs"]
    inst = Neo4jInstance().start()
    try:
        os.environ.update(inst.env())  # the store reads its credentials from the environment
        s = Neo4jStore(inst.env()["NEO4J_URI"])
        bulk_load(s, data)
        _await_indexes(s)
        shipped = Q.neighbourhood(("PARTNERS_WITH",), 1, ("LOCATED_IN",), True, named=True)
        cited = re.sub(r"\n\s*UNION\n\s*MATCH \(n\)-\[:`MENTIONED_IN`\]->\(d:`Document`\)\n\s*RETURN d \{\.\*\} AS d",
                       "", shipped)
        assert cited != shipped, "the mention-documents part of the statement was not found"
        by_id = Q.neighbourhood(("PARTNERS_WITH",), 1, ("LOCATED_IN",), True, named=False)

        def run(query: str, params: dict):
            with s._conn.session(read=True) as ss:
                return ss.run(query, params).single()

        def named(o: str) -> dict:
            return {"names": R._names([names[o]]), "label": "Organisation"}
        variants = {"partners() (shipped)": lambda o: partners(s, names[o]),
                    "its statement alone": lambda o: run(shipped, named(o)),
                    "statement seeded by id": lambda o: run(by_id, {"ids": [o]}),
                    "statement, cited documents only": lambda o: run(cited, named(o))}
        for i in range(30):  # warm-up on other organisations: plans cached, pages hot
            for f in variants.values():
                f(orgs[(i * 7) % len(orgs)])
        times: dict[str, list[float]] = {k: [] for k in variants}
        order = list(variants.items())
        for i in range(a.samples):
            o = orgs[(i * 13 + 5) % len(orgs)]
            # rotate, so no variant is always the first to touch an organisation's pages
            for k, f in order[i % len(order):] + order[:i % len(order)]:
                t = time.perf_counter()
                f(o)
                times[k].append(time.perf_counter() - t)
        s.close()
    finally:
        inst.stop()
    for k, xs in times.items():
        print(f"| {k} | {1000 * statistics.median(xs):.2f} ms |")
    print("load average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
