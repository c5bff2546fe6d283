"""One handler per frame mode, registered by name: each reads its roles from the tree and returns
(source Arg, target Arg) pairs; `__init__.emit` applies the SCHEMA's label rules."""
from __future__ import annotations

from itertools import combinations
from typing import Callable

from spacy.tokens import Token

from .roles import BETWEEN, OF, agents, comma_before_apposition, governor, hedged, is_passive, patients, prep_objects
from .table import Frame, FrameTable

HANDLERS: dict[str, Callable] = {}


def handler(mode: str):
    def register(fn):
        HANDLERS[mode] = fn
        return fn
    return register


def role_tokens(role: str, t: Token, frame: Frame, tab: FrameTable, by_words) -> list[Token]:
    if role == "agent":
        return agents(t, by_words)
    if role == "patient":
        return patients(t)
    if role == "holder":
        return holders(t, frame, by_words)
    if role == "self":
        return own_name(t) or ([t] if _apposed_to_a_name(t, tab) or _name_opener(t) else [])
    if role == "poss":
        owners = [c for c in t.children if c.dep_ in ("poss", "nmod:poss") and c.lower_ not in tab.possessives]
        return owners + _pronoun_owner(t, tab, by_words) + _leading_acronym(t)  # "X's programme"
    words = set(role[5:].split(","))
    out = []
    found = [o for o in prep_objects(t, words) if not _a_date(o)]  # ("In 2021, A invested … in B")
    if not found and t.pos_ == "VERB":
        # « a accordé un prêt de 50 M€ à la Banque X », "invested EUR 5 million in P": the tree hangs the
        # recipient on the object (an object noun of the frame, or an amount)
        found = [o for c in t.children if c.dep_ in ("dobj", "obj") and
                 (c.lemma_.lower() in frame.object or _amount(c)) for o in prep_objects(c, words)]
    for o in found:
        if _counted_money(o, tab):
            out += prep_objects(o, words)  # "a grant of EUR 2 million from X", « subvention de 2 MDH du Y »
        else:
            out.append(o)  # "to two Kelvo Institute projects": counted things, not an amount
    return out


def _a_date(o: Token) -> bool:
    """A year or a date the parser tagged so: when something happened, never a party to it."""
    return o.ent_type_ in ("DATE", "TIME") or o.text.isdigit() and len(o.text) == 4


def _counted_money(o: Token, tab: FrameTable) -> bool:
    """An amount of money: a number, or a currency or amount word with its number ("2 MDH", "5 million")."""
    if o.like_num:
        return True
    return any(c.dep_ == "nummod" for c in o.children) and \
        (o.lemma_.lower() in tab.amount_nouns or o.lower_ in tab.amount_nouns or o.text.isupper() or o.pos_ == "SYM")


def _pronoun_owner(t: Token, tab: FrameTable, by_words) -> list[Token]:
    """Who "its" means on a programme: the subject of the verb the programme hangs under. "A supports
    start-ups through its P Program", « A accompagne les jeunes pousses à travers son programme P »: A runs P."""
    if not any(c.lower_ in tab.possessives and c.dep_ in ("poss", "nmod:poss", "det") for c in t.children):
        return []
    if t.dep_ not in _ADJUNCT_LINKS:
        return []  # "A joined B and its P": an object's or a conjunct's possessive is theirs
    verb = t.head
    for _ in range(3):  # "through its P" hangs on the verb; « dans le cadre de son P » on « cadre »
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.dep_ in ("conj", "appos") or verb.head.i == verb.i:
            return []
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or any(_named(o) for o in patients(verb)):
        return []  # "A joined B through its P": A's or B's, the text does not say
    return agents(verb, by_words)


def _named(t: Token) -> bool:
    return t.pos_ == "PROPN" or any(c.pos_ == "PROPN" and c.dep_ != "case" for c in t.children)


_ADJUNCT_LINKS = {"pobj", "nmod", "obl", "obl:mod", "obl:arg"}


def _leading_acronym(t: Token) -> list[Token]:
    """The acronym that opens a programme's name, "the USAID Kelvo Growth Program": the owner's name when the
    reader finds it a body of its own (else it is the programme's own first word and gives no pair)."""
    first = min((w for w in t.subtree if w.i < t.i and w.dep_ == "compound"), key=lambda w: w.i, default=None)
    if first is None or not (first.text.isupper() and first.text.isalpha() and len(first.text) >= 2):
        return []
    return [first]


def _amount(t: Token) -> bool:
    return t.like_num or any(c.dep_ in ("nummod", "quantmod", "compound") and (c.like_num or c.pos_ == "SYM")
                             for c in t.children)


def _apposed_to_a_name(noun: Token, tab: FrameTable) -> bool:
    """An unnamed programme noun in apposition after a name stands for it: "Nova, a training programme of
    X", « Nova, un programme de X » (the reader then finds the name before the comma)."""
    if noun.pos_ != "NOUN" or any(d.dep_ == "det" and d.lower_ not in tab.indefinites for d in noun.children):
        return False
    if noun.dep_ == "appos" and noun.head.i < noun.i and noun.head.pos_ == "PROPN":
        return True
    return comma_before_apposition(noun, tab.indefinites) is not None


def _name_opener(noun: Token) -> bool:
    """The noun is a name's capitalised first word inside the sentence: « son Plan régional d'export (PRE) »,
    « le Programme national d'appui »; its mention is the programme itself."""
    return noun.text[:1].isupper() and not noun.is_sent_start and noun.i > 0 and noun.doc[noun.i - 1].is_lower


def own_name(noun: Token) -> list[Token]:
    """The name written on a programme noun itself: "the “Nahda” programme of X", « le programme Nova de X »
    (not a name in apposition: "the project of X, the first P2I" is X's project, unnamed)."""
    doc = noun.doc
    return [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod", "flat", "flat:name", "appos")
            and c.text[:1].isupper() and abs(c.i - noun.i) <= 3 and not any(k.dep_ == "case" for k in c.children)
            and not any(doc[k].text == "," for k in range(min(c.i, noun.i), max(c.i, noun.i)))]


def holders(noun: Token, frame: Frame, by_words) -> list[Token]:
    """Whose is the noun: its own subject ('X est membre de Y'), else the subject of the verb it depends
    on ('X received funding from Y'; 'with support from Y, X launched P'); the passive subject when that
    verb is passive ('P was launched with funding from Y')."""
    own = [c for c in noun.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if own:
        return own
    if noun.dep_ == "appos":
        return [noun.head]  # "Kappa, a subsidiary of Y", « Kappa, la filiale de Y »
    named = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i > 0 and
             noun.doc[c.left_edge.i - 1].text == ","]
    if named:
        return named  # "the organiser of P, Kappa Events", « l'organisateur de P, Kappa »
    # "as part of P, X launched": a governed noun under a preposition is no apposition
    beside = _detached(noun) if not (frame.governors and _introduced(noun)) else None
    if beside is not None:
        return [beside]
    marks = _marks(noun)
    gov = governor(noun) or _clause_verb(noun, marks, frame)
    if gov is None:
        return []
    if frame.governors and not ({gov.lemma_.lower()} | marks) & frame.governors:
        return []
    return patients(gov) if is_passive(gov) else agents(gov, by_words)


def _marks(noun: Token) -> set[str]:
    """The words that introduce a noun: its case words, its preposition and what that hangs on ("thanks
    to funding from A": "thanks" governs)."""
    prep = noun.head if noun.head.dep_ == "prep" else None
    return {c.lower_ for c in noun.children if c.dep_ == "case"} | \
        ({prep.lower_, prep.head.lower_} if prep is not None else set())


_ADJUNCT_MARKS = {"with", "avec", "under", "sous", "thanks", "grâce"}


def _clause_verb(noun: Token, marks: set[str], frame: Frame) -> Token | None:
    """"P is implemented by A with the support of B", « mis en œuvre par A avec l'appui de B »: a noisy
    tree hangs the adjunct on a noun of the clause; it is the clause's, so climb to its verb."""
    if not marks & _ADJUNCT_MARKS & frame.governors:
        return None
    h = noun.head.head if noun.head.dep_ == "prep" else noun.head
    if h.lower_ in _ADJUNCT_MARKS and h.head.pos_ in ("VERB", "AUX"):
        return h.head
    # one noun up, an argument of the verb (« par l'agence A avec le soutien de B »); deeper, the adjunct
    # may be another act's (« la création d'une vague de clusters avec l'appui de B »)
    if h.pos_ in ("NOUN", "PROPN") and h.dep_ == "pobj" and h.head.dep_ == "agent":
        h = h.head  # "by the agency A with the support of B"
    if h.pos_ in ("NOUN", "PROPN", "ADP") and h.dep_ in _CLAUSE_ARGS and h.head.pos_ in ("VERB", "AUX"):
        return h.head
    return None


_CLAUSE_ARGS = {"obl:agent", "agent", "nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj"}


def _introduced(noun: Token) -> bool:
    return noun.dep_ == "pobj" or any(c.dep_ == "case" for c in noun.children)


def _detached(noun: Token) -> Token | None:
    """The name a noisy tree leaves beside the noun it describes: « Kappa, la filiale de Y, … » (the name
    before ", the noun") or « l'organisateur de P, Kappa … » (the name after the noun's phrase)."""
    doc, k = noun.doc, noun.i - 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    # « X (XX), partenaire du programme »: a French apposition may drop its determiner
    bare = k == noun.i - 1 and noun.text.islower()
    if k >= 1 and (k < noun.i - 1 or bare) and doc[k].text == ",":
        if doc[k - 1].text[:1].isupper():
            return doc[k - 1]
        if doc[k - 1].text == ")" and k >= 4 and doc[k - 3].text == "(" and doc[k - 2].text.isupper():
            return doc[k - 4]  # the name before its bracketed acronym
    end = noun.right_edge.i + 1
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text[:1].isupper() and \
            doc[end + 1].pos_ in ("PROPN", "NOUN", "X"):
        return doc[end + 1]
    return None


_TOGETHER = {"together", "jointly", "ensemble", "conjointement"}
_JOINT_NOUNS = {"partnership", "collaboration", "cooperation", "association", "partenariat", "coopération",
                "association", "concert", "conjunction", "liaison"}


def co_actors(t: Token, tab: FrameTable) -> list[Token]:
    """'… together with Y', 'in partnership with Y', 'en partenariat avec Y', 'aux côtés de Y'."""
    out = prep_objects(t, tab.with_preps - BETWEEN)
    if is_passive(t):  # "P is coordinated by X together with Y": only a marked co-actor
        out = [x for x in out if any(c.lower_ in _TOGETHER for c in x.head.children)]
    for o in patients(t):  # "runs P together with Y": the tree may hang the co-actor on P
        unnamed_act = o.lemma_.lower() in _ACT_NOUNS and o.pos_ == "NOUN"  # "launched a programme with Y"
        out += [x for x in prep_objects(o, tab.with_preps - BETWEEN)
                if unnamed_act or any(c.lower_ in _TOGETHER for c in x.head.children)]
    for n in prep_objects(t, {"in", "en"}):
        if n.lemma_.lower() in _JOINT_NOUNS:
            out += prep_objects(n, tab.with_preps - BETWEEN)
    return out + [p for p in _joint_phrase_partners(t) if all(p is not o for o in out)]


def _joint_phrase_partners(t: Token) -> list[Token]:
    """"developed by X with support from Y and in partnership with Z": a noisy tree hangs the joint
    phrase on another phrase of the clause; it is the act's when no other verb stands between them."""
    out = []
    for n in t.sent:
        if n.i <= t.i or n.lemma_.lower() not in _JOINT_NOUNS or n.i + 2 >= len(t.doc):
            continue
        if t.doc[n.i - 1].lower_ not in ("in", "en") or t.doc[n.i + 1].lower_ not in ("with", "avec"):
            continue
        if any(k.pos_ == "VERB" for k in t.doc[t.i + 1:n.i]):
            continue
        k = n.i + 2
        while k < len(t.doc) and t.doc[k].pos_ in ("DET", "NUM"):
            k += 1  # "in partnership with two incubators: A and B"
        if k < len(t.doc) and t.doc[k].pos_ in ("PROPN", "NOUN"):
            out.append(t.doc[k])
    return out


@handler("directed")
def directed(t: Token, frame: Frame, tab: FrameTable, by_words, read) -> list[tuple]:
    if frame.object and t.pos_ in ("VERB", "AUX") and not _has_object(t, frame):
        return []  # "received the Kappa Label" is a label; "received funding" is not
    srcs = [x for r in frame.source for tok in role_tokens(r, t, frame, tab, by_words) for x in read(tok)
            if not ("self" in frame.target and r.startswith("prep:") and x.m.kind == "funder")]
    # ("the P programme of the EU": run or funded, unsaid; "the EU's P programme" is the EU's own)
    tgts = [x for r in frame.target for tok in role_tokens(r, t, frame, tab, by_words)
            for x in read(tok, listed=r != "self")]
    if frame.co_agents and not srcs:
        # "P was launched in close collaboration between A, B and C": the parties do it together;
        # "P is run in collaboration with A, B and C", with no agent named: they run it
        joint = [n for n in prep_objects(t, {"in", "en"}) if n.lemma_.lower() in _JOINT_NOUNS]
        srcs = [x for n in joint for tok in prep_objects(n, BETWEEN) for x in read(tok)]
        if not srcs and is_passive(t):
            return [(x, g) for n in joint for tok in prep_objects(n, tab.with_preps - BETWEEN)
                    for x in read(tok) for g in tgts]
    if frame.co_agents and srcs:
        # "X runs P together with Y": a joint act is everyone's (SCHEMA); the co-actors partner
        co = [x for tok in co_actors(t, tab) for x in read(tok)]
        pairs = [(c, g) for c in co for g in tgts]
        if pairs:
            return [(s, g) for s in srcs for g in tgts] + pairs + \
                [(s, c, "PARTNERS_WITH") for s in srcs for c in co] + _co_runners(srcs)
        if tgts:
            # "A, B and C have launched P": one act, run by its agents together
            return [(s, g) for s in srcs for g in tgts] + _co_runners(srcs)
        if not tgts and _creates_an_act(t, one=not co):
            # "X vient de lancer avec A et B un programme de formation", "a new call launched by A and B":
            # an unnamed joint programme still makes its co-runners partners
            return [(s, c, "PARTNERS_WITH") for s in srcs for c in co] + _co_runners(srcs)
    return [(s, g) for s in srcs for g in tgts]


def _co_runners(srcs: list) -> list[tuple]:
    """The agents of one act partner each other; an agent named twice (its acronym beside it) is one."""
    return [(a, b, "PARTNERS_WITH") for k, a in enumerate(srcs) for b in srcs[k + 1:] if a.m is not b.m]


def _creates_an_act(t: Token, *, one: bool = False) -> bool:
    """The verb's object is a programme, an event, a fund … (named or not); a noisy tree may hang it
    elsewhere, so the first noun after the verb with no other verb between counts too. `one`: a single
    act ("a new call launched by A and B"), not "A, B and C carried four projects" (each its own)."""
    acts = [o for o in patients(t) if o.lemma_.lower() in _ACT_NOUNS]
    if acts:
        return not one or all(_single_act(o) for o in acts)
    if one:
        return False
    for k in t.doc[t.i + 1:t.sent.end]:
        if k.pos_ in ("VERB", "AUX"):
            return False
        if k.pos_ == "NOUN" and k.lemma_.lower() in _ACT_NOUNS and \
                any(d.dep_ == "det" and d.lower_ in ("un", "une", "a", "an") for d in k.children):
            return True
    return False


def _single_act(o: Token) -> bool:
    """One act, not "four projects": a plural act noun counts as one under a singular act noun that it
    completes ("a call for projects", « un appel à projets »)."""
    if "Number=Plur" not in str(o.morph):
        return True
    up = o.head if o.dep_ == "nmod" else o.head.head if o.dep_ == "pobj" else None
    return up is not None and up.lemma_.lower() in _ACT_NOUNS and "Number=Plur" not in str(up.morph)


# what a joint act creates or runs, named or not: "launched with A a training programme"
_ACT_NOUNS = {"programme", "program", "project", "projet", "initiative", "appel", "call", "concours", "competition",
              "forum", "salon", "event", "événement", "platform", "plateforme", "fund", "fonds", "incubator",
              "incubateur", "accelerator", "accélérateur", "hub", "label", "prix", "award", "challenge", "edition",
              "édition", "campaign", "campagne", "cycle", "formation", "training",
              # an unnamed event organised together ("a organisé, conjointement avec A, une journée d'étude")
              "journée", "day", "workshop", "atelier", "seminar", "séminaire", "conference", "conférence",
              "rencontre", "colloque", "hackathon", "webinar", "webinaire"}


def _joint_parties(t: Token, frame: Frame, tab: FrameTable, by_words, read) -> tuple[list, list]:
    """Who takes part in a joint act: (the parties, the partners named with "with"/"avec"). The parties
    are the subjects or the between/entre parties on the trigger, on its agreement noun or on the verb
    the noun depends on; each with-partner meets the parties, not the other with-partners ("X signed
    with A, B and C" is three agreements of X's)."""
    nodes = [t]
    if t.pos_ in ("VERB", "AUX"):
        nodes += [c for c in t.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")]
    first = [tok for n in nodes for tok in prep_objects(n, BETWEEN)]
    if len(first) == 1 and not first[0].conjuncts:
        # a noisy tree hangs the second party on the verb: "signée entre M. X, …, et Mme Y, …"
        first += [c for c in first[0].head.children if c.dep_ == "conj" and c.i > first[0].i
                  and c.pos_ in ("NOUN", "PROPN")]
    pair = [x for tok in first for x in read(tok)]
    if len({id(x.m) for x in pair}) >= 2:
        return pair, []  # "an agreement between A and B": the parties are named, whoever reports it
    parties = list(pair)
    if t.pos_ in ("VERB", "AUX"):
        # « A, associée à B, … », "A, allied with B": a participle on a name has that name for its party
        by = agents(t, by_words) or ([t.head] if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN") else [])
        parties += [x for tok in by for x in read(tok)]
    else:
        gov = governor(t)
        if gov is not None:
            parties += [x for tok in agents(gov, by_words) for x in read(tok)]
            nodes.append(gov)
    preps = (tab.with_preps - BETWEEN) | frame.partner_preps
    withs = [x for n in nodes for tok in prep_objects(n, preps) for x in read(tok)]
    if t.pos_ in ("VERB", "AUX"):  # "X has formed seven partnerships: A, B and C": the list names them
        withs += [x for o in nodes[1:] if o.dep_ in ("dobj", "obj") for x in read(o)]
    return parties, withs


def _distinct(xs: list, seen: set) -> list:
    out = []
    for x in xs:
        if id(x.m) not in seen:
            seen.add(id(x.m))
            out.append(x)
    return out


@handler("joint")
def joint(t: Token, frame: Frame, tab: FrameTable, by_words, read) -> list[tuple]:
    if frame.particle and not any(c.lower_ in frame.particle for c in t.children):
        return []
    seen: set = set()
    found, found_withs = _joint_parties(t, frame, tab, by_words, read)
    parties = _distinct(found, seen)
    withs = _distinct(found_withs, seen)
    if frame.object and t.pos_ in ("VERB", "AUX") and not _has_object(t, frame):
        # "A and B signed the guest book" is no partnership; "signed between A and B" names the parties
        if not (is_passive(t) and len(parties) >= 2 and not agents(t, by_words)):
            return []
    return list(combinations(parties, 2)) + [(p, w) for p in parties for w in withs]


def _has_object(t: Token, frame: Frame) -> bool:
    """The verb's object is one of the frame's `object` nouns ("signed an agreement", "received the K Label")."""
    objs = [c for c in t.children if c.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")]
    if any(o.lemma_.lower() in frame.object or
           any(k.lemma_.lower() in frame.object for k in o.children if k.dep_ in ("compound", "nmod", "amod"))
           for o in objs):
        return True
    # "A and B signed, on Monday in X, during the Y fair, an agreement …": after a long insertion the
    # small pipelines lose the object; the first noun after the verb's insertions still names the act
    for k in t.doc[t.i + 1:]:
        if k.pos_ in ("VERB", "AUX") or k.text in (".", ";", ":"):
            return False
        if k.lemma_.lower() in frame.object and k.pos_ == "NOUN" and \
                any(d.dep_ == "det" and d.lower_ in _ARTICLES for d in k.children):
            return True
    return False


_ARTICLES = {"a", "an", "the", "un", "une", "le", "la", "l'", "les", "des", "this", "ce", "cette"}


@handler("members_include")
def members_include(t: Token, frame: Frame, tab: FrameTable, by_words, read) -> list[tuple]:
    """'Members of Y include A, B and C'; 'Y counts A and B among its members'."""
    owners: list = []
    for s in agents(t, by_words):
        if s.lemma_.lower() in frame.member_nouns or s.lower_ in frame.member_nouns:
            of = prep_objects(s, OF)
            owners = [x for tok in of for x in read(tok)]
            if not owners:
                owners = [x for c in s.children if c.dep_ in ("poss", "nmod:poss") for x in read(c)]
    if not owners:
        among = prep_objects(t, {"among", "amongst", "parmi"})
        if any(a.lemma_.lower() in frame.member_nouns or a.lower_ in frame.member_nouns for a in among):
            owners = [x for s in agents(t, by_words) for x in read(s)]
    objects = patients(t)
    members = [x for tok in objects for x in read(tok)]
    if not owners:
        subj = agents(t, by_words)
        if any(s.lemma_.lower() in frame.party_nouns or s.lower_ in frame.party_nouns for s in subj):
            # "the P consortium includes A, B and C": its parties take part in P; co-members of a consortium
            # are not said to partner one another (n² edges no sentence states)
            projects = [x for s in subj for x in read(s) if x.m.label == "Programme"]
            return [(m, p, "PARTICIPATES_IN") for m in members for p in projects if m.m.label == "Organisation"]
        programmes = [x for s in subj for x in read(s) if x.m.label == "Programme"]
        if programmes and all(o.pos_ == "PROPN" or o.lemma_.lower() in frame.partner_nouns for o in objects):
            # "the P project brings together A, B and C", « le projet P associe A et B »: its partners
            # ("the first phase of P includes four buildings: A, B" names no partner)
            return [(m, p, "PARTICIPATES_IN") for m in members for p in programmes if m.m.label == "Organisation"]
        owners = [x for s in subj for x in read(s)
                  if x.m.label == "Organisation" and x.m.kind in _MEMBER_BEARING and not x.coref]
    return [(m, o) for m in members for o in owners]


_MEMBER_BEARING = {"association", "network", "cluster"}  # "the X Association includes A and B": members


_CLAUSE_PREPS = {"in", "to", "of", "dans", "à", "au", "de", "du"}


@handler("led_under")
def led_under(t: Token, frame: Frame, tab: FrameTable, by_words, read) -> list[tuple]:
    """"Six partners are involved in P under the coordination of X", « P réunit huit partenaires sous la
    coordination de X »: X runs the programme the clause is about."""
    marks = {c.lower_ for c in t.children if c.dep_ == "case"} | ({t.head.lower_} if t.head.dep_ == "prep" else set())
    gov = t.head
    for _ in range(3):  # a noisy tree hangs the phrase on a noun of the clause: climb to its verb
        if gov.pos_ in ("VERB", "AUX") or gov.head.i == gov.i:
            break
        gov = gov.head
    if not marks & frame.governors or gov.pos_ not in ("VERB", "AUX"):
        return []
    leads = [x for o in prep_objects(t, OF) for x in read(o)]
    about = agents(gov, by_words) + patients(gov) + prep_objects(gov, _CLAUSE_PREPS)
    progs = [x for tok in about for x in read(tok) if x.m.label == "Programme"]
    return [(lead, p) for lead in leads for p in progs if lead.m.label == "Organisation"]


@handler("at_event")
def at_event(t: Token, frame: Frame, tab: FrameTable, by_words, read) -> list[tuple]:
    """"A and B signed an agreement on the sidelines of the X Forum", « annoncé lors de la conférence X »,
    "… during SeaWeek 2023": the actors of the clause take part in the event named right after."""
    events = _next_programme(t, read)
    verb = verb_above(t)
    if not events or verb is None or hedged(verb, tab.hedge_modals, tab.hedge_heads):
        return []
    if any(f.mode == "joint" for f in tab.by_lemma.get(verb.lemma_.lower(), ())):
        return []  # the venue of a signing: dignitaries sign at a fair they do not take part in
    actors = [x for tok in agents(verb, by_words) for x in read(tok)]
    actors += [x for tok in prep_objects(verb, tab.with_preps - BETWEEN) for x in read(tok)]
    return [(a, e) for a in actors for e in events if a.m.label == "Organisation"]


def _next_programme(t: Token, read) -> list:
    """The event named first after t, before any other verb (the tree may hang it anywhere); a programme
    named there first ends the search ("during the P programme's launch" is no event of P's)."""
    doc = t.doc
    for k in range(t.i + 1, min(len(doc), t.i + _EVENT_REACH)):
        if doc[k].pos_ in ("VERB", "AUX"):
            return []
        progs = [x for x in read(doc[k]) if x.m.label == "Programme"]
        if progs:
            return progs[:1] if progs[0].m.kind == "event" else []
    return []


_EVENT_REACH = 10  # tokens: "on the sidelines of the first edition of the « X Summit »"


def verb_above(t: Token) -> Token | None:
    h = t
    for _ in range(4):
        if h.head.i == h.i:
            return None
        h = h.head
        if h.pos_ == "VERB":
            return h
    return None

