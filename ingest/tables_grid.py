"""Flattened PDF tables of clusters: header → rows → cells.

When a PDF table is turned into text, each table line becomes one text line with the cells of
that line side by side or (more often, in this genre) one text line per cell line, so the cells of
a row come one after the other: name lines, year, sector, specialisation, the members cell, the
region. Nothing marks a cell boundary, but three things are reliable:
- the header names the columns and their order ("Cluster / year of creation, Sector,
  Specialisation, Members, Region") and is repeated after each page break;
- the members column is the wide one: its lines are much longer than any other cell's lines;
- the name cell ends with the creation year when there is a year column, and the region cell is
  made of place names.
Everything here works on those signals, never on the words of one particular table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecograph.ids import fold

from .tables_items import Clean
from .tables_vocab import PLACE_WORDS, place_index, place_tokens, sector_index, term_key


@dataclass
class Line:
    start: int
    end: int
    text: str
    after_break: bool = False   # a repeated header (page break) came just before


@dataclass
class Row:
    name: list[Line] = field(default_factory=list)
    pre: list[Line] = field(default_factory=list)       # narrow cells between name and members
    members: list[Line] = field(default_factory=list)
    region: list[Line] = field(default_factory=list)
    year: int | None = None
    year_line: Line | None = None


@dataclass
class Table:
    columns: list[str]
    header: tuple[int, int]
    rows: list[Row]
    span: tuple[int, int]


_COLUMN_WORDS = {
    "name": {"cluster", "clusters", "name", "nom", "pole", "poles", "organisation", "organization", "initiative"},
    "year": {"year", "years", "creation", "created", "date", "founded", "foundation", "annee", "fondation", "since"},
    "sector": {"sector", "sectors", "secteur", "secteurs", "industry", "filiere", "filieres"},
    "spec": {"specialisation", "specialization", "specialisations", "specializations", "specialite", "specialty",
             "activities", "activity", "activite", "activites", "domaine", "domaines", "field", "fields", "focus",
             "products", "produits", "description", "objectives", "objectifs"},
    "members": {"members", "member", "membres", "membre", "composition", "adherents", "actors", "acteurs"},
    "region": {"region", "regions", "location", "localisation", "city", "ville", "headquarters", "siege", "place",
               "lieu", "implantation"},
}
_HEADER_FILLER = {"of", "and", "the", "de", "du", "des", "et", "la", "le", "les", "main", "principaux",
                  "principales", "number", "no", "n", "type", "key"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
          r"janvier|fevrier|février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|novembre|decembre|décembre)"
_TERMINATOR = re.compile(r"^(?:sources?\s*:|notes?\s*:|source\s|tables?\s+\d|tableau\s+\d|figure\s+\d|fig\.\s*\d)", re.I)
_CONNECTOR = {"and", "et", "&", "or"}


def _lines(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        s = raw.strip()
        if s:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(a + lead, a + lead + len(s), s))
    return out


def _header_kind(line: str) -> set[str] | None:
    """The columns a line names, or None if it is not a header line."""
    words = [fold(w) for w in _WORD.findall(line)]
    if not words or len(words) > 14:
        return None
    cols = set()
    prev = ""
    for w in words:
        hit = next((c for c, ws in _COLUMN_WORDS.items() if w in ws), None)
        if hit is None:
            if w not in _HEADER_FILLER:
                return None
        elif not (hit == "name" and prev in ("of", "de", "des", "du")):  # "Members of clusters"
            cols.add(hit)
        prev = w
    return cols


def _column_order(block: list[Line]) -> list[str]:
    order: list[str] = []
    prev = ""
    for ln in block:
        for w in (fold(x) for x in _WORD.findall(ln.text)):
            hit = next((c for c, ws in _COLUMN_WORDS.items() if w in ws), None)
            if hit and not (hit == "name" and prev in ("of", "de", "des", "du")) and hit not in order:
                order.append(hit)
            prev = w
    # The name and year share the first column ("Cluster/ year of creation") when they are adjacent.
    return order


def _header_blocks(lines: list[Line]) -> list[tuple[int, int, list[str]]]:
    """(first, last+1, column order) for each run of header lines naming a members or region column."""
    out = []
    i = 0
    while i < len(lines):
        cols = _header_kind(lines[i].text)
        if cols is None:
            i += 1
            continue
        j = i
        allc: set[str] = set()
        while j < len(lines) and (c := _header_kind(lines[j].text)) is not None:
            allc |= c
            j += 1
        if len(allc) >= 3 and ("members" in allc or {"sector", "region"} <= allc) and "name" in allc:
            out.append((i, j, _column_order(lines[i:j])))
        i = j
    return out


def place_like(text: str) -> bool:
    """A line made only of place names and words that go with them ("Agadir region,", "park, Rabat")."""
    toks = term_key(text).split()
    if not toks:
        return False
    pt = place_tokens()
    return all(t in pt or t in PLACE_WORDS for t in toks)


def places_in(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, canonical, kind) of gazetteer places in text, longest match first."""
    idx = place_index()
    toks = [(m.start(), m.end(), term_key(m.group())) for m in re.finditer(r"[\w'’]+", text)]
    out = []
    k = 0
    while k < len(toks):
        hit = None
        for n in range(min(5, len(toks) - k), 0, -1):
            key = " ".join(t[2] for t in toks[k:k + n])
            if key in idx:
                hit = (n, idx[key])
                break
        if hit:
            n, (canon, kind) = hit
            nxt = toks[k + n][2] if k + n < len(toks) else ""
            if nxt in ("region", "province", "regions", "wilaya") and kind == "city":
                kind = "region"
            out.append((toks[k][0], toks[k + n - 1][1], canon, kind))
            k += n
        else:
            k += 1
    return out


def sectors_prefix(text: str) -> list[tuple[int, int, str]]:
    """Sector terms at the start of text, joined by and/&/commas: 'Electronics and Mechatronics'.
    Stops at the first word that is not part of a known sector (the specialisation cell)."""
    idx = sector_index()
    toks = [(m.start(), m.end(), fold(m.group())) for m in re.finditer(r"[\w'’&]+", text)]
    out = []
    k = 0
    while k < len(toks):
        hit = None
        for n in range(min(4, len(toks) - k), 0, -1):
            key = term_key(text[toks[k][0]:toks[k + n - 1][1]])
            if key in idx:
                hit = n
                break
        if hit is None:
            break
        out.append((toks[k][0], toks[k + hit - 1][1], idx[term_key(text[toks[k][0]:toks[k + hit - 1][1]])]))
        k += hit
        gap = text[toks[k - 1][1]:toks[k][0]] if k < len(toks) else ""
        if k < len(toks) and toks[k][2] in _CONNECTOR:
            k += 1
        elif "," in gap or "/" in gap:
            continue
        else:
            break
    return out


def find_tables(text: str) -> list[Table]:
    lines = _lines(text)
    blocks = _header_blocks(lines)
    tables: list[Table] = []
    used_until = -1
    for bi, (h0, h1, cols) in enumerate(blocks):
        if h0 <= used_until:
            continue  # a repeated header inside a table already read
        if "members" not in cols and "region" not in cols:
            continue
        body: list[Line] = []
        widest = 0
        k = h1
        brk = False
        end_k = h1
        while k < len(lines):
            ln = lines[k]
            # a repeated header (page break): skip it, remember the break
            rep = next((b for b in blocks if b[0] == k), None)
            if rep is not None:
                k = rep[1]
                brk = True
                continue
            if _TERMINATOR.match(ln.text):
                break
            if len(body) >= 5 and len(ln.text) > 75 and len(ln.text) > 1.3 * widest:
                break  # running text again
            body.append(Line(ln.start, ln.end, ln.text, after_break=brk))
            brk = False
            widest = max(widest, len(ln.text))
            k += 1
            end_k = k
        used_until = end_k
        if len(body) < 4:
            continue
        rows = _rows(body, cols)
        if rows:
            tables.append(Table(columns=cols, header=(lines[h0].start, lines[h1 - 1].end), rows=rows,
                                span=(lines[h0].start, body[-1].end)))
    return tables


def _ends_sentence(s: str) -> bool:
    return bool(re.search(r"(?<!\betc)(?<!\bInc)[.!]\)?$", s.strip())) or s.strip().endswith("etc.")


def _rows(body: list[Line], cols: list[str]) -> list[Row]:
    """Cut the body into rows (see the module docstring for the signals used)."""
    width = max(len(b.text) for b in body)
    if width < 30:
        return []
    wide = lambda ln: len(ln.text) >= 0.6 * width  # noqa: E731
    has_year = "year" in cols
    post = cols[cols.index("members") + 1:] if "members" in cols else []
    rows: list[Row] = []
    i, n = 0, len(body)
    while i < n:
        row = Row()
        # -- name cell: up to the year (or to a line with an acronym / cluster cue without a year column)
        while i < n and not wide(body[i]):
            ln = body[i]
            row.name.append(ln)
            i += 1
            m = _YEAR.search(ln.text)
            if has_year and m:
                row.year, row.year_line = int(m.group(1)), ln
                break
            if not has_year and re.search(r"\([A-Z0-9]{2,}\)\s*$|\b[Cc]luster\b|\b[Pp][oô]le\b", ln.text):
                break
            if len(row.name) > 10:
                break
        if has_year and row.year is None:
            if i < n and wide(body[i]):  # lost the row structure: skip this members block
                while i < n and wide(body[i]):
                    i += 1
            continue
        # -- narrow cells before the members (sector, specialisation)
        while i < n and not wide(body[i]):
            if _YEAR.fullmatch(body[i].text.strip()):
                break
            row.pre.append(body[i])
            i += 1
        if i >= n or not wide(body[i]):
            continue  # no members cell: not a row this parser understands
        # -- members: the wide lines, the short last line of the cell, continuations after page breaks
        while i < n:
            while i < n:
                ln = body[i]
                if wide(ln):
                    row.members.append(ln)
                    i += 1
                    continue
                last = row.members[-1].text if row.members else ""
                if _ends_sentence(last):
                    break
                if place_like(ln.text) and not _ends_sentence(ln.text):
                    break
                row.members.append(ln)
                i += 1
                if _ends_sentence(ln.text):
                    break
            # -- region: leading place-like narrow lines
            if "region" in post:
                while i < n and not wide(body[i]) and place_like(body[i].text):
                    row.region.append(body[i])
                    i += 1
            # a wide line right after is the same members cell going on (page break, early full stop)
            if i < n and wide(body[i]):
                continue
            break
        # a bare country after a city is more likely the first word of the next name ("Morocco Numeric")
        while len(row.region) > 1 and _only_country(row.region[-1].text):
            row.region.pop()
            i -= 1
        if row.region and not places_in(" ".join(r.text for r in row.region)):
            i -= len(row.region)
            row.region = []
        rows.append(row)
    return rows


def _only_country(s: str) -> bool:
    ps = places_in(s)
    return len(ps) == 1 and ps[0][3] == "country" and term_key(s) == term_key(ps[0][2]) or \
        (len(ps) == 1 and ps[0][3] == "country" and len(term_key(s).split()) == 1)


def name_cell(text: str, row: Row) -> tuple[Clean, int, int, str | None]:
    """Clean name cell without year, month and slash; the (ACR) in it becomes an alias."""
    c = Clean(text, [(ln.start, ln.end) for ln in row.name])
    s = c.s
    j = len(s)
    m = re.search(r"(?:[/,–-]\s*)?(?:" + _MONTHS + r"\s+)?(?:1[89]\d{2}|20\d{2})\s*$", s, re.I)
    if m:
        j = m.start()
    m = re.search(r"\s*/\s*$", s[:j])
    if m:
        j = m.start()
    alias = None
    m = re.search(r"\s*\(([A-Z][A-Za-z0-9&-]{1,9})\)\s*$", s[:j])
    if m:
        alias = m.group(1)
        j = m.start()
    i = 0
    while i < j and s[i] in " /-":
        i += 1
    return c, i, j, alias
