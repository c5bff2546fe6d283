"""The curated registry of known actors: canonical name, label, kind, country, aliases.

`ingest/data/registry.tsv` is a plain, versioned data file; each row gives the
reason for the entry (a renaming, an official long form, a translation). It is
read once per process.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ecograph.ids import norm

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class KnownEntity:
    name: str
    label: str
    kind: str | None
    country: str | None
    aliases: tuple[str, ...] = field(default=())
    reason: str = ""


@lru_cache(maxsize=1)
def load_registry() -> tuple[KnownEntity, ...]:
    path = DATA / "registry.tsv"
    if not path.exists():
        return ()
    raw = path.read_text(encoding="utf-8")
    rows = []
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        rows.append(KnownEntity(
            name=r["name"].strip(), label=r["label"].strip(), kind=(r.get("kind") or "").strip() or None,
            country=(r.get("country") or "").strip() or None,
            aliases=tuple(a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()),
            reason=(r.get("reason") or "").strip()))
    return tuple(rows)


@lru_cache(maxsize=1)
def registry_index() -> dict[str, KnownEntity]:
    """norm(name or alias) -> entry."""
    idx: dict[str, KnownEntity] = {}
    for e in load_registry():
        for n in (e.name, *e.aliases):
            idx.setdefault(norm(n), e)
    return idx
