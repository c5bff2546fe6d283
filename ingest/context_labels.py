"""A name's label from the words around it, when its own words say nothing: an apposition or a
predicate noun ("X, a three-year project", "X is an accelerator programme", « le P, programme financé
par … »), or the kind word beside it ("the X project", "programme X", "the launch of “X”"); and from
what the sentences say it does (a fund that launches or finances is an organisation)."""
from __future__ import annotations

import re

from ecograph.kinds import classify

from ecograph.ids import norm
from ecograph.model import RELATION_TYPES

from .entities import Chunk, _ORG_NOUNS
from .names import _COMPLEMENT
from .types import Candidate, Mention

_PROG_KIND = {"project": "project", "projects": "project", "projet": "project", "programme": "programme",
              "program": "programme", "initiative": "policy", "strategy": "policy", "strategie": "policy",
              "plan": "policy", "policy": "policy", "label": "label", "fund": "fund", "fonds": "fund",
              "track": "programme", "voucher": "programme", "scheme": "programme", "congress": "event",
              "congres": "event", "fair": "event", "forum": "event", "salon": "event", "conference": "event",
              "competition": "programme", "concours": "programme", "event": "event", "edition": "event",
              "festival": "event", "exhibition": "event", "award": "programme", "awards": "programme",
              "call": "programme", "launch": "programme", "lancement": "programme"}


_YEAR4 = re.compile(r"(?:19|20)\d\d")
_DURATION = {"month", "months", "year", "years", "week", "weeks", "day", "days", "mois", "an", "ans", "semaines"}
_APPOS_DET = {"a", "an", "the", "its", "their", "un", "une", "le", "la", "l'", "son", "sa", "leur"}
_APPOS_MARKS = {",", "is", "was", "est", "etait"}  # folded forms: « était » reads "etait"


def _apposition_label(toks, ch: Chunk, b: int) -> tuple[str | None, str | None]:
    """'X, a three-year project financed by …', 'X, l'accélérateur public': the noun of an apposition,
    or of a predicate: 'X is an accelerator programme', « X est un programme d'appui »."""
    k = max(ch.j, ch.ext)
    if k + 2 >= b or toks[k].f not in _APPOS_MARKS:
        return None, None
    if toks[k + 1].f in _APPOS_DET:
        first = k + 2
    elif toks[k].f == "," and not toks[k + 1].cap and toks[k + 1].f in _PROG_KIND:
        first = k + 1  # « le PASKO, programme financé par … »: French drops the article
    elif k + 4 < b and toks[k + 1].cap and toks[k + 2].f == "'" and toks[k + 3].f == "s":
        first = k + 4  # "JoMedTech, Jordan's medical technology cluster"
    else:
        return None, None
    if first + 2 < b and toks[first].cap and toks[first + 1].f == "-" and toks[first + 2].f.endswith("ed"):
        first += 3  # "X, an EU-funded project": the funder's name is no part of the noun phrase
    found: tuple[str | None, str | None] = (None, None)
    for n, t in enumerate(toks[first:min(b, first + 6)], start=first):
        if t.f in (",", ".", ";", "(", "and", "et") or t.cap or t.f in _NOUN_PHRASE_ENDS:
            break
        if t.f in _DURATION and toks[n - 1].f == "-":
            return "Programme", "programme"  # "X, a twelve-month accelerator": a programme, not a body
        # the phrase's last kind word is its head: "an accelerator programme" is a programme
        if t.f in _PROG_KIND and t.f not in ("launch", "lancement", "call", "edition", "award", "awards"):
            found = ("Programme", _PROG_KIND[t.f])
        elif t.f in _ORG_NOUNS or t.f in _APPOS_ORG:
            found = ("Organisation", _APPOS_ORG.get(t.f) or classify(t.f)[1])
    return found


# where a noun phrase's head is behind: "a programme of …", « un programme d'appui », "which …"
_NOUN_PHRASE_ENDS = {"of", "for", "that", "which", "who", "to", "de", "d'", "du", "des", "pour", "qui", "que", "a"}


_APPOS_ORG = {"accelerator": "support", "accelerateur": "support", "incubator": "support", "incubateur": "support",
              "cluster": "cluster", "pole": "cluster", "technopark": "support", "technopole": "support",
              "agency": "government", "agence": "government", "ministry": "government", "ministere": "government",
              "bank": "funder", "banque": "funder", "donor": "funder", "university": "university",
              "universite": "university", "school": "university", "ecole": "university", "startup": "company",
              "start-up": "company", "company": "company", "entreprise": "company", "manufacturer": "company",
              "firm": "company", "spin-off": "company", "federation": "association", "association": "association",
              "network": "network", "reseau": "network", "alliance": "network", "hub": "support"}


def context_label(toks, ch: Chunk, a: int, b: int) -> tuple[str | None, str | None]:
    """Label from the words around a name: 'the X project', 'programme X', 'the launch of “X”'."""
    label, kind = _apposition_label(toks, ch, b)
    if label:
        return label, kind
    k = max(ch.j, ch.ext)
    while k < b and (_YEAR4.fullmatch(toks[k].f) or toks[k].f in (":", "-", "–")):
        k += 1  # "X 2025: call for applications"
    after = [t.f for t in toks[k:min(b, k + 1)]] or [t.f for t in toks[max(ch.j, ch.ext):min(b, max(ch.j, ch.ext) + 1)]]
    before = [t.f for t in toks[max(a, ch.i - 4):ch.i] if t.text.isalnum()][-1:]  # the adjacent word only
    for w in after + before[::-1]:
        if w in _PROG_KIND and w not in ("launch", "lancement"):
            return "Programme", _PROG_KIND[w]
    wide = [t.f for t in toks[max(a, ch.i - 4):ch.i]]
    if any(w in ("launch", "lancement") for w in wide) and ch.source == "quoted":
        return "Programme", "event" if after and after[0] in ("the",) else "programme"
    return None, None


_HEAD_PROGRAMMES = ("project", "projet", "programme", "program")  # (their kinds: `_PROG_KIND`)
# head words that make a name a support body (`ecograph.kinds`) but as often end a programme's name
_WEAK_BODY_HEADS = ("startup", "startups", "entrepreneurship", "entrepreneuriat", "hub")
_OPENING_QUOTES = ("‘", "'", "“", '"', "«")


def programme_by_its_head(toks, ch: Chunk, b: int) -> str | None:
    """The kind of a name the text calls a project or programme right after it (past a closing quote),
    when the name's own head word names no body: "the ‘Scale-up Pass for Clusters’ project" is a
    project although "Clusters" is in its words; "the Orion Cluster project" keeps its cluster."""
    if ch.i >= 2 and toks[ch.i - 1].text in _OPENING_QUOTES and toks[ch.i - 2].f in _HEAD_PROGRAMMES:
        return _PROG_KIND[toks[ch.i - 2].f]  # « le projet "Réseau Nova" »: the title the noun introduces
    if ch.i >= 1 and toks[ch.i - 1].f in _HEAD_PROGRAMMES and not toks[ch.i - 1].cap and \
            toks[ch.j - 1].f in _WEAK_BODY_HEADS:
        return _PROG_KIND[toks[ch.i - 1].f]  # « du programme Kelvo-Startup »: a startup word names no body here
    described = _described_programme(toks, ch)
    if described:
        return described
    k = max(ch.j, ch.ext)
    quoted = k < b and toks[k].text in ("’", "'", "”", '"', "»")
    if quoted:
        k += 1
    if k >= b or toks[k].f not in _HEAD_PROGRAMMES or toks[k].cap:
        return None
    if quoted and ch.i > 0 and toks[ch.i - 1].text in _OPENING_QUOTES:
        return _PROG_KIND[toks[k].f]  # "the ‘Kappa Alliances’ project": a title in quotes names the project
    words = [t.f for t in toks[ch.i:ch.j]]
    head = next((words[n - 1] for n in range(1, len(words)) if words[n] in _COMPLEMENT), words[-1])
    if classify(head)[0] == "Organisation" or head in _ORG_NOUNS:
        return None
    return _PROG_KIND[toks[k].f]


_DESCRIBING = 5  # lower-case words a programme noun's description may hold before the name


def _described_programme(toks, ch: Chunk) -> str | None:
    """« le programme européen de coopération territoriale KAPPA »: a name no body's head word names,
    after a programme noun and its lower-case description. « le programme de formation du CEPA » is the
    CEPA's programme: a name after "of" owns the programme."""
    if ch.i == 0 or toks[ch.i - 1].f in _COMPLEMENT or toks[ch.i - 1].f in ("by", "par"):
        return None
    for k in range(ch.i - 1, max(-1, ch.i - 2 - _DESCRIBING), -1):
        t = toks[k]
        if t.f in _HEAD_PROGRAMMES and k < ch.i - 1:
            words = [x.f for x in toks[ch.i:ch.j]]
            if classify(" ".join(words))[0] is None and not set(words) & _ORG_NOUNS:
                return _PROG_KIND[t.f]
            return None
        if t.cap or not t.text.isalpha() or t.f in _CLAUSE_WORDS:
            return None
    return None


# words that open a clause, not a description: "a project in which X is a partner"
_CLAUSE_WORDS = {"which", "that", "where", "whose", "who", "in", "with", "by", "is", "are", "and", "a", "an",
                 "qui", "que", "dont", "ou", "lequel", "laquelle", "dans", "avec", "par", "est", "sont", "et",
                 "un", "une"}


def funds_that_act(candidates: list[Candidate], mentions: list[Mention]) -> None:
    """Relabel, in place, a fund that is the source of a relation only an organisation can be the
    source of ("the Green Planet Fund has launched a facility": a funder, by SCHEMA.md's label rules);
    every mention of that name in the document follows (one label per name)."""
    acting = {norm(c.source.text) for c in candidates
              if c.source.label == "Programme" and c.source.kind == "fund"
              and "Programme" not in RELATION_TYPES[c.type][0]}
    if not acting:
        return
    for m in mentions:
        if m.label == "Programme" and m.kind == "fund" and norm(m.text) in acting:
            m.label, m.kind = "Organisation", "funder"
