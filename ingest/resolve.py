"""Resolution: mentions → one node per real-world entity, across sentences and documents.

Keys are normalised names (`ecograph.ids.norm`: case, accents, punctuation). Mentions
join one entity when they share a key, when one is an acronym defined for the other
("Long Name (ACR)"), when the registry lists them as aliases, or when a loose form
matches ("Cluster MENARA" / "Menara Cluster": the cue word `cluster` moved; "MDFC
Morocco" → "MDFC" when "MDFC" is known: a trailing country tag). Curation decisions
(`ecograph merge/split/reject`) are applied last, so they survive every rebuild.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ecograph.ids import entity_id, norm
from ecograph.model import Document, Entity, Evidence, Extraction, Relation, allowed

from .kinds import classify
from .registry import KnownEntity, registry_index
from .types import Mention, RawExtraction

# Words that change position in a name without changing what it names.
_MOVABLE = {"cluster", "le", "la", "du", "de", "the"}
_COUNTRY_TAGS = {"morocco", "maroc", "tunisia", "tunisie", "lebanon", "liban", "egypt", "egypte",
                 "algeria", "algerie", "jordan", "jordanie", "france", "italy", "spain"}


def loose_key(name: str) -> str:
    """Order- and cue-word-insensitive key for Organisation names: 'cluster menara' == 'menara cluster'."""
    toks = [t for t in norm(name).split() if t not in _MOVABLE]
    return " ".join(sorted(toks))


def strip_country_tag(key: str) -> str | None:
    toks = key.split()
    if len(toks) >= 2 and toks[-1] in _COUNTRY_TAGS:
        return " ".join(toks[:-1])
    return None


@dataclass
class _Group:
    """Mentions of one entity within one document."""
    mentions: list[Mention] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    entity_id: str | None = None


class Resolver:
    """Keeps an index of known names (registry + store) and resolves each new document against it."""

    def __init__(self, entities: list[Entity] = (), curation=None):
        self.index: dict[tuple[str, str], str] = {}   # (label, norm name) -> id
        self.loose: dict[str, str] = {}                # loose org key -> id
        self.entities: dict[str, Entity] = {}
        self.curation = curation
        for e in entities:
            self._remember(e)

    @classmethod
    def for_store(cls, store, curation=None) -> "Resolver":
        return cls(store.entities(), curation=curation)

    def _remember(self, e: Entity) -> None:
        self.entities[e.id] = e
        for n in (e.name, *e.aliases):
            self.index.setdefault((e.label, norm(n)), e.id)
            if e.label == "Organisation":
                self.loose.setdefault(loose_key(n), e.id)

    def learn(self, extraction: Extraction) -> None:
        for e in extraction.entities:
            old = self.entities.get(e.id)
            if old is not None:
                e = Entity(id=e.id, label=e.label, name=old.name, aliases=sorted(set(old.aliases) | set(e.aliases) | {e.name}))
            self._remember(e)

    # --- lookups -------------------------------------------------------------
    def _known_id(self, label: str, names: set[str]) -> str | None:
        for n in sorted(names):
            hit = self.index.get((label, norm(n)))
            if hit:
                return hit
        if label == "Organisation":
            for n in sorted(names):
                hit = self.loose.get(loose_key(n))
                if hit:
                    return hit
                k = strip_country_tag(norm(n))
                if k:
                    hit = self.index.get((label, k)) or self.loose.get(loose_key(k))
                    if hit:
                        return hit
        return None

    # --- the work ------------------------------------------------------------
    def resolve(self, doc: Document, text: str, raw: RawExtraction) -> Extraction:
        reg = registry_index()
        groups = self._group(raw.mentions, reg)
        entities: dict[str, Entity] = {}
        mention_entity: dict[int, str] = {}
        for g in groups:
            eid, ent = self._entity_for(g, doc.id, reg)
            if eid in entities:
                entities[eid] = _merge_doc_entity(entities[eid], ent)
            else:
                entities[eid] = ent
            for m in g.mentions:
                mention_entity[id(m)] = eid
        relations: dict[tuple, Relation] = {}
        for c in raw.candidates:
            s = mention_entity.get(id(c.source)) or self._lookup_mention(c.source, mention_entity, raw.mentions)
            t = mention_entity.get(id(c.target)) or self._lookup_mention(c.target, mention_entity, raw.mentions)
            if not s or not t or s == t:
                continue
            if not allowed(c.type, entities[s].label, entities[t].label):
                continue
            start, end = _trim(text, c.start, c.end)
            ev = Evidence(document=doc.id, sentence=text[start:end], start=start, end=end,
                          method=c.method, confidence=round(float(c.confidence), 3))
            r = Relation(type=c.type, source=s, target=t, evidence=[ev])
            if r.key in relations:
                old = relations[r.key]
                if all(e.key() != ev.key() for e in old.evidence):
                    old.evidence.append(ev)
            else:
                relations[r.key] = r
        ext = Extraction(document=doc, entities=list(entities.values()), relations=list(relations.values()))
        if self.curation is not None:
            ext = self.curation.apply(ext)
        return ext

    def _lookup_mention(self, m: Mention, mention_entity: dict[int, str], mentions: list[Mention]) -> str | None:
        """A candidate may carry a Mention object that is equal but not identical to a listed one."""
        for other in mentions:
            if other.start == m.start and other.end == m.end and other.label == m.label:
                return mention_entity.get(id(other))
        return None

    def _group(self, mentions: list[Mention], reg: dict[str, KnownEntity]) -> list[_Group]:
        """Union-find over a document's mentions: same key, acronym link, registry entry, loose key."""
        parent = list(range(len(mentions)))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i, j):
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)

        first: dict[tuple[str, str], int] = {}
        split = self.curation.split_names if self.curation is not None else {}
        for i, m in enumerate(mentions):
            if norm(m.text) in split:  # a curator said this name stands alone
                keys = {"!" + norm(m.text)}
                kk = (m.label, "!" + norm(m.text))
                if kk in first:
                    union(first[kk], i)
                else:
                    first[kk] = i
                continue
            keys = {norm(m.canonical or m.text)} | {norm(a) for a in m.aliases}
            if m.label == "Organisation":
                keys |= {"~" + loose_key(m.canonical or m.text)}
            known = reg.get(norm(m.canonical or m.text))
            if known is not None and known.label == m.label:
                keys.add("@" + known.name)
            for k in keys:
                if not k or k == "~":
                    continue
                kk = (m.label, k)
                if kk in first:
                    union(first[kk], i)
                else:
                    first[kk] = i
        # "MDFC Morocco" joins "MDFC" when the shorter name is in the document
        for i, m in enumerate(mentions):
            if m.label == "Organisation":
                k = strip_country_tag(norm(m.canonical or m.text))
                for kk in ((m.label, k), (m.label, "~" + loose_key(k or ""))):
                    if k and kk in first:
                        union(first[kk], i)
                        break
        groups: dict[int, _Group] = defaultdict(_Group)
        for i, m in enumerate(mentions):
            g = groups[find(i)]
            g.mentions.append(m)
            g.names.add(m.canonical or m.text)
            g.names.update(m.aliases)
        return list(groups.values())

    def _entity_for(self, g: _Group, doc_id: str, reg: dict[str, KnownEntity]) -> tuple[str, Entity]:
        label = Counter(m.label for m in g.mentions).most_common(1)[0][0]
        known = next((reg[norm(n)] for n in sorted(g.names) if norm(n) in reg and reg[norm(n)].label == label), None)
        names = set(g.names)
        if known is not None:
            names |= {known.name, *known.aliases}
        split = self.curation.split_names if self.curation is not None else {}
        if len(g.names) == 1 and norm(next(iter(g.names))) in split:
            name = next(iter(g.names))
            eid = entity_id(label, name)
            known = None
        else:
            eid = self._known_id(label, names)
        if eid is not None and eid in self.entities:
            name = self.entities[eid].name
        elif eid is not None:
            pass  # a split name keeps its own id
        elif known is not None:
            name = known.name
            eid = entity_id(label, name)
        else:
            name = _preferred_name(g.mentions)
            eid = entity_id(label, name)
        kind = None
        if label in ("Organisation", "Programme", "Place"):
            kind = (known.kind if known else None) or _first(m.kind for m in g.mentions) or classify(name)[1]
            if kind is None and label != "Place":
                kind = "other"
        aliases = sorted({n for n in g.names if norm(n) != norm(name)} |
                         ({a for a in known.aliases} if known else set()))
        ent = Entity(id=eid, label=label, name=name, kind=kind if label != "Sector" else None,
                     aliases=aliases,
                     country=_first(m.country for m in g.mentions) or (known.country if known else None),
                     founded=_first(m.founded for m in g.mentions),
                     mentions={doc_id: len(g.mentions)})
        return eid, ent


def _first(values):
    return next((v for v in values if v), None)


def _preferred_name(mentions: list[Mention]) -> str:
    """The most frequent surface form; on a tie the longer (more informative) one."""
    c = Counter(m.canonical or m.text for m in mentions)
    return max(c, key=lambda n: (c[n], len(n), n))


def _merge_doc_entity(a: Entity, b: Entity) -> Entity:
    aliases = set(a.aliases) | set(b.aliases) | ({b.name} if b.name != a.name else set())
    aliases.discard(a.name)
    return Entity(id=a.id, label=a.label, name=a.name, kind=a.kind if a.kind not in (None, "other") else b.kind,
                  aliases=sorted(aliases), country=a.country or b.country, founded=a.founded or b.founded,
                  mentions={k: a.mentions.get(k, 0) + b.mentions.get(k, 0) for k in set(a.mentions) | set(b.mentions)})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
