"""Extraction entry point: `extract(raw) -> RawExtraction`.

sentences (`sentences.py`) → mentions (`entities.py`: gazetteers + capitalised names, labels
and kinds from `kinds.py` and context) → references resolved in reading order (`anaphora.py`)
→ relation candidates (`patterns/`: cue lexicons per language and sentence structure; `frames/`:
the parse) → merged with the structured-text extractor (`tables.py`, when present), whose mentions
win where both found one. `extract()` calls one named step for each.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

import os

from ecograph.errors import EcographError
from ecograph.languages import language_of_words
from ecograph.ids import norm

from spacy.tokens import Doc

from .context_labels import context_label, funds_that_act, programme_by_its_head
from .entities import Chunk, detect, nlp, places, surface, tokenize
from ecograph.kinds import classify
from .patterns import Arg, Engine, Sent, _matchers
from .anaphora import main_org, resolve_references, title_programme
from .references import CONF_OWN, own_programmes
from .frames import (demonym_edges, frame_candidates, is_list_gap, may_name_institution, parse_sentences, veto,
                     with_institutions)
from .listed_parties import listed_partner_edges, own_partner_edges, project_partner_edges
from .money_support import money_support_is_funding
from .sentences import split
from .types import Candidate, Mention, RawDocument, RawExtraction

from .tables import CONF_LIST_IMPLICIT, extract_structured
from .tables_layout import find_layout_tables

def _language(raw: RawDocument, toks) -> str:
    """The language the text's own words say (`ecograph.languages`), else the reader's guess."""
    return language_of_words((t.f for t in toks[:3000]), default=None) or \
        (raw.language if raw.language in ("en", "fr") else "en")


# Sentence extraction runs at about 2-3 s per MB of text; past this size a document is refused
# (reported by name) rather than holding an ingest run for minutes. Raise with the variable.
DEFAULT_MAX_CHARS = 10_000_000


def max_chars() -> int:
    raw = os.environ.get("ECOGRAPH_EXTRACT_MAX_CHARS", "").strip()
    try:
        return int(raw) if raw else DEFAULT_MAX_CHARS
    except ValueError:
        return DEFAULT_MAX_CHARS


def extract(raw: RawDocument) -> RawExtraction:
    """The mentions and relation candidates of one document: its sentences and names, their labels, the
    references resolved in reading order, the cue and frame relations, merged with the structured text's."""
    _check_size(raw)
    text = raw.text
    toks = tokenize(text)
    if not toks:
        return _merge_structured(RawExtraction(), text, raw.language if raw.language in ("en", "fr") else "en")
    lang = _language(raw, toks)
    sents, ranges = _sentences(raw, toks)
    names, place_chunks, sector_chunks = detect(toks, ranges, lang)
    docs, names = _parse_and_veto(lang, text, toks, sents, names, place_chunks)
    names, place_chunks = with_institutions(lang, docs, sents, toks, names, place_chunks)
    sent_of = _sentence_of_tokens(sents)
    named, args_by_sent = _name_mentions(toks, sents, sent_of, names)
    place_list = _place_mentions(toks, sents, sent_of, place_chunks)
    _attach_sectors(sents, sent_of, sector_chunks)
    refs_by = _fixed_references(lang, toks, sent_of)
    first_person = any(k == "WE" for refs in refs_by.values() for k, _, _ in refs)
    main = main_org(sents, args_by_sent, first_person, toks=toks)
    # the text right under its title calls itself "the project": the title's name is that project
    says_project = any(k == "ANA_PROG" and toks[j - 1].f in ("project", "projet") for n in (1, 2)
                       for k, _, j in refs_by.get(n, []))
    replaced = resolve_references(toks, sents, args_by_sent, refs_by, main,
                                  title_programme(sents, args_by_sent, says_project=says_project), lang)
    mentions = _still_named(named, replaced, sents)
    on_demand = _MentionsOnDemand(toks)
    candidates = _relation_candidates(lang, toks, text, sents, docs, main, mentions, named, on_demand)
    if first_person:
        candidates += _own_programme_edges(toks, sents, main, lang, text)
    mentions.extend(place_list)
    mentions.extend(on_demand.place_mentions.values())
    mentions.extend(on_demand.sector_mentions.values())
    out = RawExtraction(mentions=mentions, candidates=candidates)
    return _merge_structured(out, text, lang, main, first_person)


def _check_size(raw: RawDocument) -> None:
    limit = max_chars()
    if len(raw.text) > limit:
        raise EcographError(f"{raw.source}: too long for sentence extraction: {len(raw.text)} characters "
                            f"(limit {limit})", hint="split the document, or raise ECOGRAPH_EXTRACT_MAX_CHARS")


def _sentences(raw: RawDocument, toks) -> tuple[list[Sent], list]:
    """The sentences as token ranges (`Sent`), and the (first token, end token, sentence) the name finder reads;
    a sentence with no token is left out."""
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    sents: list[Sent] = []
    ranges = []
    for s in split(raw.text, wrapped=raw.format not in ("html", "md")):
        a = bisect_left(starts, s.start)
        b = bisect_right(ends, s.end)
        if b > a:
            sents.append(Sent(a, b, s.start, s.end, question=s.text.rstrip().endswith("?"), heading=s.heading))
            ranges.append((a, b, s))
    return sents, ranges


def _sentence_of_tokens(sents: list[Sent]) -> dict[int, int]:
    """token index -> the index of the sentence that holds it."""
    sent_of = {}
    for n, s in enumerate(sents):
        for k in range(s.a, s.b):
            sent_of[k] = n
    return sent_of


def _name_mentions(toks, sents: list[Sent], sent_of: dict[int, int], names: list[Chunk]):
    """The mention of each name found, with its label, and each sentence's named arguments."""
    mentions: list[Mention] = []
    args_by_sent: dict[int, list[Arg]] = {}
    votes: dict[str, Counter] = {}
    for ch in names:
        name = surface(toks, ch.i, ch.j)
        label, kind = _name_label(toks, ch, sents[sent_of[ch.i]], name)
        m = Mention(name, toks[ch.i].start, toks[ch.j - 1].end, label or "?", kind, aliases=list(ch.aliases),
                    country=ch.country, canonical=ch.canonical if ch.source == "minister" else None)
        if label:
            votes.setdefault(norm(name), Counter())[(label, kind)] += 1
        mentions.append(m)
        args_by_sent.setdefault(sent_of[ch.i], []).append(Arg(m, ch.i, ch.j, max(ch.ext, ch.j)))
    for m in mentions:  # one label per name in a document: 'the Nova Idea program' labels every 'Nova Idea'
        if m.label == "?":
            v = votes.get(norm(m.text))
            if v:
                (m.label, m.kind) = v.most_common(1)[0][0]
            else:
                m.label, m.kind = "Organisation", None
    return mentions, args_by_sent


def _name_label(toks, ch: Chunk, s: Sent, name: str):
    """(label, kind) of a name: the name finder's, else the name's own words, else its context (None: the
    label other mentions of the name give it)."""
    label, kind = ch.label, ch.kind
    if label is None:
        label, kind = classify(name)
        said = programme_by_its_head(toks, ch, s.b) if label in ("Organisation", None) else None
        if said:
            label, kind = "Programme", said
    if label is None:
        label, kind = context_label(toks, ch, s.a, s.b)
    return label, kind


def _place_mentions(toks, sents: list[Sent], sent_of: dict[int, int], place_chunks: list[Chunk]) -> list[Mention]:
    """The mention of each place found, also added to its sentence's places."""
    place_list = []
    for ch in place_chunks:
        m = Mention(surface(toks, ch.i, ch.j), toks[ch.i].start, toks[ch.j - 1].end, "Place", ch.kind,
                    canonical=ch.canonical, country=ch.country)
        place_list.append(m)
        sents[sent_of[ch.i]].places.append(Arg(m, ch.i, ch.j, ch.j))
    return place_list


def _attach_sectors(sents: list[Sent], sent_of: dict[int, int], sector_chunks: list[Chunk]) -> None:
    for c in sector_chunks:
        sents[sent_of[c.i]].sectors.append((c.i, c.j, c.canonical))


def _fixed_references(lang: str, toks, sent_of: dict[int, int]) -> dict[int, list]:
    """sentence index -> the (key, first token, end token) of its first person ("we") and fixed anaphora
    ("the cluster", "the project", "the latter") the cue lexicons match."""
    _, _, misc, _ = _matchers(lang)
    doc = Doc(nlp(lang).vocab, words=[t.f for t in toks])
    refs_by: dict[int, list] = {}
    for mid, i, j in misc(doc):
        if doc.vocab.strings[mid] in ("WE", "ANA", "ANA_PROG", "ANA_LAST") and i in sent_of:
            refs_by.setdefault(sent_of[i], []).append((doc.vocab.strings[mid], i, j))
    return refs_by


def _still_named(named: list[Mention], replaced: set[int], sents: list[Sent]) -> list[Mention]:
    """The name mentions less the bare heads a reference replaced, unless a sentence still holds them."""
    if not replaced:
        return list(named)
    still = {id(x.m) for s in sents for x in s.args}
    return [m for m in named if id(m) not in replaced or id(m) in still]


def _relation_candidates(lang: str, toks, text: str, sents: list[Sent], docs, main: Mention | None,
                         mentions: list[Mention], named: list[Mention], on_demand) -> list[Candidate]:
    """The cue patterns' candidates, then what the parse-based frames and the partner lists add."""
    eng = Engine(lang, toks, text, sents, main, on_demand.sector)
    eng.demonym = on_demand.demonym
    eng.country_tail = on_demand.country_tail
    candidates = eng.run()
    funds_that_act(candidates, mentions)  # before the frames read the labels
    candidates += _new_frame_edges(candidates, frame_candidates(lang, sents, docs, toks) +
                                   demonym_edges(lang, sents, docs, toks, on_demand.demonym) +
                                   listed_partner_edges(text, sents, lang) + own_partner_edges(text, sents, lang) +
                                   project_partner_edges(text, sents, lang))
    candidates = money_support_is_funding(candidates, text)
    relabelled = {norm(t) for t in eng.relabel}
    for m in named:  # one label per name: a programme named as such once is one everywhere
        if norm(m.text) in relabelled and m.label == "Organisation" and m.kind is None:
            m.label = "Programme"
    return candidates


def _own_programme_edges(toks, sents: list[Sent], main: Mention | None, lang: str, text: str) -> list[Candidate]:
    """main RUNS the programmes a first-person possessive names ("our initiatives A and B")."""
    out = []
    for prog, s in own_programmes(toks, sents, main, lang, text):
        prog.label = "Programme"
        out.append(Candidate("RUNS", main, prog, s.start, s.end, "own-programme", CONF_OWN))
    return out


# the words before a country that make it the name's complement, not a place tag appended to it
# ("Embassy of X", "EU Delegation to X", « Délégation de l'UE au Chili »)
_COMPLEMENT_WORDS = ("of", "de", "du", "d'", "for", "in", "to", "au", "aux", "en", "a")


class _MentionsOnDemand:
    """The sector and place mentions the cue patterns make as they read (a sector word, a demonym, a
    country at the end of a name), one per token span."""

    def __init__(self, toks):
        self.toks = toks
        self.sector_mentions: dict[tuple[int, int], Mention] = {}
        self.place_mentions: dict[tuple[int, int], Mention] = {}
        self.place_names, self.demonyms = places()

    def sector(self, i, j, canon):
        key = (i, j)
        if key not in self.sector_mentions:
            self.sector_mentions[key] = Mention(surface(self.toks, i, j), self.toks[i].start,
                                                self.toks[j - 1].end, "Sector", canonical=canon)
        return self.sector_mentions[key]

    def place_at(self, i, j, p):
        key = (i, j)
        if key not in self.place_mentions:
            self.place_mentions[key] = Mention(surface(self.toks, i, j), self.toks[i].start,
                                               self.toks[j - 1].end, "Place", p.kind, canonical=p.name,
                                               country=p.country)
        return Arg(self.place_mentions[key], i, j, j)

    def demonym(self, k):
        """A maker of the place the demonym at token k names ("Tunisian"), or None."""
        p = self.demonyms.get(self.toks[k].f)
        if p is None:
            return None
        return lambda k: self.place_at(k, k + 1, p)

    def country_tail(self, x: Arg):
        """The country an organisation's name ends on, as a place argument ("… Agency Morocco"), or None."""
        toks = self.toks
        if x.m.label != "Organisation" or x.j - x.i < 2:
            return None
        for n in (2, 1):
            if x.j - x.i <= n:
                continue
            p = self.place_names.get(" ".join(t.f for t in toks[x.j - n:x.j]))
            k = x.j - n - 1
            while k > x.i and toks[k].f in ("the", "la", "le", "l'", "les"):
                k -= 1  # "Embassy of the Netherlands": the country is the name's complement, not a tag
            if p is not None and p.kind == "country" and toks[k].f not in _COMPLEMENT_WORDS:
                return self.place_at(x.j - n, x.j, p)
        return None


# the name filters that say a name is a person's (`frames/vetoes.py`, `frames/name_filters.py`): their surname
# alone later is that person too
_PERSON_VERDICTS = ("person", "post", "tagged-person", "glued-person", "given-name-in-context", "speaker")


def _parse_and_veto(lang: str, text: str, toks, sents: list[Sent], names: list[Chunk], places: list[Chunk]):
    """Parse each sentence that names an actor or a place (once: the institution reader, the vetoes
    and the frames read the same trees), and drop the names the trained pipeline shows are no actor (a
    person, a common word; see `frames/vetoes.py`)."""
    firsts = [s.a for s in sents]
    where = [bisect_right(firsts, ch.i) - 1 for ch in names]
    wanted = [False] * len(sents)
    for n in where + [bisect_right(firsts, ch.i) - 1 for ch in places]:
        wanted[n] = True
    for n, s in enumerate(sents):
        wanted[n] = wanted[n] or may_name_institution(toks, s.a, s.b, lang)
    docs = parse_sentences(lang, text, [(s.start, s.end) for s in sents], wanted)
    verdicts = []
    for ch, n in zip(names, where):
        doc = docs.get(n)
        verdicts.append(veto(doc, toks[ch.i].start - sents[n].start, toks[ch.j - 1].end - sents[n].start,
                             surface(toks, ch.i, ch.j), sents[n].heading)
                        if doc is not None and ch.source == "name" else None)
    # a person named in full once ("Minister Karim Saleh") is the same person as "Saleh" later
    surnames = {toks[ch.j - 1].f for ch, v in zip(names, verdicts) if v in _PERSON_VERDICTS and ch.j - ch.i >= 2}
    for k, ch in enumerate(names):
        if verdicts[k] is None and ch.source == "name" and ch.j - ch.i == 1 and toks[ch.i].f in surnames:
            verdicts[k] = "person"
    return docs, [ch for k, ch in enumerate(names) if verdicts[k] is None or
                  verdicts[k] == "common-phrase" and _listed_with_a_name(text, toks, names, verdicts, k)]


def _listed_with_a_name(text: str, toks, names: list[Chunk], verdicts: list, k: int) -> bool:
    """Dictionary words that name a firm ("Azur Robotique") are known by their company: an item of a
    list ("A, B et C") whose neighbour is a name no veto rejected. A list of sectors stays vetoed."""
    for m in (k - 1, k + 1):
        if 0 <= m < len(names) and verdicts[m] is None:
            a, b = sorted((names[k], names[m]), key=lambda c: c.i)
            if is_list_gap(text[toks[a.j - 1].end:toks[b.i].start]):
                return True
    return False


def _new_frame_edges(rules: list[Candidate], frames: list[Candidate]) -> list[Candidate]:
    """The parse-based frames add what the cue rules did not say about a pair in that sentence; where a
    rule already related the two mentions there, the rule's reading stands."""
    said = {(c.start, frozenset((id(c.source), id(c.target)))) for c in rules}
    return [c for c in frames if (c.start, frozenset((id(c.source), id(c.target)))) not in said]


def _outside_layout_tables(mine: RawExtraction, text: str) -> RawExtraction:
    """A fixed-width table's lines are cells, not prose: what the sentence reader made of them goes."""
    layout = [t.span for t in find_layout_tables(text)]
    if not layout:
        return mine
    inside = lambda a, z: any(x <= a and z <= y for x, y in layout)  # noqa: E731
    return RawExtraction(mentions=[m for m in mine.mentions if not inside(m.start, m.end)],
                         candidates=[c for c in mine.candidates if not inside(c.start, c.end)
                                     and not inside(c.source.start, c.source.end)
                                     and not inside(c.target.start, c.target.end)])


def _merge_structured(mine: RawExtraction, text: str, lang: str, main: Mention | None = None,
                      first_person: bool = False) -> RawExtraction:
    try:
        theirs = extract_structured(text, lang, own=main if first_person else None)
    except Exception:  # a defect there must not lose the sentence-level extraction
        return mine
    mine = _outside_layout_tables(mine, text)
    spans = sorted(((m.start, m.end, m) for m in theirs.mentions), key=lambda x: (x[0], x[1]))
    starts = [a for a, _, _ in spans]

    def overlapping(m: Mention) -> list[Mention]:
        k = bisect_right(starts, m.end)
        return [t for a, b, t in spans[max(0, k - 50):k] if a < m.end and m.start < b]

    # their mention replaces ours where both found one; our relations then point at theirs. Where
    # ours goes on past theirs ("Cluster X de l'Énergie Solaire" against their "Cluster X"), ours wins.
    replaced: dict[int, Mention | None] = {}
    theirs_to_ours: dict[int, Mention] = {}
    for m in mine.mentions:
        over = overlapping(m)
        if over and m is main:
            # the document's own organisation carries the first-person edges: it stays, theirs map onto it
            for t in over:
                if t.label == m.label:
                    theirs_to_ours[id(t)] = m
            if any(t.label == m.label for t in over):
                continue
        if over:
            same = [t for t in over if t.label == m.label]
            if len(same) == 1 and m.start == same[0].start and same[0].end < m.end and \
                    m.end - m.start > same[0].end - same[0].start and \
                    not re.search(r"(?:,|&|\band\b|\bet\b)", text[m.start:same[0].start] + text[same[0].end:m.end]):
                theirs_to_ours[id(same[0])] = m
                continue
            replaced[id(m)] = same[0] if len(same) == 1 else None
    if theirs_to_ours or main is not None:
        theirs = _retarget(theirs, theirs_to_ours, main, first_person)
    kept_m = [m for m in mine.mentions if id(m) not in replaced]
    projects = {norm(m.text) for m in theirs.mentions if m.kind == "project"}
    for m in kept_m:  # a roster's "Project name: X" makes X a project in the whole page ("the X project")
        if norm(m.text) in projects:
            m.label, m.kind = "Programme", "project"
    kept_c = []
    for c in mine.candidates:
        src = replaced.get(id(c.source), c.source) if id(c.source) in replaced else c.source
        tgt = replaced.get(id(c.target), c.target) if id(c.target) in replaced else c.target
        if src is None or tgt is None or src is tgt:
            continue
        if src is not c.source or tgt is not c.target:
            c = Candidate(c.type, src, tgt, c.start, c.end, c.method, c.confidence)
        kept_c.append(c)
    return RawExtraction(mentions=kept_m + list(theirs.mentions), candidates=kept_c + list(theirs.candidates))


def _retarget(theirs: RawExtraction, to_ours: dict[int, Mention], main: Mention | None,
              first_person: bool) -> RawExtraction:
    """Point the structured extractor's edges at our longer mentions, and give a list it could only
    attach to "the cluster named nearby" (implicit target) to the document's own organisation when
    the document speaks for it ("our members") or that cluster is a truncation of it."""
    cands, dropped = [], set()
    for c in theirs.candidates:
        src, tgt = to_ours.get(id(c.source), c.source), to_ours.get(id(c.target), c.target)
        if c.method == "partner-list":  # the page's organisation is the source there
            src, tgt = tgt, src
        if main is not None and c.method in ("member-list", "partner-list") and c.confidence <= CONF_LIST_IMPLICIT and \
                tgt is not main and src is not main and \
                (first_person or norm(main.text).startswith(norm(tgt.text)) or norm(tgt.text) in map(norm, main.aliases)):
            dropped.add(id(tgt))
            tgt = main
        if c.method == "partner-list":
            src, tgt = tgt, src
        if src is not c.source or tgt is not c.target:
            c = Candidate(c.type, src, tgt, c.start, c.end, c.method, c.confidence)
        cands.append(c)
    used = {id(c.source) for c in cands} | {id(c.target) for c in cands}
    mentions = [m for m in theirs.mentions if id(m) not in to_ours and (id(m) not in dropped or id(m) in used)]
    return RawExtraction(mentions=mentions, candidates=cands)
