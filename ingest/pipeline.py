"""The ingest loop: paths → read → extract → resolve → store, one document at a time.

One bad document is recorded in the report and the loop goes on; a document is
stored whole or not at all (the store's `add` is atomic), and the store is
flushed periodically so an interrupted run loses only its last stretch of work and
a rerun completes it (see `FlushPolicy` for how often).

Progress is reported through a callback (`Progress` events: the CLI draws them), and an
interrupt (Ctrl-C) keeps every document completed so far: the store is flushed and
`Interrupted` (a `KeyboardInterrupt` carrying the report) is raised. Storing one document
is never cut in half by a Ctrl-C: the interrupt waits until that document is stored.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ecograph.errors import EcographError
from ecograph.heap import fewer_collections
from ecograph.model import Document

from .metadata import apply as _apply_metadata
from .readers import SUPPORTED_SUFFIXES
from .resolve import Resolver
from .workers import Prepared, prepare, prepared_parallel, prestart

# Periodic flushes: at most every FLUSH_SECONDS (<= 0: after every document, which the
# crash-safety test uses), and spaced so that about FLUSH_SHARE of the run is spent in them.
FLUSH_SECONDS = 2.0
FLUSH_SHARE = 0.1


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, why it was not read)
    warnings: list[str] = field(default_factory=list)  # e.g. "a.html: date 'soon' ignored (...)"
    entities: int = 0
    relations: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class Progress:
    """One step of an ingest, for a progress display. `outcome` is None when `source` is
    starting, else "ingested", "unchanged" or "failed" (then `done` counts it)."""
    done: int
    total: int
    source: str
    outcome: str | None = None


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest. Everything in `report.ingested` is stored (flushed) and a
    rerun with the same paths resumes: those documents are then "unchanged"."""

    def __init__(self, report: IngestReport, total: int):
        super().__init__()
        self.report = report
        self.total = total


class NothingToIngest(EcographError):
    """The paths named no supported file at all (an empty folder, only .docx files...)."""


class FlushPolicy:
    """When the ingest loop flushes the store.

    The embedded store rewrites its whole file on every flush, so a flush costs time in
    proportion to the graph (seconds at 10k documents). With a fixed period a large ingest
    ends up flushing back to back (80 % of a 10k-document run did). So the wait after a
    flush is the larger of `seconds` and what keeps flushing to `share` of the time:
    cost × (1 − share) / share (measured: 11-15 % at 10k documents, a little over `share`
    because each flush costs more than the one before). What an interrupted run loses is
    bounded by the same wait, and a rerun redoes it."""

    def __init__(self, seconds: float | None = None, share: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        # module globals read at construction, not import, so callers (and tests) can set them
        self.seconds = FLUSH_SECONDS if seconds is None else seconds
        share = FLUSH_SHARE if share is None else share
        self.factor = (1 - share) / share if 0 < share < 1 else 0.0
        self.clock = clock
        self.last = clock()
        self.cost = 0.0
        self.flushes = 0

    def due(self) -> bool:
        if self.seconds <= 0:
            return True
        return self.clock() - self.last >= max(self.seconds, self.cost * self.factor)

    def flush(self, store) -> None:
        t = self.clock()
        store.flush()
        self.last = self.clock()
        self.cost = self.last - t
        self.flushes += 1


#: Pseudo-filesystems never read, whatever path leads there: their files are the kernel's
#: view of processes and devices (/proc/self/environ holds secrets, /dev/zero never ends).
SYSTEM_ROOTS = ("/proc", "/sys", "/dev")


class Skipped(str):
    """Why a path was deliberately not read (a policy, not a failure of the file)."""


def _system_path(real: str) -> str | None:
    return next((r for r in SYSTEM_ROOTS if real == r or real.startswith(r + os.sep)), None)


def _walk(folder: str) -> Iterator[tuple[str, str | None]]:
    """Supported files under `folder`, in a stable order. A symbolic link is followed only
    when it stays inside the folder: a link in a shared folder to ~/.ssh or a password
    file must not become a document (naming that file on the command line is another
    matter: the user chose it)."""
    base = os.path.realpath(folder)
    for root, dirs, files in os.walk(folder):
        kept = []
        for d in sorted(x for x in dirs if not x.startswith(".")):
            if os.path.islink(os.path.join(root, d)):
                yield os.path.join(root, d), Skipped("symbolic link to a folder: not followed")
            else:
                kept.append(d)
        dirs[:] = kept
        for f in sorted(files):
            if f.startswith(".") or Path(f).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            path = os.path.join(root, f)
            if os.path.islink(path):
                real = os.path.realpath(path)
                if os.path.commonpath([base, real]) != base:
                    yield path, Skipped(f"symbolic link to a file outside {folder}: not followed")
                    continue
                if _system_path(real):
                    yield path, Skipped(f"links into {_system_path(real)}, which is never read")
                    continue
            yield path, None


def collect_paths(paths: Iterable[str | os.PathLike]) -> list[tuple[str, str | None]]:
    """(source, problem) for every file to ingest: directories are walked for supported
    files in a stable order (see `_walk`); a named file is always tried; a missing path is
    a problem; a path into /proc, /sys or /dev, or a link out of a walked folder, is
    `Skipped` (the problem says why)."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        p = str(p)
        system = _system_path(os.path.realpath(p))
        if system:
            out.append((p, Skipped(f"in {system}, which is never read (kernel and device files)")))
        elif os.path.isdir(p):
            out.extend(_walk(p))
        elif os.path.exists(p):
            out.append((p, None))
        else:
            out.append((p, "no such file or directory"))
    return out


def files_to_ingest(paths: Iterable[str | os.PathLike]) -> list[tuple[str, str | None]]:
    """`collect_paths`, or `NothingToIngest` (naming the supported suffixes) if that is empty."""
    paths = list(paths)
    todo = collect_paths(paths)
    if not todo:
        raise NothingToIngest("no supported file found in " + ", ".join(map(str, paths)),
                              hint="ecograph reads " + ", ".join(sorted(SUPPORTED_SUFFIXES)))
    return todo


def ingest(store, paths: Iterable[str | os.PathLike], *,
           progress: Callable[[Progress], None] | None = None,
           resolver: Resolver | None = None, force: bool = False, jobs: int = 1,
           described: dict[str, dict[str, str]] | None = None,
           named: dict[str, tuple[str, str | None]] | None = None) -> IngestReport:
    """Ingest files and folders into `store`. Returns what happened to each document.

    An unchanged document (same source, same text) is skipped unless `force` (after a
    curation decision or an extractor upgrade). With `jobs > 1`, reading and extraction
    run in that many worker processes; resolution and storage stay in this process, in
    input order, so the graph is the same whatever `jobs` is. Store errors (server gone,
    disk full) and configuration errors stop the run: what was stored stays, a rerun
    completes the job.

    `progress` gets a `Progress` before and after each document. Raises `NothingToIngest`
    when the paths hold no supported file, `Interrupted` on Ctrl-C (what was done is kept).

    `described`: source -> metadata a manifest states (title, url, published, site), which
    overrides what the document says about itself. `named`: path -> (source, url) for
    files that stand for something else (a fetched page's cached copy: stored, reported
    and replaced under its URL; `url` unless the page states one)."""
    with fewer_collections():  # ecograph.heap says why
        return _ingest(store, paths, progress, resolver, force, jobs, described or {}, named or {})


def _ingest(store, paths, progress, resolver, force, jobs, described=None, named=None) -> IngestReport:
    report = IngestReport()
    todo = files_to_ingest(paths)
    if jobs > 1 and len(todo) > 1:
        prestart()  # the workers' server warms up while the resolver indexes the store
    resolver = resolver or Resolver.for_store(store)
    # a text is one document whatever path it is read from: a copy at a second path is
    # "unchanged", so reruns never flip the stored source between the two paths
    meta = _Metadata(described or {}, named or {})
    meta.restated = meta.changes(store)  # stored documents a manifest now describes otherwise
    known = frozenset(d.id for d in store.documents()) - meta.restated
    tell = _Teller(progress, len(todo))
    for source, problem in todo:
        if problem is not None:
            skipped = isinstance(problem, Skipped)
            (report.skipped if skipped else report.failed).append((source, problem))
            tell.finished(source, "skipped" if skipped else "failed")
    sources = [s for s, problem in todo if problem is None]
    try:
        _store_each(store, _prepared(sources, known, force, jobs), report, resolver, force, tell, sources, meta)
    except KeyboardInterrupt:
        with interrupts_deferred():
            store.flush()  # what was stored is kept: a rerun finds it "unchanged"
        raise Interrupted(report, len(todo)) from None
    with interrupts_deferred():
        store.flush()  # always: the periodic ones are a bound on lost work, this one is the result
    report.entities = len(store.entities())
    report.relations = len(store.relations())
    return report


class _Teller:
    """Sends `Progress` events, counting finished documents."""

    def __init__(self, progress, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def starting(self, source: str) -> None:
        if self.progress:
            self.progress(Progress(self.done, self.total, source))

    def finished(self, source: str, outcome: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(Progress(self.done, self.total, source, outcome))


def _store_each(store, prepared: Iterator[Prepared], report, resolver, force, tell, sources, meta) -> None:
    policy = FlushPolicy()
    for i in range(len(sources)):
        tell.starting(sources[i])
        prep = next(prepared)
        if prep.fatal is not None:
            raise EcographError(prep.fatal[0], hint=prep.fatal[1])
        outcome = _store_one(store, prep, report, resolver, force, meta)
        if outcome == "ingested" and policy.due():
            with interrupts_deferred():
                policy.flush(store)
        tell.finished(prep.source, outcome)


def _store_one(store, prep: Prepared, report, resolver, force, meta: "_Metadata") -> str:
    fetched_url, cached = meta.rename(prep)
    if prep.problem is not None:
        report.failed.append((prep.source, prep.problem))
        return "failed"
    if prep.unchanged or (not force and prep.doc_id not in meta.restated
                          and store.get_document(prep.doc_id) is not None):
        report.unchanged.append(prep.source)  # (or ingested earlier in this same run)
        return "unchanged"
    raw = prep.raw
    doc = Document(id=prep.doc_id, source=prep.source, title=raw.title, language=raw.language,
                   ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                   url=raw.url or fetched_url, published=raw.published, site=raw.site)
    report.warnings.extend(w.replace(cached, prep.source) if cached else w for w in raw.warnings)
    if prep.source in meta.described:
        report.warnings.extend(describe(doc, meta.described[prep.source], prep.source))
    try:
        extraction = resolver.resolve(doc, raw.text, prep.extraction)
    except Exception as exc:  # a resolver defect must not stop the other documents
        report.failed.append((prep.source, f"internal error while resolving ({type(exc).__name__}: {exc})"))
        return "failed"
    with interrupts_deferred():  # a document is stored whole, and then counted as kept
        store.add(extraction)
        resolver.learn(extraction)
        meta.restated -= {doc.id}  # once per run
        report.ingested.append(prep.source)
    return "ingested"


@dataclass
class _Metadata:
    """What the caller knows about some documents (`ingest`'s `described` and `named`)."""
    described: dict[str, dict[str, str]]
    named: dict[str, tuple[str, str | None]]
    restated: frozenset[str] = frozenset()

    def changes(self, store) -> frozenset[str]:
        """Ids of stored documents whose title/url/date/site the manifest changes: read
        again although their text is unchanged, so the new description is stored."""
        out = set()
        for source, found in self.described.items():
            doc = store.document_by_source(source)
            if doc is not None:
                copy = replace(doc)
                describe(copy, found, source)
                if any(getattr(copy, k) != getattr(doc, k) for k in ("title", "url", "published", "site")):
                    out.add(doc.id)
        return frozenset(out)

    def rename(self, prep: Prepared) -> tuple[str | None, str | None]:
        """A cached page's copy takes its URL as source: (the URL fetched, the copy's path)."""
        if prep.source not in self.named:
            return None, None
        cached = prep.source
        prep.source, url = self.named[cached]
        return url, cached


def describe(doc: Document, found: dict[str, str], name: str) -> list[str]:
    """Apply a manifest's fields to `doc`; the warnings about fields it could not use."""
    warnings: list[str] = []
    _apply_metadata(doc, found, name, warnings)
    return warnings


@contextmanager
def interrupts_deferred():
    """Hold back Ctrl-C (SIGINT) for the duration, then raise it: a write in progress
    finishes. Only in the main thread, and only when SIGINT means KeyboardInterrupt."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    caught: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def _prepared(sources: list[str], known: frozenset[str], force: bool, jobs: int) -> Iterator[Prepared]:
    if jobs <= 1 or len(sources) < 2:
        for s in sources:
            yield prepare(s, known, force)
        return
    yield from prepared_parallel(sources, known, force, jobs)
