"""Partners listed one per line under the sentence that announces them: a project page writes

    The project involves five partners representing the textile clusters of the region.
      • KESTREL – Textile Confederation of Lorn (Spain)
      • ORVAL – Industrial Association of Nemo (Italy)

    Les partenaires du projet sont :
    - l'Agence Delta (chef de file)
    - le Pôle Sigma

Each line's organisation takes part in the programme the announcing sentence names (or refers to: "the
project", « du projet »); a line that calls its organisation the lead partner, coordinator or « chef de
file » gives RUNS instead. The sentence frames read lists written inside one sentence; this reader only
joins a sentence to the lines under it. A list needs two lines, and a line must open on its organisation:
a list of goals, regions or activities gives nothing.

The same module reads a subject's own partners named in its sentence: "X worked with …, as well as its
partners (including A, B and C)", « X s'appuie sur ses partenaires, dont A et B »: X partners each one; a
programme's own partners take part in it ("This initiative … the contributions of our partners, including A
in Lebanon and B in Egypt").

And a project's partners named in the sentence that says so: "The project partners are A, B and C",
« Les partenaires du projet sont A, B et C » (the programme named there, or the one named last).

Method names (stable): listed-partner, listed-lead, own-partners, project-partners.
"""
from __future__ import annotations

import re

from .frames import is_list_gap
from .patterns import Sent
from .tables_roster import LEAD_ROLES
from .types import Candidate

CONF_LISTED = 0.8
_ANNOUNCE = {
    "en": re.compile(r"\b(?:involv\w*|brings? together|bringing together|gathers?|unites?|includes?|comprises?|"
                     r"associates?|counts?|has|have)\b[^.:;]{0,40}\bpartners\b|"
                     r"\bpartners\b[^.;]{0,40}\b(?:are|include)\s*:?\s*$|^(?:the\s+)?(?:project\s+)?partners\s*:?\s*$",
                     re.I),
    "fr": re.compile(r"\b(?:associe\w*|réuni\w*|regroupe\w*|rassemble\w*|impliqu\w*|mobilise\w*|compte\w*|"
                     r"comprend\w*)\b[^.:;]{0,40}\bpartenaires\b|"
                     r"\bpartenaires\b[^.;]{0,40}\bsont\s*:?\s*$|^(?:les\s+)?partenaires(?:\s+du\s+projet)?\s*:?\s*$",
                     re.I),
}
_LEAD = re.compile(LEAD_ROLES, re.I)
_ITEM_CHARS = 200     # a list line names one organisation and a few words about it
_OPENS_WITHIN = 3     # tokens before the line's organisation: a determiner, a number


def listed_partner_edges(text: str, sents: list[Sent], lang: str) -> list[Candidate]:
    """PARTICIPATES_IN / RUNS from each announced list of partners under a sentence (see the module doc)."""
    pattern = _ANNOUNCE.get(lang)
    out: list[Candidate] = []
    if pattern is None:
        return out
    for n, s in enumerate(sents):
        if not pattern.search(text[s.start:s.end]):
            continue
        prog = next((x.m for x in s.args if x.m.label == "Programme"), None)
        if prog is None or any(x.m.label == "Organisation" and not x.coref for x in s.args):
            continue  # no programme to join, or the sentence names its partners itself (the frames read it)
        items = _items(text, sents, n + 1)
        if len(items) < 2:
            continue
        for s_item, orgs in items:
            lead = _LEAD.search(text[s_item.start:s_item.end]) is not None
            for m in orgs:
                out.append(Candidate("RUNS" if lead else "PARTICIPATES_IN", m, prog, s_item.start, s_item.end,
                                     "listed-lead" if lead else "listed-partner", CONF_LISTED))
    return out


def _items(text: str, sents: list[Sent], k: int) -> list[tuple[Sent, list]]:
    """The list lines from sentence k on: each on a line of its own, short, opening on an organisation
    (and its other name after a dash, "KESTREL – Textile Confederation of Lorn")."""
    out = []
    while k < len(sents):
        s = sents[k]
        line_start = text.rfind("\n", 0, s.start) + 1
        if s.end - s.start > _ITEM_CHARS or re.search(r"\w", text[line_start:s.start]):
            break
        orgs = [x for x in s.args if x.m.label == "Organisation" and not x.coref]
        if not orgs or orgs[0].i - s.a > _OPENS_WITHIN:
            break
        names = [orgs[0].m]
        if len(orgs) > 1 and re.fullmatch(r"\s*[–—-]\s*", text[orgs[0].m.end:orgs[1].m.start]):
            names.append(orgs[1].m)
        out.append((s, names))
        k += 1
    return out


_OWN_PARTNERS = {
    "en": re.compile(r"\b(?:its|their|our)\s+(?:[a-z-]+\s+){0,2}partners\s*[(,:]?\s*"
                     r"(?:including|such as|namely|notably|among them|like)?\s*:?\s*(?:the\s+)?$", re.I),
    "fr": re.compile(r"\b(?:ses|leurs|nos)\s+(?:[a-zà-ÿ-]+\s+){0,2}partenaires\s*[(,:]?\s*"
                     r"(?:dont|notamment|tels que|telles que|à savoir|parmi lesquels|comme)?\s*:?\s*"
                     r"(?:(?:le|la|les)\s+|l['’])?$", re.I),
}
_LEAD_WITHIN = 3  # tokens before the sentence's subject: a determiner, an adverb


def own_partner_edges(text: str, sents: list[Sent], lang: str) -> list[Candidate]:
    """PARTNERS_WITH between a sentence's subject and the partners it calls its own; PARTICIPATES_IN when
    the subject is a programme ("This initiative … our partners, including A and B") (see the module doc)."""
    pattern = _OWN_PARTNERS.get(lang)
    out: list[Candidate] = []
    if pattern is None:
        return out
    for s in sents:
        actors = [x for x in s.args if x.m.label in ("Organisation", "Programme")]
        if len(actors) < 2 or actors[0].i - s.a > _LEAD_WITHIN:
            continue
        owner, rest = actors[0], [x for x in actors[1:] if x.m.label == "Organisation"]
        # the partners are the next names after the owner's: "X met Y and its partners" are Y's;
        # a programme's partners take part in it ("This initiative … our partners, including A and B")
        after_owner = s.start if owner.coref else owner.m.end  # a reference's mention is its antecedent's
        if rest and rest[0] is actors[1] and pattern.search(text[after_owner:rest[0].m.start]):
            partners = [y.m for y in _run(text, actors[1:]) if y.m is not owner.m and y.m.label == "Organisation"]
            if owner.m.label == "Programme":
                out += [Candidate("PARTICIPATES_IN", p, owner.m, s.start, s.end, "own-partners", CONF_LISTED)
                        for p in partners]
            else:
                out += [Candidate("PARTNERS_WITH", owner.m, p, s.start, s.end, "own-partners", CONF_LISTED)
                        for p in partners]
    return out



_DASHED_ACRONYM = re.compile(r"^\s*[–—-]\s*(?:[A-Z][A-Z0-9&]{1,7}\b)?")
_PLACE_TAIL = re.compile(r"^\s+(?:in|en|au|à)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?")  # "A in Lebanon, B in Egypt"


def _run(text: str, args: list) -> list:
    """The names listed from args[0] on: "A - AA, B, C and D" (a name's acronym after a dash is its own)."""
    out = [args[0]]
    for prev, x in zip(args, args[1:]):
        gap = _PLACE_TAIL.sub("", _DASHED_ACRONYM.sub("", text[prev.m.end:x.m.start]))
        if not gap.strip() and x.m.text.isupper():
            continue  # "the Rena Foundation - RF": the same actor's acronym
        if not is_list_gap(gap):
            break
        out.append(x)
    return out


_PARTNERS_ARE = {  # (matched at a sentence's start: `match` anchors there, "^" would not)
    "en": re.compile(r"(?:the\s+)?(?:(?:project|programme|program)(?:['’]s)?\s+)?partners(?:\s+of\s+[^.;:]{1,80}?)?"
                     r"\s+(?:are|include)\b\s*:?", re.I),
    "fr": re.compile(r"(?:les\s+)?partenaires\s+(?:du|de\s+la|de\s+l['’]|de)\s*[^.;:]{1,80}?\s+"
                     r"(?:sont|comprennent|incluent)\b\s*:?", re.I),
}
_TOPIC_REACH = 3
_ONLY_DETERMINER = re.compile(r"\s*(?:(?:the|le|la|les)\s+|l['’])?\s*", re.I)  # sentences back to the programme named last


def project_partner_edges(text: str, sents: list[Sent], lang: str) -> list[Candidate]:
    """PARTICIPATES_IN from "The project partners are A, B and C" (see the module doc)."""
    pattern = _PARTNERS_ARE.get(lang)
    out: list[Candidate] = []
    if pattern is None:
        return out
    for n, s in enumerate(sents):
        m = pattern.match(text, s.start, s.end)
        if m is None:
            continue
        prog = next((x.m for x in s.args if x.m.label == "Programme" and x.m.end <= m.end()), None) or \
            next((x.m for k in range(n - 1, max(-1, n - 1 - _TOPIC_REACH), -1) for x in reversed(sents[k].args)
                  if x.m.label == "Programme" and not x.coref), None)
        orgs = [x for x in s.args if x.m.label == "Organisation" and x.m.start >= m.end()]
        if prog is None or not orgs or not _ONLY_DETERMINER.fullmatch(text[m.end():orgs[0].m.start]):
            continue  # "the partners are happy with the results of X" names no partner
        out += [Candidate("PARTICIPATES_IN", y.m, prog, s.start, s.end, "project-partners", CONF_LISTED)
                for y in _run(text, orgs)]
    return out
