"""Bounds on the work one document may cost, so that one hostile file cannot hold a run.

A 361 KB PDF whose 2,000 pages share one content stream that inflates to 40 MB took
11 minutes; a 9 MB text on one line took 400 s and 1 GB. Size limits on the file do not
bound that: what a file *expands to* does. So each document gets

- a time budget (`ECOGRAPH_MAX_SECONDS`, default 300 s) for reading and extraction,
  enforced by an interval timer in the main thread (`time_limit`) and checked between
  PDF pages (`Deadline`) where no timer can run;
- for PDFs, a page count (`ECOGRAPH_MAX_PDF_PAGES`, default 1000) and a total of decoded
  page content (`ECOGRAPH_MAX_PDF_CONTENT`, default 32M; pypdf parses page content at well
  under 1 MB/s on hostile streams): a content stream shared by
  many pages is counted once per page, because it is parsed once per page;
- a number of extracted characters: the extractor's own limit (`ECOGRAPH_EXTRACT_MAX_CHARS`),
  checked while a PDF's pages are read, so a reader never builds text it would refuse.

Past a bound the document is refused with a `ReadError` naming the bound and the variable
that raises it; the other documents of the run go on. A malformed setting stops the run
once (`fatal`), as `ECOGRAPH_MAX_BYTES` does.
"""
from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
import time

from ecograph.errors import EcographError, ReadError

DEFAULT_MAX_SECONDS = 300.0
DEFAULT_MAX_PDF_PAGES = 1000
DEFAULT_MAX_PDF_CONTENT = 32 * 1024 ** 2


def _setting(name: str, default: float, *, size: bool = False, fraction: bool = False) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    unit = r"\s*([kmg]?)(?:i?b)?" if size else ""
    number = r"(\d+(?:\.\d+)?)" if fraction else r"(\d+)"
    m = re.fullmatch(number + unit, raw, re.IGNORECASE)
    if not m or float(m.group(1)) <= 0:
        err = EcographError(f"{name} must be a positive {'size' if size else 'number'}, got {raw!r}",
                            hint=f"unset {name} for the default ({default:g})")
        err.fatal = True  # a configuration mistake: stop the run once, not fail every file
        raise err
    value = float(m.group(1)) if fraction else int(m.group(1))
    if size and m.group(2):
        value *= 1024 ** " kmg".index(m.group(2).lower())
    return value


def max_seconds() -> float:
    return _setting("ECOGRAPH_MAX_SECONDS", DEFAULT_MAX_SECONDS, fraction=True)


def max_pdf_pages() -> int:
    return int(_setting("ECOGRAPH_MAX_PDF_PAGES", DEFAULT_MAX_PDF_PAGES))


def max_pdf_content() -> int:
    return int(_setting("ECOGRAPH_MAX_PDF_CONTENT", DEFAULT_MAX_PDF_CONTENT, size=True))


def max_chars() -> int:
    """Characters of text the extractor accepts (its `ECOGRAPH_EXTRACT_MAX_CHARS`)."""
    from .extract import max_chars as extractor_limit  # one owner for that limit
    return extractor_limit()


def too_slow(path: str, seconds: float) -> ReadError:
    return ReadError(path, f"took more than {seconds:g} s to read and extract; refused",
                     hint="raise the limit with ECOGRAPH_MAX_SECONDS, or split the document")


class DocumentTimeout(BaseException):
    """Raised by the interval timer when a document's time is up. A BaseException, so that
    the broad `except Exception` a parser or the extractor may hold cannot swallow it."""


class Deadline:
    """The time budget of one document, checked between steps (e.g. PDF pages)."""

    def __init__(self, path: str, seconds: float | None = None, clock=time.monotonic):
        self.path, self.clock = path, clock
        self.seconds = max_seconds() if seconds is None else seconds
        self.end = clock() + self.seconds

    def check(self) -> None:
        if self.clock() >= self.end:
            raise too_slow(self.path, self.seconds)


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise `DocumentTimeout` in this (main) thread once `seconds` have passed. Elsewhere
    (a thread: signals only reach the main one) it does nothing and `Deadline` checks remain.
    A C call in progress (one regex on one string) finishes before the timer's exception."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
