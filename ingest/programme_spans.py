"""Spans the name chunker reads apart from capitalised runs: a title in quotes (« le projet « croissance
verte » »), a country's named programme ("Morocco's cluster program"), and an event's name without its
host city ("Sahel Expo d'Alger" is the Sahel Expo, in Algiers)."""
from __future__ import annotations

from ecograph.kinds import CONNECTORS, classify
from .gazetteers import places
from .names import _QUOTES_OPEN
from .tokens import fold_tokens


_TITLED_BY = {"projet", "programme", "project", "program", "initiative"}


def _before_bracket(toks, i: int, j: int) -> int:
    """The title before its own bracketed acronym inside the quotes: « croissance verte (CVE) »."""
    return j - 3 if j - i > 3 and toks[j - 3].f == "(" and toks[j - 1].f == ")" else j


def _quoted(toks, a, b) -> list[tuple[int, int]]:
    out = []
    k = a
    while k < b:
        close = _QUOTES_OPEN.get(toks[k].text)
        if close is None:
            k += 1
            continue
        end = next((m for m in range(k + 1, min(b, k + 11))
                    if toks[m].text in (close, "\u201d", "\u2019", '"', "\u00bb")), None)
        if end is None or end - k < 2:
            k += 1
            continue
        inner = toks[k + 1:end]
        content = [t for t in inner if t.f not in CONNECTORS and t.text.isalnum()]
        # a title in quotes after the programme noun it names may be in sentence case: « le projet
        # « croissance verte pour l'emploi (CVE) » »
        titled = k > a and toks[k - 1].f in _TITLED_BY
        if inner and (titled or inner[0].cap and content and sum(t.cap for t in content) * 2 >= len(content)) \
                and not any(t.f in (".", "?", "!", ";") for t in inner):
            out.append((k + 1, _before_bracket(toks, k + 1, end)))
        k = end + 1
    return out


def _national_programmes(toks, a, b) -> list[tuple[int, int]]:
    """'Morocco's cluster program', 'the Moroccan cluster programme': a country's named programme."""
    out = []
    pl, dem = places()
    for k in range(a, b - 2):
        if not toks[k].cap:
            continue
        start = None
        if toks[k].f in dem:
            start, n = k, k + 1
        elif toks[k].f in pl and pl[toks[k].f].kind == "country" and toks[k + 1].f == "'" and toks[k + 2].f == "s":
            start, n = k, k + 3
        if start is None:
            continue
        m = n
        while m < min(b, n + 2) and toks[m].text.isalpha() and toks[m].text.islower() and toks[m].f not in CONNECTORS:
            if toks[m].f in ("program", "programme"):
                break
            m += 1
        if m > n and m < b and toks[m].f in ("program", "programme"):
            out.append((start, m + 1))
    return out


_EVENT_BEFORE = {"salon", "fair", "forum", "foire", "expo", "exhibition", "show", "congres", "congress", "summit",
                 "sommet"}


def _trim_event_city(toks, i: int, j: int) -> int:
    """'(salon) Sahel Expo d'Alger', 'Africa Digital Summit d'Alger': the host city is not in an event's name."""
    if j - i < 3 or toks[j - 2].f not in ("d'", "de") or " ".join(fold_tokens(toks[j - 1].text)) not in places()[0]:
        return j
    head = " ".join(t.f for t in toks[i:j - 2])
    if classify(head)[1] == "event" or (i > 0 and toks[i - 1].f in _EVENT_BEFORE):
        return j - 2
    return j
