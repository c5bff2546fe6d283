"""Decoding: a file's bytes -> text, whatever they are.

BOMs, strict UTF-8, a declared charset, Western European (cp1252) when it fits,
charset-normalizer, and cp1252 as the never-failing last resort; bytes that are no text
raise `ReadError` naming the file. Split from `readers` (which picks the format and
normalises) because this part is about bytes and charsets only.
"""
from __future__ import annotations

import codecs
import contextlib
import logging
import unicodedata
import warnings

from ecograph.errors import ReadError

SAMPLE = 65536          # bytes/chars inspected by the binary and charset heuristics

# Third-party loggers that would otherwise reach stderr through logging's last-resort
# handler when the application has not configured logging.
_NOISY_LOGGERS = ("pypdf", "trafilatura", "htmldate", "courlan", "justext",
                  "readability", "charset_normalizer")


@contextlib.contextmanager
def quiet():
    """Silence third-party loggers and warnings for the duration of a parse. Setting the
    parent logger's level covers its child loggers (they inherit the effective level).
    Not thread-safe, like every change to global logging state; ingest is single-threaded."""
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    saved = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, saved):
            lg.setLevel(level)


# UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_KEEP_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# Windows-1252 as browsers decode it: Latin-1 with 0x80-0x9F as typographic characters;
# the five bytes cp1252 leaves undefined keep their Latin-1 (control) meaning.
_CP1252_HIGH = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0)
                if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_CP1252_TABLE = str.maketrans({chr(b): c for b, c in _CP1252_HIGH.items()})
_WESTERN = set("".join(chr(c) for c in range(0xA0, 0x100)) + "".join(_CP1252_HIGH.values()))
_LATIN1_ALIASES = {"latin_1", "iso8859_1", "cp1252", "ascii", "iso8859_15"}
_BINARY = "binary file, not text"


def decode(path: str, data: bytes, declared: str | None = None) -> str:
    """Bytes -> str: BOM, then strict UTF-8, a declared charset, Western European
    (cp1252) when it fits, charset-normalizer, and cp1252 as the never-failing last resort."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(path, data[len(bom):].decode(codec, errors="replace"))
    has_nul = b"\x00" in data
    if has_nul and (codec := _bomless_utf16(data)):
        try:
            return _checked(path, data.decode(codec))
        except UnicodeDecodeError as exc:
            raise ReadError(path, _BINARY) from exc
    sample = data[:SAMPLE]
    if sample and len(sample.translate(None, _KEEP_BYTES)) > 0.05 * len(sample):
        raise ReadError(path, _BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if has_nul:      # NULs in bytes that are not UTF-8: a binary format
            raise ReadError(path, _BINARY) from None
    else:
        # A stray NUL in valid UTF-8 text (a pasted name, a buggy export) is dropped by
        # normalisation; more than a few means a binary format that happens to decode.
        if has_nul and data.count(0) > 0.01 * len(data):
            raise ReadError(path, _BINARY)
        return text
    codec = _codec_name(declared) if declared else None
    # A declared UTF-16/32 without BOM or NULs is a copy-paste error in the page, not a fact.
    if codec and codec != "utf_8" and not codec.startswith(("utf_16", "utf_32")):
        if codec in _LATIN1_ALIASES:      # browsers read "latin-1" labels as windows-1252
            return _cp1252(data)
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            return _checked(path, data.decode(codec))
    if _looks_western(sample):
        # charset-normalizer tends to call short French/English cp1252 text "cp1250"
        # (turning è into č), so the common case is settled before asking it.
        return _cp1252(data)
    guess = None
    with quiet(), contextlib.suppress(Exception):   # a heuristic library on hostile bytes
        import charset_normalizer
        guess = charset_normalizer.from_bytes(sample).best()
    if guess is not None and not guess.encoding.startswith(("utf_16", "utf_32")):
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            return _checked(path, data.decode(guess.encoding))
    return _checked(path, _cp1252(data))


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


def _cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_TABLE)


def _looks_western(sample: bytes) -> bool:
    """Non-UTF-8 bytes that read as Western European text under cp1252: every non-ASCII
    character is a Latin-1 letter/sign or cp1252 punctuation, and accented letters are a
    minority of letters (in Cyrillic or Greek single-byte text nearly every letter is
    non-ASCII, which would decode to a wall of accented Latin letters)."""
    text = _cp1252(sample)
    high = [c for c in text if ord(c) > 127]
    if not high or any(c not in _WESTERN for c in high):
        return False
    letters = sum(1 for c in text if c.isalpha())
    return sum(1 for c in high if c.isalpha()) <= 0.3 * letters


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM shows up as NULs in every other byte (for Latin-script text)."""
    sample = data[:4096]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.4 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.4 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def _checked(path: str, text: str) -> str:
    """Reject decoded text that is mostly unassigned/private/replacement/control characters."""
    sample = text[:SAMPLE]
    if not sample:
        return text
    bad = sum(1 for c in sample if (c == "\ufffd" or unicodedata.category(c) in ("Cn", "Co", "Cs")
                                    or (c < " " and c not in "\t\n\r\x0b\x0c\x1b")))
    if bad > 0.05 * len(sample):
        raise ReadError(path, _BINARY)
    return text
