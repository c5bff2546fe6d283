"""Parse-based relation frames: spaCy's trained pipeline reads each sentence's dependency tree, and
frame rows (`table.py`, one JSON table per language) map trigger lemmas — verbs and nouns alike — and
their argument roles to SCHEMA relations between the mentions the name finder already found.

Data flow: `frame_candidates` picks the sentences with two or more named (or resolved) actors, parses
them in one `nlp.pipe` batch, finds triggers by lemma, and calls the handler of each trigger's mode
(`handlers.py`), which reads roles from the tree (`roles.py`). A token becomes an argument through
the mention that covers it, or, for a person who signs ("M. X, président du Cluster Y"), through the
organisation named in their title. Negated, modal, conditional and wished-for triggers give nothing.
"""
from __future__ import annotations

import re

from ecograph.ids import norm
from ecograph.model import allowed
from ecograph.name_keys import _PROGRAMME_WORDS

from ..types import Candidate
from .handlers import HANDLERS
from . import framework  # noqa: F401  (registers the under_programme handler)
from .parse import parse_sentences
from .name_table import veto
from .institutions import may_name_institution, with_institutions
from .attributes import demonym_edges
from .roles import OF, comma_before_apposition, group, hedged, is_list_gap, prep_objects, relative_antecedent
from .table import MODES, check_all, table

__all__ = ["demonym_edges", "frame_candidates", "is_list_gap", "may_name_institution", "parse_sentences", "veto",
           "with_institutions"]

check_all()
assert set(MODES) == set(HANDLERS), "every frame mode has exactly one handler"

METHOD = "frame"
_ACTOR_LABELS = ("Organisation", "Programme")
_PERSON_ENTS = {"PERSON", "PER"}


def frame_candidates(lang: str, sents, docs: dict, toks) -> list[Candidate]:
    """Relation candidates read from the parse (`docs`: sentence index -> Doc, see `parse.py`) of every
    sentence that names two actors or more."""
    tab = table(lang)
    if tab is None:
        return []
    by_words = {"by", "par"}
    out: list[Candidate] = []
    for n, doc in sorted(docs.items()):
        s = sents[n]
        if s.question or s.heading or len({id(x.m) for x in s.args if x.m.label in _ACTOR_LABELS}) < 2:
            continue
        reader = _Reader(s, doc, toks, tab)
        read = reader.read
        seen: set = set()
        for t in doc:
            for frame in tab.by_lemma.get(t.lemma_.lower(), ()) or tab.by_lemma.get(t.lower_, ()):
                if t.pos_ not in frame.pos or hedged(t, tab.hedge_modals, tab.hedge_heads) or \
                        not _modified_as_required(t, frame):
                    continue
                for src, tgt, *rtype in HANDLERS[frame.mode](t, frame, tab, by_words, read):
                    if frame.mode != "joint" and not rtype and any(y is tgt for y in reader.enumeration(src)):
                        continue  # items of one list are not each other's members, funders or hosts
                    c = _emit(frame, src, tgt, s, rtype[0] if rtype else None)
                    if c is None:
                        continue
                    ends = (id(c.source), id(c.target))
                    key = (c.type, *(sorted(ends) if c.type == "PARTNERS_WITH" else ends))
                    if key not in seen:
                        seen.add(key)
                        out.append(c)
    return out


def _modified_as_required(t, frame) -> bool:
    """A "lead partner" runs what a partner takes part in: the words on the trigger pick the row."""
    words = {c.lower_ for c in t.children}
    return (not frame.modifiers or bool(words & frame.modifiers)) and not words & frame.unless_modifiers


def _emit(frame, src, tgt, s, rtype: str | None = None) -> Candidate | None:
    if src.m is tgt.m or norm(src.m.text) == norm(tgt.m.text):
        return None
    if frame.target_labels and tgt.m.label not in frame.target_labels or \
            frame.source_labels and src.m.label not in frame.source_labels:
        return None
    types = (rtype,) if rtype else frame.types
    rtype = next((r for r in types if allowed(r, src.m.label, tgt.m.label)), None)
    if rtype is None:
        return None
    conf = frame.conf * (0.85 if src.coref or tgt.coref else 1.0)
    return Candidate(rtype, src.m, tgt.m, s.start, s.end, f"{METHOD}-{frame.name}", round(conf, 3))


_ANNOUNCE = re.compile(r"(?:(?:,\s*|\s)(?:à savoir|namely|including|notamment|such as|dont|parmi lesquels|"
                      r"parmi lesquelles)\s*:?|\s*:)\s*(?:(?:the|le|la|les|l['’])\s*)?", re.I)
# what may stand between the announcing word and the first item: the items' own common noun, itself
# announcing them (« dont des multinationales de référence comme A, B »)
_DESCRIPTOR = re.compile(r"\s*(?:(?:the|le|la|les|l['’]|des)\s*)?(?:[a-zà-ÿ-]{2,}\s+){0,3}"
                         r"(?:(?:comme|tels que|telles que|such as|like|including|notamment)\s+)?"
                         r"(?:(?:the|le|la|les|l['’])\s*)?")
_ANNOUNCE_REACH = 60  # characters between the noun and what announces its list
_DEFINITE = {"the", "le", "la", "l'", "l’"}
_CONJ = re.compile(r"\b(?:and|et|as well as|ainsi que)\b|&", re.I)
_INTRO = re.compile(r"(\w+)\W*(?:(?:the|le|la|les|l['’])\s*)?$", re.I)


def _without_bracketed(named: list, text: str) -> list:
    """The actors in the order written, less a name in brackets right after another one ("A (ACR) et B",
    "A (ACR, France), B"): the same actor's other name, which would break the list."""
    out = []
    for a, b, x in named:
        close = text.find(")", b, b + _BRACKET_TAIL)
        if out and text[out[-1][1]:a].strip() == "(" and close >= 0 and "(" not in text[b:close]:
            continue
        out.append((a, b, x))
    return out


_BRACKET_TAIL = 40  # what may follow the other name inside its brackets: ", France", ", Italie"


# what may stand before a list's first item without introducing it ("La A et B ont signé …")
_NO_INTRO = {"", "the", "le", "la", "les", "l", "a", "an", "un", "une", "et", "and"}


def _intro(before: str) -> str:
    """The word before a name, determiners skipped: 'to' in "according to the A"."""
    m = _INTRO.search(before)
    return m.group(1).lower() if m else ""


class _Reader:
    """Token of the parse -> the mentions (as engine Args) it stands for."""

    def __init__(self, s, doc, toks, tab):
        self.s, self.doc, self.tab = s, doc, tab
        spans = []
        for x in s.args:
            if x.m.label not in _ACTOR_LABELS:
                continue
            a, b = (toks[x.i].start, toks[x.j - 1].end) if x.coref else (x.m.start, x.m.end)
            spans.append((a - s.start, b - s.start, x))
        self.spans = spans
        # the actors in the order written, references included ("le ministère, A et B"), for the list
        # readers (built once per sentence)
        self.named = _without_bracketed(sorted(spans, key=lambda n: (n[0], n[1])), doc.text)
        self.person = {t.i for e in doc.ents if e.label_ in _PERSON_ENTS for t in e}

    def at(self, t) -> list:
        hits = [x for a, b, x in self.spans if a <= t.idx < b]
        if hits:
            named = [x for x in hits if not x.coref]
            return (named or hits)[:1]
        return []

    def read(self, tok, listed: bool = True) -> list:
        """The mentions tok stands for, with the names coordinated or listed with it (`listed=False`: the
        name written on a noun, which is one name even when the noun heads a list)."""
        if not listed:
            return self.mention(tok, 0)
        out = []
        for g in group(tok):
            for x in self.mention(g, 0):
                out.extend(y for y in self.enumeration(x) if all(y is not z for z in out))
        return out

    def enumeration(self, x) -> list:
        """x and the names listed with it, "A, B (BB), C et D": a long list is a chain the small
        pipelines parse as appositions and second subjects, while its surface is plain. The first item
        counts only when no other preposition introduces it ("According to A, B and C signed")."""
        named = self.named
        k = next((n for n, (_, _, y) in enumerate(named) if y is x), None)
        if k is None:
            return [x]
        lo = hi = k
        # a reference may open a list (« le ministère, A et B ») but not continue one: "A, B and the
        # cluster is …" starts a new clause
        while lo > 0 and not x.coref and not named[lo - 1][2].coref and \
                is_list_gap(self.doc.text[named[lo - 1][1]:named[lo][0]]):
            lo -= 1
        while hi + 1 < len(named) and not named[hi + 1][2].coref and \
                is_list_gap(self.doc.text[named[hi][1]:named[hi + 1][0]]):
            hi += 1
        first_intro = _intro(self.doc.text[:named[lo][0]])
        if lo < k and first_intro not in _NO_INTRO and first_intro != _intro(self.doc.text[:named[k][0]]):
            lo += 1
        gaps = [self.doc.text[named[n][1]:named[n + 1][0]] for n in range(lo, hi)]
        if not any(_CONJ.search(g) for g in gaps):
            return [x]  # "With support from A, the B trains …": a comma alone makes no list
        # a list ends at the name after its "and": "funded by A and B, the P programme …" is a list of two
        base = lo
        for n in range(base, hi):
            if _CONJ.search(gaps[n - base]):
                if k <= n + 1:
                    hi = n + 1
                    break
                lo = n + 1
        return [y for _, _, y in named[lo:hi + 1]]

    def _listed_after(self, t) -> list:
        """The names a plural common noun announces: "the clusters …, namely A, B and C", « les
        entreprises …, à savoir A, B et C », "three NGOs including A and B"."""
        if t.pos_ != "NOUN" or "Number=Plur" not in str(t.morph):
            return []
        text = self.doc.text
        m = _ANNOUNCE.search(text, t.idx + len(t.text))
        if m is None or m.start() - (t.idx + len(t.text)) > _ANNOUNCE_REACH:
            return []
        first = next(((a, y) for a, _, y in self.named if a >= m.end()), None)
        if first is None or not _DESCRIPTOR.fullmatch(text[m.end():first[0]]):
            return []  # only the item's own common noun may stand before it: « : l'incubateur numide A »
        return self.enumeration(first[1])

    def _consortium_parties(self, t, depth: int) -> list:
        """The parties a consortium is made of: "a consortium of A, B and C", « un consortium composé
        des entités suivantes : A, B et C » (a consortium acts through its parties, SCHEMA.md)."""
        tab = self.tab
        if t.pos_ != "NOUN" or t.lemma_.lower() not in tab.consortium_nouns:
            return []
        heads = [t] + [c for c in t.children if c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in tab.made_of]
        return [x for h in heads for o in prep_objects(h, OF | {"by", "par"}) for x in self.mention(o, depth + 1)]

    def _detached_apposition(self, t):
        """'avec son homologue français, le Pôle Q': a noisy tree hangs the name beside the noun, not under it."""
        doc, k = self.doc, t.right_edge.i + 1
        if t.pos_ != "NOUN" or k + 1 >= len(doc) or doc[k].text != ",":
            return None
        k += 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        if k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].head.i == t.head.i:
            return doc[k]
        return None

    def _contained(self, t, depth: int) -> list:
        """What a container noun ("the first edition of P", « le volet libanais ») is a part of: its "of"
        object, or the antecedent of « dont » (« P …, et dont le volet libanais est mis en œuvre par B »)."""
        inner = [x for o in prep_objects(t, OF) for x in self.mention(o, depth + 1)]
        whose = [relative_antecedent(c) for c in t.head.children if c.lower_ == "dont"]
        return inner + [x for a in whose if a is not None for x in self.mention(a, depth + 1)]

    def _apposed_after_comma(self, t) -> list:
        """The name before ", <noun>" when the noun has no definite determiner: a bare or indefinite
        apposition the tree left unattached."""
        k = comma_before_apposition(t, self.tab.indefinites)
        return self.at(self.doc[k - 1]) if k is not None else []

    def _is_title(self, t) -> bool:
        """A signatory's post: "President", « directeur »."""
        return t.lemma_.lower() in self.tab.signatory_nouns or t.lower_ in self.tab.signatory_nouns

    def _named_after(self, t) -> list:
        """The name right after a definite common noun: « le projet P », "the project P"."""
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in t.children):
            return []
        for c in t.children:
            if c.i > t.i and c.dep_ in ("flat", "flat:name", "nmod", "appos", "compound") and _next_to(t, c) \
                    and (c.pos_ == "PROPN" or c.text[:1].isupper()) and not any(k.dep_ == "case" for k in c.children):
                hit = self.at(c)
                if hit:
                    return hit
        return []

    def _named_beside(self, t) -> list:
        """The name written beside a common noun, after it or before it."""
        for c in t.children:  # "l'association Kappa", "the startup Nexa": the name follows a common noun
            if c.dep_ in ("compound", "flat", "flat:name", "nmod", "appos", "amod") and _next_to(t, c) \
                    and (c.pos_ == "PROPN" or c.text[:1].isupper()) and not any(k.dep_ == "case" for k in c.children):
                hit = self.at(c)
                if hit:
                    return hit
        for c in t.children:  # "the Kappa Furniture City company": the name before a common noun
            # ("the ‘Scale-up Pass for Clusters’ project": a quoted name the tree hangs as a modifier)
            # (the common nouns a name before them is the name of: `name_keys._PROGRAMME_WORDS`)
            # (a quoted coined name may be tagged an adjective: "the “Nahda” programme")
            if (c.dep_ == "compound" or c.dep_ == "nmod" and t.lemma_.lower() in _PROGRAMME_WORDS) and \
                    (c.pos_ == "PROPN" or c.text[:1].isupper()) and t.i - 6 <= c.i < t.i and t.pos_ == "NOUN":
                hit = self.at(c)
                if hit:
                    return hit
        return []

    def mention(self, t, depth: int) -> list:
        hit = self.at(t)
        if hit:
            return hit
        if t.dep_ == "appos" and t.pos_ == "NOUN" and depth < 2:
            # « A, le projet P, cofinancé … »: a definite noun with its own name after it is that name;
            # "P, an Interreg project coordinated by Y": P is meant
            return self._named_after(t) or self.mention(t.head, depth + 1)
        hit = self._named_beside(t)
        if hit:
            return hit
        if depth >= 2:
            return []
        listed = self._listed_after(t)
        if listed:
            return listed  # "six clusters joined P, namely A, B and C"
        tab = self.tab
        parties = self._consortium_parties(t, depth)
        if parties:
            return parties  # "run by a consortium composed of A, B and C": the parties act
        if t.lemma_.lower() in tab.container_nouns or t.lower_ in tab.container_nouns:
            inner = self._contained(t, depth)
            if inner:
                return inner
        if t.dep_ == "nmod" and t.head.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in tab.amount_nouns:
            return self.mention(t.head, depth)  # "a programme of six million euros launched by A": the tree
            # hangs the participle on the amount
        appos = [x for c in t.children if c.dep_ == "appos" and c.i > t.i for x in self.mention(c, depth + 1)]
        if appos and t.pos_ == "NOUN":
            return appos  # "its French counterpart, Q": the name in apposition
        detached = self._detached_apposition(t)
        if detached is not None:
            return self.mention(detached, depth + 1)
        before = self._apposed_after_comma(t)
        if before:
            return before  # « le PASKO, programme financé par A », « P, un nouveau programme lancé par A »
        subject = _copula_subject(t)
        if subject is not None:
            return self.mention(subject, depth + 1)  # "P is a programme developed by X": P is meant
        # a signatory stands for the organisation in their title: "M. X, président du Cluster Y"
        titles = [t] if self._is_title(t) else []
        if t.i in self.person or t.pos_ in ("PROPN", "NOUN") or titles:
            titles += [c for c in t.children if c.dep_ == "appos" and self._is_title(c)]
        if titles and t in titles:
            # "Director of A, Dr. X, and President of B, Dr. Y, signed …": the tree hangs the second
            # title on the first one's name, as its conjunct
            titles += [k for c in t.children if c.dep_ == "appos" and c.i > t.i for k in c.conjuncts
                       if k.i > c.i and self._is_title(k)]
        return [x for title in titles for o in prep_objects(title, tab.signatory_preps)
                for x in self.mention(o, depth + 1)]


def _next_to(noun, c) -> bool:
    """Whether the name c follows the common noun within two words, or after adjectives and an opening
    quote: « l'Agence technique allemande “Kelvo” », "the national agency 'Orvalis'"."""
    if 0 < c.i - noun.i <= 2:
        return True
    between = noun.doc[noun.i + 1:c.i]
    return 0 < len(between) <= 4 and all(w.pos_ == "ADJ" or w.is_quote or w.text == "(" for w in between)


def _copula_subject(t):
    """The subject a common noun is predicated of: "P is a programme …" (English: the noun is the
    copula's attribute), « P est un programme … » (French: the copula hangs under the noun)."""
    if t.pos_ != "NOUN":
        return None
    if t.dep_ == "attr" and t.head.lemma_ == "be":
        subj = [c for c in t.head.children if c.dep_ == "nsubj"]
    elif any(c.dep_ == "cop" for c in t.children):
        subj = [c for c in t.children if c.dep_ == "nsubj"]
    else:
        return None
    # (a common-noun subject counts through the name it carries: « le programme « X » est un programme … »)
    return subj[0] if subj and subj[0].pos_ in ("PROPN", "NOUN") else None
