"""A deterministic synthetic ecosystem graph, as an exchange dict (SCHEMA.md).

Structure, scaled from `n_orgs` (default 100k organisations, ~500k relations):
- clusters (2%) with members: every other organisation is MEMBER_OF 1-3 clusters,
  mostly in its own country (~1.8 per member);
- partnerships: PARTNERS_WITH mostly between members of a shared cluster, some
  across clusters (~2 per organisation);
- programmes (5% of n): RUN by a cluster, FUNDED by funders, with participants
  (PARTICIPATES_IN, ~0.7 per organisation);
- funders (0.5%) FUND clusters and programmes; support organisations (1%) SUPPORT clusters;
- places: 20 countries, LOCATED_IN for a fifth of the organisations.
Every relation has one evidence record pointing at one of the synthetic documents.

    data = generate(100_000, seed=7)
    data["bench"]            # {"orgs": [...], "clusters": [...], ...}: ids for queries
"""
from __future__ import annotations

import random

_SYL = ["al", "be", "ca", "do", "el", "fa", "gi", "ho", "is", "ju", "ka", "lo", "mi", "no", "or",
        "pa", "qu", "ri", "sa", "tu", "ur", "vi", "wa", "xe", "yo", "za", "ter", "mon", "vel", "dra"]
COUNTRIES = ["Morocco", "Tunisia", "Algeria", "Egypt", "Lebanon", "Jordan", "France", "Spain", "Italy",
             "Germany", "Portugal", "Senegal", "Ghana", "Kenya", "Nigeria", "Turkey", "Greece",
             "Belgium", "Netherlands", "Austria"]


def _slug(s: str) -> str:
    return "-".join(s.lower().split())


def generate(n_orgs: int = 100_000, *, seed: int = 7, rels_per_org: float = 5.0) -> dict:
    rng = random.Random(seed)
    n_docs = max(10, n_orgs // 10)
    docs = [{"id": f"doc:bench{i:06x}", "source": f"synthetic/doc-{i}.txt", "title": f"Synthetic {i}",
             "language": "en", "ingested_at": "2025-01-01T00:00:00+00:00"} for i in range(n_docs)]

    def word() -> str:
        return "".join(rng.choice(_SYL) for _ in range(3)).capitalize()

    entities: list[dict] = []
    names_seen: set[str] = set()

    def ent(label: str, kind: str | None, name: str, prefix: str, country: str | None = None) -> str:
        base, k = name, 2
        while name.lower() in names_seen:
            name = f"{base} {k}"
            k += 1
        names_seen.add(name.lower())
        eid = f"{prefix}:{_slug(name)}"
        e = {"id": eid, "label": label, "name": name, "aliases": [],
             "mentions": [{"document": docs[rng.randrange(n_docs)]["id"], "count": 1 + rng.randrange(3)}]}
        if kind:
            e["kind"] = kind
        if country:
            e["country"] = country
        entities.append(e)
        return eid

    countries = [ent("Place", "country", c, "place") for c in COUNTRIES]
    n_clusters = max(2, n_orgs // 50)
    n_funders = max(1, n_orgs // 200)
    n_support = max(1, n_orgs // 100)
    n_members = n_orgs - n_clusters - n_funders - n_support
    clusters, c_country = [], []
    for _ in range(n_clusters):
        ci = rng.randrange(len(COUNTRIES))
        clusters.append(ent("Organisation", "cluster", f"{word()} {rng.choice(['Digital', 'Agrifood', 'Mechatronics', 'Energy', 'Textile', 'Health'])} Cluster",
                            "org", COUNTRIES[ci]))
        c_country.append(ci)
    funders = [ent("Organisation", "funder", f"{word()} {rng.choice(['Foundation', 'Development Bank'])}", "org")
               for _ in range(n_funders)]
    supports = [ent("Organisation", "support", f"{word()} {rng.choice(['Incubator', 'Technopark', 'Innovation Hub'])}", "org")
                for _ in range(n_support)]
    kinds = ["company"] * 7 + ["university", "research", "association"]
    suffix = {"company": ["Systems", "Industries", "Technologies", "Engineering", "SA"],
              "university": ["University"], "research": ["Research Institute"], "association": ["Association"]}
    members = []
    for _ in range(n_members):
        k = rng.choice(kinds)
        members.append(ent("Organisation", k, f"{word()} {rng.choice(suffix[k])}", "org"))
    n_prog = max(2, n_orgs // 20)
    programmes = [ent("Programme", rng.choice(["programme", "project", "fund", "event"]),
                      f"{word()} {rng.choice(['Programme', 'Project', 'Voucher', 'Forum'])}", "prog")
                  for _ in range(n_prog)]

    rels: dict[tuple[str, str, str], dict] = {}
    ev_n = [0]

    def rel(t: str, s: str, o: str) -> None:
        if s == o:
            return
        if t == "PARTNERS_WITH" and o < s:
            s, o = o, s
        key = (t, s, o)
        if key in rels:
            return
        ev_n[0] += 1
        rels[key] = {"type": t, "source": s, "target": o, "evidence": [{
            "document": docs[rng.randrange(n_docs)]["id"], "sentence": f"{s} {t.lower()} {o}.",
            "start": ev_n[0] % 10_000, "end": ev_n[0] % 10_000 + 40, "method": "synthetic",
            "confidence": round(0.5 + rng.random() / 2, 2)}]}

    target = int(n_orgs * rels_per_org)
    # membership, clustered by country
    by_country: dict[int, list[int]] = {}
    for i, ci in enumerate(c_country):
        by_country.setdefault(ci, []).append(i)
    member_of: list[list[int]] = []
    for m in members:
        ci = rng.randrange(len(COUNTRIES))
        local = by_country.get(ci) or list(range(n_clusters))
        cs = {rng.choice(local) if rng.random() < 0.85 else rng.randrange(n_clusters)
              for _ in range(rng.choice((1, 1, 2, 2, 3)))}
        member_of.append(sorted(cs))
        for c in cs:
            rel("MEMBER_OF", m, clusters[c])
    roster: dict[int, list[str]] = {}
    for m, cs in zip(members, member_of):
        for c in cs:
            roster.setdefault(c, []).append(m)
    # programmes: run by clusters, funded, with participants
    for p in programmes:
        c = rng.randrange(n_clusters)
        rel("RUNS", clusters[c], p)
        for f in rng.sample(funders, min(len(funders), rng.choice((1, 2, 3)))):
            rel("FUNDS", f, p)
    for c in clusters:
        for f in rng.sample(funders, min(len(funders), rng.choice((0, 1, 2)))):
            rel("FUNDS", f, c)
        for s in rng.sample(supports, min(len(supports), rng.choice((1, 2, 3, 4)))):
            rel("SUPPORTS", s, c)
    for m in members:
        if rng.random() < 0.2:
            rel("LOCATED_IN", m, rng.choice(countries))
    for m in members:
        for _ in range(rng.choice((0, 1, 1, 2))):
            rel("PARTICIPATES_IN", m, rng.choice(programmes))
    # partnerships fill the rest: inside a shared cluster mostly, cluster-to-cluster some
    orgs_all = clusters + funders + supports + members
    while len(rels) < target:
        if rng.random() < 0.05:
            rel("PARTNERS_WITH", rng.choice(clusters), rng.choice(clusters))
            continue
        c = rng.randrange(n_clusters)
        r = roster.get(c)
        if r and len(r) > 1 and rng.random() < 0.85:
            a, b = rng.sample(r, 2)
            rel("PARTNERS_WITH", a, b)
        else:
            rel("PARTNERS_WITH", rng.choice(orgs_all), rng.choice(orgs_all))
    # ids to query: well-connected members (have partners), and pairs from one cluster
    partnered = sorted({k[1] for k in rels if k[0] == "PARTNERS_WITH"} & set(members))
    qrng = random.Random(seed + 1)
    sample = qrng.sample(partnered, min(200, len(partnered)))
    pairs = []
    for c in qrng.sample(range(n_clusters), min(200, n_clusters)):
        r = roster.get(c) or []
        if len(r) >= 2:
            pairs.append(tuple(qrng.sample(r, 2)))
    names = {e["id"]: e["name"] for e in entities}
    return {"schema_version": 1, "entities": entities, "relations": list(rels.values()), "documents": docs,
            "bench": {"orgs": sample, "pairs": pairs, "far_pairs": [(qrng.choice(partnered), qrng.choice(partnered)) for _ in range(200)],
                      "clusters": clusters, "names": {i: names[i] for i in set(sample) | {x for p in pairs for x in p}}}}
