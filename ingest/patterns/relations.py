"""Relation patterns: the handler of each cue mode (`_with`, `_between`, `_insert`, …), called by
`Engine.run` as `_<mode>`, and the structure-only relation patterns (founded in, programme of,
component of). The verb cue's handler (`_verb`, `_reverse`, `_passive`) and its constructions are in
`verbs.py`, a mixin this class takes in.

A mixin of `Engine` (`engine.py`): the handlers use its argument finders (`left_group`,
`right_list`, `subject`, `hedged`) and hand edges to its `emit`.
"""
from __future__ import annotations

from ecograph.ids import norm

from .lexicon import Arg
from .verbs import VerbPatterns
from .words import (_COPULAS, _AGREEMENTS, _APPOS_DET, _CLAUSE_BREAK, _FUNDING_NOUNS, _MEMBER_WORDS, _OUR_MEMBERS_GLUE,
                    _SUPPORT_NOUNS)


_ARTICLES = {"the", "le", "la", "les", "l'"}
_PHRASE_PREPS = {"from", "of", "by", "du", "de", "des", "d'", "par"}
# what an organisation does under a programme it takes part in
_IMPLEMENT_VERBS = {"implementing", "implements", "implemented", "carrying", "carries", "carried", "running",
                    "runs", "leading", "leads", "led", "conducting", "conducts", "conducted", "met", "mene", "menent",
                    "realise", "realisent", "conduit", "conduisent", "porte", "portent", "deploie"}


class RelationPatterns(VerbPatterns):
    """The cue-mode handlers and the structure-only relation patterns of `Engine` (the verb cue's in
    `verbs.py`)."""

    def _with(self, s, cue, i, j):
        left, lf = self.left_group(s, i)
        if left and all(x.coref and x.m.label == "Programme" for x in left):
            # "X is in charge of this project within a partnership with Y": partners are X and Y
            left, lf = self.left_group(s, min(x.i for x in left))
        right, _ = self.right_list(s, j)
        if left and all(x.m.label == "Programme" and not x.coref for x in left):
            # "We are running P together with Y": P is the object; the partners are the clause's subject and Y
            left, lf = self.left_group(s, min(x.i for x in left) - 1)
            left = [x for x in left if x.m.label == "Organisation"]
        if not left and right and i - s.a <= 1:
            # "Together with Y, we set up …": the subject follows the fronted phrase
            subj = self._fronted_subject(s, max(max(y.ext, y.j) for y in right))
            left, lf = ([subj], 0.9) if subj is not None else ([], 0.0)
        if not left and right:
            # "nous avons signé l'an dernier une convention de partenariat avec Y": the clause's subject
            near = max((x for x in s.args if x.j <= i and i - x.j <= 10), key=lambda x: x.j, default=None)
            if near is not None and near.m.label == "Organisation" and "," not in self.f[near.j:i] and \
                    not any(w in _CLAUSE_BREAK for w in self.f[near.j:i]):
                left, lf = [near], 0.8
        if left and self._coordinated_phrase(s, left, i):
            left = []
        for x in left:
            for y in right:
                self.emit("PARTNERS_WITH", x, y, s, cue.method, cue.conf * lf)
        if left and right and s.args and left[-1].j <= i:
            self.coactors.setdefault(id(left[-1]), []).extend(right)
            for y in right:
                self.coactor_of[id(y)] = left[-1]

    def _coordinated_phrase(self, s, left, i) -> bool:
        """"with support from X and in partnership with Y": the cue's phrase is coordinated with the
        phrase that holds X, so X is no party; the partner of Y is the clause's actor."""
        k = left[0].i - 1
        while k > s.a and self.f[k] in _ARTICLES:
            k -= 1
        return k >= s.a and self.f[k] in _PHRASE_PREPS and any(w in ("and", "et") for w in self.f[left[-1].j:i])

    def _between(self, s, cue, i, j):
        # "partnership between A and B" / "partenariat de convention et de financement entre A et B"
        window = self.f[max(s.a, i - 12):i]  # "un accord de coopération a été signé hier à Tunis lors du salon entre"
        nouns = {"partnership", "agreement", "cooperation", "collaboration", "convention", "memorandum",
                 "partenariat", "accord", "cooperation", "collaboration", "mou", "partnerships", "conventions"}
        if not nouns & set(window):
            return
        while j < s.b and self.f[j] in (",", "le", "la", "les", "l'", "the"):
            j += 1  # "entre le, Cluster X et la Y" (a stray comma of the source)
        right, _ = self.right_list(s, j, max_fill=2, intro=False)
        if len(right) < 2:
            return
        funding = {"financement", "funding", "financing", "financial", "financier", "financiere"} & set(window)
        for a in range(len(right)):
            for b in range(a + 1, len(right)):
                self.emit("PARTNERS_WITH", right[a], right[b], s, cue.method, cue.conf)
        if funding:
            funders = [x for x in right if x.m.kind == "funder"]
            if len(funders) == 1:
                for x in right:
                    if x is not funders[0]:
                        self.emit("FUNDS", funders[0], x, s, cue.method.replace("between", "funding") + "-funding"
                                  if "between" not in cue.method else cue.method.replace("between", "funding"),
                                  cue.conf * 0.85)

    def _signed(self, s, cue, i, j):
        """'The memorandum was signed by four clusters: A, B, C and D' → PARTNERS_WITH between all."""
        if not _AGREEMENTS & set(self.f[max(s.a, i - 10):i]):
            return
        right, _ = self.right_list(s, j, max_fill=4)
        right = [x for x in right if x.m.label == "Organisation"]
        for a in range(len(right)):
            for b in range(a + 1, len(right)):
                self.emit("PARTNERS_WITH", right[a], right[b], s, cue.method, cue.conf)

    def _counts(self, s, cue, i, j):
        """'Il compte 52 adhérents, dont A et B', 'It counts 40 members, including A': A is a member."""
        intro = next(((k, a, b) for k, a, b in self.intros(s) if j <= a <= j + 8), None)
        if intro is None or not _MEMBER_WORDS & set(self.f[j:intro[1]]):
            return
        members, _ = self.right_list(s, intro[2], max_fill=3, intro=False)
        owner, lf = self.left_group(s, i)
        for x in members:
            for o in owner:
                if x.m.label == "Organisation" and not x.coref:
                    self.emit("MEMBER_OF", x, o, s, cue.method, cue.conf * (lf or 1))

    def _thanks(self, s, cue, i, j):
        """'Je remercie X pour son soutien', 'we thank X for its support': X supports the document's body."""
        if self.main is None:
            return
        words = set(self.f[j:s.b])
        rtype = "FUNDS" if words & _FUNDING_NOUNS else "SUPPORTS" if words & _SUPPORT_NOUNS else None
        if rtype is None:
            return
        thanked, _ = self.right_list(s, j, max_fill=2)
        owner = Arg(self.main, i, j, j, coref=True)
        for x in thanked:
            if x.m.label == "Organisation" and not x.coref:
                self.emit(rtype, x, owner, s, cue.method, cue.conf)

    def _agent_after(self, s, cue, i, j):
        """'we were incubated at the Nile Innovation Hub': the place named after the cue is the agent."""
        agents, _ = self.right_list(s, j, max_fill=2, intro=False)
        agents = [a for a in agents if a.m.label == "Organisation"]
        if not agents:
            return
        patients, lf = self.left_group(s, i)
        for a in agents[:1]:
            for p in patients:
                self.emit(cue.type, a, p, s, cue.method, cue.conf * (lf or 1))

    def _beneficiaries(self, s, cue, i, j):
        """'Beneficiaries include A, B and C' after a programme was named: they take part in it."""
        prog = self._current_programme(s, i)
        if prog is None:
            return
        first = next((x for x in s.args if j <= x.i <= j + 6 and not x.coref), None)
        if first is None or any(w in (",", ";", ".") for w in self.f[j:first.i]):
            return  # "Parmi les bénéficiaires du premier appel figurent A, B": up to the first name
        members = self._continue_list(s, first, s.args)
        for x in members:
            if x.m.label == "Organisation" and not x.coref:
                self.emit("PARTICIPATES_IN", x, prog, s, cue.method, cue.conf)

    def _selection(self, s, cue, i, j):
        """'The jury retained five clusters for the P Accelerator: A (Tunisia), B (Morocco) and C'."""
        prog = next((x for x in s.args if j <= x.i <= j + 10 and x.m.label == "Programme"), None)
        if prog is None:
            return
        e = max(prog.j, prog.ext)
        if e >= s.b or self.f[e] != ":":
            return
        members, _ = self.right_list(s, e + 1, max_fill=1, intro=False)
        for x in members:
            if x.m.label == "Organisation" and not x.coref:
                self.emit("PARTICIPATES_IN", x, prog, s, cue.method, cue.conf)

    def _current_programme(self, s, i) -> Arg | None:
        """The programme a sentence is about: named before the cue, else among those named in the last
        sentences the one the document names most (not a funding frame mentioned once)."""
        before = [x for x in s.args if x.m.label == "Programme" and x.j <= i and not x.coref]
        if before:
            return before[-1]
        recent = [x for t in range(max(0, self.n - 4), self.n) for x in self.sents[t].args
                  if x.m.label == "Programme" and not x.coref]
        if not recent:
            return None
        return max(recent, key=lambda x: (self.prog_counts.get(norm(x.m.text), 0), x.i))

    def _insert(self, s, cue, i, j):
        agents, _ = self.right_list(s, j, max_fill=2, intro=False)
        if not agents:
            return
        subj = self.subject(s)
        if subj is None and self.last_patients is not None:
            subj = self.last_patients[-1]  # "P, launched by A with the support of B": B supports P
        if subj is None or subj in agents:
            # "With the support of X, Y launched …": the subject follows the insert
            last = max(max(a.ext, a.j) for a in agents)
            if last < s.b and self.f[last] == ",":
                subj = self._arg_at(s, last + 1) or (self._arg_at(s, last + 2) if self.f[last + 1] in ("the", "le", "la", "l'") else None)
        if subj is None:
            return
        for a in agents:
            self.emit(cue.type, a, subj, s, cue.method, cue.conf)

    def _frame(self, s, cue, i, j):
        """'P1, co-funded … under the P2 programme': P1 is a part of P2 (both must be programmes)."""
        right, _ = self.right_list(s, j, max_fill=3, intro=False)
        if not right:
            right = self._described_programme(s, j)
        if not right or right[0].m.label != "Programme":
            return
        left = [x for x in s.args if max(x.ext, x.j) <= i and x.m.label == "Programme" and x.m is not right[0].m]
        if left:
            self.emit("PART_OF", left[-1], right[0], s, cue.method, cue.conf)
            return
        # "X is implementing several projects under the P programme": X takes part in P (a funder or a
        # ministry that acts under P is more likely its owner: no edge)
        first = s.args[0] if s.args and s.args[0].i - s.a <= 2 and not s.args[0].coref else None
        if first is None or first.m.label != "Organisation" or first.m.kind in ("funder", "government") or \
                any(first.j <= x.i < i for x in s.args[1:]) or \
                not any(self.f[k] in _IMPLEMENT_VERBS for k in range(first.j, i)):
            return
        self.emit("PARTICIPATES_IN", first, right[0], s, cue.method, round(cue.conf * 0.85, 3))

    def _described_programme(self, s, j: int) -> list[Arg]:
        """« dans le cadre du programme européen de coopération territoriale P »: the programme noun's
        lower-case description stands between the cue and the name."""
        k = j
        while k < min(s.b, j + 8) and self.toks[k].text.isalpha() and self.toks[k].text.islower():
            k += 1
        x = self._arg_at(s, k)
        if x is None or k == j or not any(self.f[m] in ("programme", "program", "projet", "project")
                                          for m in range(j - 1, k)):
            return []
        return [x]

    def _ours(self, s, cue, i, j):
        """'Nos adhérents A, B et C ont …', 'Among our members are A and B': the document's organisation's."""
        if self.main is None:
            return
        k = j
        while k < s.b and self.f[k] in _OUR_MEMBERS_GLUE:
            k += 1
        members, _ = self.right_list(s, k, max_fill=1, intro=True)
        owner = Arg(self.main, i, j, j, coref=True)
        for x in members:
            if x.m.label == "Organisation" and not x.coref:
                self.emit("MEMBER_OF", x, owner, s, cue.method, cue.conf)

    def _prefix(self, s, cue, i, j):
        # "EU-funded project P": the name glued before the hyphen funds the next name
        a = self._arg_ending(s, i)
        if a is None or self.toks[i].space:
            return
        objs, _ = self.right_list(s, j, max_fill=3, intro=False)
        pool = [x for x in s.args if x.i >= j]
        if not objs and pool and pool[0].i - j <= 3 and pool[0].m.label == "Programme":
            objs = [pool[0]]
        if not objs and a.i >= s.a + 2 and self.f[a.i - 1] in _APPOS_DET and self.f[a.i - 2] == ",":
            head = self._apposition_head(s, a.i - 1)  # "MedLink, an EU-funded project in which …"
            objs = [head] if head is not None else []
        if not objs and a.i >= s.a + 2 and self.f[a.i - 1] in ("a", "an") and self.f[a.i - 2] in _COPULAS:
            subj = self.subject(s)  # "The Zeph project is an EU-funded technical assistance project"
            objs = [subj] if subj is not None and subj.j <= a.i - 2 and subj.m.label == "Programme" else []
        for y in objs[:1]:
            self.emit(cue.type, a, y, s, cue.method, cue.conf)

    def _label(self, s, cue, i, j):
        objs, _ = self.right_list(s, j - 1, max_fill=3, intro=False)
        objs = [o for o in objs if o.m.label == "Programme" and o.m.kind == "label"]
        if not objs:
            return
        subj, lf = self.left_group(s, i)
        for x in subj:
            for y in objs:
                self.emit("LABELLED_BY", x, y, s, cue.method, cue.conf * lf)
