"""Name vetoes: small, named filters that the trained pipeline's tags and entities make possible.
Each takes the parsed sentence and a candidate name's character span in it and says whether the
name is no actor. Only names found by the capitalised-name finder are checked: a registry entry, a
quoted title or a defined acronym was named as such by the text."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ..gazetteers import given_names
from .pipelines import common_words
from ecograph.kinds import BODY_NOUNS, FIRM_WORDS as _FIRM_WORDS, NON_NAME_ACRONYMS, classify
from .roles import OF
from ..tokens import fold_tokens

_PERSON = {"PERSON", "PER"}
_ACTOR_ENTS = {"ORG", "MISC", "PRODUCT", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "GPE", "LOC"}


POSTS = {"director", "president", "ceo", "chairman", "chairwoman", "chairperson", "manager", "minister", "founder",
          "head", "directeur", "directrice", "président", "présidente", "ministre", "fondateur", "fondatrice",
          "general", "général", "générale", "coordinator", "coordinateur", "coordinatrice", "mayor", "maire",
          "governor", "gouverneur", "rector", "recteur", "secretary", "secrétaire", "secretary-general", "commissioner",
          "commissaire", "specialist", "officer", "dean", "doyen", "pdg", "gm", "representative", "représentant",
          "représentante", "chief", "co-founder", "cofounder", "co-fondateur", "cofondateur", "co-fondatrice",
          "cofondatrice"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "m", "mme", "mlle", "pr", "sir", "madame", "monsieur"}


def _coined(text: str) -> bool:
    """'JoMedTech', 'EU4Health', 'iNovLab': inner capitals or digits make a coined name, never a common word."""
    return any(c.isdigit() for c in text) or any(c.isupper() for c in text[1:]) and not text.isupper()


def is_person(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'M. Karim Alaoui', 'Maria Ben Salah Director General', 'Jane Roe, director of …', a byline 'Nadia
    Haddad (University of X)': the pipeline calls it a person, no word of it says organisation, and the
    text backs it: an honorific, a post in apposition or glued to it, an affiliation in brackets, or a
    known given name. (The small pipelines call many unknown firm names persons: the tag alone is not
    enough, and a firm word at the end or a kind noun before it ("la société Nour Tech") keeps it.)"""
    if kind_word:
        return False
    doc = sp.doc
    if not sum(t.ent_type_ in _PERSON for t in sp) * 2 > len(sp):
        return False
    before = doc[sp.start - 1].lower_.rstrip(".") if sp.start > 0 else ""
    if before and classify(before)[0] is not None or sp[-1].lower_ in _FIRM_WORDS:
        return False
    post = any(c.dep_ == "appos" and c.lower_ in POSTS and c.i >= sp.end for t in sp for c in t.children)
    glued = any(t.lower_ in POSTS for t in sp[1:])
    affiliation = sp.end < len(doc) and doc[sp.end].text == "(" and 2 <= len(sp) <= 3
    given = 2 <= len(sp) <= 3 and " ".join(fold_tokens(sp[0].text)) in given_names()
    return before in _HONORIFICS or post or glued or affiliation or given or _post_beside(sp) or \
        2 <= len(sp) <= 3 and _speaker_before(sp)


# "selon X", "according to X", "Submitted by X": who speaks or writes is a person ("funded by X" says
# nothing: the pipeline's person tag on a firm name is common there)
_SPEECH_BEFORE = {"selon": None, "to": {"according"}, "by": {"submitted", "written", "posted", "published"},
                  "par": {"écrit", "rédigé", "publié", "proposé"}}


def _speaker_before(sp: Span) -> bool:
    doc = sp.doc
    if sp.start == 0 or doc[sp.start - 1].lower_ not in _SPEECH_BEFORE:
        return False
    words = _SPEECH_BEFORE[doc[sp.start - 1].lower_]
    return words is None or sp.start >= 2 and doc[sp.start - 2].lower_ in words


_SAYS = {"say", "tell", "add", "note", "stress", "explain", "declare", "state", "affirm", "déclarer", "ajouter",
         "souligner", "expliquer", "indiquer", "affirmer", "préciser"}


def _post_beside(sp: Span) -> bool:
    """"X, présidente de …", "X, the founder of …"; "le Président de la CCI, X, …": a post in the
    commas beside the name."""
    doc = sp.doc
    k = sp.end
    if k + 1 < len(doc) and doc[k].text == ",":
        nxt = doc[k + 1:k + (4 if k + 2 < len(doc) and doc[k + 2].text == "-" else 3)]  # ", co-founder of"
        if any(t.lower_ in POSTS for t in nxt):
            return True
    if sp.start >= 2 and doc[sp.start - 1].text == "," and sp.end < len(doc) and \
            (doc[sp.end].text in (",", ".") or doc[sp.end].lemma_.lower() in _SAYS):
        return any(t.lower_ in POSTS for t in doc[max(0, sp.start - 7):sp.start - 1])  # ("… Director General, X said")
    return False


def is_common_word(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Read', 'Participate', 'Feb': one capitalised word that the pipeline tags as no proper noun and
    no entity (a heading's or a sentence's first word). A kind noun right before it names it: « le
    programme Kelvo », "the project Orvalis" (the small pipelines tag many coined names as nouns)."""
    if len(sp) != 1 or kind_word:
        return False
    t = sp[0]
    if _coined(t.text) or _named_by_kind_noun(sp):
        return False
    return t.pos_ not in ("PROPN", "X") and not t.ent_type_ and not (t.text.isupper() and len(t.text) <= 5)


def _named_by_kind_noun(sp: Span) -> bool:
    """« le programme Kelvo », 'the project Lyra': a kind noun right before one word names it."""
    if sp.start == 0:
        return False
    before = sp.doc[sp.start - 1]
    return before.is_lower and classify(before.lower_)[0] is not None


_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_ACTORS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


def is_date_or_amount(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Feb', 'Q3 2024', 'EUR 2 Million': the pipeline reads a date, an amount or a number; a short
    capitalised unit right after a number is a currency or a measure ("2 MDH", "15 MDT", "3 GW")."""
    if kind_word:
        return False
    if len(sp) == 1 and sp.start > 0 and sp.doc[sp.start - 1].like_num and len(sp[0].text) <= 4 and \
            sp[0].text.isupper() and not _YEAR.fullmatch(sp.doc[sp.start - 1].text):
        return True  # "Since 2023 CAGC …": after a year, a name
    return all(t.ent_type_ in _NOT_ACTORS for t in sp)


def is_role_phrase(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Cluster Manager of X', 'Directeur Général de Y': a post, not the organisation it is a post in.
    A post followed by its holder ('Minister of Trade Karim Roe') is left to the person filters, so
    that the holder's surname alone later is that person too."""
    if len(sp) < 3 or _person_tail(sp) is not None:
        return False
    # "general"/"head" also open names of bodies ("Direction Générale des Entreprises", "Head Office of")
    posts = POSTS - {"general", "général", "générale", "head"}
    return any(t.lower_ in posts and nxt.lower_ in OF | {"at", "for"} for t, nxt in zip(sp, sp[1:]))


def _person_tail(sp: Span) -> int | None:
    """Where a person's name (two or three capitalised words, the first a known given name or all of
    them tagged person) ends the span, its start; else None."""
    for n in (3, 2):
        if len(sp) <= n:
            continue
        tail = sp[len(sp) - n:]
        if not all(t.text[:1].isupper() and t.is_alpha or t.text == "-" for t in tail):
            continue
        given = " ".join(fold_tokens(tail[0].text)) in given_names()
        tagged = all(t.ent_type_ in _PERSON for t in tail if t.is_alpha)
        if (given or tagged) and classify(" ".join(t.text for t in tail))[0] is None and \
                not any(t.lower_ in _FIRM_WORDS for t in tail):
            return sp.start + len(sp) - n
    return None


def is_heading_phrase(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Unveiling the Future', 'Triumphs and Future Roadmap': capitalised words of a title line that no
    word calls an organisation and the pipeline finds no entity in."""
    if not heading or len(sp) < 2 or kind_word:
        return False
    if any(t.text in (",", ";") for t in sp.doc):
        return False  # a list line ("A, B, C") flattened from a table is no title
    return not any(t.ent_type_ in _ACTOR_ENTS or _coined(t.text) for t in sp)


_PROPER_ENTS = {"ORG", "GPE", "LOC", "FAC", "PRODUCT", "NORP", "PERSON", "PER", "WORK_OF_ART"}
_FUNCTION = {"of", "for", "and", "the", "in", "on", "de", "du", "des", "d'", "et", "la", "le", "les", "l'", "pour",
             "en", "à", "&", "-"}


def _singulars(w: str) -> list[str]:
    """The singular forms an English or French plural in -s, -es, -ies may have ('agencies' → 'agency')."""
    if not w.endswith("s"):
        return []
    return [w[:-1]] + ([w[:-2]] if w.endswith("es") else []) + ([w[:-3] + "y"] if w.endswith("ies") else [])


def _dictionary_word(w: str, words: frozenset[str]) -> bool:
    return w in words or any(s in words for s in _singulars(w))


def is_common_phrase(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Green Economy', 'Deep Tech', 'Lead Beneficiary', 'Public-Private Partnerships': capitalised
    dictionary words (a title, a sector, a role), no word that says organisation, no acronym or coined
    word, and the pipeline finds no named entity in them. A firm named with dictionary words ("Blue
    Harbour Foods") is kept by the pipeline's entity tag or a kind word."""
    if kind_word or len(sp) > 5:
        return False
    words = common_words(sp.doc.lang_)
    if not words:
        return False
    content = [t for t in sp if t.lower_ not in _FUNCTION and not t.is_punct]
    # ("Demand for IT": a generic acronym is a dictionary word too)
    if not content or any(_coined(t.text) or t.text.isupper() and len(t.text) > 1 and
                          t.lower_ not in NON_NAME_ACRONYMS for t in content):
        return False
    if any(t.ent_type_ in _PROPER_ENTS for t in sp) or sp[-1].lower_ in _FIRM_WORDS or _actor_context(sp):
        return False
    return all(_dictionary_word(t.lower_, words) or t.lower_ in NON_NAME_ACRONYMS for t in content)


def _actor_context(sp: Span) -> bool:
    """The text treats the phrase as an actor: a kind noun before it ("la société Alpha Cuirs", "the
    project Clear Water"), a kind noun in apposition ("X, a Greek company"), or it is a verb's subject
    ("Keel Robotics joined …")."""
    doc = sp.doc
    before = doc[sp.start - 1].lower_ if sp.start > 0 else ""
    if before in BODY_NOUNS or before and classify(before)[0] is not None:
        return True
    root = sp.root
    if any(c.dep_ == "appos" and (c.lower_ in BODY_NOUNS or classify(c.lower_)[0] is not None)
           for c in root.children):
        return True
    return root.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and root.head.pos_ == "VERB"


_FIELD_NOUNS = {"name", "title", "acronym", "partner", "partners", "beneficiary", "beneficiaries", "coordinator",
                "budget", "duration", "contact", "website", "address", "country", "countries", "sector", "sectors",
                "nom", "titre", "acronyme", "partenaire", "partenaires", "bénéficiaire", "coordinateur", "durée",
                "adresse", "pays", "secteur", "secteurs", "programme", "program", "project", "projet"}


def is_field_label(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Project Name :', 'Lead Beneficiary –', 'Partner 2 -': the label of a field on a project page
    (its words are a field noun or dictionary words, and a colon or a dash follows), not an actor."""
    doc = sp.doc
    if sp.end >= len(doc) or doc[sp.end].text not in (":", "–", "—", "-") or len(sp) > 4:
        return False
    if any(t.text[:1].isalpha() and not t.is_punct for t in doc[:sp.start] if t.pos_ not in ("NUM", "PUNCT", "X")):
        return False  # only at the start of its line: "…, signed by A: …" is no field
    last = sp[-1].lower_
    if last in _FIELD_NOUNS or sp[-1].like_num and sp[0].lower_ in _FIELD_NOUNS:
        return True
    words = common_words(doc.lang_)
    return not kind_word and bool(words) and all(_dictionary_word(t.lower_, words) for t in sp if t.is_alpha)


def is_category(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'MSMEs', 'Moroccan SMEs', 'NEETs': a plural acronym names a category of actors, not one; and a
    plural kind noun alone ('Technopôles', 'Hackathons'), or a programme's kind word alone ('the
    Hackathon'), names no one either."""
    last = sp[-1].text
    if len(last) >= 4 and last.endswith("s") and last[:-1].isupper() and len(sp) <= 2:
        return True
    if len(sp) != 1 or sp[0].text.isupper() or _coined(sp[0].text):
        return False
    if classify(sp[0].lower_)[0] == "Programme":
        return True  # "the Hackathon", "le Forum": a kind of event or programme, named by no name
    # a singular body noun ("the Technopark") may stand for the one the text is about; a plural does not
    return any(classify(s)[0] is not None for s in _singulars(sp[0].lower_))


_TITLES = {"ambassador", "ambassadeur", "ambassadrice", "minister", "ministre", "engineer", "ingénieur", "professor",
           "professeur", "dr", "pr", "mr", "mrs", "ms", "m", "mme", "sheikh", "cheikh", "h.e.", "excellency"}
_POST_WORDS = POSTS - {"general", "général", "générale", "head"} | \
    {"dg", "ceo", "coo", "cfo", "cto", "deputy", "délégué", "déléguée", "co-director", "codirecteur", "chair", "vice"}


def is_post(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'DG', 'CEO', 'Deputy GM', 'Director for Morocco', 'Board Chairman': a post, not an actor; and
    'Ambassador Jane Roe', 'Minister Roe', 'Prime Minister Jane Roe', 'Excellency Jane Roe': a title
    and the person who holds it."""
    if _title_then_person(sp):
        return True
    if kind_word and sp[0].lower_.rstrip(".") not in _TITLES:
        return False
    first = sp[0].lower_.rstrip(".")
    if first in _POST_WORDS or len(sp) == 2 and sp[1].lower_ in _POST_WORDS and not _coined(sp[0].text):
        return not any(t.ent_type_ in ("ORG",) for t in sp)
    rest = sp[1:]
    if first in _TITLES and len(rest) > 0 and all(t.ent_type_ in _PERSON or t.text[:1].isupper() for t in rest) \
            and any(t.ent_type_ in _PERSON for t in rest):
        return True
    # "BTI Director Sami Haddad", "Ministry Secretary-General Dana Roe": a post, then the person holding it
    for k in range(len(sp) - 2):
        if sp[k].lower_.rstrip(".") in _POST_WORDS | _TITLES and \
                sum(t.ent_type_ in _PERSON for t in sp[k + 1:]) >= 2 and \
                all(t.ent_type_ in _PERSON for t in sp[k + 1:] if t.text[:1].isupper()):
            return True
    return False


# titles that only a person holds: the capitalised words after them are the holder's name
_PERSON_TITLES = {"excellency", "majesty", "highness", "king", "queen", "prince", "princess", "emir", "sheikh",
                  "cheikh", "h.e."}
_NAME_JOINS = {"of", "for", "de", "du", "des", "d'", "la", "le", "and", "et", "&"}
_TITLE_WORDS = _PERSON_TITLES | _TITLES | _POST_WORDS


def _title_then_person(sp: Span) -> bool:
    """'Excellency Jane Roe', 'Majesty King Karim', 'Prime Minister Jane Roe', 'Chair Karim Saleh': a
    title (or a post), then two or three capitalised words with no kind word and no "of" — a person.
    After a post, the pipeline must not read an organisation in them."""
    words = [t.lower_.rstrip(".") for t in sp]
    k = next((n for n, w in enumerate(words) if w in _TITLE_WORDS), None)
    if k is None or k > 1 or (k == 1 and words[0] not in ("prime", "vice", "his", "her", "deputy")):
        return False
    while k + 1 < len(sp) and words[k + 1] in _TITLE_WORDS:
        k += 1  # "Majesty King …", "Minister Delegate …"
    rest = sp[k + 1:]
    if not 1 <= len(rest) <= 3 or any(t.lower_ in _NAME_JOINS or not t.text[:1].isupper() for t in rest):
        return False
    if classify(" ".join(t.text for t in rest))[0] is not None:
        return False
    if words[k] in _PERSON_TITLES or any(t.ent_type_ in _PERSON for t in rest):
        return True
    return len(rest) >= 2 and not any(t.ent_type_ == "ORG" for t in rest[:1]) and sp[0].ent_type_ != "ORG"


def is_place(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'in Southern Mediterranean', « en Afrique », « à Gamarth »: the pipeline reads a place where a
    locative preposition puts it, and no word says organisation. (The small pipelines call many unknown
    firm names places, so the tag alone is not enough.)"""
    if kind_word or len(sp) > 3 or not all(t.ent_type_ in ("GPE", "LOC") for t in sp if t.is_alpha):
        return False
    k = sp.start - 1
    while k >= 0 and sp.doc[k].pos_ == "DET":
        k -= 1
    if k < 0 or sp.doc[k].lower_ not in _LOCATIVE:
        return False
    return k == 0 or sp.doc[k - 1].lemma_.lower() not in _ENTER  # "took part in Kappa Expo": an event


_ENTER = {"part", "participate", "participer", "exhibit", "exposer", "enrol", "enroll", "compete", "concourir"}
_LOCATIVE = {"in", "across", "throughout", "within", "into", "en", "à", "au", "aux", "dans", "vers", "sur"}


def is_ordinal(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'XXème', 'XIIIe', '21st': a century or a rank."""
    return len(sp) == 1 and re.fullmatch(r"(?:[IVXLC]+|\d+)(?:ème|eme|e|er|th|st|nd|rd)", sp[0].text) is not None


_AGREEMENTS = {"memorandum", "mou", "agreement", "convention", "accord", "protocol", "protocole", "charter", "charte",
               "mémorandum", "agreements", "conventions", "accords", "protocols", "protocoles"}
_TAIL_WORDS = {"de", "du", "des", "d'", "la", "le", "les", "l'", "of", "the", "and", "et", "for", "pour", "à", "a", "an"}


def is_agreement(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'MoU', 'Memorandum of Understanding', 'Framework Agreement': the act, not a party to it."""
    return sp[0].lower_ in _AGREEMENTS or sp[-1].lower_ in _AGREEMENTS and not kind_word


def is_truncated(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Université Esprit de la': a name cut before its end (it ends on a preposition or an article)."""
    return len(sp) >= 2 and sp[-1].lower_ in _TAIL_WORDS


def is_plural_kind(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Ministries of Foreign Affairs', 'Technopôles de la région': a plural kind noun opens a phrase that
    names several bodies, not one."""
    w = sp[0].lower_
    if len(sp) < 2 or not w.endswith("s") or classify(" ".join(t.text for t in sp[1:]))[0] is not None:
        return False  # "Clusters of Excellence Network": a later word names the one body
    return classify(w)[0] is None and any(classify(s)[0] is not None for s in _singulars(w))
