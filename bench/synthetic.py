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


class _Builder:
    """The shared state of one generation: the random stream, the documents, the entities and
    relations made so far. Every draw goes through `self.rng` in the order the original single
    function made them, so a seed gives the same corpus byte for byte."""

    def __init__(self, rng: random.Random, n_docs: int):
        self.rng = rng
        self.docs = [{"id": f"doc:bench{i:06x}", "source": f"synthetic/doc-{i}.txt", "title": f"Synthetic {i}",
                      "language": "en", "ingested_at": "2025-01-01T00:00:00+00:00"} for i in range(n_docs)]
        self.entities: list[dict] = []
        self.names_seen: set[str] = set()
        self.rels: dict[tuple[str, str, str], dict] = {}
        self.ev_n = 0

    def word(self) -> str:
        return "".join(self.rng.choice(_SYL) for _ in range(3)).capitalize()

    def ent(self, label: str, kind: str | None, name: str, prefix: str, country: str | None = None) -> str:
        """Add an entity under a name not used yet (a number appended on a clash); return its id."""
        base, k = name, 2
        while name.lower() in self.names_seen:
            name = f"{base} {k}"
            k += 1
        self.names_seen.add(name.lower())
        eid = f"{prefix}:{_slug(name)}"
        e = {"id": eid, "label": label, "name": name, "aliases": [],
             "mentions": [{"document": self.docs[self.rng.randrange(len(self.docs))]["id"],
                           "count": 1 + self.rng.randrange(3)}]}
        if kind:
            e["kind"] = kind
        if country:
            e["country"] = country
        self.entities.append(e)
        return eid

    def rel(self, t: str, s: str, o: str) -> None:
        """Add a relation with one evidence record, unless a loop or already there
        (PARTNERS_WITH is symmetric: stored once, ends in id order)."""
        if s == o:
            return
        if t == "PARTNERS_WITH" and o < s:
            s, o = o, s
        key = (t, s, o)
        if key in self.rels:
            return
        self.ev_n += 1
        rng, ev_n = self.rng, self.ev_n
        self.rels[key] = {"type": t, "source": s, "target": o, "evidence": [{
            "document": self.docs[rng.randrange(len(self.docs))]["id"], "sentence": f"{s} {t.lower()} {o}.",
            "start": ev_n % 10_000, "end": ev_n % 10_000 + 40, "method": "synthetic",
            "confidence": round(0.5 + rng.random() / 2, 2)}]}


def _make_organisations(b: _Builder, n_orgs: int) -> dict:
    """The places and organisations, by role: {"countries", "clusters", "c_country" (each
    cluster's country index), "funders", "supports", "members", "programmes"}."""
    rng = b.rng
    countries = [b.ent("Place", "country", c, "place") for c in COUNTRIES]
    n_clusters = max(2, n_orgs // 50)
    n_funders = max(1, n_orgs // 200)
    n_support = max(1, n_orgs // 100)
    n_members = n_orgs - n_clusters - n_funders - n_support
    clusters, c_country = [], []
    for _ in range(n_clusters):
        ci = rng.randrange(len(COUNTRIES))
        clusters.append(b.ent("Organisation", "cluster", f"{b.word()} {rng.choice(['Digital', 'Agrifood', 'Mechatronics', 'Energy', 'Textile', 'Health'])} Cluster",
                              "org", COUNTRIES[ci]))
        c_country.append(ci)
    funders = [b.ent("Organisation", "funder", f"{b.word()} {rng.choice(['Foundation', 'Development Bank'])}", "org")
               for _ in range(n_funders)]
    supports = [b.ent("Organisation", "support", f"{b.word()} {rng.choice(['Incubator', 'Technopark', 'Innovation Hub'])}", "org")
                for _ in range(n_support)]
    kinds = ["company"] * 7 + ["university", "research", "association"]
    suffix = {"company": ["Systems", "Industries", "Technologies", "Engineering", "SA"],
              "university": ["University"], "research": ["Research Institute"], "association": ["Association"]}
    members = []
    for _ in range(n_members):
        k = rng.choice(kinds)
        members.append(b.ent("Organisation", k, f"{b.word()} {rng.choice(suffix[k])}", "org"))
    n_prog = max(2, n_orgs // 20)
    programmes = [b.ent("Programme", rng.choice(["programme", "project", "fund", "event"]),
                        f"{b.word()} {rng.choice(['Programme', 'Project', 'Voucher', 'Forum'])}", "prog")
                  for _ in range(n_prog)]
    return {"countries": countries, "clusters": clusters, "c_country": c_country, "funders": funders,
            "supports": supports, "members": members, "programmes": programmes}


def _add_memberships(b: _Builder, o: dict) -> dict[int, list[str]]:
    """MEMBER_OF, mostly to clusters of the member's own country; returns each cluster's roster."""
    rng, clusters = b.rng, o["clusters"]
    n_clusters = len(clusters)
    by_country: dict[int, list[int]] = {}
    for i, ci in enumerate(o["c_country"]):
        by_country.setdefault(ci, []).append(i)
    member_of: list[list[int]] = []
    for m in o["members"]:
        ci = rng.randrange(len(COUNTRIES))
        local = by_country.get(ci) or list(range(n_clusters))
        cs = {rng.choice(local) if rng.random() < 0.85 else rng.randrange(n_clusters)
              for _ in range(rng.choice((1, 1, 2, 2, 3)))}
        member_of.append(sorted(cs))
        for c in cs:
            b.rel("MEMBER_OF", m, clusters[c])
    roster: dict[int, list[str]] = {}
    for m, cs in zip(o["members"], member_of):
        for c in cs:
            roster.setdefault(c, []).append(m)
    return roster


def _add_programmes_and_support(b: _Builder, o: dict) -> None:
    """RUNS, FUNDS, SUPPORTS, LOCATED_IN and PARTICIPATES_IN."""
    rng, clusters, funders, supports = b.rng, o["clusters"], o["funders"], o["supports"]
    for p in o["programmes"]:
        c = rng.randrange(len(clusters))
        b.rel("RUNS", clusters[c], p)
        for f in rng.sample(funders, min(len(funders), rng.choice((1, 2, 3)))):
            b.rel("FUNDS", f, p)
    for c in clusters:
        for f in rng.sample(funders, min(len(funders), rng.choice((0, 1, 2)))):
            b.rel("FUNDS", f, c)
        for s in rng.sample(supports, min(len(supports), rng.choice((1, 2, 3, 4)))):
            b.rel("SUPPORTS", s, c)
    for m in o["members"]:
        if rng.random() < 0.2:
            b.rel("LOCATED_IN", m, rng.choice(o["countries"]))
    for m in o["members"]:
        for _ in range(rng.choice((0, 1, 1, 2))):
            b.rel("PARTICIPATES_IN", m, rng.choice(o["programmes"]))


def _add_partnerships(b: _Builder, o: dict, roster: dict[int, list[str]], target: int) -> None:
    """PARTNERS_WITH until there are `target` relations: inside a shared cluster mostly,
    cluster-to-cluster some."""
    rng, clusters = b.rng, o["clusters"]
    orgs_all = clusters + o["funders"] + o["supports"] + o["members"]
    while len(b.rels) < target:
        if rng.random() < 0.05:
            b.rel("PARTNERS_WITH", rng.choice(clusters), rng.choice(clusters))
            continue
        c = rng.randrange(len(clusters))
        r = roster.get(c)
        if r and len(r) > 1 and rng.random() < 0.85:
            a, bb = rng.sample(r, 2)
            b.rel("PARTNERS_WITH", a, bb)
        else:
            b.rel("PARTNERS_WITH", rng.choice(orgs_all), rng.choice(orgs_all))


def _query_ids(b: _Builder, o: dict, roster: dict[int, list[str]], seed: int) -> dict:
    """The ids the query benchmarks ask about: well-connected members (have partners) and
    pairs from one cluster, from a random stream of their own (seed + 1)."""
    members, clusters = o["members"], o["clusters"]
    partnered = sorted({k[1] for k in b.rels if k[0] == "PARTNERS_WITH"} & set(members))
    qrng = random.Random(seed + 1)
    sample = qrng.sample(partnered, min(200, len(partnered)))
    pairs = []
    for c in qrng.sample(range(len(clusters)), min(200, len(clusters))):
        r = roster.get(c) or []
        if len(r) >= 2:
            pairs.append(tuple(qrng.sample(r, 2)))
    names = {e["id"]: e["name"] for e in b.entities}
    return {"orgs": sample, "pairs": pairs, "far_pairs": [(qrng.choice(partnered), qrng.choice(partnered)) for _ in range(200)],
            "clusters": clusters, "names": {i: names[i] for i in set(sample) | {x for p in pairs for x in p}}}


def generate(n_orgs: int = 100_000, *, seed: int = 7, rels_per_org: float = 5.0) -> dict:
    b = _Builder(random.Random(seed), max(10, n_orgs // 10))
    orgs = _make_organisations(b, n_orgs)
    roster = _add_memberships(b, orgs)
    _add_programmes_and_support(b, orgs)
    _add_partnerships(b, orgs, roster, int(n_orgs * rels_per_org))
    bench = _query_ids(b, orgs, roster, seed)
    return {"schema_version": 1, "entities": b.entities, "relations": list(b.rels.values()), "documents": b.docs,
            "bench": bench}
