"""Structured text → MEMBER_OF / FUNDS / SUPPORTS / LOCATED_IN / ACTIVE_IN candidates.

`extract_structured(text, language)` reads four structured forms of this genre:
1. flattened PDF tables of clusters (`tables_grid`): each row gives MEMBER_OF (members cell),
   LOCATED_IN (region cell), ACTIVE_IN (sector cell) and SUPPORTS ("supported by A, B" in a row);
1b. fixed-width layout tables (`tables_layout`, cells side by side in aligned columns): the same,
   plus FUNDS from a funders column and SUPPORTS from a support / partners column;
2. member lists after a lead-in on the same line or sentence ("Members of X: A, B, C",
   "X's members include A; B", "Nos membres : A, B", "Les membres fondateurs sont : A, B");
3. bulleted or one-per-line lists under a "Members" / "Membres" / "Our members" heading.
A list not introduced as members gives nothing: precision comes first, a wrong edge costs more
than a missing one. Evidence spans are the members-cell sentence, the cells of the row, or the
list segment, so `text[start:end]` shows the reader where the edge comes from.

Method names (stable): member-table, member-list, table-region, table-sector, table-supported-by,
table-funds, table-support; project rosters (`tables_roster`): roster-lead, roster-partner, roster-country;
labelled fields (`tables_fields`): field-lead, field-implementing-partner, field-funder, field-commissioner,
field-partner, field-country.
"""
from __future__ import annotations

import re

from ecograph.ids import fold

from ecograph.kinds import classify
from .tables_grid import Row, Table, find_tables, name_cell, places_in, sectors_prefix
from .tables_items import Clean, Item, _is_acronym, items_of, name_test, sentences
from .tables_layout import find_layout_tables
from .tables_layout_cells import layout_edges
from .tables_fields import fields_edges
from .tables_roster import page_project, roster_edges
from .tables_vocab import GENERIC
from .types import Candidate, Mention, RawExtraction

CONF_TABLE = 0.85      # a row of a members column
CONF_TABLE_PROSE = 0.75  # a sentence inside a members cell ("the administrators are ...")
CONF_FOUNDERS = 0.7    # founders of a predecessor group named inside a cell
CONF_REGION = 0.85
CONF_SECTOR = 0.8      # the sector cell is delimited by the vocabulary, so slightly less certain
CONF_SUPPORT = 0.8
CONF_LIST = 0.85       # a list introduced as members of a named organisation
CONF_LIST_IMPLICIT = 0.7  # "Nos membres :" on a page: the target is the page's cluster, found nearby


class _Builder:
    def __init__(self, text: str, own: Mention | None = None):
        self.text = text
        self.own = own  # the organisation the text speaks for, if the text says "we"
        self.out = RawExtraction()
        self._m: dict[tuple[int, int, str], Mention] = {}
        self._c: set[tuple] = set()

    def mention(self, name: str, start: int, end: int, label: str = "Organisation", kind: str | None = None,
                alias: str | None = None, canonical: str | None = None, founded: int | None = None) -> Mention:
        key = (start, end, label)
        m = self._m.get(key)
        if m is None:
            m = Mention(text=re.sub(r"\s+", " ", name).strip(), start=start, end=end, label=label, kind=kind,
                        aliases=[alias] if alias else [], canonical=canonical, founded=founded)
            self._m[key] = m
            self.out.mentions.append(m)
        return m

    def org(self, clean: Clean, it: Item, default: str | None = "company") -> Mention | None:
        label, kind = classify(it.name)
        if label == "Programme":
            return None  # a member is an actor; "X Programme" in a member list is a misread
        if kind is None:
            # kinds.py: a member list holds companies, a funders column funders
            kind = None if _is_acronym(it.name) and default == "company" else default
        a, b = clean.span(it.start, it.end)
        return self.mention(it.name, a, b, kind=kind, alias=it.alias)

    def cand(self, type_: str, s: Mention, t: Mention, start: int, end: int, method: str, conf: float) -> None:
        if s is t or fold(s.canonical or s.text) == fold(t.canonical or t.text):
            return
        key = (type_, s.start, s.end, t.start, t.end, method)
        if key in self._c:
            return
        self._c.add(key)
        self.out.candidates.append(Candidate(type=type_, source=s, target=t, start=start, end=end,
                                             method=method, confidence=conf))


def extract_structured(text: str, language: str, *, own: Mention | None = None) -> RawExtraction:
    """The relations of the text's tables, rosters, labelled fields and lists. `own`: the organisation
    the text speaks for, which "Our partners" / « Nos partenaires » lists belong to when no cluster is
    named near them."""
    b = _Builder(text, own)
    covered: list[tuple[int, int]] = []
    for lt in find_layout_tables(text):
        layout_edges(b, lt, _member_text)
        covered.append(lt.span)
    for t in find_tables(text):
        if any(a <= t.span[0] < z for a, z in covered):
            continue  # a layout table's header can also read as a flattened table's: it is read once
        _table(b, t)
        covered.append(t.span)
    roster_edges(b, text, covered)
    fields_edges(b, text, covered)
    _lists(b, text, covered)
    return b.out


def table_spans(text: str) -> list[tuple[int, int]]:
    """Where the tables are (header to last row), so a sentence extractor can skip them: their
    "sentences" are cells run together and read wrongly as prose."""
    spans = [t.span for t in find_layout_tables(text)]
    return spans + [t.span for t in find_tables(text) if not any(a <= t.span[0] < z for a, z in spans)]


# --- tables ------------------------------------------------------------------------------------

def _table(b: _Builder, t: Table) -> None:
    text = b.text
    for row in t.rows:
        c, i, j, alias = name_cell(text, row)
        if j <= i:
            continue
        name = c.s[i:j]
        _, kind = classify(name)
        if kind in (None, "network", "company", "support"):
            kind = "cluster" if "name" in t.columns else kind  # a row of a clusters table is a cluster
        a, z = c.span(i, j)
        cluster = b.mention(name, a, z, kind=kind, alias=alias, founded=row.year)
        exclude = {fold(name), "the cluster", "cluster", "le cluster"} | ({fold(alias)} if alias else set())
        _row_sector(b, row, t, cluster)
        if row.members:
            mc = Clean(text, _pieces(row.members))
            _member_text(b, mc, 0, len(mc.s), cluster, exclude, "member-table", table=True)
        _row_region(b, row, cluster)


def _pieces(lines) -> list[tuple[int, int]]:
    return [(ln.start, ln.end) for ln in lines]


def _row_sector(b: _Builder, row: Row, t: Table, cluster: Mention) -> None:
    if "sector" not in t.columns or not row.sector:
        return
    # the segmenter gives the lines where the sector cell starts (a cell of its own, or the first of a
    # sector + specialisation pair); the sector terms are the vocabulary prefix of those lines
    c = Clean(b.text, _pieces(row.sector))
    found = sectors_prefix(c.s)
    if not found:
        return
    # evidence: from the year that closes the name (the row's anchor) to the last sector term
    ev0 = c.span(0, 1)[0]
    if row.year_line is not None:
        ev0 = min(ev0, row.year_line.start)
    ev1 = c.span(found[-1][0], found[-1][1])[1]
    for s0, s1, canon in found:
        a, z = c.span(s0, s1)
        sec = b.mention(c.s[s0:s1], a, z, label="Sector", canonical=canon)
        b.cand("ACTIVE_IN", cluster, sec, ev0, ev1, "table-sector", CONF_SECTOR)


def _row_region(b: _Builder, row: Row, cluster: Mention) -> None:
    if not row.region:
        return
    c = Clean(b.text, _pieces(row.region))
    # evidence: the end of the members cell and the region cell, which shows the row
    ev0 = row.members[-1].start if row.members and row.members[-1].end <= row.region[0].start else row.region[0].start
    ev1 = row.region[-1].end
    for s0, s1, canon, kind in places_in(c.s):
        a, z = c.span(s0, s1)
        p = b.mention(c.s[s0:s1], a, z, label="Place", kind=kind, canonical=canon)
        b.cand("LOCATED_IN", cluster, p, ev0, ev1, "table-region", CONF_REGION)


# --- members text (a table cell or a list) -----------------------------------------------------

_SUPPORT_CUE = re.compile(
    r"\b(?:(?:supported|backed|sponsored|accompanied|assisted|funded and supported)\s+by|"
    r"with the (?:support|backing) of|soutenu\w*\s+par|appuy\w*\s+par|accompagn\w*\s+par|"
    r"avec le (?:soutien|concours|appui) d\w*)\s+", re.I)
_FOUNDED_CUE = re.compile(
    r"(?P<group>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,5})\s*,?\s+(?:which|that|qui)\s+(?:was|were|has been|a été)\s+"
    r"(?:formed|created|founded|established|set up|launched|initiated|créée?s?|fondée?s?|constituée?s?|lancée?s?)\b"
    r"[^.]*?(?:initiative of|initiated by|by|par|à l'initiative d\w*)\s+", re.U)
_SUCH_AS = re.compile(r"\b(?:such as|like|including|notably|namely|tels? que|telles? que|comme|notamment|dont)\s+", re.I)
_OTHER_STOP = re.compile(r"\b(?:and |et )?(?:some |many |several |d')?(?:other|others|autres)\b", re.I)
_MEMBERSHIP_WORDS = re.compile(
    r"\b(?:includ\w*|compris\w*|compren\w*|regroup\w*|brings together|gathers|réunit|members?|membres?|"
    r"administrators?|administrateurs?|founders?|fondateurs?|founding|adhérents?|adherents?|"
    r"organi[sz]ations|board|conseil d'administration)\b", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|est|sont|a été|ont|sera|seront)\b", re.I)


def _member_text(b: _Builder, c: Clean, i: int, j: int, target: Mention, exclude: set[str], method: str,
                 table: bool, conf: float | None = None, ev: tuple[int, int] | None = None) -> int:
    """MEMBER_OF (and SUPPORTS) candidates from clean[i:j]; returns how many member edges it made.
    ev, when given, is the evidence of every edge (a layout table's row) instead of the sentence."""
    made = 0
    s = c.s
    for s0, s1 in sentences(s, i, j):
        sent = s[s0:s1]
        ev0, ev1 = ev or c.span(s0, s1)
        m = _SUPPORT_CUE.search(sent)
        if m:
            for it in items_of(s, s0 + m.end(), s1, exclude):
                o = b.org(c, it)
                if o is not None:
                    b.cand("SUPPORTS", o, target, ev0, ev1, "table-supported-by" if table else "member-list",
                           CONF_SUPPORT)
            continue
        m = _FOUNDED_CUE.search(sent)
        if m:
            made += _founders(b, c, s0, s1, m, target, exclude, method)
            continue
        listy = ":" in sent or ";" in sent or not _FINITE.search(sent)
        if not listy and not _MEMBERSHIP_WORDS.search(sent):
            continue  # a sentence that says something else ("Created by seven companies ...")
        for it in items_of(s, s0, s1, exclude):
            o = b.org(c, it)
            if o is not None:
                b.cand("MEMBER_OF", o, target, ev0, ev1, method,
                       conf if conf is not None else (CONF_TABLE if listy else CONF_TABLE_PROSE))
                made += 1
    return made


def _founders(b: _Builder, c: Clean, s0: int, s1: int, m: re.Match, target: Mention, exclude: set[str],
              method: str) -> int:
    """'… group G, formed in <year> on the initiative of companies such as A, B and others …':
    A and B founded G, so they are members of G (not, by this sentence, of the row's cluster
    unless G is that cluster)."""
    s = c.s
    g0, g1 = s0 + m.start("group"), s0 + m.end("group")
    gname = s[g0:g1].split()[-1] if not name_test(s[g0:g1]) else s[g0:g1]
    if not gname or not (name_test(gname) or _is_acronym(gname)):
        return 0
    if fold(gname) in exclude:
        group = target
    else:
        k = s.rfind(gname, g0, g1)
        a, z = c.span(k, k + len(gname))
        _, kind = classify(s[g0:g1])
        group = b.mention(gname, a, z, kind=kind)
    start = s0 + m.end()
    sa = _SUCH_AS.search(s, start, s1)
    if sa:
        start = sa.end()
    end = s1
    stop = _OTHER_STOP.search(s, start, s1)
    if stop:
        end = stop.start()
    ev0, ev1 = c.span(s0, s1)
    made = 0
    for it in items_of(s, start, end, exclude | {fold(gname)}):
        o = b.org(c, it)
        if o is not None:
            b.cand("MEMBER_OF", o, group, ev0, ev1, method, CONF_FOUNDERS)
            made += 1
    return made


# --- member lists outside tables ---------------------------------------------------------------

_MEMBER_NOUN = r"(?i:members?|membres?|adhérents?|adherents?|member companies|entreprises membres)"
_LEAD = re.compile(
    r"(?:(?P<poss>[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,5})['’]s\s+)?"
    r"(?:\b(?i:our|nos|its|ses|their|leurs|the|les|le)\s+)?"
    r"(?:\b(?i:founding|current|main|key|principaux|actuels)\s+)?"
    r"(?P<noun>\b" + _MEMBER_NOUN + r")"
    r"(?:\s+(?i:fondateurs|founding|actuels))?"
    r"(?:\s+(?i:of|de|du|des|d['’])\s*(?P<of>[^:\n.;]{1,90}?))?"
    r"\s*(?P<verb>:|\s(?i:include|includes|are|sont|comprennent|incluent|comptent|comprise|are as follows|"
    r"sont les suivants)\s*:?)",
    re.U)
# A heading line that announces a list below it: "Our members", "## Membres", "MEMBERS OF THE CLUSTER:".
_HEADING = re.compile(
    r"^[ \t#=]*(?:(?i:our|nos|the|les|its|ses)\s+)?(?:(?i:founding|current)\s+)?(?P<noun>" + _MEMBER_NOUN + r")"
    r"(?:\s+(?i:fondateurs|founding))?(?:\s+(?i:of|de|du|des|d['’])\s*(?P<of>[^:\n.;]{1,90}?))?"
    r"[ \t]*:?[ \t#=]*$", re.M | re.U)
# "Our partners" / "Nos partenaires" under a heading: the page's organisation partners with each one
_PARTNER_HEADING = re.compile(
    r"^[ \t#=*]*(?:(?i:our|nos|the|les|its|ses)\s+)?(?P<noun>(?i:partners|partenaires|partner organisations|"
    r"partenaires institutionnels|institutional partners|(?P<project>project partners|partenaires du projet|"
    r"consortium|project consortium|consortium partners|le consortium)))(?P<of>)[ \t]*:?[ \t#=*]*$", re.M | re.U)
_CAPW = r"[A-ZÀ-Ý0-9][\w’'-]*"
_JOIN = r"(?:[ \t]+(?:&|et|and|de|du|des|of|of the|for|pour|la|le)[ \t]+|[ \t]+d['’]|[ \t]+)"
_CLUSTER_NAME = re.compile(
    r"(?:\b(?:Cluster|Pôle|Pole|Technopole|Agropole)(?:" + _JOIN + _CAPW + r"){1,5}"
    r"|(?!(?:Le|La|Les|The|Our|Notre|Nos|Ce|This)\b)(?:" + _CAPW + r"[ \t]+){1,5}(?:Cluster|cluster|Pôle|Pole)\b)"
    r"(?:[ \t]*\((?P<acr>[A-Z0-9]{2,8})\))?", re.U)
# Menu words: a "Members" entry in a site menu is followed by other menu entries, not by members.
_NAV = {"home", "about", "about us", "news", "contact", "contact us", "events", "agenda", "blog", "media",
        "login", "search", "menu", "accueil", "actualites", "evenements", "a propos", "qui sommes-nous",
        "publications", "projects", "projets", "partners", "partenaires", "resources", "ressources", "gallery",
        "jobs", "careers", "carrieres", "faq", "newsletter", "join us", "adherer", "rejoignez-nous", "english",
        "francais", "members", "membres", "services", "team", "equipe", "mission", "history", "histoire"}
_BULLET = re.compile(r"^\s*(?:[-•*·▪◦–—o]|\d{1,2}[.)])\s+(?P<body>\S.*)$")
_SELF_REF = re.compile(r"^(?:the |our |notre |le |du |de l['’]|de la |la )?(?:cluster|pôle|pole|association|network|"
                       r"réseau|reseau|group|groupement)$", re.I)


def _lists(b: _Builder, text: str, covered: list[tuple[int, int]]) -> None:
    for heading, rtype, method in ((_HEADING, "MEMBER_OF", "member-list"),
                                   (_PARTNER_HEADING, "PARTNERS_WITH", "partner-list")):
        for m in heading.finditer(text):
            if any(a <= m.start() < z for a, z in covered):
                continue
            target, conf = (None, 0.0) if m.groupdict().get("project") else _list_target(b, text, m)
            rt, meth = rtype, method
            if target is None and rtype == "PARTNERS_WITH":
                # a project page's partners take part in the project
                target, conf = page_project(b, text, m.start(), project_list=bool(m.group("project"))), CONF_LIST
                rt, meth = "PARTICIPATES_IN", "project-partner-list"
            if target is None:
                continue
            exclude = {fold(target.text), "the cluster", "cluster"} | {fold(a) for a in target.aliases}
            end = _bullets(b, text, m.end(), target, exclude, conf, rtype=rt, method=meth)
            covered.append((m.start(), max(end, m.end())))
    for m in _LEAD.finditer(text):
        if any(a <= m.start() < z for a, z in covered):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()].strip()
        target, conf = _list_target(b, text, m)
        if target is None:
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        rest = text[m.end():line_end].strip()
        exclude = {fold(target.text), "the cluster", "cluster"} | {fold(a) for a in target.aliases}
        if rest:
            # inline list: to the end of the sentence, across wrapped lines
            end = _sentence_end(text, m.end())
            c = Clean(text, [(m.end(), end)])
            ev0, ev1 = m.start() if not m.group("poss") else m.start("poss"), end
            made = 0
            for it in items_of(c.s, 0, len(c.s), exclude):
                o = b.org(c, it)
                if o is not None:
                    b.cand("MEMBER_OF", o, target, ev0, ev1, "member-list", conf)
                    made += 1
            covered.append((m.start(), end))
        elif not before or re.fullmatch(r"[#*=\-\s]*", before):
            end = _bullets(b, text, line_end, target, exclude, conf)
            covered.append((m.start(), end))


_FIRST_PERSON = re.compile(r"^[ \t#=*]*(?:our|nos|notre)\s", re.I)


def _own_list_target(b: _Builder, m: re.Match) -> Mention | None:
    """The text's own organisation for a first-person list heading ("Our partners"), if it has one."""
    if b.own is None or not _FIRST_PERSON.match(m.group(0)):
        return None
    return b.mention(b.own.text, b.own.start, b.own.end, kind=b.own.kind)


def _list_target(b: _Builder, text: str, m: re.Match) -> tuple[Mention | None, float]:
    """Who the members belong to: named in the lead-in, else the cluster the page is about."""
    for g in ("of", "poss"):
        name = ((m.groupdict().get(g)) or "").strip()
        if not name:
            continue
        if _SELF_REF.match(name):
            break
        nm = re.sub(r"^(?:the|le|la|les|l['’])\s+", "", name, flags=re.I)
        if not (name_test(nm) or _is_acronym(nm)):
            return None, 0.0  # "members of the board of directors": not a members list we can place
        k = m.start(g) + name.find(nm)
        mm = re.match(r"\s*\(([A-Z0-9]{2,8})\)", text[k + len(nm):k + len(nm) + 12])
        _, kind = classify(nm)
        return b.mention(nm, k, k + len(nm), kind=kind, alias=mm.group(1) if mm else None), CONF_LIST
    # implicit: the nearest cluster named before the list, else the most named one
    found = [x for x in _CLUSTER_NAME.finditer(text) if name_test(x.group(0).split("(")[0].strip())]
    if not found:
        return _own_list_target(b, m), CONF_LIST_IMPLICIT
    before = [x for x in found if x.end() <= m.start() and m.start() - x.end() < 3000]
    if before:
        x = before[-1]
    else:
        counts: dict[str, int] = {}
        for y in found:
            counts[fold(y.group(0))] = counts.get(fold(y.group(0)), 0) + 1
        x = max(found, key=lambda y: counts[fold(y.group(0))])
    nm = x.group(0).split("(")[0].strip()
    return b.mention(nm, x.start(), x.start() + len(nm), kind="cluster", alias=x.group("acr")), CONF_LIST_IMPLICIT


def _sentence_end(text: str, i: int) -> int:
    lim = min(len(text), i + 1200)
    m = re.compile(r"\.(?=\s+[A-ZÀ-Ý]|\s*$)|\n\s*\n(?=\s*\S)(?<![,;:]\n\n)").search(text, i, lim)
    end = m.end() if m else lim
    # a wrapped list goes on across a blank line only when the line broke inside the list
    while m and text[m.start()] == "\n" and re.search(r"[,;]\s*$", text[i:m.start()]):
        m = re.compile(r"\.(?=\s+[A-ZÀ-Ý]|\s*$)|\n\s*\n").search(text, m.end(), lim)
        end = m.end() if m else lim
    return end


def _bullets(b: _Builder, text: str, pos: int, target: Mention, exclude: set[str], conf: float,
             rtype: str = "MEMBER_OF", method: str = "member-list") -> int:
    """Items of a bulleted (or one-name-per-line) list starting after pos; returns where it ends.
    Up to two short prose lines may come first ("The cluster counts 46 members. Among them:")."""
    blank = 0
    intro = 0
    nl = text.find("\n", pos)
    pos = len(text) if nl < 0 else nl + 1  # the list starts on the next line
    end = pos
    bulleted = None
    found = []
    for ln_m in re.finditer(r"[^\n]*\n?", text[pos:]):
        a = pos + ln_m.start()
        line = ln_m.group(0).rstrip("\n")
        if not ln_m.group(0):
            break
        if not line.strip():
            blank += 1
            if blank > 1:  # two blank lines: the list is over (one may separate flattened lines)
                break
            continue
        bm = _BULLET.match(line)
        if bulleted is None:
            bulleted = bool(bm)
        if bulleted and not bm:
            if _category_heading(line):
                continue
            break
        body = bm.group("body") if bm else line.strip()
        if not found and not bm and intro < 2 and len(body) < 120 and re.search(r"[.:]\s*$", body):
            intro += 1
            bulleted = None
            blank = 0
            continue
        if not bulleted:
            if _category_heading(line):
                blank = 0
                continue
            if len(body) > 80 or re.search(r"[.!?]\s*$", body) and not body.endswith("etc."):
                break
        blank = 0
        if fold(body.strip(" :")) in _NAV:
            return pos  # a site menu, not a members list
        off = a + line.find(body)
        c = Clean(text, [(off, off + len(body))])
        cut = _descriptor_cut(c.s)
        its = items_of(c.s, 0, cut, exclude)
        if not bulleted and (len(its) != 1 or its[0].end - its[0].start < cut - 2):
            break  # a plain line must be exactly one name, or the list is over
        found.append((c, its, off, off + len(body)))
        end = off + len(body)
    for c, its, a, z in found:
        for it in its:
            o = b.org(c, it)
            if o is not None:
                src, tgt = (target, o) if rtype == "PARTNERS_WITH" else (o, target)
                b.cand(rtype, src, tgt, a, z, method, conf)
    return end


def _descriptor_cut(s: str) -> int:
    """Where the name part of a list line ends: before ' – description', ': description'.
    A category prefix ('Entreprises : A, B') is not a name, so the list after it is kept."""
    m = re.search(r"\s[–—-]\s|:\s", s)
    appos = re.search(r",\s+(?:the|a|an|le|la|l['’]|un|une)\s", s)  # "MDFC, the Moroccan … Cluster"
    if appos and (not m or appos.start() < m.start()) and (name_test(s[:appos.start()]) or
                                                          _is_acronym(s[:appos.start()].strip())):
        return appos.start()
    if not m:
        return len(s)
    head = s[:m.start()].strip()
    if s[m.start():m.end()].strip() == ":" and not name_test(head):
        return len(s)
    return m.start()


def _category_heading(line: str) -> bool:
    """'Entreprises :', 'Universities & research centres' inside a members list: a sub-heading."""
    s = line.strip().rstrip(":").strip()
    s = re.sub(r"^[#*\s]+|[#*\s]+$", "", s)
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", s)]
    return bool(words) and len(s) < 60 and not name_test(s) and all(w in GENERIC for w in words)
