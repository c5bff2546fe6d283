"""Property tests: whatever bytes a file holds, `read` returns a clean document or raises
ReadError, never anything else."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from ecograph.errors import ReadError
from ecograph.ingest import readers
from ecograph.ingest.readers import detect_language, read

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".pdf", ".htm", ".markdown", ".dat", ""])
# Starts that steer random bytes past the first checks into the decoders and parsers.
PREFIXES = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4\n",
                            b"<!DOCTYPE html><html><body><p>", b"# Title\n\n", b"\x89PNG\r\n"])
SUFFIX_BYTES = st.sampled_from([b"", b"\n%%EOF\n", b"</p></body></html>", b"\nstartxref\n0\n%%EOF"])
DISALLOWED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\ud800-\udfff]")


def _check(path: str) -> None:
    try:
        doc = read(path)
    except ReadError as exc:
        assert exc.path == path and exc.problem and "\n" not in exc.problem
        return
    assert isinstance(doc.text, str) and doc.text.strip()
    assert "\x00" not in doc.text
    assert not DISALLOWED.search(doc.text)
    assert doc.source == path
    assert isinstance(doc.title, str) and len(doc.title) <= readers.TITLE_MAX
    assert doc.language in ("en", "fr")
    assert doc.format in ("txt", "md", "html", "pdf")
    assert readers._normalise(doc.text) == doc.text


@SETTINGS
@given(data=st.binary(max_size=4096), suffix=SUFFIXES)
def test_random_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / f"fuzz{suffix}")
        Path(path).write_bytes(data)
        _check(path)


@SETTINGS
@given(prefix=PREFIXES, data=st.binary(max_size=2048), end=SUFFIX_BYTES, suffix=SUFFIXES)
def test_structured_random_bytes(prefix, data, end, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / f"fuzz{suffix}")
        Path(path).write_bytes(prefix + data + end)
        _check(path)


@SETTINGS
@given(text=st.text(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_random_text(text, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / f"fuzz{suffix}")
        Path(path).write_bytes(text.encode("utf-8", errors="surrogatepass"))
        _check(path)


PROSE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"))
                | st.sampled_from("\n\t\r"), max_size=2000)


@SETTINGS
@given(text=PROSE)
def test_plain_text_round_trips_up_to_normalisation(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "prose.txt")
        Path(path).write_bytes(text.encode("utf-8"))
        expected = readers._normalise(text)
        if not expected.strip():
            return
        assert read(path).text == expected


@SETTINGS
@given(text=st.text(max_size=3000))
def test_normalise_is_idempotent_and_clean(text):
    once = readers._normalise(text)
    assert readers._normalise(once) == once
    assert not DISALLOWED.search(once)


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from("#*_`[]()!<>~-=| \nab:/"), max_size=500))
def test_strip_markdown_never_fails(text):
    assert isinstance(readers.strip_markdown(text), str)
    assert detect_language(text) in ("en", "fr")
