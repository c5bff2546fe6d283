"""Readers: every fixture is generated here (tmp_path), never copied from the corpus."""
from __future__ import annotations

import io
import os
import random
import time

import pytest

from ecograph.errors import EcographError, ReadError
from ecograph.ingest import readers
from ecograph.ingest.readers import SUPPORTED_SUFFIXES, detect_language, read

EN_PARA = ("The regional innovation agency works with the university and local startups. "
           "It funds research projects that are led by small firms, and this year we "
           "expanded our programme to the health sector.")
FR_PARA = ("L'agence régionale d'innovation travaille avec l'université et les jeunes "
           "entreprises du territoire. Elle finance des projets de recherche qui sont "
           "menés par des PME, et cette année nous avons élargi notre programme à la santé.")


def write(tmp_path, name: str, content: bytes | str):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(p)


def make_pdf(pages: list[str], title: str | None = None) -> bytes:
    """A minimal PDF by hand: Helvetica, one content stream per page, exact xref offsets."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            ("<< /Type /Pages /Kids [%s] /Count %d >>" % (
                " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages))), len(pages))).encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, text in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        ops += [f"({esc(line)}) Tj T*" for line in text.split("\n") if line]
        stream = "\n".join(ops + ["ET"]).encode("cp1252")
        objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                     f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>").encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    if title is not None:
        objs.append(f"<< /Title ({esc(title)}) >>".encode("latin-1"))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objs) + 1)
    if title is not None:
        trailer += b" /Info %d 0 R" % len(objs)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# --- plain text and encodings ---------------------------------------------------------

def test_supported_suffixes_kept():
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}


def test_utf8_text(tmp_path):
    text = "  Rapport d’activité — 2024\n\nCafé, naïve, Straße, 東京, emoji 🚀.\n"
    doc = read(write(tmp_path, "a.txt", text))
    assert doc.text == text
    assert doc.title == "Rapport d’activité — 2024"
    assert doc.format == "txt"


def test_utf8_bom_is_not_text(tmp_path):
    doc = read(write(tmp_path, "bom.txt", b"\xef\xbb\xbfHello world.\n"))
    assert doc.text == "Hello world.\n"
    assert doc.title == "Hello world."


def test_latin1_french(tmp_path):
    text = FR_PARA + "\nÀ Noël, l'élève a reçu un prix à Besançon ; où est-il ?\n"
    doc = read(write(tmp_path, "fr.txt", text.encode("latin-1")))
    assert doc.text == text
    assert doc.language == "fr"


def test_cp1252_curly_quotes(tmp_path):
    text = "“Smart” quotes – it’s the partners’ choice… €5 • œuvre\n"
    doc = read(write(tmp_path, "q.txt", text.encode("cp1252")))
    assert doc.text == text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    text = "Première ligne\nSecond line with “quotes” and 東京.\n"
    data = text.encode(codec) if codec in ("utf-16", "utf-32") else ("\ufeff" + text).encode(codec)
    doc = read(write(tmp_path, "u.txt", data))
    assert doc.text == text
    assert doc.title == "Première ligne"


def test_utf16_without_bom(tmp_path):
    text = "Plain English text in UTF-16 without a byte order mark.\n"
    assert read(write(tmp_path, "le.txt", text.encode("utf-16-le"))).text == text
    assert read(write(tmp_path, "be.txt", text.encode("utf-16-be"))).text == text


def test_invalid_utf8_bytes_still_read(tmp_path):
    doc = read(write(tmp_path, "bad.txt", b"Valid start \xff\xfe broken \xc3\x28 valid end.\n"))
    assert doc.text.startswith("Valid start ")
    assert doc.text.endswith(" valid end.\n")
    assert "\x00" not in doc.text


def test_mixed_utf8_with_one_bad_byte_falls_back_to_cp1252(tmp_path):
    # Mostly cp1252 French with no valid UTF-8 sequence: accents must survive.
    text = "Le pôle de compétitivité réunit des entreprises, des écoles et des laboratoires.\n"
    assert read(write(tmp_path, "pc.txt", text.encode("cp1252"))).text == text


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_empty_document(tmp_path, content):
    path = write(tmp_path, "empty.txt", content)
    with pytest.raises(ReadError, match="empty document") as err:
        read(path)
    assert err.value.path == path and path in str(err.value)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64,
    random.Random(0).randbytes(4096),
    b"\x01\x02\x03\x04\x05\x06" * 100,
    b"ELF\x7f" + bytes(range(1, 32)) * 10,
    b"SQLite format 3\x00" + (b"\x00\x10\x00\x01plain ascii" * 50),   # valid UTF-8, many NULs
    "Café".encode("latin-1") + b"\x00 and more text after a NUL in non-UTF-8 bytes",
])
def test_binary_with_txt_name(tmp_path, data):
    with pytest.raises(ReadError, match="binary file, not text"):
        read(write(tmp_path, "image.txt", data))


def test_two_megabyte_single_line(tmp_path):
    line = "word " * 400_000 + "end."
    doc = read(write(tmp_path, "long.txt", line))
    assert doc.text == line
    assert len(doc.title) <= 200 and doc.title.startswith("word word")


def test_fifty_megabyte_text_file(tmp_path):
    line = (EN_PARA + "\n\n").encode("utf-8")
    data = line * (50_000_000 // len(line))
    path = write(tmp_path, "big.txt", data)
    start = time.monotonic()
    doc = read(path)
    elapsed = time.monotonic() - start
    assert len(doc.text) == len(data)
    assert doc.language == "en"
    assert elapsed < 30, f"reading 50 MB took {elapsed:.1f}s"


def test_size_limit(tmp_path, monkeypatch):
    path = write(tmp_path, "a.txt", "x" * 2000)
    monkeypatch.setenv("ECOGRAPH_MAX_BYTES", "1000")
    with pytest.raises(ReadError, match="too large") as err:
        read(path)
    assert err.value.hint and "ECOGRAPH_MAX_BYTES" in err.value.hint
    monkeypatch.setenv("ECOGRAPH_MAX_BYTES", "1K")
    with pytest.raises(ReadError, match="too large"):
        read(path)
    monkeypatch.setenv("ECOGRAPH_MAX_BYTES", "2M")
    assert read(path).text == "x" * 2000
    assert read(path, max_bytes=5000).text == "x" * 2000
    with pytest.raises(ReadError, match="too large"):
        read(path, max_bytes=10)


def test_default_size_limit(monkeypatch):
    monkeypatch.delenv("ECOGRAPH_MAX_BYTES", raising=False)
    assert readers.max_bytes_limit() == 64 * 1024 * 1024


@pytest.mark.parametrize("bad", ["lots", "-5", "0", "12 parsecs"])
def test_bad_size_limit_is_a_fatal_config_error(tmp_path, monkeypatch, bad):
    path = write(tmp_path, "a.txt", "hello")
    monkeypatch.setenv("ECOGRAPH_MAX_BYTES", bad)
    with pytest.raises(EcographError, match="ECOGRAPH_MAX_BYTES") as err:
        read(path)
    assert getattr(err.value, "fatal", False)


# --- normalisation --------------------------------------------------------------------

def test_normalisation(tmp_path):
    tail = "\nA longer line of ordinary prose, so two control bytes are a small minority."
    raw = "a\r\nb\rc\x01d\x07e\u00a0f\u202fg\x0ch cafe\u0301 \x85tab\there\x1b" + tail
    expected = "a\nb\ncde f g\nh café tab\there" + tail
    assert read(write(tmp_path, "n.txt", raw.encode("utf-8"))).text == expected
    # a stray NUL in otherwise valid UTF-8 or UTF-16 text is dropped, not a reason to refuse
    with_nul = raw.replace("\x01", "\x00")
    assert read(write(tmp_path, "n0.txt", with_nul.encode("utf-8"))).text == expected
    assert read(write(tmp_path, "n16.txt", with_nul.encode("utf-16"))).text == expected


def test_curly_quotes_are_kept(tmp_path):
    text = "It’s “quoted” — «guillemets».\n"
    assert read(write(tmp_path, "k.txt", text)).text == text


def test_text_is_a_pure_function_of_the_file(tmp_path):
    path = write(tmp_path, "p.md", "# Title\n\nSome *text* here.\r\n")
    assert read(path) == read(path)
    assert readers._normalise(read(path).text) == read(path).text


# --- Markdown -------------------------------------------------------------------------

MARKDOWN = """Intro line before the heading.

## The *Main* Title ##

Some **bold**, *italic*, _under_, ~~gone~~ and `code` words; snake_case_name stays.
A [link to partners](https://example.org/a_(b) "t") and an ![alt text](img.png).
A [reference link][ref] too. 2 * 3 * 4 stays.

> Quoted paragraph.

```python
print("fenced code")
```

Setext heading
--------------

[ref]: https://example.org/ref
"""


def test_markdown_strips_markup_keeps_text(tmp_path):
    doc = read(write(tmp_path, "doc.md", MARKDOWN))
    assert doc.format == "md"
    assert doc.title == "The Main Title"
    t = doc.text
    for kept in ["Intro line before the heading.", "\nThe Main Title\n",
                 "Some bold, italic, under, gone and code words; snake_case_name stays.",
                 "A link to partners and an alt text.", "A reference link too.",
                 "2 * 3 * 4 stays.", "\nQuoted paragraph.\n", 'print("fenced code")',
                 "Setext heading"]:
        assert kept in t, kept
    for gone in ["https://", "](", "**", "```", "##", "> ", "[ref]", "img.png"]:
        assert gone not in t, gone
    assert "\n\n" in t     # paragraphs survive for the sentence splitter


def test_markdown_title_first_heading_and_setext(tmp_path):
    assert read(write(tmp_path, "a.markdown", "Setext Title\n====\n\nBody.\n")).title == "Setext Title"
    assert read(write(tmp_path, "b.md", "No heading here.\n\nBody.\n")).title == "No heading here."


@pytest.mark.parametrize("chunk", ["[", "*a", "_a ", "](", "#", " ", "**a *b", "`", "![x](", "~~a", "<http:"])
def test_markdown_hostile_two_megabyte_line_is_linear(tmp_path, chunk):
    data = "Start " + chunk * (2_000_000 // len(chunk)) + " end."
    start = time.monotonic()
    doc = read(write(tmp_path, "hostile.md", data))
    assert time.monotonic() - start < 10
    assert doc.text.startswith("Start") or doc.text.lstrip().startswith("Start")


# --- HTML -----------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><title>Innovation report</title>
<script>var leaked = "SCRIPT_TEXT";</script><style>.x { content: "STYLE_TEXT"; }</style></head>
<body><nav><a href="/">Home</a> <a href="/about">NAV_TEXT about us</a></nav>
<header>HEADER_TEXT site banner</header>
<main><h1>Regional ecosystem overview</h1>
<p>The Grenoble innovation cluster brings together universities, research centres and
startups in a partnership that funds applied research every year.</p>
<p>Second paragraph: the investors in the region grew quickly in 2020, and the cluster
opened a new office in Lyon.</p>
<iframe src="https://ads.example">IFRAME_TEXT</iframe><noscript>NOSCRIPT_TEXT</noscript>
<script>document.write("INLINE_SCRIPT")</script>
</main><footer>FOOTER_TEXT copyright</footer></body></html>"""
HIDDEN = ["SCRIPT_TEXT", "STYLE_TEXT", "IFRAME_TEXT", "NOSCRIPT_TEXT", "INLINE_SCRIPT",
          "NAV_TEXT", "FOOTER_TEXT", "HEADER_TEXT"]


def _check_html_doc(doc):
    assert "The Grenoble innovation cluster brings together universities" in doc.text
    assert "opened a new office in Lyon." in doc.text
    for hidden in HIDDEN:
        assert hidden not in doc.text, hidden
    # one paragraph per block, blank line between, HTML line wrapping collapsed
    assert "research centres and startups" in doc.text
    assert "every year.\n\nSecond paragraph" in doc.text


def test_html_main_text(tmp_path):
    doc = read(write(tmp_path, "page.html", HTML))
    assert doc.format == "html" and doc.title == "Innovation report"
    _check_html_doc(doc)


def test_html_lxml_fallback_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "_trafilatura_text", lambda html: "")
    doc = read(write(tmp_path, "page.htm", HTML))
    _check_html_doc(doc)
    assert "Regional ecosystem overview\n\nThe Grenoble" in doc.text


def test_html_og_title_and_table(tmp_path):
    html = ("<html><head><title>Site | Page</title><meta property='og:title' content='Clean title'>"
            "</head><body><svg><title>icon</title></svg><article><p>Members of the network are listed below with their role "
            "in the consortium and the year they joined it.</p><table><tr><th>Name</th><th>Role</th>"
            "</tr><tr><td>Acme Labs</td><td>Member</td></tr></table></article></body></html>")
    doc = read(write(tmp_path, "t.html", html))
    assert doc.title == "Clean title" and "icon" not in doc.text
    no_og = html.replace("<meta property='og:title' content='Clean title'>", "")
    assert read(write(tmp_path, "t2.html", no_og)).title == "Site | Page"
    assert "Acme Labs" in doc.text and "Member" in doc.text


def test_html_declared_latin1_charset(tmp_path):
    html = ("<html><head><meta charset='iso-8859-1'><title>Été</title></head><body><p>"
            + FR_PARA + "</p></body></html>")
    doc = read(write(tmp_path, "fr.html", html.encode("latin-1")))
    assert doc.title == "Été"
    assert "élargi notre programme à la santé" in doc.text
    assert doc.language == "fr"


def test_html_with_xml_declaration_and_no_text(tmp_path):
    decl = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Hello there, reader.</p></body></html>'
    assert "Hello there, reader." in read(write(tmp_path, "x.html", decl)).text
    with pytest.raises(ReadError, match="empty document"):
        read(write(tmp_path, "s.html", "<html><body><script>x()</script></body></html>"))


@pytest.mark.parametrize("depth", [300, 3000, 100_000])
def test_deeply_nested_html(tmp_path, depth):
    html = ("<html><head><title>Deep</title></head><body>" + "<div>" * depth
            + "<p>Deep paragraph text inside the nesting.</p>" + "</div>" * depth
            + "<script>HIDDEN_SCRIPT</script><p>A paragraph after all the nesting.</p></body></html>")
    start = time.monotonic()
    doc = read(write(tmp_path, "deep.html", html))
    assert time.monotonic() - start < 20
    assert "Deep paragraph text inside the nesting." in doc.text
    assert "A paragraph after all the nesting." in doc.text
    assert "HIDDEN_SCRIPT" not in doc.text
    assert doc.title == "Deep"


def test_html_with_nul_bytes_is_binary(tmp_path):
    with pytest.raises(ReadError, match="binary"):
        read(write(tmp_path, "b.html", b"<html>\x00\x00\x00\x01\x02<body>x</body></html>"))


# --- PDF ------------------------------------------------------------------------------

def test_pdf_text_and_metadata_title(tmp_path):
    data = make_pdf(["Hello from page one.\nSecond line, café.", "Page two text here."],
                    title="Annual Report")
    doc = read(write(tmp_path, "r.pdf", data))
    assert doc.format == "pdf" and doc.title == "Annual Report"
    assert "Hello from page one." in doc.text and "café" in doc.text
    assert "café.\n\nPage two text here." in doc.text   # pages joined by a blank line


def test_pdf_title_falls_back_to_first_line(tmp_path):
    doc = read(write(tmp_path, "r.pdf", make_pdf(["Cluster Overview\nBody text."])))
    assert doc.title == "Cluster Overview"


def test_truncated_pdf(tmp_path, capfd):
    data = make_pdf(["Hello from page one.", "Page two."])
    path = write(tmp_path, "cut in half.pdf", data[: len(data) // 2])
    with pytest.raises(ReadError, match="corrupt or truncated PDF") as err:
        read(path)
    assert path in str(err.value)
    out, errout = capfd.readouterr()
    assert out == "" and errout == ""     # pypdf's logger is silenced


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\nthis is not really a pdf\n%%EOF\n",
    b"not a pdf at all\n%%EOF",
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF",
])
def test_corrupt_pdf(tmp_path, data, capfd):
    with pytest.raises(ReadError, match="corrupt or truncated PDF|no extractable text"):
        read(write(tmp_path, "bad.pdf", data))
    assert capfd.readouterr() == ("", "")


def test_pdf_without_text(tmp_path):
    with pytest.raises(ReadError, match=r"no extractable text \(scanned PDF\?\)"):
        read(write(tmp_path, "scan.pdf", make_pdf([""])))


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter
    base = make_pdf(["Secret partnership details."])
    for user_password, readable in (("s3cret", False), ("", True)):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        buf = io.BytesIO()
        writer.write(buf)
        path = write(tmp_path, f"enc{readable}.pdf", buf.getvalue())
        if readable:
            assert "Secret partnership details." in read(path).text
        else:
            with pytest.raises(ReadError, match="encrypted"):
                read(path)


# --- paths, OS errors, unknown types --------------------------------------------------

def test_path_with_spaces_and_non_ascii(tmp_path):
    path = write(tmp_path, "dossier été/rapport annuel – 2024 Ünïcødé.txt", EN_PARA)
    doc = read(path)
    assert doc.source == path and doc.text == EN_PARA
    missing = str(tmp_path / "dossier été" / "absent ça.txt")
    with pytest.raises(ReadError, match="no such file or directory") as err:
        read(missing)
    assert missing in str(err.value)


def test_pathlike_source_is_a_string(tmp_path):
    path = write(tmp_path, "a.txt", "Hello.")
    assert read(tmp_path / "a.txt").source == path


def test_directory_and_special_files(tmp_path):
    with pytest.raises(ReadError, match="is a directory"):
        read(str(tmp_path))
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read(str(fifo))
    with pytest.raises(ReadError, match="invalid path"):
        read("bad\x00name.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_permission_denied(tmp_path):
    path = write(tmp_path, "locked.txt", "secret")
    os.chmod(path, 0)
    try:
        with pytest.raises(ReadError, match="permission denied"):
            read(path)
    finally:
        os.chmod(path, 0o600)


def test_unknown_suffix_sniffed(tmp_path):
    assert read(write(tmp_path, "notes.log", EN_PARA)).format == "txt"
    assert read(write(tmp_path, "README", FR_PARA)).language == "fr"
    assert read(write(tmp_path, "page.xyz", HTML)).format == "html"
    assert "page two" in read(write(tmp_path, "doc.bin", make_pdf(["Hello", "page two"]))).text
    with pytest.raises(ReadError, match="unsupported file type"):
        read(write(tmp_path, "blob.dat", random.Random(1).randbytes(2048)))


def test_suffix_is_case_insensitive(tmp_path):
    assert read(write(tmp_path, "PAGE.HTML", HTML)).format == "html"
    assert read(write(tmp_path, "NOTES.MD", "# Hi\n\ntext")).title == "Hi"


# --- language -------------------------------------------------------------------------

def test_detect_language():
    assert detect_language(EN_PARA) == "en"
    assert detect_language(FR_PARA) == "fr"
    assert detect_language("") == "en"
    assert detect_language("Grenoble Lyon Minalogic 2024") == "en"     # unclear -> en
    # English text naming French organisations stays English
    assert detect_language("The Université de Lyon and the Pôle de Compétitivité signed "
                           "an agreement with the region, which is a partner of the cluster.") == "en"
    assert detect_language(FR_PARA + " " + EN_PARA[:60]) == "fr"


def test_language_in_document(tmp_path):
    assert read(write(tmp_path, "fr.md", "# Bilan\n\n" + FR_PARA)).language == "fr"
    assert read(write(tmp_path, "en.md", "# Report\n\n" + EN_PARA)).language == "en"
