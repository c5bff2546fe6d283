"""Options researchers type (relation types, kinds, depth), checked once with a helpful error."""
from __future__ import annotations

from typing import Iterable

from ecograph.errors import EcographError
from ecograph.model import CORE_TYPES, ORG_KINDS, PROGRAMME_KINDS, RELATION_TYPES

# Place and sector links would join every organisation in one country or field,
# so traversals default to the core relations; "all" adds them back.
TRAVERSABLE = tuple(t for t in RELATION_TYPES if t != "MENTIONED_IN")


def _split(value: str | Iterable[str]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(i).strip() for i in items if str(i).strip()]


def relation_types(types: str | Iterable[str] | None, default: Iterable[str]) -> tuple[str, ...]:
    """Relation types as given ("PARTNERS_WITH,MEMBER_OF", a list, "core" or "all"), in order."""
    if types is None:
        return tuple(default)
    out: list[str] = []
    for t in _split(types):
        t = t.upper().replace("-", "_")
        group = {"CORE": CORE_TYPES, "ALL": TRAVERSABLE}.get(t)
        for x in group or (t,):
            if x not in TRAVERSABLE:
                raise EcographError(f"unknown relation type {t!r}",
                                    hint="one of " + ", ".join(TRAVERSABLE) + " (or core, all)")
            if x not in out:
                out.append(x)
    if not out:
        raise EcographError("no relation type given", hint="one of " + ", ".join(TRAVERSABLE))
    return tuple(out)


def kinds(kind: str | Iterable[str] | None, allowed: Iterable[str] = ORG_KINDS + PROGRAMME_KINDS) -> tuple[str, ...] | None:
    """Kinds as given ("company,university" or a list), checked against the SCHEMA vocabulary."""
    if kind is None:
        return None
    allowed = tuple(dict.fromkeys(allowed))
    out = []
    for k in _split(kind):
        k = k.lower()
        if k not in allowed:
            raise EcographError(f"unknown kind {k!r}", hint="one of " + ", ".join(allowed))
        out.append(k)
    return tuple(out) or None


def depth(value: int) -> int:
    if not isinstance(value, int) or value < 1:
        raise EcographError(f"depth must be a whole number of at least 1, not {value!r}")
    return value


def names(value: str | Iterable[str] | None) -> list[str]:
    """One name or several; a plain string is one name (names may contain commas)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]
