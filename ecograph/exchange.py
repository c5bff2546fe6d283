"""Checks on an exchange file (SCHEMA.md) before a store loads any of it.

`load()` of either store replaces the whole graph with what the file holds, so a bad
value must be found before the first write: a name that is a number or null, an id
given twice, a label or relation type outside the schema, a relation without evidence,
evidence citing a document the file lacks or an impossible span (negative, end before
start), a confidence outside 0..1. A span whose length differs from its sentence's is
only warned about. Both stores call `validate` first, so they refuse the same
files; each problem names the entity, relation or document and the field.
"""
from __future__ import annotations

import math
import re
from typing import Any, Iterator

from .errors import StoreError
from .model import (LABELS, ORG_KINDS, PLACE_KINDS, PROGRAMME_KINDS, RELATION_TYPES, SYMMETRIC,
                    allowed)

ENTITY_LABELS = tuple(x for x in LABELS if x != "Document")
EDGE_TYPES = tuple(t for t in RELATION_TYPES if t != "MENTIONED_IN")
KINDS = {"Organisation": ORG_KINDS, "Programme": PROGRAMME_KINDS, "Place": PLACE_KINDS}
#: Problems listed in one error; the rest are counted.
SHOWN = 10
_HINT = "fix the file (or re-export it with `ecograph export --format json`) and import again"


class InvalidExchange(StoreError):
    """An exchange file breaks SCHEMA.md. `problems` lists every problem found."""

    def __init__(self, problems: list[str], name: str = "the exchange data"):
        more = len(problems) - SHOWN
        shown = "; ".join(problems[:SHOWN]) + (f"; and {more} more" if more > 0 else "")
        super().__init__(f"{name} is not a valid exchange file ({len(problems)} "
                         f"problem{'s' if len(problems) > 1 else ''}): {shown}", hint=_HINT)
        self.problems = problems


class _Warning(str):
    """A finding that does not stop the load (a `_problems` item of this type)."""


def validate(data: Any, name: str = "the exchange data") -> list[str]:
    """Raise `InvalidExchange` listing what is wrong with `data`; return warnings about what
    loads but is odd: evidence whose span length differs from its sentence's (hand-made
    files often cite a shortened sentence; the offsets then point at other text)."""
    problems, warnings = [], []
    for p in _problems(data):
        (warnings if isinstance(p, _Warning) else problems).append(p)
    if problems:
        raise InvalidExchange(problems, name)
    if len(warnings) > 1:
        return [f"{name}: {len(warnings)} evidence records cite a span whose length is not their "
                f"sentence's; the first: {warnings[0]}"]
    return [f"{name}: {w}" for w in warnings]


def _problems(data: Any) -> Iterator[str]:
    if not isinstance(data, dict):
        yield f"the top level must be an object, got {_kind(data)}"
        return
    if type(data.get("schema_version")) is not int or data["schema_version"] != 1:
        yield f"schema_version must be 1, got {_show(data.get('schema_version'))}"
        return
    lists = {}
    for key in ("documents", "entities", "relations"):
        if not isinstance(data.get(key), list):
            yield f"{key!r} must be a list, got {_kind(data.get(key)) if key in data else 'nothing'}"
        lists[key] = data.get(key) if isinstance(data.get(key), list) else []
    yield from _not_unicode(data)
    docs = yield from _documents(lists["documents"])
    labels = yield from _entities(lists["entities"], docs)
    yield from _relations(lists["relations"], docs, labels)
    yield from _unsupported(lists["entities"], lists["relations"])


def _documents(items: list) -> Iterator[str]:
    seen: set[str] = set()
    for i, d in enumerate(items):
        where = f"documents[{i}]"
        if not isinstance(d, dict):
            yield f"{where} must be an object, got {_kind(d)}"
            continue
        if not _nonempty(d.get("id")):
            yield f"{where}: id must be a non-empty string, got {_show(d.get('id'))}"
            continue
        where = f"document {d['id']!r}"
        if d["id"] in seen:
            yield f"{where}: id given twice (documents[{i}])"
        seen.add(d["id"])
        if not isinstance(d.get("source"), str):
            yield f"{where}: source must be a string, got {_show(d.get('source'))}"
        for key in ("title", "language", "ingested_at", "url", "published", "site"):
            if key in d and not isinstance(d[key], str):
                yield f"{where}: {key} must be a string, got {_show(d[key])}"
    return seen


def _entities(items: list, docs: set[str]) -> Iterator[str]:
    labels: dict[str, str] = {}
    for i, e in enumerate(items):
        if not isinstance(e, dict):
            yield f"entities[{i}] must be an object, got {_kind(e)}"
            continue
        if not _nonempty(e.get("id")):
            yield f"entities[{i}]: id must be a non-empty string, got {_show(e.get('id'))}"
            continue
        where = f"entity {e['id']!r}"
        if e["id"] in labels:
            yield f"{where}: id given twice (entities[{i}]); each entity must appear once"
            continue
        label = e.get("label")
        if label not in ENTITY_LABELS:
            yield f"{where}: label must be one of {', '.join(ENTITY_LABELS)}, got {_show(label)}"
        labels[e["id"]] = label if label in ENTITY_LABELS else ""
        if not _nonempty(e.get("name")):
            yield f"{where}: name must be a non-empty string, got {_show(e.get('name'))}"
        yield from _entity_fields(where, e, label, docs)
    return labels


def _entity_fields(where: str, e: dict, label: Any, docs: set[str]) -> Iterator[str]:
    kind = e.get("kind")
    if kind is not None and (not isinstance(kind, str) or (label in KINDS and kind not in KINDS[label])):
        choices = ", ".join(KINDS.get(label, ())) or "none"
        yield f"{where}: kind must be one of {choices} (or absent), got {_show(kind)}"
    aliases = e.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        yield f"{where}: aliases must be a list of strings, got {_show(aliases)}"
    if e.get("country") is not None and not isinstance(e["country"], str):
        yield f"{where}: country must be a string, got {_show(e['country'])}"
    if e.get("founded") is not None and type(e["founded"]) is not int:
        yield f"{where}: founded must be a whole year, got {_show(e['founded'])}"
    mentions = e.get("mentions")
    if not isinstance(mentions, list):
        yield f"{where}: mentions must be a list, got {_show(mentions)}"
        return
    for j, m in enumerate(mentions):
        at = f"{where}: mentions[{j}]"
        if not isinstance(m, dict):
            yield f"{at} must be an object, got {_kind(m)}"
        elif not isinstance(m.get("document"), str) or m["document"] not in docs:
            yield f"{at}: document {_show(m.get('document'))} is not in the file's documents"
        elif type(m.get("count")) is not int or m["count"] < 1:
            yield f"{at}: count must be a whole number of at least 1, got {_show(m.get('count'))}"


def _relations(items: list, docs: set[str], labels: dict[str, str]) -> Iterator[str]:
    seen: dict[tuple, int] = {}
    for i, r in enumerate(items):
        if not isinstance(r, dict):
            yield f"relations[{i}] must be an object, got {_kind(r)}"
            continue
        rtype, s, t = r.get("type"), r.get("source"), r.get("target")
        where = f"relation relations[{i}] ({_show(rtype)} {_show(s)} -> {_show(t)})"
        if rtype not in EDGE_TYPES:
            yield f"{where}: type must be one of {', '.join(EDGE_TYPES)}"
            continue
        ends_ok = True
        for end, value in (("source", s), ("target", t)):
            if not isinstance(value, str) or value not in labels:
                yield f"{where}: {end} names an unknown entity (not among the file's entities)"
                ends_ok = False
        if not ends_ok:
            continue
        if labels[s] and labels[t] and not allowed(rtype, labels[s], labels[t]):
            yield f"{where}: SCHEMA does not allow {rtype} from {labels[s]} to {labels[t]}"
        key = (rtype, *sorted((s, t))) if rtype in SYMMETRIC else (rtype, s, t)
        if key in seen:
            yield f"{where}: the same relation as relations[{seen[key]}]; give it once with all its evidence"
        seen.setdefault(key, i)
        yield from _evidence(where, r.get("evidence"), docs)


def _unsupported(entities: list, relations: list) -> Iterator[str]:
    """Every entity comes from a document: a mention, or a relation (whose evidence cites
    one). One with neither could never be forgotten: nothing ties it to a document."""
    linked = {r.get(end) for r in relations if isinstance(r, dict) for end in ("source", "target")}
    for e in entities:
        if isinstance(e, dict) and _nonempty(e.get("id")) and not e.get("mentions") and e["id"] not in linked:
            yield (f"entity {e['id']!r}: no mention and no relation: no document supports it "
                   "(give its mentions)")


def _evidence(where: str, evidence: Any, docs: set[str]) -> Iterator[str]:
    if not isinstance(evidence, list) or not evidence:
        yield f"{where}: evidence must be a non-empty list (a relation without evidence does not exist)"
        return
    for j, ev in enumerate(evidence):
        at = f"{where}: evidence[{j}]"
        if not isinstance(ev, dict):
            yield f"{at} must be an object, got {_kind(ev)}"
            continue
        if not isinstance(ev.get("document"), str) or ev["document"] not in docs:
            yield f"{at}: document {_show(ev.get('document'))} is not in the file's documents"
        sentence, start, end = ev.get("sentence"), ev.get("start"), ev.get("end")
        if not isinstance(sentence, str):
            yield f"{at}: sentence must be a string, got {_show(sentence)}"
        if type(start) is not int or type(end) is not int or not 0 <= start <= end:
            yield f"{at}: impossible span: start and end must be whole numbers with 0 <= start <= end, got {_show(start)}, {_show(end)}"
        elif isinstance(sentence, str) and end - start != len(sentence):
            yield _Warning(f"{at}: end - start = {end - start} but the sentence has "
                           f"{len(sentence)} characters")
        if not isinstance(ev.get("method"), str):
            yield f"{at}: method must be a string, got {_show(ev.get('method'))}"
        c = ev.get("confidence")
        if type(c) not in (int, float) or not math.isfinite(c) or not 0 <= c <= 1:
            yield f"{at}: confidence must be a number from 0 to 1, got {_show(c)}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _not_unicode(data: Any) -> Iterator[str]:
    """Strings holding a lone surrogate (JSON's "\\ud800" escape) cannot be stored or
    written as UTF-8: the first few, by their place in the file."""
    stack, found = [("", data)], 0
    while stack and found < 3:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{path}.{k}", v) for k, v in value.items())
            stack.extend((f"{path} (a key)", k) for k in value)
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))
        elif isinstance(value, str) and not value.isascii() and _SURROGATE.search(value):
            found += 1
            yield f"{path.lstrip('.')}: not valid Unicode (a lone surrogate, e.g. \\ud800)"


def _nonempty(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    """A value as it would read in the JSON file, cut short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _kind(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
