"""Fixed-width layout tables (`pdftotext -layout`, plain-text reports): header → columns → body.

In this form one table row is one or a few text lines, and the cells of a line stand side by side,
aligned in columns and separated by runs of two or more spaces (or by tabs):

    Cluster               Country   Est.   Sector       Main funders     Anchor members
    Nile Valley Textile   Egypt     2016   Textile      EU, Ministry     Delta Spinning SA,
    Cluster (NVTC)                                      of Industry      Giza Dyeing Co

A cell may wrap onto the next lines at the same column position; a continuation line has text only
in some columns. The reading is positional, never by the words of one table:
- the header is a line whose runs are column words (`_WORDS`, English and French), naming a name
  column and at least one column that carries a relation; a header word may wrap onto the line
  above or below ("Main" / "funders"); a repeated header (page break) gives the columns again,
  another header ends the table;
- each run of a body line goes to the column whose start is the nearest at or before it; the
  column starts are the header's, moved left to where the body's cells actually start when the
  header is centred over its column;
- the body ends at a source note, a caption, a prose line (one run across several columns) or a
  long blank stretch; ruled lines and page numbers are skipped;
- `tables_layout_rows` cuts the body into rows and cells, `tables_layout_cells` reads the cells.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ecograph.ids import fold

from .tables_grid import _COLUMN_WORDS, _HEADER_FILLER, _TERMINATOR
from .tables_layout_rows import Column, LayoutRow, Line, Run, rows as _rows

__all__ = ["Column", "LayoutRow", "LayoutTable", "find_layout_tables"]

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
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_RUN = re.compile(r"\S+(?: \S+)*")     # words joined by single spaces: two spaces or a tab end a cell
_PAGE_NO = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$", re.I)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_RULE = re.compile(r"^[\s\-=_─━═+|*~.]+$")   # a ruled line above, below or inside a table
_MAX_BODY = 600
_MAX_COLS = 16    # more cells than any table of the genre has columns: not a header


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
    """The words of a header cell. A parenthesis qualifies it ("Cluster (acronym)", "Funding
    (EUR m)") and is no part of its name; an acronym in parentheses ("Cluster (GTC)") makes it a
    name cell, and its words are then no header words."""
    s = text[r.a:r.b]
    if re.search(r"\([A-Z][A-Z0-9&-]{1,9}\)", s):
        return ["(" + s + ")"]
    return [fold(w) for w in _WORD.findall(re.sub(r"\([^()]*\)", " ", s))]


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
    if not 2 <= len(runs) <= _MAX_COLS:
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


def _prose(ln: Line, xs: list[int]) -> bool:
    """A line of running text: one run over two column starts, or a long single run over one."""
    if any(_crossings(r, xs) >= 2 for r in ln.runs):
        return True
    return len(ln.runs) == 1 and _crossings(ln.runs[0], xs) >= 1 and ln.runs[0].x1 - ln.runs[0].x0 >= 40


def _starts(cols: list[Column], body: list[Line]) -> list[int]:
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


def _assign(text: str, ln: Line, xs: list[int]) -> None:
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


def _fields(pos: int, raw: str) -> list[Run | None]:
    out, a = [], 0
    for f in raw.split("\t"):
        st = f.strip()
        out.append(Run(0, 0, pos + a + f.find(st), pos + a + f.find(st) + len(st)) if st else None)
        a += len(f) + 1
    return out


def _body(text: str, lines: list[tuple[int, str]], i: int, cols: list[Column],
          tabbed: bool = False) -> tuple[list[Line], int]:
    """Body lines after the header at physical line i, and the index where the table ends."""
    xs = [c.x for c in cols]
    body: list[Line] = []
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
        if again is not None and not _same(again, cols) and (not gap or any(c.kind is None for c in again)):
            again = None  # a body line that reads like a header ("Cluster  Region of"): it is a body line
        if again is not None:
            # a repeated header after a page break (the columns may have moved), with its wrapped
            # header words above or below, which are no body lines; another header ends the table
            above = bool(body) and not gap and _merge_header_line(text, again, body[-1].runs)
            n = k + 1
            while n < len(lines) and n - k <= 2 and _merge_header_line(text, again, _runs(*lines[n])):
                n += 1
            if not _same(again, cols):
                break
            if above:
                body.pop()
            k = n
            cols[:] = again
            xs = [c.x for c in cols]
            continue
        if _RULE.match(s) or _PAGE_NO.match(s) and not _YEAR.fullmatch(s):
            k += 1
            continue
        if len(runs) > 3 * len(cols):
            break  # far more cells than columns: no line of this table
        ln = Line(runs[0].a, runs[-1].b, runs, gap, fields=_fields(pos, raw))
        if _prose(ln, xs) if not tabbed else len(ln.fields) == 1 and len(s) >= 60:
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
        # cells cut at tabs (a table pasted from a word processor): the n-th field is the n-th column,
        # whatever the widths; positions only mean something when spaces align the cells
        tabbed = raw.strip().count("\t") == len(cols) - 1 and "  " not in raw.strip()
        body, end = _body(text, lines, h1, cols, tabbed)
        if not _usable(cols) or len(body) < 1:
            i = max(end, h1)  # what _body walked over was headers, rules and blanks: not read again
            continue
        xs = _starts(cols, body)
        for ln in body:
            if tabbed:
                ln.cells = {min(n, len(cols) - 1): [r] for n, r in enumerate(ln.fields) if r is not None}
            else:
                _assign(text, ln, xs)
        for c, x in zip(cols, xs):
            c.x = x
        rows = _rows(text, body, cols, tabbed)
        if rows:
            hstart = next(r.a for r in _runs(*lines[h0]))
            out.append(LayoutTable(cols, rows, (hstart, rows[-1].span[1])))
        i = max(end, h1)
    return out
