"""What one file may make ingest read and spend (issue 15): no symlink out of an ingested
folder, nothing under /proc, /sys, /dev; a PDF bomb refused within bounds (pages, page
content, characters, time) while the good file beside it is stored; a multi-megabyte
single line cut into bounded sentences and chunks, its evidence still exact. Files are
built here; the CLI runs in a subprocess, as a user runs it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from ecograph.ingest import limits
from ecograph.ingest.pipeline import Skipped, collect_paths, ingest
from ecograph.ingest.readers import read
from ecograph.ingest.sentences import MAX_SENTENCE, chunks, split
from ecograph.ingest.workers import CHUNK_CHARS, extract_bounded, prepare

from test_hostile_input import pdf_from_objects

ECOGRAPH = str(Path(sys.executable).with_name("ecograph"))
GOOD = ("Orion Mechatronics Cluster is funded by the Northern Development Bank. "
        "Rif Motion Systems is a member of Orion Mechatronics Cluster.\n")
SECRET = "NEO4J_PASSWORD=hunter2-not-for-the-graph"


def cli(store: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {**os.environ, "ECOGRAPH_HOME": str(store), **(env or {})}
    full.pop("ECOGRAPH_STORE", None)
    return subprocess.run([ECOGRAPH, *args], capture_output=True, text=True, env=full, timeout=300)


def exported(store: Path) -> str:
    return cli(store, "export", "--format", "json", "-o", "-").stdout


# --- 1. symlinks and system files ---------------------------------------------------------

@pytest.fixture
def linked_folder(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "env").write_text(f"export {SECRET}\n")
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "good.txt").write_text(GOOD)
    (docs / "sub" / "inside.txt").write_text("Vega Agrifood Cluster signed a partnership with Orion Mechatronics Cluster.\n")
    (docs / "secret.txt").symlink_to(outside / "env")                     # out of the folder
    (docs / "relative.txt").symlink_to(Path("..") / "private" / "env")    # the same, relative
    (docs / "alias.txt").symlink_to(docs / "sub" / "inside.txt")           # stays inside: followed
    (docs / "environ.txt").symlink_to("/proc/self/environ")
    (docs / "zero.txt").symlink_to("/dev/zero")
    (docs / "linked-dir").symlink_to(outside, target_is_directory=True)
    return docs


def test_links_out_of_an_ingested_folder_are_not_followed_and_said_so(linked_folder, tmp_path):
    store = tmp_path / "store"
    r = cli(store, "ingest", str(linked_folder))
    assert r.returncode == 0, r.stderr
    for name, why in (("secret.txt", "outside"), ("relative.txt", "outside"), ("environ.txt", "outside"),
                      ("zero.txt", "outside"), ("linked-dir", "folder")):
        line = next((x for x in r.stderr.splitlines() if x.startswith("skipped:") and name in x), None)
        assert line is not None and why in line, (name, r.stderr)
    # good and inside; the alias inside the folder is followed (the same text: "unchanged")
    assert "2 ingested, 1 unchanged, 0 failed, 5 skipped" in r.stderr
    assert "hunter2" not in exported(store) and "hunter2" not in r.stderr


def test_a_link_inside_the_folder_to_proc_is_still_refused(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "proc").symlink_to("/proc/self", target_is_directory=True)
    (docs / "status.txt").symlink_to(docs / "proc" / "status")  # inside the folder by its path, /proc really
    got = dict(collect_paths([docs]))
    assert sorted(os.path.basename(p) for p in got) == ["proc", "status.txt"]
    assert all(isinstance(problem, Skipped) for problem in got.values())


def test_paths_under_proc_sys_dev_are_never_read_even_when_named(tmp_path, embedded_store):
    named = tmp_path / "named.txt"
    named.symlink_to("/proc/self/environ")
    for path in ("/proc/self/environ", "/sys/kernel/mm", "/sys/no-such-file", "/dev/zero", str(named), "/proc"):
        [(_, problem)] = collect_paths([path])
        assert isinstance(problem, Skipped) and "never read" in problem, path
    report = ingest(embedded_store, ["/proc/self/status"])
    assert report.skipped and not report.ingested and not report.failed


def test_a_file_link_named_on_the_command_line_is_the_users_choice(tmp_path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(GOOD)
    link = tmp_path / "docs" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(outside)
    assert collect_paths([link]) == [(str(link), None)]


# --- 2. PDF bombs -----------------------------------------------------------------------

def shared_stream_pdf(pages: int, content: bytes) -> bytes:
    """A PDF whose `pages` pages all draw the same (deflated) content stream."""
    packed = zlib.compress(content, 9)
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
             b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"] * pages
    return pdf_from_objects(objs)


LINE = b"BT /F1 12 Tf 72 720 Td (Orion Cluster partners with Vega Network.) Tj ET\n"


def test_the_probes_pdf_is_refused_under_the_default_bounds_and_the_good_file_is_stored(tmp_path):
    """Pages sharing one stream that inflates to 40 MB: a few hundred KB on disk (the probe's
    had 2,000 pages, past the page bound too; 900 here, so the content bound must act)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    bomb = shared_stream_pdf(900, LINE * (40 * 1024 * 1024 // len(LINE)))
    assert len(bomb) < 1024 * 1024
    (docs / "bomb.pdf").write_bytes(bomb)
    (docs / "good.txt").write_text(GOOD)
    store = tmp_path / "store"
    r = cli(store, "ingest", str(docs), env={"ECOGRAPH_MAX_PDF_CONTENT": "", "ECOGRAPH_MAX_PDF_PAGES": ""})
    assert r.returncode == 1
    [line] = [x for x in r.stderr.splitlines() if x.startswith("error:")]
    assert "bomb.pdf" in line and "page content expands to more than" in line
    assert "1 ingested" in r.stderr and "Orion Mechatronics Cluster" in exported(store)


@pytest.mark.parametrize("setting, value, words", [
    ("ECOGRAPH_MAX_PDF_PAGES", "10", "too many pages: 50 (limit 10)"),
    ("ECOGRAPH_MAX_PDF_CONTENT", "100K", "page content expands to more than 102400 bytes by page 2 of 50"),
    ("ECOGRAPH_EXTRACT_MAX_CHARS", "10000", "more than 10000 characters of text by page"),
    ("ECOGRAPH_MAX_SECONDS", "0.000001", "took more than 1e-06 s"),
])
def test_each_pdf_bound_refuses_with_a_clear_reason(tmp_path, monkeypatch, setting, value, words):
    path = tmp_path / "many.pdf"
    path.write_bytes(shared_stream_pdf(50, LINE * 1000))  # 72 KB of content per page
    monkeypatch.setenv(setting, value)
    prep = prepare(str(path), frozenset(), False)
    assert prep.problem is not None and words in prep.problem, prep.problem
    assert not prep.problem.startswith(str(path))


def test_the_deadline_is_checked_between_pages(tmp_path):
    ticks = iter(range(100))
    d = limits.Deadline("x.pdf", seconds=3, clock=lambda: next(ticks))
    d.check(), d.check()
    with pytest.raises(limits.ReadError, match="took more than 3 s"):
        d.check()


def test_a_bad_limit_setting_stops_the_run_once(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    monkeypatch.setenv("ECOGRAPH_MAX_SECONDS", "soon")
    prep = prepare(str(tmp_path / "a.txt"), frozenset(), False)
    assert prep.fatal is not None and "ECOGRAPH_MAX_SECONDS" in prep.fatal[0]


# --- 3. one giant line --------------------------------------------------------------------

SENTENCES = [
    "Orion Mechatronics Cluster is funded by the Northern Development Bank.",
    "Rif Motion Systems is a member of Orion Mechatronics Cluster.",
    "Vega Agrifood Cluster signed a partnership agreement with Orion Mechatronics Cluster.",
    "The regional council published its annual report on innovation and exports.",
]


def test_over_long_sentences_are_cut_and_spans_stay_exact():
    text = "members include " + ", ".join(f"Company {i} Holding" for i in range(2000)) + ".\n" + \
           "word " * 5000
    got = split(text)
    assert len(got) > 10 and max(len(s.text) for s in got) <= MAX_SENTENCE
    assert all(text[s.start:s.end] == s.text for s in got)


def test_chunks_cover_a_single_line_exactly_at_sentence_ends():
    line = " ".join(SENTENCES * 20_000)  # 5.6 MB, no line break at all
    spans = chunks(line, CHUNK_CHARS)
    assert spans[0][0] == 0 and spans[-1][1] == len(line) and len(spans) > 20
    assert all(a == b for (_, a), (b, _) in zip(spans, spans[1:]))
    assert all(b - a <= CHUNK_CHARS for a, b in spans)
    assert all(line[b - 2:b] == ". " for _, b in spans[:-1])  # cut after a sentence


def test_a_long_single_line_is_extracted_in_chunks_with_exact_evidence(tmp_path, monkeypatch):
    """Chunked extraction finds what the text says, with offsets into the whole text."""
    monkeypatch.setattr("ecograph.ingest.workers.CHUNK_CHARS", 2000)
    path = tmp_path / "line.txt"
    path.write_text(" ".join(SENTENCES * 40))  # one line, ~11,000 characters, 6+ chunks
    raw = read(str(path))
    ex = extract_bounded(raw)
    assert ex.candidates and max(c.end for c in ex.candidates) > 9000
    for c in ex.candidates:
        assert raw.text[c.start:c.end].strip() in SENTENCES
    for m in ex.mentions:
        assert " ".join(raw.text[m.start:m.end].split()) == m.text


def test_a_single_line_past_the_extractors_limit_is_refused_without_repeating_the_path(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    path.write_text(" ".join(SENTENCES * 100))
    monkeypatch.setenv("ECOGRAPH_EXTRACT_MAX_CHARS", "5000")
    prep = prepare(str(path), frozenset(), False)
    assert prep.problem.startswith("too long for extraction:") and str(path) not in prep.problem
