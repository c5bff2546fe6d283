"""The verb cue's handler (`_verb`, also the `reverse` and `passive` modes): one helper per construction.

`_verb` reads which construction the words around the cue make, then hands it to that construction's
helper: coordinated participles with no agent of their own, a passive with its agent ("P is funded by
A"), a place verb ("based in X", `_located_in`; "active in X", `places.py`), or the active clause
(`_active_edges`), whose own constructions (a co-actor after the verb, a relative clause, a list of
newcomers, « nous » as the object, …) are helpers too. A new construction is a new helper called from
there, not a branch inside one long function.

A mixin of `Engine` (`engine.py`), through `RelationPatterns` (`relations.py`): the helpers use its
argument finders (`left_group`, `right_list`, `_fronted_subject`) and hand edges to its `emit`.
"""
from __future__ import annotations

from .lexicon import Arg
from .words import _ADHERED_THINGS, _GENERIC_PLURALS, _PARTICIPLE, _REFLEXIVE, fronted_participle

# who joins a cluster ("welcomes three new members: A, B"); `words._MEMBER_WORDS` also counts companies
_NEW_MEMBER_WORDS = {"members", "member", "membres", "membre", "adherents", "adherent"}
# words before "members of X" that make the phrase a noun group, not a statement of membership
_MEMBERS_AS_OBJECT = {"to", "for", "with", "among", "between", "from", "the", "its", "their", "our", "aux", "pour",
                      "avec", "parmi", "entre", "les", "ses", "leurs", "nos", "des", "chez"}
_PLACE_TYPES = ("LOCATED_IN", "ACTIVE_IN", "PART_OF")  # verb cues whose object follows with no by/par


# determiners before a cue word that make it a noun, for the cue words that are nouns too
_NOUN_DETERMINERS = {"the", "a", "an", "its", "their", "our", "his", "her", "this"}  # ("that fund": a relative)
_NOUN_TOO = {"support", "back", "host", "fund", "finance", "coach", "mentor", "launch", "run", "lead", "sponsor"}


class VerbPatterns:
    """The verb cue's constructions, for `Engine`."""

    def _verb(self, s, cue, i, j):
        if i > s.a and self.f[i - 1] in _REFLEXIVE:
            return  # « X s'appuie sur Y » (X relies on Y), « s'accompagne de »: not the verb's act
        if cue.type == "MEMBER_OF" and i > s.a and self.f[i - 1] in _MEMBERS_AS_OBJECT:
            return  # "assistance to members of X", « les membres du cluster »: the members are not named
        if j - i == 1 and i > s.a and self.f[i - 1] in _NOUN_DETERMINERS and self.f[i] in _NOUN_TOO:
            return  # "the support of project partners A, B": a noun, whose givers follow; not the verb "support"
        k = self._agent_marker(s, j)
        if self._coordinated_participles(s, cue, i, j, k):
            return
        if self._agent_follows(s, cue, j, k):
            edges = self._passive_edges(s, cue, i, k)
        elif cue.type == "LOCATED_IN":
            self._located_in(s, cue, i, j)
            return
        elif cue.type == "ACTIVE_IN":
            self._active_in(s, cue, i, j)
            return
        else:
            edges = self._active_edges(s, cue, i, j)
        if edges is not None:
            self._emit_verb_edges(s, cue, *edges)

    _reverse = _verb

    def _passive(self, s, cue, i, j):
        self._verb(s, cue, i, j)

    def _types(self, cue, target: Arg) -> str:
        if cue.type != "JOIN":
            return cue.type
        return "PARTICIPATES_IN" if target.m.label == "Programme" else "MEMBER_OF"

    def _second_verb(self, s, k) -> bool:
        """'and'/« et » opening a second participle or verb: « lancé en 2021 et financé par A », "launched in
        2017 and funded by A": the agent after it is that verb's, not the cue's."""
        if self.f[k] in self.lex.PASSIVE_AUX:
            return True  # "the fund project will be implemented by A": A implements
        return self.f[k] in ("and", "et") and any(
            self.f[m] in self.lex.PASSIVE_AUX or _PARTICIPLE.fullmatch(self.toks[m].text)
            for m in range(k + 1, min(s.b, k + 3)))

    def _agent_marker(self, s, j) -> int:
        """Where a passive's "by"/« par » may stand: the first "by", name or second verb at most 9 tokens
        after the cue ("financé à hauteur de 3 millions d'euros par X": an amount may sit before the agent)."""
        k = j
        while k < min(s.b, j + 9) and self.f[k] not in self.lex.BY and not self._arg_at(s, k) and \
                not (k > j and self._second_verb(s, k)):  # ("funded and implemented by A": A does both)
            k += 1
        return k

    def _coordinated_participles(self, s, cue, i, j, k) -> bool:
        """« P a été lancé en 2021 et est financé par A et mis en œuvre par B »: the cue has no agent of its
        own; the coordinated participles that follow are about P, so P is kept for them."""
        if cue.type not in _PLACE_TYPES and j < k < s.b and self._second_verb(s, k) and \
                any(w in self.lex.PASSIVE_AUX for w in self.f[max(s.a, i - 2):i]):
            patients, _ = self.left_group(s, i)
            self.last_patients = patients or self.last_patients
            return True
        return False

    def _agent_follows(self, s, cue, j, k) -> bool:
        """Whether the cue is a passive whose agent follows: "<participle> [≤4 tokens, no name] by A, B"."""
        if cue.type in _PLACE_TYPES and cue.mode == "verb":
            return False
        return k < s.b and self.f[k] in self.lex.BY and (k == j or self.f[j] not in ("the", "le", "la"))

    def _passive_edges(self, s, cue, i, k):
        """(sources, targets, confidence) of "P is funded by A": the agents after "by", the patients before."""
        agents, _ = self.right_list(s, k + 1, max_fill=2, intro=False)
        if not agents:
            return None
        for a in list(agents):  # "coordinated by A in partnership with B": a joint act is B's too
            agents += [c for c in self.coactors.get(id(a), []) if c not in agents]
        patients, lf = self._passive_patients(s, i, agents)
        if patients:
            self.last_patients = patients
        src, tgt = agents, patients
        conf = cue.conf * (lf or 1)
        if cue.type == "LABELLED_BY":
            src, tgt = patients, agents
            self._label_programme(s, agents, k + 1 + 0, cue)
        elif cue.type in ("SUPPORTS", "FUNDS"):
            self._through_programme(s, agents, patients, cue)
        return src, tgt, conf

    def _passive_patients(self, s, i, agents):
        """(patients, confidence factor) of a passive cue at token i."""
        if self.last_patients is not None and self.f[i - 1] in ("and", "et"):
            patients, lf = self.last_patients, 0.85  # "P, launched by A … and financed by B"
        else:
            patients, lf = self.left_group(s, i)
        if not patients and (i - s.a <= 1 or fronted_participle(self.toks, s.a) and
                             not any(x.i < i for x in s.args)):
            # "Labellisé par X depuis 2019, le PMM …": a fronted participle describes the subject
            subj = self._fronted_subject(s, max(max(a.ext, a.j) for a in agents))
            patients, lf = ([subj], 0.85) if subj is not None else ([], 0.0)
        return patients, lf

    def _located_in(self, s, cue, i, j):
        """"X is based in Y": LOCATED_IN to the places after the cue; X takes their country."""
        places, _ = self.right_list(s, j, pool=s.places, max_fill=2, intro=False)
        if places:  # "basé à Sousse, en Tunisie": the country that qualifies the city too
            places += [p for p in self._place_run(s, places[-1].i)[1:] if p not in places]
        left, lf = self.left_group(s, i)
        if not left and places and (i - s.a <= 1 or fronted_participle(self.toks, s.a) and
                                    not any(x.i < i for x in s.args)):  # "Basé à Toulon, notre pôle …"
            subj = self._fronted_subject(s, max(p.j for p in places))
            left, lf = ([subj], 0.85) if subj is not None else ([], 0.0)
        for x in left:
            for p in places:
                self.emit("LOCATED_IN", x, p, s, cue.method, cue.conf * lf)
                x.m.country = x.m.country or p.m.country

    def _active_edges(self, s, cue, i, j):
        """(sources, targets, confidence) of an active clause "X funds P" (None: no edge, or a construction's
        helper emitted its own)."""
        if self._agentless_passive(s, cue, i):
            return None  # "X is funded" with no agent: nothing to link
        subj, lf = self.left_group(s, i)
        subj, j = self._coactors_after_verb(s, cue, j, subj)
        objs, via_intro = self.right_list(s, j)
        objs = [self._possessed(s, y) for y in objs]  # "joined X's P programme": P is joined, not X
        if cue.type == "SUPPORTS" and objs and any(w in _NEW_MEMBER_WORDS for w in self.f[j:objs[0].i]):
            return None  # « le cluster accueille trois nouveaux membres : A, B »: members, not hosted firms
        if not objs:
            objs = self._whose_antecedent(s, subj)
        if not subj and objs and i - s.a <= 1:
            # "Adhérent de Kelvo Cluster depuis 2016, le Cluster X …": a fronted phrase describes the subject
            front = self._fronted_subject(s, max(max(y.ext, y.j) for y in objs))
            subj, lf = ([front], 0.85) if front is not None else ([], 0.0)
        if self._newcomers_listed(s, cue, i, subj, objs):
            return None
        subj, objs, lf = self._nous_as_object(s, cue, subj, objs, lf)
        if self._members_listed(s, cue, objs):
            return None
        rel = self._relative(s, cue, i, j, subj, objs)
        if rel is not None:  # "P, an accelerator that Orvatech runs", "P, que finance l'UE"
            subj, objs, lf = rel[0], rel[1], 0.85
        conf = cue.conf * (lf or 1) * (0.9 if via_intro else 1)
        if cue.mode == "reverse":
            return objs, subj, conf
        return subj, objs, conf

    def _agentless_passive(self, s, cue, i) -> bool:
        """A passive auxiliary right before a cue that needs an agent ("X is funded" with no "by")."""
        before = self.f[max(s.a, i - 2):i]
        return cue.type not in ("MEMBER_OF",) and any(w in self.lex.PASSIVE_AUX for w in before) and \
            cue.type != "RUNS" and cue.type != "PARTICIPATES_IN" and cue.type != "JOIN"

    def _coactors_after_verb(self, s, cue, j, subj):
        """(subjects, where the object starts): « nous avons lancé avec l'Université X le projet P »: X is a
        co-actor (it partners the subject and acts too), P the object."""
        if j < s.b and self.f[j] in ("with", "avec") and cue.type in ("RUNS", "FUNDS", "SUPPORTS"):
            co, _ = self.right_list(s, j + 1, max_fill=2, intro=False)
            if co and subj:
                for y in co:
                    self.emit("PARTNERS_WITH", subj[-1], y, s, cue.method + "-with", cue.conf * 0.9)
                subj = subj + [y for y in co if y.m.label == "Organisation"]
                j = max(max(y.ext, y.j) for y in co)
        return subj, j

    def _whose_antecedent(self, s, subj) -> list[Arg]:
        """« le projet P, dont Nour Tech est chef de file »: the object is the name before ", dont"."""
        if subj and subj[0].i - 2 >= s.a and self.f[subj[0].i - 1] in ("dont", "whose") \
                and self.f[subj[0].i - 2] == ",":
            ante = self._arg_ending(s, subj[0].i - 2)
            return [ante] if ante is not None else []
        return []

    def _newcomers_listed(self, s, cue, i, subj, objs) -> bool:
        """"Trois entreprises ont rejoint le cluster cette année : A, B et C": the list after the colon
        joins the object (True: the clause is read)."""
        if not (cue.type in ("JOIN", "MEMBER_OF") and objs and not subj and
                any(w in _GENERIC_PLURALS for w in self.f[s.a:i])):
            return False
        e = max(objs[0].ext, objs[0].j)
        colon = next((t for t in range(e, min(s.b, e + 5)) if self.f[t] == ":"), None)
        if colon is None:
            return False
        newcomers, _ = self.right_list(s, colon + 1, max_fill=1, intro=False)
        for x in newcomers:
            self.emit("MEMBER_OF", x, objs[0], s, cue.method + "-list", cue.conf * 0.9)
        return True

    def _nous_as_object(self, s, cue, subj, objs, lf):
        """"Kelvo Export et la Région Orvalis nous ont accompagnés": "nous" is the object here, the names
        before it the subjects. Returns (subjects, objects, confidence factor)."""
        if self.lang == "fr" and cue.type in ("SUPPORTS", "FUNDS") and len(subj) == 1 and subj[0].coref \
                and self.f[subj[0].i] == "nous":
            actors, _ = self.left_group(s, subj[0].i)
            if actors and not any(a.coref for a in actors):
                return actors, [subj[0]], 0.9
        return subj, objs, lf

    def _members_listed(self, s, cue, objs) -> bool:
        """"members of Y include A, B": A and B are members of Y; "X adheres to Y priorities" is no
        membership at all (True: the clause is read)."""
        if cue.type != "MEMBER_OF" or not objs:
            return False
        after = objs[-1].ext if objs[-1].ext else objs[-1].j
        if after < s.b and self.f[after] in _ADHERED_THINGS:
            return True  # « adhère aux principes de Y »: no membership
        if after < s.b and self.f[after] in ("include", "includes", "are", "comprise", ":", "sont", "incluent"):
            members, _ = self.right_list(s, after + 1, max_fill=2)
            for x in members:
                for y in objs:
                    self.emit("MEMBER_OF", x, y, s, cue.method, cue.conf)
            return True
        return False

    def _emit_verb_edges(self, s, cue, src, tgt, conf):
        for x in src:
            for y in tgt:
                t = self._types(cue, y)
                if cue.type == "PART_OF" and not (x.m.label == y.m.label == "Programme"):
                    continue
                self.emit(t, x, y, s, cue.method, conf)
        if cue.type == "RUNS" and len(src) >= 2 and tgt and any(y.m.label == "Programme" for y in tgt):
            # "launched by A and B", "co-organised by A and B": a joint act, so A and B partner
            orgs = [x for x in src if x.m.label == "Organisation"]
            for a in range(len(orgs)):
                for b in range(a + 1, len(orgs)):
                    self.emit("PARTNERS_WITH", orgs[a], orgs[b], s, cue.method + "-joint", conf * 0.85)

    def _through_programme(self, s, agents, patients, cue):
        """'supported by GIZ through its P programme': GIZ runs P, and the supported take part in it."""
        if len(agents) != 1:
            return
        e = max(agents[0].ext, agents[0].j)
        if self.f[e:e + 2] not in (["through", "its"], ["via", "its"], ["under", "its"], ["a", "travers"],
                                   ["via", "son"], ["par", "le"], ["dans", "le"]):
            return
        progs = [x for x in s.args if e < x.i <= e + 6 and x.m.label == "Programme" and not x.coref]
        if not progs:
            return
        if self.f[e:e + 2] in (["par", "le"], ["dans", "le"]) and "son" not in self.f[e:progs[0].i]:
            return  # only "par le biais de son P", "dans le cadre de son P": the agent's own programme
        self.emit("RUNS", agents[0], progs[0], s, cue.method + "-own-programme", cue.conf * 0.9)
        for p in patients:
            self.emit("PARTICIPATES_IN", p, progs[0], s, cue.method + "-own-programme", cue.conf * 0.85)

    def _label_programme(self, s, agents, k, cue):
        """'labelled by X as part of (its|the) P' → RUNS X → P."""
        last = agents[-1]
        e = max(last.ext, last.j)
        if self.f[e:e + 3] in (["as", "part", "of"], ["dans", "le", "cadre"]) and len(agents) == 1:
            progs, _ = self.right_list(s, e + 3 + (1 if self.f[e:e + 3][0] == "dans" else 0), max_fill=3,
                                       intro=False)
            for p in progs[:1]:
                if p.m.label == "Programme":
                    self.emit("RUNS", agents[0], p, s, cue.method + "-programme", cue.conf * 0.85)

    def _possessed(self, s, y: Arg) -> Arg:
        """The thing a possessor owns, when the text names it right after "'s" ("X's P programme")."""
        e = max(y.ext, y.j)
        if e + 1 < s.b and self.f[e] in ("'", "’") and self.f[e + 1] == "s":
            owned = self._arg_at(s, e + 2)
            if owned is not None:
                return owned
        return y
