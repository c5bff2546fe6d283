"""What a document says about itself: title, publication date, URL, site (SCHEMA.md).

- HTML: trafilatura's metadata (JSON-LD, meta tags), the canonical link, `og:` tags,
  `article:published_time`, the first `<time datetime>`;
- PDF: its document information (title, creation date) and, for a title, the first
  heading-like line when the metadata has none or a tool's placeholder;
- Markdown: YAML-style front matter (`---` / `key: value` / `---`), which the reader
  also removes from the text (`strip_front_matter`), so it never reaches extraction;
- plain text: leading `Title:` / `Date:` / `URL:` / `Site:` lines, or a date alone on
  one of the first lines.

Nothing is guessed: a date that is not clearly one date is dropped with a warning
naming the document (`RawDocument.warnings`), a URL that is not http(s) likewise.
"""
from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

from ecograph.dates import parse_date
from ecograph.urls import web_url

from .decoding import decode, quiet
from .types import RawDocument

_HEAD = 2_000_000      # characters of HTML looked at: metadata sits at the top
_LEAD_LINES = 12       # lines of a text file looked at for a header
_KEYS = {  # field names people use in front matter, headers and manifests -> ours
    "title": "title", "headline": "title",
    "date": "published", "published": "published", "pubdate": "published",
    "publication_date": "published", "published_at": "published", "datepublished": "published",
    "url": "url", "link": "url", "canonical": "url", "source_url": "url", "permalink": "url",
    "site": "site", "publisher": "site", "site_name": "site", "sitename": "site",
    "titre": "title", "publié": "published", "publie": "published",
}
# PDF producers' placeholders that are no title
_NO_TITLE = re.compile(r"(?i)^(?:untitled|sans titre|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pptx?|odt|pdf|tex))$")


def describe(doc: RawDocument, data: bytes) -> RawDocument:
    """`doc` with the metadata its own bytes state (title replaced only by a better one)."""
    found: dict[str, str] = {}
    try:
        if doc.format == "html":
            found = _html(decode(doc.source, data, declared=_declared_charset(data)))
        elif doc.format == "pdf":
            found = _pdf(data, doc.text)
        elif doc.format == "md":
            found = front_matter(decode(doc.source, data).replace("\r\n", "\n"))[0]
        else:
            found = _text_header(doc.text)
            if "title" not in found and _HEADING_SKIP.match(doc.title):
                # "Abstract. The emergence of ...", "• energy": no title; the file's name says more
                found["title"] = first_heading("\n".join(doc.text.split("\n")[:5])) or _stem_title(doc.source)
    except Exception:  # noqa: BLE001 - metadata is a bonus: a parser's failure leaves the document as read
        found = {}
    return apply(doc, found, doc.source, doc.warnings)


def apply(doc, found: dict, name: str, warnings: list[str]):
    """Set title/url/published/site on `doc` (a RawDocument or a Document) from `found`,
    checking each; what cannot be used is reported in `warnings`, naming `name`."""
    title = " ".join(str(found.get("title") or "").split())[:200]
    if title:
        doc.title = title
    if found.get("url"):
        url = web_url(found["url"])
        if url:
            doc.url = url
        else:
            warnings.append(f"{name}: url {str(found['url'])[:100]!r} ignored (not an http or https address)")
    if found.get("published"):
        date = parse_date(found["published"])
        if date:
            doc.published = date
        else:
            warnings.append(f"{name}: date {str(found['published'])[:100]!r} ignored "
                            "(not a date as YYYY, YYYY-MM, YYYY-MM-DD or '4 March 2021')")
    site = " ".join(str(found.get("site") or "").split())[:200]
    if site:
        doc.site = site
    return doc


def fields(pairs) -> dict[str, str]:
    """Our fields from (key, value) pairs whose keys are any of `_KEYS` (first one wins)."""
    out: dict[str, str] = {}
    for key, value in pairs:
        key = str(key).strip().lower().replace("-", "_").replace(" ", "_")
        value = str(value).strip().strip("\"'").strip()
        ours = _KEYS.get(key)
        if key in ("source", "from"):  # "Source: https://..." is an address, "Source: Le Monde" a site
            ours = "url" if web_url(value) else "site"
        if ours and value and ours not in out:
            out[ours] = value
    return out


# --- HTML ---------------------------------------------------------------------------

def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii") if m else None


def _html(html: str) -> dict[str, str]:
    from lxml import html as lxml_html
    html = html[:_HEAD]
    out: dict[str, str] = {}
    tree = lxml_html.fromstring(html.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    meta = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        if key and m.get("content") and key not in meta:
            meta[key] = m.get("content")
    canonical = next((link.get("href") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")), None)
    times = [t.get("datetime") for t in tree.iter("time") if t.get("datetime")]
    traf = _trafilatura_metadata(tree)
    # the reader's title (og:title, else <title>) stands; trafilatura's only when there is none
    has_title = any((t.text_content() or "").strip() for t in tree.iter("title"))
    out["title"] = meta.get("og:title") or ("" if has_title else traf.get("title") or "")
    out["url"] = canonical or meta.get("og:url") or traf.get("url") or ""
    out["published"] = (meta.get("article:published_time") or meta.get("datepublished")
                        or traf.get("date") or (times[0] if times else "") or meta.get("date") or "")
    out["site"] = meta.get("og:site_name") or traf.get("sitename") or ""
    return {k: v for k, v in out.items() if v}


def _trafilatura_metadata(tree) -> dict[str, str]:
    """trafilatura's metadata (JSON-LD, Dublin Core, meta tags, htmldate without its
    extensive text search): title, url, date, sitename; {} when it fails."""
    try:
        import trafilatura
        with quiet():
            got = trafilatura.extract_metadata(tree, extensive=False)
        return {k: v for k, v in (got.as_dict() if got else {}).items() if isinstance(v, str) and v}
    except Exception:  # noqa: BLE001 - a heuristic library on hostile markup
        return {}


# --- PDF ------------------------------------------------------------------------------

def _pdf(data: bytes, text: str) -> dict[str, str]:
    from pypdf import PdfReader
    out: dict[str, str] = {}
    with quiet(), contextlib.suppress(Exception):
        info = PdfReader(io.BytesIO(data), strict=False).metadata or {}
        title = info.get("/Title")
        if isinstance(title, str) and title.strip() and not _NO_TITLE.match(title.strip()):
            out["title"] = title
        raw = info.get("/CreationDate")
        m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", raw) if isinstance(raw, str) else None
        if m:
            out["published"] = "-".join(p for p in m.groups() if p)
        elif isinstance(raw, str) and raw.strip():
            out["published"] = raw
        for key in ("/URL", "/Url", "/Source"):
            if isinstance(info.get(key), str):
                out["url"] = info[key]
                break
    if "title" not in out:
        heading = first_heading(text)
        if heading:
            out["title"] = heading
    return out


_HEADING_SKIP = re.compile(r"(?i)^(?:abstract|résumé|resume|summary|table of contents|contents|sommaire|"
                           r"page \d+|\d+|[•·\-–*]\s.*)\b")


def first_heading(text: str) -> str:
    """The first line that reads like a heading: a few words, mostly letters, not a
    section word ("Abstract"), a bullet or a page number, not ending a sentence."""
    for line in text[:5000].split("\n")[:40]:
        line = " ".join(line.split())
        letters = sum(c.isalpha() for c in line)
        if not (2 <= len(line.split()) <= 20) or letters < 0.6 * len(line):
            continue
        if _HEADING_SKIP.match(line) or line.endswith((".", ",", ";")) or line[0].islower():
            continue
        return line
    return ""


# --- Markdown and plain text ------------------------------------------------------------

def _stem_title(source: str) -> str:
    stem = re.sub(r"[-_]+", " ", Path(source).stem).strip()
    return stem[:1].upper() + stem[1:]


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.{0,20000}?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_PAIR = re.compile(r"^([A-Za-zÀ-ÿ_][\w -]{0,40}?)\s*:\s*(.+?)\s*$")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """(fields of a leading `---` block of `key: value` lines, the text after it)."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    pairs = [p.groups() for p in map(_PAIR.match, m.group(1).split("\n")) if p]
    if not pairs:
        return {}, text
    return fields(pairs), text[m.end():]


def strip_front_matter(text: str) -> str:
    return front_matter(text)[1]


def _text_header(text: str) -> dict[str, str]:
    lines = [line.strip() for line in text[:4000].split("\n") if line.strip()][:_LEAD_LINES]
    pairs = []
    for line in lines:
        m = _PAIR.match(line)
        if m and m.group(1).strip().lower().replace(" ", "_").replace("-", "_") in (*_KEYS, "source"):
            pairs.append(m.groups())
    out = fields(pairs)
    header = [line for line in lines if parse_date(line) or any(line == ":".join(p) or line.startswith(p[0] + ":")
                                                                  for p in pairs)]
    if "title" not in out and lines and lines[0] in header:
        # the header opens the text: the title is the first line after it
        rest = [line for line in lines if line not in header]
        if rest and len(rest[0]) <= 200:
            out["title"] = rest[0]
    if "published" not in out:
        date = next((line for line in lines[:3] if parse_date(line)), None)
        if date:
            out["published"] = date
    return out
