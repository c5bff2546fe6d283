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
from typing import Callable, Iterable

from ecograph.errors import EcographError, ReadError
from ecograph.ids import document_id
from ecograph.model import Document

from .readers import SUPPORTED_SUFFIXES, read
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


def ingest(store, paths: Iterable[str | os.PathLike], *,
           progress: Callable[[str], None] | None = None,
           resolver: Resolver | None = None) -> IngestReport:
    """Ingest files and folders into `store`. Returns what happened to each document."""
    report = IngestReport()
    resolver = resolver or Resolver.for_store(store)
    last_flush = time.monotonic()
    for source, problem in collect_paths(paths):
        if progress:
            progress(source)
        if problem:
            report.failed.append((source, problem))
            continue
        try:
            raw = read(source)
            doc_id = document_id(raw.text)
            old = store.get_document(doc_id)
            if old is not None and old.source == source:
                report.unchanged.append(source)
                continue
            doc = Document(id=doc_id, source=source, title=raw.title, language=raw.language,
                           ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
            extraction = resolver.resolve(doc, raw.text, extract(raw))
            store.add(extraction)
            resolver.learn(extraction)
            report.ingested.append(source)
        except ReadError as exc:
            report.failed.append((source, exc.problem))
            continue
        except EcographError as exc:
            if getattr(exc, "fatal", False):
                raise
            report.failed.append((source, str(exc)))
            continue
        except RecursionError:
            report.failed.append((source, "document structure too deeply nested"))
            continue
        if time.monotonic() - last_flush > FLUSH_SECONDS:
            store.flush()
            last_flush = time.monotonic()
    store.flush()
    report.entities = len(store.entities())
    report.relations = len(store.relations())
    return report
