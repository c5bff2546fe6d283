"""Property tests across the pipeline: readers, extractor and resolver on random and
ecosystem-like input never raise anything but `ReadError`, and keep their span promises:

* readers: a document or `ReadError`; the text is a pure function of the bytes and can be
  hashed and stored (UTF-8 encodable, no NUL);
* `extract()`: every span inside the text; a mention's surface is its span with whitespace
  normalised; candidates carry a known relation type, a method and a confidence in (0, 1];
* `Resolver`: evidence `text[start:end] == sentence`; relations only between entities of
  allowed labels; every mention lands in exactly one entity; ids are stable when the same
  document is resolved again, from scratch or against a store that already holds it;
* the whole loop (`ingest()` into an embedded store) on random files never raises.
"""
from __future__ import annotations

import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, assume, given, note, settings, strategies as st

from ecograph.errors import ReadError
from ecograph.ids import document_id, label_of
from ecograph.ingest.extract import extract
from ecograph.ingest.pipeline import ingest
from ecograph.ingest.readers import read
from ecograph.ingest.resolve import Resolver
from ecograph.ingest.types import Candidate, Mention, RawDocument, RawExtraction
from ecograph.model import LABELS, RELATION_TYPES, SYMMETRIC, Document, allowed
from ecograph.store.embedded import EmbeddedStore

SETTINGS = settings(max_examples=60, deadline=None, report_multiple_bugs=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])
ENTITY_LABELS = [x for x in LABELS if x != "Document"]
HANG_SECONDS = 30


@contextmanager
def no_hang(what: str):
    """Turn a hang on one example into a failure that names it."""
    def boom(*_):
        raise TimeoutError(f"{what} took more than {HANG_SECONDS}s on one example")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def ws(s: str) -> str:
    return " ".join(s.split())


# --- readers ------------------------------------------------------------------------

SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".htm", ".pdf", ".markdown"])
STARTS = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"%PDF-1.5\n", b"<html><body>", b"# T\n",
                          b"<?xml version='1.0' encoding='utf-16'?>", b"<meta charset='shift_jis'>"])


def _read_checked(path: str):
    with no_hang(f"read({path!r})"):
        try:
            doc = read(path)
        except ReadError as exc:
            assert exc.path == path and exc.problem.strip()
            return None
    assert isinstance(doc.text, str) and doc.text.strip()
    doc.text.encode("utf-8")  # storable and hashable: no lone surrogates
    assert "\x00" not in doc.text
    assert doc.source == path and isinstance(doc.title, str) and "\n" not in doc.title
    assert isinstance(doc.language, str) and doc.language
    return doc


@SETTINGS
@given(start=STARTS, body=st.binary(max_size=4000), suffix=SUFFIXES)
def test_readers_on_random_bytes(start, body, suffix):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / ("f" + suffix)
        p.write_bytes(start + body)
        first = _read_checked(str(p))
        second = _read_checked(str(p))
        assert (first is None) == (second is None)
        if first is not None:
            assert (first.text, first.title, first.language) == (second.text, second.title, second.language)


@SETTINGS
@given(text=st.text(max_size=2000), suffix=SUFFIXES,
       codec=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "mac_roman"]))
def test_readers_on_random_text_in_random_encodings(text, suffix, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / ("f" + suffix)
        p.write_bytes(data)
        _read_checked(str(p))


# --- extract ------------------------------------------------------------------------

NAMES = ["Orion Mechatronics Cluster", "Cluster Menara", "Menara Cluster", "MDFC", "MDFC Morocco",
         "Pôle Énergie Sud", "Ministère de l'Industrie", "GIZ", "the European Union", "Union européenne",
         "Carthage Green Tech Cluster", "THE NEXT SOCIETY", "Startup Maroc", "Agence Française de Développement",
         "Tangier", "Casablanca", "Tunisia", "Horizon Europe", "Smart Factory Voucher programme",
         "L'Oréal", "AT&T Labs", "Rif Motion Systems", "Université Mohammed V", "O'Neil & Sons",
         "Cluster Électronique & Mécatronique (CE3M)", "Coastal Robotics Association (CRA)",
         "'}) DETACH DELETE n //", "İstanbul Tech", "Straße GmbH", "ÆON", "X", "A-B", "A_B", "a b"]
EN = ["{a} is funded by {b}.", "{a} is a member of {b}.", "{a} signed a partnership agreement with {b}.",
      "{a}, in partnership with {b}, launched the {p}.", "{a} is supported by {b} and {c}.",
      "Members of {a} include {b}, {c} and {d}.", "{a} takes part in {p}.", "{a} is located in {b}.",
      "We hope that {a} will one day join {b}.", "The {p} is financed by {a}.", "{a} ({b}) was founded in 2014."]
FR = ["{a} est financé par {b}.", "{a} est membre de {b}.", "{a} a signé une convention avec {b}.",
      "{a} est accompagné par {b}.", "Les membres de {a} sont {b}, {c} et {d}.", "{a} participe au {p}."]
SEPS = st.sampled_from([" ", "\n", "\n\n", "  \t", "\n- ", "\n• ", "; ", "\r\n", "\u00a0", "\n\n## "])


@st.composite
def ecosystem_text(draw):
    lang = draw(st.sampled_from(["en", "fr"]))
    templates = EN if lang == "en" else FR
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        t = draw(st.sampled_from(templates))
        names = {k: draw(st.sampled_from(NAMES) | st.text(min_size=1, max_size=20)) for k in "abcd"}
        names["p"] = draw(st.sampled_from(["THE NEXT SOCIETY programme", "Horizon Europe", "Smart Factory Voucher programme",
                                           "Green Export Programme", "programme"]))
        s = t.format(**names)
        if draw(st.booleans()):
            s = s.replace(" ", draw(st.sampled_from([" ", "  ", "\n", " \u00a0"])), draw(st.integers(0, 2)))
        parts.append(s)
        parts.append(draw(SEPS))
    return lang, "".join(parts)


def check_extraction(text: str, raw: RawExtraction) -> None:
    n = len(text)
    for m in raw.mentions:
        assert 0 <= m.start < m.end <= n, m
        assert m.label in ENTITY_LABELS, m
        assert m.text == ws(text[m.start:m.end]), (m, text[m.start:m.end])
    for c in raw.candidates:
        assert 0 <= c.start < c.end <= n, c
        assert c.type in RELATION_TYPES and c.type != "MENTIONED_IN", c
        assert isinstance(c.method, str) and c.method, c
        assert 0 < c.confidence <= 1, c
        for m in (c.source, c.target):
            assert 0 <= m.start < m.end <= n and m.label in ENTITY_LABELS, (c.type, m)


def _extract(text: str, lang: str = "en", fmt: str = "txt") -> RawExtraction:
    raw = RawDocument(source="fuzz.txt", text=text, title="fuzz", language=lang, format=fmt)
    with no_hang("extract()"):
        return extract(raw)


@SETTINGS
@given(text=st.text(max_size=1500), lang=st.sampled_from(["en", "fr"]),
       fmt=st.sampled_from(["txt", "md", "html", "pdf"]))
def test_extract_on_random_unicode(text, lang, fmt):
    check_extraction(text, _extract(text, lang, fmt))


@SETTINGS
@given(doc=ecosystem_text())
def test_extract_on_ecosystem_like_sentences(doc):
    lang, text = doc
    raw = _extract(text, lang)
    note(f"{len(raw.mentions)} mentions, {len(raw.candidates)} candidates")
    check_extraction(text, raw)
    # and the whole document resolves with exact evidence
    check_resolution(text, raw)


# --- resolve ------------------------------------------------------------------------

def check_resolution(text: str, raw: RawExtraction):
    doc = Document(id=document_id(text), source="fuzz.txt", title="fuzz", language="en")
    with no_hang("Resolver.resolve()"):
        ext = Resolver().resolve(doc, text, raw)
    ents = {e.id: e for e in ext.entities}
    assert len(ents) == len(ext.entities), "one entity per id"
    for e in ext.entities:
        assert label_of(e.id) == e.label, e
        assert set(e.mentions) == {doc.id} and e.mentions[doc.id] > 0, e
    assert sum(e.mentions[doc.id] for e in ext.entities) == len(raw.mentions), \
        "every mention belongs to exactly one entity"
    keys = [r.key for r in ext.relations]
    assert len(keys) == len(set(keys)), "one relation per (type, source, target)"
    for r in ext.relations:
        assert r.source in ents and r.target in ents and r.source != r.target, r
        assert allowed(r.type, ents[r.source].label, ents[r.target].label), r
        if r.type in SYMMETRIC:
            assert r.source < r.target, r
        assert r.evidence
        for ev in r.evidence:
            assert ev.document == doc.id
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.sentence, ev
            assert 0 <= ev.confidence <= 1
    # resolving again, from scratch: the same answer
    again = Resolver().resolve(doc, text, raw)
    assert _shape(again) == _shape(ext)
    # resolving again against a store that already holds the document: the same ids
    with tempfile.TemporaryDirectory() as d:
        store = EmbeddedStore(Path(d) / "s")
        store.add(ext)
        known = Resolver.for_store(store).resolve(doc, text, raw)
    assert sorted(e.id for e in known.entities) == sorted(ents), "ids drift when the store already knows them"
    assert sorted(r.key for r in known.relations) == sorted(keys)
    return ext


def _shape(ext):
    return (sorted((e.id, e.label, e.name, e.kind, tuple(sorted(e.aliases)), tuple(sorted(e.mentions.items())))
                   for e in ext.entities),
            sorted((r.key, tuple((ev.start, ev.end, ev.method) for ev in r.evidence)) for r in ext.relations))


@st.composite
def mentions_and_candidates(draw):
    """A text made of names and filler, mentions on the names, candidates between random pairs."""
    pieces, spans, pos = [], [], 0
    for _ in range(draw(st.integers(1, 12))):
        filler = draw(st.sampled_from([" and ", ". ", " is funded by ", "\n", ", ", " (", ") ", " est membre de "]))
        name = draw(st.sampled_from(NAMES) | st.text(min_size=1, max_size=15).filter(lambda s: s.strip()))
        pieces += [filler, name]
        start = pos + len(filler)
        spans.append((start, start + len(name)))
        pos = start + len(name)
    text = "".join(pieces) + draw(st.sampled_from([".", "", "\n"]))
    mentions = []
    for s, e in spans:
        surface = text[s:e]
        lead = len(surface) - len(surface.lstrip())
        trail = len(surface) - len(surface.rstrip())
        s, e = s + lead, e - trail
        mentions.append(Mention(
            text=ws(text[s:e]), start=s, end=e, label=draw(st.sampled_from(ENTITY_LABELS)),
            kind=draw(st.none() | st.sampled_from(["cluster", "funder", "company", "programme", "city", "other"])),
            aliases=draw(st.lists(st.sampled_from(NAMES) | st.text(max_size=8), max_size=2)),
            canonical=draw(st.none() | st.sampled_from(NAMES)),
            country=draw(st.none() | st.sampled_from(["Morocco", "Tunisia"])),
            founded=draw(st.none() | st.integers(1900, 2030))))
    candidates = []
    for _ in range(draw(st.integers(0, 15))):
        a = draw(st.sampled_from(mentions))
        b = draw(st.sampled_from(mentions))
        s = draw(st.integers(0, len(text)))
        e = draw(st.integers(s, len(text)))
        if e == s:
            continue
        if draw(st.booleans()):  # an equal but not identical Mention object, as some extractors hand over
            b = Mention(**{k: getattr(b, k) for k in ("text", "start", "end", "label", "kind", "aliases",
                                                      "canonical", "country", "founded")})
        candidates.append(Candidate(type=draw(st.sampled_from([t for t in RELATION_TYPES if t != "MENTIONED_IN"])),
                                    source=a, target=b, start=s, end=e,
                                    method=draw(st.sampled_from(["fuzz", "en-cue-funding", "member-list"])),
                                    confidence=draw(st.floats(0.01, 1.0))))
    return text, RawExtraction(mentions=[m for m in mentions if m.text], candidates=candidates)


@SETTINGS
@given(data=mentions_and_candidates())
def test_resolver_on_random_mentions(data):
    text, raw = data
    check_resolution(text, raw)


# --- the whole loop -------------------------------------------------------------------

@settings(max_examples=25, deadline=None, report_multiple_bugs=False,
          suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(SUFFIXES, st.one_of(st.binary(max_size=2000),
                                                    ecosystem_text().map(lambda d: d[1].encode("utf-8")))),
                      min_size=1, max_size=5))
def test_ingest_loop_on_random_files_never_raises(files):
    with tempfile.TemporaryDirectory() as d:
        corpus = Path(d) / "corpus"
        corpus.mkdir()
        for i, (suffix, data) in enumerate(files):
            (corpus / f"f{i}{suffix}").write_bytes(data)
        with EmbeddedStore(Path(d) / "store", writable=True) as store, no_hang("ingest()"):
            report = ingest(store, [corpus])
            assert len(report.ingested) + len(report.unchanged) + len(report.failed) == len(files)
            for source, why in report.failed:
                assert why.strip() and "\n" not in why, (source, why)
            assert not [w for _, w in report.failed if w.startswith("internal error")], report.failed
            data = store.export()
        with EmbeddedStore(Path(d) / "store") as again:
            assert again.export() == data
