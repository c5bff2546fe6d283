"""The evidence columns of a result row, defined once.

A row about a relation cites the most confident sentence behind it: the `sentence`,
its document's `source`, `title`, `published` date and `url` (empty when the document
does not state them), the extraction `method`, its `confidence`, and how many
evidence records back the relation (`evidence_count`). `@cited()` makes a row class a
dataclass whose fields end with these columns, after its own, so tables read "what,
then why". A row citing two relations names each set with a pattern:
`@cited("{}_a", "{}_b")` gives sentence_a ... evidence_count_b.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# (name, annotation, default)
FIELDS: tuple[tuple[str, str, Any], ...] = (
    ("sentence", "str", ""), ("source", "str", ""), ("title", "str", ""), ("published", "str", ""),
    ("url", "str", ""), ("method", "str", ""),
    ("confidence", "float", 0.0), ("evidence_count", "int", 0))


def cited(*patterns: str):
    """Class decorator: `@dataclass`, plus the evidence fields once per pattern ("{}": plain names)."""
    patterns = patterns or ("{}",)

    def wrap(cls):
        notes = dict(cls.__dict__.get("__annotations__", {}))
        for p in patterns:
            for name, annotation, default in FIELDS:
                notes[p.format(name)] = annotation
                setattr(cls, p.format(name), default)
        cls.__annotations__ = notes
        return dataclass(cls)
    return wrap


def columns(best: dict, count: int, pattern: str = "{}") -> dict[str, Any]:
    """The evidence columns of one relation from its best evidence record (empty: none)."""
    values = {"sentence": best.get("sentence", ""), "source": best.get("source", ""),
              "title": best.get("title") or "", "published": best.get("published") or "",
              "url": best.get("url") or "",
              "method": best.get("method", ""), "confidence": float(best.get("confidence") or 0.0),
              "evidence_count": count}
    return {pattern.format(name): values[name] for name, _, _ in FIELDS}
