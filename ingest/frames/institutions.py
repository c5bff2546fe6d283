"""Institution names written in sentence case, read from the parse: « le ministère de l'Industrie et
des Mines », « l'Office des foires et expositions de Tanger », « le pôle de compétitivité de Monastir ».

The capitalised-name finder sees only the capitalised words of such names ("Mines", "Tanger"); the
tree shows where the name ends: the head noun (a word that says organisation or programme, see
`kinds.classify`) and the complements hanging under it ("de/du/des …", adjectives, and a coordinated
complement that has its own preposition, « et de la Réforme »), up to a comma, a bracket, a relative
clause or an apposition. English titles are capitalised word by word and the name finder reads them;
this reader is for the languages whose institutions are named in sentence case.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from ecograph.ids import fold
from ecograph.kinds import SECOND_BODY_HEADS, classify
from ..names import Chunk, _paren_acronym, _paren_dashed_acronym
from ..gazetteers import places
from ..patterns.lexicon import verb_words
from .roles import OF

SENTENCE_CASE_LANGS = {"fr"}
# heads that open a name even in lower case, when a capitalised complement follows: « le ministère de
# l'Industrie », « l'université de Sfax », « le pôle de compétitivité de Bizerte »
_LOWER_HEADS = {"ministère", "université", "pôle", "technopole", "technopôle", "technoparc", "chambre", "cyberparc"}
_LOWER_HEADS_FOLDED = frozenset(fold(w) for w in _LOWER_HEADS)
# heads that name a place or a body's organ more often than an institution: « la région de X », « la
# direction de X » (X's management)
_NOT_HEADS = {"région", "region", "commune", "wilaya", "préfecture", "province", "direction", "conseil",
              "gouvernement", "cooperation", "coopération", "fonds", "label", "plan", "salon", "forum"}
# heads that open a name only with the acronym the text defines after it: « l'Organisation numide pour
# le développement (ONUD) »
_WEAK_HEADS = {"organisation", "organization"}
_JOINT_OPENERS = {"en"}
_JOINT_NOUNS = {"partenariat", "collaboration", "coopération", "association", "concertation", "coordination",
                "liaison", "lien", "charge", "personne"}  # (« représenté par le ministère en la personne de X »)
# what one body gives another, coordinated after a name: never part of it
_ACT_NOUNS = {"financement", "cofinancement", "appui", "soutien", "accompagnement", "partenariat", "participation",
              "concours", "aide", "contribution", "subvention", "parrainage", "assistance"}
# nouns of set phrases after « à »/« au »/« pour le », never a name's complement (« pour le compte de »)
_IDIOM_NOUNS = {"hauteur", "profit", "travers", "titre", "cours", "côté", "occasion", "issue", "terme", "instar",
                "égard", "initiative", "horizon", "échelle", "niveau", "lendemain", "moment", "compte"}
_DEFINITE = {"le", "la", "l'", "les", "du", "des", "au", "aux", "de"}
_INSIDE = {"nmod", "amod", "case", "det", "flat:name", "fixed", "cc", "conj", "nummod", "obl:mod"}
_MAX_TOKENS = 18  # « Chambre de commerce, d'industrie et d'agriculture de X et du Mont Y »: 15 tokens
# the participles of a ministry's remit: « Ministère délégué chargé de l'Économie numérique »
_REMIT = {"chargé", "chargée", "délégué", "déléguée"}
_NAME_PREPS = OF | {"pour", "à", "au", "aux", "en"}
_POSSESSIVE = {"son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette", "ces", "notre", "nos", "votre", "vos"}


def may_name_institution(toks, a: int, b: int, lang: str) -> bool:
    """Whether tokens [a, b) hold a lower-case institution head with a capitalised word close after it
    (« labellisée par le ministère de l'Agriculture »): a sentence to parse even when the name finder saw
    no name in it."""
    if lang not in SENTENCE_CASE_LANGS:
        return False
    return any(toks[k].f in _LOWER_HEADS_FOLDED and any(x.cap for x in toks[k + 1:min(b, k + 4)])
               for k in range(a, b))


def institution_spans(doc: Doc, lang: str) -> list[tuple[int, int, str, str | None]]:
    """(start char, end char, label, kind) of each sentence-case institution name in a parsed sentence."""
    if lang not in SENTENCE_CASE_LANGS:
        return []
    out = []
    for t in doc:
        head = _head(t)
        if head is None:
            continue
        end = _name_end(t, head[0])
        if end - t.i > _MAX_TOKENS or end - t.i < 3 and not _head_and_nationality(doc, t, end):
            continue
        words = doc[t.i + 1:end]
        if not (t.text[:1].isupper() or any(w.text[:1].isupper() for w in words if w.is_alpha)):
            continue
        if head[0] == "Programme" and not t.text[:1].isupper():
            continue  # « le programme d'Orvatech » is a programme of Orvatech, not a name
        if t.lower_ in _WEAK_HEADS and not _acronym_after(doc, end):
            continue  # « l'Organisation de l'événement … » at a sentence's start is no name
        out.append((t.idx, doc[end - 1].idx + len(doc[end - 1].text), *head))
    return _outermost(out)


# heads of _NOT_HEADS that open a name when capitalised inside a sentence and qualified by an adjective:
# « le Fonds national pour … », « le Fonds algérien des start-up » (« les fonds de l'État » is money)
_CAPITAL_HEADS = {"fonds", "conseil"}  # (« le Conseil supérieur de la recherche »; « le conseil d'administration » is an organ)


def _head(t: Token) -> tuple[str, str | None] | None:
    if t.pos_ not in ("NOUN", "PROPN") or t.lower_ in _NOT_HEADS and not _capital_head(t):
        return None
    label, kind = ("Organisation", None) if t.lower_ in _WEAK_HEADS and t.text[:1].isupper() else classify(t.lower_)
    if label is None and t.text[:1].isupper():
        label, kind = _phrase_head(t)  # « la Cité de l'innovation X »: a cue phrase that opens with the head
    if label is None or kind == "company":
        return None  # "Maroc", "International" end firm names; they open none
    if not t.text[:1].isupper() and t.lower_ not in _LOWER_HEADS:
        return None
    prev = t.doc[t.i - 1] if t.i > 0 else None
    if prev is not None and prev.pos_ == "DET" and prev.lower_ not in _DEFINITE:
        return None  # « un office de … », « son agence de … »: a description, not a name
    if not any((c.dep_ in ("nmod", "amod") or _remit(c)) and c.i > t.i for c in t.children):
        return None
    return label, kind


def _capital_head(t: Token) -> bool:
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return t.lower_ in _CAPITAL_HEADS and t.text[:1].isupper() and t.i > 0 and not t.is_sent_start and \
        nxt is not None and nxt.pos_ == "ADJ" and nxt.is_lower and fold(nxt.text) not in _ORGAN_ADJECTIVES


# adjectives of a body's own council (« le Conseil scientifique de l'Agence X » is the agency's organ)
_ORGAN_ADJECTIVES = {"scientifique", "consultatif", "consultative", "executif", "executive", "pedagogique",
                     "strategique", "technique", "municipal", "communal", "academique"}


def _phrase_head(t: Token) -> tuple[str | None, str | None]:
    """The label a cue phrase opening at t gives (« Cité de l'innovation »), when the cue starts with t's word."""
    label, kind = classify(t.doc[t.i:t.i + 4].text)
    if label is None or classify(t.doc[t.i + 1:t.i + 4].text)[0] is not None:
        return None, None  # the cue is in the words after the head, not in the phrase it opens
    return label, kind


def _name_end(t: Token, label: str) -> int:
    """One past the last token of the name headed by t: the contiguous run of t's complements."""
    doc, k = t.doc, t.i + 1
    while k < len(doc):
        w = doc[k]
        if w.text == "," and k + 1 < len(doc) and doc[k + 1].lower_ in OF and _under(doc[k + 1], t):
            k += 1  # « Ministère du développement, de l'investissement et de … »: one name
            continue
        if w.text == "-" and k + 1 < len(doc) and not doc[k - 1].whitespace_ and not w.whitespace_ and \
                doc[k + 1].is_alpha and _under(doc[k - 1], t):
            k += 2  # « des start-up »: the word a hyphen glues on is part of the one before
            continue
        if w.is_punct and w.text not in ("-", "'", "’") or not _under(w, t):
            break
        if not _complement(w, label):
            break
        k += 1
    while k > t.i + 1 and (doc[k - 1].pos_ in ("DET", "ADP", "CCONJ") or doc[k - 1].is_punct):
        k -= 1
    return k


def _complement(w: Token, label: str) -> bool:
    """A word that may continue a name: « de l'Industrie », « nationale », « et des Mines »; not « et
    Alpha » (a second party), « et par l'Agence », « depuis 2017 », « pour son appui », a number."""
    if w.pos_ == "NUM" or w.pos_ in ("VERB", "AUX") and w.dep_ != "amod" and not _remit(w):
        return False
    if _remit(w):
        return True
    if _verb_after_name(w) or w.dep_ == "conj" and w.pos_ in ("ADJ", "VERB") and \
            any(c.dep_.startswith("obl") or c.dep_ == "obj" for c in w.children):
        return False  # « la Banque X finance … » (tagged an adjective); « piloté par le ministère X et doté de … »
    if w.dep_ not in ("nmod", "conj", "obl:mod") or w.pos_ not in ("NOUN", "PROPN"):
        return True
    case = [c for c in w.children if c.dep_ == "case"]
    if w.dep_ == "conj" and w.text[:1].isupper() and fold(w.text) in SECOND_BODY_HEADS:
        return False  # « membre du Cluster Lyra et du Réseau Orion »: a second body, not a complement
    if case:
        if case[0].lower_ not in _NAME_PREPS:
            return False
        if w.dep_ == "conj" and w.is_lower and w.lemma_.lower() in _ACT_NOUNS:
            return False  # « l'appui de l'Agence X et du financement de la Banque Y »: a second act, not the name
        if w.lower_ in _IDIOM_NOUNS:
            return False  # « financé par la Banque X à hauteur de 2 M€ », « au profit des startups »
        if case[0].lower_ in _JOINT_OPENERS and w.lemma_.lower() in _JOINT_NOUNS:
            return False  # « l'Institut X en partenariat avec … », « en collaboration avec »: the act, not the name
        if case[0].lower_ not in OF and w.text[:1].isupper() and label == "Organisation":
            return False  # « … des Mines à Alger »: where the body sits; « Programme … en Tunisie » is a name
    elif w.dep_ == "conj":  # « foires et expositions » shares its preposition; « et l'ONUDI » is a party
        if w.pos_ != "NOUN" or not w.is_lower or any(c.dep_ == "det" for c in w.children):
            return False
    elif w.pos_ == "NOUN":
        return False
    return not any(c.dep_ == "det" and c.lower_ in _POSSESSIVE for c in w.children)


def _verb_after_name(w: Token) -> bool:
    """A lower-case verb cue right after a capitalised word is the name's verb, whatever its tag."""
    return w.is_lower and w.i > 0 and not w.doc[w.i - 1].is_lower and fold(w.text) in verb_words("fr")


def _under(w: Token, t: Token) -> bool:
    """w hangs under t through complements only (no relative clause, apposition or verb between)."""
    cur, steps = w, 0
    while cur.i != t.i and steps < 8:
        if (cur.dep_ not in _INSIDE and not (cur.dep_ in ("acl", "obl:arg") and _remit(cur))) or cur.head.i == cur.i:
            return False
        cur, steps = cur.head, steps + 1
    return cur.i == t.i


def _remit(w: Token) -> bool:
    """« chargé de l'Économie » under a ministry: its remit, part of its name (and the remit's object)."""
    return w.lower_ in _REMIT or w.dep_ == "obl:arg" and w.head.lower_ in _REMIT


def _outermost(spans: list[tuple]) -> list[tuple]:
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    out: list[tuple] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


def with_institutions(lang: str, docs: dict, sents, toks, names: list, places: list) -> tuple[list, list]:
    """The names and places of a document, with each sentence-case institution name in place of the
    capitalised pieces of it the name finder saw ("Mines" of « ministère de l'Énergie et des Mines »)."""
    if not docs:
        return names, places
    names, places = _with_donor_countries(docs, sents, toks, names, places)
    if lang not in SENTENCE_CASE_LANGS:
        return names, places
    starts = [t.start for t in toks]
    found = []
    for n, doc in docs.items():
        base = sents[n].start
        for a, b, label, kind in institution_spans(doc, lang):
            i = bisect_left(starts, base + a)
            j = bisect_left(starts, base + b)
            if j > i and toks[i].start == base + a:
                found.append((i, j, label, kind))
    if not found:
        return names, places
    new = []
    for i, j, label, kind in found:
        inside = [c for c in names if c.i < j and i < c.j]
        if any(c.i < i or c.source != "name" and (c.j > j or c.i == i) for c in inside):
            continue  # a name that starts before, a known name at the head: the finder's reading stands
        j = max([j] + [c.j for c in inside])  # « pôle de compétitivité de Monastir-El Fejja »
        j = next((p.j for p in places if p.i == j and toks[j].cap and toks[j].space), j)
        # (« la Cité de l'innovation Souss-Massa »: a place written right after the name ends it)
        if any(c.i == i and c.j == j for c in inside):
            continue  # the finder read the same name
        name = " ".join(t.text for t in toks[i:j])
        aliases = [a for c in inside if c.j == j for a in c.aliases]  # "… du Numérique (CAN)"
        ext = max([0] + [c.ext for c in inside if c.j == j])
        acr, dashed = _paren_acronym(toks, j, len(toks)), _paren_dashed_acronym(toks, j, len(toks))
        if not aliases and (acr is not None or dashed is not None):  # « … de l'innovation (ADPI-PME) »
            aliases = [toks[acr].text] if acr is not None else [" ".join(t.text for t in toks[j + 1:dashed])
                                                                .replace(" - ", "-")]
            ext = acr + 2 if acr is not None else dashed + 1
        new.append(Chunk(i, j, "institution", label, kind, name[:1].upper() + name[1:], aliases=aliases,
                         ext=ext))
    if not new:
        return names, places
    cover = bytearray(len(toks) + 1)
    for c in new:
        cover[c.i:max(c.j, c.ext)] = b"\x01" * (max(c.j, c.ext) - c.i)
    names = sorted([c for c in names if not any(cover[c.i:c.j])] + new, key=lambda c: c.i)
    return names, [p for p in places if not any(cover[p.i:p.j])]


def _acronym_after(doc: Doc, end: int) -> bool:
    return end + 2 < len(doc) and doc[end].text == "(" and doc[end + 1].text.isupper() and doc[end + 2].text == ")"


def _head_and_nationality(doc: Doc, t: Token, end: int) -> bool:
    """« l'Institut français », « la Banque mondiale »: a capitalised head inside the sentence and one
    nationality adjective (or « mondial ») make a name of two words."""
    if end - t.i != 2 or not t.text[:1].isupper() or t.i <= 1:
        return False
    adj = doc[t.i + 1]
    return adj.pos_ == "ADJ" and adj.is_lower and (fold(adj.text) in places()[1] or adj.lemma_ == "mondial")


# what a country does as a donor: its government acts ("Switzerland funds …", « l'Italie finance … »)
_DONOR_VERBS = {"fund", "finance", "co-finance", "cofinance", "contribute", "donate", "pledge", "grant", "sponsor",
                "support", "financer", "cofinancer", "contribuer", "octroyer", "allouer", "soutenir", "appuyer",
                "subventionner"}  # (not « s'accorder », « donner »: two countries agree, a country gives its name)
_DONOR_NOUNS = {"donor", "donors", "funder", "sponsor", "contributor", "bailleur", "donateur", "contributeur"}
_SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass"}


def _donor_subject(tok: Token) -> bool:
    """The country's name is the subject of a donor's verb ('Switzerland aims to support', « la Suisse
    finance »), or of a copula whose predicate is a donor ('Italy was the largest donor'); a country listed
    with it ('Norway and Italy pledged') is one too."""
    if tok.dep_ == "conj" and tok.head.dep_ in _SUBJECTS:
        tok = tok.head
    if tok.dep_ not in _SUBJECTS:
        return False
    verb = tok.head
    verbs = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "conj") and c.pos_ == "VERB"]
    if any(v.lemma_.lower() in _DONOR_VERBS for v in verbs):
        return True
    return any(c.dep_ in ("attr", "acomp", "ROOT") and c.lemma_.lower() in _DONOR_NOUNS for c in verb.children) or \
        verb.lemma_.lower() in _DONOR_NOUNS


def _with_donor_countries(docs: dict, sents, toks, names: list, places: list) -> tuple[list, list]:
    """A country named as a donor is its government, an organisation: 'Switzerland aims to support …',
    'In 2018 Italy was the largest donor to X'. Its alias is 'Government of <country>'."""
    firsts = [s.a for s in sents]
    donors = []
    for p in places:
        if p.kind != "country":
            continue
        n = bisect_left(firsts, p.i + 1) - 1
        doc = docs.get(n)
        if doc is None:
            continue
        sp = doc.char_span(toks[p.i].start - sents[n].start, toks[p.j - 1].end - sents[n].start,
                           alignment_mode="expand")
        if sp is not None and _donor_subject(sp.root):
            donors.append(Chunk(p.i, p.j, "government", "Organisation", "government", None, p.canonical,
                                [f"Government of {p.canonical}"]))
    if not donors:
        return names, places
    taken = {(d.i, d.j) for d in donors}
    return sorted(names + donors, key=lambda c: c.i), [p for p in places if (p.i, p.j) not in taken]
