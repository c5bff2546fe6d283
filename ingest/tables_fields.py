"""Field-label frames: the labelled fields of a project, funder or programme page.

    Project: Blue Orion Initiative                  Projet : Nova Sud
    Lead executing agency: Ministry of Kappa        Maître d'ouvrage : Ministère de Kappa
    Funded by: Orion Foundation, Kappa Bank         Financé par : Union Delta | Partenaires : A, B et C

A page states these relations as fields, not sentences. Each known label (the tables
`ingest/data/fields_<lang>.json`, checked at import) maps the organisations of its value to a
SCHEMA relation with the programme the page names: a "Project: / Projet : / Programme:" line above
(the rosters' own reading, `tables_roster._project_above`), or a weaker "Title: / Intitulé :" line in
the same block of fields. Without a named programme nothing is read; a value that is not a list of
names (a sentence, an amount, a category, a person) gives nothing, and so does a field that names
no relation (Duration, Budget, Country, Contact, Date). An organisation's country in its value
("Agence Lyra (France)") gives LOCATED_IN. Evidence span = the field (the line, or its part of a line).

Which relation a label gives follows SCHEMA.md and the gold conventions: running, implementing,
coordinating → RUNS ("implementing partners" implement the project, so RUNS too); money → FUNDS;
"Commissioned by" does not say money, so SUPPORTS; partners and beneficiaries → PARTICIPATES_IN.
A name that closes a line which the sentence reader runs on into the next one ("... Enterprises" +
"Overall term: ...") is left out: that reader's longer name would take the edge.

Method names (stable): field-lead, field-implementing-partner, field-funder, field-commissioner,
field-partner, field-country.
"""
from __future__ import annotations

from bisect import bisect_left
import heapq
import re
from dataclasses import dataclass

from ecograph.ids import fold
from ecograph.kinds import PERSON_TITLES, classify
from .fields_vocab import FieldRole, FieldTables, field_tables, label_key
from .gazetteers import given_names, places, registry_surfaces
from .tables_items import Clean, chunks, items_of, name_test, strip_edges
from .sentences import split
from .tables_roster import (title_project, _PROJECT as _ROSTER_PROJECT, _project_above, _project_in_prose,
                           project_heading)
from .tables_vocab import is_place
from .tokens import fold_tokens

CONF_FIELD = 0.85

# A field: at a line start (after a bullet or markdown emphasis), a label of one to six words, a colon.
_FIELD = re.compile(
    r"^[ \t]*(?:[-•*·▪◦][ \t]+)?(?:\*\*|__)?(?P<label>[^\W\d_][\w'’()/&.-]*(?:[ \t]+[\w'’()/&.-]+){0,5}?)"
    r"(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*(?P<value>[^\n]*)$", re.M)
# Where a second field starts inside a line: after a separator ("| Funded by:", " – Partenaires :").
_INLINE_SEP = re.compile(r"[ \t]*(?:\||;|•|·|[ \t][–—-][ \t]|\t|[ \t]{2,}|(?<=[\w)])\.[ \t])[ \t]*")
_BULLET = re.compile(r"^[ \t]*(?:[-•*·▪◦–]|\d{1,2}[.)])[ \t]+(?P<body>\S[^\n]*)$")
_LABEL_MAX = 120  # characters from a line's start to the colon that closes its label, at most
_BULLET_MARK = re.compile(r"(?:^|(?<= ))(?:[-•*·▪◦–]|\d{1,2}[.)])(?= )")  # in a list run into one line
_AMOUNT_PAREN = re.compile(r"\([^()\n]*\d[^()\n]*\)")  # "(EUR 2.4 million)", "(2019-2022)": no name inside


@dataclass
class _Field:
    start: int        # the field in the text: label start ...
    end: int          # ... to the value's end
    label: str        # folded
    value: tuple[int, int]


def fields_edges(b, text: str, covered: list[tuple[int, int]]) -> None:
    """RUNS / FUNDS / SUPPORTS / PARTICIPATES_IN / LOCATED_IN from the labelled fields of the text
    (`b`: the tables' candidate builder)."""
    tables = field_tables()
    found = [f for f in _fields(text, tables) if not any(a <= f.start < z for a, z in covered)]
    if not any(tables.roles.get(f.label) and tables.roles[f.label].type for f in found):
        return
    run_on = _run_on_line_ends(text)
    anchors = [[g for g in found if tier(g.label)] for tier in _tiers(tables)[:2]]
    anchors.append([m.end() for m in _ROSTER_PROJECT.finditer(text)])  # the rosters' "Project name:" lines
    for block in _blocks(text, found):
        above: list = []  # the programme above the block, looked up once for the block
        for f in block:
            role = tables.roles.get(f.label)
            if role is None or role.type is None:
                continue
            project = _programme(b, text, anchors, block, f, tables, above)
            if project is not None and _field(b, text, f, role, project, run_on):
                # the partner-list reader must not read it again ("Partners:" over a bulleted list)
                covered.append((text.rfind("\n", 0, f.start) + 1, f.end))


def _fields(text: str, tables: FieldTables) -> list[_Field]:
    """Every field of the text, the fields sharing a line split apart, a label alone on its line
    followed by a bulleted list read with that list as its value."""
    out: list[_Field] = []
    for m in _field_matches(text):
        v1 = m.end("value")
        # (where the field starts, its label, where its value starts, where the previous value ends)
        cuts = [(m.start("label"), label_key(m.group("label")), m.start("value"), None)]
        for sep in _INLINE_SEP.finditer(text, m.start("value"), v1):
            known = _known_label_at(text, sep.end(), v1, tables)
            if known is not None and sep.start() >= cuts[-1][2]:
                cuts.append((sep.end(), known[0], known[1], sep.start()))
        ends = [c[3] for c in cuts[1:]] + [v1]
        for (a, label, va, _), vz in zip(cuts, ends):
            out.append(_Field(a, vz, label, (va, vz)))
        if len(cuts) == 1 and not text[m.start("value"):v1].strip() and cuts[0][1] in tables.roles:
            end = _bullet_list_end(text, m.end())
            if end > m.end():
                out[-1] = _Field(out[-1].start, end, out[-1].label, (m.end(), end))
    return out


def _field_matches(text: str):
    """_FIELD at the start of each line that has a colon near its start: the colons are found at C
    speed, so a long text without fields costs a scan, not a regex attempt at every position."""
    last = -1
    for k in heapq.merge(_positions(text, ":"), _positions(text, "：")):
        nl = text.rfind("\n", max(0, k - _LABEL_MAX), k)
        if nl < 0 and k > _LABEL_MAX:
            continue  # too far from its line's start to close a label
        line = nl + 1
        if line <= last:
            continue
        last = line
        m = _FIELD.match(text, line)
        if m:
            last = m.end()
            yield m


def _positions(text: str, char: str):
    k = text.find(char)
    while k >= 0:
        yield k
        k = text.find(char, k + 1)


def _known_label_at(text: str, i: int, j: int, tables: FieldTables) -> tuple[str, int] | None:
    m = re.match(r"(?:\*\*|__)?([^\W\d_][\w'’()/&.-]*(?:[ \t]+[\w'’()/&.-]+){0,5}?)(?:\*\*|__)?[ \t]*[:：][ \t]*",
                 text[i:j])
    if not m:
        return None
    label = label_key(m.group(1))
    known = label in tables.roles or label in tables.programme or label in tables.programme_weak
    return (label, i + m.end()) if known else None


def _bullet_list_end(text: str, pos: int) -> int:
    """Where a bulleted list right under an empty field ends ("Partners:" then "- A" / "- B")."""
    end = pos
    for ln in re.finditer(r"\n([^\n]*)", text[pos:pos + 4000]):
        line = ln.group(1)
        if not line.strip():
            if end > pos:
                break
            continue
        if not _BULLET.match(line):
            break
        end = pos + ln.end()
    return end


def _blocks(text: str, found: list[_Field]) -> list[list[_Field]]:
    """Runs of fields on consecutive lines (or sharing a line); a blank line ends a run."""
    out: list[list[_Field]] = []
    for f in found:
        gap = text[out[-1][-1].end:f.start] if out else "x"
        if not gap.strip(" \t\n|;•·▪◦*_–—-.") and gap.count("\n") <= 1:
            out[-1].append(f)
        else:
            out.append([f])
    return out


def _programme(b, text: str, anchors: list[list[_Field]], block: list[_Field], f: _Field, tables: FieldTables,
               above_block: list):
    """The programme the field belongs to: a programme field of its block, else one above it on the
    page (within a page's head), else a roster's "Project name: X" line above it. A project's own line
    comes before the programme it is funded under ("Project: X" / "Programme: P" / "Lead partner: A":
    A runs X), a weak "Title:" counts in the block only; in one tier of the block the nearest field
    above wins, else the first below. `above_block` keeps what was found above the block."""
    for tier in _tiers(tables):
        named = [g for g in block if tier(g.label)]
        if named:
            above = [g for g in named if g.start < f.start]
            return _programme_mention(b, text, above[-1] if above else named[0], block, tables)
    if not above_block:
        lead = any(tables.roles.get(g.label) is not None and tables.roles[g.label].type == "RUNS" for g in block)
        above_block.append(_programme_above(b, text, anchors, block[0].start)
                           or _project_in_prose(b, text, block[0].start)
                           or title_project(b, text, block[0].start, project_list=lead))
    return above_block[0]


def _programme_above(b, text: str, anchors: list[list[_Field]], at: int):
    for named in anchors[:2]:  # sorted by start: the nearest one above, found by bisection
        k = bisect_left(named, at, key=lambda g: g.start)
        if k and at - named[k - 1].end < 3000:
            g = named[k - 1]
            return _programme_mention(b, text, g, [g], field_tables())
    k = bisect_left(anchors[2], at + 1)
    if k and at - anchors[2][k - 1] < 3000:  # a roster's project line near: read as the rosters read it
        return _project_above(b, text, at)
    return project_heading(b, text, at)  # the heading the block sits under: "NOVA-MED project"


def _tiers(tables: FieldTables):
    return (lambda lab: lab in tables.programme and lab.startswith("proj"),
            lambda lab: lab in tables.programme and not lab.startswith("proj"),
            lambda lab: lab in tables.programme_weak)


def _value_name(text: str, g: _Field) -> tuple[str, int]:
    raw = text[g.value[0]:g.value[1]]
    name = re.sub(r"\s*\([^()]*\)\s*$", "", raw.strip()).strip().strip("«»\"“”*_").strip().rstrip(".")
    return name, g.value[0] + raw.find(name) if name else -1


def _programme_mention(b, text: str, g: _Field, block: list[_Field], tables: FieldTables):
    name, a = _value_name(text, g)
    # a programme's name starts with a capital ("Programme: 9:00 Welcome" is an agenda, not a name)
    if not name or not name[0].isupper() or len(name) > 160 or "\n" in name:
        return None
    if classify(name)[0] == "Organisation" and g.label not in tables.programme:
        return None  # "Title: Ministry of Kappa" names no programme
    acronym = None
    if "acronym" not in g.label and "acronyme" not in g.label:
        acr = [_value_name(text, x)[0] for x in block if x.label in ("acronym", "project acronym", "acronyme",
                                                                      "acronyme du projet")]
        acronym = next((x for x in acr if re.fullmatch(r"[\w&'-]{2,20}", x) and x != name), None)
    kind = "programme" if g.label.startswith("program") else "project"
    return b.mention(name, a, a + len(name), label="Programme", kind=kind, alias=acronym)


def _field(b, text: str, f: _Field, role: FieldRole, project, run_on: set[int]) -> bool:
    """The field's organisations → `role.type` to the project, if its whole value is a list of names."""
    v0, v1 = f.value
    pieces, pos = [], v0
    for m in _AMOUNT_PAREN.finditer(text, v0, v1):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, v1))
    pieces = [(a, z) for a, z in pieces if z > a]
    if not pieces:
        return False
    c = Clean(text, pieces)
    s = re.sub(r"\s/\s", " ; ", c.s)  # "A / B" is a list (the same length: offsets still map)
    if "\n" in text[v0:v1]:  # a bulleted list under the label: each bullet is one item
        s = _BULLET_MARK.sub(lambda m: ";" + " " * (len(m.group(0)) - 1), s)
    if not s.strip() or not _only_names(s):
        return False
    for it in items_of(s, 0, len(s)):
        if _is_person(it.name):
            return False  # "Coordinator: Dr Leila Haddad": a person holds the post, no organisation is named
    for it in items_of(s, 0, len(s)):
        label, kind = classify(it.name)
        if label == "Programme" or fold(it.name) == fold(project.text):
            continue
        a, z = c.span(it.start, it.end)
        if _may_run_on(text, z, run_on):
            continue
        org = b.mention(it.name, a, z, kind=kind, alias=it.alias)
        b.cand(role.type, org, project, f.start, f.end, role.method, CONF_FIELD)
        _country_after(b, c, s, it, org, f)
    return True


def _run_on_line_ends(text: str) -> set[int]:
    """The line ends the sentence splitter reads as a wrap (the line goes on into the next one)."""
    out = set()
    for sent in split(text):
        k = text.find("\n", sent.start, sent.end)
        while k >= 0:
            out.add(k)
            k = text.find("\n", k + 1, sent.end)
    return out


_NEXT_LINE = re.compile(r"[ \t]*\n\s*(\S)")


def _may_run_on(text: str, z: int, run_on: set[int]) -> bool:
    """A name that closes its line, where the sentence reader runs the line on into a next one
    that starts with a capital ("... Enterprises" + "Overall term: ..."): the sentence reader's
    longer name would take this mention's place, and the edge would point at a wrong name. Such a
    name is left out; a wrong edge is worse than a missing one."""
    m = _NEXT_LINE.match(text, z)
    return bool(m) and m.group(1).isupper() and text.find("\n", z) in run_on


def _only_names(s: str) -> bool:
    """Every chunk of the value reads as a name, a place or an acronym: "Orion Foundation, Kappa Bank"
    is a list of names; "we thank Kappa Bank", "EUR 2 million", "SMEs and start-ups" are not."""
    n = 0
    for c0, c1, _ in chunks(s, 0, len(s)):
        a, z = strip_edges(s, c0, c1)
        if z <= a:
            continue
        piece = s[a:z]
        if is_place(piece):
            continue
        if not name_test(piece) and " ".join(fold_tokens(piece)) not in registry_surfaces():
            return False  # (a body the registry knows reads as a name in any case: « Union européenne »)
        n += 1
    return n > 0


def _is_person(name: str) -> bool:
    words = re.findall(r"[\w'’.-]+", name)
    if not words:
        return False
    if fold(words[0]).rstrip(".") in PERSON_TITLES and len(words) > 1 and words[0][:1].isupper():
        return True
    return 2 <= len(words) <= 4 and " ".join(fold_tokens(words[0])) in given_names() and classify(name)[1] is None


def _country_after(b, c: Clean, s: str, it, org, f: _Field) -> None:
    """"Agence Lyra (France)", "Kappa Bank, Tunisia": the country right after the name."""
    m = re.match(r"\s*(?:\(\s*|,\s*|[–—-]\s*)(?P<place>[^\W\d_][^(),;\n]{1,40}?)\s*\)?(?=\s*(?:[,;)]|$|\s(?:and|et)\s))",
                 s[it.end:])
    if not m:
        return
    surface = m.group("place").strip()
    p = places()[0].get(" ".join(fold_tokens(surface)))
    if p is None or p.kind != "country":
        return
    i0 = it.end + m.start("place")
    a, z = c.span(i0, i0 + len(surface))
    place = b.mention(surface, a, z, label="Place", kind=p.kind, canonical=p.name)
    b.cand("LOCATED_IN", org, place, f.start, f.end, "field-country", CONF_FIELD)
