"""Reading and extraction of documents, in this process or in worker processes.

`prepare` is the pure part of ingesting one file (read, hash, extract: no store), so it
can run anywhere. `prepared_parallel` runs it in `jobs` worker processes for
`ingest(..., jobs=N)`:

- workers take *batches* of documents, and the "already stored" set is sent once per
  worker (pool initializer), not with every task: inter-process traffic is one message
  per batch each way;
- at most `AHEAD` batches per worker are in flight and results come back in input
  order, so the ingest process (resolve + store, the serial part) is never starved and
  memory stays bounded however many files there are;
- workers fork from a forkserver that has imported and warmed up the extractor
  (`_preload`), so they do not each pay the spaCy import and gazetteer build;
- a worker that dies (a parser crashing on a hostile file, the OOM killer) costs only the
  document that killed it: its batch is retried one document per fresh process, and the
  rest of the run goes on; workers exit when the ingest process dies (killed), instead of
  staying behind as orphans.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable, Iterator

from ecograph import heap
from ecograph.errors import EcographError, ReadError
from ecograph.ids import document_id

from . import limits
from .extract import extract
from .readers import read
from .sentences import chunks
from .types import RawDocument, RawExtraction

AHEAD = 2            # batches in flight per worker: one being worked on, one queued
MAX_BATCH = 16       # documents per batch, at most
CHUNK_CHARS = 200_000  # a longer text is extracted in pieces of about this size (extract_bounded)
_PRELOAD = "ecograph.ingest._preload"


@dataclass
class Prepared:
    """What a worker hands back for one file: read and extracted, or why not."""
    source: str
    raw: RawDocument | None = None
    doc_id: str | None = None
    extraction: RawExtraction | None = None
    unchanged: bool = False
    problem: str | None = None
    fatal: tuple[str, str | None] | None = None  # (message, hint): a configuration error, stop the run


def prepare(source: str, known: frozenset[str], force: bool) -> Prepared:
    """Read and extract one file, within its time budget (`ingest.limits`). Never raises:
    a problem is recorded in the result."""
    seconds = None
    try:
        seconds = limits.max_seconds()
        with limits.time_limit(seconds):
            raw = read(source)
            doc_id = document_id(raw.text)
            if not force and doc_id in known:
                return Prepared(source, doc_id=doc_id, unchanged=True)
            return Prepared(source, raw=raw, doc_id=doc_id, extraction=extract_bounded(raw))
    except limits.DocumentTimeout:
        return Prepared(source, problem=limits.too_slow(source, seconds).problem)
    except ReadError as exc:
        return Prepared(source, problem=exc.problem)
    except RecursionError:
        return Prepared(source, problem="document structure too deeply nested")
    except EcographError as exc:
        if getattr(exc, "fatal", False):  # e.g. a bad ECOGRAPH_MAX_BYTES: not this file's fault
            return Prepared(source, fatal=(str(exc), exc.hint))
        # the report puts the source before the problem: a message that starts with it
        # would read "path: path: too long"
        problem = str(exc)
        return Prepared(source, problem=problem.removeprefix(f"{source}: "))
    except Exception as exc:  # an extractor defect must not stop the other documents
        return Prepared(source, problem=f"internal error while extracting ({type(exc).__name__}: {exc})")


def extract_bounded(raw: RawDocument) -> RawExtraction:
    """`extract`, a chunk at a time for long texts (`sentences.chunks`): the extractor's
    cost grows faster than the text on long lines, so a 9 MB single line cost 4x the
    same text in paragraphs and a gigabyte of memory; chunks bound both per piece.
    Offsets are shifted back into the whole text, so evidence spans stay exact."""
    text = raw.text
    limit = limits.max_chars()
    if len(text) > limit:
        raise ReadError(raw.source, f"too long for extraction: {len(text)} characters (limit {limit})",
                        hint="split the document, or raise ECOGRAPH_EXTRACT_MAX_CHARS")
    spans = chunks(text, CHUNK_CHARS)
    if len(spans) == 1:
        return extract(raw)
    out = RawExtraction()
    for a, b in spans:
        part = extract(RawDocument(source=raw.source, text=text[a:b], title=raw.title,
                                   language=raw.language, format=raw.format))
        moved: set[int] = set()  # a Mention object may be shared by mentions and candidates
        for m in [*part.mentions, *(x for c in part.candidates for x in (c.source, c.target))]:
            if id(m) not in moved:
                moved.add(id(m))
                m.start += a
                m.end += a
        for c in part.candidates:
            c.start += a
            c.end += a
        out.mentions.extend(part.mentions)
        out.candidates.extend(part.candidates)
    return out


def warm() -> None:
    """Build extraction's per-process state (spaCy vocab, gazetteers, cue matchers, registry)
    by extracting two tiny documents; best effort, since a failure here must not stop a run."""
    for lang, text in (("en", "Orion Cluster is a member of the Vega Network in Tangier.\n"),
                       ("fr", "Le pôle Orion est membre du réseau Vega à Tanger.\n")):
        try:
            extract(RawDocument(source="<warm-up>", text=text, title="", language=lang))
        except Exception:  # noqa: BLE001 - warming is an optimisation only
            pass


# --- worker side --------------------------------------------------------------------
_known: frozenset[str] = frozenset()
_force = False


def _init_worker(known: frozenset[str], force: bool, env: dict[str, str]) -> None:
    global _known, _force
    _known, _force = known, force
    # workers fork from a server started with the environment of its first use; the
    # ECOGRAPH_* settings the readers and extractor consult must be this run's
    for k in [k for k in os.environ if k.startswith("ECOGRAPH_") and k not in env]:
        del os.environ[k]
    os.environ.update(env)
    gc.set_threshold(*heap.THRESHOLDS)  # this process only ever extracts (ecograph.heap says why)
    # Ctrl-C on a terminal reaches the whole process group: the ingest process handles it
    # (keeps what is done, stops the pool); a worker dying of it would only add tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a killed ingest (SIGKILL, OOM) cannot shut its pool down, and workers blocked on the task
    # queue would live on, orphaned; the parent's sentinel closes when it dies, whatever the cause
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent) -> None:
    parent.join()
    os._exit(1)


def prepare_batch(sources: list[str]) -> list[Prepared]:
    return [prepare(s, _known, _force) for s in sources]


# --- ingest-process side --------------------------------------------------------------
def batch_size(n: int, workers: int) -> int:
    """Big enough to amortise a round trip, small enough that every worker gets several
    batches (the slowest batch decides when the run ends)."""
    return max(1, min(MAX_BATCH, n // (workers * 4)))


def prestart() -> None:
    """Start the server workers fork from, now: it imports and warms the extractor (~1-2 s of
    CPU) in its own process while the caller goes on (opening the store, indexing it)."""
    _context()
    from multiprocessing import forkserver
    forkserver.ensure_running()


def _context():
    # forkserver, not fork: the ingest process may hold threads (the Neo4j driver's, the pool's
    # own), and forking a threaded process can deadlock the child
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([_PRELOAD])  # no effect once this process's forkserver runs
    return ctx


def _pool(workers: int, known: frozenset[str], force: bool) -> ProcessPoolExecutor:
    ctx = _context()
    env = {k: v for k, v in os.environ.items() if k.startswith("ECOGRAPH_")}
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(known, force, env))


def prepared_parallel(sources: list[str], known: frozenset[str], force: bool, jobs: int, *,
                      work: Callable[[list[str]], list[Prepared]] = prepare_batch) -> Iterator[Prepared]:
    """`prepare` for every source in `jobs` worker processes; results in input order.
    `work` (a module-level function, for pickling) is replaceable for tests."""
    workers = max(1, min(jobs, len(sources)))
    size = batch_size(len(sources), workers)
    batches = [sources[i:i + size] for i in range(0, len(sources), size)]
    done = 0  # batches whose results have been yielded
    while done < len(batches):
        broken = False
        pool = _pool(workers, known, force)
        pending: deque[Future] = deque()
        nxt = done
        try:
            while pending or nxt < len(batches):
                while len(pending) < workers * AHEAD and nxt < len(batches):
                    pending.append(pool.submit(work, batches[nxt]))
                    nxt += 1
                try:
                    results = pending.popleft().result()
                except BrokenProcessPool:
                    broken = True
                    break
                done += 1
                yield from results
        finally:
            # also when the consumer stops early (a store error): don't extract the rest
            pool.shutdown(wait=True, cancel_futures=True)
        if broken:
            # a worker died while batch `done` (or a later in-flight one) ran: find the
            # culprit in `done` one document at a time; a culprit in a later batch breaks
            # the next pool and is isolated the same way, so every round makes progress
            for source in batches[done]:
                yield _alone(source, known, force, work)
            done += 1


def _alone(source: str, known: frozenset[str], force: bool, work) -> Prepared:
    pool = _pool(1, known, force)
    try:
        return pool.submit(work, [source]).result()[0]
    except BrokenProcessPool:
        pass
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    # the document, or worker processes as such? (they cannot start at all when, e.g., the
    # main script lacks the `if __name__ == "__main__":` guard); the latter must stop the run,
    # not fail every document one by one
    if not _workers_start(known, force):
        raise EcographError("worker processes for --jobs die as soon as they start",
                            hint="run with --jobs 1; from a script, guard the entry point with "
                                 "`if __name__ == \"__main__\":`")
    return Prepared(source, problem="the worker process reading it died (crashed or was killed)")


def _workers_start(known: frozenset[str], force: bool) -> bool:
    pool = _pool(1, known, force)
    try:
        return pool.submit(prepare_batch, []).result() == []
    except BrokenProcessPool:
        return False
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
