"""References by head word: "the Bank", « l'Agence », « ce pôle », "the Foundation" stand for the
organisation or programme named shortly before whose name holds that word.

    The European Bank for Growth (EBG) opened an office in Tunis. The EU signed an agreement with the Bank.
    -> "the Bank" is the European Bank for Growth

A reference is a definite or demonstrative determiner and a head noun with no name after it ("the
Bank of X" and "the cluster Kelvonov" are names, not references). Its antecedent is the one named actor
of the last few sentences whose name (or a defined acronym's expansion) holds the head word; when two
different actors qualify, the reference stays unresolved: a wrong edge is worse than a missing one. A
bare capitalised head the name finder took for a name ("Bank") is replaced by its antecedent.

The fixed anaphora of the cue lexicons ("the latter", "the cluster" in a cluster's own text, "the
project") are read first, in `extract.py`; this reader takes what they leave.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecograph.ids import fold, norm

from .context_labels import _PROG_KIND
from .frames.roles import is_list_gap
from .gazetteers import places
from .patterns.lexicon import Arg
from .types import Mention

# sentences back a reference may reach: a paragraph or so
WINDOW = 5
_ACTORS = ("Organisation", "Programme")
DETERMINERS = {
    "en": {"the", "this", "that"},
    "fr": {"le", "la", "l'", "ce", "cet", "cette", "du", "au"},  # « la subvention du ministère »
}
# head nouns a reference names its antecedent by (folded); each must be a word of the antecedent's name
HEADS = {
    "en": {"bank", "agency", "ministry", "foundation", "fund", "university", "institute", "incubator",
           "accelerator", "network", "association", "federation", "chamber", "programme", "program", "project",
           "initiative", "platform", "centre", "center", "commission", "office", "organization", "organisation",
           "union", "council", "authority", "consortium", "cluster", "group", "technopark", "facility",
           "forum", "conference", "summit", "fair", "festival", "exhibition", "congress"},
    "fr": {"banque", "agence", "ministere", "fondation", "fonds", "universite", "institut", "incubateur",
           "accelerateur", "reseau", "association", "federation", "chambre", "programme", "projet",
           "initiative", "plateforme", "centre", "commission", "office", "organisation", "union", "conseil",
           "autorite", "consortium", "cluster", "pole", "groupe", "technopole", "technoparc", "facilite",
           "forum", "salon", "conference", "sommet", "foire", "festival", "congres"},
}
# heads that name a programme whatever its name: "the three-year project" is the project named before
PROGRAMME_HEADS = {"programme", "program", "project", "projet", "initiative"}
# words a reference may hold between its determiner and its head: "the three-year project", « ce nouveau
# programme »; a capitalised word ("the German agency") makes a description, not a reference
_MODIFIERS = 3
_NOT_MODIFIERS = {"the", "a", "an", "le", "la", "les", "un", "une", "first", "second", "third", "last", "only", "next",
                  "premier", "premiere", "seconde", "dernier", "derniere", "seul", "seule", "plus",
                  "most", "other", "autre", "another",
                  # a preposition: the determiner is another noun's ("the process towards closer cluster
                  # cooperation", « la mise en place du pôle »)
                  "towards", "toward", "of", "for", "with", "in", "on", "to", "by", "vers", "de", "du", "des", "d'",
                  "en", "pour", "avec", "par", "sur", "dans"}
# what after the head makes it part of a longer description or name: "the Bank of X", « l'Agence de X »
_CONTINUES = {"of", "for", "de", "du", "des", "d'", "pour", "-"}


_PLANNED = ("project", "programme")  # the kinds "the project", « ce programme » may stand for


@dataclass
class Recent:
    """The named actors of the last sentences, newest last: (mention, sentence index, token index, the
    folded words of its name and aliases, computed once per mention)."""
    seen: list = field(default_factory=list)

    def add(self, n: int, args) -> None:
        self.seen.extend((x.m, n, x.i, _words(x.m)) for x in args if x.m.label in _ACTORS and not x.coref)

    def antecedent(self, head: str, n: int, before: int):
        """The one actor named in the window before token `before` of sentence n whose name holds `head`;
        for a programme noun ("the three-year project"), else the one programme named in the window."""
        found, programmes = {}, {}
        for m, k, i, words in reversed(self.seen):
            if n - k > WINDOW:
                break
            if k == n and i >= before:
                continue
            if head in words:
                found.setdefault(norm(m.text), m)
            if m.label == "Programme" and (m.kind in (None,) + _PLANNED or head == "initiative" and m.kind == "policy"):
                programmes.setdefault(norm(m.text), m)  # (a fund, a policy, an event is no "project")
        if not found and head in PROGRAMME_HEADS:
            found = programmes
        return next(iter(found.values())) if len(found) == 1 else None


# the kind of programme a reference's noun names ("this project" is a project, not the funding programme)
_KIND_OF_NOUN = {w: _PROG_KIND[w] for w in ("project", "projet", "programme", "program", "fund", "fonds")} | \
    {w: "event" for w in ("edition", "event", "evenement", "manifestation")}


class RecentProgrammes:
    """The programmes named in the last sentences, for the fixed references "the project", « ce programme »:
    the newest one whose kind the reference's noun names ("Funded by the X programme, this project …" is
    the project named before, not X), else the newest one. Reach: three sentences, as the text moves on."""

    REACH = 3

    def __init__(self, first: Mention | None = None):
        self.seen: list[tuple[Mention, int]] = [(first, 0)] if first is not None else []
        self.title = first  # the programme the document's title names

    def add(self, m: Mention, n: int) -> None:
        self.seen.append((m, n))

    def meant(self, noun: str, n: int) -> Mention | None:
        live = [m for m, k in self.seen if n - k <= self.REACH]
        if not live and self.title is not None and all(norm(m.text) == norm(self.title.text) for m, _ in self.seen):
            live = [self.title]  # a page about one programme: "the project" is it, however far down
        if not live:
            return None
        kind = _KIND_OF_NOUN.get(fold(noun))
        if kind is None:
            return live[-1]
        fits = [m for m in live if m.kind in (kind, None)]
        if fits:
            return fits[-1]
        # "the project" is no fund, instrument, policy or event named since: a project or programme, else none
        if kind in _PLANNED:
            near = [m for m in live if m.kind in _PLANNED]
            return near[-1] if near else None
        return None  # "le fonds" is no project named since


def _words(m) -> set[str]:
    return {w for name in (m.text, *m.aliases) for w in re.split(r"[^a-z0-9]+", fold(name)) if w}


def head_references(toks, s, n: int, args: list[Arg], recent: Recent, lang: str) -> tuple[list[Arg], list[Arg]]:
    """(the coreferent args the head-word references of sentence n add, the bare-head name args they
    replace)."""
    dets, heads = DETERMINERS.get(lang, set()), HEADS.get(lang, set())
    added: list[Arg] = []
    replaced: list[Arg] = []
    for k in range(s.a, s.b - 1):
        if toks[k].f not in dets:
            continue
        h = next((h for h in range(k + 1, min(s.b, k + 2 + _MODIFIERS)) if toks[h].f in heads), None)
        if h is None or any(_names_or_ends(toks[w]) for w in range(k + 1, h)):
            continue
        if name_follows(toks, h + 1, s.b) or h + 1 < s.b and toks[h + 1].f in _CONTINUES:
            continue
        covering = [x for x in args if x.i <= h < x.j or k <= x.i < h]
        if covering and not all(x.i == h and x.j == h + 1 and not x.coref for x in covering):
            continue  # inside a longer name, or already read as a reference
        target = recent.antecedent(toks[h].f, n, k)
        if target is None or any(x.m is target for x in covering):
            continue
        added.append(Arg(target, k, h + 1, h + 1, coref=True))
        replaced.extend(covering)
    return added, replaced


def name_follows(toks, j: int, end: int) -> bool:
    """Whether a name follows the reference's noun at token j, after at most two demonyms: « le cluster
    italien Orvalis » names Orvalis, the noun is no reference to an actor named before."""
    demonyms = places()[1]
    k = j
    while k < end and k - j < 2 and not toks[k].cap and toks[k].f in demonyms:
        k += 1
    return k < end and toks[k].cap and toks[k].f not in ("-", "(")


def _names_or_ends(t) -> bool:
    """A word no reference holds before its head: a capital, a punctuation mark, a determiner, or a rank
    ("the first technopark", « le premier pôle » describe one of a kind, they refer to none)."""
    return t.cap or not (t.f.isalnum() or t.f == "-") or t.f in _NOT_MODIFIERS or \
        t.f.endswith(("est", "eme")) and len(t.f) > 4


# "our initiatives A and B", « nos programmes A et B », « notre projet A »: the first person's own
OWN = {"en": {"our"}, "fr": {"notre", "nos"}}
OWN_NOUNS = {"programme", "programmes", "program", "programs", "project", "projects", "initiative", "initiatives",
             "projet", "projets", "event", "events", "evenement", "evenements"}
CONF_OWN = 0.75


def own_programmes(toks, sents, main, lang: str, text: str):
    """(the document's organisation, programme) pairs a first-person possessive states: "Our initiatives
    A and B are now at cruising speed" -> main RUNS A and B. Only in a text that speaks as `main`."""
    if main is None:
        return []
    out = []
    for s in sents:
        for k in range(s.a, s.b - 2):
            if toks[k].f not in OWN.get(lang, ()) or toks[k + 1].f not in OWN_NOUNS:
                continue
            # « nos programmes A et B »: a name no word labels is the programme the noun says it is
            progs = [x for x in s.args if x.i >= k + 2 and not x.coref and
                     (x.m.label == "Programme" or x.m.label == "Organisation" and x.m.kind is None)]
            if not progs or progs[0].i != k + 2:
                continue  # the name must follow the noun: "our programme A", not "our programme with A"
            listed = [progs[0]]
            for x in progs[1:]:
                if not is_list_gap(text[toks[listed[-1].j - 1].end:toks[x.i].start]):
                    break
                listed.append(x)
            out += [(x.m, s) for x in listed]
    return out
