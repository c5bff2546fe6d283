"""LOCATED_IN from a nationality adjective the tree ties to a name: "the German agency Kappa", « l'incubateur
libanais Delta Labs », "Omega Labs, a Tunisian start-up", « Sigma, le groupe tunisien », and a name left
beside its description by a noisy tree (« l'organisme allemand chargé de la coopération, Kappa »).

The adjective must qualify the name itself or the common noun that names it (its head, its apposition):
"a partnership with the German Kappa" places Kappa, "the German delegation met Kappa" does not.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable

from spacy.tokens import Span, Token

from ecograph.kinds import names_a_body
from .vetoes import POSTS as _POSTS
from ..types import Candidate

METHOD = "parse-demonym"
CONF = 0.7
_NAME_LINKS = ("appos", "nmod", "flat:name", "flat", "compound")


def demonym_edges(lang: str, sents, docs: dict, toks, demonym: Callable) -> list[Candidate]:
    """`demonym(k)`: for the document token k, a maker of the country Place it names, or None."""
    starts = [t.start for t in toks]
    out = []
    for n, doc in sorted(docs.items()):
        s = sents[n]
        if s.heading:
            continue
        named = [(y, doc.char_span(y.m.start - s.start, y.m.end - s.start, alignment_mode="expand"))
                 for y in s.args if not y.coref]  # each name's span in the parse, found once per sentence
        for x, sp in named:
            if x.m.label != "Organisation" or sp is None:
                continue
            others = {t.i for y, o in named if y.m is not x.m and o is not None for t in o}
            for adj in _adjectives(sp):
                if adj.i in others or adj.head.i in others:
                    continue  # "the Kappa Tunisian Cluster, the Delta Pole …": a word of another name
                k = bisect_left(starts, s.start + adj.idx)
                make = demonym(k) if k < len(toks) and toks[k].start == s.start + adj.idx else None
                if make is not None:
                    place = make(k)
                    out.append(Candidate("LOCATED_IN", x.m, place.m, s.start, s.end, f"{lang}-{METHOD}", CONF))
                    break
    return out


def _adjectives(sp: Span) -> list[Token]:
    """The adjectives that qualify the name or the common noun that names it."""
    root, doc = sp.root, sp.doc
    nouns = [root]
    if root.dep_ in _NAME_LINKS and root.head.pos_ == "NOUN" and not (sp.start <= root.head.i < sp.end) and \
            not any(c.dep_ == "case" for c in root.children):
        nouns.append(root.head)  # "the German agency Kappa", « l'incubateur libanais Delta Labs »
    nouns += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN" and sp.end < len(doc) and
              doc[sp.end].text == "," and c.left_edge.i == sp.end + 1]  # "Kappa, a Tunisian firm"
    # only a noun that names an organisation describes it, and not inside a prepositional phrase
    # (« Selon le ministre tunisien, Kappa … »: a source, and a person)
    nouns = [n for n in nouns if n.i == root.i or _org_noun(n) and not any(c.dep_ == "case" for c in n.children)]
    beside = _described_before(sp)
    if beside is not None:
        nouns.append(beside)
    tree = [a for n in nouns for a in n.children
            if a.dep_ == "amod" and a.pos_ == "ADJ" and not (sp.start <= a.i < sp.end)]
    return tree + _beside(sp)


def _beside(sp: Span) -> list[Token]:
    """The small pipelines often hang a name off its description as a second subject or an adjective;
    the surface still shows it: a common noun and an adjective right before the name ("the German
    agency Kappa", « l'incubateur libanais Delta »), or right after it behind a comma ("Kappa, a
    Tunisian firm", « Sigma, le groupe tunisien »)."""
    doc = sp.doc
    before = doc[max(0, sp.start - 2):sp.start]
    if len(before) == 2 and {t.pos_ for t in before} == {"NOUN", "ADJ"}:
        return [t for t in before if t.pos_ == "ADJ"]
    if sp.end + 3 < len(doc) and doc[sp.end].text == "," and doc[sp.end + 1].pos_ == "DET":
        after = doc[sp.end + 2:sp.end + 4]
        if {t.pos_ for t in after} == {"NOUN", "ADJ"}:
            return [t for t in after if t.pos_ == "ADJ"]
    return []


def _described_before(sp: Span) -> Token | None:
    """« l'organisme allemand chargé de la coopération, Kappa »: the organisation noun of the phrase that
    ends at the comma right before the name."""
    doc = sp.doc
    if sp.start < 3 or doc[sp.start - 1].text != ",":
        return None
    for k in range(sp.start - 2, max(0, sp.start - 10), -1):
        t = doc[k]
        if t.is_punct:
            return None
        if t.pos_ == "NOUN" and _org_noun(t) and any(c.dep_ == "amod" for c in t.children):
            start = t.left_edge.i
            if start > 0 and doc[start - 1].pos_ == "ADP":
                return None  # « Selon le ministère tunisien, Kappa … »: a source, not a description
            return t
    return None


def _org_noun(t: Token) -> bool:
    return names_a_body(t.lower_) and t.lower_ not in _POSTS
