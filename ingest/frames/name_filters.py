"""Name filters of issue 13, part of the table in `name_table.py`: people (a surname that speaks, a person
glued to a place or a post, a name the pipeline tags as a person), places (a side of a region, a
country in a list), posts, dictionary words the tagger calls organisations, demonyms, a body's organs
and plural categories (the page's own forms — amounts, file names, headlines, news credits — are
`form_filters.py`'s). Each takes the parsed sentence's span of a candidate name, whether a word of
the name says what kind of actor it is, and whether the sentence is a heading; each is tested with
invented sentences, rejected names and kept ones, in tests/test_name_filters.py."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from ecograph.kinds import BODY_NOUNS, FIRM_WORDS as _FIRM_WORDS, classify
from ..gazetteers import given_names, places
from ..tokens import fold_tokens
from .pipelines import common_words
from .roles import OF
from .vetoes import (_FUNCTION, _PERSON, _POST_WORDS, _TITLES, _actor_context, _coined, _person_tail, _post_beside,
                     _singulars)


_SPEECH_VERBS = {"say", "tell", "note", "add", "explain", "stress", "underline", "highlight", "emphasize",
                 "emphasise", "affirm", "state", "declare", "indicate", "point", "confirm", "recall", "praise",
                 "déclarer", "ajouter", "souligner", "expliquer", "indiquer", "affirmer", "estimer", "préciser",
                 "noter", "rappeler", "confier", "insister", "saluer", "relever", "poursuivre", "conclure"}


def is_speaker(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Haddad said …', « Feriani a ajouté que … », "Roe's visit": one capitalised word that speaks
    (the subject of a speech verb) or owns a visit is a person named by surname: organisations
    announce, sign and launch. An acronym or a coined word may be a body that speaks ("ORVALIS said")."""
    if len(sp) != 1 or kind_word:
        return False
    t = sp[0]
    if t.text.isupper() or _coined(t.text[:1] + t.text[1:].lower()) or t.ent_type_ in ("GPE", "NORP"):
        return False
    if t.dep_ in ("nsubj", "nsubj:pass") and t.head.lemma_.lower() in _SPEECH_VERBS or _inverted_speaker(t):
        return t.ent_type_ != "ORG" or t.pos_ != "PROPN"  # a body tagged as one speaks too ("Zentrix stated")
    return t.dep_ == "poss" and t.head.lower_ in ("visit", "speech", "remarks", "statement", "words")


def _inverted_speaker(t) -> bool:
    """« …, explique Haddouri. », '…, said Roe.': the word right after a speech verb that ends the clause
    is its subject, inverted (the trees read it as an object or a complement)."""
    doc = t.doc
    ends = t.i + 1 == len(doc) or doc[t.i + 1].is_punct
    return t.i > 0 and t.head.i == t.i - 1 and t.head.lemma_.lower() in _SPEECH_VERBS and ends


def is_given_name_in_context(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Karim Haddadi said …', "the park's director, Lina Roe, …", « Lina Roe, directrice du pôle »: two
    or three plain capitalised words opened by a known given name, where the sentence treats them as a
    person (the subject of a speech verb, a post in the commas beside them), whatever entity tag the
    pipeline gives them; and two or three words no dictionary knows with a post in the commas beside
    them ('Zoltan Qaderi, President of the Kelvo Region, …': a given name the list lacks)."""
    words = [t for t in sp if t.text != "-"]
    if kind_word or not 2 <= len(words) <= 3 or any(t.lower_ in _FIRM_WORDS for t in words):
        return False
    if not all(_plain_caps(t) for t in words):
        # 'KELMANI Zoubir, directeur général du …': a surname in capitals beside a given name, a post beside
        return any(_plain_caps(t) for t in words) and all(_plain_caps(t) or t.is_alpha and t.text.isupper()
                                                          for t in words) and _post_beside(sp)
    folded = [" ".join(fold_tokens(t.text)) for t in words]
    known = _folded_words("en") | _folded_words("fr")
    if any(w in known for w in [folded[-1], *_singulars(folded[-1])]):
        return False
    if folded[0] not in given_names():
        # a given name the list lacks: words no dictionary nor gazetteer knows, a post in the commas beside
        # them; or any such words with "<post> of/at" right after the comma ('X Y, co-founder of Z, said')
        return (not any(w in known or w in places()[0] for w in folded) or _post_of_after(sp)) and _post_beside(sp)
    root = sp.root
    speaks = root.dep_ in ("nsubj", "nsubj:pass") and root.head.lemma_.lower() in _SPEECH_VERBS
    return speaks or _post_beside(sp)


def _post_of_after(sp: Span) -> bool:
    """', co-founder of', ', directrice de': a post of a body in apposition right after the name."""
    doc = sp.doc
    if sp.end + 2 >= len(doc) or doc[sp.end].text != ",":
        return False
    after = list(doc[sp.end + 1:sp.end + 6])
    return any(t.lower_ in _POST_END and n.lower_ in OF | {"at"} for t, n in zip(after, after[1:]))


def is_glued_person(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Jordan Maria Roe' ("the EU Ambassador to Jordan Maria Roe"), 'Kelvo Cluster President Sami
    Haddad', 'Ministry Secretary-General Dana Roe': words before a person's name that say where or what
    the person is (a place, a post, a body they work for after a post). A body named after a person
    ("Fondation Hans Gruber") has no post and no place before the name."""
    k = _person_tail(sp)
    if k is None:
        return False
    doc = sp.doc
    head = doc[sp.start:k]
    if any(t.lower_ in _POST_WORDS | _TITLES for t in head):
        return True  # a post inside the span ("… President Sami Haddad")
    if all(t.ent_type_ in ("GPE", "LOC") or t.text == "-" for t in head) and \
            classify(" ".join(t.text for t in head))[0] is None:
        return True  # a place glued to the person ("to Jordan Maria Roe"; not « Université Karim Lahlou »)
    # "the director of Kelvo Lab Sami Haddad": a post, then of/at and a body glued to the name (not "the
    # director of the programme thanked the Fondation Kappa Orvan", whose post governs another noun)
    posts = [t for t in doc[max(0, sp.start - 8):sp.start] if t.lower_ in _POST_WORDS | _TITLES | {"head", "chef"}]
    return any(t.i + 1 < sp.start and doc[t.i + 1].lower_ in OF | {"at", "to"} and
               all(w.pos_ in ("PROPN", "DET", "ADP", "PUNCT") or w.text[:1].isupper() for w in doc[t.i + 2:sp.start])
               for t in posts)


_DICT_POS = {"NOUN", "ADJ", "VERB", "ADV", "ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ"}


@lru_cache(maxsize=4)
def _folded_words(lang: str) -> frozenset[str]:
    """The language's dictionary words, accents folded (« Economie » is « économie »)."""
    return frozenset(" ".join(fold_tokens(w)) for w in common_words(lang))


def is_dictionary_word(sp: Span, kind_word: bool, heading: bool) -> bool:
    """« le ministre de la Culture », « du Comité de labellisation », 'Device', 'Première': one
    capitalised dictionary word that the pipeline reads as a common noun, adjective or verb (though
    its entity tagger, misled by the capital, may call it an organisation). A coined word, an acronym
    or a proper noun stays."""
    if len(sp) != 1:
        return False
    t = sp[0]
    if t.pos_ not in _DICT_POS or t.text.isupper() or _coined(t.text) or not t.is_alpha:
        return False
    words = _folded_words(sp.doc.lang_)
    w = " ".join(fold_tokens(t.text))
    lemma = " ".join(fold_tokens(t.lemma_))  # « Organisé », « Hébergée »: a participle of a dictionary verb
    if not words or not (w in words or lemma in words or any(s in words for s in _singulars(w))):
        return False
    return not (kind_word and _actor_context(sp))


def _plain_caps(t) -> bool:
    """A capitalised word in lower case after its first letter ('Haddad', not 'ANIMA' nor 'GreenLoop')."""
    return t.is_alpha and t.text[:1].isupper() and not _coined(t.text) and not (t.text.isupper() and len(t.text) > 1)


def is_tagged_person(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Samira Benali', 'Karim Ait Haddou': two to four plain capitalised words that the pipeline tags
    as a person, every one of them, and no word of which says organisation or firm; or the same
    words opened by a known given name. (The small pipelines call a firm name a person now and
    then, but seldom on every word of it, and a firm name seldom starts with a given name.)"""
    words = [t for t in sp if t.text != "-"]
    if kind_word or not 2 <= len(words) <= 4 or not all(_plain_caps(t) for t in words):
        return False
    if any(t.lower_ in _FIRM_WORDS for t in words) or _actor_context_noun(sp):
        return False
    if _kind_after(sp):
        return False
    folded = _folded_words("en") | _folded_words("fr")  # a French text names firms in English too
    last = " ".join(fold_tokens(words[-1].text))
    if any(w in folded for w in [last, *_singulars(last)]):
        return False  # "Santé Animale", "Kelvo Feeds": a dictionary word, not a surname
    if any(" ".join(fold_tokens(t.text)) in places()[0] for t in words) or _kind_in_apposition(sp):
        return False  # "Orvalia Meknès": a place in it; "X, the Spanish agri-food cluster": a body
    if all(t.ent_type_ in _PERSON for t in words):
        return True
    return " ".join(fold_tokens(words[0].text)) in given_names() and \
        any(t.ent_type_ in _PERSON for t in words) and not any(t.ent_type_ in ("ORG", "GPE", "LOC", "FAC") for t in words)


def _kind_in_apposition(sp: Span) -> bool:
    """"Orvalis Levante, the Spanish agri-food cluster": a kind noun in apposition says it is a body."""
    return any(c.dep_ == "appos" and (c.lower_ in BODY_NOUNS or classify(c.lower_)[0] is not None)
               for c in sp.root.children)


def _actor_context_noun(sp: Span) -> bool:
    """A kind noun right before the name: « la société Nour Haddad », "the startup Lina Roe"."""
    doc = sp.doc
    before = doc[sp.start - 1].lower_ if sp.start > 0 else ""
    return before in BODY_NOUNS or bool(before) and classify(before)[0] is not None


_COMPASS = {"south", "southern", "north", "northern", "east", "eastern", "west", "western", "central", "middle",
            "sub", "nord", "sud", "est", "ouest", "centrale", "australe", "moyen", "orient", "occidental",
            "oriental", "méridional", "septentrional"}


def _placey(t) -> bool:
    return t.ent_type_ in ("GPE", "LOC") or " ".join(fold_tokens(t.text)) in places()[0]


def is_region_name(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'the Southern Mediterranean', 'South Med', « en Afrique de l'Est », 'sub-Saharan Africa': a
    side of a place is a region, not an actor (no word of it says organisation)."""
    words = [t for t in sp if t.is_alpha and t.lower_ not in _FUNCTION]
    if kind_word or not 1 <= len(words) <= 4 or any(t.lower_ in _FIRM_WORDS for t in words):
        return False
    doc = sp.doc
    if sp.start >= 2 and doc[sp.start - 1].text == "-" and doc[sp.start - 2].lower_ in ("sub", "trans") and \
            _placey(words[-1]):
        return True  # "sub-Saharan Africa": the name finder saw the words after the lower-case "sub-"
    if len(words) < 2:
        return False
    sides = [t for t in words if t.lower_ in _COMPASS]
    rest = [t for t in words if t.lower_ not in _COMPASS]
    return bool(sides) and bool(rest) and all(_placey(t) and _plain_caps(t) or t.lower_ in ("med", "mena")
                                              for t in rest)


_ARTICLES = {"le", "la", "l'", "l’", "les", "the"}


def is_listed_country(sp: Span, kind_word: bool, heading: bool) -> bool:
    """« l'Angola, le Ghana et l'Ouganda »: a word the pipeline reads as a place, with its article, in a
    list whose next or previous item is a known place with its article: a list of countries."""
    doc = sp.doc
    if kind_word or len(sp) > 2 or not all(_plain_caps(t) and t.ent_type_ in ("GPE", "LOC") for t in sp):
        return False
    if sp.start == 0 or doc[sp.start - 1].lower_ not in _ARTICLES:
        return False
    after = doc[sp.end:sp.end + 3]
    before = doc[max(0, sp.start - 4):sp.start - 1]
    near = [t for t in list(after) + list(before) if t.i != sp.start and t.text[:1].isupper()]
    gap = any(t.text in (",", ";") or t.lower_ in ("et", "and") for t in list(after[:1]) + list(before[-1:]))
    return gap and any(" ".join(fold_tokens(t.text)) in places()[0] and t.i > 0 and
                       doc[t.i - 1].lower_ in _ARTICLES for t in near)


_POST_END = _POST_WORDS | _TITLES | {"advisor", "adviser", "conseiller", "conseillère", "specialist", "officer",
                                     "chargé", "chargée", "doyen", "chairwoman", "chairperson", "delegate"}


def is_post_at_end(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'ORVALIS Director', 'the ICT Minister', 'Kelvo Deputy Program Director', 'Italian Ambassador': a
    name that ends on a post is the post (held in the body the first words name), not a body."""
    last = sp[-1].lower_.rstrip(".")
    if len(sp) == 1:
        return last in _POST_END and len(last) >= 3 and not _coined(sp[0].text) or last in ("dg", "pdg")
    if len(last) < 3 or last not in _POST_END:
        return False
    return not (classify(sp[0].text)[0] is not None and sp[1].lower_ in OF)  # "Office of the EU Representative"


def is_propn_dictionary_word(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Environmental', 'Nexus', 'Document' mid-sentence: one capitalised dictionary word the pipeline
    calls a proper noun only for its capital, with no entity tag that says person or place. (A
    one-word firm name that is a dictionary word is kept where a kind noun stands before it.)"""
    if len(sp) != 1 or kind_word:
        return False
    t = sp[0]
    if t.pos_ != "PROPN" or not _plain_caps(t) or t.ent_type_ in _PERSON | {"GPE", "LOC", "NORP"}:
        return False
    w = " ".join(fold_tokens(t.text))
    words = _folded_words(sp.doc.lang_)
    if not words or not (w in words or any(s in words for s in _singulars(w))):
        return False
    return not _actor_context(sp) and not _apposed_to_body(sp) and not _kind_after(sp) and not _tagged_firm(sp)


# nouns after a firm's name that say another firm belongs to it ("a Kelvo subsidiary")
_AFFILIATION_NOUNS = {"subsidiary", "subsidiaries", "affiliate", "affiliates", "filiale", "filiales"}


def _tagged_firm(sp: Span) -> bool:
    """"clients such as Kelvo, Lumen and Orvalis", "a Lumen subsidiary": a word the pipeline tags as an
    organisation is one where it is an item of a list of names or owns a subsidiary, though the
    dictionary knows it as a common word."""
    if sp.root.ent_type_ != "ORG":
        return _between_names(sp) and _named_neighbour(sp)  # "include: Cisco, Kelvo, HP, Intel"
    after = sp.doc[sp.end].lower_ if sp.end < len(sp.doc) else ""
    return after in _AFFILIATION_NOUNS or _list_item(sp) and _unknown_neighbour(sp) or \
        _between_names(sp) and _named_neighbour(sp)


def _named_neighbour(sp: Span) -> bool:
    """A list neighbour that is surely a name: one no dictionary knows, or an acronym."""
    doc = sp.doc
    near = [doc[sp.start - 2], doc[sp.end + 1]]
    return _unknown_neighbour(sp) or any(t.text.isupper() and len(t.text) >= 2 for t in near)


def _between_names(sp: Span) -> bool:
    """An item of a comma list with a capitalised item on each side: a list of names, whatever tag the
    pipeline gives this one."""
    doc = sp.doc
    if sp.start < 2 or sp.end + 1 >= len(doc) or doc[sp.start - 1].text != ",":
        return False
    return doc[sp.start - 2].text[:1].isupper() and doc[sp.end].lower_ in (",", "and", "et") and \
        doc[sp.end + 1].text[:1].isupper()


def _unknown_neighbour(sp: Span) -> bool:
    """A capitalised list neighbour that no dictionary knows: a list of firms ("Kelvo, Lumen and Orvalis"),
    not a list of categories ("Economic, Environmental and Social")."""
    doc = sp.doc
    joins = {",", ";", "and", "et", "&"}
    near = []
    if sp.start >= 2 and doc[sp.start - 1].lower_ in joins:
        near.append(doc[sp.start - 2])  # the item before the comma or 'and'
    if sp.end + 1 < len(doc) and doc[sp.end].lower_ in joins:
        near.append(doc[sp.end + 1])  # the item after it
    words = _folded_words(doc.lang_)
    return any(t.is_alpha and t.text[:1].isupper() and " ".join(fold_tokens(t.text)) not in words for t in near)


def _kind_after(sp: Span) -> bool:
    """"the Kappa project", "the Kelvo Marin clusters": a kind noun right after the name says what it is."""
    return sp.end < len(sp.doc) and not sp.doc[sp.end].text[:1].isupper() and \
        classify(sp.doc[sp.end].lower_)[0] is not None


def _apposed_to_body(sp: Span) -> bool:
    """« l'organisme allemand chargé de la coopération, Kappa »: the name in apposition to a kind noun (the
    trees often read such an apposition as a conjunct)."""
    head = sp.root.head
    return sp.root.dep_ in ("appos", "conj") and (head.lower_ in BODY_NOUNS or classify(head.lower_)[0] is not None)


def is_demonym(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Jordanians', 'Hashemite', « Africaine », 'Middle Eastern': people or an adjective of origin."""
    words = [t for t in sp if t.is_alpha]
    if kind_word or not words or len(words) > 2:
        return False
    demonyms = places()[1]
    return all(t.ent_type_ == "NORP" or any(w in demonyms for w in [t.lower_, *_singulars(t.lower_)])
               for t in words) and \
        not any(t.text.isupper() and len(t.text) > 1 for t in words)


_ORGANS = {"board", "members", "member", "directors", "directeurs", "staff", "team", "trustees",
           "shareholders", "actionnaires", "membres", "partenaires", "steering", "resident", "délégués",
           "representatives", "représentants", "employees"}  # not "Friends of …", "Alumni of …": bodies


def is_organ_of(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Board of Trustees of X', 'Members of X', 'Steering Committee of X', « Conseil d'administration de
    X »: a body's members or organ, named by the body it belongs to, not a body of its own."""
    words = [t.lower_ for t in sp]
    if len(words) < 3 or words[0] not in _ORGANS and words[:2] not in (["conseil", "d'"], ["conseil", "d’"]):
        return False
    return any(w in OF for w in words[1:])


_QUOTES = {'"', "'", "“", "«", "‘"}


def _list_item(sp: Span) -> bool:
    """An item of a list of names: a comma or 'and'/'et' joins it to a capitalised neighbour."""
    doc = sp.doc
    joins = {",", ";", "and", "et", "&"}
    left = [t for t in doc[max(0, sp.start - 4):sp.start] if not t.is_space]
    right = [t for t in doc[sp.end:sp.end + 4] if not t.is_space and t.pos_ != "DET"]
    before = len(left) >= 2 and left[-1].lower_ in joins and left[-2].text[:1].isupper()
    after = len(right) >= 2 and right[0].lower_ in joins and right[1].text[:1].isupper()
    return before or after


def is_plural_head(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Member States', 'Senior Officials', 'Career Development Centers', 'Mediterranean Partner
    Countries': capitalised words whose head is a plural dictionary noun name a category of actors or
    things, not one body. A firm word ('Kelvo Systems', 'Orion Ventures') and a known plural body
    ('United Nations') are no such head."""
    words = [t for t in sp if t.is_alpha]
    if len(words) < 2 or not all(t.text[:1].isupper() or t.lower_ in _FUNCTION for t in words):
        return False
    if any(t.text.isupper() and len(t.text) > 1 or _coined(t.text) for t in words):
        return False  # "the 'KELVO-MED Alliances' project", "MedKelvo Meetings": an acronym, a coined word
    if sp.start > 0 and sp.doc[sp.start - 1].lower_ in OF | {"and", "et", "&"}:
        return False  # « ministère de l'Industrie et des Petites Entreprises »: the end of a longer name
    doc = sp.doc
    if _list_item(sp) or _actor_context_noun(sp) or sp.start > 0 and doc[sp.start - 1].text in _QUOTES:
        return False  # "members include Kelvo Membranes, Delta Generics and …", a quoted title: names
    if _kind_after(sp):
        return False  # "the Lorn Textile Alliances project"
    if sp.end + 1 < len(doc) and doc[sp.end].text == "(" and doc[sp.end + 1].text[:2].isupper():
        return False  # "Kelvo Advisory Committees (KACs)": an acronym defined for it makes it a name
    k = next((n for n, t in enumerate(words) if t.lower_ in OF | {"for", "pour"}), None)
    head = words[0] if k is not None else words[-1]
    if sp.doc.lang_ == "fr":  # a French head comes first: « Prix Jeunes Talents » is a prize
        head = next((t for t in words if t.pos_ != "ADJ"), words[0])
    w = head.lower_
    if not w.endswith("s") or w in _FIRM_WORDS or head.text.isupper() or w in ("nations", "emirates", "affairs"):
        return False
    known = _folded_words(sp.doc.lang_)
    if not all(any(x in known for x in [f, *_singulars(f)])
               for f in (" ".join(fold_tokens(t.text)) for t in words if t.lower_ not in _FUNCTION)):
        return False  # « Kelvo News Hebdo »: a word the text's dictionary does not know makes it a name
    dictionary = common_words(sp.doc.lang_)
    return bool(dictionary) and w not in dictionary and any(x in dictionary for x in _singulars(w)) and \
        not any(t.ent_type_ in ("GPE", "LOC") or " ".join(fold_tokens(t.text)) in places()[0] for t in words) \
        and classify(head.text)[0] is None  # "Bizerte Kelvoplast": a firm named after its town


def _plain_words(sp: Span) -> list | None:
    """The content words of a span when each is a dictionary word (no acronym, no coined word), else None."""
    content = [t for t in sp if t.is_alpha and t.lower_ not in _FUNCTION]
    words = _folded_words(sp.doc.lang_)
    if not content or not words or any(t.text.isupper() and len(t.text) > 1 or _coined(t.text) for t in content):
        return None
    folded = [" ".join(fold_tokens(t.text)) for t in content]
    return content if all(any(x in words for x in [f, *_singulars(f)]) for f in folded) else None


def is_remit(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'the Minister in charge of the Digital Transition and the Reform of the Administration', « ministre
    chargé de la Transition numérique »: the fields a post is in charge of, in capitals, are no bodies."""
    if kind_word or _plain_words(sp) is None:
        return False
    doc = sp.doc
    k = sp.start - 1
    while k >= 0 and sp.start - k <= 12 and (doc[k].text[:1].isupper() or doc[k].lower_ in _FUNCTION):
        if doc[k].lower_ in ("of", "de", "d'") and k >= 1 and doc[k - 1].lower_ in ("charge", "chargé", "chargée"):
            return True
        k -= 1
    return False


_INDEFINITE = {"a", "an", "un", "une"}


def is_indefinite_generic(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'A Joint Commission will oversee …', 'a national Mentorship Network': dictionary words after an
    indefinite article describe a body to be set up or one of a kind, not a named one ('a Kelvo Network'
    keeps its coined word; a programme is named as the text introduces it, 'through a Kelvo Voucher Scheme')."""
    doc = sp.doc
    k = sp.start - 1
    while k >= 0 and doc[k].pos_ == "ADJ" and doc[k].is_lower:
        k -= 1
    if k < 0 or doc[k].lower_ not in _INDEFINITE or doc[k].pos_ != "DET" or len(sp) > 4:
        return False
    if classify(sp.text)[0] == "Programme":
        return False  # "through a Business Voucher Scheme": a programme is named where the text introduces it
    return _plain_words(sp) is not None and not any(t.ent_type_ in ("GPE", "LOC", "NORP", "PERSON") for t in sp)
