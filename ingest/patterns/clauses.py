"""Clause-level relation patterns: relative clauses whose antecedent is the object ("P, an
accelerator that X runs", "le programme P, que finance l'UE") and co-signatories ("A and B
signed a memorandum").

A mixin of `Engine` (`engine.py`), like `relations.py`; `Engine.run` calls `_<mode>` for the
cue modes declared in `en.py` / `fr.py` and `_relative` from `_verb` when a verb's object is
missing.
"""
from __future__ import annotations

from .words import _APPOS_DET, _PROGRAMME_WORDS, _QUE_CONJUNCTIONS

_REL_OBJ = {"that", "which", "que", "qu'"}


class ClausePatterns:
    """Relative clauses and co-signing, for `Engine`."""

    def _antecedent(self, s, k: int):
        """The name a relative pronoun at token k points back to: 'P, (an accelerator) that …'."""
        m = k - 1
        while m > s.a and (self.f[m] in _APPOS_DET or self.f[m] in _PROGRAMME_WORDS or
                           (self.toks[m].text.isalpha() and self.toks[m].text.islower() and self.f[m] not in
                            ("and", "et", "or", "ou"))) and self._arg_ending(s, m + 1) is None and k - m < 8:
            m -= 1  # back over "an accelerator", "le programme d'accélération"
        a = self._arg_ending(s, m + 1)
        if a is not None:
            return a
        if self.f[m] == ",":
            return self._arg_ending(s, m) or self._apposition_head(s, k - 1)
        return None

    def _relative(self, s, cue, i, j, subj, objs):
        """(sources, targets) when the verb sits in a relative clause about its object, else None.
        English: 'P, an accelerator that Orvatech runs' (subject before the verb).
        French: 'le programme P, que finance l'Union européenne' (subject after the verb)."""
        k = i - 1
        # (« en tant que membre de Y », « ainsi que »: a conjunction, no relative pronoun)
        if k >= s.a and self.f[k] in ("que", "qu'") and not (k > s.a and self.f[k - 1] in _QUE_CONJUNCTIONS):
            ante = self._antecedent(s, k)
            agents, _ = self.right_list(s, j, max_fill=2, intro=False)
            if ante is not None and agents and ante not in agents:
                return agents, [ante]
        if objs:
            return None
        k = subj[0].i - 1 if subj else s.a - 1
        while k > s.a and self.f[k] in _APPOS_DET:
            k -= 1  # "that the Coral Foundation runs"
        if subj and k >= s.a and self.f[k] in _REL_OBJ:
            ante = self._antecedent(s, k)
            if ante is not None and ante not in subj:
                return subj, [ante]
        return None

    def _cosign(self, s, cue, i, j):
        """'The CROC and the PONW signed a memorandum of understanding': the signatories partner.
        'A signed an agreement with B' (this cue is longer than 'agreement with', so it is handled
        here): A partners with B."""
        w = next((t for t in range(j, min(s.b, j + 6)) if self.f[t] in ("with", "avec")), None)
        if w is not None:
            self._with(s, cue, i, w + 1)
            return
        if any(self.f[t] in ("between", "entre") for t in range(j, min(s.b, j + 6))):
            return
        left, lf = self.left_group(s, i)
        orgs = [x for x in left if x.m.label == "Organisation"]
        for a in range(len(orgs)):
            for b in range(a + 1, len(orgs)):
                self.emit("PARTNERS_WITH", orgs[a], orgs[b], s, cue.method, cue.conf * (lf or 1))
