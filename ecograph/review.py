"""What a curator should look at: low-confidence edges and pairs of entities that may be one."""
from __future__ import annotations

from itertools import combinations

from rapidfuzz import fuzz

from .ids import norm


def low_confidence_edges(store, *, below: float = 0.7, limit: int = 50) -> list[dict]:
    names = {e.id: e.name for e in store.entities()}
    rows = []
    for r in store.relations():
        if r.type == "MENTIONED_IN" or r.confidence >= below:
            continue
        ev = max(r.evidence, key=lambda e: e.confidence)
        rows.append({"type": r.type, "source": names.get(r.source, r.source),
                     "target": names.get(r.target, r.target), "confidence": r.confidence,
                     "detail": ev.sentence[:160]})
    rows.sort(key=lambda x: x["confidence"])
    return rows[:limit]


def _initials(name: str) -> str:
    return "".join(w[0] for w in norm(name).split() if w not in {"of", "de", "du", "des", "and", "et", "for", "la", "le"})


def candidate_merges(store, *, threshold: float = 88.0, limit: int = 50) -> list[dict]:
    """Same-label pairs whose names are close, or where one is the initials of the other."""
    rows = []
    by_label: dict[str, list] = {}
    for e in store.entities():
        if e.label in ("Organisation", "Programme"):
            by_label.setdefault(e.label, []).append(e)
    for label, ents in by_label.items():
        if len(ents) > 3000:  # quadratic; curators review small graphs, large ones by search
            ents = ents[:3000]
        for a, b in combinations(ents, 2):
            na, nb = norm(a.name), norm(b.name)
            score = fuzz.token_set_ratio(na, nb)
            acronym = (len(na) <= 6 and na.replace(" ", "") == _initials(b.name)) or \
                      (len(nb) <= 6 and nb.replace(" ", "") == _initials(a.name))
            if score >= threshold or acronym:
                rows.append({"type": label, "source": a.name, "target": b.name,
                             "confidence": round(score / 100, 2),
                             "detail": "acronym of the other" if acronym else "similar names"})
    rows.sort(key=lambda x: -x["confidence"])
    return rows[:limit]
