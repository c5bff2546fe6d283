"""Flattened PDF tables of clusters: header → body → rows (`tables_rows`) → cells.

When a PDF table is turned into text, each table line becomes one text line with the cells of
that line side by side or (more often, in this genre) one text line per cell line, so the cells of
a row come one after the other: name lines, year, sector, specialisation, the members cell, the
region. Nothing marks a cell boundary. This module finds the tables: a header that names the
columns and their order ("Cluster / year of creation, Sector, Specialisation, Members, Region",
"Pôle / année de création, Secteur, Membres, Région", "Name Region Sector Members"), repeated
after each page break, and the body up to a source note or running text again. `tables_rows`
cuts the body into rows and cells from the form of each line (a year closing the name, sector
terms, place names, comma-separated names, wide lines), never from the words of one table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ecograph.ids import fold

from .tables_items import Clean
from .tables_lines import _MONTHS, Line
from .tables_rows import Row, rows
from .tables_vocab import place_like, places_in, sectors_prefix

__all__ = ["Line", "Row", "Table", "find_tables", "name_cell", "place_like", "places_in", "sectors_prefix"]


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
_MAX_BODY = 1500   # body lines of one table (the longest seen: about 220, over three pages)
_TERMINATOR = re.compile(r"^(?:sources?\s*:|notes?\s*:|source\s|tables?\s+\d|tableau\s+\d|figure\s+\d|fig\.\s*\d)", re.I)


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
            if len(body) >= _MAX_BODY:
                break  # no table of the genre is this long: keep the row segmentation's cost bounded
            body.append(Line(ln.start, ln.end, ln.text, after_break=brk))
            brk = False
            widest = max(widest, len(ln.text))
            k += 1
            end_k = k
        used_until = end_k
        if len(body) < 4:
            continue
        found = rows(body, cols)
        if found:
            tables.append(Table(columns=cols, header=(lines[h0].start, lines[h1 - 1].end), rows=found,
                                span=(lines[h0].start, body[-1].end)))
    return tables


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
