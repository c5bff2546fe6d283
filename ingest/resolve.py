"""Resolution: mentions → one node per real-world entity, across sentences and documents.

Keys are normalised names (`ecograph.ids.norm`: case, accents, punctuation). Mentions
join one entity when they share a key, when one is an acronym defined for the other
("Long Name (ACR)"), when the registry lists them as aliases, or when a loose form
matches ("Cluster MENARA" / "Menara Cluster": the cue word `cluster` moved; "MDFC
Morocco" → "MDFC" when "MDFC" is known: a trailing country tag). Curation decisions
(`ecograph merge/split/reject`) are applied last, so they survive every rebuild.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ecograph.ids import entity_id, fold, norm
from ecograph.store.base import fuller_name
from ecograph.model import (ORG_KINDS, PLACE_KINDS, PROGRAMME_KINDS, Document, Entity, Evidence, Extraction,
                            Relation, allowed, kind_rank)

from .kinds import GENERIC, LIST_KIND_NOUNS, LIST_VERBS, STARTERS, classify
from .registry import DATA, KnownEntity, registry_index
from .types import Mention, RawExtraction

# Words that move or come and go in a name without changing what it names:
# "Cluster MENARA" / "Menara Cluster", "Technopole of Oujda" / "Oujda Technopole",
# "Pôle Agadir Haliopôle" / "Agadir Haliopôle". Corporate forms ("Group", "SA") are NOT movable:
# "X Group" and "X Tunisia" are usually a parent and its subsidiary, two legal entities.
_MOVABLE = {"cluster", "pole", "the", "le", "la", "les", "l", "du", "de", "des", "d", "of", "in", "for", "s"}
# Regnal and ordinal numbers written several ways ("Hassan 1st", "Hassan I", "Hassan 1er").
_ORDINALS = {"1st": "i", "1er": "i", "first": "i", "2nd": "ii", "2": "ii", "1": "i"}


@lru_cache(maxsize=1)
def _place_words() -> tuple[dict[str, str], frozenset[str]]:
    """(demonym or alias → canonical place key, set of place keys) from ingest/data/places.tsv."""
    path = DATA / "places.tsv"
    to_place: dict[str, str] = {}
    keys: set[str] = set()
    if path.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        for r in csv.DictReader(lines, delimiter="\t"):
            k = norm(r["name"])
            keys.add(k)
            for a in (r.get("aliases") or "").split("|") + (r.get("demonyms") or "").split("|"):
                if a.strip():
                    to_place[norm(a)] = k
                    keys.add(norm(a))
    return to_place, frozenset(keys)


@lru_cache(maxsize=1 << 16)  # ~100 calls per document on the same few names (a third of resolve time)
def loose_key(name: str) -> str:
    """Order-, cue-word- and spelling-insensitive key for Organisation/Programme names.

    Demonyms become their country ("Moroccan" → "morocco"), possessives and
    movable words go, ordinals are unified, tokens are sorted."""
    to_place, _ = _place_words()
    toks = []
    for t in norm(name).split():
        t = _ORDINALS.get(t, t)
        t = to_place.get(t, t)
        if t not in _MOVABLE:
            toks.append(t)
    return " ".join(sorted(toks))


def strip_country_tag(key: str) -> str | None:
    """'qoot lebanon' → 'qoot', 'textile technique du sahel tunis' → '…sahel': a trailing place
    name tags where an organisation is, not what it is. None when nothing would be left."""
    to_place, places = _place_words()
    toks = key.split()
    if len(toks) >= 2 and (toks[-1] in places or toks[-1] in to_place):
        rest = toks[:-1]
        while rest and rest[-1] in ("of", "in", "de", "du", "d"):
            rest = rest[:-1]
        # What is left may be a bare head ("technopark casablanca" → "technopark"). Callers keep such a
        # key apart: it may meet a name written bare, never another stripped name ("universite de
        # toulon" and "universite de sfax" both strip to "universite").
        if rest and any(t not in places and t not in _MOVABLE for t in rest):
            return " ".join(rest)
    return None


# Quotes and stray punctuation around a name are typography, not the name ("“Atlas” Cluster,").
_QUOTE_CHARS = "\"'“”«»„‟‘’`"
_EDGE_JUNK = _QUOTE_CHARS + ",;:·•*|/\\-–— \t"
_LEADING_QUOTED = re.compile(r"^[\"“«‘']\s*([^\"”»’']{2,40}?)\s*[\"”»’']\s+(\S.{3,})$")


def clean_name(name: str, untag: bool = True) -> tuple[str, list[str]]:
    """(name as the documents mean it, other names it carries).

    '“Atlas” Agile Trade Link Alliance' → ('Agile Trade Link Alliance', ['Atlas']): a quoted short name
    before its long expansion; '« Cluster Bleu »' → 'Cluster Bleu'; 'Orion Morocco' → ('Orion',
    ['Orion Morocco']): a bare trailing country or city tags where a body is, not what it is (the
    place stays in the aliases and the country attribute). A tag after "of"/"de" is part of the name
    ("Embassy of Spain"), and so is one whose removal leaves a head or a common word ("Startup Maroc")."""
    extra: list[str] = []
    m = _LEADING_QUOTED.match(name.strip())
    if m and " " in m.group(2).strip():
        extra.append(m.group(1).strip())
        name = m.group(2)
    cleaned = name.strip(_EDGE_JUNK)
    if not cleaned:
        return name.strip(), extra
    if any(q in cleaned for q in _QUOTE_CHARS[:-1] if q not in "'’"):
        cleaned = re.sub(r"\s+", " ", re.sub(r"[\"“”«»„‟]", " ", cleaned)).strip()
    stripped = _untagged(cleaned) if untag else None  # programmes: "Plan Vert Maroc" is a name
    if stripped:
        extra.append(cleaned)
        cleaned = stripped
    return cleaned, extra


def _untagged(name: str) -> str | None:
    """'Orion Morocco' → 'Orion' (see clean_name); None when the tag belongs to the name."""
    words = name.split()
    if len(words) < 2:
        return None
    to_place, places = _place_words()
    last = norm(words[-1])
    if last not in places or last in to_place and to_place[last] != last and last not in places:
        return None
    if norm(words[-2]) in ("of", "in", "de", "du", "d", "des", "en", "for", "pour", "and", "et") or \
            words[-2].endswith(("'", "’", "-")):
        return None
    rest = " ".join(words[:-1]).rstrip(" ,-–")
    key = norm(rest)
    if not key or _head_only(loose_key(rest)) or not _significant(key):
        return None
    if len(key.split()) == 1 and (key in _COMMON_WORDS or classify(rest)[1] is not None or len(key) < 3):
        return None  # "Startup Maroc", "Invest Tunisia": the tag is part of a short brand
    return rest


# Qualifiers that tell two bodies of the same sort apart: places and compass words
# ("Northern …" ≠ "Southern …", "… of Spain" ≠ "… of Italy").
_COMPASS = {"north": "n", "northern": "n", "nord": "n", "south": "s", "southern": "s", "sud": "s",
            "east": "e", "eastern": "e", "est": "e", "orient": "e", "oriental": "e", "west": "w", "western": "w",
            "ouest": "w", "occidental": "w", "central": "c", "centre": "c", "center": "c"}


@lru_cache(maxsize=1)
def _place_facts() -> dict[str, tuple[str, str]]:
    """place key → (kind, country key) from ingest/data/places.tsv."""
    path = DATA / "places.tsv"
    out: dict[str, tuple[str, str]] = {}
    if path.exists():
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        for r in csv.DictReader(lines, delimiter="\t"):
            out.setdefault(norm(r["name"]), (r.get("kind") or "", norm(r.get("country") or r["name"])))
    return out


def qualifiers(name: str) -> frozenset[str]:
    """What places a name: 'c:<country>' and 'p:<city or region>' marks (demonyms folded to their
    country), and compass marks '@n', '@s' … ("Northern …")."""
    to_place, places = _place_words()
    facts = _place_facts()
    out = set()
    toks = norm(name).split()
    for i, t in enumerate(toks):
        if t in _COMPASS and (t not in ("centre", "center", "est") or i == 0):
            out.add("@" + _COMPASS[t])  # "Centre X" is a head, not a qualifier, except in first place
            continue
        key = to_place.get(t, t if t in places and len(t) > 2 else None)
        if key is None:
            continue
        kind, country = facts.get(key, ("", key))
        out.add("c:" + country)
        if kind and kind != "country":
            out.add("p:" + key)
    return frozenset(out)


def clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two qualifier sets that cannot name one body: each side has a country the other lacks
    ("… of France in Morocco" / "… of France in Tunisia"), or a city or region, or a compass mark.
    A side with fewer marks is a shorter name of the same body ("Orvalis" / "Orvalis Tunisia")."""
    for prefix in ("c:", "p:", "@"):
        x, y = {q for q in a if q.startswith(prefix)}, {q for q in b if q.startswith(prefix)}
        if x - y and y - x:
            return True
    return False


# Head nouns that name a kind of body, not one body: a key made only of these joins nothing.
_HEAD_WORDS = {"university", "universite", "universidad", "universita", "technopole", "technopark", "technoparc",
               "cluster", "pole", "chamber", "chambre", "ministry", "ministere", "agency", "agence", "bank",
               "banque", "school", "ecole", "institute", "institut", "centre", "center", "hub", "incubator",
               "incubateur", "municipality", "commune", "wilaya", "region", "province", "governorate", "port",
               "office", "council", "conseil", "federation", "association", "network", "reseau", "park", "parc",
               "zone", "faculty", "faculte", "hospital", "hopital", "commerce", "industry", "industrie",
               "industries", "and", "et"}


_ACR_DASH = re.compile(r"^\s*([A-Z][A-Za-z0-9&]{1,9})\s+[-–—:]\s+(\S.{3,})$")
_DASH_ACR = re.compile(r"^(\S.{3,}?)\s+[-–—]\s+([A-Z][A-Za-z0-9&]{1,9})\s*$")


def split_acronym_dash(name: str) -> tuple[str, str] | None:
    """'P2I - Integrated Industrial Platforms' → ('Integrated Industrial Platforms', 'P2I')."""
    for rx, long_i, acr_i in ((_ACR_DASH, 2, 1), (_DASH_ACR, 1, 2)):
        m = rx.match(name)
        if m and sum(c.isupper() or c.isdigit() for c in m.group(acr_i)) >= 2 and " " in m.group(long_i).strip():
            return m.group(long_i).strip(), m.group(acr_i)
    return None


def programme_head(name: str) -> str | None:
    """'Scale-up Voucher for Clusters' → loose key of 'Scale-up Voucher': a programme named
    with its audience is the same programme as its head name."""
    toks = norm(name).split()
    for w in ("for", "pour"):
        if w in toks[2:]:
            head = " ".join(toks[: toks.index(w)])
            if len(head.split()) >= 2:
                return loose_key(head)
    return None


# A programme is named with or without its own kind word: "Zephyr", "Zephyr Program", "Project Zephyr".
_PROGRAMME_WORDS = {"programme", "program", "programmes", "programs", "project", "projet", "projects", "projets"}


def programme_key(name: str) -> str:
    """Key of a programme's name: its head before "for" (`programme_head`), else its loose key,
    without the words programme/project when something significant is left."""
    k = programme_head(name) or loose_key(name)
    rest = " ".join(t for t in k.split() if t not in _PROGRAMME_WORDS)
    return rest if rest and _significant(rest) else k


def _significant(key: str) -> bool:
    """A loose key may join names only if it keeps a word that is not a place or a cue."""
    to_place, places = _place_words()
    return any(len(t) >= 2 and t not in places for t in key.split())


def _head_only(key: str) -> bool:
    """'technopark', 'universite': a kind of body, not one body."""
    return bool(key) and all(t in _HEAD_WORDS for t in key.split())


# Organisations and programmes are often confused by extraction (is "Technopole X" a body or
# a project?); a name known under one of the two labels answers for the other.
_SWAP = {"Organisation": "Programme", "Programme": "Organisation"}
_COMMON_WORDS = frozenset(GENERIC) | frozenset(STARTERS) | {"invest", "export", "digital", "green", "smart"}


@dataclass
class _Group:
    """Mentions of one entity within one document."""
    mentions: list[Mention] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    kinds: list[str] = field(default_factory=list)  # what the text calls it ("the clusters are …")


class Resolver:
    """Keeps an index of known names (registry + store) and resolves each new document against it."""

    def __init__(self, entities: list[Entity] = (), curation=None):
        self.index: dict[tuple[str, str], str] = {}   # (label, norm name) -> id
        self.loose: dict[str, str] = {}                # loose org key -> id
        self.bare: dict[str, str] = {}                 # a bare head name ("technopark") -> id
        self.bare_stripped: dict[str, str] = {}        # head left of a place-tagged name -> id
        self.heads: dict[str, str] = {}                # programme head key -> id
        self.entities: dict[str, Entity] = {}
        self.curation = curation
        self._split: dict[str, str] = {}
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
            self.index.setdefault((e.label, norm(n)), e.id)
            if e.label == "Programme" and programme_key(n):
                self.heads.setdefault(programme_key(n), e.id)
            if e.label in _SWAP:
                k = loose_key(n)
                if k and _significant(k):
                    (self.bare if _head_only(k) else self.loose).setdefault(k, e.id)
                k = loose_key(strip_country_tag(norm(n)) or "")
                if k and _significant(k):
                    (self.bare_stripped if _head_only(k) else self.loose).setdefault(k, e.id)

    def learn(self, extraction: Extraction) -> None:
        for e in extraction.entities:
            old = self.entities.get(e.id)
            if old is not None:
                name = e.name if fuller_name(old.name, e.name) else old.name
                e = Entity(id=e.id, label=e.label, name=name,
                           aliases=sorted((set(old.aliases) | set(e.aliases) | {e.name, old.name}) - {name}))
            self._remember(e)

    # --- lookups -------------------------------------------------------------
    def _known_id(self, label: str, names: set[str]) -> str | None:
        """The stored entity these names denote, never one whose qualifiers clash with theirs."""
        quals = frozenset().union(*(qualifiers(n) for n in names)) if names else frozenset()
        for hit in self._hits(label, names):
            e = self.entities.get(hit)
            if e is None or not clash(quals, frozenset().union(*(qualifiers(n) for n in (e.name, *e.aliases)))):
                return hit
        return None

    def _hits(self, label: str, names: set[str]):
        """Candidate ids, best evidence first: an exact name, a loose key, a programme head."""
        labels = (label, _SWAP[label]) if label in _SWAP else (label,)
        names = {n for n in names if norm(n)}
        for lab in labels:
            for n in sorted(names):
                hit = self.index.get((lab, norm(n)))
                if hit:
                    yield hit
        if label in _SWAP:
            for n in sorted(names):
                k = loose_key(n)
                if k and _significant(k):
                    hit = (self.bare_stripped if _head_only(k) else self.loose).get(k)
                    if hit:
                        yield hit
                k = loose_key(strip_country_tag(norm(n)) or "")
                if k and _significant(k):
                    hit = (self.bare if _head_only(k) else self.loose).get(k)
                    if hit:
                        yield hit
        if label == "Programme":
            for n in sorted(names):
                k = programme_key(n)
                if k and k in self.heads:
                    yield self.heads[k]

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

    # --- the work ------------------------------------------------------------
    def resolve(self, doc: Document, text: str, raw: RawExtraction) -> Extraction:
        reg = registry_index()
        self._split = self.curation.split_names if self.curation is not None else {}
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
        for m in mentions:
            if m.label == "Organisation" or (m.label == "Programme" and not (m.canonical or m.text).isupper()):
                name, extra = clean_name(m.canonical or m.text, untag=m.label == "Organisation")
                if extra or name != (m.canonical or m.text):
                    m.canonical, m.aliases = name, sorted(set(m.aliases) | set(extra))
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

        for i, j in _quoted_expansions(mentions, text) + _acronym_pairs(mentions) + _place_head_pairs(mentions):
            union(i, j)

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
            sp = split_acronym_dash(m.canonical or m.text)
            if sp:
                m.canonical, m.aliases = sp[0], sorted(set(m.aliases) | {sp[1]})
            keys = {norm(m.canonical or m.text)} | {norm(a) for a in m.aliases}
            if m.label == "Programme":
                keys.add("^" + programme_key(m.canonical or m.text))
            if m.label in _SWAP:
                for k in {loose_key(m.canonical or m.text), loose_key(m.text)}:
                    if k and _significant(k):
                        keys.add("~" + k)
                n = strip_country_tag(norm(m.canonical or m.text))
                if n and _significant(loose_key(n)) and not _head_only(loose_key(n)):
                    keys.add("~" + loose_key(n))  # (two "Université de X" never meet as "université")
            known = reg.get(norm(m.canonical or m.text))
            if known is not None and known.label in (m.label, _SWAP.get(m.label)):
                keys.add("@" + known.name)
                # the registry's other names join too ("USMBA" meets "University … of Fes")
                for n in (known.name, *known.aliases):
                    for v in (n, strip_country_tag(norm(n))):
                        if v and _significant(loose_key(v)) and not _head_only(loose_key(v)):
                            keys.add("~" + loose_key(v))
            group_label = "OP" if m.label in _SWAP else m.label
            for k in keys:
                if not k or k == "~":
                    continue
                kk = (group_label, k)
                if kk in first:
                    union(first[kk], i)
                else:
                    first[kk] = i
        # "TechnoPark" meets "Technopark Casablanca" when that is the document's only such name
        stripped_heads: dict[str, set] = defaultdict(set)
        bare_heads: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(mentions):
            if m.label not in _SWAP:
                continue
            k = loose_key(m.canonical or m.text)
            if _head_only(k):
                bare_heads[k].append(i)
            n = strip_country_tag(norm(m.canonical or m.text))
            if n and _head_only(loose_key(n)):
                stripped_heads[loose_key(n)].add((norm(m.canonical or m.text), i))
        for k, bare in bare_heads.items():
            names = {nm for nm, _ in stripped_heads.get(k, ())}
            if len(names) == 1:
                other = next(i for _, i in stripped_heads[k])
                for i in bare:
                    union(i, other)
        groups: dict[int, _Group] = defaultdict(_Group)
        listed = _listed_kinds(mentions, text)
        for i, m in enumerate(mentions):
            g = groups[find(i)]
            if i in listed:
                g.kinds.append(listed[i])
            g.mentions.append(m)
            g.names.add(m.canonical or m.text)
            g.names.update(m.aliases)
        return list(groups.values())

    def _entity_for(self, g: _Group, doc_id: str, reg: dict[str, KnownEntity],
                    taken: dict[str, Entity] = {}) -> tuple[str, Entity]:
        label = _group_label(g)
        known = next((reg[norm(n)] for n in sorted(g.names)
                      if norm(n) in reg and reg[norm(n)].label in (label, _SWAP.get(label))), None)
        if known is not None:
            label = known.label  # the registry knows what it is
        names = set(g.names)
        if known is not None:
            names |= {known.name, *known.aliases}
        split = self._split
        if len(g.names) == 1 and norm(next(iter(g.names))) in split:
            name = next(iter(g.names))
            eid = entity_id(label, name)
            known = None
        else:
            eid = self._known_id(label, names)
        if eid is not None and eid in self.entities:
            name = self.entities[eid].name
            label = self.entities[eid].label  # a known entity keeps its label
            here = _preferred_name(g.mentions)
            if fuller_name(name, here):
                name = here  # this document writes the name in full (the store's merge rule keeps it)
        elif eid is not None:
            pass  # a split name keeps its own id
        elif known is not None:
            name = known.name
            eid = entity_id(label, name)
        else:
            name = _preferred_name(g.mentions)
            eid = entity_id(label, name)
            name, eid = self._free_name(g, label, name, eid, taken)
        kind = None
        if label in ("Organisation", "Programme", "Place"):
            kind = _group_kind(g, label, name, known)
        aliases = sorted({n for n in g.names if norm(n) != norm(name)} |
                         ({a for a in known.aliases} if known else set()))
        ent = Entity(id=eid, label=label, name=name, kind=kind if label != "Sector" else None,
                     aliases=aliases,
                     country=_first(m.country for m in g.mentions) or (known.country if known else None),
                     founded=_first(m.founded for m in g.mentions),
                     mentions={doc_id: len(g.mentions)})
        return eid, ent


def _group_label(g: _Group) -> str:
    """The mentions' majority label; Organisation and Programme swap only when the names' own
    words say so (every name with a cue word cues the other label: "… Cluster", "… Programme")."""
    label = Counter(m.label for m in g.mentions).most_common(1)[0][0]
    if label in _SWAP:
        cued = {classify(n)[0] for n in g.names} - {None}
        if cued == {_SWAP[label]}:
            return _SWAP[label]
    return label


def _group_kind(g: _Group, label: str, name: str, known: KnownEntity | None) -> str | None:
    """The registry's kind, else the strongest (`model.KIND_PRECEDENCE`) of what the mentions'
    context and the names' own words say and that fits the label; `other` when nothing does."""
    if known is not None and known.kind and known.label == label:
        return known.kind
    fits = {"Organisation": ORG_KINDS, "Programme": PROGRAMME_KINDS, "Place": PLACE_KINDS}[label]
    # a place-tagged form says nothing of kind ("Orion Morocco" is no company for its "Morocco"):
    # a mention's kind that only repeats its own words is judged again on the cleaned names
    said = [m.kind for m in g.mentions if m.kind != classify(m.text)[1]] + g.kinds + \
        [classify(_untagged(n) or n)[1] for n in sorted(g.names | {name})]
    said = [k for k in said if k in fits]
    if not said:
        return None if label == "Place" else "other"
    return min(said, key=kind_rank)


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


_OPEN_QUOTE = re.compile(r"\s*(?:[,:(]\s*)?[“«\"‘]\s*(?:(?:the|le|la|les)\s+|l['’]\s*)?", re.I)
_CLOSE_QUOTE = re.compile(r"\s*[”»\"’]")


def _quoted_expansions(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """Pairs (short, long) written 'SHORT “the LONG NAME”' or 'SHORT (« LONG »)': the quoted
    expansion names the same body."""
    if not text:
        return []
    order = sorted((i for i, m in enumerate(mentions) if m.label in _SWAP), key=lambda i: mentions[i].start)
    out = []
    for a, b in zip(order, order[1:]):
        ma, mb = mentions[a], mentions[b]
        if ma.end <= mb.start and _OPEN_QUOTE.fullmatch(text[ma.end:mb.start]) and \
                _CLOSE_QUOTE.match(text, mb.end) and len(norm(mb.text).split()) > len(norm(ma.text).split()):
            out.append((a, b))
    return out


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_SKIP_IN_INITIALS = {"of", "de", "du", "des", "d", "l", "la", "le", "les", "the", "and", "et", "for", "pour",
                     "en", "in", "a", "au", "aux", "on", "sur"}


def _initials_keys(name: str) -> set[str]:
    """'Chambre de Commerce et d'Industrie Ardent' → {'ccia', 'cci ardent', 'cc industrie ardent'}:
    the initials of a leading run of words, then the words left, as an acronym would abbreviate it."""
    words = [w for w in norm(name).split() if w not in _SKIP_IN_INITIALS]
    return {"".join(w[0] for w in words[:k]) + (" " + " ".join(words[k:]) if words[k:] else "")
            for k in range(2, len(words) + 1)}


def _acronym_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """(acronym mention, long mention) pairs of one document: 'MDX' and 'Maritime Data Exchange',
    'CCI Ardent' and 'Chambre de Commerce et d'Industrie Ardent': the document uses both forms."""
    longs: dict[str, list[int]] = defaultdict(list)
    shorts: list[tuple[str, int]] = []
    for i, m in enumerate(mentions):
        if m.label not in _SWAP:
            continue
        name = m.canonical or m.text
        first, _, rest = name.partition(" ")
        if _ACRONYM.match(first) and sum(c.isalpha() for c in first) >= 2:
            shorts.append(((first.lower().replace("&", "") + (" " + norm(rest) if rest else "")).strip(), i))
        else:
            for k in _initials_keys(name):
                longs[k].append(i)
    return [(i, j) for key, i in shorts for j in longs.get(key, ())]


_LIST_CUE = re.compile(r"\b(" + "|".join(LIST_KIND_NOUNS) + r")\s*(?:(?:" + "|".join(LIST_VERBS) +
                       r"|membres|members|partenaires|partners)\b\s*:?|:)", re.I)


def _listed_kinds(mentions: list[Mention], text: str) -> dict[int, str]:
    """mention index → kind, for names listed after "the N clusters are", « les pôles : »: up to the
    end of the sentence, only names, commas and "and"/"et" between them."""
    if not text:
        return {}
    folded = fold(text)  # same length as text for the letters the cue words use
    if len(folded) != len(text):
        return {}
    out: dict[int, str] = {}
    order = sorted((i for i, m in enumerate(mentions) if m.label in _SWAP), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    for cue in _LIST_CUE.finditer(folded):
        kind = LIST_KIND_NOUNS[cue.group(1).lower()]
        pos = cue.end()
        k = bisect_left(starts, pos)
        while k < len(order):
            m = mentions[order[k]]
            if not re.fullmatch(r"[\s,;]*(?:(?:and|et|&|as well as|ainsi que)\s+)?", text[pos:m.start]):
                break
            out[order[k]] = kind
            pos = m.end
            k += 1
            # a parenthesised acronym after a listed name belongs to it
            paren = re.match(r"\s*\([^()]{1,15}\)", text[pos:])
            if paren:
                pos += paren.end()
            while k < len(order) and mentions[order[k]].start < pos:
                k += 1
    return out


def _place_head_pairs(mentions: list[Mention]) -> list[tuple[int, int]]:
    """'the Nador cluster' meets 'Nador Marine Robotics Cluster' when that is the document's only
    cluster named with that place: a place and a head alone are a short reference."""
    to_place, places = _place_words()
    fulls: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    shorts: list[tuple[tuple[str, str], int]] = []
    for i, m in enumerate(mentions):
        if m.label not in _SWAP:
            continue
        toks = [t for t in norm(m.canonical or m.text).split() if t not in _MOVABLE or t in ("cluster", "pole")]
        heads = [t for t in toks if t in _HEAD_WORDS and t not in ("and", "et")]
        where = [t for t in toks if t in places]
        if len(heads) != 1 or len(where) != 1:
            continue
        if len(toks) == 2:
            shorts.append(((where[0], heads[0]), i))
        else:
            fulls[(where[0], heads[0])].setdefault(norm(m.canonical or m.text), i)
    return [(i, next(iter(fulls[k].values()))) for k, i in shorts if len(fulls.get(k, ())) == 1]
