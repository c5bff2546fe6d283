"""Project rosters: the partner lines of an EU-style project page.

    Project Name: BLUEWAVE
    1. Lead Beneficiary – Institute of Sea Studies (ISS), Greece
    2. Partner 1 – Kappa Chamber of Commerce, Cyprus
    Coordinateur : Agence Delta (France) / Partenaire 2 : Université de Numidie, Algérie

Each line names a role, an organisation (with its acronym) and often its country. The lead (lead
beneficiary, lead partner, coordinator, « chef de file ») RUNS the project; every other partner
PARTICIPATES_IN it; the country gives LOCATED_IN. The project is the one the page names on a
"Project name:" / « Projet : » line above the roster, else the last "the X project" / « le projet X » its
prose names above it. Without a named project, or with fewer than two roster lines, nothing is read: a
line alone could be anything.

Method names (stable): roster-lead, roster-partner, roster-country.
"""
from __future__ import annotations

import re

from .gazetteers import places
from .names import _COMPANY_SUFFIX
from ecograph.kinds import FIRM_WORDS, classify
from .tokens import fold_tokens

CONF_ROSTER = 0.85
LEAD_ROLES = r"lead\s+(?:beneficiary|partner|applicant|organi[sz]ation)|(?:project\s+)?coordinator|" \
              r"chef\s+de\s+file|coordinat(?:eur|rice)|coordonnat(?:eur|rice)|b[ée]n[ée]ficiaire\s+principal"
_PARTNER_ROLES = r"(?:project\s+|associated\s+)?partner(?:\s*(?:n[°o.]?\s*)?\d{1,2})?|beneficiary(?:\s*\d{1,2})?|" \
                 r"partenaire(?:\s+associ[ée])?(?:\s*(?:n[°o.]?\s*)?\d{1,2})?"
_LINE = re.compile(
    r"^[ \t]*(?:\d{1,2}[.)][ \t]*|[-•*·▪◦][ \t]*)?"
    r"(?P<role>" + LEAD_ROLES + "|" + _PARTNER_ROLES + r")[ \t]*(?:[:–—-]|\))[ \t]*"
    r"(?P<name>[^,\n()]{3,120}?)[ \t]*(?:\((?P<paren>[^()\n]{2,40})\))?[ \t]*"
    r"(?:[,–—-][ \t]*(?P<country>[^\n,()]{3,40}?))?[ \t]*\.?[ \t]*$", re.I | re.M)
_LEAD = re.compile(LEAD_ROLES, re.I)
_PROJECT = re.compile(
    r"^[ \t#*]*(?:project(?:\s+(?:name|acronym|title))?|projet|nom\s+du\s+projet|acronyme)[ \t]*:[ \t]*"
    r"(?P<name>[^\n(]{2,80}?)[ \t]*(?:\([^()\n]*\))?[ \t]*$", re.I | re.M)
_ARTICLE = re.compile(r"^(?:the|le|la|les|l['’])\s+", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&-]{1,11}$")


def roster_edges(b, text: str, covered: list[tuple[int, int]]) -> None:
    """RUNS / PARTICIPATES_IN / LOCATED_IN from each project roster in the text (`b`: the tables'
    candidate builder)."""
    lines = [m for m in _LINE.finditer(text) if not any(a <= m.start() < z for a, z in covered)]
    if len(lines) < 2:
        return
    for block in _blocks(text, lines):
        project = _project_above(b, text, block[0].start())
        if project is None:
            continue
        for m in block:
            _roster_line(b, m, project)
        covered.append((block[0].start(), block[-1].end()))


def _blocks(text: str, lines: list[re.Match]) -> list[list[re.Match]]:
    """Runs of roster lines with nothing but blank lines between them; a run needs two lines."""
    out: list[list[re.Match]] = [[lines[0]]]
    for m in lines[1:]:
        if text[out[-1][-1].end():m.start()].strip():
            out.append([m])
        else:
            out[-1].append(m)
    return [blk for blk in out if len(blk) >= 2]


# a project the prose names above a roster with no "Project name:" line: "the BLUEWAVE project", « le projet
# Nova Sud » (the last one named before the roster)
_NAMED_PROJECT = re.compile(
    r"\b(?:the|The)\s+(?P<en>[A-Z][\w@&-]*(?:\s+[A-Z0-9][\w@&-]*){0,4})\s+(?:project|programme|program)\b|"
    r"\b(?:le|Le)\s+(?:projet|programme)\s+(?P<fr>[A-Z][\w@&-]*(?:\s+[A-Z0-9][\w@&-]*){0,4})")


def _project_above(b, text: str, at: int):
    """The project the page names above the roster ("Project Name : X", else "the X project" in the
    prose), within a page's head."""
    found = [m for m in _PROJECT.finditer(text, max(0, at - 3000), at)]
    if not found:
        return _project_in_prose(b, text, at)
    m = found[-1]
    name = m.group("name").strip().strip("«»\"“”").strip()
    if not name:
        return None  # what a "Project name:" line names is the project, whatever its words ("CLUSTER")
    a = m.start("name") + m.group("name").find(name)
    return b.mention(name, a, a + len(name), label="Programme", kind="project")


_NOT_A_PROJECT_NAME = re.compile(r"^(?:EU|European|New|Pilot|First|Second|Third|This|Our|Its)$|"
                                  r"-(?:funded|financed|backed|led|based|sponsored)$", re.I)


def _project_in_prose(b, text: str, at: int):
    return _last_project(b, _NAMED_PROJECT, text, max(0, at - 3000), at)


def _last_project(b, pattern: re.Pattern, text: str, start: int, end: int):
    """The project the last match of `pattern` (groups "en" / "fr") in text[start:end] names."""
    found = [m for m in pattern.finditer(text, start, end)
             if not _NOT_A_PROJECT_NAME.search(m.group("en") or m.group("fr"))]
    if not found:
        return None
    group = "en" if found[-1].group("en") else "fr"
    a, z = found[-1].span(group)
    return b.mention(text[a:z], a, z, label="Programme", kind="project")


# A heading line that names the page's project: "NOVA-MED project", "The Kelvo Project", « Le projet Kelvo »,
# « Projet KELVO-MED » (a line of its own, nothing else on it)
_HEADING_PROJECT = re.compile(
    r"^[ \t#*]*(?:(?:the|The)\s+)?(?P<en>[A-Z][\w@&-]*(?:[ \t]+[A-Z0-9][\w@&-]*){0,4})[ \t]+(?:[Pp]roject|[Pp]rogramme|[Pp]rogram)[ \t*]*$|"
    r"^[ \t#*]*(?:(?:le|Le)[ \t]+)?(?:[Pp]rojet|[Pp]rogramme)[ \t]+(?P<fr>[A-Z][\w@&-]*(?:[ \t]+[A-Z0-9][\w@&-]*){0,4})[ \t*]*$",
    re.M)
_HEADING_REACH = 300  # characters from the heading to the first field under it


def project_heading(b, text: str, at: int):
    """The project a heading line just above `at` names (a block of fields under "NOVA-MED project")."""
    return _last_project(b, _HEADING_PROJECT, text, max(0, at - _HEADING_REACH), at)


def _roster_line(b, m: re.Match, project) -> None:
    raw = m.group("name")
    name = _ARTICLE.sub("", raw.strip())
    if len(name) < 2 or not name[0].isupper():
        return
    a = m.start("name") + raw.find(name)
    paren = (m.group("paren") or "").strip()
    alias = paren if _ACRONYM.match(paren) else None
    country = _country(m.group("country") or ("" if alias else paren))
    label, kind = classify(name)
    if label == "Programme":
        return
    org = b.mention(name, a, a + len(name), kind=kind, alias=alias)
    lead = _LEAD.fullmatch(re.sub(r"\s+", " ", m.group("role").strip())) is not None
    b.cand("RUNS" if lead else "PARTICIPATES_IN", org, project, m.start(), m.end(),
           "roster-lead" if lead else "roster-partner", CONF_ROSTER)
    if country is not None:
        p0 = m.start("country") if m.group("country") else m.start("paren")
        surface = (m.group("country") or paren).strip()
        place = b.mention(surface, p0, p0 + len(surface), label="Place", kind=country.kind,
                          canonical=country.name)
        b.cand("LOCATED_IN", org, place, m.start(), m.end(), "roster-country", CONF_ROSTER)


def _country(s: str):
    s = s.strip().rstrip(".")
    if not s:
        return None
    p = places()[0].get(" ".join(fold_tokens(s)))
    return p if p is not None and p.kind == "country" else None


# the page's title line: a short name, with an optional description after a dash or a colon
_TITLE = re.compile(r"\A\s*(?:#+[ \t]*)?(?P<name>[A-Z][\w@&'’-]*(?:[ \t]+[A-Z0-9][\w@&'’-]*){0,3})"
                    r"[ \t]*(?:(?:[–—:|]|[ \t]-)[^\n]{0,120})?[ \t]*\n")
# the page calls itself a project: "the project" as a subject or object, not "the project pipeline / manager"
_SELF_PROJECT = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Oo]ur)\s+project(?=\s*(?:[,.;:)]|['’]s\b|(?:is|was|has|will|aims|brings|supports|gathers|"
    r"involves|includes|started|runs|helps|seeks|targets)\b))|"
    r"\b(?:[Ll]e|[Cc]e|[Nn]otre)\s+projet(?=\s*(?:[,.;:)]|(?:est|a|vise|réunit|rassemble|associe|implique|sera|"
    r"accompagne|soutient|cible)\b))")
# title lines that name no project: a site's menu, a report, a news page ("Home", "Annual Report 2023")
_NOT_A_TITLE = re.compile(r"\b(?:home|accueil|news|actualit[ée]s|press|presse|report|rapport|about|contact|"
                          r"(?:19|20)\d\d)\b", re.I)


def page_project(b, text: str, at: int, *, project_list: bool):
    """The project a partner list at `at` belongs to: the one a "Project name:" line, the prose ("the X
    project") or a heading ("X project") names above it; else the page's title project (`title_project`)."""
    return _project_above(b, text, at) or project_heading(b, text, at) or \
        title_project(b, text, at, project_list=project_list)


def title_project(b, text: str, at: int, *, project_list: bool):
    """The page's title name as its project, when the page calls itself a project ("the project", « le
    projet ») or the list at `at` says it is a project's ("Project partners", a lead partner's field)."""
    m = _TITLE.match(text)
    if m is None or m.end() > at or not (project_list or _SELF_PROJECT.search(text)):
        return None
    name = m.group("name")
    words = fold_tokens(name)
    if classify(name)[0] == "Organisation" or places()[0].get(" ".join(words)) is not None or \
            _NOT_A_TITLE.search(m.group(0)) or words[-1] in FIRM_WORDS or words[-1] in _COMPANY_SUFFIX:
        return None  # a body's page ("Kelvo Cluster", "Zeph Ventures", "Tunisia"), a menu, a report
    return b.mention(name, m.start("name"), m.end("name"), label="Programme", kind="project")
