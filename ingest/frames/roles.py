"""Argument roles read from a dependency tree, for both annotation schemes the pipelines use
(English: ClearNLP labels, `prep`/`pobj`, `agent`, `nsubjpass`; French: Universal Dependencies,
`case` under the noun, `obl:agent`, `nsubj:pass`). Each reader returns tokens; `Mentions` turns a
token into the named mention (or the resolved reference) that covers it.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

SUBJ = {"nsubj", "csubj"}
SUBJ_PASS = {"nsubjpass", "nsubj:pass"}
OBJ = {"dobj", "obj"}
AUX_PASS = {"auxpass", "aux:pass"}
MODIFIER_CLAUSE = {"acl", "amod", "relcl", "acl:relcl"}  # "the project funded by X", "X, which funds Y"
RELATIVE = {"which", "that", "who", "qui", "que", "lequel", "laquelle"}
OF = {"of", "de", "du", "des", "d'"}                            # "member of X", "la phase de P"
BETWEEN = {"between", "among", "amongst", "entre", "parmi"}     # the named parties of a joint act
# adjectives of gladness through which an infinitive states a fact and takes the subject: "A is proud
# to partner with B", « A est ravie de participer à P » (not "keen", "eager", "ready": wishes)
GLAD = {"delighted", "pleased", "proud", "happy", "glad", "honoured", "honored", "thrilled",
        "ravi", "ravie", "ravis", "ravies", "heureux", "heureuse", "heureuses", "fier", "fière", "fiers", "fières",
        "honoré", "honorée", "honorés", "honorées", "enchanté", "enchantée", "enchantés", "enchantées"}
# what separates the items of a list of names: "A, B (BB), C et D", "A as well as the B"
LIST_GAP = re.compile(r"(?i:(?:\s|,|;|&|\band\b|\bet\b|\bas well as\b|\bainsi que\b|\bthe\b|\ble\b|\bla\b|\bles\b"
                       r"|\bl['’]|\([^()]{1,30}\))*(?:,|\band\b|\bet\b|&|\bainsi que\b|\bas well as\b)"
                       r"(?:\s|\bthe\b|\ble\b|\bla\b|\bles\b|\bl['’])*)"
                       # « … et l'incubateur français B »: the next item's own common noun and adjective
                       r"(?:(?<=[ '’])(?!(?:of|de|du|des|d)\b)[a-zà-ÿ-]{3,}"
                       r"(?:\s+(?!(?:of|de|du|des|d)\b)[a-zà-ÿ-]{3,})?\s+)?")


# what a signing ceremony puts after each party: « A, représentée par son recteur X, et B, représenté par Y »
_REPRESENTED = re.compile(r",\s*(?:represented|représentée?s?)\s+(?:by|par)\s+[^;()]{1,120}?,", re.I)
_QUOTES = re.compile(r"[«»\"“”]")


def is_list_gap(text: str) -> bool:
    return LIST_GAP.fullmatch(_QUOTES.sub(" ", _REPRESENTED.sub(",", text))) is not None


NEGATION = {"not", "n't", "never", "no", "pas", "jamais", "ne", "n'", "aucun", "aucune", "nullement"}


def is_passive(t: Token) -> bool:
    if any(c.dep_ in SUBJ_PASS or c.dep_ in AUX_PASS or c.dep_ in ("agent", "obl:agent") for c in t.children):
        return True
    if any(c.dep_ in ("aux", "aux:tense") for c in t.children) or not _past_participle(t):
        return False  # "… qui ont rejoint P": a compound tense of an active verb in a relative clause
    if any(c.dep_ in SUBJ for c in t.children):
        # "P, financé par A et conduit par B, …": a participle with no auxiliary has no subject of its
        # own; the tree that gives it one (P) misreads a passive whose agent is marked by/par
        return bool(prep_objects(t, _BY))
    if t.dep_ in MODIFIER_CLAUSE:
        return True
    if t.dep_ == "advcl" and t.i == t.sent.start and t.head.i > t.i:
        return True  # "Funded through A, the P incubator opened …": a participle that opens the sentence
    if t.dep_ == "conj" and t.head.i != t.i and t.head.pos_ in ("VERB", "AUX") and is_passive(t.head):
        return True  # « P est financé par A et mis en œuvre avec l'appui de B »: the auxiliary is shared
    # "P, financé par A et conduit par B": a noisy tree hangs the second participle on the noun, makes
    # it the root, or coordinates it with the first; a bare participle with a by/par agent is passive
    return bool(prep_objects(t, _BY))


_BY = {"by", "par"}


def _past_participle(t: Token) -> bool:
    return t.tag_ == "VBN" or "VerbForm=Part" in str(t.morph) and "Tense=Past" in str(t.morph) \
        and t.lower_.endswith(_PARTICIPLE_ENDINGS)


def _conj_root(t: Token) -> Token:
    """The first item of the coordination t belongs to."""
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t


# French past participles end so; the small pipeline tags some present forms ("regroupe") as participles
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "t", "te", "ts", "tes",
                       "s", "se", "ses")


def _agent_of(n: Token) -> Token | None:
    """The passive verb n is the by/par agent of, if it is one."""
    while n.dep_ in ("nmod", "flat", "flat:name", "compound", "appos") and n.head.i != n.i and \
            not any(c.dep_ == "case" for c in n.children):
        n = n.head  # "par l'Agence Kappa": the name's last word hangs under its noun
    h = n.head
    if n.dep_ == "pobj" and h.dep_ == "agent" or n.dep_ == "pobj" and h.lower_ in _BY:
        h = h.head
    elif not (n.dep_ == "obl:agent" or any(c.dep_ == "case" and c.lower_ in _BY for c in n.children)):
        return None
    return h if h.i != n.i and h.pos_ in ("VERB", "AUX") and is_passive(h) else None


def _fronted_for(t: Token) -> list[Token]:
    """"Launched in 2019 and funded by A, the P programme trains …", « Cofinancé par A, ce programme
    … »: a participial clause that opens the sentence describes the main clause's subject."""
    first = _conj_root(t)
    main = first.head
    if first.i > t.sent.start + 1:
        return []
    if first.dep_ == "advcl" and main.i > first.i:
        return [c for c in main.children if c.dep_ in SUBJ or c.dep_ in SUBJ_PASS]
    if first.dep_ != "ROOT":
        return []
    # a tree that makes the participle its root: the subject is the common noun after the first comma
    # that a determiner opens (« …, le programme P soutient … »), not a name of the agent list
    doc = t.doc
    for k in range(t.i + 1, t.sent.end - 2):
        if doc[k].text == "," and doc[k + 1].pos_ == "DET" and doc[k + 2].pos_ == "NOUN" and \
                doc[k + 2].text.islower():
            named = [w for w in doc[k + 3:k + 5] if w.text[:1].isupper()][:1]
            return named or [doc[k + 2]]  # the name after the noun, when the tree hangs the noun elsewhere
    # « Financé par A, "P", un accélérateur, … »: a quoted name after the comma (the parser may end the
    # sentence at the quote); a bare name there may be the agent list's next item, a quoted one is not
    for k in range(t.i + 1, min(len(doc), t.i + _FRONTED_REACH) - 2):
        if doc[k].text == "," and doc[k + 1].text in _OPEN_QUOTES and doc[k + 2].text[:1].isupper():
            return [doc[k + 2]]
    return _subject_before_verb(t)


def _subject_before_verb(t: Token) -> list[Token]:
    """« Organisé par A, le Forum P a réuni … »: the name a determiner opens after the last comma before the
    main clause's finite verb (not an agent list's next item, « par A, la Banque B et C, le forum a … »)."""
    doc = t.doc
    verb = next((w for w in doc[t.i + 1:min(t.sent.end, t.i + _FRONTED_REACH + 8)]
                 if w.pos_ in ("VERB", "AUX") and "VerbForm=Fin" in str(w.morph)), None)
    if verb is None:
        return []
    comma = next((k for k in range(verb.i - 1, t.i, -1) if doc[k].text == ","), None)
    if comma is None or comma + 2 >= verb.i or doc[comma + 1].pos_ != "DET" or \
            any(w.lower_ in ("et", "and") for w in doc[comma + 1:verb.i]):
        return []
    return [doc[comma + 2]] if doc[comma + 2].text[:1].isupper() else []


_FRONTED_REACH = 14  # tokens from a fronted participle to the comma that ends its clause
_OPEN_QUOTES = {'"', "«", "“", "‘"}


def _apposed_to(t: Token) -> list[Token]:
    """The name a participial phrase stands beside when the tree lost it: "P, funded by A and run by B,
    …" — the word before the comma that opens the phrase, with no finite verb between."""
    doc = t.doc
    for k in range(t.i - 1, t.sent.start, -1):
        w = doc[k]
        if w.pos_ in ("VERB", "AUX") and ("VerbForm=Fin" in str(w.morph) or "Mood=" in str(w.morph)):
            return []
        if w.text == "," and _past_participle(doc[k + 1]):  # the comma that opens the phrase
            before = doc[k - 1]
            return [before] if before.pos_ in ("PROPN", "NOUN") else []
    return []


def prep_objects(t: Token, words) -> list[Token]:
    """Objects of the prepositions `words` under t: English `prep`/`agent` + `pobj`, French `case`."""
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in words:  # ("provided a loan to X": dative)
            # "a member of A and of B": the second preposition is coordinated with the first
            for prep in (c, *[k for k in c.conjuncts if k.lower_ in words]):
                out.extend(_meant(p) for p in prep.children if p.dep_ in ("pobj", "pcomp"))
        elif c.dep_.startswith(("obl", "nmod")) or c.dep_ in ("obj", "iobj", "conj"):
            case = [x for x in c.children if x.dep_ == "case" and x.i < c.i]
            if case and (case[0].lower_ in words or " ".join(x.lower_ for x in case) in words):
                out.append(_meant(c))
    return [o for o in out if o is not None]


def _meant(t: Token) -> Token | None:
    """A preposition's object, or the noun it stands for when it is a relative pronoun: "P, with which
    A signed an agreement", « P, avec lequel A a signé un accord »."""
    return relative_antecedent(t) if t.lower_ in RELATIVE else t


def relative_antecedent(pron: Token) -> Token | None:
    """The noun a relative pronoun stands for, past coordinated clauses: "P, which benefits from A and
    which is implemented by B" (the second clause hangs on the first, the first on P)."""
    v = pron.head
    if v.pos_ == "ADP" and v.head.i != v.i:
        v = v.head  # "with which": the clause's verb is the preposition's head
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head
    return v.head if v.dep_ in MODIFIER_CLAUSE and v.head.i != v.i else None


def comma_before_apposition(noun: Token, indefinites) -> int | None:
    """The comma before a bare or indefinite noun in apposition, past its adjectives: « le PASKO, programme
    financé par A », "P, a new programme launched by A" (the name is just before the comma)."""
    if noun.pos_ != "NOUN" or any(d.dep_ == "det" and d.lower_ not in indefinites for d in noun.children):
        return None
    k = noun.i - 1
    while k > 0 and (noun.doc[k].pos_ == "ADJ" or noun.doc[k].lower_ in indefinites):
        k -= 1
    return k if k >= 1 and noun.doc[k].text == "," else None


def _glad_subject(t: Token) -> list[Token]:
    """The subject of "A is proud to …", « A est ravie de … » for the infinitive t."""
    h = t.head
    if t.dep_ != "xcomp" or h.lower_ not in GLAD:
        return []
    if h.dep_ == "acomp":
        h = h.head
    return [c for c in h.children if c.dep_ in SUBJ or c.dep_ in SUBJ_PASS]


def agents(t: Token, by_words) -> list[Token]:
    """Who does t: its subject (active), or the by/par agent (passive); a coordinated or purpose verb
    without a subject of its own takes its governor's ("A and B signed … to organise C")."""
    glad = _glad_subject(t)
    if glad and not is_passive(t):
        return glad
    if is_passive(t):
        out = [c for c in t.children if c.dep_ == "obl:agent"]
        for c in t.children:
            if c.dep_ == "agent":
                out.extend(p for p in c.children if p.dep_ == "pobj")
        return out or prep_objects(t, by_words)
    subj = [c for c in t.children if c.dep_ in SUBJ]
    if subj:
        if subj[0].lower_ in RELATIVE:
            meant = relative_antecedent(subj[0])
            return [meant] if meant is not None else []
        return subj
    if t.dep_ == "xcomp" and t.head.pos_ in ("VERB", "AUX"):
        # "A enabled B to join C", "A a permis au B de rejoindre C": the object does it, not A
        objs = [c for c in t.head.children if c.dep_ in ("dobj", "obj", "iobj", "dative")] + \
            [c for c in t.head.children if c.dep_.startswith("obl") and
             any(k.dep_ == "case" and k.lower_ in ("à", "au", "aux") for k in c.children)]
        if objs:
            return objs
    if t.dep_ in ("conj", "xcomp", "advcl") and t.head.pos_ in ("VERB", "AUX"):
        return agents(t.head, by_words) if not is_passive(t.head) else []
    if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN") and "VerbForm=Inf" not in str(t.morph) and \
            not any(c.dep_ == "mark" for c in t.children):
        return [t.head]  # "the consortium bringing together A and B", a misparsed « le consortium regroupe A »
    return []


def patients(t: Token) -> list[Token]:
    """What t is done to: its object (active), its passive subject, or the noun a participle modifies."""
    if is_passive(t):
        out = [c for c in t.children if c.dep_ in SUBJ_PASS] or [c for c in t.children if c.dep_ in SUBJ]
        if out and out[0].lower_ in RELATIVE:
            meant = relative_antecedent(out[0])
            out = [meant] if meant is not None else []
        if not out and t.dep_ in MODIFIER_CLAUSE:
            out = [t.head]
        if not out and t.dep_ == "conj":
            first = _conj_root(t)
            earlier = _agent_of(first)
            if earlier is not None:
                out = patients(earlier)  # « P, mis en œuvre par A et financé par B »: A is no patient
            elif first.pos_ in ("NOUN", "PROPN"):
                out = [first]  # « le programme P, financé par A et conduit par B »: the tree's noun
            elif first.dep_ in MODIFIER_CLAUSE and _past_participle(first):
                out = [first.head]
        if not out:
            out = _apposed_to(t) or _fronted_for(t) or _glad_subject(t)
        if not out and t.dep_ in ("conj", "acomp", "xcomp", "oprd"):
            # "P est financé par A et cofinancé par B"; "P is co-funded by A" (a participle as complement)
            out = [c for c in t.head.children if c.dep_ in SUBJ_PASS or c.dep_ in SUBJ and t.dep_ != "conj"]
        return out
    return [m for m in (_meant(c) for c in t.children if c.dep_ in OBJ) if m is not None]


def governor(noun: Token) -> Token | None:
    """The verb (or the preposition's verb) a noun depends on: 'X signed [an agreement]', 'with [funding] from'."""
    h = noun.head
    if h.i == noun.i:
        return None
    if h.dep_ in ("prep",) and h.head.i != h.i:
        return h.head if h.head.pos_ in ("VERB", "AUX") else None
    return h if h.pos_ in ("VERB", "AUX") else None


def group(t: Token) -> list[Token]:
    """t and the tokens coordinated with it ("A, B and C")."""
    return [t, *[c for c in t.conjuncts if c.pos_ in ("PROPN", "NOUN", "PRON", "X", "ADJ", "NUM")]]


def _is_hedge_head(t: Token, heads) -> bool:
    """A wish/plan verb above the trigger, by lemma or, since the lemmatizer misreads some ("hopes" ->
    "hop"), by its form with one inflection stripped; nouns ("plant", "track") never count."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    if t.lemma_.lower() in heads:
        return True
    w = t.lower_
    stems = {w} | {w[:-len(e)] for e in ("ing", "ed", "es", "s", "d") if w.endswith(e) and len(w) > len(e) + 2}
    return any(h in stems or h[:-1] in stems and h[-1] in "ey" for h in heads)


def hedged(t: Token, modals, heads) -> bool:
    """Negated, modal, conditional, wished-for or asked: 'did not sign', 'could fund', 'hopes to join',
    'Is X funded by Y?'."""
    if any(x.text == "?" for x in t.sent):
        return True
    for o in t.children:  # "No agreement was signed …", « aucun accord n'a été signé »
        if o.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass") and \
                any(d.dep_ == "det" and d.lower_ in ("no", "aucun", "aucune") for d in o.children):
            return True
    cur, seen = t, 0
    while seen < 6:
        for c in cur.children:
            if c.dep_ == "neg" or c.lower_ in NEGATION and c.dep_ in ("advmod", "neg", "det"):
                return True
            if c.dep_.startswith("aux") and c.lemma_.lower() in modals:
                return True
        if "Mood=Cnd" in str(cur.morph) or cur.i != t.i and _is_hedge_head(cur, heads):
            return True
        if cur.dep_ in ("xcomp", "ccomp", "conj", "advcl", "acl", "dobj", "obj", "pobj", "prep", "nsubj",
                        "nsubjpass", "nsubj:pass", "attr", "obl", "obl:arg", "nmod") and cur.head.i != cur.i:
            if cur.head.lemma_.lower() in modals:
                return True
            cur = cur.head
            seen += 1
            continue
        break
    return False
