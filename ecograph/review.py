"""What a curator should look at: low-confidence edges and pairs of entities that may be one.

Candidate merges are ranked by evidence, strongest first:
- a shared acronym (one's name is the initials of the other's, or both carry the same acronym);
- shared members or partners (the same neighbours over MEMBER_OF / PARTNERS_WITH / PART_OF …);
- the same place (country attribute);
- similar names, but never across a distinguishing qualifier (another country or city,
  Northern/Southern: `ingest.resolve.clash`).
Pairs that are linked by a relation (a cluster and its member) or whose kinds disagree are
left out or pushed down: two bodies in one relation are two bodies.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from rapidfuzz import fuzz

from .ids import norm

_LINKS = ("MEMBER_OF", "PARTNERS_WITH", "PART_OF", "SUPPORTS", "FUNDS", "RUNS", "PARTICIPATES_IN", "LABELLED_BY")
_SMALL = {"of", "de", "du", "des", "d", "l", "and", "et", "for", "pour", "la", "le", "les", "the", "en", "in"}
_WEIGHTS = {"acronym": 0.45, "names": 0.35, "neighbours": 0.3, "place": 0.1, "kind": 0.05}


def low_confidence_edges(store, *, below: float = 0.7, limit: int = 50, confirmed=frozenset()) -> list[dict]:
    """Edges under `below`, weakest first, except those a curator confirmed ((type, source, target))."""
    names = {e.id: e.name for e in store.entities()}
    rows = []
    for r in store.relations():
        if r.type == "MENTIONED_IN" or r.confidence >= below or r.key in confirmed:
            continue
        ev = max(r.evidence, key=lambda e: e.confidence)
        rows.append({"type": r.type, "source": names.get(r.source, r.source),
                     "target": names.get(r.target, r.target), "confidence": r.confidence,
                     "detail": ev.sentence[:160]})
    rows.sort(key=lambda x: x["confidence"])
    return rows[:limit]


def _initials(name: str) -> str:
    return "".join(w[0] for w in norm(name).split() if w not in _SMALL)


def _acronyms(names: list[str]) -> set[str]:
    """Names written as acronyms ('MDX', 'CCI-X' → 'ccix')."""
    out = set()
    for n in names:
        s = n.replace("-", "").replace("&", "").replace(".", "")
        if 3 <= len(s) <= 8 and s.isupper() and s.isalnum():
            out.add(s.lower())
    return out


def _core(name: str) -> str:
    """A name's distinctive words in their order: without heads and cue words ("cluster",
    "university"), places and small words."""
    from ecograph.kinds import GENERIC, classify
    from ecograph.name_keys import qualifiers
    words = []
    for w in norm(name).split():
        if w in _SMALL or w in GENERIC or qualifiers(w) or (len(w) > 3 and classify(w)[1] is not None):
            continue
        words.append(w)
    return " ".join(words)


def _similar(x: str, y: str) -> tuple[float, bool]:
    """(similarity, extension) of two distinctive-word strings. The same words, or the shorter
    one's words leading the longer one ("halivert" / "halivert seafood": an extension), score 100;
    others score by spelling (token_sort_ratio: "agrifood" / "agri food"). Words found only elsewhere in the
    longer name make another body as often as not ("Interreg X" / "Interreg Next X"): spelling only."""
    a, b = sorted((x.split(), y.split()), key=len)
    if set(a) == set(b):
        return 100.0, False
    if a and b[:len(a)] == a:
        return 100.0, True
    return fuzz.token_sort_ratio(x, y), False


def _close(acronym: str, initials: str) -> bool:
    """'mdxc' and 'mdc': one letter more, same first and last letters (a word added to a name)."""
    short, long_ = sorted((acronym, initials), key=len)
    if len(long_) - len(short) != 1 or short[0] != long_[0] or short[-1] != long_[-1]:
        return False
    it = iter(long_)
    return all(c in it for c in short)


class _Profile:
    """What the ranking compares about one entity."""

    def __init__(self, e, neighbours: set[str]):
        from ecograph.kinds import classify
        from ecograph.name_keys import qualifiers
        self.e = e
        self.names = [e.name, *e.aliases]
        self.keys = {norm(n) for n in self.names if norm(n)}
        self.acronyms = _acronyms(self.names)
        self.initials = {i for i in (_initials(n) for n in self.names if len(norm(n).split()) >= 3) if len(i) >= 3}
        # an acronym its own long name spells out is that name's: another name with the same
        # initials is a coincidence ("AMC" of "Aerospace Moroccan Cluster" / "Association Maroc Cluster")
        self.free_acronyms = {x for x in self.acronyms if not any(x == i or _close(x, i) for i in self.initials)}
        # a name spelled out in words ("Emilia Motion Cluster"; not "MDFC Morocco")
        self.spelled = any(len(n.split()) >= 2 and not any(w.isupper() and len(w) > 1 for w in n.split())
                           for n in self.names)
        self.quals = frozenset().union(*(qualifiers(n) for n in self.names))
        self.tokens = {t for k in self.keys for t in k.split() if t not in _SMALL and len(t) > 2}
        # the distinctive words of each full name, with the kind its own words give
        self.core = {(_core(n), classify(n)[1]) for n in self.names if norm(n) not in self.acronyms}
        self.core = {(c, k) for c, k in self.core if len(c) >= 4}
        self.neighbours = neighbours


def _rare(a: _Profile, b: _Profile, df: dict[str, int]) -> bool:
    """A one-word likeness counts only for a word few entities' names carry ("Halivert", not
    "development"): at most the two of them."""
    shared = {w for c, _ in a.core for w in c.split()} & {w for c, _ in b.core for w in c.split()}
    return any(df.get(w, 0) <= 2 for w in shared)


def _acronym_evidence(a: _Profile, b: _Profile, together: bool) -> tuple[float, str | None]:
    """A free acronym of one (not its own long name's initials) that spells the other's name, or
    the same acronym on both: strong; one letter off: half, and nothing when one document wrote
    both (a writer who uses two acronyms means two bodies); two different acronyms: a penalty."""
    if a.free_acronyms & b.initials or b.free_acronyms & a.initials or a.acronyms & b.acronyms:
        return _WEIGHTS["acronym"], "shared acronym"
    if not together and (any(_close(x, y) for x in a.free_acronyms for y in b.initials) or
                         any(_close(x, y) for x in b.free_acronyms for y in a.initials)):
        return _WEIGHTS["acronym"] / 2, "close acronym"
    return (-0.15 if a.acronyms and b.acronyms else 0.0), None


def _name_evidence(a: _Profile, b: _Profile, df: dict[str, int]) -> tuple[float, str | None, bool]:
    """(score, reason, weak) from the distinctive words of the two names: "Delta Textile
    Cluster" and "Delta Textile" are close, "Delta Cluster" and "Gamma Cluster" are not, whatever
    the shared head; "X Fund" is no "X University". Weak: an extension, or one word alike."""
    pairs = [(*_similar(x, y), min(len(x.split()), len(y.split())))
             for x, kx in a.core for y, ky in b.core if not (kx and ky and kx != ky)]
    sim, ext, words = max(pairs, key=lambda t: (t[0], not t[1], t[2]), default=(0.0, False, 0))
    if sim >= 85 and (words >= 2 or _rare(a, b, df)):
        weak = ext or words < 2
        return _WEIGHTS["names"] * (sim - 60) / 40 * (0.5 if words < 2 else 1), f"similar names ({sim:.0f})", weak
    return 0.0, None, False


def _evidence(a: _Profile, b: _Profile, df: dict[str, int]) -> tuple[float, list[str]] | None:
    """(score, reasons) for one pair, None when it must not be proposed: linked by a relation (a
    cluster and its member), a clashing qualifier (Northern/Southern), or no evidence from the names.
    Two names one document wrote apart (the resolver's in-document links did not join them) are
    the writer's two bodies unless an acronym says otherwise; two names spelled out in words
    whose words differ are two bodies whatever their initials. An extension ("X" / "X Seafood") is
    a part or a kin as often as the same body, and one word alike ("National Agricultural Centre" /
    "Agricultural Institute") a description: either needs a shared member or partner too, or
    acronyms one letter apart (the letter of the added word: "XDC" / "XDFC")."""
    from ecograph.name_keys import clash
    if a.e.id in b.neighbours or clash(a.quals, b.quals):
        return None
    together = bool(set(a.e.mentions) & set(b.e.mentions))
    score, acr = _acronym_evidence(a, b, together)
    named, similar, weak = _name_evidence(a, b, df) if not together else (0.0, None, False)
    if acr and a.spelled and b.spelled and not similar:
        score, acr = 0.0, None  # two names spelled out, unrelated: the letters meet by chance
    shared = a.neighbours & b.neighbours
    if weak and not shared and not acr:
        if not together and any(_close(x, y) for x in a.acronyms for y in b.acronyms):
            score, acr = _WEIGHTS["acronym"] / 2, "close acronyms"  # the extra letter is the extra word
        else:
            similar = None
    why = [w for w in (acr, similar) if w]
    if not why:
        return None  # members, partners and places alone make siblings, not duplicates
    score += named if similar else 0.0
    if shared:
        score += _WEIGHTS["neighbours"] * min(1.0, len(shared) / 2)
        why.append(f"{len(shared)} shared member(s)/partner(s)")
    if a.e.country and a.e.country == b.e.country:
        score += _WEIGHTS["place"]
        why.append("same country")
    specific = {a.e.kind, b.e.kind} - {None, "other", "company"}
    if len(specific) == 2:
        score -= 0.2  # a university and a cluster
    elif a.e.kind == b.e.kind and specific:
        score += _WEIGHTS["kind"]
    return round(score, 3), why


def candidate_merges(store, *, limit: int = 50, min_score: float = 0.2) -> list[dict]:
    """Same-label pairs that may be one entity, best evidence first (see the module doc)."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in store.relations():
        if r.type in _LINKS:
            neighbours[r.source].add(r.target)
            neighbours[r.target].add(r.source)
    by_label: dict[str, list[_Profile]] = defaultdict(list)
    for e in store.entities():
        if e.label in ("Organisation", "Programme"):
            by_label[e.label].append(_Profile(e, neighbours.get(e.id, set())))
    df: dict[str, int] = defaultdict(int)  # how many entities' distinctive words hold each word
    for profiles in by_label.values():
        for p in profiles:
            for w in {w for c, _ in p.core for w in c.split()}:
                df[w] += 1
    rows = []
    for label, profiles in by_label.items():
        for a, b in _blocked_pairs(profiles):
            ev = _evidence(a, b, df)
            if ev is not None and ev[0] >= min_score:
                rows.append({"type": label, "source": a.e.name, "target": b.e.name, "confidence": ev[0],
                             "detail": ", ".join(ev[1]), "source_id": a.e.id, "target_id": b.e.id})
    rows.sort(key=lambda x: (-x["confidence"], x["source"], x["target"]))
    return rows[:limit]


def _blocked_pairs(profiles: list[_Profile]):
    """Pairs sharing a name word, an acronym/initials or a neighbour: the others have no evidence."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        close = {"^" + x[0] + x[-1] + str(len(x) // 2) for x in p.acronyms | p.initials}  # 'mdxc' ~ 'mdc'
        close |= {"^" + x[0] + x[-1] + str((len(x) - 1) // 2) for x in p.acronyms | p.initials}
        for t in p.tokens | {"#" + x for x in p.acronyms | p.initials} | {"@" + n for n in p.neighbours} | close:
            blocks[t].append(i)
    seen = set()
    for members in blocks.values():
        if len(members) > 200:  # a word every name has ("cluster") blocks nothing
            continue
        for i, j in combinations(members, 2):
            if (i, j) not in seen:
                seen.add((i, j))
                yield profiles[i], profiles[j]
