"""Options researchers type (relation types, kinds, depth), checked once with a helpful error."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterable, Iterator

from ecograph.dates import Period, period, within
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


# --- the time window every query reads through ----------------------------------------
# Set once around a call (the CLI's --since/--until, `Graph.between`), read where the
# graph is read (`view.GraphView`), so every query, map and export gets it without a
# parameter of its own: evidence records outside the window are left out, and relations
# left without any.

_PERIOD: ContextVar[Period] = ContextVar("ecograph_period", default=Period())


def current_period() -> Period:
    """The window in force (empty, i.e. false, when none is)."""
    return _PERIOD.get()


@contextmanager
def between(since=None, until=None) -> Iterator[Period]:
    """Read the graph as of `since`..`until` (ISO YYYY, YYYY-MM or YYYY-MM-DD, inclusive;
    either may be None) inside the block. Raises EcographError for a malformed date."""
    token = _PERIOD.set(period(since, until))
    try:
        yield _PERIOD.get()
    finally:
        _PERIOD.reset(token)


def timed(G):
    """`G` (shaped like `store.to_networkx()`) as seen through the window in force."""
    p = current_period()
    return within(G, p) if p else G
