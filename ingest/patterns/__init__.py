"""Relation engine: cue phrases (per language, in `en.py` / `fr.py`) + sentence structure → Candidates.

A sentence is seen as a row of argument mentions (Organisations, Programmes, and the
first-person / anaphoric subjects resolved to one of them) and cue phrases. For each
cue we find its left argument group (the subject: the mention list right before it, or
the sentence subject across an inserted phrase) and its right list (the mention list
right after it, possibly after "such as"/":"), then emit edges by the cue's mode.
Lists distribute. A cue preceded in its sentence by a hedge (negation, wish, need,
condition, forecast), or in a question, gives nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..entities import fold_tokens, nlp
from ecograph.ids import norm

from ..types import Candidate, Mention
from . import en, fr

LEXICONS = {"en": en, "fr": fr}
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)$")


def lexicon(lang: str):
    return LEXICONS.get(lang, en)


@dataclass
class Arg:
    m: Mention
    i: int           # token span of the mention
    j: int
    ext: int         # token end including a defined acronym "(ACR)"
    coref: bool = False


@dataclass
class Sent:
    a: int           # token range
    b: int
    start: int       # character span (stripped) in the document
    end: int
    question: bool = False
    heading: bool = False
    args: list[Arg] = field(default_factory=list)
    places: list[Arg] = field(default_factory=list)
    sectors: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Cue:
    type: str
    mode: str
    conf: float
    method: str
    n: int           # length in tokens


@lru_cache(maxsize=4)
def _matchers(lang: str):
    lex = lexicon(lang)
    vocab = nlp(lang).vocab
    cues, hedges, misc = PhraseMatcher(vocab), PhraseMatcher(vocab), PhraseMatcher(vocab)
    table: dict[str, Cue] = {}
    for k, (rtype, mode, conf, method, phrases) in enumerate(lex.CUES):
        for p in phrases:
            words = fold_tokens(p)
            key = f"{k}:{len(words)}"
            table[key] = Cue(rtype, mode, conf, method, len(words))
            cues.add(key, [Doc(vocab, words=words)])
    hedges.add("HEDGE", [Doc(vocab, words=fold_tokens(h)) for h in lex.HEDGES])
    for name, phrases in (("INTRO", lex.LIST_INTRO), ("FOUNDED", lex.FOUNDED), ("WE", lex.WE),
                          ("ANA", lex.ANAPHORA), ("ANA_PROG", lex.ANAPHORA_PROGRAMME)):
        misc.add(name, [Doc(vocab, words=fold_tokens(p)) for p in phrases])
    return cues, hedges, misc, table


class Engine:
    def __init__(self, lang: str, toks, text: str, sents: list[Sent], main: Mention | None, make_sector):
        self.lang, self.toks, self.text, self.sents, self.main = lang, toks, text, sents, main
        self.lex = lexicon(lang)
        self.make_sector = make_sector
        self.out: list[Candidate] = []
        self.relabel: dict[str, str] = {}
        self.f = [t.f for t in toks]

    # --- helpers ---------------------------------------------------------------------------
    def emit(self, rtype, src: Arg, tgt: Arg, s: Sent, method: str, conf: float):
        if src.m is tgt.m or src.m.text == tgt.m.text and src.m.label == tgt.m.label:
            return
        if src.coref or tgt.coref:
            conf *= 0.85
        if rtype in ("RUNS", "PARTICIPATES_IN") and tgt.m.label == "Organisation" and tgt.m.kind is None \
                and not tgt.coref:
            self.relabel[tgt.m.text] = "Programme"
            tgt.m.label = "Programme"
            tgt.m.kind = "event" if any(w in method for w in ("exhib", "presence", "stand")) else None
        if rtype in ("RUNS", "PARTICIPATES_IN") and tgt.m.label != "Programme":
            return  # SCHEMA: one runs or takes part in a programme; "X has managed the Y cluster" is no edge
        self.out.append(Candidate(rtype, src.m, tgt.m, s.start, s.end, method, round(min(conf, 0.99), 3)))

    def _arg_at(self, s: Sent, k: int) -> Arg | None:
        return next((x for x in s.args if x.i == k), None)

    def _arg_ending(self, s: Sent, k: int) -> Arg | None:
        return next((x for x in s.args if x.j == k or x.ext == k), None)

    def right_list(self, s: Sent, p: int, pool: list[Arg] | None = None, max_fill: int = 5, intro: bool = True):
        """The mention list starting right after token p (fillers allowed), or after a list intro."""
        pool = s.args if pool is None else pool
        lex = self.lex
        k, skipped = p, 0
        while k < s.b and skipped <= max_fill:
            first = next((x for x in pool if x.i == k), None)
            if first is not None and first.j + 2 < s.b and self.f[first.j] == "-" and \
                    not self.toks[first.j].space and self.f[first.j + 1].endswith("ed"):
                k = first.j + 2  # "the EU-funded project P": the glued name is no object here
                skipped += 1
                continue
            if first is not None:
                return self._continue_list(s, first, pool), False
            if self.f[k] in lex.RIGHT_FILLER or _YEAR.match(self.f[k]) or self.f[k] in _MONTHS:
                k += 1
                skipped += 1
                continue
            if k > p and self.f[k - 1] in _DETS and self.toks[k].text.isalpha() and self.toks[k].text.islower() \
                    and self._arg_at(s, k + 1) is not None:
                k += 1  # "dont les tanneries Tanit Cuir": a common noun before the name
                skipped += 1
                continue
            break
        if intro:
            # "… presence at major meetings, in particular A, B and C" / "… partners: A, B"
            stop = min(s.b, p + 16)
            for key, i, j in self.intros(s):
                if p <= i < stop and not any(p <= x.i < i for x in pool):
                    res, _ = self.right_list(s, j, pool, max_fill=2, intro=False)
                    if res:
                        return res, True
        return [], False

    def _continue_list(self, s: Sent, first: Arg, pool: list[Arg]) -> list[Arg]:
        out = [first]
        cur = first
        while True:
            nxt = next((x for x in pool if x.i >= cur.ext and x is not cur), None)
            nxt = min((x for x in pool if x.i >= max(cur.ext, cur.j)), key=lambda x: x.i, default=None)
            if nxt is None or nxt.coref != cur.coref:
                break  # "du Ministère X, nous avons …": a reference is never an item of a named list
            gap = _drop_parenthesised(self.f[max(cur.ext, cur.j):nxt.i])  # "A (Tunisia), B (Morocco)"
            gap = _drop_descriptors(gap, self.toks[max(cur.ext, cur.j):nxt.i])  # "…, le fabricant C"
            if len(gap) > 5 or not all(g in self.lex.LIST_CONNECTORS or g in _HEADS for g in gap):
                break
            before_first = self.f[first.i - 2] if first.i - 2 >= s.a and self.f[first.i - 1] in _DETS \
                else self.f[first.i - 1]
            gap = [g for g in gap if g not in _DETS] if gap and gap[0] in ("and", "et") else gap
            if len(gap) == 2 and gap[0] in ("and", "et", ",") and first.i > s.a and gap[1] == before_first \
                    and gap[1] in ("at", "in", "a", "au", "with", "avec", "to", "for", "pour", "by", "par"):
                out.append(nxt)  # "exhibited at A and at B": the preposition repeated
                cur = nxt
                continue
            if not any(g in (",", "and", "et", "&", ";", "as", "ainsi", "plus") for g in gap) and gap:
                break
            if not gap:
                break
            out.append(nxt)
            cur = nxt
        return out

    def left_group(self, s: Sent, q: int) -> tuple[list[Arg], float]:
        """The subject group of a cue at token q, and a confidence factor."""
        lex = self.lex
        k = q - 1
        fill = 0
        coord = False
        if k > s.a and self.f[k] in ("to", "pour") and not self._arg_ending(s, k):
            # "A has teamed up with B to run P": the clause's subject and its co-actors
            subj = self.subject(s)
            if subj is not None and subj.j <= k:
                return self._with_coactors([subj]), 0.8
        while k >= s.a and fill <= 4:
            a = self._arg_ending(s, k + 1)
            if a is not None:
                if coord:
                    break  # "X … and is organised by": the subject is the sentence's, not X
                return self._with_coactors(self._left_list(s, a)), 1.0
            w = self.f[k]
            if w in lex.LEFT_FILLER or w in lex.PASSIVE_AUX:
                k -= 1
                fill += 1
                continue
            head = self._apposition_head(s, k)
            if head is not None:  # "X, a three-year project financed by Y": the apposition's head
                return self._with_coactors([head]), 0.85
            if w in lex.COORD_AUX and (fill > 0 or self.f[q] in lex.PASSIVE_AUX or self.f[q] in lex.LEFT_FILLER):
                coord = True
                k -= 1
                continue
            if w == ",":
                a = self._arg_ending(s, k) or (self._arg_ending(s, k - 1) if self.f[k - 1] in _CLOSE_QUOTES else None)
                if a is not None:  # "X, in partnership with Y": the apposition's head
                    return self._with_coactors(self._left_list(s, a)), 0.95
                # "X, <inserted phrase>, CUE": skip back over the insert to the mention before it
                j = k - 1
                while j > s.a and self.f[j] != ",":
                    j -= 1
                if j > s.a and k - j <= 22:
                    a = self._arg_ending(s, j)
                    if a is not None:
                        grp = self._left_list(s, a)
                        for c in self.coactors.get(id(a), []):
                            if c not in grp:
                                grp.append(c)
                        return grp, 0.85
            break
        subj = self.subject(s)
        if coord and subj is not None and subj.i < q and \
                not any(self.f[t] in ("which", "that", "who", "qui", "dont") for t in range(subj.j, q)):
            return [subj], 0.8
        k = q - 1
        while k > s.a and (self.f[k] in lex.LEFT_FILLER or self.f[k] in lex.PASSIVE_AUX):
            k -= 1
        if self.f[k] in _GENERIC_PLURALS:
            return [], 0.0  # "… to companies specialising in X": the cue's subject is that noun
        if subj is not None and subj.i < q and \
                not any(subj.j <= x.i and x.j <= q for x in s.args if x is not subj and not x.coref) \
                and not any(self.f[t] in ("which", "that", "who", "qui", "dont", "where", "ou") for t in range(subj.j, q)):
            grp = [subj] + [c for c in self.coactors.get(id(subj), [])]
            return grp, 0.8
        return [], 0.0

    def _fronted_subject(self, s: Sent, after: int) -> Arg | None:
        """The subject after a fronted clause: the name right after the clause's comma."""
        k = next((t for t in range(after, min(s.b, after + 10)) if self.f[t] == ","), None)
        if k is None:
            return None
        k += 1
        while k < s.b and (self.f[k] in _APPOS_DET or self.f[k] in _PROGRAMME_WORDS) and self._arg_at(s, k) is None:
            k += 1  # "…, le projet EcoPack …": the name after its common noun
        return self._arg_at(s, k)

    def _apposition_head(self, s: Sent, k: int) -> Arg | None:
        """The name before ', <det> <common words…>' ending at token k ('X, a three-year project')."""
        m = k
        while m > s.a and k - m < 9 and self.f[m] != "," and self.f[m] not in ("and", "et", "which", "qui", "that"):
            glued = m + 2 <= k and self.f[m + 1] == "-" and not self.toks[m + 1].space  # "an EU-funded project"
            if (self._arg_ending(s, m + 1) or self.toks[m].cap) and not glued:
                break
            m -= 1
        if m <= s.a or self.f[m] != "," or m + 1 > k or self.f[m + 1] not in _APPOS_DET:
            return None
        head = self._arg_ending(s, m)
        if head is None and self.f[m - 1] == ")":  # "MaghrebClust (2018–2022), an EU-funded project"
            o = next((t for t in range(m - 2, max(s.a, m - 8), -1) if self.f[t] == "("), None)
            head = self._arg_ending(s, o) if o is not None else None
        return head

    def _with_coactors(self, grp: list[Arg]) -> list[Arg]:
        """A co-actor's act is its partner's too: 'X, in partnership with Y, launched P', 'X runs P
        together with Y'."""
        for a in list(grp):
            owner = self.coactor_of.get(id(a))
            for c in ([owner] + self.coactors.get(id(owner), []) if owner is not None else []) + \
                    self.coactors.get(id(a), []):
                if c not in grp:
                    grp.append(c)
        return grp

    def _left_list(self, s: Sent, last: Arg) -> list[Arg]:
        out = [last]
        cur = last
        while True:
            prev = max((x for x in s.args if max(x.ext, x.j) <= cur.i), key=lambda x: x.j, default=None)
            if prev is None or prev.coref != cur.coref:
                break  # "A, B and the cluster": a reference is never an item of a named list
            gap = self.f[max(prev.ext, prev.j):cur.i]
            if not gap or len(gap) > 4 or not all(g in self.lex.LIST_CONNECTORS for g in gap) \
                    or not any(g in (",", "and", "et", "&") for g in gap):
                break
            out.insert(0, prev)
            cur = prev
        return out

    def subject(self, s: Sent) -> Arg | None:
        """The sentence subject: its first argument, when only an intro ("In Morocco,", "The") precedes it."""
        if not s.args:
            return None
        first = s.args[0]
        before = self.f[s.a:first.i]
        if len(before) >= 2 and len(before[0]) == 1 and before[1] in (":", "."):
            before = before[2:]  # an interview's "Q:" / "A:" / "R :" prefix
        # a leading time adverbial ("Since 2020", "In March 2021,", "Depuis 2022,") is no subject
        k = 0
        while k < len(before) and (before[k] in _TIME_INTRO or _YEAR.match(before[k]) or before[k] in _MONTHS
                                   or before[k].isdigit()):
            k += 1
        if k and any(_YEAR.match(w) for w in before[:k]):
            before = before[k:]
        if len(before) <= 1:
            return first
        if before[-1] in ("the", "le", "la", "l'", "les", "-", "•", "(") and len(before) <= 2:
            return first
        if "," in before and len(before) <= 8 and before[-1] in (",", "the", "le", "la", "l'"):
            return first
        return None

    def intros(self, s: Sent):
        return [(k, i, j) for k, i, j in self._intro if s.a <= i < s.b]

    def hedged(self, s: Sent, q: int) -> bool:
        if s.question:
            return True
        for i, j in self._hedges:
            if s.a <= i < s.b and (i < q or i <= q + 3) and j <= s.b:
                if i < q or i - q <= 3:
                    return True
        return False

    # --- the pass over the document -------------------------------------------------------
    def run(self) -> list[Candidate]:
        cues_m, hedge_m, misc_m, table = _matchers(self.lang)
        if not self.f:
            return self.out
        doc = Doc(nlp(self.lang).vocab, words=self.f)
        # everything is bucketed per sentence so that a long document stays linear
        sidx = [-1] * len(self.f)
        for n, s in enumerate(self.sents):
            for k in range(s.a, s.b):
                sidx[k] = n

        def bucket(items, start):
            out: dict[int, list] = {}
            for it in items:
                out.setdefault(sidx[start(it)], []).append(it)
            return out
        cue_hits = _longest_cues([(table[doc.vocab.strings[mid]], i, j) for mid, i, j in cues_m(doc)])
        cues_by = bucket(cue_hits, lambda h: h[1])
        # "2 May 2025" is a date, not the modal "may"
        hedges_by = bucket([(i, j) for _, i, j in hedge_m(doc) if self.toks[i].text != "May"], lambda h: h[0])
        misc = [(doc.vocab.strings[mid], i, j) for mid, i, j in misc_m(doc)]
        intro_by = bucket([x for x in misc if x[0] == "INTRO"], lambda h: h[1])
        founded_by = bucket([x for x in misc if x[0] == "FOUNDED"], lambda h: h[1])
        self.prog_counts: dict[str, int] = {}
        for s in self.sents:
            for x in s.args:
                if x.m.label == "Programme":
                    self.prog_counts[norm(x.m.text)] = self.prog_counts.get(norm(x.m.text), 0) + 1
        self.selection: tuple[Arg, int] | None = None
        self.last_prog: tuple[Arg, int] | None = None
        for n, s in enumerate(self.sents):
            self.n = n
            self._hedges = hedges_by.get(n, [])
            self._intro = intro_by.get(n, [])
            self._founded = founded_by.get(n, [])
            self._selected(n, s)
            progs = [x for x in s.args if x.m.label == "Programme" and not x.coref]
            if progs:
                self.last_prog = (progs[-1], n)
            self.coactors: dict[int, list[Arg]] = {}
            self.last_patients: list[Arg] | None = None
            self.coactor_of: dict[int, Arg] = {}
            hits = [c for c in cues_by.get(n, []) if c[2] <= s.b]
            # co-actor phrases first, so that joint acts can use them
            for cue, i, j in hits:
                if cue.mode == "with" and not self.hedged(s, i):
                    self._with(s, cue, i, j)
            for cue, i, j in hits:
                if cue.mode == "with" or self.hedged(s, i):
                    continue
                getattr(self, "_" + cue.mode)(s, cue, i, j)
            self._founded_in(s)
            self._track_of(s)
            self._owner_of(s)
            self._place_patterns(s)
            self._x_based(s)
            self._sector_patterns(s, hits)
        return self.out

    def _with(self, s, cue, i, j):
        left, lf = self.left_group(s, i)
        if left and all(x.coref and x.m.label == "Programme" for x in left):
            # "X is in charge of this project within a partnership with Y": partners are X and Y
            left, lf = self.left_group(s, min(x.i for x in left))
        right, _ = self.right_list(s, j)
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
        for x in left:
            for y in right:
                self.emit("PARTNERS_WITH", x, y, s, cue.method, cue.conf * lf)
        if left and right and s.args and left[-1].j <= i:
            self.coactors.setdefault(id(left[-1]), []).extend(right)
            for y in right:
                self.coactor_of[id(y)] = left[-1]

    def _between(self, s, cue, i, j):
        # "partnership between A and B" / "partenariat de convention et de financement entre A et B"
        window = self.f[max(s.a, i - 7):i]
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

    def _types(self, cue, target: Arg) -> str:
        if cue.type != "JOIN":
            return cue.type
        return "PARTICIPATES_IN" if target.m.label == "Programme" else "MEMBER_OF"

    def _verb(self, s, cue, i, j):
        lex = self.lex
        # passive: "<participle> [≤4 tokens, no name] by A, B"
        k = j  # "financé à hauteur de 3 millions d'euros par X": an amount may sit before the agent
        while k < min(s.b, j + 9) and self.f[k] not in lex.BY and not self._arg_at(s, k):
            k += 1
        passive = k < s.b and self.f[k] in lex.BY and (k == j or self.f[j] not in ("the", "le", "la"))
        if cue.type in ("LOCATED_IN", "ACTIVE_IN", "PART_OF") and cue.mode == "verb":
            passive = False
        if passive:
            agents, _ = self.right_list(s, k + 1, max_fill=2, intro=False)
            if not agents:
                return
            for a in list(agents):  # "coordinated by A in partnership with B": a joint act is B's too
                agents += [c for c in self.coactors.get(id(a), []) if c not in agents]
            if self.last_patients is not None and self.f[i - 1] in ("and", "et"):
                patients, lf = self.last_patients, 0.85  # "P, launched by A … and financed by B"
            else:
                patients, lf = self.left_group(s, i)
            if not patients and (i - s.a <= 1 or fronted_participle(self.toks, s.a) and
                                 not any(x.i < i for x in s.args)):
                # "Labellisé par X depuis 2019, le PMM …": a fronted participle describes the subject
                subj = self._fronted_subject(s, max(max(a.ext, a.j) for a in agents))
                patients, lf = ([subj], 0.85) if subj is not None else ([], 0.0)
            if patients:
                self.last_patients = patients
            src, tgt = agents, patients
            conf = cue.conf * (lf or 1)
            if cue.type == "LABELLED_BY":
                src, tgt = patients, agents
                self._label_programme(s, agents, k + 1 + 0, cue)
            elif cue.type in ("SUPPORTS", "FUNDS"):
                self._through_programme(s, agents, patients, cue)
        elif cue.type == "LOCATED_IN":
            places, _ = self.right_list(s, j, pool=s.places, max_fill=2, intro=False)
            if places:  # "basé à Marignane, en France": the country that qualifies the city too
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
            return
        elif cue.type == "ACTIVE_IN":
            self._active_in(s, cue, i, j)
            return
        else:
            before = self.f[max(s.a, i - 2):i]
            if cue.type not in ("MEMBER_OF",) and any(w in lex.PASSIVE_AUX for w in before) and cue.type != "RUNS" \
                    and cue.type != "PARTICIPATES_IN" and cue.type != "JOIN":
                return  # "X is funded" with no agent: nothing to link
            subj, lf = self.left_group(s, i)
            if j < s.b and self.f[j] in ("with", "avec") and cue.type in ("RUNS", "FUNDS", "SUPPORTS"):
                # "nous avons lancé avec l'Université X le projet P": X is a co-actor, P the object
                co, _ = self.right_list(s, j + 1, max_fill=2, intro=False)
                if co and subj:
                    for y in co:
                        self.emit("PARTNERS_WITH", subj[-1], y, s, cue.method + "-with", cue.conf * 0.9)
                    subj = subj + [y for y in co if y.m.label == "Organisation"]
                    j = max(max(y.ext, y.j) for y in co)
            objs, via_intro = self.right_list(s, j)
            if not objs and subj and subj[0].i - 2 >= s.a and self.f[subj[0].i - 1] in ("dont", "whose") \
                    and self.f[subj[0].i - 2] == ",":
                ante = self._arg_ending(s, subj[0].i - 2)  # "le programme P, dont le CTAS est chef de file"
                objs = [ante] if ante is not None else []
            if not subj and objs and i - s.a <= 1:
                # "Adhérent de Maroc Cluster depuis 2016, le CAIO …": a fronted phrase describes the subject
                front = self._fronted_subject(s, max(max(y.ext, y.j) for y in objs))
                subj, lf = ([front], 0.85) if front is not None else ([], 0.0)
            if cue.type in ("JOIN", "MEMBER_OF") and objs and not subj and \
                    any(w in _GENERIC_PLURALS for w in self.f[s.a:i]):
                # "Trois entreprises ont rejoint le cluster cette année : A, B et C"
                e = max(objs[0].ext, objs[0].j)
                colon = next((t for t in range(e, min(s.b, e + 5)) if self.f[t] == ":"), None)
                if colon is not None:
                    newcomers, _ = self.right_list(s, colon + 1, max_fill=1, intro=False)
                    for x in newcomers:
                        self.emit("MEMBER_OF", x, objs[0], s, cue.method + "-list", cue.conf * 0.9)
                    return
            if self.lang == "fr" and cue.type in ("SUPPORTS", "FUNDS") and len(subj) == 1 and subj[0].coref \
                    and self.f[subj[0].i] == "nous":
                # "Business France et la Région Sud nous ont accompagnés": "nous" is the object here
                actors, _ = self.left_group(s, subj[0].i)
                if actors and not any(a.coref for a in actors):
                    subj, objs, lf = actors, [subj[0]], 0.9
            if cue.type == "MEMBER_OF" and objs:
                # "members of Y include A, B"
                after = objs[-1].ext if objs[-1].ext else objs[-1].j
                if after < s.b and self.f[after] in ("include", "includes", "are", "comprise", ":", "sont", "incluent"):
                    members, _ = self.right_list(s, after + 1, max_fill=2)
                    for x in members:
                        for y in objs:
                            self.emit("MEMBER_OF", x, y, s, cue.method, cue.conf)
                    return
            src, tgt = subj, objs
            conf = cue.conf * (lf or 1) * (0.9 if via_intro else 1)
            if cue.mode == "reverse":
                src, tgt = objs, subj
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

    _reverse = _verb

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

    def _passive(self, s, cue, i, j):
        self._verb(s, cue, i, j)

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
        if not right or right[0].m.label != "Programme":
            return
        left = [x for x in s.args if max(x.ext, x.j) <= i and x.m.label == "Programme" and x.m is not right[0].m]
        if left:
            self.emit("PART_OF", left[-1], right[0], s, cue.method, cue.conf)

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
            head = self._apposition_head(s, a.i - 1)  # "WaterWise Med, a PRIMA-funded project in which …"
            objs = [head] if head is not None else []
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
            year = next((int(self.f[k]) for k in range(j, min(s.b, j + 4)) if _YEAR.match(self.f[k])), None)
            if year is None or self.f[i] in ("since", "depuis") and i > s.a + 1:
                continue
            subj = None
            yk = next(k for k in range(j, min(s.b, j + 4)) if _YEAR.match(self.f[k]))
            where = self._place_run(s, yk + 2) if yk + 2 < s.b and self.f[yk + 1] in ("in", "a", "au", "en") else []
            if i - s.a <= 1 or fronted_participle(self.toks, s.a) and not any(x.i < i for x in s.args):
                # "Créé en 2018 à Blida (Algérie), le Cluster X …": the subject follows the fronted clause
                after = [x for x in s.args if x.i > j and x.m.label == "Organisation"]
                subj = after[0] if after and after[0].i - j <= 14 else None
            else:
                grp, _ = self.left_group(s, i)
                subj = grp[-1] if grp else None
            if subj is not None and subj.m.label != "Place" and subj.m.founded is None:
                subj.m.founded = year
            if subj is not None and subj.m.label == "Organisation":  # "founded in 2013 in Piraeus"
                for p in where:
                    if self._placeable(subj, p):
                        self.emit("LOCATED_IN", subj, p, s, f"{self.lang}-founded-in-place", 0.75)

    def _owner_of(self, s):
        """'le programme Innov Idea de Tamwilcom', 'the Y programme of X': the organisation runs it."""
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

    def _place_patterns(self, s):
        lex = self.lex
        f = self.f
        # 1. "In Morocco, X is supporting Y and Z": the intro places every named actor of the sentence
        if s.b - s.a > 3 and f[s.a] in lex.IN_PLACE:
            p = next((x for x in s.places if x.i == s.a + 1), None)
            if p is not None and p.j < s.b and f[p.j] == ",":
                for x in s.args:
                    if x.coref or x.m.label == "Programme" or not self._placeable(x, p):
                        continue
                    self.emit("LOCATED_IN", x, p, s, f"{self.lang}-in-place-intro", 0.6)
                    x.m.country = x.m.country or p.m.country
        for x in s.args:
            if x.coref:
                continue
            # 2. "MDFC Morocco": a country tag ending the name
            tail = self.country_tail(x)
            if tail is not None:
                self.emit("LOCATED_IN", x, tail, s, "name-country-tag", 0.7)
                x.m.country = x.m.country or tail.m.country
            e = max(x.ext, x.j)
            # 3. "Meet X Cluster, Morocco" (heading / caption): ", <Place>" closing the sentence
            p = next((pl for pl in s.places if pl.i == e + 1), None)
            if p is not None and e < s.b and f[e] == "," and p.j >= s.b - 1 and s.heading:
                self.emit("LOCATED_IN", x, p, s, "heading-place", 0.65)
                x.m.country = x.m.country or p.m.country
            self._place_after_name(s, x, e)
            # 4. "X is a Moroccan association"
            if e + 1 < s.b and f[e] in lex.COPULA and f[e + 1] in ("a", "an", "the", "un", "une", "le", "la", "l'"):
                for k in range(e + 2, min(s.b, e + 5)):
                    c = self.demonym(k)
                    if c is not None and k + 1 < s.b and self.toks[k].cap:
                        self.emit("LOCATED_IN", x, c(k), s, f"{self.lang}-demonym", 0.7)
                        x.m.country = x.m.country or c(k).m.country
                        break
                    if self.f[k] in (",", ".", ";") or self._arg_at(s, k):
                        break
        # 5. "X was established … as the first <…> cluster in Lebanon"
        subj = self.subject(s)
        if subj is not None and not subj.coref and subj.m.label != "Programme" and len({id(a.m) for a in s.args}) == 1:
            for p in s.places:
                if p.i - 2 > subj.j and f[p.i - 1] in ("of", "de") and f[p.i - 2] in ("city", "town", "ville"):
                    self.emit("LOCATED_IN", subj, p, s, f"{self.lang}-city-of", 0.6)
        if subj is not None and not subj.coref and subj.m.label != "Programme":
            for p in s.places:
                k = p.i - 1
                if k > subj.j and f[k] in lex.DESCRIPTIVE_LOC and f[k - 1] in _ORG_HEADS and \
                        not any(subj.j <= a.i < k for a in s.args) and ";" not in f[subj.j:k] and \
                        self._placeable(subj, p):
                    self.emit("LOCATED_IN", subj, p, s, f"{self.lang}-org-noun-in-place", 0.65)
                    subj.m.country = subj.m.country or p.m.country

    def _place_after_name(self, s, x: Arg, e: int):
        """Places written right after a name: 'X (Lyon, France)', 'X, a seafood cluster from Málaga, Spain',
        'X, Egypt's first pharmaceutical cluster', 'the X Cluster in Naples, Italy'."""
        f = self.f
        if x.m.label != "Organisation":
            return
        found, method, conf = [], None, 0.0
        if x.j < s.b and f[x.j] == "(":
            k, ps = x.j + 1, []
            while k < s.b and f[k] != ")":
                p = next((pl for pl in s.places if pl.i == k), None)
                if p is not None:
                    ps.append(p)
                    k = p.j
                elif f[k] == ",":
                    k += 1
                else:
                    ps = []
                    break
            found, method, conf = ps, "paren-place", 0.75
        elif e + 2 < s.b and f[e] == ",":
            k = e + 1
            if self.toks[k].cap and f[k + 1:k + 3] == ["'", "s"]:
                p = next((pl for pl in s.places if pl.i == k and pl.m.kind == "country"), None)
                if p is not None:  # "X, Egypt's first pharmaceutical cluster"
                    found, method, conf = [p], f"{self.lang}-country-possessive", 0.7
            elif f[k] in ("en", "in", "au") and e + 3 < s.b:  # "Le Cluster Cuir de Batna, en Algérie, …"
                run = self._place_run(s, k + 1)
                if run and run[-1].j < s.b and f[run[-1].j] in (",", ")"):
                    found, method, conf = run, f"{self.lang}-apposition-place", 0.7
            elif f[k] in _APPOS_DET or f[k] in _APPOS_FIRST:
                m = k + 1
                while m < min(s.b, k + 8) and f[m] not in (",", ".", ";") and not self._arg_at(s, m):
                    if f[m] in self.lex.DESCRIPTIVE_LOC | {"based"} and f[m - 1] in _ORG_HEADS | {"based"}:
                        found = self._place_run(s, m + (2 if f[m] == "based" else 1))
                        method, conf = f"{self.lang}-apposition-place", 0.7
                        break
                    p = next((pl for pl in s.places if pl.i == m), None)
                    if p is not None and p.j + 1 < s.b and f[p.j] == "-" and f[p.j + 1] == "based":
                        found, method, conf = [p], f"{self.lang}-x-based", 0.75  # "an Athens-based association"
                        break
                    c = self.demonym(m) if not self.toks[m].cap or self.lang == "en" else None
                    if c is not None and (f[m - 1] in _ORG_HEADS or (m + 1 < s.b and f[m + 1] in _ORG_HEADS)):
                        found, method, conf = [c(m)], f"{self.lang}-apposition-demonym", 0.7  # "la société libanaise"
                        break
                    m += 1
        elif e + 1 < s.b and f[e] in ("in", "a") and x.m.kind in (None, "cluster", "university", "company",
                                                                  "support", "research", "association"):
            found, method, conf = self._place_run(s, e + 1), f"{self.lang}-name-in-place", 0.65
        for p in found:
            if self._placeable(x, p):
                self.emit("LOCATED_IN", x, p, s, method, conf)
                x.m.country = x.m.country or p.m.country

    def _place_run(self, s, k: int) -> list:
        """'Málaga, Spain': a place and the places that qualify it, from token k."""
        out = []
        while k < s.b:
            p = next((pl for pl in s.places if pl.i == k), None)
            if p is None:
                break
            out.append(p)
            if p.m.kind == "country" or p.j + 1 >= s.b:
                break
            k = p.j + 1
            if self.f[p.j] == "(":  # "Blida (Algérie)"
                continue
            if self.f[p.j] == "," and self.f[k] in ("en", "in", "au", "a"):  # "Marignane, en France"
                k += 1
                continue
            if self.f[p.j] == ",":
                continue
            break
        return out

    def _x_based(self, s):
        """'The Algiers-based Mitidja Agro Cluster': the place glued to '-based' places the next name."""
        f = self.f
        for p in s.places:
            if p.j + 2 < s.b and f[p.j] == "-" and f[p.j + 1] == "based":
                x = next((a for a in s.args if p.j + 2 <= a.i <= p.j + 5 and not a.coref), None)
                if x is not None and x.m.label == "Organisation" and self._placeable(x, p):
                    self.emit("LOCATED_IN", x, p, s, f"{self.lang}-x-based", 0.75)

    def _placeable(self, x: Arg, p: Arg) -> bool:
        """International actors (registry rows without a country, or from another one) are not placed."""
        if x.m.kind in ("funder",) and (x.m.country is None or x.m.country != p.m.country):
            return False
        return x.m.country is None or x.m.country == p.m.country

    def _sector_patterns(self, s, hits):
        f = self.f
        lex = self.lex
        if not s.sectors or s.question:
            return
        groups = _sector_lists(s.sectors, f, lex.LIST_CONNECTORS)
        orgs = {id(x.m): x for x in s.args if x.m.label != "Programme"}
        phrases = []
        for g in groups:
            a, b = g[0][0], g[-1][1]
            after = f[b:b + 3]
            before = f[max(s.a, a - 3):a]
            if (after[:1] and after[0] in lex.SECTOR_NOUNS) or (len(after) > 1 and after[1] in lex.SECTOR_NOUNS
                                                                and after[0] not in (",", ".", ";")) \
                    or any(w in lex.SECTOR_NOUNS_BEFORE for w in before) or before[-2:] in (["sectors"], ["the", "sectors"]):
                phrases.append(g)
        subj = self.subject(s)
        if subj is None or subj.m.label == "Programme" or len(orgs) != 1 or id(subj.m) not in orgs:
            return
        e = max(subj.ext, subj.j)
        defining = f[e:e + 3] and f[e] in ("is", "est") and any(w in _ORG_HEADS | {"platform", "community", "plateforme", "pole"}
                                                              for w in f[e + 1:e + 4])
        if defining:
            phrases = groups
        if not phrases:
            return
        if any(self.hedged(s, g[0][0]) for g in phrases):
            return
        for g in phrases:
            for i, j, canon in g:
                self.emit("ACTIVE_IN", subj, Arg(self.make_sector(i, j, canon), i, j, j), s,
                          f"{self.lang}-sector-phrase", 0.65)

    def _active_in(self, s, cue, i, j):
        groups = _sector_lists([x for x in s.sectors if x[0] >= j], self.f, self.lex.LIST_CONNECTORS)
        if not groups:
            return
        first = groups[0]
        if first[0][0] - j > 6 or any(w in (".", ";", "which", "qui", "by", "par") for w in self.f[j:first[0][0]]):
            return
        left, lf = self.left_group(s, i)
        chosen = [first] + [g for g in groups[1:] if g[0][0] - first[-1][1] <= 3 and
                            all(w in self.lex.LIST_CONNECTORS or w in self.lex.SECTOR_NOUNS or w == "development"
                                for w in self.f[first[-1][1]:g[0][0]])]
        for x in left:
            if x.m.label == "Programme":
                continue
            for g in chosen:
                for a, b, canon in g:
                    self.emit("ACTIVE_IN", x, Arg(self.make_sector(a, b, canon), a, b, b), s, cue.method, cue.conf * lf)

    # set by extract(): fold -> country Place factory, and the name-tail check
    demonym = staticmethod(lambda k: None)
    country_tail = staticmethod(lambda x: None)


_GENERIC_PLURALS = {"companies", "enterprises", "firms", "members", "startups", "smes", "actors", "players",
                    "stakeholders", "partners", "institutions", "organisations", "organizations", "clusters",
                    "projects", "businesses", "entreprises", "membres", "acteurs", "partenaires", "societes",
                    "structures", "people", "researchers", "universities", "students"}
_NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "selected", "deux",
            "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "douze", "selectionnes"}
_PROGRAMME_WORDS = {"opportunity", "programme", "program", "initiative", "call", "project", "voucher", "scheme",
                    "edition", "track", "competition", "programme", "appel", "projet", "dispositif"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
           "septembre", "octobre", "novembre", "decembre"}
_HEADS = {"cluster", "project", "programme", "program", "network", "association", "initiative", "platform",
          "group", "projet", "reseau"}
_ORG_HEADS = {"cluster", "association", "company", "incubator", "accelerator", "hub", "network", "federation",
              "agency", "centre", "center", "technopark", "startup", "firm", "pole", "organisation",
              "organization", "incubateur", "reseau", "entreprise", "societe", "agence"}


_AGREEMENTS = {"memorandum", "agreement", "convention", "charter", "mou", "accord", "protocole", "charte",
               "partnership", "partenariat", "declaration", "protocol"}
_MEMBER_WORDS = {"members", "membres", "adherents", "member", "companies", "entreprises", "firms", "enterprises",
                 "structures", "acteurs"}
_SUPPORT_NOUNS = {"soutien", "appui", "accompagnement", "support", "backing", "help", "aide", "confiance", "trust",
                  "assistance", "partenariat", "partnership"}
_FUNDING_NOUNS = {"financement", "funding", "financial", "financier", "financiere", "grant", "subvention"}
_CLOSE_QUOTES = {'"', "»", "”", "'", "’"}
_APPOS_FIRST = {"premier", "premiere", "first", "leading", "only", "seul", "principal", "unique"}
_OUR_MEMBERS_GLUE = {"are", "include", "includes", "including", "such", "as", ":", "figurent", "sont", "comptent",
                     "comme", "notamment", "incluent", "there", "we", "count", "nous", "comptons", "citons"}
_APPOS_DET = {"a", "an", "the", "its", "un", "une", "le", "la", "l'", "son", "sa"}
_TIME_INTRO = {"since", "in", "from", "by", "until", "between", "and", "early", "late", "mid", ",", "depuis", "en",
               "des", "entre", "et", "a", "partir", "de", "d'", "fin", "debut", "the", "of", "le"}


_FRONT_PREPS = {"par", "by", "en", "in", "a", "au", "avec", "with", "depuis", "since", "from", "dans", "under", "sous"}


def fronted_participle(toks, a: int) -> bool:
    """'Created in 2016, …', 'Porté par …, …', 'Labellisé par …, …': the sentence opens on a participle."""
    w = toks[a].f
    return toks[a].cap and toks[a + 1].f in _FRONT_PREPS and \
        (w.endswith(("e", "ee", "es", "ees", "ed")) and len(w) > 4 and not toks[a + 1].cap)


_DETS = {"le", "la", "les", "l'", "the", "a", "an", "un", "une", "des", "its", "ses", "their", "leurs"}
_CLAUSE_BREAK = {"which", "that", "who", "qui", "que", "dont", "where", "ou", "but", "mais", ";", ":"}


def _drop_descriptors(words: list[str], toks) -> list[str]:
    """A list gap without a determiner + common noun ('le fabricant', 'the startup') before an item."""
    out, k = [], 0
    while k < len(words):
        if words[k] in _DETS and k + 1 < len(words) and toks[k + 1].text.isalpha() and toks[k + 1].text.islower() \
                and k + 2 == len(words):
            return out  # the descriptor ends the gap: the next item follows
        out.append(words[k])
        k += 1
    return out


def _drop_parenthesised(words: list[str]) -> list[str]:
    """A list gap without its short parenthesised remarks: '( tunisia ) , the' → ', the'."""
    out, depth, inner = [], 0, 0
    for w in words:
        if w == "(":
            depth, inner = depth + 1, 0
        elif w == ")" and depth:
            depth -= 1
        elif depth:
            inner += 1
            if inner > 6:
                return words  # a long aside is not a remark
        else:
            out.append(w)
    return words if depth else out


def _longest_cues(hits):
    out = []
    taken = bytearray(max((h[2] for h in hits), default=0) + 1)
    for h in sorted(hits, key=lambda h: (-(h[2] - h[1]), h[1])):
        if not any(taken[h[1]:h[2]]):
            taken[h[1]:h[2]] = b"\x01" * (h[2] - h[1])
            out.append(h)
    return sorted(out, key=lambda h: h[1])


def _sector_lists(sectors, f, connectors):
    groups = []
    for x in sorted(sectors):
        if groups:
            prev = groups[-1][-1]
            gap = f[prev[1]:x[0]]
            if len(gap) <= 3 and gap and all(g in connectors or g in ("-", '"', "\u201c", "\u201d", "«", "»") for g in gap):
                groups[-1].append(x)
                continue
        groups.append([x])
    return groups
