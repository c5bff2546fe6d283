"""Sentence segmentation that survives PDF-flattened text, bullets and headings.

spaCy's sentencizer only looks at punctuation; our documents also break sentences
with layout (a heading line, a bullet, a blank line between web paragraphs) and,
in text flattened from PDFs, break lines *inside* sentences. So segmentation is
ours: a line break ends a sentence unless the line is "full" (close to the page
width of the document, measured from its own line lengths) and does not end with
final punctuation. Offsets always refer to the original text; spans are stripped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from .fields_vocab import field_tables, label_key

# Abbreviations after which a period does not end a sentence (lower-cased, no period).
_ABBREV = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "nr", "vol", "fig", "eng", "fr", "ar", "e.g",
           "i.e", "etc", "al", "vs", "cf", "p", "pp", "mme", "mlle", "m", "ed", "eds", "inc", "ltd",
           "co", "jr", "sr", "approx", "art", "n°", "dh", "resp"}
_BULLET = re.compile(r"^[ \t\u00a0]*(?:[•●▪◦‣∙·\-–—*]|\(?\d{1,2}[.)]|[a-z][.)])[ \t\u00a0]+")
_FINAL = ".!?:;"
# A labelled field of a project page ("Lead executing agency: Ministry of X", « Maître d'ouvrage : Y »)
# starts its own line: the line before it is not wrapped into it, whatever its length.
_FIELD_LINE = re.compile(r"^[ \t]*(?P<label>[^\W\d_][\w'’()/&.-]*(?:[ \t]+[\w'’()/&.-]+){0,5}?)[ \t]*:[ \t]*\S")


def _opens_a_field(line: str) -> bool:
    m = _FIELD_LINE.match(line)
    if not m:
        return False
    t, key = field_tables(), label_key(m.group("label"))
    return key in t.roles or key in t.programme or key in t.programme_weak
# a line ending with a hyphen glued to its word ("manage-") or a connector word is continued on
# the next line; a dash after a space ("… in Egypt -") closes a headline and continues nothing.
# Searched in the line's last characters only (one before the longest word, for its \b): a
# search over the whole line tries every position of it
_CONTINUED = re.compile(r"(?:(?<=\w)[-–]|\b(?:of|the|and|for|de|du|des|la|le|et|in|to|a))$")
_CONTINUED_TAIL = 4
# Longer "sentences" (a list run on without punctuation, a text with no line breaks nor
# sentence ends) are cut at a space before this many characters, so the extractor's cost
# per sentence stays bounded whatever the text.
MAX_SENTENCE = 2000


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str           # == document text[start:end]
    heading: bool = False  # a short line without final punctuation (title, section heading)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _full_width(text: str, lines: list[tuple[int, int]]) -> int:
    """Length from which a line counts as 'full' (wrapped by the page, not ended by the author).

    Web text has one paragraph per line (hundreds of characters), so its median long line
    is long and no ordinary line is 'full'. PDF text has many lines near the page width."""
    lens = [len(text[a:b].strip()) for a, b in lines]
    long_ = [n for n in lens if n >= 40]
    if len(long_) < 5:
        return 10 ** 9
    m = median(long_)
    if m > 160:  # paragraphs, not wrapped lines
        return 10 ** 9
    return int(m * 0.72)


def _blank_ends_paragraph(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether an empty line ends a paragraph here. Text double-spaced throughout (a PDF whose wraps
    show as \n\n) has almost no line followed directly by another; a text that also has runs of
    adjacent lines (a list, wrapped paragraphs) spaces paragraphs, not lines, with its empty lines."""
    full = [bool(text[a:b].strip()) for a, b in lines]
    pairs = [(x, y) for x, y in zip(full, full[1:]) if x]
    adjacent = sum(1 for _, y in pairs if y)
    return len(pairs) >= 4 and adjacent >= _ADJACENT_SHARE * len(pairs)


# the share of non-empty lines followed directly by another from which empty lines space paragraphs
_ADJACENT_SHARE = 0.2


def split(text: str, *, wrapped: bool = True) -> list[Sentence]:
    """Sentences of `text` as stripped spans of the original string. `wrapped=False` for text that
    no page ever wrapped (HTML, Markdown): there every line break the author made ends a line."""
    lines = _line_spans(text)
    width = _full_width(text, lines) if wrapped else 10 ** 9
    paragraphs = wrapped and _blank_ends_paragraph(text, lines)
    # 1. blocks: runs of lines joined by soft (wrap) breaks
    blocks: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    prev_soft = False
    for a, b in lines:
        body = text[a:b]
        stripped = body.strip()
        if not stripped:
            # an empty line is neutral where PDF wraps show as \n\n; a line of spaces marks a paragraph end
            if body or paragraphs:
                prev_soft = False
            continue
        is_bullet = bool(_BULLET.match(body))
        if cur is not None and prev_soft and not is_bullet and not _opens_a_field(body):
            cur = (cur[0], b)
        else:
            if cur is not None:
                blocks.append(cur)
            cur = (a, b)
        last = stripped[-1]
        prev_soft = len(stripped) >= width and last not in _FINAL
        if len(stripped) >= 30 and _CONTINUED.search(stripped, len(stripped) - _CONTINUED_TAIL):
            prev_soft = True
    if cur is not None:
        blocks.append(cur)
    out: list[Sentence] = []
    for a, b in blocks:
        out.extend(_split_block(text, a, b))
    return out


# What a page or a wire puts before its first sentence, on the same line: a date stamp ("date
# 2024-03-05", "Published 12/03/2025") or a dateline ("AMMAN —", "Tunis, 4 mars (TAP) —"). Parsed
# with the sentence, it becomes the sentence's subject; cut off, it is a heading of its own.
_MONTH = (r"(?:jan|feb|fév|fev|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|août|aout|sep|oct|nov|dec|déc)"
          r"[a-zéû]*\.?")
_DATE = (r"(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}(?:er)?\s+" + _MONTH + r"\s+\d{4}"
         r"|" + _MONTH + r"\s+\d{1,2},?\s+\d{4})")
_STAMP = re.compile(r"(?:(?:date|dated|published|posted|updated|publié|mis à jour)(?:\s+(?:on|le))?\s*:?\s*)?"
                    + _DATE + r"(?:\s+(?:à|at)\s+\d{1,2}[:h]\d{2})?\s*[-–—|:]?\s+(?=\S)", re.I)
_DATELINE = re.compile(r"(?:[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+){0,2}"  # "AMMAN", "SIDI BOU SAID"
                       r"|[A-ZÀ-Ý][a-zà-ÿ'’-]+)"  # or one capitalised word: "Alger"
                       r"(?:,\s*[^—.!?\n]{1,30}?)?\s+—\s+(?=[A-ZÀ-Ý«\"])")
_CAPS_DATELINE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’ -]{2,24}:\s+(?=[A-ZÀ-Ý])")
_STAMP_REST = 40  # a stamp is cut off only before a sentence at least this long


def _stamp_end(block: str, off: int) -> int:
    """Where the date stamp or dateline that opens the block ends (`off` if none)."""
    end = off
    for rx in (_STAMP, _DATELINE, _CAPS_DATELINE):
        m = rx.match(block, end)
        if m and len(block) - m.end() >= _STAMP_REST:
            end = m.end()
    return end


_LAST_WORD = re.compile(r"([\w.°]+)$")
_NEXT_CHAR = re.compile(r"\s+(\S)")
_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+)")
_DIGITS = re.compile(r"\d+")


def _split_block(text: str, a: int, b: int) -> list[Sentence]:
    block = text[a:b]
    # drop a bullet marker from the start of the span
    m = _BULLET.match(block)
    off = m.end() if m else 0
    while off < len(block) and block[off].isspace():
        off += 1
    cuts = [off]
    stamp = _stamp_end(block, off)
    if stamp > off:
        cuts.append(stamp)
    for m in _END.finditer(block, off):
        end = m.end()
        before = block[max(0, m.start() - 40):m.start()]  # a window: slicing the whole prefix is quadratic
        word = _LAST_WORD.search(before)
        w = word.group(1).lower() if word else ""
        nxt = _NEXT_CHAR.match(block, end)
        if not nxt:
            continue
        c = nxt.group(1)
        if block[m.start()] == "." and (w in _ABBREV or (len(w) == 1 and w.isalpha())):
            continue  # "et al.", "E. Gallié", "fr."
        if block[m.start()] == "." and _DIGITS.fullmatch(w) and c.isdigit():
            continue
        if not (c.isupper() or c.isdigit() or c in "\"'“‘«(•-–"):
            continue
        cuts.append(end)
    cuts.append(len(block))
    out = []
    for s, e in _bounded(block, cuts):
        while s < e and block[s].isspace():
            s += 1
        while e > s and block[e - 1].isspace():
            e -= 1
        if e > s:
            t = block[s:e]
            heading = t[-1] not in _FINAL + ")\"”’»" and len(t) < 90 and "\n" not in t.strip()
            out.append(Sentence(a + s, a + e, t, heading))
    return out


def _bounded(block: str, cuts: list[int]):
    """(start, end) between consecutive cuts, a span longer than MAX_SENTENCE cut again:
    after the last comma or semicolon in its second half, else at the last space, else hard."""
    for s, e in zip(cuts, cuts[1:]):
        while e - s > MAX_SENTENCE:
            limit = s + MAX_SENTENCE
            cut = max(block.rfind(", ", s + MAX_SENTENCE // 2, limit), block.rfind("; ", s + MAX_SENTENCE // 2, limit))
            cut = cut + 1 if cut > s else block.rfind(" ", s + 1, limit)
            cut = cut if cut > s else limit
            yield s, cut
            s = cut
        yield s, e


def chunks(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `text` of at most about `size` characters, cut at a paragraph
    break, else a line break, else a sentence end (". " before a capital), else a space,
    in the second half of each piece; they cover the text exactly."""
    out, start = [], 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        cut = text.rfind("\n\n", lo, hi)
        if cut < 0:
            cut = text.rfind("\n", lo, hi)
        if cut < 0:
            m = None
            for m in _CHUNK_END.finditer(text, hi - min(size // 2, 20_000), hi):
                pass
            cut = m.end() - 1 if m else text.rfind(" ", lo, hi)
        cut = cut + 1 if cut >= lo else hi
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


_CHUNK_END = re.compile(r"[.!?] (?=[A-Z])")
