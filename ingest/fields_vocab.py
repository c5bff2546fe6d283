"""The field labels of project, funder and programme pages, one table per language
(`ingest/data/fields_<lang>.json`), checked at import: which label says which relation, and which
labels name the programme. Read by the field reader (`tables_fields.py`) and by the sentence splitter,
which never wraps a line into a field line below it."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ecograph.ids import fold
from ecograph.model import allowed

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("en", "fr")


class FieldTableError(ValueError):
    pass


@dataclass(frozen=True)
class FieldRole:
    label: str              # the folded label
    type: str | None        # SCHEMA relation from each organisation of the value to the programme
    method: str | None


@dataclass(frozen=True)
class FieldTables:
    roles: dict             # folded label -> FieldRole
    programme: frozenset    # labels whose value names the programme
    programme_weak: frozenset  # ... only inside the same block of fields ("Title:")


def label_key(label: str) -> str:
    """How a label is compared: folded, '(s)' dropped, spaces and apostrophes normalised."""
    s = fold(label).replace("’", "'").replace("(s)", "")
    return re.sub(r"\s+", " ", s).strip(" *_")


def _check(raw: dict, lang: str) -> list[tuple[str, FieldRole]]:
    if raw.get("language") != lang:
        raise FieldTableError(f"fields_{lang}.json: 'language' is {raw.get('language')!r}, not {lang!r}")
    out = []
    for row in raw.get("fields", []):
        rtype, method = row.get("type"), row.get("method")
        if rtype is not None and not allowed(rtype, "Organisation", "Programme"):
            raise FieldTableError(f"fields_{lang}.json: {rtype!r} cannot go from an organisation to a programme")
        if (rtype is None) != (method is None) or (method is not None and not method.startswith("field-")):
            raise FieldTableError(f"fields_{lang}.json: row {row.get('labels', [])[:1]} needs both a type and a "
                                  f"'field-' method, or neither")
        for label in row.get("labels", []):
            if label_key(label) != label:
                raise FieldTableError(f"fields_{lang}.json: label {label!r} is not written folded")
            out.append((label, FieldRole(label, rtype, method)))
    return out


@lru_cache(maxsize=1)
def field_tables() -> FieldTables:
    """The labels of every language, read and checked once. A label that two rows (or two languages)
    map to different relations is an error: the page's language must not change what a field means."""
    roles: dict[str, FieldRole] = {}
    strong, weak = set(), set()
    for lang in LANGUAGES:
        raw = json.loads((DATA / f"fields_{lang}.json").read_text(encoding="utf-8"))
        for label, role in _check(raw, lang):
            if label in roles and roles[label] != role:
                raise FieldTableError(f"field label {label!r} maps to two relations")
            roles[label] = role
        strong |= set(raw.get("programme", []))
        weak |= set(raw.get("programme_weak", []))
    clash = (strong | weak) & set(roles)
    if clash:
        raise FieldTableError(f"field labels both programme and relation: {sorted(clash)}")
    return FieldTables(roles, frozenset(strong), frozenset(weak))


field_tables()  # a misspelled table fails at import, not inside one document
