"""Dates: the ISO partial dates documents carry (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), the
years a sentence states ("signed in 2019", « depuis 2016 »), and the time window
(`--since` / `--until`) queries, maps and exports are read through.

A partial date stands for an interval ("2019-05" is the whole of May 2019); a window
keeps what overlaps it. Dates are never guessed: text that is not clearly one date
(e.g. "03/04/2021", day or month first?) is refused, and the caller warns.
"""
from __future__ import annotations

import calendar
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterable, Iterator

from .errors import EcographError

# Month names in the two languages we read; abbreviations are their first three letters
# (French "juil"/"juin" need four, "sept" is common): matched as prefixes of these.
_MONTHS = {
    **{m.lower(): i for i, m in enumerate(calendar.month_name) if m},
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_WORD = r"([^\W\d_]{3,10})\.?"
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th|er)?\s+" + _WORD + r",?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_YEAR = re.compile(_WORD + r",?\s+(\d{4})")
MIN_YEAR, MAX_YEAR = 1800, 2199


def _month(word: str) -> int | None:
    word = word.lower()
    if word in _MONTHS:
        return _MONTHS[word]
    hits = {n for name, n in _MONTHS.items() if len(word) >= 3 and name.startswith(word)}
    return hits.pop() if len(hits) == 1 else None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(value) -> str | None:
    """An ISO partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) from what a document or a
    manifest states: ISO dates and timestamps, "4 March 2021", "March 4, 2021", "4 mars
    2021", "March 2021", a bare year. None when it is not clearly one date."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _iso(value)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > 64:
        return None
    m = _ISO.fullmatch(text)
    if m:
        y, mo, d = m.groups()
        return _iso(int(y), int(mo) if mo else None, int(d) if d else None)
    m = _DAY_MONTH_YEAR.fullmatch(text)
    if m and _month(m.group(2)):
        return _iso(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
    m = _MONTH_DAY_YEAR.fullmatch(text)
    if m and _month(m.group(1)):
        return _iso(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
    m = _MONTH_YEAR.fullmatch(text)
    if m and _month(m.group(1)):
        return _iso(int(m.group(2)), _month(m.group(1)))
    return None


def bounds(date: str) -> tuple[str, str]:
    """The first and last day a partial ISO date covers: "2019-05" -> ("2019-05-01", "2019-05-31")."""
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = parts[1]
    if len(parts) == 2:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return date, date


# --- years a sentence states ------------------------------------------------------------

# A year counts when a time word introduces it ("in 2019", "since 2016", « depuis 2016 »,
# « en 2021 », "from 2018 to 2020"), possibly through a month or season ("in March 2019",
# « en mars 2021 », "in early 2020"): a bare number ("2019 members") is no date, nor is a
# name ending in one ("in Horizon 2020": Horizon is neither a month nor a season).
_CUES = (r"in|on|since|from|until|till|to|by|during|as\s+of|between|and|"
         r"en|le|depuis|dès|à\s+partir\s+de|jusqu['’]en|entre|et|au\s+cours\s+de|courant")
_SEASONS = frozenset("""early late mid spring summer autumn fall winter début debut fin mi
    printemps été ete automne hiver""".split())
_STATED = re.compile(r"(?i)(?<![\w-])(?:" + _CUES + r")\s+(?:l['’])?"
                     r"(?:(\d{1,2})(?:st|nd|rd|th|er)?\s+)?(?:([^\W\d_]{2,10})[.-]?\s*)?"
                     r"((?:1[89]|20|21)\d{2})(?![\w-])")


def stated_years(sentence: str) -> list[int]:
    """Years the sentence states as the time of something, sorted, each once."""
    years = set()
    for m in _STATED.finditer(sentence or ""):
        word = (m.group(2) or "").lower()
        if word and word not in _SEASONS and _month(word) is None:
            continue
        if m.group(1) and not word:   # "in 12 2019" is no date
            continue
        years.add(int(m.group(3)))
    return sorted(years)


# --- the time window ------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """`since` / `until` as ISO partial dates (either may be None): inclusive, so
    until="2019" keeps all of 2019."""
    since: str | None = None
    until: str | None = None

    def __bool__(self) -> bool:
        return self.since is not None or self.until is not None

    def overlaps(self, first: str, last: str) -> bool:
        """Does the interval of dates [first, last] (partial ISO dates) meet the window?"""
        if self.since is not None and bounds(last)[1] < bounds(self.since)[0]:
            return False
        if self.until is not None and bounds(first)[0] > bounds(self.until)[1]:
            return False
        return True

    def describe(self) -> str:
        return " ".join(p for p in (self.since and f"since {self.since}",
                                    self.until and f"until {self.until}") if p)


def period(since=None, until=None) -> Period:
    """A checked window from what a researcher typed ("2019", "2019-05", 2019)."""
    out = []
    for name, value in (("since", since), ("until", until)):
        if value is None or value == "":
            out.append(None)
            continue
        d = parse_date(value if isinstance(value, int) else str(value).strip())
        if d is None or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", str(value).strip()):
            raise EcographError(f"--{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        out.append(d)
    p = Period(*out)
    if p.since and p.until and bounds(p.since)[0] > bounds(p.until)[1]:
        raise EcographError(f"--since {p.since} is after --until {p.until}")
    return p


def evidence_dates(sentence: str, published: str | None) -> list[str]:
    """When one evidence record places its relation: the years its sentence states, else
    its document's publication date; [] when neither is known."""
    years = stated_years(sentence)
    if years:
        return [f"{y:04d}" for y in years]
    return [published] if published else []


def span(dates: Iterable[str]) -> tuple[str | None, str | None]:
    """(earliest, latest) of partial ISO dates, compared by the days they start and end."""
    dates = [d for d in dates if d]
    if not dates:
        return None, None
    return min(dates, key=lambda d: bounds(d)[0]), max(dates, key=lambda d: bounds(d)[1])


# --- time on relations --------------------------------------------------------------------

def relation_time(evidence: Iterable[dict], documents: dict[str, dict]) -> dict[str, object]:
    """When a relation is seen: `first_seen` / `last_seen`, the earliest and latest
    publication dates of its evidence documents (None when none states one), and `years`,
    those its evidence sentences state."""
    published, years = [], set()
    for e in evidence:
        d = (documents.get(e.get("document")) or {}).get("published")
        if d:
            published.append(d)
        years.update(stated_years(e.get("sentence", "")))
    first, last = span(published)
    return {"first_seen": first, "last_seen": last, "years": sorted(years)}


def evidence_in(period: Period, evidence: dict, documents: dict[str, dict]) -> bool:
    """Does one evidence record place its relation inside `period`? Its dates are the
    years its sentence states, else its document's publication date; a record with
    neither is outside every window (it cannot be placed in time)."""
    published = (documents.get(evidence.get("document")) or {}).get("published")
    return any(period.overlaps(d, d) for d in evidence_dates(evidence.get("sentence", ""), published))


def within(G, period: Period):
    """A copy of a `store.to_networkx()`-shaped graph keeping only the evidence records
    inside `period`, and the relations left with at least one (every node stays)."""
    import networkx as nx
    docs = G.graph.get("documents") or {}
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, k, a in G.edges(keys=True, data=True):
        kept = [e for e in a.get("evidence") or [] if evidence_in(period, e, docs)]
        if kept:
            H.add_edge(u, v, key=k, **{**a, "evidence": kept,
                                       "confidence": max(float(e.get("confidence") or 0) for e in kept)})
    return H


# --- the time window every query reads through ----------------------------------------
# Set once around a call (the CLI's --since/--until, `Graph.between`), read where the
# graph is read (`queries.view.GraphView`, `visualizations.exports`), so every query, map and export gets it without a
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
