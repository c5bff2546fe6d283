"""Readers: a file on disk -> `RawDocument` (normalised text, title, language, format).

Every input is treated as hostile: whatever the bytes, `read` returns a document or
raises `ReadError` naming the file; it never prints, exits, or leaks a parser's own
exception. The returned text is a pure function of the file's bytes, because evidence
offsets downstream index into exactly this string.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import unicodedata
from pathlib import Path

from ecograph.errors import EcographError, ReadError
from ecograph.languages import detect_language
from . import limits
from .decoding import SAMPLE as _SAMPLE, decode as _decode, quiet as _quiet
from .metadata import describe, strip_front_matter
from .types import RawDocument

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
_FORMAT_BY_SUFFIX = {".txt": "txt", ".md": "md", ".markdown": "md",
                     ".html": "html", ".htm": "html", ".pdf": "pdf"}

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
TITLE_MAX = 200


def read(path: str, *, max_bytes: int | None = None) -> RawDocument:
    """Read one document. Raises `ReadError(path, problem)` for anything unreadable."""
    source = path if isinstance(path, str) else os.fspath(path)
    data = _load(source, max_bytes if max_bytes is not None else max_bytes_limit())
    fmt = _FORMAT_BY_SUFFIX.get(Path(source).suffix.lower()) or _sniff(source, data)
    title = ""
    if fmt == "pdf":
        text, title = _read_pdf(source, data)
    elif fmt == "html":
        text, title = _read_html(source, data)
    else:
        text = _normalise(_decode(source, data))
        if fmt == "md":
            text = strip_front_matter(text)  # metadata, not prose (ingest/metadata.py reads it)
            title = _markdown_title(text)
            text = strip_markdown(text)
    text = _normalise(text)
    if not text.strip():
        raise ReadError(source, "empty document")
    title = _clean_title(title) or _first_line(text) or Path(source).stem
    return describe(RawDocument(source=source, text=text, title=title,
                                language=detect_language(text), format=fmt), data)


# --- loading --------------------------------------------------------------------------

def max_bytes_limit() -> int:
    """The size limit: `$ECOGRAPH_MAX_BYTES` (bytes, or with a K/M/G suffix), default 64 MiB."""
    raw = os.environ.get("ECOGRAPH_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    m = re.fullmatch(r"(\d+)\s*([kmg]?)(?:i?b)?", raw, re.IGNORECASE)
    if not m or int(m.group(1)) <= 0:
        # A configuration mistake, not a property of any one file: `fatal` makes the
        # ingest loop stop and report it once instead of failing every document.
        err = EcographError(f"ECOGRAPH_MAX_BYTES must be a positive size in bytes, got {raw!r}",
                            hint="e.g. ECOGRAPH_MAX_BYTES=134217728 or 128M")
        err.fatal = True
        raise err
    return int(m.group(1)) * 1024 ** " kmg".index(m.group(2).lower() or " ")


def _os_reason(exc: BaseException) -> str:
    reason = getattr(exc, "strerror", None) or str(exc)
    return reason[:1].lower() + reason[1:]


def _load(path: str, limit: int) -> bytes:
    try:
        st = os.stat(path)
    except ValueError as exc:          # e.g. "embedded null byte" in the path
        raise ReadError(path, f"invalid path: {exc}") from exc
    except OSError as exc:
        raise ReadError(path, _os_reason(exc)) from exc
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(path, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        # FIFOs would block forever and devices may never end.
        raise ReadError(path, "not a regular file")
    too_large = f"too large: {{}} bytes (limit {limit})"
    hint = "raise the limit with ECOGRAPH_MAX_BYTES"
    if st.st_size > limit:
        raise ReadError(path, too_large.format(st.st_size), hint=hint)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)   # the file may have grown since stat
    except OSError as exc:
        raise ReadError(path, _os_reason(exc)) from exc
    if len(data) > limit:
        raise ReadError(path, too_large.format(f"more than {limit}"), hint=hint)
    return data


def _sniff(path: str, data: bytes) -> str:
    """Format of a file whose suffix we don't know: PDF by magic, else text if it decodes."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    try:
        text = _decode(path, data)
    except ReadError as exc:
        raise ReadError(path, "unsupported file type (not text, HTML or PDF)") from exc
    head = text[:1024].lstrip().lower()
    return "html" if head.startswith(("<!doctype html", "<html")) else "txt"


# --- normalisation --------------------------------------------------------------------

# Controls other than \t and \n are dropped, except that vertical tab / form feed (page
# breaks in text dumps) become newlines so words on either side don't fuse; no-break
# spaces (incl. the narrow one French typography puts before ; : ! ?) become spaces;
# lone surrogates (possible from PDF strings) become U+FFFD so the text can be encoded.
_NORMALISE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u2007\u202f\ud800-\udfff]")


_NORMALISE_MAP = {"\x0b": "\n", "\x0c": "\n", "\u00a0": " ", "\u2007": " ", "\u202f": " "}


def _normalise_char(m: re.Match) -> str:
    c = m.group()
    return _NORMALISE_MAP.get(c, "\ufffd" if "\ud800" <= c <= "\udfff" else "")


def _normalise(text: str) -> str:
    """NFC; CRLF/CR -> LF; controls removed; no-break spaces -> space. Idempotent."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NORMALISE_RE.sub(_normalise_char, text)
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _clean_title(title: str | None) -> str:
    if not isinstance(title, str):
        return ""
    title = " ".join(_normalise(title).split())
    return title[:TITLE_MAX].rstrip()


def _first_line(text: str) -> str:
    m = re.search(r"\S[^\n]*", text)     # linear: no backtracking into the match
    return _clean_title(m.group()) if m else ""


# --- Markdown -------------------------------------------------------------------------
# Every pattern is linear on hostile input (e.g. one 2 MB line of "[" or "*"): bracketed
# and emphasised spans exclude their own delimiters, so each attempt stops at the next one.

_MD_BLOCK = [
    (re.compile(r"^ {0,3}(?:`{3,}|~{3,})[^\n]*", re.M), ""),              # code fences
    (re.compile(r"^ {0,3}(?:=+|-{3,})[ \t]*$", re.M), ""),                 # setext / rules
    (re.compile(r"^ {0,3}\[(?!\^)[^\[\]\n]+\]:[ \t]*\S[^\n]*", re.M), ""),  # link definitions
    (re.compile(r"^(?: {0,3}>[ \t]?)+", re.M), ""),                        # blockquote markers
]
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)([^\n]*)", re.M)
_URL = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_INLINE = [
    (re.compile(r"!?\[([^\[\]\n]*)\]" + _URL), r"\1"),                     # [text](url), images
    (re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]"), r"\1"),                # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),                 # <autolinks>
    (re.compile(r"`([^`\n]+)`"), r"\1"),                                   # inline code
    (re.compile(r"~~([^~\n]+)~~"), r"\1"),                                 # strikethrough
    # italic before bold: `*x*` cannot match inside `**x**` (its lookarounds refuse a
    # neighbouring `*`), and `**a *b* c**` only matches bold once the inner pair is gone.
    (re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"\*\*([^*\n]+)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![\w*])"), r"\1"),
    # underscores only at word boundaries, so snake_case_names survive
    (re.compile(r"(?<![\w_])_(?![\s_])([^_\n]+?)(?<![\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"(?<![\w_])__([^_\n]+)__(?![\w_])"), r"\1"),
]


def _heading_text(m: re.Match) -> str:
    content = m.group(1).strip()
    trimmed = content.rstrip("#")      # optional closing hashes: "## Title ##"
    if trimmed != content and (not trimmed or trimmed[-1] in " \t"):
        content = trimmed.rstrip()
    return content


def _strip_inline(text: str) -> str:
    for pattern, repl in _MD_INLINE:
        text = pattern.sub(repl, text)
    return text


def strip_markdown(text: str) -> str:
    """Markdown -> prose: link URLs, heading #'s, emphasis, fences go; the words stay.
    Lines are kept (a removed marker line stays as an empty line) so paragraphs survive;
    tables and list markers are left for the extractor."""
    for pattern, repl in _MD_BLOCK:
        text = pattern.sub(repl, text)
    return _strip_inline(_MD_HEADING.sub(_heading_text, text))


def _markdown_title(text: str) -> str:
    """First ATX (`# x`) or setext (`x` over `===`) heading in the first 64k characters."""
    lines = text[:_SAMPLE].split("\n")
    for i, line in enumerate(lines):
        m = _MD_HEADING.match(line)
        if m and _heading_text(m):
            return _strip_inline(_heading_text(m))
        if line.strip() and i + 1 < len(lines) and re.fullmatch(r" {0,3}=+[ \t]*", lines[i + 1]):
            return _strip_inline(line.strip())
    return ""


# --- HTML -----------------------------------------------------------------------------

_SKIP_TAGS = set("script style nav header footer iframe noscript template svg head title "
                 "object embed select".split())
_BLOCK_TAGS = set("""p div section article main aside h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr
    table thead tbody tfoot caption blockquote pre figure figcaption form fieldset address
    hr body html details summary center option""".split())
# trafilatura works on a tree: libxml2 silently drops everything past 256 levels of nesting
# and trafilatura walks trees recursively, so deeper pages go to the streaming reader only.
_TREE_DEPTH_LIMIT = 200
_PRUNE_XPATH = ["//nav", "//iframe", "//noscript", "//script", "//style", "//template"]


class _HTMLText:
    """An lxml parser *target*: libxml2 streams start/end/data events to it without
    building a tree, so neither its depth limit nor Python recursion applies. Collects
    the body minus script/style/nav/header/footer/iframe/noscript as paragraphs separated
    by blank lines, the <title>/og:title, and the nesting depth."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.title: list[str] = []
        self.og_title, self.in_title = "", False
        self.skip = self.depth = self.max_depth = 0

    def start(self, tag: str, attrib) -> None:
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        # the document's first <title>, not an SVG icon's later in the body
        self.in_title = self.in_title or (tag == "title" and not self.title)
        if tag == "meta" and attrib.get("property") == "og:title":
            self.og_title = attrib.get("content") or ""
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif not self.skip:
            if tag in _BLOCK_TAGS:
                self.flush()
            elif tag == "br":
                self.current.append("\n")
            elif tag in ("td", "th"):
                self.current.append(" ")

    def end(self, tag: str) -> None:
        self.depth -= 1
        self.in_title = self.in_title and tag != "title"
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif not self.skip and tag in _BLOCK_TAGS:
            self.flush()

    def data(self, text: str) -> None:
        if self.in_title:
            self.title.append(text)
        elif not self.skip:
            # a newline in HTML source is just whitespace; only <br> breaks a line
            self.current.append(text.replace("\n", " "))

    def flush(self) -> None:
        para = _collapse("".join(self.current))
        if para:
            self.blocks.append(para)
        self.current = []

    def close(self) -> None:
        self.flush()


def _collapse(text: str) -> str:
    """HTML whitespace is not significant: collapse runs, keep explicit line breaks."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _read_html(path: str, data: bytes) -> tuple[str, str]:
    from lxml import etree
    m = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]+)""", data[:4096], re.I)
    html = _normalise(_decode(path, data, declared=m.group(1).decode("ascii") if m else None))
    sink = _HTMLText()
    parser = etree.HTMLParser(target=sink, encoding="utf-8", huge_tree=True)
    # libxml2 recovers from nearly anything; what it still refuses (e.g. no markup at
    # all) leaves whatever was streamed so far, and no text means "empty document".
    with contextlib.suppress(etree.LxmlError, ValueError):
        etree.fromstring(html.encode("utf-8"), parser)
    sink.close()
    text = _trafilatura_text(html) if sink.max_depth <= _TREE_DEPTH_LIMIT else ""
    return text or "\n\n".join(sink.blocks), sink.og_title.strip() or "".join(sink.title)


def _trafilatura_text(html: str) -> str:
    """Main content via trafilatura, one paragraph per block. Any failure (it is a
    heuristic library running on hostile markup) means 'nothing', and we fall back."""
    try:
        import trafilatura
        with _quiet():
            # trafilatura falls back to "all text" on thin pages; navigation and embeds
            # are never prose, so they go first (header/footer can hold article titles).
            doc = trafilatura.bare_extraction(html, include_comments=False,
                                              include_tables=True, with_metadata=False,
                                              prune_xpath=_PRUNE_XPATH)
        if doc is None or getattr(doc, "body", None) is None:
            return ""
        return _body_blocks(doc.body)
    except Exception:   # noqa: BLE001 - includes RecursionError
        return ""


def _body_blocks(body) -> str:
    """trafilatura's XML body -> text: blocks separated by blank lines, <lb/> as newline,
    tables as Markdown pipe tables (the same shape a .md file's table has)."""
    for lb in body.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    blocks = [_collapse(body.text or "")]
    for child in body:
        if child.tag == "list":
            blocks.extend(_collapse("".join(item.itertext())) for item in child)
        elif child.tag == "table":
            rows = []
            for i, row in enumerate(child.iter("row")):
                cells = [" ".join("".join(c.itertext()).split()) for c in row.iter("cell")]
                rows.append("| " + " | ".join(cells) + " |")
                if i == 0 and cells and all(c.get("role") == "head" for c in row.iter("cell")):
                    rows.append("|" + "---|" * len(cells))
            blocks.append("\n".join(rows))
        else:
            blocks.append(_collapse("".join(child.itertext())))
        blocks.append(_collapse(child.tail or ""))
    return "\n\n".join(b for b in blocks if b)


# --- PDF ------------------------------------------------------------------------------

def _read_pdf(path: str, data: bytes) -> tuple[str, str]:
    corrupt = "corrupt or truncated PDF: "
    if b"%PDF-" not in data[:1024]:
        raise ReadError(path, corrupt + "no %PDF header")
    # The spec ends every PDF with %%EOF; pypdf's recovery mode would otherwise return
    # whatever pages survive a cut-off download without telling us.
    if b"%%EOF" not in data[-8192:]:
        raise ReadError(path, corrupt + "no end-of-file marker (file cut short?)")
    from pypdf import PdfReader
    with _quiet():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:     # owner-password-only PDFs open with an empty user password
                    opened = reader.decrypt("")
                except Exception:   # noqa: BLE001 - e.g. AES without the crypto dependency
                    opened = 0
                if not opened:
                    raise ReadError(path, "encrypted PDF (needs a password)",
                                    hint="save an unencrypted copy and read that")
            pages = _pdf_pages(path, reader, corrupt)
            title = ""
            with contextlib.suppress(Exception):
                title = reader.metadata.title if reader.metadata else ""
        except ReadError:
            raise
        except Exception as exc:   # noqa: BLE001 - pypdf raises many types on hostile files
            raise ReadError(path, corrupt + _brief(exc)) from exc
    text = "\n\n".join(p for p in pages if p)
    if not _normalise(text).strip():
        raise ReadError(path, "no extractable text (scanned PDF?)",
                        hint="run OCR on it first (e.g. ocrmypdf)")
    return text, title if isinstance(title, str) else ""


def _pdf_pages(path: str, reader, corrupt: str) -> list[str]:
    """Each page's text, within the bounds of `ingest.limits` (pages, decoded content,
    characters, time): a small file can expand to gigabytes of page content."""
    deadline = limits.Deadline(path)
    max_pages, max_content, max_chars = limits.max_pdf_pages(), limits.max_pdf_content(), limits.max_chars()
    count = len(reader.pages)
    if count > max_pages:
        raise ReadError(path, f"too many pages: {count} (limit {max_pages})",
                        hint="raise the limit with ECOGRAPH_MAX_PDF_PAGES, or split the PDF")
    pages: list[str] = []
    content = chars = 0
    for number, page in enumerate(reader.pages, start=1):
        deadline.check()
        try:
            stream = page.get_contents()
            content += len(stream.get_data()) if stream is not None else 0
            if content > max_content:
                raise ReadError(path, f"page content expands to more than {max_content} bytes "
                                      f"by page {number} of {count}; refused",
                                hint="raise the limit with ECOGRAPH_MAX_PDF_CONTENT (e.g. 1G)")
            text = (page.extract_text() or "").strip()
        except ReadError:
            raise
        # one bad page fails the file: returning the rest would lose text silently
        except Exception as exc:  # noqa: BLE001
            raise ReadError(path, f"{corrupt}page {number}: {_brief(exc)}") from exc
        chars += len(text)
        if chars > max_chars:
            raise ReadError(path, f"too long: more than {max_chars} characters of text by page "
                                  f"{number} of {count}; refused",
                            hint="raise the limit with ECOGRAPH_EXTRACT_MAX_CHARS, or split the PDF")
        pages.append(text)
    return pages


def _brief(exc: BaseException) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg[:200]
