"""One entity in full: what it is, which documents mention it, and every relation in
and out with every piece of evidence (what `ecograph show` prints)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ecograph.dates import stated_years
from ecograph.errors import NotFound
from ecograph.model import SYMMETRIC
from ecograph.store.protocol import QueryableStore

from .options import TRAVERSABLE
from .view import around


@dataclass
class DocumentMention:
    source: str
    title: str
    count: int
    document_id: str
    published: str = ""
    url: str = ""
    site: str = ""


@dataclass
class ProfileRelation:
    """One sentence behind one relation touching the entity; `method` lists every extractor
    that read the relation in that sentence ("a, b"), `confidence` is the highest."""
    direction: str  # "out" (the entity is the source), "in", or "both" (symmetric)
    type: str
    other: str
    other_label: str | None
    sentence: str
    source: str
    method: str
    confidence: float
    other_id: str
    document_id: str
    title: str = ""       # the document's, where it states them
    published: str = ""
    url: str = ""
    years: str = ""       # years the sentence states ("2016; 2019"), ecograph.dates.stated_years


@dataclass
class Profile:
    id: str
    label: str
    name: str
    kind: str | None
    aliases: list[str]
    country: str | None
    founded: int | None
    places: list[str]
    sectors: list[str]
    documents: list[DocumentMention] = field(default_factory=list)
    relations: list[ProfileRelation] = field(default_factory=list)


def _add_sentence(rels: dict[tuple, ProfileRelation], r: ProfileRelation) -> None:
    """One row per sentence: a second method reading the same relation there joins the first."""
    key = (r.direction, r.type, r.other_id, r.document_id, r.sentence)
    seen = rels.get(key)
    if seen is None:
        rels[key] = r
        return
    methods = seen.method.split(", ")
    if r.method not in methods:
        seen.method = ", ".join(sorted([*methods, r.method]))
    seen.confidence = max(seen.confidence, r.confidence)


def profile(store: QueryableStore, name: str) -> Profile:
    """The profile of the entity `name` designates (forgiving match; id accepted)."""
    view, (n,) = around(store, [name], label=None, depth=1, types=TRAVERSABLE)
    if n not in view.G:  # removed between the lookup and the read
        raise NotFound(name, [])
    attrs = view.G.nodes[n]
    docs = [DocumentMention(source=view.sources.get(d, d), title=view.documents.get(d, {}).get("title", ""),
                            count=c, document_id=d,
                            **{k: view.documents.get(d, {}).get(k) or "" for k in ("published", "url", "site")})
            for d, c in (attrs.get("mentions") or {}).items()]
    docs.sort(key=lambda d: (-d.count, d.source))
    rels: dict[tuple, ProfileRelation] = {}
    edges = [("out", u, v, k, v) for u, v, k in view.G.out_edges(n, keys=True)]
    edges += [("in", u, v, k, u) for u, v, k in view.G.in_edges(n, keys=True) if u != v]
    for direction, u, v, k, other in edges:
        if k in SYMMETRIC:
            direction = "both"  # stored one way by id order; the direction means nothing
        for ev in view.evidence(u, v, k):
            _add_sentence(rels, ProfileRelation(
                direction=direction, type=k, other=view.name(other), other_label=view.label(other),
                sentence=ev.get("sentence", ""), source=ev["source"], method=ev.get("method", ""),
                confidence=float(ev.get("confidence") or 0.0), other_id=other, document_id=ev.get("document", ""),
                title=ev["title"], published=ev["published"], url=ev["url"],
                years="; ".join(map(str, stated_years(ev.get("sentence", ""))))))
    rels = list(rels.values())
    rels.sort(key=lambda r: (("out", "both", "in").index(r.direction), r.type, r.other.casefold(), r.other_id,
                             -r.confidence, r.source))
    return Profile(id=n, label=attrs["label"], name=attrs["name"], kind=attrs.get("kind"),
                   aliases=sorted(attrs.get("aliases") or []), country=view.country(n) or attrs.get("country"),
                   founded=attrs.get("founded"),
                   places=[view.name(p) for p in view.targets(n, "LOCATED_IN")],
                   sectors=view.sectors(n),
                   documents=docs, relations=rels)
