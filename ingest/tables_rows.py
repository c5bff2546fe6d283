"""Rows of a flattened table of clusters: cut the body lines into cells, in the header's order.

A flattened table is a sequence of cell lines: the cells of a row follow each other in the column
order of the header (name, year, sector, members, region, or any other order), a cell may span
several lines, and no mark tells where one cell ends. Each line is scored for each column from
what it looks like, never from the words of one table:
- the name cell ends with the creation year when the header has a year column next to the name
  ("… Cluster / 2014"), or holds a cluster word or an "(ACRONYM)" when it has none;
- a sector cell is made of terms of the sector vocabulary (`sectors.tsv`);
- a region cell is made of place names (`place_like`); a short capitalised line with no comma
  may still be a place the gazetteer lacks;
- a members cell is a list of names separated by commas or semicolons; in a table whose members
  column is the wide one, its lines are the long ones;
- a line that ends with a comma, a hyphen or a connector ("of", "and", "/"), or that starts
  lower-case, with "(" or with a word that only ends a name ("University", "Systems"), continues
  the cell of the line before it.
The segmentation is the best-scoring cut (a semi-Markov dynamic programme over the cyclic column
order), so the signals add up instead of each rule deciding alone. After a page break the members
cell may go on after the region was already printed; that continuation is a state of its own.
What one line looks like is `tables_lines`; the place and sector lookups are `tables_vocab`'s.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tables_lines import _YEAR_ONLY, Feat, Line, _continues, _feat, _opens_name
from .tables_vocab import sectors_prefix


@dataclass
class Row:
    name: list[Line] = field(default_factory=list)
    pre: list[Line] = field(default_factory=list)       # sector / specialisation cells
    members: list[Line] = field(default_factory=list)
    region: list[Line] = field(default_factory=list)
    year: int | None = None
    year_line: Line | None = None
    sector: list[Line] = field(default_factory=list)    # the lines where the sector terms start


# --- the column layout ---------------------------------------------------------------------------

@dataclass
class Layout:
    cells: list[str]            # cell kinds in row order: name, year, sector, spec, pre, members, region
    name_year: bool             # the year shares the name cell ("Cluster / year of creation")
    sector_first: bool          # in a merged sector+specialisation cell, the sector comes first


def layout(cols: list[str]) -> Layout:
    cells: list[str] = []
    name_year = False
    sector_first = True
    for c in cols:
        if c == "year" and cells and cells[-1] == "name":
            name_year = True
            continue
        if c in ("sector", "spec") and cells and cells[-1] in ("sector", "spec"):
            # two narrow descriptive columns share one cell: a flattened line often holds both
            # ("Textile Textile technique"); the sector is read as the prefix of the pair
            sector_first = cells[-1] == "sector"
            cells[-1] = "pre"
            continue
        cells.append(c)
    return Layout(cells, name_year, sector_first)


# --- scores ----------------------------------------------------------------------------------------

NEG = -1e9
_MAX_LINES = {"name": 8, "year": 1, "sector": 4, "spec": 12, "pre": 14, "members": 45, "region": 4}
_SKIP = {"name": -8.0, "members": -4.0}
_SKIP_OTHER = -3.0
_CONT = -1.5   # a members cell going on after the region, across a page break


def _line_score(kind: str, f: Feat) -> float:
    if kind == "members":
        return (1.5 if f.wide else 0.0) + (1.0 if f.member_like else 0.0) - \
            (1.0 if not f.wide and (f.place or f.sector_full) and not f.member_like else 0.0)
    if f.wide:
        return -8.0  # the wide lines are the members column's
    if kind == "name":
        # each line costs a little: when a line may end one cell or open the name, names are short
        return -0.3 + (-3.0 if f.sent_end else 0.0) + (-2.0 if f.member_like else 0.0) - 1.5 * min(f.lowers, 4)
    if kind in ("sector", "spec", "pre"):
        return -1.5 if f.member_like else 0.0
    if kind == "region":
        # a trailing comma is no list ("Agadir region, / Souss Massa"); two names are
        return 2.0 if f.place else (-2.0 if f.head or f.org or f.cue or f.listy or f.sent_end else 0.0)
    return 0.0


class _Cells:
    """Scores of candidate cells body[i:j] for each kind."""

    def __init__(self, body: list[Line], lay: Layout, feats: list[Feat], wide_mode: bool):
        self.body, self.lay, self.f, self.wide_mode = body, lay, feats, wide_mode
        self._memo: dict[tuple[str, int, int], float] = {}
        self._starts: dict[tuple[int, int], bool] = {}
        # prefix sums of the line scores, so a cell's base score costs O(1)
        self._acc: dict[str, list[float]] = {}
        for kind in ("name", "year", "sector", "spec", "pre", "members", "region"):
            acc = [0.0]
            for ft in feats:
                acc.append(acc[-1] + _line_score(kind, ft))
            self._acc[kind] = acc

    def score(self, kind: str, i: int, j: int) -> float:
        key = (kind, i, j)
        v = self._memo.get(key)
        if v is None:
            v = self._memo[key] = self._score(kind, i, j)
        return v

    def _score(self, kind: str, i: int, j: int) -> float:
        f, body = self.f, self.body
        base = self._acc[kind][j] - self._acc[kind][i]
        n = j - i
        if kind == "name":
            return base + self._name(i, j)
        if kind == "year":
            return base + 3.0 if n == 1 and f[i].year_only else NEG
        if kind == "pre":
            # a sector term starts the cell (it may wrap: "Food-processing / and cosmetic")
            k = (i, min(j, i + 2))
            if k not in self._starts:
                self._starts[k] = bool(sectors_prefix(" ".join(ln.text for ln in body[k[0]:k[1]])))
            return base + (2.0 if self._starts[k] else -1.0 if self.lay.sector_first else 0.0)
        if kind == "sector":
            text = " ".join(ln.text for ln in body[i:j])
            secs = sectors_prefix(text)
            full = bool(secs) and not re.sub(r"[\W_]+|\band\b|\bet\b", "", text[secs[-1][1]:])
            if full:
                return base + 2.0
            return base - (0.5 if secs else 1.0) * (n - 1) - (0.0 if n == 1 else 0.5)
        if kind == "members":
            if n == 1:
                return base - (3.0 if self.wide_mode and not f[i].wide else 0.0)
            p, c = f[j - 2], f[j - 1]  # one line more than the cell [i, j-1]: add the new pair's cost
            extra = 0.0
            if self.wide_mode:
                if not c.wide and p.sent_end and not _continues(p, c):
                    extra -= 1.5  # a short line after a full stop starts the next cell
            elif not p.sep and not _continues(p, c):
                extra -= 1.5  # a new name with no separator before it: the cell has ended
            if _continues(p, c) and c.place and not c.wide and not c.member_like:
                extra += 1.0  # a place word inside a wrapped name ("Science and / Technology")
            return self.score(kind, i, j - 1) + _line_score(kind, c) + extra
        if kind == "region":
            extra = 0.0
            for k in range(i, j):
                if not f[k].place:
                    extra -= 0.5 if k == i else 2.0  # an unknown place: keep the cell short
                elif k > i and f[k].country and not _continues(f[k - 1], f[k]):
                    extra -= 3.5  # "… Casablanca / Morocco Numeric": a bare country opens the next name
            return base + extra
        return base

    def _name(self, i: int, j: int) -> float:
        f, body = self.f, self.body
        if any(f[k].anchor is not None for k in range(i, j - 1)) and self.lay.name_year:
            return NEG  # one name cell holds one year
        if not any(f[k].content for k in range(i, j)):
            return NEG  # "Cluster / 2014" alone is the end of a name, not a name
        score = 0.0
        if self.lay.name_year:
            if f[j - 1].anchor is not None:
                score += 4.0
            else:
                score -= 3.0 if any(f[k].cue for k in range(i, j)) else 6.0
        else:
            cues = [k for k in range(i, j) if f[k].cue]
            if cues:
                score += 2.0
                for k in range(cues[-1] + 1, j):
                    if not _continues(f[k - 1], f[k]):
                        score -= 2.0
            else:
                score -= 2.0
        return score


def _boundary(f: list[Feat], i: int, prev_kind: str, lay: Layout, wide_mode: bool) -> float:
    """Cost of a cell boundary before body[i]."""
    if i == 0:
        return 0.0
    p, c = f[i - 1], f[i]
    if prev_kind == "name" and lay.name_year and p.anchor is not None:
        return 0.0  # the year closes the name cell
    cost = 0.0
    if p.open_end:
        cost -= 3.0
    if c.lower:
        cost -= 2.0
    if c.head:
        cost -= 2.0
    if prev_kind == "members" and not wide_mode and p.sep and not p.open_end:
        cost -= 1.0  # "Bakeries, North": a narrow line wraps inside its last name, which goes on below
    return cost


# --- the dynamic programme -------------------------------------------------------------------------

def rows(body: list[Line], cols: list[str]) -> list[Row]:
    """The rows of a table body (repeated headers removed), for the header's column order."""
    if not body:
        return []
    lay = layout(cols)
    width = max(len(b.text) for b in body)
    long_lines = sum(1 for b in body if len(b.text) >= 0.6 * width)
    # The wide-members signal holds only when one column is clearly wider than the rest and its
    # lines are a good share of the body (not one long title line in a narrow table).
    wide_mode = "members" in lay.cells and width >= 40 and long_lines >= max(2, len(body) / 8)
    feats = [_feat(b, wide_mode and len(b.text) >= 0.6 * width) for b in body]
    _opens_name(feats)
    sc = _Cells(body, lay, feats, wide_mode)
    best = _best_cells(body, feats, lay, sc, wide_mode)
    if not best[len(body)]:
        return []
    return _build(body, feats, _best_path(best, lay.cells), lay, sc)


def _skip_cost(cells: list[str], a: int, b: int) -> float:
    """Cost of the kinds strictly between cycle positions a and b (b after a, wrapping)."""
    cost, k = 0.0, (a + 1) % len(cells)
    while k != b:
        cost += _SKIP.get(cells[k], _SKIP_OTHER)
        k = (k + 1) % len(cells)
    return cost


def _ways_in(body, feats, lay: Layout, wide_mode: bool, i: int, ends: dict) -> dict:
    """From the states `ends` reached at line i, the best way into a cell starting there, per next state."""
    cells = lay.cells
    mem_pos = cells.index("members") if "members" in cells else -1
    into: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {}
    for (pk, flag), (ps, _) in ends.items():
        bnd = ps + _boundary(feats, i, "members" if flag else cells[pk], lay, wide_mode)
        targets = [((k, 0), _skip_cost(cells, pk, k)) for k in range(len(cells))]
        if mem_pos >= 0 and pk > mem_pos and not flag and body[i].after_break:
            targets.append(((pk, 1), _CONT))
        for st, cost in targets:
            if st not in into or bnd + cost > into[st][0]:
                into[st] = (bnd + cost, (pk, flag))
    return into


def _best_cells(body, feats, lay: Layout, sc: _Cells, wide_mode: bool) -> list[dict]:
    """best[j][state] = (score, (i, previous state)) of the best split of lines [0, j) into cells;
    state: (cycle position of the last cell, members-continuation flag)."""
    cells, n = lay.cells, len(body)
    best: list[dict[tuple[int, int], tuple[float, tuple | None]]] = [dict() for _ in range(n + 1)]
    best[0][(len(cells) - 1, 0)] = (0.0, None)
    for i in range(n):
        if not best[i]:
            continue
        for (k, nflag), (base, src) in _ways_in(body, feats, lay, wide_mode, i, best[i]).items():
            kind = "members" if nflag else cells[k]
            for j in range(i + 1, min(n, i + _MAX_LINES[kind]) + 1):
                s = sc.score(kind, i, j)
                if s > NEG / 2:
                    tot = base + s
                    cur = best[j].get((k, nflag))
                    if cur is None or tot > cur[0]:
                        best[j][(k, nflag)] = (tot, (i, src))
                if kind == "name" and lay.name_year and feats[j - 1].anchor is not None:
                    break  # a name cell holds one year
    return best


def _best_path(best: list[dict], cells: list[str]) -> list[tuple[int, int, str]]:
    """The cells (first line, end line, kind) of the best split, traced back from its end."""
    n = len(best) - 1
    # end of the table: the cells of the last row that were not printed cost their skip
    end = max(best[n].items(), key=lambda kv: kv[1][0] + _skip_cost(cells, kv[0][0], 0))
    path = []
    j, st = n, end[0]
    while best[j][st][1] is not None:
        i, pst = best[j][st][1]
        path.append((i, j, "members" if st[1] else cells[st[0]]))
        j, st = i, pst
    path.reverse()
    return path


def _build(body: list[Line], feats: list[Feat], path: list[tuple[int, int, str]], lay: Layout,
           sc: _Cells) -> list[Row]:
    out: list[Row] = []
    row: Row | None = None
    for i, j, kind in path:
        lines = body[i:j]
        if kind == "name":
            if sc.score("name", i, j) < 0:
                row = None  # no year, no cluster word, or a sentence: not a row of a table of clusters
                continue
            row = Row(name=lines)
            out.append(row)
            if lay.name_year and feats[j - 1].anchor is not None:
                row.year, row.year_line = feats[j - 1].anchor, body[j - 1]
            continue
        if row is None:
            continue  # cells before the first name belong to no row we can name
        if kind == "year":
            row.year, row.year_line = int(_YEAR_ONLY.match(lines[0].text).group(1)), lines[0]
        elif kind in ("sector", "spec", "pre"):
            row.pre.extend(lines)
            if kind == "sector" or (kind == "pre" and lay.sector_first):
                row.sector = list(lines)
        elif kind == "members":
            row.members.extend(lines)
        elif kind == "region":
            row.region.extend(lines)
    return out
