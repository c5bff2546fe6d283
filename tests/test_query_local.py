"""Local reads answer exactly like the whole graph.

The hot queries (partners, common partners, ego, path, members, clusters, profile)
read a neighbourhood (`store.neighbourhood`, `store.adjacent`) instead of the whole
graph. On a random graph with hubs, places, parts, several relation types between
the same pair and ties in confidence, every answer must equal the one computed
from the whole graph: the same store with its local reads answered from
`to_networkx()` (no neighbourhood, no name resolution or path search in the store,
no state to cache by), which is how the queries worked before.
Runs on both stores.
"""
from __future__ import annotations

import random

import networkx as nx
import pytest

from ecograph.queries.ego import ego, ego_graph
from ecograph.queries.membership import clusters, member_mix, members
from ecograph.queries.partners import common_partners, partners
from ecograph.queries.paths import path
from ecograph.queries.profile import profile
from ecograph.queries.view import records
from ecograph.model import allowed, RELATION_TYPES

class WholeGraphOnly:
    """A store whose `LocalReads` are answered from `to_networkx()`: every neighbourhood is
    the whole graph, names and paths are never decided by the store, and its state is
    unknown (nothing is cached).

    The whole-graph reads are remembered (nothing writes during a comparison), so a
    comparison on Neo4j does not read the graph hundreds of times."""

    def __init__(self, store):
        self._store = store
        self._memo: dict = {}

    def __getattr__(self, name):
        return getattr(self._store, name)

    def read_version(self):
        return None

    def neighbourhood(self, ids, *, depth, types, context=(), evidence=True):
        return self.to_networkx()

    def adjacent(self, ids, types, *, among=None):
        G, ids, wanted = self.to_networkx(), set(ids), set(types)
        ends = set(among) if among is not None else None
        return sorted({(u, v, k) for u, v, k in G.edges(keys=True) if k in wanted
                       and (u in ids and (ends is None or v in ends) or v in ids and (ends is None or u in ends))})

    def entity_names(self):
        return [(e.id, e.label, e.name, list(e.aliases)) for e in self.entities()]

    def resolve_names(self, names, *, label=None):
        return None

    def named_neighbourhood(self, names, *, label, depth, types, context=(), evidence=True):
        return None

    def shortest_path_nodes(self, a, b, types, *, cap=1000):
        return None

    def _once(self, key, read):
        if key not in self._memo:
            self._memo[key] = read()
        return self._memo[key]

    def to_networkx(self):
        return self._once("nx", self._store.to_networkx).copy()

    def entities(self, *, label=None):
        return list(self._once(("entities", label), lambda: self._store.entities(label=label)))

    def documents(self):
        return list(self._once("documents", self._store.documents))


def random_graph(seed: int, n_orgs: int = 70) -> dict:
    rng = random.Random(seed)
    docs = [{"id": f"doc:{i:04d}", "source": f"docs/{i}.txt", "title": f"Doc {i}", "language": "en"}
            for i in range(4)]
    entities, labels = [], {}
    syl = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "xe", "zu"]

    def ent(label, prefix, i, kind=None, country=None):
        name = "".join(rng.choice(syl) for _ in range(3)).capitalize() + f" {prefix.upper()} {i}"
        e = {"id": f"{prefix}:{i:03d}", "label": label, "name": name, "kind": kind, "aliases": [],
             "mentions": [{"document": rng.choice(docs)["id"], "count": 1 + rng.randrange(3)}]}
        if country:
            e["country"] = country
        entities.append({k: v for k, v in e.items() if v is not None})
        labels[e["id"]] = label
        return e["id"]

    kinds = ["cluster", "company", "company", "university", "research", "funder", "support"]
    orgs = [ent("Organisation", "org", i, rng.choice(kinds), rng.choice([None, None, "Morocco", "Tunisia"]))
            for i in range(n_orgs)]
    progs = [ent("Programme", "prog", i, "programme") for i in range(8)]
    places = [ent("Place", "place", 0, "country"), ent("Place", "place", 1, "city", "Tunisia"),
              ent("Place", "place", 2, "city")]
    sectors = [ent("Sector", "sector", i) for i in range(2)]
    hubs = orgs[:3]
    rels = {}

    def rel(t, s, o):
        if s == o or not allowed(t, labels[s], labels[o]):
            return
        if t == "PARTNERS_WITH" and o < s:
            s, o = o, s
        ev = rels.setdefault((t, s, o), {"type": t, "source": s, "target": o, "evidence": []})["evidence"]
        start = 10 * len(ev)
        ev.append({"document": rng.choice(docs)["id"], "sentence": f"{s} {t} {o} {len(ev)}", "start": start,
                   "end": start + 5, "method": "test", "confidence": rng.choice([0.5, 0.7, 0.7, 0.9])})

    for _ in range(4 * n_orgs):
        t = rng.choice(["PARTNERS_WITH"] * 4 + ["MEMBER_OF", "SUPPORTS", "FUNDS"])
        a = rng.choice(hubs) if rng.random() < 0.2 else rng.choice(orgs)
        rel(t, rng.choice(orgs), a)
    for p in progs:
        rel("RUNS", rng.choice(orgs), p)
        rel("FUNDS", rng.choice(orgs), p)
        for _ in range(3):
            rel("PARTICIPATES_IN", rng.choice(orgs), p)
    rel("PART_OF", progs[1], progs[0])
    rel("PART_OF", progs[2], progs[1])
    for o in rng.sample(orgs, n_orgs // 3):
        rel("LOCATED_IN", o, rng.choice(places))
    for o in rng.sample(orgs, n_orgs // 4):
        rel("ACTIVE_IN", o, rng.choice(sectors))
    assert set(t for t, _, _ in rels) <= set(RELATION_TYPES)
    return {"schema_version": 1, "documents": docs, "entities": entities, "relations": list(rels.values()),
            "orgs": orgs, "progs": progs}


@pytest.fixture(scope="module", params=[1, 2])
def graph(request):
    return random_graph(request.param)


@pytest.fixture
def both(store, graph):
    data = {k: v for k, v in graph.items() if k not in ("orgs", "progs")}
    store.load(data)
    store.flush()
    return store, WholeGraphOnly(store), graph


def _same(fn, local, whole, *args, **kw):
    a, b = fn(local, *args, **kw), fn(whole, *args, **kw)
    assert records(a) == records(b), (fn.__name__, args, kw)
    return a


def _graph_data(G: nx.MultiDiGraph):
    return (dict(G.graph), sorted(G.nodes(data=True)), sorted(G.edges(keys=True, data=True)))


def test_partners_and_common_partners(both):
    local, whole, g = both
    names = {e["id"]: e["name"] for e in g["entities"]}
    for o in g["orgs"][:25]:
        for depth in (1, 2, 3):
            _same(partners, local, whole, names[o], depth=depth)
        _same(partners, local, whole, o, depth=2, types="PARTNERS_WITH,MEMBER_OF,FUNDS")
        _same(partners, local, whole, o, depth=2, types="all")  # places on the way; context edges too
    rng = random.Random(5)
    for _ in range(25):
        a, b = rng.sample(g["orgs"], 2)
        _same(common_partners, local, whole, a, b)
        _same(common_partners, local, whole, names[a], names[b], types="core")


def test_ego(both):
    local, whole, _ = both
    g = both[2]
    for o in g["orgs"][:12] + g["progs"][:2]:
        for depth in (1, 2, 3):
            _same(ego, local, whole, o, depth=depth)
            assert _graph_data(ego_graph(local, o, depth=depth)) == _graph_data(ego_graph(whole, o, depth=depth))
        _same(ego, local, whole, o, depth=2, types="all")


@pytest.mark.parametrize("meet_first", [32, 1])  # 1: every level asks "do we meet?" first
def test_paths(both, meet_first, monkeypatch):
    from ecograph.queries import paths
    monkeypatch.setattr(paths, "MEET_FIRST", meet_first)
    local, whole, g = both
    rng = random.Random(9)
    found = 0
    for _ in range(40):
        a, b = rng.sample(g["orgs"] + g["progs"], 2)
        rows = _same(path, local, whole, a, b, all_shortest=True, limit=50)
        _same(path, local, whole, a, b)
        _same(path, local, whole, a, b, types="PARTNERS_WITH")
        found += bool(rows)
    assert found > 10  # most pairs are connected: the comparison is not vacuous


def test_members_clusters_profile(both):
    local, whole, g = both
    for o in g["orgs"][:20]:
        _same(members, local, whole, o)
        _same(member_mix, local, whole, o) if members(whole, o) else None
        _same(clusters, local, whole, o)
        assert profile(local, o) == profile(whole, o)
    for p in g["progs"]:
        assert profile(local, p) == profile(whole, p)


@pytest.mark.neo4j
def test_local_reads_same_in_both_stores(embedded_store, neo4j_store, graph):
    """The store-level reads themselves: identical neighbourhoods, steps and names."""
    data = {k: v for k, v in graph.items() if k not in ("orgs", "progs")}
    for s in (embedded_store, neo4j_store):
        s.load(data)
    rng = random.Random(3)
    core = ("PARTNERS_WITH", "MEMBER_OF", "SUPPORTS", "FUNDS", "RUNS", "PARTICIPATES_IN", "PART_OF")
    for _ in range(12):
        ids = rng.sample(graph["orgs"] + graph["progs"], rng.choice((1, 2, 5))) + ["org:nowhere"]
        for depth, types, context, ev in ((0, core, (), True), (1, ("PARTNERS_WITH",), ("LOCATED_IN",), True),
                                          (2, core, ("LOCATED_IN", "ACTIVE_IN"), True), (2, core, (), False)):
            a, b = (s.neighbourhood(ids, depth=depth, types=types, context=context, evidence=ev)
                    for s in (embedded_store, neo4j_store))
            assert a.graph.pop("version") is not None and b.graph.pop("version") is not None
            assert _graph_data(a) == _graph_data(b), (ids, depth, types, context, ev)
        assert embedded_store.adjacent(ids, core) == neo4j_store.adjacent(ids, core)
        among = rng.sample(graph["orgs"], 20)
        assert embedded_store.adjacent(ids, core, among=among) == neo4j_store.adjacent(ids, core, among=among)
    assert embedded_store.entity_names() == neo4j_store.entity_names()
    for s in (embedded_store, neo4j_store):  # nothing to start from: an empty graph, still versioned
        G = s.neighbourhood(["org:nowhere"], depth=2, types=core)
        assert G.number_of_nodes() == 0 and G.graph["version"] is not None
        assert s.adjacent(["org:nowhere"], core) == []
