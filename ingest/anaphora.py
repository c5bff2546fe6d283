"""The document's own organisation, and its references read in order: "we", « nous », "it", "the cluster",
"the project", "the latter", "the Bank" stand for an actor named before (or for the document's body).

`extract()` finds the names and the cue words first; `resolve_references` then walks the sentences once,
adds to each sentence's arguments the actors its references stand for, and keeps what the sentences read
so far say a reference means (the topic, the last subject, the programmes and actors named last).
"""
from __future__ import annotations

from collections import Counter

from ecograph.ids import norm
from ecograph.kinds import classify

from .patterns import Arg, Sent, fronted_participle
from .patterns.fr import ANAPHORA_LAST_GENDER, HEAD_GENDER
from .references import Recent, RecentProgrammes, head_references, name_follows
from .types import Mention


def main_org(sents: list[Sent], args_by_sent, first_person: bool, *, toks=None) -> Mention | None:
    """The organisation the document is about: named in its title, its one dominant cluster, or, when
    the text speaks in the first person ("we", "nous"), its one dominant organisation. Mentions of a
    defined acronym ("Long Name (ACR)" … "ACR") count for the long name."""
    for n in range(min(2, len(sents))):
        if not sents[n].heading:
            break  # only a title line names the document's subject
        for x in sorted(args_by_sent.get(n, []), key=lambda x: x.i):
            if x.m.label == "Organisation":
                return x.m
            if x.m.label == "Programme":
                return None
        if sents[n].heading:
            break
    alias_of: dict[str, str] = {}
    for xs in args_by_sent.values():
        for x in xs:
            for a in x.m.aliases:
                alias_of.setdefault(norm(a), norm(x.m.text))
    counts, cluster_counts = Counter(), Counter()
    first: dict[str, Mention] = {}
    for xs in args_by_sent.values():
        for x in xs:
            if x.m.label != "Organisation":
                continue
            k = alias_of.get(norm(x.m.text), norm(x.m.text))
            counts[k] += 1
            if x.m.kind == "cluster" or first.get(k) is not None and first[k].kind == "cluster":
                cluster_counts[k] += 1
            if x.m.aliases or k not in first:
                first[k] = x.m if k not in first or x.m.aliases else first[k]
    for c in (cluster_counts, counts):
        top = c.most_common(2)
        if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 2 * top[1][1]):
            if c is counts and not first_person:
                return None
            return first[top[0][0]]
    return _self_described(sents, args_by_sent, toks) if first_person and toks is not None else None


_SELF_REACH = 4  # sentences: a page that speaks for itself says what it is at its head
_COPULAS = {"is", "est"}


def _self_described(sents: list[Sent], args_by_sent, toks) -> Mention | None:
    """On a page that speaks in the first person ("our partners"), the organisation its first lines say
    what it is: "The Kelvo Technopark is an innovation platform …", « Le Technopôle de Kelvo est … »."""
    for n in range(min(_SELF_REACH, len(sents))):
        s = sents[n]
        xs = sorted(args_by_sent.get(n, []), key=lambda x: x.i)
        if s.heading or not xs:
            continue
        x = xs[0]
        if x.m.label == "Organisation" and x.i - s.a <= 2 and x.ext < s.b and toks[x.ext].f in _COPULAS:
            return x.m
        return None
    return None


def title_programme(sents: list[Sent], args_by_sent, *, says_project: bool = False) -> Mention | None:
    """The programme a document's title names ("X selects five clusters for the Y Accelerator"); when the text
    calls itself "the project" (`says_project`), the title's one name that no word makes a body ("NOVA4MED")."""
    if sents and sents[0].heading:
        args = args_by_sent.get(0, [])
        progs = [x for x in args if x.m.label == "Programme"]
        if progs:
            return progs[0].m
        if says_project and len(args) == 1 and args[0].m.label == "Organisation" and args[0].m.kind is None and \
                classify(args[0].m.text)[0] is None:
            key = norm(args[0].m.text)
            for x in (x for xs in args_by_sent.values() for x in xs if norm(x.m.text) == key):
                x.m.label, x.m.kind = "Programme", "project"  # one label per name in a document
            return args[0].m
    return None


def resolve_references(toks, sents: list[Sent], args_by_sent, refs_by: dict[int, list], main: Mention | None,
                       main_prog: Mention | None, lang: str) -> set[int]:
    """Set each sentence's `args`: its named arguments plus the actors its references stand for. Returns
    the ids of the bare heads the name finder took for names ("Bank") that a reference replaced."""
    reading = _Reading(toks, main, main_prog)
    for n, s in enumerate(sents):
        args = sorted(args_by_sent.get(n, []), key=lambda x: x.i)
        args = args + reading.fixed_references(s, n, args, refs_by.get(n, []))
        added, bare = head_references(toks, s, n, args, reading.recent, lang)
        if added:
            reading.replaced.update(id(x.m) for x in bare)
            args = [x for x in args if all(x is not y for y in bare)] + added
        args += reading.bare_cluster_words(s, args)
        s.args = sorted(args, key=lambda x: x.i)
        reading.remember(s, n)
    return reading.replaced


class _Reading:
    """What the sentences read so far say a reference means."""

    def __init__(self, toks, main: Mention | None, main_prog: Mention | None):
        self.toks, self.main = toks, main
        self.recent = Recent()                  # the actors named in the last sentences ("the Bank", « l'Agence »)
        self.replaced: set[int] = set()         # bare heads the name finder took for names ("Bank")
        self.topic: Mention | None = main       # the organisation the text is about now ("the cluster")
        self.topic_age = 0
        self.last_subject: Mention | None = None  # the previous sentence's subject ("It is funded by …")
        self.programmes = RecentProgrammes(main_prog)  # the programmes last named ("the project is run by …")
        self.last_named: list[tuple[Mention, str | None]] = []  # the last sentence's actors, with their gender

    def fixed_references(self, s: Sent, n: int, args: list[Arg], refs: list) -> list[Arg]:
        """The arguments the cue lexicons' fixed references of sentence n stand for ("we", "the latter"),
        where no named argument covers them."""
        taken = [(x.i, x.j) for x in args]
        out = []
        for key, i, j in sorted(refs):
            if not (s.a <= i < s.b) or any(i < b and a < j for a, b in taken):
                continue
            target = self._target(key, s, n, i, j)
            if target is not None:
                out.append(Arg(target, i, j, j, coref=True))
        return out

    def _target(self, key: str, s: Sent, n: int, i: int, j: int) -> Mention | None:
        toks, main, topic = self.toks, self.main, self.topic
        named = name_follows(toks, j, s.b)  # "the cluster Kelvonov", « le pôle italien Orvalis »: a name follows
        if key == "WE" and main is not None:
            return main
        if key == "ANA":
            word = toks[i + (1 if j - i > 1 else 0)].f
            if word in ("it", "il", "elle"):
                return self.last_subject if i - s.a <= 1 or _after_fronted_adjunct(toks, s, i) else None
            if not named and word in ("cluster", "pole") and main is not None and main.kind == "cluster" \
                    and not (topic is not None and topic.kind == "cluster" and self.topic_age <= 3):
                return main  # in a cluster's own text, "the cluster" is that cluster
            if not named and topic is not None and self.topic_age <= 3 and \
                    (topic.kind in (None, "cluster") or word not in ("cluster", "pole")):
                return topic
            return None
        if key == "ANA_PROG" and not named:
            return self.programmes.meant(toks[j - 1].f, n)
        if key == "ANA_LAST":
            # "the latter", "cette dernière": the actor named last before, of the gender the phrase has
            want = ANAPHORA_LAST_GENDER.get(" ".join(t.f for t in toks[i:j]))
            return next((m for m, g in reversed(self.last_named) if want is None or g in (want, None)), None)
        return None

    def bare_cluster_words(self, s: Sent, args: list[Arg]) -> list[Arg]:
        """A capitalised 'Cluster' standing alone is, in a cluster's own text, that cluster."""
        main = self.main
        if main is None or main.kind != "cluster":
            return []
        out: list[Arg] = []
        for k in range(s.a, s.b):
            if self.toks[k].text == "Cluster" and not any(x.i <= k < x.j for x in args + out):
                out.append(Arg(main, k, k + 1, k + 1, coref=True))
        return out

    def remember(self, s: Sent, n: int) -> None:
        """After sentence n: its topic, its subject, and the organisation and programmes it names."""
        first = next((x for x in s.args if not x.coref and x.m.label == "Organisation"), None)
        if first is not None and (first.i - s.a) <= 3:
            self.topic, self.topic_age = first.m, 0
        else:
            self.topic_age += 1
        lead = _lead(self.toks, s)
        self.last_subject = lead.m if lead is not None else None
        # "the latter", « ce dernier »: the actor named last, a programme too ("A launched P. The latter …")
        named = sorted((x for x in s.args if x.m.label in ("Organisation", "Programme") and not x.coref),
                       key=lambda x: x.i)
        if named:
            self.last_named = [(x.m, _gender(self.toks, x)) for x in named]
        progs = [x for x in s.args if x.m.label == "Programme" and not x.coref]
        if progs:
            self.programmes.add(progs[0].m, n)
        self.recent.add(n, s.args)


# words that open an adjunct put before the subject: "Since its launch in 2018, it has …", « Depuis 2015, il … »
_ADJUNCT_OPENERS = {"since", "in", "after", "with", "through", "thanks", "today", "now", "over", "depuis", "en",
                    "avec", "apres", "grace", "aujourd'hui", "dans", "durant", "pendant", "lors"}


def _after_fronted_adjunct(toks, s: Sent, i: int) -> bool:
    """The pronoun at i is the subject that follows an adjunct opening the sentence."""
    return i - s.a <= 10 and toks[i - 1].f == "," and toks[s.a].f in _ADJUNCT_OPENERS and \
        not any(t.f == "," for t in toks[s.a:i - 1])


def _gender(toks, x: Arg) -> str | None:
    """The grammatical gender a French name shows: its head word's (« Agence X »), else the one of the
    word or article before it (« l'association X », « le X »); None when nothing shows it."""
    for k in (x.i, x.i - 1):
        if 0 <= k < len(toks):
            g = next((g for g, words in HEAD_GENDER.items() if toks[k].f in words), None)
            if g is not None:
                return g
    return None


def _lead(toks, s: Sent) -> Arg | None:
    """The sentence's subject, as "it" in the next sentence means it: its first argument near its start."""
    lead = s.args[0] if s.args and s.args[0].i - s.a <= 3 else None
    if s.b - s.a > 3 and fronted_participle(toks, s.a):
        # "Porté par le CTNB …, le projet X aide …": the subject is after the fronted clause
        comma = next((k for k in range(s.a, s.b) if toks[k].f == ","), None)
        lead = next((x for x in s.args if comma is not None and x.i > comma and x.i - comma <= 4), None)
    if lead is None and s.args and s.args[0].i - s.a <= 10 and "," in [t.f for t in toks[s.a:s.args[0].i]]:
        lead = s.args[0]  # "Créé en 2016, le CMA …": the subject after a fronted clause
    return lead
