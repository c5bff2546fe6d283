"""Fixed-width layout tables (`pdftotext -layout`, plain-text reports): header → columns → rows → cells.

In this form one table row is one or a few text lines, and the cells of a line stand side by side,
aligned in columns and separated by runs of two or more spaces:

    Cluster               Country   Est.   Sector       Main funders     Anchor members
    Thessaly Food Valley  Greece    2015   Agri-food    EU, Region of    Olive Mills SA, Pelion
    Cluster (TFVC)                                      Thessaly         Dairy, Volos Packaging

A cell may wrap onto the next lines at the same column position; a continuation line has text only
in some columns. The reading is positional, never by the words of one table:
- the header is a line whose runs are column words (`_WORDS`, English and French), naming a name
  column and at least one column that carries a relation; a header word may wrap onto the line
  below ("Main" / "funders"); a repeated header (page break) gives the columns again;
- each run of a body line goes to the column whose start is the nearest at or before it; the
  column starts are the header's, moved left to where the body's cells actually start when the
  header is centred over its column;
- a line starts a new row when its single-valued cells (year, country, sector) are new rather
  than the continuation of the row's cells, and its name cell is not the wrapped end of the
  previous name (`_starts_row`); a table whose rows are separated by blank lines is cut there;
- the body ends at a source note, a caption, or a prose line (one run across several columns).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ecograph.ids import fold

from .tables_grid import _COLUMN_WORDS, _HEADER_FILLER, _TERMINATOR
from .tables_items import _QUANTITY, Clean, name_test
from .tables_rows import _CLOSERS, _CUE_WORDS, _OPEN_WORDS, sectors_prefix
from .tables_vocab import GENERIC, is_place, sector_index, term_key

__all__ = ["CellText", "Column", "LayoutRow", "LayoutTable", "find_layout_tables", "layout_name", "layout_sectors"]

# Column words of layout tables: the flattened-table words plus the columns that only this form
# carries in the genre (funders, support partners) and the short headers of narrow columns
# ("Est.", "Country", "Pays"). Kept apart from `tables_grid._COLUMN_WORDS` because the flattened
# parser cuts cells by the header's column order and has no cell model for these columns.
_WORDS: dict[str, set[str]] = {k: set(v) for k, v in _COLUMN_WORDS.items()}
_WORDS["name"] |= {"technopole", "technopoles", "clusters", "organisations", "organizations"}
_WORDS["year"] |= {"est", "estab", "established", "launched", "launch", "lancement", "inception"}
_WORDS["region"] |= {"country", "countries", "pays", "governorate", "province", "wilaya", "town", "based", "base"}
_WORDS["sector"] |= {"industries", "domain", "domaine"}
_WORDS["spec"] -= {"domaine"}
_WORDS["members"] |= {"membership", "companies", "entreprises", "firms"}
_WORDS["funders"] = {"funders", "funder", "funding", "funded", "financeurs", "financeur", "financement",
                     "financements", "finance", "financed", "finances", "financiers", "donors", "donor",
                     "bailleurs", "sponsors", "sponsor"}
_WORDS["support"] = {"support", "supporters", "supported", "supporting", "partners", "partner", "partenaires",
                     "partenaire", "accompagnement", "accompagnateurs", "appui", "soutien", "backers"}
_FILLER = _HEADER_FILLER | {"anchor", "lead", "leading", "by", "par", "s", "fonds", "d", "l", "a", "in", "en"}
# When one header cell holds words of several kinds, the most specific wins: "Funding partners" is
# a funders column, "Member companies" and "Cluster members" a members column, "Year of creation"
# a year column, and "Cluster" alone the name column.
_PRIORITY = ("funders", "members", "support", "year", "region", "sector", "spec", "name")
RELATION_COLS = {"region", "sector", "members", "funders", "support"}
_KEY_WEIGHT = {"year": 3.0, "region": 2.0, "sector": 1.0}   # single-valued cells: see `_starts_row`
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_RUN = re.compile(r"\S+(?: \S+)*")     # words joined by single spaces: two spaces or a tab end a cell
_PAGE_NO = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$", re.I)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_RULE = re.compile(r"^[\s\-=_─━═+|*~.]+$")   # a ruled line above, below or inside a table
_MAX_BODY = 600


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
class _Line:
    start: int
    end: int
    runs: list[Run]
    gap: bool = False         # a blank line came before it
    cells: dict[int, list[Run]] = field(default_factory=dict)


@dataclass
class LayoutRow:
    cells: dict[str, list[tuple[int, int]]]   # column kind -> document pieces, one per line, in order
    span: tuple[int, int]                     # first to last character of the row's lines


@dataclass
class LayoutTable:
    columns: list[Column]
    rows: list[LayoutRow]
    span: tuple[int, int]                     # header to last row


# --- lines and runs ------------------------------------------------------------------------------

def _display(raw: str) -> list[int]:
    """Display column of each character: a tab goes to the next stop of 8, a form feed and a
    combining accent take no width, so positions line up as the reader sees them."""
    out, x = [], 0
    for ch in raw:
        out.append(x)
        if ch == "\t":
            x = (x // 8 + 1) * 8
        elif ch in "\f\r\v" or unicodedata.combining(ch):
            continue
        else:
            x += 1
    out.append(x)
    return out


def _physical_lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, raw))
        pos += len(raw) + 1
    return out


def _runs(pos: int, raw: str) -> list[Run]:
    xs = _display(raw)
    return [Run(xs[m.start()], xs[m.end()], pos + m.start(), pos + m.end()) for m in _RUN.finditer(raw)]


# --- the header ----------------------------------------------------------------------------------

def _run_words(text: str, r: Run) -> list[str]:
    # a parenthesis qualifies a header cell ("Cluster (acronym)", "Funding (EUR m)"): not its name
    return [fold(w) for w in _WORD.findall(re.sub(r"\([^()]*\)", " ", text[r.a:r.b]))]


def _kind_of(words: list[str]) -> str | None:
    hits = {k for w in words for k, ws in _WORDS.items() if w in ws}
    return next((k for k in _PRIORITY if k in hits), None)


def _headerish(words: list[str]) -> bool:
    """Header words only; one other word may qualify a column word ("Support institutions")."""
    if not words or len(words) > 5:
        return False
    other = [w for w in words if w not in _FILLER and not any(w in ws for ws in _WORDS.values())]
    return not other or len(other) == 1 and len(words) <= 4 and _kind_of(words) is not None


def _header(text: str, runs: list[Run]) -> list[Column] | None:
    """The columns a line names, or None. Most runs are column words; one run in three may be a
    column no relation reads ("Jobs", "Turnover"). The name column and a relation column are needed."""
    if len(runs) < 2:
        return None
    cols, unknown = [], 0
    for r in runs:
        words = _run_words(text, r)
        if len(words) > 5:
            return None   # a header cell is a few words; a longer run is text
        if _headerish(words):
            cols.append(Column(_kind_of(words), r.x0, words))
        else:
            unknown += 1
            cols.append(Column(None, r.x0, ["?"]))
    if unknown * 3 > len(runs):
        return None
    return cols if _usable(cols) else None


def _usable(cols: list[Column]) -> bool:
    kinds = [c.kind for c in cols]
    return "name" in kinds and bool(RELATION_COLS & set(kinds)) and sum(k is not None for k in kinds) >= 2


def _merge_header_line(text: str, cols: list[Column], runs: list[Run]) -> bool:
    """Add a wrapped header line ("Main" over "funders", "Year of" over "creation") to the columns
    it sits under; False when the line is not made of header words placed under the columns."""
    if not runs:
        return False
    placed = []
    for r in runs:
        words = _run_words(text, r)
        if not _headerish(words):
            return False
        k = min(range(len(cols)), key=lambda i: abs(cols[i].x - r.x0))
        if abs(cols[k].x - r.x0) > 3:
            return False
        placed.append((k, words))
    for k, words in placed:
        cols[k].words = cols[k].words + words
        cols[k].kind = _kind_of(cols[k].words) or cols[k].kind
    return True


# --- the body ------------------------------------------------------------------------------------

def _crossings(r: Run, xs: list[int]) -> int:
    return sum(1 for x in xs[1:] if r.x0 < x - 1 and r.x1 > x + 1)


def _prose(ln: _Line, xs: list[int]) -> bool:
    """A line of running text: one run over two column starts, or a long single run over one."""
    if any(_crossings(r, xs) >= 2 for r in ln.runs):
        return True
    return len(ln.runs) == 1 and _crossings(ln.runs[0], xs) >= 1 and ln.runs[0].x1 - ln.runs[0].x0 >= 40


def _starts(cols: list[Column], body: list[_Line]) -> list[int]:
    """Where each column's cells start. A header centred over its column starts to the right of
    the cells: the most frequent start of body runs between the previous header cell and this one
    is the column's real start."""
    counts: dict[int, int] = {}
    for ln in body:
        for r in ln.runs:
            counts[r.x0] = counts.get(r.x0, 0) + 1
    xs = [c.x for c in cols]
    out = []
    for k, c in enumerate(cols):
        lo = out[-1] + 1 if out else -1
        near = [(n, -x) for x, n in counts.items() if lo < x <= c.x and c.x - x <= 12 and n >= 2]
        out.append(-max(near)[1] if near and k > 0 else (min(c.x, min(counts, default=c.x)) if k == 0 else c.x))
    # never past the next header start
    return [min(x, xs[k + 1] - 1) if k + 1 < len(xs) else x for k, x in enumerate(out)]


def _assign(text: str, ln: _Line, xs: list[int]) -> None:
    """Each run goes to the last column starting at or before it (one character of slack). A run
    that reaches over the next column start and has a word starting exactly there is two cells
    printed with one space between them."""
    ln.cells = {}
    todo = list(ln.runs)
    while todo:
        r = todo.pop(0)
        k = max([i for i, x in enumerate(xs) if x <= r.x0 + 1], default=0)
        if k + 1 < len(xs) and r.x1 > xs[k + 1] + 1:
            seg = text[r.a:r.b]
            xd = _display(seg)
            cut = next((i for i in range(1, len(seg)) if seg[i - 1] == " " and abs(r.x0 + xd[i] - xs[k + 1]) <= 1),
                       None)
            if cut is not None:
                ln.cells.setdefault(k, []).append(Run(r.x0, r.x0 + xd[cut - 1], r.a, r.a + cut - 1))
                todo.insert(0, Run(r.x0 + xd[cut], r.x1, r.a + cut, r.b))
                continue
        ln.cells.setdefault(k, []).append(r)


def _body(text: str, lines: list[tuple[int, str]], i: int, cols: list[Column]) -> tuple[list[_Line], int]:
    """Body lines after the header at physical line i, and the index where the table ends."""
    xs = [c.x for c in cols]
    body: list[_Line] = []
    gap = False
    blanks = 0
    k = i
    while k < len(lines) and len(body) < _MAX_BODY:
        pos, raw = lines[k]
        s = raw.strip()
        if not s:
            gap, blanks = True, blanks + 1
            if blanks >= 3 and not _resumes(text, lines, k + 1, cols):
                break
            k += 1
            continue
        blanks = 0
        runs = _runs(pos, raw)
        if _TERMINATOR.match(s):
            break
        again = _header(text, runs)
        if again is not None and {c.kind for c in again} >= {"name"} and _same(again, cols):
            # a repeated header after a page break: the columns may have moved; its wrapped header
            # words above or below are no body lines
            if body and not gap and _merge_header_line(text, again, body[-1].runs):
                body.pop()
            k += 1
            while k < len(lines) and _merge_header_line(text, again, _runs(*lines[k])):
                k += 1
            cols[:] = again
            xs = [c.x for c in cols]
            continue
        if _RULE.match(s) or _PAGE_NO.match(s) and not _YEAR.fullmatch(s):
            k += 1
            continue
        ln = _Line(runs[0].a, runs[-1].b, runs, gap)
        if _prose(ln, xs):
            break
        body.append(ln)
        gap = False
        k += 1
    # a heading or a short note after the table: lines after the last blank that hold one run each
    while body and any(ln.gap for ln in body[1:]):
        last = max(n for n, ln in enumerate(body) if ln.gap)
        if all(len(ln.runs) == 1 for ln in body[last:]):
            del body[last:]
        else:
            break
    return body, k


def _same(a: list[Column], b: list[Column]) -> bool:
    return [c.kind for c in a if c.kind] == [c.kind for c in b if c.kind]


def _resumes(text: str, lines: list[tuple[int, str]], k: int, cols: list[Column]) -> bool:
    """After a long blank stretch (a page break), the table goes on if a repeated header comes next."""
    while k < len(lines) and not lines[k][1].strip():
        k += 1
    if k >= len(lines):
        return False
    got = _header(text, _runs(*lines[k]))
    return got is not None and _same(got, cols)


# --- rows ----------------------------------------------------------------------------------------

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
    """A name cell line that ends the name above it: besides `_continues`, one that starts with a
    word that closes names ("Cluster", "Association", "Group") under a name that has none yet, or
    that is an acronym in parentheses alone."""
    if _continues(prev, cur):
        return True
    first = _WORD.findall(cur)
    had = {fold(w) for w in _WORD.findall(prev)}
    return bool(first) and fold(first[0]) in (_CLOSERS | _CUE_WORDS) and not had & _CUE_WORDS


def _starts_row(text: str, ln: _Line, row: dict[int, list[Run]], kinds: dict[int, str], name: int) -> bool:
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
        elif _name_continues(_cell_text(text, row[name][-1:]), _cell_text(text, ln.cells[name])):
            score -= 3.0
        else:
            score += 1.0
    else:
        score -= 2.0
    return score > 0


def _rows(text: str, body: list[_Line], cols: list[Column]) -> list[LayoutRow]:
    kinds = {k: c.kind for k, c in enumerate(cols) if c.kind}
    name = next(k for k, c in kinds.items() if c == "name")
    gaps = sum(1 for ln in body[1:] if ln.gap)
    # rows separated by blank lines (but not every line double-spaced): a blank line cuts a row
    blank_mode = gaps >= 2 and gaps <= 0.8 * (len(body) - 1)
    groups: list[list[_Line]] = []
    cur: dict[int, list[Run]] = {}
    for ln in body:
        new = not groups or (blank_mode and ln.gap) or _starts_row(text, ln, cur, kinds, name)
        if new:
            groups.append([])
            cur = {}
        groups[-1].append(ln)
        for k, rs in ln.cells.items():
            cur.setdefault(k, []).extend(rs)
    # a group without a name is the end of the row before it (a page break, a wrapped cell)
    merged: list[list[_Line]] = []
    for g in groups:
        if merged and not any(name in ln.cells for ln in g):
            merged[-1].extend(g)
        else:
            merged.append(g)
    out = []
    for g in merged:
        cells: dict[str, list[tuple[int, int]]] = {}
        for ln in g:
            for k, rs in sorted(ln.cells.items()):
                if k in kinds:
                    cells.setdefault(kinds[k], []).extend((r.a, r.b) for r in rs)
        if "name" in cells:
            out.append(LayoutRow(cells, (g[0].start, g[-1].end)))
    return out


# --- tables --------------------------------------------------------------------------------------

def find_layout_tables(text: str) -> list[LayoutTable]:
    lines = _physical_lines(text)
    out: list[LayoutTable] = []
    i = 0
    while i < len(lines):
        pos, raw = lines[i]
        cols = _header(text, _runs(pos, raw)) if "  " in raw or "\t" in raw else None
        if cols is None:
            i += 1
            continue
        h0, h1 = i, i + 1
        if i > 0 and _merge_header_line(text, cols, _runs(*lines[i - 1])):
            h0 = i - 1
        while h1 < len(lines) and h1 - i <= 2 and _merge_header_line(text, cols, _runs(*lines[h1])):
            h1 += 1
        body, end = _body(text, lines, h1, cols)
        if not _usable(cols) or len(body) < 1:
            i = h1
            continue
        xs = _starts(cols, body)
        for ln in body:
            _assign(text, ln, xs)
        for c, x in zip(cols, xs):
            c.x = x
        rows = _rows(text, body, cols)
        if rows:
            hstart = next(r.a for r in _runs(*lines[h0]))
            out.append(LayoutTable(cols, rows, (hstart, rows[-1].span[1])))
        i = max(end, h1)
    return out


# --- cells -------------------------------------------------------------------------------------

class CellText(Clean):
    """The text of a cell wrapped over lines. A span stops at the end of the line piece where it
    starts: between two pieces of a cell lie the other cells of the line, and a mention spanning
    them would overlap (and be merged with) the names printed there."""

    def __init__(self, text: str, pieces: list[tuple[int, int]]):
        super().__init__(text, pieces)
        self.pieces = pieces

    def span(self, i: int, j: int) -> tuple[int, int]:
        a, z = super().span(i, j)
        p1 = next((p1 for p0, p1 in self.pieces if p0 <= a < p1), z)
        return a, min(z, p1)


def layout_name(s: str) -> tuple[int, int, str | None, int | None] | None:
    """(start, end, acronym, year) of the name in a name cell, or None when the cell names no
    actor: "Thessaly Food Valley Cluster (TFVC)", "Pôle des énergies du Sud, 2012". The column says
    it is a name, so lower-case words are allowed when a cluster word vouches for it."""
    i, j = 0, len(s.rstrip())
    year = None
    m = re.search(r"[\s,(/–-]*\(?(1[89]\d{2}|20\d{2})\)?\s*$", s[:j])
    if m and m.start() > 0:
        year, j = int(m.group(1)), m.start()
    alias = None
    m = re.search(r"\s*\(([A-Z][A-Za-z0-9&-]{1,9})\)\s*$", s[:j])
    if m and m.start() > 0:
        alias, j = m.group(1), m.start()
    while i < j and s[i] in " -–•*·":
        i += 1
    name = s[i:j].strip()
    words = _WORD.findall(name)
    if not words or len(words) > 12 or not name[:1].isupper() or _QUANTITY.match(words[0]):
        return None
    if all(fold(w) in GENERIC for w in words) or is_place(name) or re.search(r"[.!?]$", name):
        return None   # "Total", "Other clusters", "Greece": a summary row or a place, not an actor
    if not (name_test(name) or {fold(w) for w in words} & _CUE_WORDS):
        return None
    return i, i + len(name), alias, year


def layout_sectors(s: str) -> list[tuple[int, int, str | None]]:
    """(start, end, canonical) of the sectors of a sector cell: the vocabulary's terms in each part
    of the cell; a cell with no known term is one sector named as written when it is short."""
    idx = sector_index()
    out = []
    for m in re.finditer(r"[^,;/]+", s):
        part = m.group()
        off = m.start() + len(part) - len(part.lstrip())
        for a, b, canon in sectors_prefix(part.strip()):
            out.append((off + a, off + b, canon))
        if not out and term_key(part) in idx:
            out.append((off, off + len(part.strip()), idx[term_key(part)]))
    if not out:
        words = _WORD.findall(s)
        if 0 < len(words) <= 4 and not re.search(r"\d", s) and s[:1].isupper():
            out.append((0, len(s), None))
    return out
