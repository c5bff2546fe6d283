"""Sentence-level readers of the cue engine (a mixin of `engine.Engine`): a selection announced then
listed ("Six clusters were selected … The six clusters are A, B and C"), founding years and places,
"the P programme of X" and "the Y track of P". Split from `relations.py` (one module under 500 lines)."""
from __future__ import annotations

from ..names import UNIT_HEADS as _UNIT_HEADS
from .words import _GENERIC_PLURALS, _NUMBERS, _PROGRAMME_WORDS, _YEAR, fronted_participle


class SentenceFacts:
    """Readers that look at a whole sentence's arguments rather than at one cue."""

    def _selected(self, n, s):
        """'Six clusters were selected … to benefit from this opportunity.' … 'The six clusters are A, B and C.'"""
        f = self.f[s.a:s.b]
        if s.question:
            return
        if any(w in ("selected", "selectionnes", "selectionnees", "retenus", "retenues") for w in f) \
                and not any(self.hedged(s, k) for k in range(s.a, s.b) if self.f[k] in ("selected", "selectionnes", "retenus")):
            k = next(k for k in range(s.a, s.b) if self.f[k] in ("selected", "selectionnes", "selectionnees", "retenus", "retenues"))
            prog = next((x for x in s.args if x.i > k and x.m.label == "Programme" and x.i - k <= 15), None)
            demo = any(self.f[t] in ("this", "ce", "cette", "cet") and self.f[t + 1] in _PROGRAMME_WORDS
                       for t in range(k, min(s.b - 1, k + 25)))
            if prog is None and demo and self.last_prog is not None and n - self.last_prog[1] <= 3:
                prog = self.last_prog[0]
            if prog is not None:
                self.selection = (prog, n)
        if self.selection is None or n - self.selection[1] > 3 or n == self.selection[1]:
            return
        if len(f) > 4 and f[0] in ("the", "les") and (f[1].isdigit() or f[1] in _NUMBERS) and \
                f[2] in _GENERIC_PLURALS and f[3] in ("are", "were", "include", ":", "sont", "etaient"):
            members, _ = self.right_list(s, s.a + 4, max_fill=1, intro=False)
            for x in members:
                if x.m.label == "Organisation":
                    self.emit("PARTICIPATES_IN", x, self.selection[0], s, f"{self.lang}-selected-list", 0.75)

    # --- attributes and structure-only patterns ---------------------------------------------
    def _founded_in(self, s):
        for _, i, j in self._founded:
            if not (s.a <= i < s.b) or self.hedged(s, i):
                continue
            yk = next((k for k in range(j, min(s.b, j + 4)) if _YEAR.match(self.f[k])), None)
            if yk is None or self.f[i] in ("since", "depuis") and i > s.a + 1:
                continue
            year, subj = int(self.f[yk]), None
            where = self._place_run(s, yk + 2) if yk + 2 < s.b and self.f[yk + 1] in ("in", "a", "au", "en") else []
            if i - s.a <= 1 or fronted_participle(self.toks, s.a) and not any(x.i < i for x in s.args):
                # "Créé en 2016 à Tozeur (Tunisie), le Cluster X …": the subject follows the fronted clause
                after = [x for x in s.args if x.i > j and x.m.label == "Organisation"]
                subj = after[0] if after and after[0].i - j <= 14 else None
            else:
                # the nearest of the subject group before the cue: its co-actors ("… and works
                # with Y") come after it and were not founded then
                grp, _ = self.left_group(s, i)
                subj = max((x for x in grp if x.i < i), key=lambda x: x.i, default=None)
            if subj is not None and subj.m.label != "Place" and subj.m.founded is None:
                subj.m.founded = year
            if subj is not None and subj.m.label == "Organisation":  # "founded in 2015 in Larnaca"
                for p in where:
                    if self._placeable(subj, p):
                        self.emit("LOCATED_IN", subj, p, s, f"{self.lang}-founded-in-place", 0.75)

    def _owner_of(self, s):
        """'le programme Nova Idea de Kelvocom', 'the Y programme of X': the organisation runs it."""
        for x in s.args:
            if x.m.label != "Programme" or x.coref:
                continue
            k = max(x.j, x.ext)
            if k < s.b and self.f[k] in ("de", "du", "d'", "of"):
                k += 1
                while k < s.b and self.f[k] in ("the", "la", "le", "l'"):
                    k += 1
                y = self._arg_at(s, k)
                glued = y is not None and y.j < s.b and self.f[y.j] == "-" and not self.toks[y.j].space
                if y is not None and y.m.label == "Organisation" and not y.coref and not glued and \
                        not self.hedged(s, k):
                    self.emit("RUNS", y, x, s, f"{self.lang}-programme-of", 0.7)

    def _track_of(self, s):
        parts = {"track", "component", "phase", "pillar", "window", "strand", "axis", "volet", "composante",
                 "axe", "pilier", "module", "stream", "lot", "sub-programme", "subprogramme"}
        for x in s.args:
            if x.m.label != "Programme" or self.f[x.j - 1] not in parts:
                continue
            if x.j < s.b and self.f[x.j] in ("of", "de", "du", "des"):
                y = next((a for a in s.args if x.j < a.i <= x.j + 7 and a.m.label == "Programme"), None)
                if y is not None:
                    self.emit("PART_OF", x, y, s, f"{self.lang}-component-of", 0.8)

    def _unit_of(self, s):
        """'the Kelvo Technology Centre of Orvalis University', « la Commission Numérique de la Fédération X »,
        'the Digital Division (KDD) of the Kelvo Federation': a body whose head word names a unit of another
        body, written right before that body, is part of it."""
        for x in s.args:
            if x.coref or not self._is_unit(x):
                continue
            k = max(x.j, x.ext)
            if k >= s.b or self.f[k] not in ("of", "de", "du", "d'", "from"):
                continue
            k += 1
            while k < s.b and self.f[k] in ("the", "la", "le", "l'"):
                k += 1
            y = self._arg_at(s, k)
            if y is not None and y.m.label == "Organisation" and not y.coref and not self.hedged(s, k):
                self.emit("PART_OF", x, y, s, f"{self.lang}-unit-of", 0.75)

    def _is_unit(self, x) -> bool:
        """An organisation whose first or last word names a unit of a body (`names.UNIT_HEADS`)."""
        return x.m.label == "Organisation" and bool({self.f[x.i], self.f[x.j - 1]} & _UNIT_HEADS)
