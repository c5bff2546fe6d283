"""The graph model of SCHEMA.md: labels, kinds, relation types and the records that carry them."""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

LABELS = ("Organisation", "Programme", "Place", "Sector", "Document", "Person")

ORG_KINDS = ("cluster", "company", "university", "research", "government",
             "association", "funder", "support", "network", "other")
PROGRAMME_KINDS = ("programme", "project", "policy", "fund", "label", "event", "other")
PLACE_KINDS = ("country", "region", "city")
# When documents (or the names of one entity) disagree on its kind, the kind resting on the
# stronger evidence wins: a text calling a body a cluster, a university, a ministry, an association
# or an event says what it is; "company" (often from a corporate or place word: "X Morocco") and
# "other" are fallbacks. Used by the store's merge rule (store.merge.combine) and by resolution.
KIND_PRECEDENCE = ("cluster", "university", "government", "association", "event", "funder", "research",
                   "network", "support", "policy", "fund", "label", "programme", "project", "company", "other")


def kind_rank(kind: str | None) -> int:
    """Lower is stronger; None and unknown kinds rank last."""
    return KIND_PRECEDENCE.index(kind) if kind in KIND_PRECEDENCE else len(KIND_PRECEDENCE)

# type -> (allowed source labels, allowed target labels)
RELATION_TYPES: dict[str, tuple[frozenset, frozenset]] = {
    "PARTNERS_WITH": (frozenset({"Organisation"}), frozenset({"Organisation"})),
    "MEMBER_OF": (frozenset({"Organisation"}), frozenset({"Organisation"})),
    "SUPPORTS": (frozenset({"Organisation"}), frozenset({"Organisation", "Programme"})),
    "FUNDS": (frozenset({"Organisation"}), frozenset({"Organisation", "Programme"})),
    "RUNS": (frozenset({"Organisation"}), frozenset({"Programme"})),
    "PARTICIPATES_IN": (frozenset({"Organisation"}), frozenset({"Programme"})),
    "PART_OF": (frozenset({"Programme", "Organisation"}), frozenset({"Programme", "Organisation"})),
    "LABELLED_BY": (frozenset({"Organisation"}), frozenset({"Organisation", "Programme"})),
    "LOCATED_IN": (frozenset({"Organisation"}), frozenset({"Place"})),
    "ACTIVE_IN": (frozenset({"Organisation"}), frozenset({"Sector"})),
    "MENTIONED_IN": (frozenset(LABELS), frozenset({"Document"})),
}
SYMMETRIC = frozenset({"PARTNERS_WITH"})
CORE_TYPES = ("PARTNERS_WITH", "MEMBER_OF", "SUPPORTS", "FUNDS", "RUNS",
              "PARTICIPATES_IN", "PART_OF", "LABELLED_BY")


def allowed(rtype: str, source_label: str, target_label: str) -> bool:
    src, tgt = RELATION_TYPES[rtype]
    if rtype == "PART_OF":  # a programme is part of a programme, an organisation of an organisation
        return source_label == target_label and source_label in src
    return source_label in src and target_label in tgt


@dataclass
class Evidence:
    document: str
    sentence: str
    start: int
    end: int
    method: str
    confidence: float

    def key(self) -> tuple:
        return (self.document, self.start, self.end, self.method)

    def to_dict(self) -> dict[str, Any]:
        # built by hand: dataclasses.asdict deep-copies and dominated export/to_networkx profiles
        return {"document": self.document, "sentence": self.sentence, "start": self.start,
                "end": self.end, "method": self.method, "confidence": self.confidence}


@dataclass
class Entity:
    id: str
    label: str
    name: str
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    founded: int | None = None
    mentions: dict[str, int] = field(default_factory=dict)  # document id -> count

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "label": self.label, "name": self.name}
        if self.kind is not None:
            d["kind"] = self.kind
        d["aliases"] = sorted(self.aliases)
        if self.country is not None:
            d["country"] = self.country
        if self.founded is not None:
            d["founded"] = self.founded
        d["mentions"] = [{"document": k, "count": v} for k, v in sorted(self.mentions.items())]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(id=d["id"], label=d["label"], name=d["name"], kind=d.get("kind"),
                   aliases=list(d.get("aliases", [])), country=d.get("country"),
                   founded=d.get("founded"),
                   mentions={m["document"]: int(m["count"]) for m in d.get("mentions", [])})


_EVIDENCE_ORDER = attrgetter("document", "start", "end", "method")
RELATION_ORDER = attrgetter("type", "source", "target")  # == key, without a property call per item


@dataclass
class Relation:
    type: str
    source: str
    target: str
    evidence: list[Evidence] = field(default_factory=list)

    def __post_init__(self):
        if self.type in SYMMETRIC and self.source > self.target:
            # one edge per unordered pair: the smaller id is the source
            self.source, self.target = self.target, self.source

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.source, self.target)

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        ev = self.evidence if len(self.evidence) < 2 else sorted(self.evidence, key=_EVIDENCE_ORDER)
        return {"type": self.type, "source": self.source, "target": self.target,
                "evidence": [e.to_dict() for e in ev]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Relation":
        return cls(type=d["type"], source=d["source"], target=d["target"],
                   evidence=[Evidence(**{k: e[k] for k in ("document", "sentence", "start", "end", "method", "confidence")})
                             for e in d.get("evidence", [])])


#: What a document may say about itself (SCHEMA.md), present only when known: never guessed.
DOCUMENT_META = ("url", "published", "site")


@dataclass
class Document:
    id: str
    source: str
    title: str
    language: str
    ingested_at: str = ""
    text: str | None = field(default=None, repr=False)  # not persisted in the graph
    url: str | None = None        # the page it came from (http/https)
    published: str | None = None  # ISO date: YYYY, YYYY-MM or YYYY-MM-DD
    site: str | None = None       # publisher or site name

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "source": self.source, "title": self.title,
             "language": self.language, "ingested_at": self.ingested_at}
        for k in DOCUMENT_META:
            if getattr(self, k):
                d[k] = getattr(self, k)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        return cls(id=d["id"], source=d["source"], title=d.get("title", ""),
                   language=d.get("language", ""), ingested_at=d.get("ingested_at", ""),
                   **{k: d[k] if isinstance(d.get(k), str) and d[k] else None for k in DOCUMENT_META})


@dataclass
class Extraction:
    """Everything one document contributes to the graph, ids already resolved."""
    document: Document
    entities: list[Entity]
    relations: list[Relation]


# relation type -> how the side panel reads it from the source, and from the target:
# the node shown is the subject ("has member ONCF", not "← member of ONCF")
RELATION_PHRASES = {
    "PARTNERS_WITH": ("partners with", "partners with"),
    "MEMBER_OF": ("member of", "has member"),
    "SUPPORTS": ("supports", "supported by"),
    "FUNDS": ("funds", "funded by"),
    "RUNS": ("runs", "run by"),
    "PARTICIPATES_IN": ("participates in", "has participant"),
    "PART_OF": ("part of", "has part"),
    "LABELLED_BY": ("labelled by", "labels"),
    "LOCATED_IN": ("located in", "location of"),
    "ACTIVE_IN": ("active in", "sector of"),
    "MENTIONED_IN": ("mentioned in", "mentions"),
}
