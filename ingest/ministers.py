"""A minister named by office stands for the ministry: "Minister of Investment Jane Doe signed an MoU with
…", « le ministre de l'Industrie a paraphé une convention ». SCHEMA's signatory rule (a signatory acting
for an organisation stands for it) applied to the commonest signatory of this genre's agreements.

Each phrase becomes an organisation mention of kind government whose preferred name is the ministry's
("Ministry of Investment", « Ministère de l'Industrie »); the person's name after the office is no part of
it. The remit ends at the first capitalised word that is no dictionary word (a person's name), at a
given name, or at a lower-case word that is no remit adjective.
"""
from __future__ import annotations

from ecograph.kinds import classify

from .frames.pipelines import common_words, is_dictionary_word
from .gazetteers import given_names
from .names import Chunk
from .tokens import Tok

# the office word -> the ministry's head word, in the language of the text
_MINISTRY = {"minister": "Ministry", "ministre": "Ministère"}
_OF = {"of", "de", "du", "des", "d'"}
# words before the office that make it no ministry's: the head of government, a former holder
_NOT_BEFORE = {"prime", "premier", "former", "ancien", "ancienne", "ex"}
_JOINS = {"and", "of", "for", "et", "de", "du", "des", "d'", "l'", "la", "le", "les", "the", ","}
# lower-case words of a French remit: « de l'Enseignement supérieur et de la Recherche scientifique »
_REMIT_ADJECTIVES = {"superieur", "scientifique", "numerique", "exterieur", "exterieures", "etrangeres",
                     "national", "nationale", "public", "publique", "publics", "publiques", "local", "locales",
                     "economique", "sociale", "solidaire", "durable", "digitale", "technologique", "rural",
                     "rurale", "maritime", "maritimes", "professionnelle", "moyennes", "petites", "renouvelables",
                     "industriel", "industrielle", "touristique", "territorial", "territoriale"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "m", "mme", "mlle", "he", "sheikh", "prof", "pr"}
_NOT_REMITS = {"state"}
_MAX_REMIT = 12  # « Ministère de l'Enseignement supérieur, de la Recherche scientifique et de l'Innovation »


def ministers(toks: list[Tok], sents, lang: str) -> list[Chunk]:
    """A chunk for each "Minister of <remit>" / « ministre de <remit> » phrase, named as the ministry."""
    out = []
    for a, b, _ in sents:
        for k in range(a, b - 2):
            if toks[k].f not in _MINISTRY or toks[k + 1].f not in _OF:
                continue
            if k > a and toks[k - 1].f in _NOT_BEFORE:
                continue
            end = _remit_end(toks, k + 2, b, lang)
            if end is None:
                continue
            remit = " ".join(t.text for t in toks[k + 1:end]).replace("' ", "'").replace("’ ", "’") \
                .replace(" ,", ",")
            canonical = f"{_MINISTRY[toks[k].f]} {remit}"
            out.append(Chunk(k, end, "minister", "Organisation", "government", canonical))
    return out


def _remit_end(toks: list[Tok], k: int, b: int, lang: str) -> int | None:
    """One past the remit's last word, from token k (after "of"); None when no capitalised remit word."""
    words = common_words(lang) or common_words("en")
    given = given_names()
    last, n = None, k
    if toks[k].f in _NOT_REMITS:
        return None  # "Minister of State for Trade": a minister of state heads no ministry
    while n < b and n - k < _MAX_REMIT:
        t = toks[n]
        if t.f in _JOINS:
            if _next_party(toks, n, b):
                break  # "the Minister of Finance and the Central Bank …": a second party, not the remit
            n += 1
            continue
        if t.cap and not t.upper:
            if t.f in _HONORIFICS:
                break
            if t.f in given and last is not None or words and not is_dictionary_word(t.text.lower(), words):
                break  # "Minister of Investment Jane Doe": the person named after the office
            last = n
        elif last is not None and t.f in _REMIT_ADJECTIVES:
            last = n
        else:
            break
        n += 1
    return None if last is None else last + 1


def _next_party(toks: list[Tok], n: int, b: int) -> bool:
    """After "and" / « et » / a comma at n: an article, another office, an honorific or a body's name opens
    a second party; a remit goes on with a bare field word ("Trade and Industry", « et de la Recherche »)."""
    if toks[n].f not in ("and", "et", ","):
        return False
    nxt = toks[n + 1] if n + 1 < b else None
    if nxt is None or nxt.f in ("the", "la", "le", "les") or nxt.f in _MINISTRY or nxt.f in _HONORIFICS:
        return True
    if nxt.f in ("de", "du", "des", "d'"):
        return False  # « … supérieur et de la Recherche scientifique »: the remit's next field
    return any(classify(t.f)[0] == "Organisation" for t in toks[n + 1:min(b, n + 4)] if t.cap)
