"""The rows of a layout table (`tables_layout`) → mentions and MEMBER_OF / FUNDS / SUPPORTS /
LOCATED_IN / ACTIVE_IN candidates.

A layout cell is delimited by its column, so it is read more freely than a flattened cell: the
name column names an actor even with lower-case words when a cluster word vouches for it, and a
sector cell with no vocabulary term is still one sector when it is short. Each edge cites the
whole row (`LayoutRow.span`), the smallest span that shows both ends and the column between them.
"""
from __future__ import annotations

import re

from ecograph.ids import fold

from ecograph.kinds import classify
from .tables_items import _QUANTITY, Clean, items_of, name_test
from .tables_layout import LayoutTable
from .tables_lines import _CUE_WORDS
from .tables_vocab import GENERIC, is_place, places_in, sector_index, sectors_prefix, term_key

__all__ = ["CellText", "layout_edges", "layout_name", "layout_sectors"]

# Same scale as `tables.py`: a cell under a column header is as sure as a flattened table's cell.
CONF_FUNDS = 0.85
CONF_SUPPORT = 0.8
CONF_REGION = 0.85
CONF_SECTOR = 0.8

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class CellText(Clean):
    """The text of a cell wrapped over lines. A span stops at the end of the line piece where it
    starts: between two pieces of a cell lie the other cells of the line, and a mention spanning
    them would overlap (and be merged with) the names printed there."""

    def __init__(self, text: str, pieces: list[tuple[int, int]], seps: set[int] = frozenset()):
        super().__init__(text, pieces)
        self.pieces = pieces
        # a line break that ends a list item reads as ";" (in place of the space that joins the pieces)
        ends = {pieces[i][1] for i in seps}
        self.s = "".join(";" if ch == " " and p in ends else ch for ch, p in zip(self.s, self.pos))

    def span(self, i: int, j: int) -> tuple[int, int]:
        a, z = super().span(i, j)
        p1 = next((p1 for p0, p1 in self.pieces if p0 <= a < p1), z)
        return a, min(z, p1)


def layout_name(s: str) -> tuple[int, int, str | None, int | None] | None:
    """(start, end, acronym, year) of the name in a name cell, or None when the cell names no
    actor: "Nile Valley Textile Cluster (NVTC)", "Pôle des énergies du Sud, 2012". The column says
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
        found = sectors_prefix(part.strip())
        out.extend((off + a, off + b, canon) for a, b, canon in found)
        if not found and term_key(part) in idx:
            out.append((off, off + len(part.strip()), idx[term_key(part)]))
    if not out:
        words = _WORD.findall(s)
        if 0 < len(words) <= 4 and not re.search(r"\d", s) and s[:1].isupper():
            out.append((0, len(s), None))
    return out


def layout_edges(b, t: LayoutTable, member_text) -> None:
    """One cluster per row of a layout table; every edge of a row cites the whole row. b is the
    `tables._Builder`; member_text is `tables._member_text` (members cells may hold "supported by"
    sentences and category words, read as in flattened tables)."""
    text = b.text
    # a row of a clusters table is a cluster; a row of an "Organisation" table is what its name says
    clusters = any(w in ("cluster", "clusters", "pole", "poles", "technopole", "technopoles")
                   for c in t.columns if c.kind == "name" for w in c.words)
    for row in t.rows:
        if len(row.cells) < 2:
            continue  # a name alone is a heading or a note, not a row
        ev = row.span
        c = CellText(text, row.cells["name"])
        got = layout_name(c.s)
        if got is None:
            continue
        i, j, alias, year = got
        name = c.s[i:j]
        _, kind = classify(name)
        if kind in (None, "network", "company", "support") and clusters:
            kind = "cluster"
        if "year" in row.cells:
            m = re.search(r"\b(1[89]\d{2}|20\d{2})\b", CellText(text, row.cells["year"]).s)
            year = int(m.group(1)) if m else year
        a, z = c.span(i, j)
        known, made = (a, z, "Organisation") in b._m, len(b.out.candidates)
        cluster = b.mention(name, a, z, kind=kind, alias=alias, founded=year)
        exclude = {fold(name), "the cluster", "cluster", "le cluster", "le pole"} | ({fold(alias)} if alias else set())
        if "members" in row.cells:
            mc = CellText(text, row.cells["members"], row.seps.get("members", set()))
            member_text(b, mc, 0, len(mc.s), cluster, exclude, "member-table", table=True, ev=ev)
        for col, rtype, method, conf, default in (("funders", "FUNDS", "table-funds", CONF_FUNDS, "funder"),
                                                  ("support", "SUPPORTS", "table-support", CONF_SUPPORT, None)):
            if col not in row.cells:
                continue
            fc = CellText(text, row.cells[col], row.seps.get(col, set()))
            for it in items_of(fc.s, 0, len(fc.s), exclude):
                if not _FUNDING_WORDS.search(it.name) and (o := b.org(fc, it, default=default)) is not None:
                    b.cand(rtype, o, cluster, ev[0], ev[1], method, conf)
        if "region" in row.cells:
            rc = CellText(text, row.cells["region"])
            for s0, s1, canon, pkind in places_in(rc.s):
                p = b.mention(rc.s[s0:s1], *rc.span(s0, s1), label="Place", kind=pkind, canonical=canon)
                b.cand("LOCATED_IN", cluster, p, ev[0], ev[1], "table-region", CONF_REGION)
        if "sector" in row.cells:
            sc = CellText(text, row.cells["sector"])
            for s0, s1, canon in layout_sectors(sc.s):
                sec = b.mention(sc.s[s0:s1], *sc.span(s0, s1), label="Sector", canonical=canon)
                b.cand("ACTIVE_IN", cluster, sec, ev[0], ev[1], "table-sector", CONF_SECTOR)
        if not known and year is None and len(b.out.candidates) == made:
            b.out.mentions.remove(b._m.pop((a, z, "Organisation")))  # a row that says nothing ("Alpha  45  1200")


# A funders cell may describe the funding instead of naming a funder ("Self-funded", "Own funds").
_FUNDING_WORDS = re.compile(r"(?i)^(?:self\b|own\b|autofinanc|membership\b|members?\b|none$|various$|n/?a$)|"
                            r"\b(?:funded|fees|cotisations?|fonds propres)\b")
