"""Validation samples: draw edges or entities at random from a store, check a judged sample
against the store later (`ecograph sample`; statistics in `ecograph.validation`).

A sample is reproducible: the population is read in a fixed order (sorted keys) and
drawn with `random.Random(seed)`, so the same store and seed give the same rows on the
embedded store and on Neo4j. Each row records its item's key and an `evidence_key` (a
hash of what the item rests on), and every row the population's fingerprint, so a
sample whose store has changed since is refused rather than scored against a graph it
no longer describes.
"""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ecograph.ids import fold, norm
from ecograph.model import RELATION_TYPES
from ecograph.store.protocol import QueryableStore
from ecograph.validation import (EDGE_COLUMNS, ENTITY_COLUMNS, JudgedSample, SampleError,
                                 confidence_band, describe)

STRATA = {"edges": ("type", "confidence", "document"), "entities": ("type", "document")}
ENTITY_LABELS = ("Organisation", "Programme")
# How each relation reads in plain words: "{a}" the source, "{b}" the target.
PHRASES = {
    "PARTNERS_WITH": "{a} partners with {b}",
    "MEMBER_OF": "{a} is a member of {b}",
    "SUPPORTS": "{a} supports {b}",
    "FUNDS": "{a} funds {b}",
    "RUNS": "{a} runs {b}",
    "PARTICIPATES_IN": "{a} takes part in {b}",
    "PART_OF": "{a} is part of {b}",
    "LABELLED_BY": "{a} holds a label or accreditation from {b}",
    "LOCATED_IN": "{a} is located in {b}",
    "ACTIVE_IN": "{a} is active in the sector {b}",
}
MARK_OPEN, MARK_CLOSE = "[[", "]]"


@dataclass
class Sample:
    """Drawn rows (dicts keyed by `columns`; `_marks` holds the sentence and name spans for
    the HTML judge) and what they were drawn from (`meta`, also in each row's `sample` cell)."""
    meta: dict
    columns: tuple[str, ...]
    rows: list[dict]


# --- populations ---------------------------------------------------------------

def _digest(text: str, size: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def edge_key(rel) -> str:
    """What an edge rests on: its evidence records (document, span, method, confidence)."""
    ev = sorted((e.document, e.start, e.end, e.method, round(float(e.confidence), 3)) for e in rel.evidence)
    return _digest(repr(ev), 12)


def entity_key(ent) -> str:
    return _digest(repr((ent.label, ent.kind, ent.name)), 12)


def fingerprint(keys: dict[tuple, str]) -> str:
    return _digest("\n".join(f"{'|'.join(k)}|{v}" for k, v in sorted(keys.items())), 16)


def check_types(types) -> list[str] | None:
    if not types:
        return None
    wanted = [t.strip().upper() for t in types if t.strip()]
    bad = [t for t in wanted if t not in PHRASES]
    if bad:
        raise SampleError(f"unknown relation type {', '.join(bad)}; choose from {', '.join(PHRASES)}")
    return sorted(set(wanted))


def edge_population(store: QueryableStore, types=None) -> list:
    """The edges a sample is drawn from, in key order (MENTIONED_IN is not a claim to judge)."""
    wanted = set(check_types(types) or PHRASES)
    return sorted((r for r in store.relations() if r.type in wanted and r.type in RELATION_TYPES),
                  key=lambda r: r.key)


def entity_population(store: QueryableStore) -> list:
    return sorted((e for e in store.entities() if e.label in ENTITY_LABELS), key=lambda e: e.id)


# --- drawing -------------------------------------------------------------------

def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Equal allocation: each stratum gets n / k items, a small stratum all it has, and what
    it cannot take goes to the others (largest first). Sum = min(n, population)."""
    alloc = {h: 0 for h in sizes}
    while True:
        remaining = n - sum(alloc.values())
        room = sorted((h for h in sizes if alloc[h] < sizes[h]), key=lambda h: (-sizes[h], h))
        if remaining <= 0 or not room:
            return alloc
        share, extra = divmod(remaining, len(room))
        for i, h in enumerate(room):
            alloc[h] += min(sizes[h] - alloc[h], share + (1 if i < extra else 0))


def _draw(population: list, n: int, stratum_of, seed: int) -> list[tuple[object, str, float]]:
    """(item, stratum, weight) of the drawn items, shuffled (judges should not see strata in order)."""
    rng = random.Random(seed)
    strata: dict[str, list] = {}
    for item in population:
        strata.setdefault(stratum_of(item), []).append(item)
    alloc = allocate({h: len(v) for h, v in strata.items()}, n)
    drawn = []
    for h in sorted(strata):
        if alloc[h]:
            weight = len(strata[h]) / alloc[h]
            drawn += [(item, h, weight) for item in rng.sample(strata[h], alloc[h])]
    rng.shuffle(drawn)
    return drawn


def _seed(seed: int | None) -> int:
    return random.SystemRandom().randrange(1, 10**6) if seed is None else int(seed)


def _meta(what, seed, stratify, types, population, keys) -> dict:
    return {"what": what, "seed": seed, "stratify": stratify or "none",
            "types": ",".join(types) if types else "ALL", "population": population,
            "fingerprint": fingerprint(keys)}


def draw_edges(store: QueryableStore, n: int, *, types=None, stratify: str | None = None, seed: int | None = None) -> Sample:
    """A random sample of `n` edges (all if fewer), stratified by type, confidence band or
    document when asked. Without `seed` one is chosen and recorded in the sample."""
    _check_stratify("edges", stratify)
    types, seed = check_types(types), _seed(seed)
    population = edge_population(store, types)
    entities = {e.id: e for e in store.entities()}
    docs = {d.id: d for d in store.documents()}
    best = {r.key: max(r.evidence, key=lambda e: e.confidence) for r in population if r.evidence}
    stratum_of = {
        None: lambda r: "all",
        "type": lambda r: r.type,
        "confidence": lambda r: confidence_band(r.confidence),
        "document": lambda r: _doc_name(docs, best[r.key].document) if r.key in best else "",
    }[stratify]
    keys = {r.key: edge_key(r) for r in population}
    meta = _meta("edges", seed, stratify, types, len(population), keys)
    drawn = _draw(population, max(0, n), stratum_of, seed)
    rows = [_edge_row(i, len(drawn), r, h, w, entities, docs, best.get(r.key), keys[r.key], meta)
            for i, (r, h, w) in enumerate(drawn, start=1)]
    return Sample(meta, EDGE_COLUMNS, rows)


def _edge_row(i, total, r, stratum, weight, entities, docs, ev, key, meta) -> dict:
    src, tgt = entities.get(r.source), entities.get(r.target)
    a, b = (src.name if src else r.source), (tgt.name if tgt else r.target)
    sentence = ev.sentence if ev else ""
    spans = mark_spans(sentence, [_names(src, a), _names(tgt, b)])
    doc = docs.get(ev.document) if ev else None
    return {"id": f"e{i:0{len(str(total))}d}", "statement": PHRASES[r.type].format(a=a, b=b),
            "sentence": marked(sentence, spans), "type": r.type, "source": a, "target": b,
            "document": (doc.title or doc.source) if doc else "", "document_source": doc.source if doc else "",
            "confidence": round(r.confidence, 3), "method": ev.method if ev else "",
            "evidence_count": len(r.evidence), "verdict": "", "note": "",
            "source_id": r.source, "target_id": r.target, "stratum": stratum, "weight": round(weight, 6),
            "evidence_key": key, "sample": describe(meta), "_marks": {"text": sentence, "spans": spans}}


def draw_entities(store: QueryableStore, n: int, *, stratify: str | None = None, seed: int | None = None) -> Sample:
    """A random sample of organisations and programmes, each with a sentence naming it and
    the names of similar entities (for "is it the same organisation as ...")."""
    _check_stratify("entities", stratify)
    seed = _seed(seed)
    population = entity_population(store)
    docs = {d.id: d for d in store.documents()}
    stratum_of = {
        None: lambda e: "all",
        "type": lambda e: f"{e.label}:{e.kind or '-'}",
        "document": lambda e: _doc_name(docs, _main_document(e)),
    }[stratify]
    keys = {(e.id,): entity_key(e) for e in population}
    meta = _meta("entities", seed, stratify, None, len(population), keys)
    drawn = _draw(population, max(0, n), stratum_of, seed)
    context = _best_evidence(store, {e.id for e, _, _ in drawn})
    rows = [_entity_row(i, len(drawn), e, h, w, context.get(e.id), docs, population, keys[(e.id,)], meta)
            for i, (e, h, w) in enumerate(drawn, start=1)]
    return Sample(meta, ENTITY_COLUMNS, rows)


def _entity_row(i, total, e, stratum, weight, ev, docs, population, key, meta) -> dict:
    sentence = ev.sentence if ev else ""
    spans = mark_spans(sentence, [_names(e, e.name)])
    doc = docs.get(ev.document if ev else _main_document(e))
    what = "an organisation" if e.label == "Organisation" else "a programme"
    return {"id": f"n{i:0{len(str(total))}d}", "statement": f"{e.name} is {what}" + (f" ({e.kind})" if e.kind else ""),
            "name": e.name, "label": e.label, "kind": e.kind or "", "aliases": "; ".join(sorted(e.aliases)),
            "country": e.country or "", "sentence": marked(sentence, spans),
            "document": (doc.title or doc.source) if doc else "", "document_source": doc.source if doc else "",
            "similar": "; ".join(similar_names(e, population)), "verdict": "", "kind_verdict": "",
            "same_as": "", "note": "", "entity_id": e.id, "stratum": stratum, "weight": round(weight, 6),
            "evidence_key": key, "sample": describe(meta), "_marks": {"text": sentence, "spans": spans}}


def _check_stratify(what: str, stratify: str | None) -> None:
    if stratify is not None and stratify not in STRATA[what]:
        raise SampleError(f"a sample of {what} cannot be stratified by {stratify!r}; "
                          f"choose from {', '.join(STRATA[what])}")


def _doc_name(docs: dict, doc_id: str | None) -> str:
    d = docs.get(doc_id)
    return d.source if d else (doc_id or "")


def _main_document(e) -> str | None:
    """The document that mentions the entity most (ties: the smallest id)."""
    return min(e.mentions.items(), key=lambda kv: (-kv[1], kv[0]))[0] if e.mentions else None


def _best_evidence(store: QueryableStore, ids: set[str]) -> dict:
    """For each entity in `ids`, the most confident sentence of a relation naming it."""
    best = {}
    for r in store.relations():
        for end in (r.source, r.target):
            if end in ids and r.evidence:
                ev = max(r.evidence, key=lambda e: e.confidence)
                if end not in best or (ev.confidence, r.key) > (best[end][0].confidence, best[end][1]):
                    best[end] = (ev, r.key)
    return {k: ev for k, (ev, _) in best.items()}


def similar_names(e, population, *, limit: int = 3, cutoff: float = 85.0) -> list[str]:
    """Names of other entities of the same label close to this one's (candidate duplicates)."""
    others = {o.id: norm(o.name) for o in population if o.label == e.label and o.id != e.id}
    names = {o.id: o.name for o in population}
    hits = process.extract(norm(e.name), others, scorer=fuzz.token_set_ratio, limit=limit, score_cutoff=cutoff)
    return [names[oid] for _, _, oid in hits]


# --- marking names in the evidence sentence -------------------------------------

def _names(entity, fallback: str) -> list[str]:
    return [entity.name, *entity.aliases] if entity is not None else [fallback]


def _folded(text: str) -> tuple[str, list[int]]:
    """The text folded like `ids.fold` (case, accents), with each folded char's original index."""
    chars, index = [], []
    for i, ch in enumerate(text):
        for c in fold(ch):
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def _matches(folded: str, index: list[int], names: list[str]) -> list[tuple[int, int]]:
    """Whole-word occurrences of any of `names`, longest name first, as original spans."""
    out = []
    for name in sorted({fold(n).strip() for n in names if n}, key=len, reverse=True):
        if len(name) < 2:
            continue
        pattern = r"\s+".join(re.escape(w) for w in name.split())
        for m in re.finditer(pattern, folded):
            s, e = m.start(), m.end()
            if (s > 0 and folded[s - 1].isalnum()) or (e < len(folded) and folded[e].isalnum()):
                continue
            out.append((index[s], index[e - 1] + 1))
    return out


def mark_spans(sentence: str, names_per_end: list[list[str]]) -> list[list[int]]:
    """[start, end, which] of the first non-overlapping occurrence of each end's names
    (which: 0 the source or the entity, 1 the target); an end not found is not marked."""
    folded, index = _folded(sentence)
    spans: list[list[int]] = []
    for which, names in enumerate(names_per_end):
        for s, e in _matches(folded, index, names):
            if all(e <= a or s >= b for a, b, _ in spans):
                spans.append([s, e, which])
                break
    return sorted(spans)


def marked(sentence: str, spans: list[list[int]]) -> str:
    """The sentence with each marked name between [[ and ]]."""
    out, at = [], 0
    for s, e, _ in spans:
        out += [sentence[at:s], MARK_OPEN, sentence[s:e], MARK_CLOSE]
        at = e
    out.append(sentence[at:])
    return "".join(out)


# --- checking a judged sample against the store ---------------------------------

def row_key(sample: JudgedSample, row: dict) -> tuple:
    if sample.what == "edges":
        return (row.get("type", ""), row.get("source_id", ""), row.get("target_id", ""))
    return (row.get("entity_id", ""),)


def _describe_row(sample: JudgedSample, row: dict) -> str:
    if sample.what == "edges":
        return f"{row.get('source')} -{row.get('type')}-> {row.get('target')} (row {row.get('id')})"
    return f"{row.get('name')} (row {row.get('id')})"


def check(store: QueryableStore, sample: JudgedSample, rejected=frozenset()) -> None:
    """Refuse (SampleError) a sample whose store changed since it was drawn, naming the sampled
    items that no longer exist or rest on other evidence. Edges rejected in the curation file
    (`rejected`: (type, source id, target id)) count as present: `--apply` removed them."""
    meta = sample.meta
    if sample.what == "edges":
        types = None if meta["types"] == "ALL" else meta["types"].split(",")
        current = {r.key: edge_key(r) for r in edge_population(store, types)}
    else:
        current = {(e.id,): entity_key(e) for e in entity_population(store)}
    gone, changed = [], []
    for row in sample.rows:
        k = row_key(sample, row)
        if k in current:
            if current[k] != row.get("evidence_key"):
                changed.append(_describe_row(sample, row))
        elif k in rejected:
            current[k] = row.get("evidence_key", "")
        else:
            gone.append(_describe_row(sample, row))
    hint = "draw a new sample from the store as it is now, or score against the store it was drawn from (--store)"
    if gone or changed:
        parts = []
        if gone:
            parts.append(f"{len(gone)} sampled {sample.what} no longer exist: " + "; ".join(gone[:10])
                         + ("; …" if len(gone) > 10 else ""))
        if changed:
            how = "rest on different evidence now" if sample.what == "edges" else "changed name or kind"
            parts.append(f"{len(changed)} {how}: " + "; ".join(changed[:10])
                         + ("; …" if len(changed) > 10 else ""))
        raise SampleError(f"{sample.path}: the store {store.url} changed since this sample was drawn: "
                          + "; and ".join(parts), hint=hint)
    if fingerprint(current) != meta["fingerprint"]:
        raise SampleError(f"{sample.path}: the store {store.url} changed since this sample was drawn "
                          f"(the sampled {sample.what} are all there, but the population changed: "
                          f"{len(current)} {sample.what} now, {meta['population']} then)", hint=hint)
