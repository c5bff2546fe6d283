"""The ingest loop: paths → read → extract → resolve → store, one document at a time.

One bad document is recorded in the report and the loop goes on; a document is
stored whole or not at all (the store's `add` is atomic), and the store is
flushed often so an interrupted run loses at most the last moments of work and
a rerun completes it.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ecograph.errors import EcographError, ReadError
from ecograph.ids import document_id
from ecograph.model import Document

from .readers import SUPPORTED_SUFFIXES, read
from .types import RawDocument, RawExtraction
from .extract import extract
from .resolve import Resolver

FLUSH_SECONDS = 2.0


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    entities: int = 0
    relations: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def collect_paths(paths: Iterable[str | os.PathLike]) -> list[tuple[str, str | None]]:
    """(source, problem) for every file to ingest: directories are walked for supported
    files in a stable order; a named file is always tried; a missing path is a problem."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        p = str(p)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and Path(f).suffix.lower() in SUPPORTED_SUFFIXES:
                        out.append((os.path.join(root, f), None))
        elif os.path.exists(p):
            out.append((p, None))
        else:
            out.append((p, "no such file or directory"))
    return out


@dataclass
class _Prepared:
    """What a worker hands back for one file: read and extracted, or why not."""
    source: str
    raw: RawDocument | None = None
    doc_id: str | None = None
    extraction: RawExtraction | None = None
    unchanged: bool = False
    problem: str | None = None


def _prepare(source: str, known: frozenset[str], force: bool) -> _Prepared:
    """Read and extract one file. Pure (no store), so it can run in a worker process."""
    try:
        raw = read(source)
        doc_id = document_id(raw.text)
        if not force and doc_id in known:
            return _Prepared(source, doc_id=doc_id, unchanged=True)
        return _Prepared(source, raw=raw, doc_id=doc_id, extraction=extract(raw))
    except ReadError as exc:
        return _Prepared(source, problem=exc.problem)
    except RecursionError:
        return _Prepared(source, problem="document structure too deeply nested")
    except EcographError as exc:
        return _Prepared(source, problem=str(exc))
    except Exception as exc:  # an extractor defect must not stop the other documents
        return _Prepared(source, problem=f"internal error while extracting ({type(exc).__name__}: {exc})")


def ingest(store, paths: Iterable[str | os.PathLike], *,
           progress: Callable[[str], None] | None = None,
           resolver: Resolver | None = None, force: bool = False, jobs: int = 1) -> IngestReport:
    """Ingest files and folders into `store`. Returns what happened to each document.

    An unchanged document (same source, same text) is skipped unless `force` (after a
    curation decision or an extractor upgrade). With `jobs > 1`, reading and extraction
    run in that many worker processes; resolution and storage stay in this process, in
    input order, so the graph is the same whatever `jobs` is. Store errors (server gone,
    disk full) stop the run: what was stored stays, a rerun completes the job."""
    report = IngestReport()
    resolver = resolver or Resolver.for_store(store)
    last_flush = time.monotonic()
    todo = collect_paths(paths)
    # a text is one document whatever path it is read from: a copy at a second path is
    # "unchanged", so reruns never flip the stored source between the two paths
    known = frozenset(d.id for d in store.documents())
    sources = [s for s, problem in todo if problem is None]
    problems = {s: problem for s, problem in todo if problem is not None}
    for source in problems:
        if progress:
            progress(source)
        report.failed.append((source, problems[source]))
    for prep in _prepared(sources, known, force, jobs):
        if progress:
            progress(prep.source)
        if prep.problem is not None:
            report.failed.append((prep.source, prep.problem))
            continue
        if prep.unchanged:
            report.unchanged.append(prep.source)
            continue
        raw = prep.raw
        old = store.get_document(prep.doc_id)
        if old is not None and not force:
            report.unchanged.append(prep.source)  # ingested earlier in this same run
            continue
        doc = Document(id=prep.doc_id, source=prep.source, title=raw.title, language=raw.language,
                       ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        try:
            extraction = resolver.resolve(doc, raw.text, prep.extraction)
        except Exception as exc:  # a resolver defect must not stop the other documents
            report.failed.append((prep.source, f"internal error while resolving ({type(exc).__name__}: {exc})"))
            continue
        store.add(extraction)
        resolver.learn(extraction)
        report.ingested.append(prep.source)
        if time.monotonic() - last_flush > FLUSH_SECONDS:
            store.flush()
            last_flush = time.monotonic()
    store.flush()
    report.entities = len(store.entities())
    report.relations = len(store.relations())
    return report


def _prepared(sources: list[str], known, force: bool, jobs: int) -> Iterator[_Prepared]:
    if jobs <= 1 or len(sources) < 2:
        for s in sources:
            yield _prepare(s, known, force)
        return
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        # map keeps input order, so the graph does not depend on scheduling
        yield from pool.map(_prepare, sources, [known] * len(sources), [force] * len(sources),
                            chunksize=max(1, min(16, len(sources) // (jobs * 4) or 1)))
