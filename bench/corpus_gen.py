"""A synthetic corpus with known answers: documents built from English and French
sentence templates, each template listing the triples a correct extractor finds.

Deterministic (seeded): the same `n` and `seed` give the same files and the same
expected triples. Names carry their kind in their words, as real ones do
("Valmora Mechatronics Cluster", "Kestra Robotics SA", "Orlane Foundation",
"Smart Nerva Programme"), so both the name finder and the kind classifier have
a fair chance; the documents read like short cluster news items.

    docs = generate(100, seed=1)        # [GenDoc(name, lang, text, triples)]
    write(docs, folder)                 # one .txt per document
    expected = {t for d in docs for t in d.triples}   # (TYPE, source name, target name)
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

_SYL = ["val", "mor", "kes", "tra", "nor", "vel", "lin", "dar", "sel", "ko", "ri", "za", "ban", "tu",
        "mel", "ora", "pex", "quin", "lor", "fa", "gel", "ber", "nau", "sil", "vor", "ta", "mi", "ren"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.choice((2, 3)))).capitalize()


@dataclass
class Names:
    """Pools of distinct names per role, drawn once per corpus (so documents share actors)."""
    clusters: list[str]
    companies: list[str]
    funders: list[str]
    supports: list[str]
    programmes: list[str]

    @classmethod
    def make(cls, rng: random.Random, scale: int) -> "Names":
        used: set[str] = set()

        def pool(n: int, fmt) -> list[str]:
            out = []
            while len(out) < n:
                name = fmt(_word(rng), rng)
                if name.lower() not in used:
                    used.add(name.lower())
                    out.append(name)
            return out

        n = max(8, scale)
        return cls(
            clusters=pool(max(4, n // 8), lambda w, r: r.choice(
                [f"{w} Mechatronics Cluster", f"{w} Agrifood Cluster", f"{w} Digital Cluster",
                 f"Cluster {w} Energies"])),
            companies=pool(n, lambda w, r: r.choice(
                [f"{w} Robotics SA", f"{w} Systems", f"{w} Industries", f"{w} Technologies",
                 f"{w} Engineering"])),
            funders=pool(max(3, n // 20), lambda w, r: r.choice(
                [f"{w} Foundation", f"{w} Development Bank", f"Fondation {w}"])),
            supports=pool(max(3, n // 20), lambda w, r: r.choice(
                [f"{w} Incubator", f"{w} Technopark", f"{w} Innovation Hub"])),
            programmes=pool(max(4, n // 10), lambda w, r: r.choice(
                [f"{w} Export Programme", f"Smart {w} Programme", f"{w} Innovation Voucher"])),
        )


# Each template: (language, text with {slots}, expected triples as (TYPE, slot, slot)).
TEMPLATES: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("en", "{org} is a member of {cluster}.", [("MEMBER_OF", "org", "cluster")]),
    ("en", "{org} and {org2} are members of {cluster}.",
     [("MEMBER_OF", "org", "cluster"), ("MEMBER_OF", "org2", "cluster")]),
    ("en", "{cluster} is funded by {funder}.", [("FUNDS", "funder", "cluster")]),
    ("en", "{funder} finances the {prog}.", [("FUNDS", "funder", "prog")]),
    ("en", "{cluster} signed a partnership agreement with {cluster2}.",
     [("PARTNERS_WITH", "cluster", "cluster2")]),
    ("en", "{cluster}, in partnership with {org}, launched the {prog}.",
     [("RUNS", "cluster", "prog"), ("RUNS", "org", "prog"), ("PARTNERS_WITH", "cluster", "org")]),
    ("en", "{support} supports {cluster}.", [("SUPPORTS", "support", "cluster")]),
    ("en", "{org} takes part in the {prog}.", [("PARTICIPATES_IN", "org", "prog")]),
    ("fr", "{org} est membre de {cluster}.", [("MEMBER_OF", "org", "cluster")]),
    ("fr", "{cluster} est financé par {funder}.", [("FUNDS", "funder", "cluster")]),
    ("fr", "En partenariat avec {org}, {cluster} a lancé le {prog}.",
     [("RUNS", "cluster", "prog"), ("RUNS", "org", "prog"), ("PARTNERS_WITH", "org", "cluster")]),
    ("fr", "{support} accompagne {cluster}.", [("SUPPORTS", "support", "cluster")]),
    ("fr", "{org} participe au {prog}.", [("PARTICIPATES_IN", "org", "prog")]),
]
# Sentences with no relation (or a negated/wished one): they test precision.
FILLER = {
    "en": ["The sector employs thousands of people in the region.",
           "We hope that {cluster} will one day take part in the {prog}.",
           "The annual meeting took place in the spring.",
           "Exports of components grew again this year."],
    "fr": ["Le secteur emploie des milliers de personnes dans la région.",
           "Nous espérons que {cluster} participera un jour au {prog}.",
           "La réunion annuelle a eu lieu au printemps.",
           "Les exportations de composants ont encore augmenté cette année."],
}
TITLES = {"en": "{cluster}: news from the ecosystem", "fr": "{cluster} : nouvelles de l'écosystème"}


@dataclass
class GenDoc:
    name: str
    lang: str
    text: str
    triples: list[tuple[str, str, str]] = field(default_factory=list)  # (TYPE, source name, target name)

    @property
    def words(self) -> int:
        return len(self.text.split())


def _fill(rng: random.Random, names: Names, slots: dict[str, str], cluster: str) -> dict[str, str]:
    out = dict(slots)
    out.setdefault("cluster", cluster)
    out.setdefault("cluster2", rng.choice([c for c in names.clusters if c != cluster] or names.clusters))
    out.setdefault("org", rng.choice(names.companies))
    out.setdefault("org2", rng.choice([c for c in names.companies if c != out["org"]]))
    out.setdefault("funder", rng.choice(names.funders))
    out.setdefault("support", rng.choice(names.supports))
    out.setdefault("prog", rng.choice(names.programmes))
    return out


def generate(n: int, *, seed: int = 42, sentences: tuple[int, int] = (6, 14)) -> list[GenDoc]:
    rng = random.Random(seed)
    names = Names.make(rng, max(16, n // 4))
    docs: list[GenDoc] = []
    for i in range(n):
        lang = "fr" if rng.random() < 0.35 else "en"
        cluster = rng.choice(names.clusters)
        temps = [t for t in TEMPLATES if t[0] == lang]
        parts = [TITLES[lang].format(cluster=cluster), ""]
        triples: set[tuple[str, str, str]] = set()
        for _ in range(rng.randint(*sentences)):
            if rng.random() < 0.2:
                slots = _fill(rng, names, {}, cluster)
                parts.append(rng.choice(FILLER[lang]).format(**slots))
                continue
            _, text, rels = rng.choice(temps)
            slots = _fill(rng, names, {}, cluster)
            parts.append(text.format(**slots))
            for t, s, o in rels:
                triples.add((t, slots[s], slots[o]))
        # a paragraph break every few sentences, as news items have
        body = [parts[0], ""]
        for k, s in enumerate(parts[2:]):
            body.append(s + ("\n" if k % 3 == 2 else " "))
        text = "".join(x if x.endswith(("\n", " ")) else x + "\n" for x in body).strip() + "\n"
        docs.append(GenDoc(f"synthetic-{i:05d}-{lang}.txt", lang, text, sorted(triples)))
    return docs


def write(docs: list[GenDoc], folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in docs:
        p = folder / d.name
        p.write_text(d.text, encoding="utf-8")
        paths.append(p)
    return paths


def score(docs: list[GenDoc], store) -> dict:
    """Precision / recall of the expected triples against every core relation the store holds.

    Names are compared normalised (`ecograph.ids.norm`), against each entity's name and
    aliases; PARTNERS_WITH in either direction. Precision counts every stored core
    relation between two generated names *or* any other entity (a relation to a
    mis-cut name is a false positive)."""
    from ecograph.ids import norm
    from ecograph.model import CORE_TYPES, SYMMETRIC

    def key(t, s, o):
        s, o = norm(s), norm(o)
        if t in SYMMETRIC and o < s:
            s, o = o, s
        return (t, s, o)

    expected = {key(*t) for d in docs for t in d.triples}
    names = {e.id: [e.name, *e.aliases] for e in store.entities()}
    got: set[tuple[str, str, str]] = set()
    for r in store.relations():
        if r.type not in CORE_TYPES:
            continue
        cands = {key(r.type, a, b) for a in names.get(r.source, [r.source]) for b in names.get(r.target, [r.target])}
        hit = cands & expected
        got.add(next(iter(sorted(hit))) if hit else min(cands))
    tp = len(got & expected)
    p = tp / len(got) if got else 0.0
    r = tp / len(expected) if expected else 0.0
    per_type = {}
    for t in CORE_TYPES:
        e_t = {x for x in expected if x[0] == t}
        g_t = {x for x in got if x[0] == t}
        if e_t or g_t:
            tp_t = len(e_t & g_t)
            per_type[t] = {"expected": len(e_t), "found": len(g_t), "tp": tp_t,
                           "precision": tp_t / len(g_t) if g_t else 0.0,
                           "recall": tp_t / len(e_t) if e_t else 0.0}
    return {"expected": len(expected), "found": len(got), "tp": tp, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0, "per_type": per_type}
