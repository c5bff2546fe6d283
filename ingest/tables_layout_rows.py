"""Rows of a fixed-width layout table (`tables_layout`): body lines → rows → cells per column.

A row is one or a few lines; a cell wraps onto later lines at its column's position, so a
continuation line has text in some columns only. Whether a line opens a new row is weighed from
its form (`_starts_row`), never from the words of one table:
- a single-valued cell (year, country, sector) that the row already has and that does not go on
  from it ("Greece" under "Tunisia") opens a row; such a cell left empty where the row has it
  filled marks a continuation line; a year weighs most, since a year never wraps;
- a name cell line that ends the name above ("… Valley" / "Cluster (TVC)", "… de" / "l'Oriental")
  continues the row; a line without a name continues it too unless a new year opens a row;
- a table whose rows are separated by blank lines (and not every line) is cut at the blank lines;
- when the first body line has no name, the cells are centred in their rows: the lines after a
  row's last name line that start a cell afresh go to the next row (`_recentre`).
In a list column written one name per line (no comma in any of its cells), a line break that the
column width did not force ends an item (`_seps`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecograph.ids import fold

from .tables_lines import _CLOSERS, _CUE_WORDS, _OPEN_WORDS
from .tables_vocab import is_place

__all__ = ["Column", "LayoutRow", "Line", "Run", "rows"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_KEY_WEIGHT = {"year": 3.0, "region": 2.0, "sector": 1.0}   # single-valued cells: see `_starts_row`
_LISTS = {"members", "funders", "support"}


@dataclass
class Column:
    kind: str | None          # a key of _WORDS, or None for a column no relation reads ("Jobs")
    x: int                    # display column where its cells start
    words: list[str] = field(default_factory=list)


@dataclass
class Run:
    x0: int                   # display columns (tabs expanded)
    x1: int
    a: int                    # document offsets
    b: int


@dataclass
class Line:
    start: int
    end: int
    runs: list[Run]
    gap: bool = False         # a blank line came before it
    cells: dict[int, list[Run]] = field(default_factory=dict)
    fields: list[Run | None] = field(default_factory=list)   # the line cut at tabs


@dataclass
class LayoutRow:
    cells: dict[str, list[tuple[int, int]]]   # column kind -> document pieces, one per line, in order
    span: tuple[int, int]                     # first to last character of the row's lines
    seps: dict[str, set[int]] = field(default_factory=dict)  # kind -> i: a list item ends with piece i


def _cell_text(text: str, runs: list[Run]) -> str:
    return " ".join(text[r.a:r.b] for r in runs)


def _continues(prev: str, cur: str) -> bool:
    """The cell text cur goes on with prev: prev ends open (comma, hyphen, connector) or cur
    starts as no cell starts (lower case, a parenthesis, an ampersand)."""
    prev, cur = prev.rstrip(), cur.lstrip()
    if not prev or not cur:
        return False
    if prev[-1] in ",;:/&-–(" or cur[0] in "(&)" or cur[0].islower():
        return True
    last = _WORD.findall(prev)
    return bool(last) and fold(last[-1]) in _OPEN_WORDS


def _name_continues(prev: str, cur: str) -> bool:
    """A name cell line that ends the name above it (prev: the row's name cell so far): besides
    `_continues`, one that starts with a word that closes names ("Cluster", "Association", "Group")
    under a name that has no cluster word yet; nothing goes on after "(ACRONYM)"."""
    if _continues(prev, cur):
        return True
    if re.search(r"\([A-Z][A-Za-z0-9&-]{1,9}\)$", prev.rstrip()):
        return False  # an acronym closes the name above
    first = _WORD.findall(cur)
    had = {fold(w) for w in _WORD.findall(prev)}
    return bool(first) and fold(first[0]) in (_CLOSERS | _CUE_WORDS) and not had & _CUE_WORDS


def _starts_row(text: str, ln: Line, row: dict[int, list[Run]], kinds: dict[int, str], name: int) -> bool:
    """Does this line open a new row? Evidence adds up: a single-valued cell (year, country,
    sector) that the row already has and that does not go on from it opens one; a line with such
    a cell empty where the row has it filled is a continuation line; a name that ends the name
    above (or a line without a name) continues the row."""
    score = 0.0
    for k, kind in kinds.items():
        w = _KEY_WEIGHT.get(kind)
        if w is None:
            continue
        if k in ln.cells:
            if k in row and not (kind != "year" and _continues(_cell_text(text, row[k][-1:]),
                                                                _cell_text(text, ln.cells[k]))):
                score += w
        elif k in row:
            score -= w
    if name in ln.cells:
        if name not in row:
            score -= 4.0  # the row's name is still to come (cells centred vertically)
        elif _name_continues(_cell_text(text, row[name]), _cell_text(text, ln.cells[name])):
            score -= 3.0
        else:
            score += 1.0
    else:
        score -= 2.0
    return score > 0


def _section(s: str) -> bool:
    return is_place(s) or len(s.split()) >= 2 and s.isupper() and "(" not in s


def _recentre(text: str, groups: list[list[Line]], name: int) -> None:
    """Cells centred (or bottom-aligned) in their row: the first body line has no name, so a
    row's cells also start above its name line. The lines after a row's last name line go to the
    next row from the first one that starts a cell afresh: the line above it in every column it
    fills ended closed (no comma, no connector) and it does not start in lower case."""
    for g, nxt in zip(groups, groups[1:]):
        last = max((n for n, ln in enumerate(g) if name in ln.cells), default=len(g) - 1)
        for n in range(last + 1, len(g)):
            fresh = all(not _continues(_cell_text(text, _above(g, n, k)), _cell_text(text, rs))
                        for k, rs in g[n].cells.items())
            if fresh:
                nxt[:0] = g[n:]
                del g[n:]
                break


def _above(g: list[Line], n: int, k: int) -> list[Run]:
    return next((ln.cells[k][-1:] for ln in reversed(g[:n]) if k in ln.cells), [])


def _seps(text: str, runs: list[Run], width: int | None) -> set[int]:
    """Line breaks of a list cell that end an item, in a column written one name a line (no comma
    in any of its cells): the line above does not end open, the next does not start in lower case
    or with a word that closes names ("Group", "University"), and, when the column has a right
    edge (not the last), the next line's first word would have fitted on the line above, so the
    break was chosen, not forced. "Islamic" / "Development Bank" in a narrow column stays one name."""
    cell = [text[r.a:r.b] for r in runs]
    out = set()
    for i in range(len(runs) - 1):
        first = cell[i + 1].split()[0]
        if (width is None or len(cell[i]) + 1 + len(first) <= width) and not _continues(cell[i], cell[i + 1]) \
                and fold(first) not in _CLOSERS:
            out.add(i)
    return out


def rows(text: str, body: list[Line], cols: list[Column], tabbed: bool = False) -> list[LayoutRow]:
    """The rows of a table body whose lines have their cells (`Line.cells`) by column index."""
    kinds = {k: c.kind for k, c in enumerate(cols) if c.kind}
    name = next(k for k, c in kinds.items() if c == "name")
    gaps = sum(1 for ln in body[1:] if ln.gap)
    # rows separated by blank lines (but not every line double-spaced): a blank line cuts a row
    blank_mode = gaps >= 2 and gaps <= 0.8 * (len(body) - 1)
    groups: list[list[Line]] = []
    cur: dict[int, list[Run]] = {}
    section = False
    for ln in body:
        if set(ln.cells) == {name} and _section(_cell_text(text, ln.cells[name])) and \
                not (name in cur and _continues(_cell_text(text, cur[name]), _cell_text(text, ln.cells[name]))):
            section = True   # "Tunisia" or "NORTH AFRICA" alone: a heading that groups the rows below
            continue
        new = not groups or section or (blank_mode and ln.gap) or _starts_row(text, ln, cur, kinds, name)
        section = False
        if new:
            groups.append([])
            cur = {}
        groups[-1].append(ln)
        for k, rs in ln.cells.items():
            cur.setdefault(k, []).extend(rs)
    if name not in body[0].cells:
        _recentre(text, groups, name)
    # a group without a name is the end of the row before it (a page break, a wrapped cell)
    merged: list[list[Line]] = []
    for g in groups:
        if merged and not any(name in ln.cells for ln in g):
            merged[-1].extend(g)
        else:
            merged.append(g)
    # how wide a line of each column may be: to the next column, two spaces apart (the last column
    # has no right edge)
    widths: dict[int, int | None] = {k: None if tabbed or k + 1 == len(cols) else cols[k + 1].x - cols[k].x - 2
                                     for k in kinds}
    commas = {k for ln in body for k, rs in ln.cells.items() for r in rs if re.search(r"[,;]", text[r.a:r.b])}
    out = []
    for g in merged:
        runs: dict[int, list[Run]] = {}
        for ln in g:
            for k, rs in sorted(ln.cells.items()):
                if k in kinds:
                    runs.setdefault(k, []).extend(rs)
        if name in runs:
            out.append(LayoutRow({kinds[k]: [(r.a, r.b) for r in rs] for k, rs in runs.items()},
                                 (g[0].start, g[-1].end),
                                 {kinds[k]: _seps(text, rs, widths[k]) for k, rs in runs.items()
                                  if kinds[k] in _LISTS and k not in commas and not tabbed}))
    return out
