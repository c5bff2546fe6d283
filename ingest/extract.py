"""Extraction entry point: `extract(raw) -> RawExtraction`.

sentences (`sentences.py`) → mentions (`entities.py`: gazetteers + capitalised names, labels
and kinds from `kinds.py` and context) → relation candidates (`patterns/`: cue lexicons per
language and sentence structure) → merged with the structured-text extractor (`tables.py`,
when present), whose mentions win where both found one.
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
from .patterns import Arg, Engine, Sent, _matchers, fronted_participle
from .references import CONF_OWN, Recent, RecentProgrammes, head_references, own_programmes
from .frames import demonym_edges, frame_candidates, is_list_gap, parse_sentences, veto, with_institutions
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
    text = raw.text
    limit = max_chars()
    if len(text) > limit:
        raise EcographError(f"{raw.source}: too long for sentence extraction: {len(text)} characters "
                            f"(limit {limit})", hint="split the document, or raise ECOGRAPH_EXTRACT_MAX_CHARS")
    toks = tokenize(text)
    if not toks:
        return _merge_structured(RawExtraction(), text, raw.language if raw.language in ("en", "fr") else "en")
    lang = _language(raw, toks)
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    sents: list[Sent] = []
    ranges = []
    for s in split(text, wrapped=raw.format not in ("html", "md")):
        a = bisect_left(starts, s.start)
        b = bisect_right(ends, s.end)
        if b > a:
            sents.append(Sent(a, b, s.start, s.end, question=s.text.rstrip().endswith("?"), heading=s.heading))
            ranges.append((a, b, s))
    names, place_chunks, sector_chunks = detect(toks, ranges, lang)
    docs, names = _parse_and_veto(lang, text, toks, sents, names, place_chunks)
    names, place_chunks = with_institutions(lang, docs, sents, toks, names, place_chunks)

    # --- mentions ------------------------------------------------------------------------
    sent_of = {}
    for n, s in enumerate(sents):
        for k in range(s.a, s.b):
            sent_of[k] = n
    mentions: list[Mention] = []
    args_by_sent: dict[int, list[Arg]] = {}
    votes: dict[str, Counter] = {}
    pending: list[tuple[Mention, Chunk]] = []
    for ch in names:
        s = sents[sent_of[ch.i]]
        name = surface(toks, ch.i, ch.j)
        label, kind = ch.label, ch.kind
        if label is None:
            label, kind = classify(name)
            said = programme_by_its_head(toks, ch, s.b) if label in ("Organisation", None) else None
            if said:
                label, kind = "Programme", said
        if label is None:
            label, kind = context_label(toks, ch, s.a, s.b)
        m = Mention(name, toks[ch.i].start, toks[ch.j - 1].end, label or "?", kind, aliases=list(ch.aliases),
                    country=ch.country)
        if label:
            votes.setdefault(norm(name), Counter())[(label, kind)] += 1
        pending.append((m, ch))
        mentions.append(m)
        args_by_sent.setdefault(sent_of[ch.i], []).append(Arg(m, ch.i, ch.j, max(ch.ext, ch.j)))
    for m, ch in pending:  # one label per name in a document: 'the Innov Idea program' labels every 'Innov Idea'
        if m.label == "?":
            v = votes.get(norm(m.text))
            if v:
                (m.label, m.kind) = v.most_common(1)[0][0]
            else:
                m.label, m.kind = "Organisation", None
    place_list = []
    for ch in place_chunks:
        m = Mention(surface(toks, ch.i, ch.j), toks[ch.i].start, toks[ch.j - 1].end, "Place", ch.kind,
                    canonical=ch.canonical, country=ch.country)
        place_list.append(m)
        sents[sent_of[ch.i]].places.append(Arg(m, ch.i, ch.j, ch.j))
    for c in sector_chunks:
        sents[sent_of[c.i]].sectors.append((c.i, c.j, c.canonical))

    # --- first person and anaphora -----------------------------------------------------------
    _, _, misc, _ = _matchers(lang)
    doc = Doc(nlp(lang).vocab, words=[t.f for t in toks])
    refs_by: dict[int, list] = {}
    for mid, i, j in misc(doc):
        if doc.vocab.strings[mid] in ("WE", "ANA", "ANA_PROG", "ANA_LAST") and i in sent_of:
            refs_by.setdefault(sent_of[i], []).append((doc.vocab.strings[mid], i, j))
    first_person = any(k == "WE" for refs in refs_by.values() for k, _, _ in refs)
    main = _main_org(sents, args_by_sent, first_person)
    main_prog = _title_programme(sents, args_by_sent)
    recent = Recent()                  # the actors named in the last sentences ("the Bank", « l'Agence »)
    replaced: set[int] = set()         # bare heads the name finder took for names ("Bank")
    topic: Mention | None = main       # the organisation the text is about now ("the cluster")
    topic_age = 0
    last_subject: Mention | None = None  # the previous sentence's subject ("It is funded by …")
    programmes = RecentProgrammes(main_prog)  # the programmes last named ("the project is run by …")
    last_named: Mention | None = None  # the organisation named last ("the latter")
    for n, s in enumerate(sents):
        args = sorted(args_by_sent.get(n, []), key=lambda x: x.i)
        taken = [(x.i, x.j) for x in args]
        for key, i, j in sorted(refs_by.get(n, [])):
            if not (s.a <= i < s.b) or any(i < b and a < j for a, b in taken):
                continue
            target = None
            named = j < s.b and toks[j].cap and toks[j].f not in ("-", "(")  # "the cluster Agrinnov": a name follows
            if key == "WE" and main is not None:
                target = main
            elif key == "ANA":
                word = toks[i + (1 if j - i > 1 else 0)].f
                if word in ("it", "il", "elle"):
                    target = last_subject if i - s.a <= 1 else None
                elif not named and word in ("cluster", "pole") and main is not None and main.kind == "cluster" \
                        and not (topic is not None and topic.kind == "cluster" and topic_age <= 3):
                    target = main  # in a cluster's own text, "the cluster" is that cluster
                elif not named and topic is not None and topic_age <= 3 and \
                        (topic.kind in (None, "cluster") or word not in ("cluster", "pole")):
                    target = topic
            elif key == "ANA_PROG" and not named:
                target = programmes.meant(toks[j - 1].f, n)
            elif key == "ANA_LAST" and last_named is not None:
                target = last_named  # "the latter", "cette dernière": the organisation named last before
            if target is not None:
                args.append(Arg(target, i, j, j, coref=True))
        added, bare = head_references(toks, s, n, args, recent, lang)
        if added:
            replaced.update(id(x.m) for x in bare)
            args = [x for x in args if all(x is not y for y in bare)] + added
        # a capitalised 'Cluster' standing alone is, in a cluster's own text, that cluster
        if main is not None and main.kind == "cluster":
            for k in range(s.a, s.b):
                if toks[k].text == "Cluster" and not any(x.i <= k < x.j for x in args):
                    args.append(Arg(main, k, k + 1, k + 1, coref=True))
        s.args = sorted(args, key=lambda x: x.i)
        first = next((x for x in s.args if not x.coref and x.m.label == "Organisation"), None)
        if first is not None and (first.i - s.a) <= 3:
            topic, topic_age = first.m, 0
        else:
            topic_age += 1
        lead = s.args[0] if s.args and s.args[0].i - s.a <= 3 else None
        if s.b - s.a > 3 and fronted_participle(toks, s.a):
            # "Porté par le CTNB …, le projet X aide …": the subject is after the fronted clause
            comma = next((k for k in range(s.a, s.b) if toks[k].f == ","), None)
            lead = next((x for x in s.args if comma is not None and x.i > comma and x.i - comma <= 4), None)
        if lead is None and s.args and s.args[0].i - s.a <= 10 and "," in [t.f for t in toks[s.a:s.args[0].i]]:
            lead = s.args[0]  # "Créé en 2016, le CMA …": the subject after a fronted clause
        last_subject = lead.m if lead is not None else None
        named_orgs = [x for x in s.args if x.m.label == "Organisation" and not x.coref]
        if named_orgs:
            last_named = named_orgs[-1].m
        progs = [x for x in s.args if x.m.label == "Programme" and not x.coref]
        if progs:
            programmes.add(progs[0].m, n)
        recent.add(n, s.args)
    if replaced:
        still = {id(x.m) for s in sents for x in s.args}
        mentions = [m for m in mentions if id(m) not in replaced or id(m) in still]

    # --- relations -----------------------------------------------------------------------------
    sector_mentions: dict[tuple[int, int], Mention] = {}

    def make_sector(i, j, canon):
        key = (i, j)
        if key not in sector_mentions:
            sector_mentions[key] = Mention(surface(toks, i, j), toks[i].start, toks[j - 1].end, "Sector",
                                           canonical=canon)
        return sector_mentions[key]

    pl_names, demonyms = places()
    extra_places: dict[tuple[int, int], Mention] = {}

    def place_at(i, j, p):
        key = (i, j)
        if key not in extra_places:
            extra_places[key] = Mention(surface(toks, i, j), toks[i].start, toks[j - 1].end, "Place", p.kind,
                                        canonical=p.name, country=p.country)
        return Arg(extra_places[key], i, j, j)

    def demonym(k):
        p = demonyms.get(toks[k].f)
        if p is None:
            return None
        return lambda k: place_at(k, k + 1, p)

    def country_tail(x: Arg):
        if x.m.label != "Organisation" or x.j - x.i < 2:
            return None
        for n in (2, 1):
            if x.j - x.i <= n:
                continue
            p = pl_names.get(" ".join(t.f for t in toks[x.j - n:x.j]))
            k = x.j - n - 1
            while k > x.i and toks[k].f in ("the", "la", "le", "l'", "les"):
                k -= 1  # "Embassy of the Netherlands": the country is the name's complement, not a tag
            if p is not None and p.kind == "country" and toks[k].f not in ("of", "de", "du", "d'", "for", "in"):
                return place_at(x.j - n, x.j, p)
        return None

    eng = Engine(lang, toks, text, sents, main, make_sector)
    eng.demonym = demonym
    eng.country_tail = country_tail
    candidates = eng.run()
    funds_that_act(candidates, mentions)  # before the frames read the labels
    candidates += _new_frame_edges(candidates, frame_candidates(lang, sents, docs, toks) +
                                   demonym_edges(lang, sents, docs, toks, demonym) +
                                   listed_partner_edges(text, sents, lang) + own_partner_edges(text, sents, lang) +
                                   project_partner_edges(text, sents, lang))
    candidates = money_support_is_funding(candidates, text)
    relabelled = {norm(t) for t in eng.relabel}
    for m, _ in pending:  # one label per name: a programme named as such once is one everywhere
        if norm(m.text) in relabelled and m.label == "Organisation" and m.kind is None:
            m.label = "Programme"

    if first_person:
        for prog, s in own_programmes(toks, sents, main, lang, text):
            prog.label = "Programme"
            candidates.append(Candidate("RUNS", main, prog, s.start, s.end, "own-programme", CONF_OWN))
    mentions.extend(place_list)
    mentions.extend(extra_places.values())
    mentions.extend(sector_mentions.values())
    out = RawExtraction(mentions=mentions, candidates=candidates)
    return _merge_structured(out, text, lang, main, first_person)


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


def _main_org(sents: list[Sent], args_by_sent, first_person: bool) -> Mention | None:
    """The organisation the document is about: named in its title, its one dominant cluster, or, when
    the text speaks in the first person ("we", "nous"), its one dominant organisation. Mentions of a
    defined acronym ("Long Name (ACR)" … "ACR") count for the long name."""
    for n in range(min(2, len(sents))):
        if not sents[n].heading:
            break  # only a title line names the document's subject
        for x in sorted(args_by_sent.get(n, []), key=lambda x: x.i):
            if x.m.label == "Organisation":
                return x.m
            if x.m.label == "Programme":
                return None
        if sents[n].heading:
            break
    alias_of: dict[str, str] = {}
    for xs in args_by_sent.values():
        for x in xs:
            for a in x.m.aliases:
                alias_of.setdefault(norm(a), norm(x.m.text))
    counts, cluster_counts = Counter(), Counter()
    first: dict[str, Mention] = {}
    for xs in args_by_sent.values():
        for x in xs:
            if x.m.label != "Organisation":
                continue
            k = alias_of.get(norm(x.m.text), norm(x.m.text))
            counts[k] += 1
            if x.m.kind == "cluster" or first.get(k) is not None and first[k].kind == "cluster":
                cluster_counts[k] += 1
            if x.m.aliases or k not in first:
                first[k] = x.m if k not in first or x.m.aliases else first[k]
    for c in (cluster_counts, counts):
        top = c.most_common(2)
        if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 2 * top[1][1]):
            if c is counts and not first_person:
                return None
            return first[top[0][0]]
    return None


def _title_programme(sents: list[Sent], args_by_sent) -> Mention | None:
    """The programme a document's title names ("X selects five clusters for the Y Accelerator")."""
    if sents and sents[0].heading:
        progs = [x for x in args_by_sent.get(0, []) if x.m.label == "Programme"]
        if progs:
            return progs[0].m
    return None


def _merge_structured(mine: RawExtraction, text: str, lang: str, main: Mention | None = None,
                      first_person: bool = False) -> RawExtraction:
    try:
        theirs = extract_structured(text, lang)
    except Exception:  # a defect there must not lose the sentence-level extraction
        return mine
    # a fixed-width table's lines are cells, not prose: what the sentence reader made of them goes
    layout = [t.span for t in find_layout_tables(text)]
    if layout:
        inside = lambda a, z: any(x <= a and z <= y for x, y in layout)  # noqa: E731
        mine = RawExtraction(mentions=[m for m in mine.mentions if not inside(m.start, m.end)],
                             candidates=[c for c in mine.candidates if not inside(c.start, c.end)
                                         and not inside(c.source.start, c.source.end)
                                         and not inside(c.target.start, c.target.end)])
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
