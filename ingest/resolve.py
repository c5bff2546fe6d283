"""Resolution: mentions → one node per real-world entity, across sentences and documents.

Keys are normalised names (`ecograph.ids.norm`: case, accents, punctuation). Mentions
join one entity when they share a key, when one is an acronym defined for the other
("Long Name (ACR)", or both forms in one document), when the registry lists them as
aliases, when a loose form matches ("Cluster Atlas" / "Atlas Cluster": the cue word moved;
"Atlas Morocco" → "Atlas": a place tag, kept as an alias), or when the document links them
(`doc_links`: a quoted expansion, "the <place> cluster", "A, formerly B", an inner acronym
"X CBC Y" for "X Cross Border Cooperation Y", "A (B)" where B is A's other name, an acronym glued by a
hyphen or written after the name, a contraction, a name without its spaces, a short form cut before "and", "ACR"
with "ACR Project", a programme named without its family's acronyms, a rename or "hereinafter" cue in
`name_cues`; a name apposed between commas, a brand and its long name in one quoted title). A bare head ("the Technopark") of another document is a known place-tagged body only where that
document names its place. No join ever crosses a distinguishing qualifier
(`name_keys.clash`: another country or city, Northern/Southern). The name is the most used form,
in the document's language where the forms differ, never a former name.
Kinds come from the strongest evidence (`model.KIND_PRECEDENCE`). Curation decisions
(`ecograph merge/split/set/reject`) are applied last, so they survive every rebuild.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from ecograph.ids import entity_id, norm
from ecograph.model import Document, Entity, Evidence, Extraction, Relation, allowed
from ecograph.store.merge import fuller_name

from .doc_links import (_acronym_pairs, _bare_head_pairs,
                        _beside_acronym_pairs, _bracketed_name_pairs, _contraction_pairs, _inner_acronym_pairs,
                        _list_item_pairs, _listed_kinds, _place_head_pairs, _quoted_expansions,
                        _short_acronym_pairs, _typo_pairs)
from .name_cues import (_also_known_pairs, _apposed_acronym_pairs, _apposed_name_pairs, _prefixed_acronym_pairs,
                        _quoted_other_name_pairs, _quoted_title_pairs, _renames)
from .group_kind import _group_kind, _group_label
from .short_forms import (_abbreviated_tail_pairs, _acronym_programme_pairs, _family_tail_pairs, _glued_owner_pairs,
                          _head_tail_pairs,
                          _lowered_tail_pairs, _place_dropped_pairs, _short_form_pairs)
from ecograph.languages import name_language
from ecograph.name_keys import (_PROGRAMME_WORDS, _SWAP, _head_only, _significant,  # noqa: F401
                        clash, inner_acronym_key, inner_expansions, loose_key, name_key, programme_head, programme_key,
                        qualifiers, strip_country_tag)
from .national_bodies import (document_country, long_form_here, named_for, national_name, registry_keys,
                              registry_loose)
from .mention_keys import _long_programme_key, _mention_keys, _prepare
from .registry import KnownEntity, registry_index
from .types import Mention, RawExtraction


@dataclass
class _Group:
    """Mentions of one entity within one document."""
    mentions: list[Mention] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    kinds: list[str] = field(default_factory=list)  # what the text calls it ("the clusters are …")
    former: set[str] = field(default_factory=set)  # names the text says it had ("X, formerly Y")


class Resolver:
    """Keeps an index of known names (registry + store) and resolves each new document against it."""

    def __init__(self, entities: list[Entity] = (), curation=None):
        self.index: dict[tuple[str, str], str] = {}   # (label, `name_key`) -> id
        self.loose: dict[str, str] = {}                # loose org key -> id
        self.bare: dict[str, str] = {}                 # a bare head name ("technopark") -> id
        self.bare_stripped: dict[str, str] = {}        # head left of a place-tagged name -> id
        self.heads: dict[str, str] = {}                # programme head key -> id
        self.inner_short: dict[str, str] = {}          # 'orvalis cbc sea' -> id (`inner_acronym_key`)
        self.inner_long: dict[str, str] = {}           # the same key, from a name spelling the acronym out
        self.entities: dict[str, Entity] = {}
        self.curation = curation
        self._split: dict[str, str] = {}
        self._language: str | None = None  # the language of the document being resolved
        self._country: tuple | None = None  # its country (`national_bodies.document_country`)
        self._places: frozenset[str] = frozenset()  # the places it names (`qualifiers` marks)
        for e in entities:
            self._remember(e)

    @classmethod
    def for_store(cls, store, curation=None) -> "Resolver":
        return cls(store.entities(), curation=curation)

    def _remember(self, e: Entity) -> None:
        self.entities[e.id] = e
        for n in (e.name, *e.aliases):
            if not norm(n):  # a name of punctuation only would join unrelated entities
                continue
            # a bare head among a named body's aliases ("Technopark" of "Technopark Kelvoville") is what one page
            # called it: another page's bare head meets it only where it names the place (`_placed_here`)
            bare_alias = e.label in _SWAP and n != e.name and _head_only(loose_key(n)) and \
                not _head_only(loose_key(e.name))
            if not bare_alias:
                self.index.setdefault((e.label, name_key(n)), e.id)
            if e.label == "Programme" and programme_key(n):
                self.heads.setdefault(programme_key(n), e.id)
            if e.label in _SWAP:
                if inner_acronym_key(n):
                    self.inner_short.setdefault(inner_acronym_key(n), e.id)
                for k in inner_expansions(n):
                    self.inner_long.setdefault(k, e.id)
                k = loose_key(n)
                if k and _significant(k):
                    where = self.bare_stripped if bare_alias else self.bare if _head_only(k) else self.loose
                    where.setdefault(k, e.id)
                k = loose_key(strip_country_tag(norm(n)) or "")
                if k and _significant(k):
                    (self.bare_stripped if _head_only(k) else self.loose).setdefault(k, e.id)

    def learn(self, extraction: Extraction) -> None:
        for e in extraction.entities:
            old = self.entities.get(e.id)
            if old is not None:
                name = e.name if fuller_name(old.name, e.name) else old.name
                e = Entity(id=e.id, label=e.label, name=name, country=old.country or e.country,
                           aliases=sorted((set(old.aliases) | set(e.aliases) | {e.name, old.name}) - {name}))
            self._remember(e)

    # --- lookups -------------------------------------------------------------
    def _known_id(self, label: str, names: set[str], national: bool = False) -> str | None:
        """The stored entity these names denote, never one whose qualifiers clash with theirs, nor, for a
        national body named without its country, another country's (`_national`)."""
        quals = frozenset().union(*(qualifiers(n) for n in names)) if names else frozenset()
        for hit in self._hits(label, names):
            e = self.entities.get(hit)
            if e is not None and national and not self._here(e.country):
                continue
            if e is None or not clash(quals, frozenset().union(*(qualifiers(n) for n in (e.name, *e.aliases)))):
                return hit
        return None

    def _hits(self, label: str, names: set[str]):
        """Candidate ids, best evidence first: an exact name, a loose key, a programme head."""
        labels = (label, _SWAP[label]) if label in _SWAP else (label,)
        names = {n for n in names if norm(n)}
        for n in sorted(names) if label in _SWAP else ():
            hit = self.bare_stripped.get(loose_key(n)) if _head_only(loose_key(n)) else None
            if hit and self._placed_here(hit, strict=True):
                yield hit  # a bare head on a page naming a known placed body's place: that body first
        for lab in labels:
            for n in sorted(names):
                hit = self.index.get((lab, name_key(n)))
                if hit:
                    yield hit
        if label in _SWAP:
            for n in sorted(names):
                k = loose_key(n)
                if k and _significant(k):
                    hit = (self.bare_stripped if _head_only(k) else self.loose).get(k)
                    if hit and (not _head_only(k) or self._placed_here(hit)):
                        yield hit
                k = loose_key(strip_country_tag(norm(n)) or "")
                if k and _significant(k):
                    hit = (self.bare if _head_only(k) else self.loose).get(k)
                    if hit:
                        yield hit
        if label in _SWAP:
            for n in sorted(names):
                hit = self.inner_long.get(inner_acronym_key(n) or "") or \
                    next((self.inner_short[k] for k in sorted(inner_expansions(n)) if k in self.inner_short), None)
                if hit:
                    yield hit
        for n in sorted(names):
            k = programme_key(n)
            if k and k in self.heads and (label == "Programme" or _long_programme_key(k)):
                yield self.heads[k]  # "X Y Z" is the "X Y Z Programme" whatever its label

    def _placed_here(self, eid: str, strict: bool = False) -> bool:
        """Does the document name the place of this known body ("Technopark Kelvoville")? A bare head ("the
        Technopark") of another document means that body only then: elsewhere it is the page's own one.
        A body with no place passes unless `strict`."""
        e = self.entities.get(eid)
        marks = frozenset().union(*(qualifiers(n) for n in (e.name, *e.aliases))) if e is not None else frozenset()
        marks = {q for q in marks if q.startswith("p:")} or {q for q in marks if q.startswith("c:")}
        return bool(marks & self._places) if marks else not strict

    def _free_name(self, g: _Group, label: str, name: str, eid: str,
                   taken: dict[str, Entity]) -> tuple[str, str]:
        """A new body whose name's id belongs to another one (kept apart by `clash`: "Orvalis"
        in Tunisia when "Orvalis" is the one in Morocco) goes by its qualified name instead."""
        other = self.entities.get(eid) or taken.get(eid)
        if other is None:
            return name, eid
        mine = frozenset().union(*(qualifiers(n) for n in g.names))
        if not clash(mine, frozenset().union(*(qualifiers(n) for n in (other.name, *other.aliases)))):
            return name, eid
        for n in sorted(g.names, key=lambda n: (-len(qualifiers(n)), -len(n), n)):
            e2 = entity_id(label, n)
            if e2 not in self.entities and e2 not in taken:
                return n, e2
        return name, eid

    def _national(self, g: _Group, label: str) -> bool:
        """A national body named without its country ("Ministry of Industry", « ministère de l'Industrie ») in a
        document placed in one country: it is that country's body, not a namesake known elsewhere."""
        return label == "Organisation" and self._country is not None and all(national_name(n) for n in g.names)

    def _national_known(self, g: _Group, label: str, known: KnownEntity | None,
                        reg: dict[str, KnownEntity]) -> tuple[KnownEntity | None, set[str]]:
        """(registry entry, names to look up) for a national body: never another country's entry; this
        country's under a loose key (« ministère de l'Industrie » is its "Ministry of Industry")."""
        if known is not None and not self._here(known.country):
            known = None
        if known is None:
            known = next((k for n in sorted(g.names) for k in registry_loose(reg).get(loose_key(n), ())
                          if k.label == label and k.country and self._here(k.country)), None)
        return known, set(g.names) | ({known.name, *known.aliases} if known is not None else set())

    def _here(self, country: str | None) -> bool:
        """Is a body of this country (None: unknown) possibly the document's? It is when the document names it."""
        return not country or not qualifiers(country) or bool(self._country[2] & qualifiers(country))

    # --- the work ------------------------------------------------------------
    def resolve(self, doc: Document, text: str, raw: RawExtraction) -> Extraction:
        reg = registry_index()
        self._split = self.curation.split_names if self.curation is not None else {}
        self._language = doc.language
        self._country = document_country(raw.mentions)
        self._places = frozenset().union(*(qualifiers(m.canonical or m.text) for m in raw.mentions))
        groups = self._group(raw.mentions, reg, text)
        entities: dict[str, Entity] = {}
        mention_entity: dict[int, str] = {}
        for g in groups:
            eid, ent = self._entity_for(g, doc.id, reg, entities)
            if eid in entities:
                entities[eid] = _merge_doc_entity(entities[eid], ent)
            else:
                entities[eid] = ent
            for m in g.mentions:
                mention_entity[id(m)] = eid
        relations: dict[tuple, Relation] = {}
        seen_ev: set[tuple] = set()  # (relation key, evidence key): linear in repeated statements
        by_span = {(m.start, m.end, m.label): mention_entity[id(m)] for m in raw.mentions if id(m) in mention_entity}
        for c in raw.candidates:
            s = mention_entity.get(id(c.source)) or by_span.get((c.source.start, c.source.end, c.source.label))
            t = mention_entity.get(id(c.target)) or by_span.get((c.target.start, c.target.end, c.target.label))
            if not s or not t or s == t:
                continue
            if c.type == "FUNDS" and entities[s].label == entities[t].label == "Programme" and \
                    entities[s].kind != "fund":  # "P, funded by the Q programme": a component of Q (a fund funds)
                c = replace(c, type="PART_OF", source=c.target, target=c.source)
                s, t = t, s
            if not allowed(c.type, entities[s].label, entities[t].label):
                continue
            start, end = _trim(text, c.start, c.end)
            ev = Evidence(document=doc.id, sentence=text[start:end], start=start, end=end,
                          method=c.method, confidence=round(float(c.confidence), 3))
            r = Relation(type=c.type, source=s, target=t, evidence=[ev])
            if (r.key, ev.key()) in seen_ev:
                continue
            seen_ev.add((r.key, ev.key()))
            if r.key in relations:
                relations[r.key].evidence.append(ev)
            else:
                relations[r.key] = r
        ext = Extraction(document=doc, entities=list(entities.values()), relations=list(relations.values()))
        if self.curation is not None:
            ext = self.curation.apply(ext, known=self.entities)
        return ext

    def _group(self, mentions: list[Mention], reg: dict[str, KnownEntity], text: str = "") -> list[_Group]:
        """Union-find over a document's mentions: same key, acronym link, registry entry, loose key,
        a quoted expansion; never across clashing qualifiers (`clash`)."""
        parent = list(range(len(mentions)))
        twins = _prepare(mentions, reg, text)
        quals = [frozenset().union(qualifiers(m.canonical or m.text), *(qualifiers(a) for a in m.aliases))
                 for m in mentions]

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i, j):
            a, b = find(i), find(j)
            if a != b and not clash(quals[a], quals[b]):
                parent[max(a, b)] = min(a, b)
                quals[min(a, b)] = quals[a] | quals[b]

        for i, j in self._linked_pairs(mentions, text):
            union(i, j)
        renamed = _renames(mentions, text)
        for i, j in renamed:
            union(i, j)
        self._union_same_keys(mentions, reg, union, twins)
        for i, j in _bare_head_pairs(mentions) + _typo_pairs(mentions):
            union(i, j)
        return self._collect_groups(mentions, text, find, {j for _, j in renamed})

    def _union_same_keys(self, mentions: list[Mention], reg: dict[str, KnownEntity], union, twins: set[int]) -> None:
        """Join the mentions that share a key (of one label group), the first holder of a key
        standing for it; a name a curator split off keys only itself. `twins` (from `_prepare`): the
        mentions that keep their place tag in their keys."""
        first: dict[tuple[str, str], int] = {}
        split = self._split
        for i, m in enumerate(mentions):
            if norm(m.text) in split:  # a curator said this name stands alone
                keys = {"!" + norm(m.text)}
                kk = (m.label, "!" + norm(m.text))
                if kk in first:
                    union(first[kk], i)
                else:
                    first[kk] = i
                continue
            keys = _mention_keys(m, reg, i in twins)
            group_label = "OP" if m.label in _SWAP else m.label
            for k in keys:
                if not k or k == "~":
                    continue
                kk = (group_label, k)
                if kk in first:
                    union(first[kk], i)
                else:
                    first[kk] = i

    @staticmethod
    def _linked_pairs(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
        """The pairs of mentions the text or the names link as one actor (expansions, acronyms,
        short forms, list items, ...), before keys are compared."""
        return _quoted_expansions(mentions, text) + _acronym_pairs(mentions) + _place_head_pairs(mentions) + \
            _inner_acronym_pairs(mentions) + _beside_acronym_pairs(mentions, text) + \
            _also_known_pairs(mentions, text) + _bracketed_name_pairs(mentions, text) + \
            _contraction_pairs(mentions) + _acronym_programme_pairs(mentions) + _short_form_pairs(mentions) + \
            _short_acronym_pairs(mentions) + _list_item_pairs(mentions, text) + _family_tail_pairs(mentions) + \
            _head_tail_pairs(mentions) + _place_dropped_pairs(mentions, text) + _glued_owner_pairs(mentions, text) + \
            _apposed_acronym_pairs(mentions, text) + _prefixed_acronym_pairs(mentions, text) + \
            _lowered_tail_pairs(mentions, text) + _quoted_other_name_pairs(mentions, text) + \
            _apposed_name_pairs(mentions, text) + _quoted_title_pairs(mentions, text) + \
            _abbreviated_tail_pairs(mentions)

    @staticmethod
    def _collect_groups(mentions: list[Mention], text: str, find, former: set[int]) -> list[_Group]:
        """The groups of the union-find's roots, each with its mentions, names, listed kinds and
        former names, in the order of their first mention."""
        groups: dict[int, _Group] = defaultdict(_Group)
        listed = _listed_kinds(mentions, text)
        for i, m in enumerate(mentions):
            g = groups[find(i)]
            if i in listed:
                g.kinds.append(listed[i])
            g.mentions.append(m)
            if i in former:
                g.former.add(m.canonical or m.text)
            g.names.add(m.canonical or m.text)
            g.names.update(m.aliases)
        return list(groups.values())

    def _entity_for(self, g: _Group, doc_id: str, reg: dict[str, KnownEntity],
                    taken: dict[str, Entity] = {}) -> tuple[str, Entity]:
        label = _group_label(g)
        spelt = registry_keys(reg)  # (the registry's names as `name_key` spells them: "Neighbo(u)rhood")
        known = next((k for n in sorted(g.names) for k in (reg.get(norm(n)), spelt.get(name_key(n)))
                      if k is not None and k.label in (label, _SWAP.get(label))), None)
        if known is not None:
            label = known.label  # the registry knows what it is
        names = set(g.names)
        if known is not None:
            names |= {known.name, *known.aliases}
        split = self._split
        national = False
        if len(g.names) == 1 and norm(next(iter(g.names))) in split:
            name = next(iter(g.names))
            eid = entity_id(label, name)
            known = None
        else:
            national = self._national(g, label)
            if national:
                known, names = self._national_known(g, label, known, reg)
            eid = self._known_id(label, names, national)
            if national and eid is None and known is None:
                eid = long_form_here(self.entities.values(), label, g.names, self._country[0])
        if eid is not None and eid in self.entities:
            name = self.entities[eid].name
            label = self.entities[eid].label  # a known entity keeps its label
            here = _preferred_name(g.mentions, self._language, g.former)
            if fuller_name(name, here):
                name = here  # this document writes the name in full (the store's merge rule keeps it)
        elif eid is not None:
            pass  # a split name keeps its own id
        elif known is not None:
            name = known.name
            eid = entity_id(label, name)
        else:
            name = _preferred_name(g.mentions, self._language, g.former)
            eid = entity_id(label, name)
            name, eid = self._free_name(g, label, name, eid, taken)
            if national and (eid in self.entities and not self._here(self.entities[eid].country) or
                             norm(name) in reg and not self._here(reg[norm(name)].country)):
                name = named_for(name, self._country[1])  # "the Ministry of Industry" of a Lebanese page
                eid = entity_id(label, name)
        kind = None
        if label in ("Organisation", "Programme", "Place"):
            kind = _group_kind(g, label, name, known)
        aliases = sorted({n for n in g.names if norm(n) != norm(name)} |
                         ({a for a in known.aliases} if known else set()))
        country = _first(m.country for m in g.mentions) or (known.country if known else None)
        if national and not (country and self._here(country)):
            country = self._country[1]  # (extraction may have taken the registry namesake's)
        ent = Entity(id=eid, label=label, name=name, kind=kind if label != "Sector" else None,
                     aliases=aliases, country=country,
                     founded=_first(m.founded for m in g.mentions),
                     mentions={doc_id: len(g.mentions)})
        return eid, ent


def _first(values):
    return next((v for v in values if v), None)


def _preferred_name(mentions: list[Mention], language: str | None = None, former=frozenset()) -> str:
    """The most frequent surface form; on a tie the longer (more informative) one. Where the forms
    differ in language, one in the document's language wins whatever the counts ("Union pour X" in
    a French document, "Union for X" in an English one); an acronym or a brand is in no language.
    A former name ("X, formerly Y") is never the name while the current one is written."""
    c = Counter(m.canonical or m.text for m in mentions)
    said = {n: name_language(n) for n in c}
    other = language in said.values()  # a form in the document's language is there: others give way

    def rank(n):
        return n not in former, not (other and said[n] not in (None, language)), c[n], len(n), n
    return max(c, key=rank)


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
