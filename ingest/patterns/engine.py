"""The Engine core: argument lists, subjects, hedges, emit, and the pass over the document.

For each sentence, `run()` buckets the cue, hedge and misc matches, calls the handler of
each cue's mode (`relations.py`) and the structure-only patterns (`relations.py`,
`places.py`). The handlers find their arguments with `left_group` / `right_list` /
`subject` here and hand edges to `emit`, which applies the SCHEMA's label rules.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ecograph.ids import norm

from ..gazetteers import nlp
from ecograph.kinds import classify
from ..types import Candidate, Mention
from .lexicon import Arg, Sent, _matchers, lexicon
from .clauses import ClausePatterns
from .places import PlacePatterns
from .relations import RelationPatterns
from .sentence_facts import SentenceFacts
from .words import (_OPEN_QUOTES, _OPENING_DETS, _APPOS_DET, _APPOSED_NOUNS, _CLOSE_QUOTES, _DETS, _PARTICIPLE, _SUBJECTLESS_PREPS, _GENERIC_PLURALS, _HEADS, _MONTHS, _PROGRAMME_WORDS,
                    _TIME_INTRO, _YEAR)


class Engine(RelationPatterns, SentenceFacts, ClausePatterns, PlacePatterns):
    """Relation candidates of one document: the core here, the patterns from the two mixins."""

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
        if rtype in ("RUNS", "PARTICIPATES_IN") and tgt.m.label == "Organisation" and not tgt.coref and \
                (tgt.m.kind is None or tgt.m.kind == "support" and classify(tgt.m.text)[0] is None):
            # (a kind read from the context, "SeaLink, an accelerator that X runs", yields to the verb)
            self.relabel[tgt.m.text] = "Programme"
            tgt.m.label = "Programme"
            tgt.m.kind = "event" if any(w in method for w in ("exhib", "presence", "stand")) else None
        if rtype == "MEMBER_OF" and tgt.m.label == "Programme" and src.m.label == "Organisation":
            rtype = "PARTICIPATES_IN"  # "the P project brings together A and B": a programme's members take part
        if rtype in ("RUNS", "PARTICIPATES_IN") and tgt.m.label != "Programme":
            return  # SCHEMA: one runs or takes part in a programme; "X has managed the Y cluster" is no edge
        if rtype == "PARTNERS_WITH" and "Programme" in (src.m.label, tgt.m.label):
            return  # SCHEMA: organisations partner; "Organised by A in collaboration with B, the P forum …" runs P
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
                k += 1  # "dont les poteries Nabeul Argile": a common noun before the name
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
            raw = self.f[max(cur.ext, cur.j):nxt.i]
            if "," in raw and any(g in _PROGRAMME_WORDS for g in raw) and not any(g in ("and", "et") for g in raw):
                break  # "with A, the project P, co-funded …": P is the clause's object, not a second partner
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
                return self._with_coactors(self._left_list(s, self._unit_holding(s, a) or a)), 1.0
            w = self.f[k]
            if w in lex.LEFT_FILLER or w in lex.PASSIVE_AUX or w in _CLOSE_QUOTES:
                k -= 1  # (« le projet « X » est mis en œuvre par … »: the quote closes the subject's name)
                fill += 1
                continue
            head = self._apposition_head(s, k)
            if head is not None:  # "X, a three-year project financed by Y": the apposition's head
                return self._with_coactors([head]), 0.85
            # (« P, soutenu par A, et mis en œuvre par B »: a verb right after "et" shares the clause's subject,
            # whatever names the first verb's phrase holds)
            if w in lex.COORD_AUX and (fill > 0 or self.f[q] in lex.PASSIVE_AUX or self.f[q] in lex.LEFT_FILLER
                                       or k == q - 1 and self._second_passive(s, q)):
                coord = True
                k -= 1
                continue
            if w == ",":
                found = self._left_group_at_comma(s, k)
                if found is not None:
                    return found
            break
        return self._left_group_of_subject(s, q, coord)

    def _unit_holding(self, s: Sent, a: Arg) -> Arg | None:
        """The unit whose body `a` is: "the Faculty of Engineering of Orvalis University joined …" is the
        faculty's act (`names.UNIT_HEADS`)."""
        k = a.i - 1
        while k > s.a and self.f[k] in ("the", "la", "le", "l'"):
            k -= 1
        if k <= s.a or self.f[k] not in ("of", "de", "du", "d'"):
            return None
        u = self._arg_ending(s, k)
        return u if u is not None and self._is_unit(u) else None

    def _left_group_at_comma(self, s: Sent, k: int) -> tuple[list[Arg], float] | None:
        """`left_group` when walking back from the cue meets a comma at k: the name before it
        (with its list and co-actors), or None when there is none."""
        a = self._arg_ending(s, k) or (self._arg_ending(s, k - 1) if self.f[k - 1] in _CLOSE_QUOTES else None)
        before = self._apposed_subject(s, k)
        if a is not None and before is not None:
            return self._with_coactors(self._left_list(s, before)), 0.9  # « X, membre du réseau Y, organise »
        if a is not None:  # "X, in partnership with Y": the apposition's head
            return self._with_coactors(self._left_list(s, a)), 0.95
        # "X, <inserted phrase>, CUE": skip back over the insert to the mention before it
        j = k - 1
        while j > s.a and self.f[j] != ",":
            j -= 1
        inside = [x for x in s.args if j < x.i and x.j <= k and not x.coref]
        if j > s.a and inside and self.f[j + 1] in _APPOS_DET:
            return [inside[-1]], 0.9  # "…, the Nova project, co-funded by B": the phrase names what the cue is about
        if j > s.a and k - j <= 22:
            a = self._arg_ending(s, j)
            if a is not None:
                grp = self._left_list(s, a)
                for c in self.coactors.get(id(a), []):
                    if c not in grp:
                        grp.append(c)
                return grp, 0.85
        return None

    def _left_group_of_subject(self, s: Sent, q: int, coord: bool) -> tuple[list[Arg], float]:
        """`left_group` when no name stands right before the cue at q: the sentence's subject
        (with its co-actors) when nothing between it and the cue claims the cue, else none."""
        lex = self.lex
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
        for k in [t for t in range(after, min(s.b, after + 25)) if self.f[t] == ","][:3]:
            # the first comma that a name follows; an inserted phrase (", avec l'appui de X et Y,") is skipped
            k += 1
            while k < s.b and (self.f[k] in _APPOS_DET or self.f[k] in _PROGRAMME_WORDS or self.f[k] in _OPEN_QUOTES) \
                    and self._arg_at(s, k) is None:
                k += 1  # "…, le projet Blue Skills …": the name after its common noun (or its opening quote)
            a = self._arg_at(s, k)
            if a is not None:
                return a
        return None

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
        if head is not None and self._in_opening_phrase(s, head):
            return None  # "Held alongside the X Expo, the event was organised by …": a fronted phrase's name
        if head is None and self.f[m - 1] == ")":  # "MedLink (2021–2024), an EU-funded project"
            o = next((t for t in range(m - 2, max(s.a, m - 8), -1) if self.f[t] == "("), None)
            head = self._arg_ending(s, o) if o is not None else None
        return head

    def _in_opening_phrase(self, s: Sent, x: Arg) -> bool:
        """x sits in a phrase that opens the sentence ("Held alongside X, …", "In partnership with X, …"):
        the sentence starts on a word that is neither a determiner nor a name, then a lower-case word."""
        a = s.a
        return x.i > a + 1 and self._arg_at(s, a) is None and self.f[a] not in _DETS and \
            self.f[a] not in _OPENING_DETS and \
            self.toks[a].cap and not self.toks[a + 1].cap and not any(self.f[t] == "," for t in range(a, x.i))

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
        conjoined = False
        while True:
            prev = max((x for x in s.args if max(x.ext, x.j) <= cur.i), key=lambda x: x.j, default=None)
            if prev is None or prev.coref != cur.coref:
                break  # "A, B and the cluster": a reference is never an item of a named list
            gap = self.f[max(prev.ext, prev.j):cur.i]
            if not gap or len(gap) > 4 or not all(g in self.lex.LIST_CONNECTORS for g in gap) \
                    or not any(g in (",", "and", "et", "&") for g in gap):
                break
            if self._introduced(s, prev) and not self._introduced(s, cur):
                break  # "With funding from A, the B launched P": A is no subject beside B
            out.insert(0, prev)
            conjoined = conjoined or any(g in ("and", "et", "&") for g in gap)
            cur = prev
        # names joined by commas alone are no list: "…, with A, the project P, co-funded by B" (P alone)
        return out if conjoined else [last]

    def _second_passive(self, s: Sent, q: int) -> bool:
        """« P est soutenu par A … et mis en œuvre par B »: a participle after "et" whose clause's main verb
        is a passive one ("est soutenu"), so both share the clause's subject. ("X concluded P, implemented
        by A and funded by B": the participles describe P, not X.)"""
        if _PARTICIPLE.fullmatch(self.toks[q].text) is None:
            return False
        return any(self.f[t] in self.lex.PASSIVE_AUX and _PARTICIPLE.fullmatch(self.toks[t + 1].text)
                   for t in range(s.a, q - 1))

    def _apposed_subject(self, s: Sent, k: int) -> Arg | None:
        """X in "X, member of the Y network, CUE" (k: the comma before the cue): the insert between
        two commas opens on a membership or part noun, so its name is not the subject."""
        j = k - 1
        while j > s.a and self.f[j] != ",":
            j -= 1
        if j <= s.a or k - j > 22:
            return None
        if self.f[j + 1] in ("a", "an", "un", "une"):
            return self._arg_ending(s, j)  # "X, a startup incubated at Y, won …": an apposition about X
        m = j + 1
        while m < k and self.f[m] in _DETS:
            m += 1
        if m + 1 < k and _PARTICIPLE.fullmatch(self.toks[m].text) and self.f[m + 1] in _SUBJECTLESS_PREPS:
            return self._arg_ending(s, j)  # "X, affiliated to the Y council, signed …": Y is no signatory
        if m >= k or self.f[m] not in _APPOSED_NOUNS:
            return None
        return self._arg_ending(s, j)

    def _introduced(self, s: Sent, x: Arg) -> bool:
        """Whether a preposition introduces the mention ("from A", « par l'Agence A »)."""
        k = x.i - 1
        while k >= s.a and self.f[k] in _DETS:
            k -= 1
        return k >= s.a and self.f[k] in _SUBJECTLESS_PREPS

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
            self._unit_of(s)
            self._owner_of(s)
            self._place_patterns(s)
            self._x_based(s)
            self._sector_patterns(s, hits)
        return self.out


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
